import Foundation
import MikaTestSupport
import XCTest

/// No content, in any field, can put markup or script into a page.
final class PageSafetyTests: SiteBuildTestCase {
    func testContentCannotInjectMarkupOrScript() throws {
        let evil = #"<script>alert('x')</script><img src=x onerror="alert(1)">"#
        let quoted = "\"" + evil.replacingOccurrences(of: "\"", with: "\\\"") + "\""
        let tree = try FixtureTree(FixtureTree.minimalSite.merging([
            "content/site.yml": "title: \(quoted)\ndescription: \(quoted)\nlicense: CC-BY-4.0\nauthors: [\(quoted)]\nbase_url: https://example.org/\n",
            "content/courses/kurs/course.yml": """
            title: \(quoted)
            description: \(quoted)
            outcomes: [\(quoted)]
            phases:
              - {id: start, kind: praxisphase, title: \(quoted), duration: \(quoted), description: \(quoted)}
            """,
            "content/courses/kurs/02-zweites.md": """
            ---
            title: \(quoted)
            summary: \(quoted)
            objectives: [\(quoted)]
            phase: start
            ---
            ## \(evil)

            \(evil)

            <iframe src="https://tracker.example"></iframe>

            [Text](https://example.org/"onmouseover="alert(1))

            ```quiz
            title: \(quoted)
            questions:
              - type: single
                question: \(quoted)
                options:
                  - {text: \(quoted), correct: true, feedback: \(quoted)}
                  - {text: b}
              - type: short
                question: x
                answers: [\(quoted)]
            ```
            """,
        ]) { $1 })
        let report = build(content: tree.url("content"), into: tree.url("site"))
        XCTAssertTrue(report.published, report.diagnostics.map(\.formatted).joined(separator: "\n"))
        for (path, data) in try files(in: tree.url("site")) where path.hasSuffix(".html") {
            let page = try XCTUnwrap(HTMLDocument(String(decoding: data, as: UTF8.self)), path)
            XCTAssertEqual(page.values("//script/@src").filter { !["quiz.js", "embed.js", "outline.js", "beacon.js"].contains(($0 as NSString).lastPathComponent) || !$0.contains("assets/") }, [], path)
            // The only inline script is JSON-LD data, and it cannot end early: it holds no `<` at all.
            XCTAssertEqual(page.count("//script[not(@src) and not(@type='application/ld+json')]"), 0, path)
            for json in page.values("//script[@type='application/ld+json']") {
                XCTAssertFalse(json.contains("<"), path)
                XCTAssertNotNil(try? JSONSerialization.jsonObject(with: Data(json.utf8)), path)
            }
            XCTAssertEqual(page.count("//iframe | //img[@onerror] | //*[@onmouseover]"), 0, path)
            XCTAssertEqual(page.count("//@*[starts-with(name(), 'on')]"), 0, path)
            XCTAssertEqual(page.count("//a[starts-with(@href, 'javascript')]"), 0, path)
        }
        let module = try XCTUnwrap(HTMLDocument(String(contentsOf: tree.url("site/kurse/kurs/zweites/index.html"), encoding: .utf8)))
        XCTAssertEqual(module.values("//h1"), [evil], "the title is shown as text")
        XCTAssertEqual(module.count("//script[@type='application/ld+json']"), 1)
    }
}
