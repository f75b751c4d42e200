import Foundation

/// The kind of a module: what a learner does in it.
public enum ModuleType: String, CaseIterable, Sendable, Codable {
    case theory, toolguide, project, reflection, quiz

    /// German label shown on badges.
    public var label: String {
        switch self {
        case .theory: return "Theorie-Input"
        case .toolguide: return "Tool-Anleitung"
        case .project: return "Projektarbeit"
        case .reflection: return "Reflexion"
        case .quiz: return "Quiz"
        }
    }
}

/// A step of the complete action ("vollständige Handlung").
public enum ActionStep: String, CaseIterable, Sendable, Codable {
    case informieren, planen, entscheiden, ausfuehren, kontrollieren, bewerten

    public var label: String {
        switch self {
        case .informieren: return "Informieren"
        case .planen: return "Planen"
        case .entscheiden: return "Entscheiden"
        case .ausfuehren: return "Ausführen"
        case .kontrollieren: return "Kontrollieren"
        case .bewerten: return "Bewerten"
        }
    }

    /// 1 to 6, in the order of the model.
    public var number: Int { ActionStep.allCases.firstIndex(of: self)! + 1 }
}

/// The kind of a phase in a blended qualification.
public enum PhaseKind: String, CaseIterable, Sendable, Codable {
    case praesenzWorkshop = "präsenz-workshop"
    case onlineLerngruppentreffen = "online-lerngruppentreffen"
    case selbstlernphase
    case praxisphase
    case kompetenzbilanzierung

    public var label: String {
        switch self {
        case .praesenzWorkshop: return "Präsenz-Workshop"
        case .onlineLerngruppentreffen: return "Online-Lerngruppentreffen"
        case .selbstlernphase: return "Selbstlernphase"
        case .praxisphase: return "Praxisphase"
        case .kompetenzbilanzierung: return "Kompetenzbilanzierung"
        }
    }
}

/// Reads author-written enum values leniently: case, umlauts spelt out (`ausführen` = `ausfuehren`).
protocol AuthorValue: RawRepresentable, CaseIterable where RawValue == String {}

extension AuthorValue {
    init?(authorValue: String) {
        // Most values are written as the vocabulary spells them; no two raw values normalise alike.
        if let exact = Self(rawValue: authorValue) {
            self = exact
            return
        }
        let key = Self.normalise(authorValue)
        guard let match = Self.allCases.first(where: { Self.normalise($0.rawValue) == key }) else { return nil }
        self = match
    }

    static var allowedValues: [String] { allCases.map(\.rawValue) }

    static func normalise(_ value: String) -> String {
        var result = ""
        for character in value.lowercased() {
            switch character {
            case "ä": result += "ae"
            case "ö": result += "oe"
            case "ü": result += "ue"
            case "ß": result += "ss"
            case " ", "_": result += "-"
            default: result.append(character)
            }
        }
        while result.hasPrefix("-") { result.removeFirst() }
        while result.hasSuffix("-") { result.removeLast() }
        return result
    }
}

extension ModuleType: AuthorValue {}
extension ActionStep: AuthorValue {}
extension PhaseKind: AuthorValue {}
