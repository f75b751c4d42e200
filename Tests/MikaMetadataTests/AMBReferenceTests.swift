import Foundation
@testable import MikaContent
import MikaLicensing
@testable import MikaMetadata
import MikaTestSupport
import XCTest

/// mika writes AMB JSON as it reads the description (`JSONWriter`); the same document built as a `JSONValue` tree,
/// whose writer sorts the keys itself, is the reference. Both must give the same bytes for every description of the
/// sample site and for one with every field filled.
final class AMBReferenceTests: XCTestCase {
    func testSampleSiteRecordsMatchTheTreeBuiltDocument() throws {
        let (site, diagnostics) = ContentLoader(contentDirectory: FixtureTree.repositoryRoot.appendingPathComponent("content")).load()
        XCTAssertFalse(diagnostics.hasErrors)
        let resources = try XCTUnwrap(Discovery(site: XCTUnwrap(site))).resources
        XCTAssertEqual(resources.count, 14)
        for resource in resources {
            XCTAssertEqual(String(decoding: AMB.jsonUTF8(for: resource), as: UTF8.self), referenceDocument(resource).text, resource.url)
        }
    }

    func testEveryFieldFilledMatchesTheTreeBuiltDocument() throws {
        let (site, _) = ContentLoader(contentDirectory: FixtureTree.repositoryRoot.appendingPathComponent("content")).load()
        var resource = try XCTUnwrap(Discovery(site: XCTUnwrap(site))).resources[1]
        let odd = "Zitat \"innen\" \\ Zeile\nzwei\t<script>\u{1} ü €"
        resource.ambContext = .draft
        resource.name = odd
        resource.description = odd
        resource.keywords = ["a", odd]
        resource.creators = [Person(name: odd), Person(name: "Org", kind: .organization, identifier: "https://ror.org/03vek6s52")]
        resource.contributors = [Person(name: "Bea", url: "https://example.org/bea")]
        resource.publisher = Person(name: "Verlag", kind: .organization)
        resource.license = License.named("CC-BY-SA-4.0")
        resource.dates = ResourceDates(created: "2024-01-02", published: "2024-02-03", modified: "2024-03-04")
        resource.duration = LearningDuration(minutes: 95)
        resource.learningResourceTypes = [Concept(id: "https://w3id.org/kim/hcrt/text", prefLabel: ["en": "Text", "de": "Text", "uk": "Текст"])]
        resource.educationalLevels = [Concept(id: "https://example.org/level", prefLabel: [:])]
        resource.audiences = [Concept(id: "https://example.org/a", prefLabel: ["de": odd])]
        resource.objectives = ["Erstes", odd]
        resource.assessesObjectives = true
        resource.isPartOf = [.init(url: "https://example.org/kurs/", name: "Kurs", kind: .course)]
        resource.hasPart = [.init(url: "https://example.org/kurs/m/", name: odd, kind: .module)]
        resource.image = "https://example.org/bild.png"
        resource.basedOn = [Attribution(title: odd, author: "Autorin", license: "CC-BY-4.0", source: "https://example.org/quelle", changes: nil),
                            Attribution(title: "Buch", author: nil, license: "unbekannt", source: "Bibliothek", changes: "gekürzt")]
        resource.mentionedTools = [ToolFacts(name: "Werkzeug", url: "https://example.org/tool", line: 1), ToolFacts(name: odd, line: 2)]
        resource.subjects = [Concept(id: "https://example.org/fach", prefLabel: ["de": "Fach"])]
        resource.sourceOrganizations = [Person(name: "Träger", kind: .organization, url: "https://example.org/")]
        resource.provider = Person(name: "Campus", kind: .organization, url: "https://example.org/campus/")
        resource.excludedMedia = [MediaLicense(path: "logo.png", author: "Firma X", license: "NONE", location: SourceLocation(file: "logo.png.license", line: 1))]
        XCTAssertEqual(String(decoding: AMB.jsonUTF8(for: resource), as: UTF8.self), referenceDocument(resource).text)

        var bare = resource
        bare.kind = .course
        (bare.description, bare.publisher, bare.license, bare.duration, bare.image, bare.provider) = (nil, nil, nil, nil, nil, nil)
        (bare.keywords, bare.creators, bare.contributors, bare.objectives) = ([], [], [], [])
        (bare.learningResourceTypes, bare.educationalLevels, bare.audiences, bare.subjects) = ([], [], [], [])
        (bare.isPartOf, bare.hasPart, bare.basedOn, bare.mentionedTools, bare.sourceOrganizations) = ([], [], [], [], [])
        bare.dates = ResourceDates()
        bare.excludedMedia = []
        bare.ambContext = .released
        XCTAssertEqual(String(decoding: AMB.jsonUTF8(for: bare), as: UTF8.self), referenceDocument(bare).text)
    }

    // MARK: - The document as a tree (what mika wrote before it wrote AMB directly)

    private func referenceDocument(_ resource: ResourceDescription) -> JSONValue {
        let objectives = resource.objectives.enumerated().map { index, text in
            JSONValue.object([("id", .string(resource.objectiveURI(index))), ("prefLabel", .object([(resource.language, .string(text))]))])
        }
        let members: [(String, JSONValue?)] = [
            ("@context", .array((resource.ambContext == .draft ? [.string(AMB.draftContextURL)] : [])
                                + [.string(AMB.contextURL), .object([("@language", .string(resource.language))])])),
            ("id", .string(resource.url)),
            ("type", types(resource.kind)),
            ("name", .string(resource.name)),
            ("description", resource.description.map(JSONValue.string)),
            ("about", .list(resource.subjects, concept)),
            ("creator", .list(resource.creators, agent)),
            ("contributor", .list(resource.contributors, agent)),
            ("publisher", .list(resource.publisher.map { [$0] } ?? [], agent)),
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
            ("isPartOf", .list(resource.isPartOf, part)),
            ("hasPart", .list(resource.hasPart, part)),
            ("image", resource.image.map(JSONValue.string)),
            ("isBasedOn", .list(resource.basedOn, work)),
            ("mentions", .list(resource.mentionedTools) { tool in
                .object([("type", .string("SoftwareApplication")), ("name", .string(tool.name)),
                         ("url", tool.url.map(JSONValue.string))])
            }),
            ("isAccessibleForFree", .bool(true)),
            ("conditionsOfAccess", concept(Vocabularies.noLogin)),
            ("sourceOrganization", .list(resource.sourceOrganizations, agent)),
            ("mainEntityOfPage", resource.provider.map { provider in
                .array([.object([("id", .string(resource.url)), ("type", .string("WebContent")),
                                 ("provider", agent(provider)),
                                 ("dateModified", resource.dates.modified.map(JSONValue.string))])])
            }),
        ]
        return .object(members)
    }

    private func types(_ kind: ResourceDescription.Kind) -> JSONValue {
        kind == .course ? .array([.string("LearningResource"), .string("Course")]) : .array([.string("LearningResource")])
    }

    private func agent(_ person: Person) -> JSONValue {
        .object([("type", .string(person.kind == .organization ? "Organization" : "Person")),
                 ("name", .string(person.name)),
                 ("id", (person.identifier ?? person.url).map(JSONValue.string))])
    }

    private func work(_ work: Attribution) -> JSONValue {
        let isURL = work.source.map { $0.hasPrefix("https://") || $0.hasPrefix("http://") } ?? false
        return .object([
            ("name", .string(work.title)),
            ("id", isURL ? work.source.map(JSONValue.string) : nil),
            ("creator", work.author.map { .array([.object([("type", .string("Person")), ("name", .string($0))])]) }),
            ("license", work.license.flatMap { License.named($0)?.url }.map { .object([("id", .string($0))]) }),
        ])
    }

    private func concept(_ concept: Concept) -> JSONValue {
        .object([("id", .string(concept.id)), ("type", .string("Concept")),
                 ("prefLabel", .object(concept.prefLabel.map { ($0.key, JSONValue.string($0.value)) }))])
    }

    private func part(_ reference: ResourceDescription.Reference) -> JSONValue {
        .object([("id", .string(reference.url)), ("type", types(reference.kind)), ("name", .string(reference.name))])
    }
}
