/// One phase of a course's schedule, e.g. a workshop or a self-study phase.
public struct Phase: Hashable, Sendable, Codable {
    /// The name modules use in their `phase:` field.
    public var id: String
    public var kind: PhaseKind
    public var title: String
    /// Free text as authors write it: "4 Std.", "ca. 4 Wochen".
    public var duration: String?
    /// What happens in the phase.
    public var description: String?
    public var location: SourceLocation

    public init(id: String, kind: PhaseKind, title: String, duration: String?, description: String?,
                location: SourceLocation) {
        self.id = id
        self.kind = kind
        self.title = title
        self.duration = duration
        self.description = description
        self.location = location
    }
}
