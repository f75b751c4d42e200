import Foundation
import MikaTestSupport
import XCTest

final class AtomicOutputTests: SiteBuildTestCase {
    func testFailingBuildLeavesExistingSiteByteIdentical() throws {
        let tree = try FixtureTree(FixtureTree.minimalSite)
        let output = tree.url("site")
        XCTAssertTrue(build(content: tree.url("content"), into: output).published)
        let before = try files(in: output)
        XCTAssertFalse(before.isEmpty)

        try tree.add(["content/courses/kurs/02-zweites.md": "---\ntitle: [kaputt\n---\nText"])
        let report = build(content: tree.url("content"), into: output)
        XCTAssertFalse(report.published)
        XCTAssertTrue(report.diagnostics.contains { $0.id == "yaml.syntax" && $0.line == 2 })
        XCTAssertEqual(try files(in: output), before, "the previous site must stay byte-identical")
        XCTAssertEqual(try leftovers(in: tree.root), [], "no staging folder may remain")
    }

    func testSuccessfulBuildReplacesTheWholeSite() throws {
        let tree = try FixtureTree(FixtureTree.minimalSite)
        let output = tree.url("site")
        XCTAssertTrue(build(content: tree.url("content"), into: output).published)
        try tree.add(["site/alt/stale.html": "old"])
        XCTAssertTrue(build(content: tree.url("content"), into: output).published)
        let built = try files(in: output)
        XCTAssertNil(built["alt/stale.html"], "files of the previous build are gone")
        XCTAssertNotNil(built["kurse/kurs/zweites/index.html"])
        XCTAssertEqual(try leftovers(in: tree.root), [])

        // A module removed from the content loses its page on the next build.
        try FileManager.default.removeItem(at: tree.url("content/courses/kurs/02-zweites.md"))
        try tree.add(["content/courses/kurs/01-erstes.md": "---\ntitle: Erstes\n---\nText."])
        XCTAssertTrue(build(content: tree.url("content"), into: output).published)
        XCTAssertNil(try files(in: output)["kurse/kurs/zweites/index.html"])
    }

    func testMissingThemeFailsWithoutTouchingOutput() throws {
        let tree = try FixtureTree(FixtureTree.minimalSite)
        try tree.add(["site/index.html": "alt", "site/.mika-site": "mika"])
        let report = build(content: tree.url("content"), into: tree.url("site"), theme: tree.url("nothing"))
        XCTAssertFalse(report.published)
        XCTAssertEqual(report.diagnostics.map(\.id), ["theme.missing"])
        XCTAssertEqual(try String(contentsOf: tree.url("site/index.html"), encoding: .utf8), "alt")
    }

    private func leftovers(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") && $0 != ".site.lock" }
    }
}

final class CheckBeforePublishTests: SiteBuildTestCase {
    func testBuildRefusesToPublishWhenACheckFails() throws {
        let tree = try FixtureTree(FixtureTree.minimalSite)
        let output = tree.url("site")
        XCTAssertTrue(build(content: tree.url("content"), into: output).published)
        let before = try files(in: output)

        try tree.add(["content/media/foto.png": "png"])  // a medium without licence
        let report = build(content: tree.url("content"), into: output)
        XCTAssertFalse(report.published)
        XCTAssertEqual(report.diagnostics.map(\.id), ["license.media-missing"])
        XCTAssertEqual(try files(in: output), before)
    }
}
