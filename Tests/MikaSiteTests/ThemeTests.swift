import Foundation
import MikaContent
@testable import MikaSite
import MikaTestSupport
import XCTest

final class ThemeTests: XCTestCase {
    func testTemplateSyntaxErrorPointsAtTheTemplateLine() throws {
        var files: [String: String] = [:]
        for name in Theme.requiredTemplates { files["theme/templates/\(name).mustache"] = "<p>{{title}}</p>\n" }
        files["theme/templates/course.mustache"] = "<h1>{{title}}</h1>\n<ul>\n{{#modules}}\n<li>{{title}}</li>\n{{/module}}\n</ul>\n"
        let tree = try FixtureTree(files)
        var diagnostics: [Diagnostic] = []
        let theme = Theme.load(from: tree.url("theme"), displayPath: "theme", diagnostics: &diagnostics)
        XCTAssertNil(theme)
        XCTAssertEqual(diagnostics.count, 1, diagnostics.map(\.formatted).joined(separator: "\n"))
        XCTAssertEqual(diagnostics.first?.id, "theme.template-syntax")
        XCTAssertEqual(diagnostics.first?.file, "theme/templates/course.mustache")
        XCTAssertEqual(diagnostics.first?.line, 5)
    }

    func testProjectThemeOverridesTheBuiltInThemeFileByFile() throws {
        let tree = try FixtureTree(["theme/templates/home.mustache": "EIGENE STARTSEITE {{page.title}}",
                                    "theme/assets/extra.css": "body { color: black }",
                                    "theme/assets/mika.css": "/* eigene */"])
        var diagnostics: [Diagnostic] = []
        let theme = try XCTUnwrap(Theme.load(from: tree.url("theme"), displayPath: "theme", diagnostics: &diagnostics))
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(theme.render(["page": ["title": "T"]], template: "home"), "EIGENE STARTSEITE T")
        XCTAssertTrue(theme.render(["page": ["home": "./"]], template: "not-found").contains("Seite nicht gefunden"), "built-in template")
        XCTAssertEqual(theme.assetFiles(), ["embed.js", "extra.css", "mika.css", "print.css", "quiz.js"])
        XCTAssertEqual(theme.assetContents("mika.css").map { String(decoding: $0, as: UTF8.self) }, "/* eigene */")
    }

    func testAnExplicitThemeFolderMustExist() {
        var diagnostics: [Diagnostic] = []
        XCTAssertNil(Theme.load(from: URL(fileURLWithPath: "/nonexistent/theme"), displayPath: "nirgends", diagnostics: &diagnostics))
        XCTAssertEqual(diagnostics.map(\.id), ["theme.missing"])
    }

    /// The theme built into the binary is themes/default, byte for byte (run `make theme` after changing it).
    func testBuiltInThemeIsTheDefaultThemeFolder() throws {
        let folder = FixtureTree.repositoryRoot.appendingPathComponent("themes/default")
        var onDisk: [String: String] = [:]
        let enumerator = try XCTUnwrap(FileManager.default.enumerator(atPath: folder.path))
        for case let path as String in enumerator where !path.hasPrefix(".") {
            let url = folder.appendingPathComponent(path)
            if !url.hasDirectoryPath, let text = try? String(contentsOf: url, encoding: .utf8) { onDisk[path] = text }
        }
        XCTAssertEqual(Set(BuiltInTheme.files.keys), Set(onDisk.keys), "run make theme")
        for (path, text) in onDisk { XCTAssertEqual(BuiltInTheme.files[path], text, "\(path) differs: run make theme") }
    }

    func testEscapingMatchesMustacheHTML() {
        XCTAssertEqual(Theme.FastHTMLContentType().escapeText(#"<a href="x">'Tom & Jerry'</a> äöü"#),
                       "&lt;a href=&quot;x&quot;&gt;&#39;Tom &amp; Jerry&#39;&lt;/a&gt; äöü")
        XCTAssertEqual(Theme.FastHTMLContentType().escapeText("schlicht"), "schlicht")
    }
}
