import Foundation
import ZIPFoundation
import MikaContent
import MikaSite
import MikaTestSupport
import XCTest

/// A site built from a dictionary of files into memory: no content folder, no output folder.
final class InMemoryBuildTests: SiteBuildTestCase {
    static func makeOptions(theme: URL) -> BuildOptions {
        var options = BuildOptions(contentDirectory: URL(fileURLWithPath: "/nonexistent/content"), themeDirectory: theme,
                                   outputDirectory: URL(fileURLWithPath: "/nonexistent/site"))
        var files: [String: String] = [:]
        for (path, text) in FixtureTree.minimalSite { files[String(path.dropFirst("content/".count))] = text }
        options.contentSource = MemoryFiles(texts: files)
        options.contentDisplayPath = "memory"
        return options
    }

    func testBuildsASiteFromADictionaryIntoMemory() throws {
        let sink = MemorySink()
        let report = SiteBuilder(options: Self.makeOptions(theme: theme)).build(into: sink)
        XCTAssertTrue(report.published, report.diagnostics.map(\.formatted).joined(separator: "\n"))
        XCTAssertEqual(report.diagnostics, [])
        let files = sink.files
        for path in ["index.html", "404.html", "lizenzen/index.html", "kurse/kurs/index.html", "kurse/kurs/erstes/index.html",
                     "kurse/kurs/zweites/amb.json", "sitemap.xml", "_mika/model.json", "assets/mika.css"] {
            XCTAssertNotNil(files[path], path)
        }
        let page = String(decoding: try XCTUnwrap(files["kurse/kurs/erstes/index.html"]), as: UTF8.self)
        XCTAssertTrue(page.contains(#"<a href="../zweites/index.html#ziel">zweiten Modul</a>"#), page)
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/nonexistent"))
    }

    /// Outputs run in one pool, but when two write the same path the later output's file is kept, as when they
    /// ran one after another: the earlier one is not made at all (made at once, it could be written last), and it
    /// still counts as written.
    func testTheLaterOutputWinsAPathTwoOutputsWrite() throws {
        final class Made: @unchecked Sendable {
            let lock = NSLock()
            var paths: [String] = []
            func add(_ path: String) { lock.lock(); paths.append(path); lock.unlock() }
        }
        struct Fixed: SiteOutput {
            var name: String
            var files: [(path: String, text: String)]
            var made: Made
            func artifacts(in context: OutputContext) -> [Artifact] {
                files.map { file in
                    Artifact(path: file.path, inputs: ["x"]) { [made, name] in
                        made.add(name + ":" + file.path)
                        return .text(file.text)
                    }
                }
            }
        }
        let made = Made()
        let outputs: [SiteOutput] = [
            PagesOutput(),
            Fixed(name: "generated", files: [("robots.txt", "generated"), ("only-generated.txt", "g")], made: made),
            Fixed(name: "content", files: [("robots.txt", "from the content")], made: made),
        ]
        let sink = MemorySink()
        let report = SiteBuilder(options: Self.makeOptions(theme: theme), outputs: outputs).build(into: sink)
        XCTAssertTrue(report.published, report.diagnostics.map(\.formatted).joined(separator: "\n"))
        XCTAssertEqual(sink.files["robots.txt"].map { String(decoding: $0, as: UTF8.self) }, "from the content")
        XCTAssertEqual(sink.files["only-generated.txt"].map { String(decoding: $0, as: UTF8.self) }, "g")
        XCTAssertEqual(made.paths.sorted(), ["content:robots.txt", "generated:only-generated.txt"])
    }

    /// Pages for reading from disk link to `index.html`; the web pages of the same model link to folders.
    func testFileLinkResolverLinksToIndexFiles() throws {
        let options = Self.makeOptions(theme: theme)
        let (site, _) = ContentLoader(source: options.contentSource, displayPath: "memory").load()
        var diagnostics: [Diagnostic] = []
        let theme = try XCTUnwrap(Theme.load(from: self.theme, displayPath: "theme", diagnostics: &diagnostics))
        let context = OutputContext(site: try XCTUnwrap(site), theme: theme, resolver: FileLinkResolver())
        let sink = MemorySink()
        _ = try PagesOutput().artifacts(in: context).map { try sink.write($0.make(), to: $0.path) }
        let page = String(decoding: try XCTUnwrap(sink.files["kurse/kurs/erstes/index.html"]), as: UTF8.self)
        XCTAssertTrue(page.contains(#"<a href="../zweites/index.html#ziel">zweiten Modul</a>"#), page)
        let document = try XCTUnwrap(HTMLDocument(page))
        for href in document.values("//a/@href") where !href.hasPrefix("http") && !href.hasPrefix("#") {
            XCTAssertFalse(href.hasSuffix("/") || href.contains("/#"), "\(href) needs a server")
        }
    }
}

/// The same artifacts into a zip file: every entry as in memory, and the same bytes on every run.
final class ZipSinkTests: SiteBuildTestCase {
    func testZipHoldsTheArtifactsAndIsReproducible() throws {
        let options = InMemoryBuildTests.makeOptions(theme: theme)
        let (site, _) = ContentLoader(source: options.contentSource, displayPath: "memory").load()
        var diagnostics: [Diagnostic] = []
        let theme = try XCTUnwrap(Theme.load(from: nil, displayPath: "", diagnostics: &diagnostics))
        let context = OutputContext(site: try XCTUnwrap(site), theme: theme, resolver: FileLinkResolver())
        let artifacts = SiteOutputs.standard.flatMap { $0.artifacts(in: context) }
        let tree = try FixtureTree([:])
        var zips: [Data] = []
        let memory = MemorySink()
        _ = try memory.write(artifacts)
        for run in 0..<2 {
            let zip = ZipSink()
            XCTAssertEqual(try zip.write(artifacts), artifacts.count)
            try zip.finish(to: tree.url("site-\(run).zip"))
            zips.append(try Data(contentsOf: tree.url("site-\(run).zip")))
        }
        XCTAssertEqual(zips[0], zips[1], "the same artifacts give the same zip")
        let archive = try Archive(url: tree.url("site-0.zip"), accessMode: .read)
        var unpacked: [String: Data] = [:]
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            unpacked[entry.path] = data
        }
        XCTAssertEqual(unpacked, memory.files)
        XCTAssertNotNil(unpacked["kurse/kurs/erstes/index.html"])
    }
}

extension ZipSinkTests {
    func testAZipNeverReplacesAFolder() throws {
        let tree = try FixtureTree(["ordner/wichtig.txt": "bleibt"])
        let zip = ZipSink()
        try zip.write(.text("x"), to: "a.txt")
        XCTAssertThrowsError(try zip.finish(to: tree.url("ordner")))
        XCTAssertEqual(try String(contentsOf: tree.url("ordner/wichtig.txt"), encoding: .utf8), "bleibt")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tree.root.path), ["ordner"])
    }
}
