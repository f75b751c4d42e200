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
    public static func json(for resource: ResourceDescription) -> String {
        String(decoding: jsonUTF8(for: resource), as: UTF8.self)
    }

    private static let escapedLessThan = Array("\\u003c".utf8)

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

    /// `json(for:)` as UTF-8 bytes, written as the values are read (members in sorted key order): building a
    /// `JSONValue` tree first and writing it took a twelfth of a large build. `AMBReferenceTests` holds it to the
    /// same document built as a tree.
    public static func jsonUTF8(for resource: ResourceDescription) -> [UInt8] {
        var json = JSONWriter()
        json.object { json in
            json.key("@context")
            json.array { json in
                if resource.ambContext == .draft {
                    json.item()
                    json.string(draftContextURL)
                }
                json.item()
                json.string(contextURL)
                json.item()
                json.object { $0.member("@language", resource.language) }
            }
            json.member("about", list: resource.subjects, concept)
            if resource.assessesObjectives { objectives(of: resource, "assesses", to: &json) }
            json.member("audience", list: resource.audiences, concept)
            json.key("conditionsOfAccess")
            concept(&json, Vocabularies.noLogin)
            json.member("contributor", list: resource.contributors, agent)
            json.member("copyrightNotice", resource.exclusionNotice)
            json.member("creator", list: resource.creators, agent)
            json.member("dateCreated", resource.dates.created)
            json.member("dateModified", resource.dates.modified)
            json.member("datePublished", resource.dates.published)
            json.member("description", resource.description)
            json.member("duration", resource.duration?.iso8601)
            json.member("educationalLevel", list: resource.educationalLevels, concept)
            json.member("hasPart", list: resource.hasPart, reference)
            json.member("id", resource.url)
            json.member("image", resource.image)
            json.member("inLanguage", list: [resource.language]) { $0.string($1) }
            json.key("isAccessibleForFree")
            json.bool(true)
            json.member("isBasedOn", list: resource.basedOn, work)
            json.member("isPartOf", list: resource.isPartOf, reference)
            json.member("keywords", list: resource.keywords) { $0.string($1) }
            json.member("learningResourceType", list: resource.learningResourceTypes, concept)
            // AMB accepts only open licence URLs (Creative Commons and a few others); `LicenseRef-` has none.
            if let url = resource.license?.url { json.member("license") { $0.member("id", url) } }
            // The page that carries this description, and the site that provides it (required by OERSI).
            if let provider = resource.provider {
                json.member("mainEntityOfPage", list: [provider]) { json, provider in
                    json.object { json in
                        json.member("dateModified", resource.dates.modified)
                        json.member("id", resource.url)
                        json.key("provider")
                        agent(&json, provider)
                        json.member("type", "WebContent")
                    }
                }
            }
            json.member("mentions", list: resource.mentionedTools) { json, tool in
                json.object { json in
                    json.member("name", tool.name)
                    json.member("type", "SoftwareApplication")
                    json.member("url", tool.url)
                }
            }
            json.member("name", resource.name)
            json.member("publisher", list: resource.publisher.map { [$0] } ?? [], agent)
            json.member("sourceOrganization", list: resource.sourceOrganizations, agent)
            objectives(of: resource, "teaches", to: &json)
            json.key("type")
            types(resource.kind, to: &json)
        }
        return json.finish()
    }

    static func types(_ kind: ResourceDescription.Kind, to json: inout JSONWriter) {
        json.array { json in
            json.item()
            json.string("LearningResource")
            if kind == .course {
                json.item()
                json.string("Course")
            }
        }
    }

    /// The learning objectives as concepts of the resource's own (`…#lernziel_1`); nothing when there are none.
    private static func objectives(of resource: ResourceDescription, _ name: String, to json: inout JSONWriter) {
        json.member(name, list: Array(resource.objectives.enumerated())) { json, objective in
            json.object { json in
                json.member("id", resource.objectiveURI(objective.offset))
                json.member("prefLabel") { $0.member(resource.language, objective.element) }
            }
        }
    }

    static func agent(_ json: inout JSONWriter, _ person: Person) {
        json.object { json in
            json.member("id", person.identifier ?? person.url)
            json.member("name", person.name)
            json.member("type", person.kind == .organization ? "Organization" : "Person")
        }
    }

    /// A work the resource adapts: name, creator, licence, and its source as id when that is a URL.
    static func work(_ json: inout JSONWriter, _ work: Attribution) {
        let isURL = work.source.map { $0.hasPrefix("https://") || $0.hasPrefix("http://") } ?? false
        json.object { json in
            if let author = work.author {
                json.member("creator", list: [author]) { json, author in
                    json.object { json in
                        json.member("name", author)
                        json.member("type", "Person")
                    }
                }
            }
            json.member("id", isURL ? work.source : nil)
            if let url = work.license.flatMap({ License.named($0)?.url }) { json.member("license") { $0.member("id", url) } }
            json.member("name", work.title)
        }
    }

    static func concept(_ json: inout JSONWriter, _ concept: Concept) {
        json.object { json in
            json.member("id", concept.id)
            json.member("prefLabel", texts: concept.prefLabel)
            json.member("type", "Concept")
        }
    }

    static func reference(_ json: inout JSONWriter, _ reference: ResourceDescription.Reference) {
        json.object { json in
            json.member("id", reference.url)
            json.member("name", reference.name)
            json.key("type")
            types(reference.kind, to: &json)
        }
    }
}
