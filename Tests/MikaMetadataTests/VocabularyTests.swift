import Foundation
import MikaContent
import MikaMarkdown
import MikaTestSupport
import XCTest

/// The vocabulary tables emit only concepts that exist in the published vocabularies, with their labels, and
/// accept every German label the vocabularies give a concept.
final class VocabularyTests: XCTestCase {
    struct TurtleConcept {
        var prefLabels: [String: String] = [:]
        /// German prefLabel and altLabels.
        var germanLabels: [String] = []
    }

    /// Concepts of a SKOS Turtle file: subjects written `<local>` (against `@base`) or `prefix:local`, with their
    /// prefLabels by language and German alt labels; statements may run over several lines.
    func concepts(in file: String) throws -> [String: TurtleConcept] {
        let text = try String(contentsOf: XMLSchemaValidator.schemasFolder.appendingPathComponent("amb/vocabs/\(file)"), encoding: .utf8)
        let base = text.firstMatch(of: #/@base <([^>]+)>/#).map { String($0.1) } ?? ""
        var prefixes: [String: String] = [:]
        for match in text.matches(of: #/@prefix ([A-Za-z]*): <([^>]+)>/#) { prefixes[String(match.1)] = String(match.2) }
        var result: [String: TurtleConcept] = [:]
        var current: String?
        var predicate = ""
        for line in text.split(separator: "\n") {
            if let match = line.firstMatch(of: #/^<([^>]*)>\s+a\s+skos:Concept\s*[;.]/#) {
                current = base + match.1
            } else if let match = line.firstMatch(of: #/^([A-Za-z]+):(\S+)\s+a\s+skos:Concept\s*[;.]/#), let namespace = prefixes[String(match.1)] {
                current = namespace + match.2
            } else if line.first?.isWhitespace == false {
                current = nil
            }
            guard let current else { continue }
            if result[current] == nil { result[current] = TurtleConcept() }
            if let match = line.firstMatch(of: #/skos:(\w+)/#) { predicate = String(match.1) }
            guard predicate == "prefLabel" || predicate == "altLabel" else { continue }
            for label in line.matches(of: #/"([^"]+)"@([a-zA-Z-]+)/#) {
                let (value, language) = (String(label.1), String(label.2))
                if predicate == "prefLabel" { result[current]!.prefLabels[language] = value }
                if language == "de" { result[current]!.germanLabels.append(value) }
            }
        }
        return result
    }

    /// Every concept of the table exists with the labels it emits, and each German label of a concept in the
    /// table is a key of that concept (and of no other).
    func assertTable(_ table: [(keys: [String], concept: Concept)], matches file: String, englishTag: String = "en",
                     minimum: Int, line: UInt = #line) throws {
        let vocabulary = try concepts(in: file)
        XCTAssertGreaterThanOrEqual(vocabulary.count, minimum, file, line: line)
        for entry in table {
            let found = try XCTUnwrap(vocabulary[entry.concept.id], "\(entry.concept.id) is not in \(file)", line: line)
            XCTAssertEqual(found.prefLabels["de"], entry.concept.prefLabel["de"], entry.concept.id, line: line)
            if let english = entry.concept.prefLabel["en"] {
                XCTAssertEqual(found.prefLabels[englishTag], english, entry.concept.id, line: line)
            }
            for label in found.germanLabels {
                let key = label.slugified
                XCTAssertTrue(entry.keys.contains(key), "'\(label)' of \(entry.concept.id) is not accepted", line: line)
                let elsewhere = table.filter { $0.concept.id != entry.concept.id && $0.keys.contains(key) }
                XCTAssertTrue(elsewhere.isEmpty, "'\(label)' also maps to \(elsewhere.map(\.concept.id))", line: line)
            }
        }
        // No key of ours is a label the vocabulary gives to another concept.
        for (id, concept) in vocabulary {
            for label in concept.germanLabels {
                if let entry = table.first(where: { $0.keys.contains(label.slugified) }) {
                    XCTAssertEqual(entry.concept.id, id, "'\(label)' is a label of \(id)", line: line)
                }
            }
        }
    }

    func testLearningResourceTypesExistInHCRT() throws {
        let hcrt = try concepts(in: "hcrt.ttl")
        XCTAssertGreaterThan(hcrt.count, 20)
        let emitted = ModuleType.allCases.map(Vocabularies.learningResourceType(for:)) + [Vocabularies.course]
        for concept in emitted {
            XCTAssertEqual(hcrt[concept.id]?.prefLabels["de"], concept.prefLabel["de"], concept.id)
        }
    }

    func testEducationalLevelsFollowTheVocabulary() throws {
        try assertTable(Vocabularies.educationalLevels, matches: "educationalLevel.ttl", minimum: 12)
        // Every concept of the vocabulary can be named.
        let all = try concepts(in: "educationalLevel.ttl")
        XCTAssertEqual(Set(Vocabularies.educationalLevels.map(\.concept.id)), Set(all.keys))
    }

    func testAudienceRolesFollowTheLRMIVocabulary() throws {
        try assertTable(Vocabularies.audiences, matches: "educationalAudienceRole.ttl", englishTag: "en-US", minimum: 8)
        let all = try concepts(in: "educationalAudienceRole.ttl")
        XCTAssertEqual(Set(Vocabularies.audiences.map(\.concept.id)), Set(all.keys))
    }

    func testSubjectsFollowTheSchoolSubjectVocabulary() throws {
        try assertTable(Vocabularies.subjects, matches: "schulfaecher.ttl", minimum: 30)
        let all = try concepts(in: "schulfaecher.ttl")
        XCTAssertEqual(Set(Vocabularies.subjects.map(\.concept.id)), Set(all.keys))
    }

    func testTheTurtleReaderReadsLabelsOverSeveralLines() throws {
        let levels = try concepts(in: "educationalLevel.ttl")
        XCTAssertEqual(levels["https://w3id.org/kim/educationalLevel/level_4"]?.germanLabels.contains("Berufliche Bildung"), true)
        let subjects = try concepts(in: "schulfaecher.ttl")
        XCTAssertEqual(subjects["http://w3id.org/kim/schulfaecher/s1010"]?.germanLabels, ["Geografie", "Erdkunde", "Geographie"])
        let roles = try concepts(in: "educationalAudienceRole.ttl")
        XCTAssertEqual(roles["http://purl.org/dcx/lrmi-vocabs/educationalAudienceRole/teacher"]?.prefLabels["de"], "Lehrer")
    }

    func testAuthorsWordsMapToConcepts() {
        XCTAssertEqual(Vocabularies.lookUp("Berufliche Weiterbildung", in: Vocabularies.educationalLevels)?.concept.id,
                       "https://w3id.org/kim/educationalLevel/level_C")
        XCTAssertEqual(Vocabularies.lookUp("Berufliche Bildung", in: Vocabularies.educationalLevels)?.concept.id,
                       "https://w3id.org/kim/educationalLevel/level_4", "the vocabulary's altLabel of level 4")
        XCTAssertEqual(Vocabularies.lookUp("Berufsausbildung", in: Vocabularies.educationalLevels)?.concept.id,
                       "https://w3id.org/kim/educationalLevel/level_3")
        XCTAssertEqual(Vocabularies.lookUp("Ausbildende Fachkräfte", in: Vocabularies.audiences)?.concept.id,
                       "http://purl.org/dcx/lrmi-vocabs/educationalAudienceRole/professional")
        XCTAssertEqual(Vocabularies.lookUp("IT", in: Vocabularies.subjects)?.concept.id, "http://w3id.org/kim/schulfaecher/s1013")
        XCTAssertNil(Vocabularies.lookUp("Kindergarten", in: Vocabularies.educationalLevels))
    }
}
