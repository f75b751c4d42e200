import MikaContent
import MikaLicensing

/// Simple Dublin Core (the 15 elements of DCMES 1.1), as used by DC-HTML meta tags and OAI-DC records.
public struct DublinCore: Sendable {
    public static let namespace = "http://purl.org/dc/elements/1.1/"

    /// Element name (`title`, `creator`, …) and value, in output order; elements may repeat.
    public private(set) var elements: [(name: String, value: String)] = []

    init() {}

    public init(_ resource: ResourceDescription) {
        add("title", resource.name)
        resource.creators.forEach { add("creator", $0.name) }
        resource.keywords.forEach { add("subject", $0) }
        add("description", resource.description)
        add("publisher", resource.publisher?.name)
        resource.contributors.forEach { add("contributor", $0.name) }
        add("date", resource.dates.published ?? resource.dates.created ?? resource.dates.modified)
        // DCMI Type vocabulary.
        switch resource.kind {
        case .course: add("type", "Collection")
        case .module: add("type", resource.assessesObjectives ? "InteractiveResource" : "Text")
        }
        resource.learningResourceTypes.forEach { add("type", $0.prefLabel["de"] ?? $0.id) }
        add("format", "text/html")
        add("identifier", resource.url)
        add("language", resource.language)
        resource.isPartOf.forEach { add("relation", $0.url) }
        resource.basedOn.forEach { add("source", $0.source ?? $0.title) }
        add("rights", Self.rights(resource.license))
        add("rights", resource.exclusionNotice)
    }

    /// The site as a whole, for the home page.
    public init(site: Site) {
        add("title", site.title)
        site.authors.forEach { add("creator", $0.name) }
        add("description", site.description)
        add("publisher", site.publisher?.name)
        add("type", "Collection")
        add("format", "text/html")
        add("identifier", site.baseURL)
        add("language", site.language)
        add("rights", Self.rights(License.named(site.license)))
    }

    private mutating func add(_ name: String, _ value: String?) {
        guard let value, !value.isEmpty else { return }
        elements.append((name, value))
    }

    /// The licence URL where there is one, else its name.
    static func rights(_ license: License?) -> String? { license.map { $0.url ?? $0.name } }

    /// `DC.title` etc. for `<meta name=… content=…>`; pages add `<link rel="schema.DC" href=namespace>`.
    public var metaTags: [(name: String, content: String)] {
        elements.map { ("DC.\($0.name)", $0.value) }
    }
}
