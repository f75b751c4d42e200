import Foundation
import MikaContent
import MikaSite
import MikaTestSupport
import XCTest

/// `--out` may replace only a folder mika built: every refused case leaves the user's files byte-identical.
final class OutputFolderSafetyTests: SiteBuildTestCase {
    private func buildInto(_ tree: FixtureTree, out: String, content: String = "content",
                           theme: URL? = nil) -> BuildReport {
        let options = BuildOptions(contentDirectory: tree.url(content), themeDirectory: theme ?? self.theme,
                                   outputDirectory: out.hasPrefix("/") ? URL(fileURLWithPath: out) : tree.url(out))
        return SiteBuilder(options: options).build(into: options.makeOutput(displayName: out))
    }

    private func assertRefused(_ report: BuildReport, _ phrase: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(report.published, file: file, line: line)
        let diagnostic = report.diagnostics.first { $0.id == "build.output-folder" }
        XCTAssertNotNil(diagnostic, "\(report.diagnostics.map(\.formatted))", file: file, line: line)
        XCTAssertTrue(diagnostic?.message.contains(phrase) == true, diagnostic?.message ?? "", file: file, line: line)
    }

    func testRefusesEveryFolderThatIsNotASiteOfMika() throws {
        let tree = try FixtureTree(FixtureTree.minimalSite.merging([
            "mine/brief.txt": "Liebe Kolleginnen …",
            "mine/fotos/urlaub.jpg": "jpeg",
            "themes/own/templates/x.mustache": "x",
        ]) { $1 })
        let before = try files(in: tree.root)
        let cases: [(out: String, phrase: String)] = [
            (".", "contains the content folder"),
            ("..", "contains the content folder"),
            ("content", "is the content folder"),
            ("content/site", "lies inside the content folder"),
            ("content/courses", "lies inside the content folder"),
            ("mine", "was not made by mika"),
            ("mine/brief.txt", "is a file, not a folder"),
            ("/", "file system root"),
        ]
        for (out, phrase) in cases {
            assertRefused(buildInto(tree, out: out), phrase)
        }
        // The theme folder and its ancestors.
        assertRefused(buildInto(tree, out: "themes/own", theme: tree.url("themes/own")), "is the theme folder")
        assertRefused(buildInto(tree, out: "themes", theme: tree.url("themes/own")), "contains the theme folder")
        XCTAssertEqual(try files(in: tree.root), before, "the user's files must be byte-identical")
    }

    func testRefusesSymbolicLinks() throws {
        let tree = try FixtureTree(FixtureTree.minimalSite.merging(["mine/a.txt": "a"]) { $1 })
        try FileManager.default.createSymbolicLink(atPath: tree.url("link").path, withDestinationPath: tree.url("mine").path)
        try FileManager.default.createSymbolicLink(atPath: tree.url("empty-link").path, withDestinationPath: "nowhere")
        let before = try files(in: tree.url("mine"))
        assertRefused(buildInto(tree, out: "link"), "is a symbolic link")
        assertRefused(buildInto(tree, out: "empty-link"), "is a symbolic link")
        XCTAssertEqual(try files(in: tree.url("mine")), before)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: tree.url("empty-link").path), "nowhere")
    }

    func testRefusesAMountPoint() throws {
        // /proc is a mount point on every Linux; the check runs before anything is written.
        let tree = try FixtureTree(FixtureTree.minimalSite)
        guard FileManager.default.fileExists(atPath: "/proc/self") else { throw XCTSkip("no /proc") }
        assertRefused(buildInto(tree, out: "/proc"), "is a mount point")
    }

    func testBuildsIntoMissingEmptyAndMarkedFolders() throws {
        let tree = try FixtureTree(FixtureTree.minimalSite)
        XCTAssertTrue(buildInto(tree, out: "new/site").published)
        XCTAssertEqual(try String(contentsOf: tree.url("new/site/.mika-site"), encoding: .utf8), OutputFolderGuard.markerText)
        try FileManager.default.createDirectory(at: tree.url("empty"), withIntermediateDirectories: true)
        XCTAssertTrue(buildInto(tree, out: "empty").published)
        // A site mika built is replaced by the next build.
        try tree.add(["empty/stale.html": "old"])
        XCTAssertTrue(buildInto(tree, out: "empty").published)
        XCTAssertFalse(FileManager.default.fileExists(atPath: tree.url("empty/stale.html").path))
        // A marker that is a folder or a link does not count.
        try FileManager.default.createDirectory(at: tree.url("fake/.mika-site"), withIntermediateDirectories: true)
        try tree.add(["fake/keep.txt": "keep"])
        assertRefused(buildInto(tree, out: "fake"), "was not made by mika")
        XCTAssertEqual(try String(contentsOf: tree.url("fake/keep.txt"), encoding: .utf8), "keep")
    }

    func testRemovesStagingFoldersOfKilledBuilds() throws {
        let tree = try FixtureTree(FixtureTree.minimalSite)
        XCTAssertTrue(buildInto(tree, out: "site").published)
        // A PID above the kernel's limit is never alive.
        let dead = "4194305"
        try tree.add([".site.staging-\(dead)/.mika-site": "mika", ".site.staging-\(dead)/index.html": "half",
                      ".other.staging-\(dead)/keep.txt": "not ours"])
        XCTAssertTrue(buildInto(tree, out: "site").published)
        let left = try FileManager.default.contentsOfDirectory(atPath: tree.root.path).filter { $0.hasPrefix(".") }.sorted()
        XCTAssertEqual(left, [".other.staging-\(dead)", ".site.lock"])
    }

    func testPutsBackAPreviousSiteWhenASwapWasCutShort() throws {
        let tree = try FixtureTree(FixtureTree.minimalSite)
        XCTAssertTrue(buildInto(tree, out: "site").published)
        try FileManager.default.moveItem(at: tree.url("site"), to: tree.url(".site.previous-4194305"))
        // The build is refused by a content error, but the previous site is back where it was.
        try tree.add(["content/courses/kurs/02-zweites.md": "---\ntitle: [kaputt\n---\n"])
        XCTAssertFalse(buildInto(tree, out: "site").published)
        XCTAssertTrue(FileManager.default.fileExists(atPath: tree.url("site/index.html").path) ||
                      FileManager.default.fileExists(atPath: tree.url(".site.previous-4194305/index.html").path))
        try tree.add(["content/courses/kurs/02-zweites.md": "---\ntitle: Heil\n---\n"])
        XCTAssertTrue(buildInto(tree, out: "site").published)
        XCTAssertFalse(FileManager.default.fileExists(atPath: tree.url(".site.previous-4194305").path))
    }

    func testConcurrentBuildsIntoOneFolderTakeTurns() throws {
        let tree = try FixtureTree(FixtureTree.minimalSite)
        let options = BuildOptions(contentDirectory: tree.url("content"), themeDirectory: theme,
                                   outputDirectory: tree.url("site"))
        let first = options.makeOutput()
        try first.prepare()
        let waited = expectation(description: "second build waits for the lock")
        let done = expectation(description: "second build finishes")
        DispatchQueue.global().async {
            let second = options.makeOutput()
            do {
                try second.prepare(onWait: { waited.fulfill() })
                try second.publish()
            } catch {
                XCTFail("second build: \(error)")
            }
            done.fulfill()
        }
        wait(for: [waited], timeout: 10)
        try first.publish()
        wait(for: [done], timeout: 10)
        XCTAssertTrue(FileManager.default.fileExists(atPath: tree.url("site/.mika-site").path))
        let left = try FileManager.default.contentsOfDirectory(atPath: tree.root.path).filter { $0.contains("staging") }
        XCTAssertEqual(left, [])
    }

    func testSwapFailureSaysWhatHappened() throws {
        let tree = try FixtureTree(FixtureTree.minimalSite)
        let options = BuildOptions(contentDirectory: tree.url("content"), themeDirectory: theme,
                                   outputDirectory: tree.url("site"))
        let output = options.makeOutput(displayName: "site")
        try output.prepare()
        try FileManager.default.removeItem(at: output.staging)  // the staging folder vanished under the build
        XCTAssertThrowsError(try output.publish()) { error in
            let message = (error as? OutputFolderError)?.message ?? "\(error)"
            XCTAssertTrue(message.hasPrefix("cannot move the new site into 'site': No such file or directory"), message)
        }
    }
}
