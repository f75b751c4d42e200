import Foundation
import MikaContent

/// AMB (Allgemeines Metadatenprofil für Bildungsressourcen) JSON-LD, the schema.org/LRMI profile that German
/// OER portals harvest. Shape and field names follow the AMB JSON Schema (release 2023-10-19).
public enum AMB {
    public static let contextURL = "https://w3id.org/kim/amb/context.jsonld"

    /// Pretty-printed JSON with sorted keys, for files and golden tests.
    public static func json(for resource: ResourceDescription) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(Document(resource))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The same JSON made safe inside `<script type="application/ld+json">`: `<` is written as `\u003c`, so no
    /// value can close the script element.
    public static func scriptJSON(for resource: ResourceDescription) -> String {
        json(for: resource).replacingOccurrences(of: "<", with: "\\u003c")
    }

    struct Document: Encodable {
        var context: [ContextItem]
        var id: String
        var type: [String]
        var name: String
        var description: String?
        var creator: [Agent]?
        var contributor: [Agent]?
        var publisher: [Agent]?
        var license: Link?
        var inLanguage: [String]
        var keywords: [String]?
        var dateCreated: String?
        var datePublished: String?
        var dateModified: String?
        var duration: String?
        var learningResourceType: [ConceptValue]
        var educationalLevel: [ConceptValue]?
        var audience: [ConceptValue]?
        var teaches: [Objective]?
        var assesses: [Objective]?
        var isPartOf: [Reference]?
        var hasPart: [Reference]?
        var image: String?
        var isAccessibleForFree: Bool
        var conditionsOfAccess: ConceptValue

        enum CodingKeys: String, CodingKey {
            case context = "@context"
            case id, type, name, description, creator, contributor, publisher, license, inLanguage, keywords
            case dateCreated, datePublished, dateModified, duration, learningResourceType, educationalLevel, audience
            case teaches, assesses, isPartOf, hasPart, image, isAccessibleForFree, conditionsOfAccess
        }

        init(_ resource: ResourceDescription) {
            context = [.url(AMB.contextURL), .language(resource.language)]
            id = resource.url
            type = AMB.types(resource.kind)
            name = resource.name
            description = resource.description
            creator = Agent.list(resource.creators)
            contributor = Agent.list(resource.contributors)
            publisher = resource.publisher.flatMap { Agent.list([$0]) }
            // AMB accepts only open licence URLs (Creative Commons and a few others); `LicenseRef-` has none.
            license = resource.license?.url.map(Link.init)
            inLanguage = [resource.language]
            keywords = resource.keywords.isEmpty ? nil : resource.keywords
            dateCreated = resource.dates.created
            datePublished = resource.dates.published
            dateModified = resource.dates.modified
            duration = resource.duration?.iso8601
            learningResourceType = resource.learningResourceTypes.map(ConceptValue.init)
            educationalLevel = resource.educationalLevels.isEmpty ? nil : resource.educationalLevels.map(ConceptValue.init)
            audience = resource.audiences.isEmpty ? nil : resource.audiences.map(ConceptValue.init)
            let objectives = resource.objectives.enumerated().map { index, text in
                Objective(id: resource.objectiveURI(index), prefLabel: [resource.language: text])
            }
            teaches = objectives.isEmpty ? nil : objectives
            assesses = objectives.isEmpty || !resource.assessesObjectives ? nil : objectives
            isPartOf = resource.isPartOf.isEmpty ? nil : resource.isPartOf.map(Reference.init)
            hasPart = resource.hasPart.isEmpty ? nil : resource.hasPart.map(Reference.init)
            image = resource.image
            isAccessibleForFree = true
            conditionsOfAccess = ConceptValue(Vocabularies.noLogin)
        }
    }

    static func types(_ kind: ResourceDescription.Kind) -> [String] {
        kind == .course ? ["LearningResource", "Course"] : ["LearningResource"]
    }

    enum ContextItem: Encodable {
        case url(String)
        case language(String)

        func encode(to encoder: Encoder) throws {
            switch self {
            case .url(let url):
                var container = encoder.singleValueContainer()
                try container.encode(url)
            case .language(let language):
                var container = encoder.singleValueContainer()
                try container.encode(["@language": language])
            }
        }
    }

    struct Agent: Encodable {
        var type: String
        var name: String
        var id: String?

        static func list(_ people: [Person]) -> [Agent]? {
            people.isEmpty ? nil : people.map {
                Agent(type: $0.kind == .organization ? "Organization" : "Person", name: $0.name, id: $0.identifier ?? $0.url)
            }
        }
    }

    struct Link: Encodable {
        var id: String
    }

    struct ConceptValue: Encodable {
        var id: String
        var type = "Concept"
        var prefLabel: [String: String]

        init(_ concept: Concept) {
            id = concept.id
            prefLabel = concept.prefLabel
        }
    }

    struct Objective: Encodable {
        var id: String
        var prefLabel: [String: String]
    }

    struct Reference: Encodable {
        var id: String
        var type: [String]
        var name: String

        init(_ reference: ResourceDescription.Reference) {
            id = reference.url
            type = AMB.types(reference.kind)
            name = reference.name
        }
    }
}
