import MikaContent

/// A small icon per phase kind, drawn inline (no request): phases are told apart by colour *and* shape.
enum PhaseIcons {
    static func svg(_ kind: PhaseKind) -> String {
        let shape: String
        switch kind {
        case .praesenzWorkshop:  // two people at a table
            shape = #"<circle cx="8" cy="7" r="3"/><circle cx="16" cy="7" r="3"/><path d="M3 20v-4a5 5 0 0 1 10 0v4M11 20v-4a5 5 0 0 1 10 0v4"/>"#
        case .onlineLerngruppentreffen:  // a screen with a person
            shape = #"<rect x="2" y="3" width="20" height="14" rx="2"/><circle cx="12" cy="9" r="2.5"/><path d="M7.5 15a4.5 4.5 0 0 1 9 0M8 21h8M12 17v4"/>"#
        case .selbstlernphase:  // an open book
            shape = #"<path d="M2 5c3-1.5 7-1.5 10 1 3-2.5 7-2.5 10-1v14c-3-1.5-7-1.5-10 1-3-2.5-7-2.5-10-1zM12 6v14"/>"#
        case .praxisphase:  // a wrench
            shape = #"<path d="M14.5 6.5a4.5 4.5 0 0 0 5.9 5.9L21 13l-8.5 8.5a2.1 2.1 0 0 1-3-3L18 10l.5-.6A4.5 4.5 0 0 0 14.5 6.5zM14 3l3 3"/>"#
        case .kompetenzbilanzierung:  // a check mark in a circle
            shape = #"<circle cx="12" cy="12" r="9"/><path d="M7.5 12.5l3 3 6-6.5"/>"#
        }
        return #"<svg class="phase-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">"#
            + shape + "</svg>"
    }
}
