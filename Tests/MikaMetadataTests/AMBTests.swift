import Foundation
import MikaContent
@testable import MikaMetadata
import MikaTestSupport
import XCTest

final class AMBTests: XCTestCase {
    func load(_ files: [String: String] = [:]) throws -> Site {
        let tree = try FixtureTree(FixtureTree.minimalSite.merging(files) { $1 })
        let (site, diagnostics) = ContentLoader(contentDirectory: tree.url("content"), displayPath: "content").load()
        XCTAssertFalse(diagnostics.hasErrors, diagnostics.map(\.formatted).joined(separator: "\n"))
        return try XCTUnwrap(site)
    }

    func json(_ resource: ResourceDescription?) throws -> [String: Any] {
        let text = AMB.json(for: try XCTUnwrap(resource))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func testCourseAndModuleDescribeEachOther() throws {
        let site = try load()
        let course = site.courses[0]
        let courseJSON = try json(ResourceDescription.course(course, site: site))
        let moduleJSON = try json(ResourceDescription.module(course.modules[0], in: course, site: site))
        XCTAssertEqual(courseJSON["type"] as? [String], ["LearningResource", "Course"])
        XCTAssertEqual(moduleJSON["type"] as? [String], ["LearningResource"])
        XCTAssertEqual(courseJSON["id"] as? String, "https://example.org/campus/kurse/kurs/")
        XCTAssertEqual(moduleJSON["id"] as? String, "https://example.org/campus/kurse/kurs/erstes/")
        let parts = try XCTUnwrap(courseJSON["hasPart"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        XCTAssertEqual(parts, ["https://example.org/campus/kurse/kurs/erstes/", "https://example.org/campus/kurse/kurs/zweites/"])
        let parent = try XCTUnwrap(moduleJSON["isPartOf"] as? [[String: Any]]).first
        XCTAssertEqual(parent?["id"] as? String, courseJSON["id"] as? String)
        XCTAssertEqual((moduleJSON["license"] as? [String: String])?["id"], "https://creativecommons.org/licenses/by-sa/4.0/")
        XCTAssertEqual(moduleJSON["duration"] as? String, "PT45M")
        XCTAssertEqual(moduleJSON["inLanguage"] as? [String], ["de"])
        XCTAssertEqual(moduleJSON["isAccessibleForFree"] as? Bool, true)
        let context = try XCTUnwrap(moduleJSON["@context"] as? [Any])
        XCTAssertEqual(context.first as? String, "https://w3id.org/kim/amb/context.jsonld")
        XCTAssertEqual((context.last as? [String: String])?["@language"], "de")
        let types = try XCTUnwrap(moduleJSON["learningResourceType"] as? [[String: Any]])
        XCTAssertEqual(types.first?["id"] as? String, "https://w3id.org/kim/hcrt/text")
    }

    func testPeopleIdentifiersLevelAndObjectives() throws {
        let site = try load([
            "content/courses/kurs/course.yml": """
            title: Testkurs
            level: Berufliche Weiterbildung
            audience: [Ausbildungspersonal]
            authors:
              - {name: Ada, id: "https://orcid.org/0000-0002-1825-0097"}
              - {name: Hochschule X, type: organization, id: "https://ror.org/03vek6s52"}
            phases: [{id: start, kind: praxisphase, title: Praxis}]
            """,
            "content/courses/kurs/02-zweites.md": "---\ntitle: Quiz\ntype: quiz\nobjectives: [Lizenzen prüfen]\n---\n```quiz\nquestions:\n  - {type: short, question: Q, answers: [a]}\n```\n",
        ])
        let course = site.courses[0]
        let quiz = try json(ResourceDescription.module(course.modules[1], in: course, site: site))
        let creators = try XCTUnwrap(quiz["creator"] as? [[String: String]])
        XCTAssertEqual(creators, [["name": "Ada", "type": "Person", "id": "https://orcid.org/0000-0002-1825-0097"],
                                  ["name": "Hochschule X", "type": "Organization", "id": "https://ror.org/03vek6s52"]])
        let teaches = try XCTUnwrap(quiz["teaches"] as? [[String: Any]])
        XCTAssertEqual(teaches.first?["id"] as? String, "https://example.org/campus/kurse/kurs/zweites/#lernziel_1")
        XCTAssertEqual((teaches.first?["prefLabel"] as? [String: String])?["de"], "Lizenzen prüfen")
        XCTAssertEqual((quiz["assesses"] as? [[String: Any]])?.count, 1, "a quiz assesses its objectives")
        XCTAssertEqual((quiz["educationalLevel"] as? [[String: Any]])?.first?["id"] as? String,
                       "https://w3id.org/kim/educationalLevel/level_C")
        XCTAssertEqual((quiz["audience"] as? [[String: Any]])?.first?["id"] as? String,
                       "http://purl.org/dcx/lrmi-vocabs/educationalAudienceRole/teacher")
        XCTAssertEqual((quiz["learningResourceType"] as? [[String: Any]])?.first?["id"] as? String,
                       "https://w3id.org/kim/hcrt/assessment")
    }

    func testScriptJSONCannotCloseTheScriptElement() throws {
        let site = try load(["content/courses/kurs/02-zweites.md": "---\ntitle: \"</script><script>alert(1)</script>\"\n---\n"])
        let course = site.courses[0]
        let script = ResourceRecords(try XCTUnwrap(ResourceDescription.module(course.modules[1], in: course, site: site))).scriptJSON
        XCTAssertFalse(script.contains("<"))
        let decoded = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(script.utf8)) as? [String: Any])
        XCTAssertEqual(decoded["name"] as? String, "</script><script>alert(1)</script>")
    }

    func testObjectsFromMemberListsSortKeysAndKeepTheLastOfARepeatedKey() {
        let listed = JSONValue.object([("z", .number(1)), ("a", nil), ("m", .string("x")), ("z", .number(2))])
        XCTAssertEqual(listed.text, "{\n  \"m\": \"x\",\n  \"z\": 2\n}\n")
        // Either representation of an object is the same value.
        XCTAssertEqual(listed, JSONValue.object(["m": .string("x"), "z": .number(2)]))
        XCTAssertNotEqual(listed, JSONValue.object(["m": .string("x"), "z": .number(1)]))
        XCTAssertNotEqual(listed, JSONValue.array([]))
    }

    func testJSONWriterEscapesWhatRFC8259Requires() throws {
        let value = JSONValue.object(["b": .array([.string("Größe \"x\" \\ <a>\n\t\u{1}\u{1F}"), .number(-3), .bool(true)]),
                                      "a": .object([:]), "c": .array([])])
        XCTAssertEqual(value.text, """
        {
          "a": {},
          "b": [
            "Größe \\"x\\" \\\\ <a>\\n\\t\\u0001\\u001f",
            -3,
            true
          ],
          "c": []
        }

        """)
        let decoded = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(value.text.utf8)) as? [String: Any])
        XCTAssertEqual((decoded["b"] as? [Any])?.first as? String, "Größe \"x\" \\ <a>\n\t\u{1}\u{1F}")
    }

    func testVCardEscapesItsSeparators() {
        let card = LOMRecord.vCard(Person(name: "Müller, Anna; Dr.\\X\nY", kind: .person))
        XCTAssertTrue(card.contains("FN:Müller\\, Anna\\; Dr.\\\\X Y\n"), card)
        XCTAssertTrue(card.contains("N:Müller\\, Anna\\; Dr.\\\\X Y;;;;\n"), card)
    }

    func testNoBaseURLMeansNoMetadata() throws {
        let site = try load(["content/site.yml": "title: Ohne URL\nlicense: CC0-1.0\n"])
        XCTAssertNil(ResourceDescription.course(site.courses[0], site: site))
        XCTAssertNil(Discovery(site: site))
    }

    func testLicenseRefHasNoLicenseURL() throws {
        let site = try load(["content/courses/kurs/02-zweites.md": "---\ntitle: T\nlicense: LicenseRef-mit-Genehmigung\n---\n"])
        let course = site.courses[0]
        let module = try json(ResourceDescription.module(course.modules[1], in: course, site: site))
        XCTAssertNil(module["license"], "AMB only takes open licence URLs")
    }

    func testDiscoveryFiles() throws {
        let site = try load(["content/courses/kurs/01-erstes.md": "---\ntitle: Erstes\ndate_modified: 2026-04-01\n---\n"])
        let discovery = try XCTUnwrap(Discovery(site: site))
        let sitemap = discovery.sitemap()
        XCTAssertTrue(sitemap.contains("<loc>https://example.org/campus/kurse/kurs/erstes/</loc>"))
        XCTAssertTrue(sitemap.contains("<lastmod>2026-04-01</lastmod>"))
        XCTAssertEqual(discovery.robots(), "User-agent: *\nAllow: /\n\nSitemap: https://example.org/campus/sitemap.xml\n")
        let index = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(discovery.index().utf8)) as? [String: Any])
        let entries = try XCTUnwrap(index["resources"] as? [[String: Any]])
        XCTAssertEqual(entries.count, 3)
        XCTAssertEqual(entries[1]["jsonld"] as? String, "https://example.org/campus/kurse/kurs/erstes/amb.json")
        let feed = discovery.feed()
        XCTAssertTrue(feed.contains("<feed xml:lang=\"de\" xmlns=\"http://www.w3.org/2005/Atom\">"), feed)
        XCTAssertTrue(feed.contains("<updated>2026-04-01T00:00:00Z</updated>"))
        XCTAssertEqual(feed.components(separatedBy: "<entry>").count - 1, 1, "one entry per course")
    }
}
