import Foundation
import MikaContent
import MikaTestSupport
import XCTest

/// The bundled sample course builds cleanly and meets what the foundation asks of it.
final class SampleSiteTests: SiteBuildTestCase {
    func testSampleCourseBuildsCleanlyWithWorkingLinks() throws {
        let tree = try FixtureTree([:])
        let output = tree.url("site")
        let report = build(content: FixtureTree.repositoryRoot.appendingPathComponent("content"), into: output)
        XCTAssertTrue(report.published)
        XCTAssertEqual(report.diagnostics, [], report.diagnostics.map(\.formatted).joined(separator: "\n"))
        let built = try files(in: output)
        for (path, data) in built where path.hasSuffix(".html") {
            let page = try XCTUnwrap(HTMLDocument(String(decoding: data, as: UTF8.self)), path)
            XCTAssertEqual(page.values("/html/@lang"), ["de"], path)
            let ids = page.values("//@id")
            XCTAssertEqual(ids.count, Set(ids).count, "duplicate ids in \(path)")
            XCTAssertEqual(page.count("//img[not(@alt) or @alt='']"), 0, path)
            XCTAssertEqual(page.count("//main"), 1, path)
            // Every relative link and source resolves inside the site; nothing is loaded from another host.
            let directory = (path as NSString).deletingLastPathComponent
            // Loaded resources come from the site itself; links may point elsewhere, but relative ones must resolve.
            for loaded in page.values("//link[@rel='stylesheet']/@href | //img/@src | //script/@src | //iframe/@src") {
                XCTAssertFalse(loaded.hasPrefix("http") || loaded.hasPrefix("//"), "\(path) loads \(loaded) from another host")
            }
            for reference in page.values("//a/@href | //link[@rel='stylesheet' or @rel='alternate']/@href | //img/@src | //script/@src") {
                if reference.hasPrefix("#") || reference.hasPrefix("http") || reference.hasPrefix("mailto:") { continue }
                let withoutFragment = String(reference.split(separator: "#", omittingEmptySubsequences: false)[0])
                var parts: [Substring] = directory.split(separator: "/")
                for part in withoutFragment.split(separator: "/") {
                    if part == ".." { XCTAssertFalse(parts.isEmpty, "\(path): \(reference) leaves the site"); parts = parts.dropLast() }
                    else if part != "." { parts.append(part) }
                }
                var target = parts.joined(separator: "/")
                if withoutFragment.hasSuffix("/") || withoutFragment.isEmpty { target += target.isEmpty ? "index.html" : "/index.html" }
                XCTAssertNotNil(built[target], "\(path): link \(reference) → \(target) does not exist")
            }
        }
    }

    func testSampleCourseCoversTheModel() throws {
        let (site, _) = ContentLoader(contentDirectory: FixtureTree.repositoryRoot.appendingPathComponent("content")).load()
        let modules = try XCTUnwrap(site?.courses.first?.modules)
        XCTAssertGreaterThanOrEqual(modules.count, 8)
        XCTAssertEqual(Set(modules.compactMap(\.step)), Set(ActionStep.allCases))
        XCTAssertEqual(Set(modules.map(\.type)), Set(ModuleType.allCases))
        XCTAssertTrue(Set(modules.compactMap(\.phase)).count >= 3)
        XCTAssertTrue(modules.allSatisfy { ["CC-BY-SA-4.0", "CC-BY-4.0"].contains($0.license) })
        XCTAssertTrue(modules.contains { $0.body.figures.contains { $0.kind == .image && !$0.text.isEmpty } })
    }

    /// The same content gives the same bytes, every time (the cmark-gfm race once lost `<del>` in 3 of 60 builds),
    /// and nothing in the output depends on the time of the build.
    func testFiftyBuildsOfTheSampleAreByteIdentical() throws {
        let tree = try FixtureTree([:])
        let content = FixtureTree.repositoryRoot.appendingPathComponent("content")
        XCTAssertTrue(build(content: content, into: tree.url("site")).published)
        let first = try files(in: tree.url("site"))
        XCTAssertTrue(first.keys.contains("feed.xml"))
        for run in 2...50 {
            XCTAssertTrue(build(content: content, into: tree.url("site")).published)
            let again = try files(in: tree.url("site"))
            XCTAssertEqual(Set(again.keys), Set(first.keys), "build \(run)")
            for (path, data) in again where data != first[path] {
                XCTFail("build \(run): \(path) differs from the first build")
            }
        }
    }
}
