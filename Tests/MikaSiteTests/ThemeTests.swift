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

    func testMissingTemplateIsNamed() throws {
        let tree = try FixtureTree(["theme/templates/home.mustache": "x"])
        var diagnostics: [Diagnostic] = []
        XCTAssertNil(Theme.load(from: tree.url("theme"), displayPath: "theme", diagnostics: &diagnostics))
        XCTAssertEqual(Set(diagnostics.map(\.message)),
                       ["theme has no course.mustache", "theme has no module.mustache", "theme has no quiz.mustache",
                        "theme has no not-found.mustache", "theme has no credits.mustache"])
    }

    func testEscapingMatchesMustacheHTML() {
        XCTAssertEqual(Theme.FastHTMLContentType().escapeText(#"<a href="x">'Tom & Jerry'</a> äöü"#),
                       "&lt;a href=&quot;x&quot;&gt;&#39;Tom &amp; Jerry&#39;&lt;/a&gt; äöü")
        XCTAssertEqual(Theme.FastHTMLContentType().escapeText("schlicht"), "schlicht")
    }
}
