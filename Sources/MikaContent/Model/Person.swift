/// An author or publisher: a person or an organisation, optionally with a persistent identifier.
public struct Person: Hashable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable { case person, organization }

    public var name: String
    public var kind: Kind
    /// A persistent identifier as a full URI (ORCID, GND, ROR), if given.
    public var identifier: String?
    public var url: String?

    public init(name: String, kind: Kind = .person, identifier: String? = nil, url: String? = nil) {
        self.name = name
        self.kind = kind
        self.identifier = identifier
        self.url = url
    }
}
