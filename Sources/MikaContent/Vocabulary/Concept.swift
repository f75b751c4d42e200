/// A SKOS concept from a controlled vocabulary: its URI and preferred labels by language.
public struct Concept: Hashable, Sendable, Codable {
    public var id: String
    public var prefLabel: [String: String]

    public init(id: String, prefLabel: [String: String]) {
        self.id = id
        self.prefLabel = prefLabel
    }
}

/// A value as the author wrote it and the concept it maps to.
public struct VocabularyValue: Hashable, Sendable, Codable {
    /// The author's words, shown on pages.
    public var text: String
    public var concept: Concept
}
