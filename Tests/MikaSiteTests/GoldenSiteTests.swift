import Foundation
import MikaTestSupport
import XCTest

/// Builds `Fixtures/golden` and compares every page with `Snapshots/golden/`. Re-record on purpose with
/// `make golden` (RECORD_SNAPSHOTS=1); a recording run fails so it can never pass silently.
final class GoldenSiteTests: SiteBuildTestCase {
    let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    func testFixtureSiteMatchesGoldenFiles() throws {
        let tree = try FixtureTree([:])
        let output = tree.url("site")
        let report = build(content: testsFolder.appendingPathComponent("Fixtures/golden/content"), into: output)
        XCTAssertTrue(report.published, report.diagnostics.map(\.formatted).joined(separator: "\n"))

        let built = try files(in: output)
        // Every document mika writes itself: pages, JSON-LD, OAI-DC, sitemap, feed, robots.txt, the index.
        let documentTypes = [".html", ".json", ".xml", ".txt"]
        let pages = built.filter { path, _ in
            !path.hasPrefix("assets/") && !path.hasPrefix("media/") && !path.contains("/bilder/")
                && documentTypes.contains { path.hasSuffix($0) }
        }.mapValues { normalise(String(decoding: $0, as: UTF8.self)) }
        let snapshots = testsFolder.appendingPathComponent("Snapshots/golden")

        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try? FileManager.default.removeItem(at: snapshots)
            for (path, text) in pages {
                let url = snapshots.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            }
            XCTFail("Recorded \(pages.count) golden pages in \(snapshots.path); review them and run the tests again without RECORD_SNAPSHOTS")
            return
        }

        let expected = try files(in: snapshots).mapValues { String(decoding: $0, as: UTF8.self) }
        XCTAssertFalse(expected.isEmpty, "no golden files: run make golden once")
        XCTAssertEqual(Set(pages.keys), Set(expected.keys), "the set of pages changed")
        for (path, text) in pages.sorted(by: { $0.key < $1.key }) {
            guard let golden = expected[path] else { continue }
            if text != golden {
                XCTFail("\(path) differs from its golden file:\n\(firstDifference(text, golden))")
            }
        }
        // Copied files are byte-for-byte copies.
        XCTAssertEqual(built["kurse/grundlagen/bilder/quadrat.svg"],
                       try Data(contentsOf: testsFolder.appendingPathComponent("Fixtures/golden/content/courses/grundlagen/bilder/quadrat.svg")))
        XCTAssertNotNil(built["media/handout.pdf"])
        XCTAssertNotNil(built["assets/mika.css"])
        XCTAssertNotNil(built["assets/quiz.js"])
    }

    /// Version numbers change without the page changing; trailing spaces do not matter.
    private func normalise(_ html: String) -> String {
        html.replacingOccurrences(of: #"content="mika [^"]*""#, with: #"content="mika VERSION""#, options: .regularExpression)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in String(line.reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed()) }
            .joined(separator: "\n")
    }

    private func firstDifference(_ actual: String, _ expected: String) -> String {
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(a.count, e.count) {
            let left = index < a.count ? String(a[index]) : "<end>"
            let right = index < e.count ? String(e[index]) : "<end>"
            if left != right { return "line \(index + 1)\n  built:  \(left)\n  golden: \(right)" }
        }
        return "(no line differs)"
    }
}
