import Foundation
import MikaContent
import MikaTestSupport
import XCTest

/// The vocabulary table emits only concepts that exist in the published vocabularies, with their German labels.
final class VocabularyTests: XCTestCase {
    /// Concept URI → German prefLabel, read from a SKOS Turtle file (`@base` plus `<local> a skos:Concept`).
    func concepts(in file: String) throws -> [String: String] {
        let text = try String(contentsOf: XMLSchemaValidator.schemasFolder.appendingPathComponent("amb/vocabs/\(file)"), encoding: .utf8)
        let base = try XCTUnwrap(text.firstMatch(of: #/@base <([^>]+)>/#)?.1).description
        var result: [String: String] = [:]
        var current: String?
        for line in text.split(separator: "\n") {
            if let match = line.firstMatch(of: #/^<([^>]+)>\s+a\s+skos:Concept/#) {
                current = base + match.1
                result[current!] = ""
            } else if let current, line.contains("skos:prefLabel"), let label = line.firstMatch(of: #/"([^"]+)"@de/#) {
                result[current] = String(label.1)
            }
        }
        return result
    }

    func testLearningResourceTypesExistInHCRT() throws {
        let hcrt = try concepts(in: "hcrt.ttl")
        XCTAssertGreaterThan(hcrt.count, 20)
        let emitted = ModuleType.allCases.map(Vocabularies.learningResourceType(for:)) + [Vocabularies.course]
        for concept in emitted {
            XCTAssertEqual(hcrt[concept.id], concept.prefLabel["de"], concept.id)
        }
    }

    func testEducationalLevelsExistInTheVocabulary() throws {
        let levels = try concepts(in: "educationalLevel.ttl")
        XCTAssertGreaterThan(levels.count, 8)
        for entry in Vocabularies.educationalLevels {
            XCTAssertEqual(levels[entry.concept.id], entry.concept.prefLabel["de"], entry.concept.id)
        }
    }

    func testAudienceRolesAreLRMIConcepts() {
        // No Turtle copy of the LRMI vocabulary is carried; its eight roles are checked by name.
        let roles = ["administrator", "generalPublic", "mentor", "parent", "peerTutor", "professional", "student", "teacher"]
        XCTAssertEqual(Set(Vocabularies.audiences.map { String($0.concept.id.split(separator: "/").last!) }), Set(roles))
        XCTAssertTrue(Vocabularies.audiences.allSatisfy { $0.concept.id.hasPrefix("http://purl.org/dcx/lrmi-vocabs/educationalAudienceRole/") })
    }

    func testAuthorsWordsMapToConcepts() {
        XCTAssertEqual(Vocabularies.lookUp("Berufliche Weiterbildung", in: Vocabularies.educationalLevels)?.concept.id,
                       "https://w3id.org/kim/educationalLevel/level_C")
        XCTAssertEqual(Vocabularies.lookUp("beruflich", in: Vocabularies.educationalLevels)?.concept.id,
                       "https://w3id.org/kim/educationalLevel/level_3")
        XCTAssertEqual(Vocabularies.lookUp("Ausbildende Fachkräfte", in: Vocabularies.audiences)?.concept.id,
                       "http://purl.org/dcx/lrmi-vocabs/educationalAudienceRole/professional")
        XCTAssertNil(Vocabularies.lookUp("Kindergarten", in: Vocabularies.educationalLevels))
    }
}
