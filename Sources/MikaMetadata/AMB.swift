import Foundation
import MikaContent
import MikaLicensing

/// AMB (Allgemeines Metadatenprofil für Bildungsressourcen) JSON-LD, the schema.org/LRMI profile that German
/// OER portals harvest. Shape and field names follow the AMB JSON Schema (release 2023-10-19).
public enum AMB {
    public static let contextURL = "https://w3id.org/kim/amb/context.jsonld"
    /// The draft context that OERSI's loader still pins. With `amb_context: draft` both are named, draft first, so a
    /// record satisfies the AMB schema (which requires the released URL) and the loader alike.
    public static let draftContextURL = "https://w3id.org/kim/amb/draft/context.jsonld"

    /// Pretty-printed JSON with sorted keys, for files and golden tests.
    public static func json(for resource: ResourceDescription) -> String { document(resource).text }

    private static let escapedLessThan = Array("\\u003c".utf8)

    /// `json(for:)` as UTF-8 bytes.
    public static func jsonUTF8(for resource: ResourceDescription) -> [UInt8] { document(resource).utf8 }

    /// Appends UTF-8 JSON to a page's bytes, made safe inside `<script type="application/ld+json">`: `<` is written
    /// as `\u003c` (each found with memchr), so no value can close the script element.
    public static func appendScriptJSON(_ json: [UInt8], to output: inout [UInt8]) {
        json.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return }
            var start = 0
            while start < bytes.count, let found = memchr(base + start, Int32(UInt8(ascii: "<")), bytes.count - start) {
                let position = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<position]))
                output.append(contentsOf: escapedLessThan)
                start = position + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
    }

    public static func document(_ resource: ResourceDescription) -> JSONValue {
        let objectives = resource.objectives.enumerated().map { index, text in
            JSONValue.object([("id", .string(resource.objectiveURI(index))), ("prefLabel", .object([(resource.language, .string(text))]))])
        }
        return .object([
            ("@context", .array((resource.ambContext == .draft ? [.string(draftContextURL)] : [])
                                + [.string(contextURL), .object([("@language", .string(resource.language))])])),
            ("id", .string(resource.url)),
            ("type", types(resource.kind)),
            ("name", .string(resource.name)),
            ("description", resource.description.map(JSONValue.string)),
            ("about", .list(resource.subjects, concept)),
            ("creator", .list(resource.creators, agent)),
            ("contributor", .list(resource.contributors, agent)),
            ("publisher", .list(resource.publisher.map { [$0] } ?? [], agent)),
            // AMB accepts only open licence URLs (Creative Commons and a few others); `LicenseRef-` has none.
            ("license", resource.license?.url.map { .object([("id", .string($0))]) }),
            ("copyrightNotice", resource.exclusionNotice.map(JSONValue.string)),
            ("inLanguage", .array([.string(resource.language)])),
            ("keywords", .list(resource.keywords, JSONValue.string)),
            ("dateCreated", resource.dates.created.map(JSONValue.string)),
            ("datePublished", resource.dates.published.map(JSONValue.string)),
            ("dateModified", resource.dates.modified.map(JSONValue.string)),
            ("duration", resource.duration.map { .string($0.iso8601) }),
            ("learningResourceType", .list(resource.learningResourceTypes, concept)),
            ("educationalLevel", .list(resource.educationalLevels, concept)),
            ("audience", .list(resource.audiences, concept)),
            ("teaches", objectives.isEmpty ? nil : .array(objectives)),
            ("assesses", objectives.isEmpty || !resource.assessesObjectives ? nil : .array(objectives)),
            ("isPartOf", .list(resource.isPartOf, reference)),
            ("hasPart", .list(resource.hasPart, reference)),
            ("image", resource.image.map(JSONValue.string)),
            ("isBasedOn", .list(resource.basedOn, work)),
            ("mentions", .list(resource.mentionedTools) { tool in
                .object([("type", .string("SoftwareApplication")), ("name", .string(tool.name)),
                         ("url", tool.url.map(JSONValue.string))])
            }),
            ("isAccessibleForFree", .bool(true)),
            ("conditionsOfAccess", concept(Vocabularies.noLogin)),
            ("sourceOrganization", .list(resource.sourceOrganizations, agent)),
            // The page that carries this description, and the site that provides it (required by OERSI).
            ("mainEntityOfPage", resource.provider.map { provider in
                .array([.object([("id", .string(resource.url)), ("type", .string("WebContent")),
                                 ("provider", agent(provider)),
                                 ("dateModified", resource.dates.modified.map(JSONValue.string))])])
            }),
        ])
    }

    static func types(_ kind: ResourceDescription.Kind) -> JSONValue {
        kind == .course ? .array([.string("LearningResource"), .string("Course")]) : .array([.string("LearningResource")])
    }

    static func agent(_ person: Person) -> JSONValue {
        .object([("type", .string(person.kind == .organization ? "Organization" : "Person")),
                 ("name", .string(person.name)),
                 ("id", (person.identifier ?? person.url).map(JSONValue.string))])
    }

    /// A work the resource adapts: name, creator, licence, and its source as id when that is a URL.
    static func work(_ work: Attribution) -> JSONValue {
        let isURL = work.source.map { $0.hasPrefix("https://") || $0.hasPrefix("http://") } ?? false
        return .object([
            ("name", .string(work.title)),
            ("id", isURL ? work.source.map(JSONValue.string) : nil),
            ("creator", work.author.map { .array([.object([("type", .string("Person")), ("name", .string($0))])]) }),
            ("license", work.license.flatMap { License.named($0)?.url }.map { .object([("id", .string($0))]) }),
        ])
    }

    static func concept(_ concept: Concept) -> JSONValue {
        .object([("id", .string(concept.id)), ("type", .string("Concept")),
                 ("prefLabel", .object(concept.prefLabel.map { ($0.key, JSONValue.string($0.value)) }))])
    }

    static func reference(_ reference: ResourceDescription.Reference) -> JSONValue {
        .object([("id", .string(reference.url)), ("type", types(reference.kind)), ("name", .string(reference.name))])
    }
}
