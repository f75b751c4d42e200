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

    /// The compiled templates accept only what swift-mustache accepts, so every syntax error is still reported
    /// (swift-mustache is asked only when the compiled parser declines a template).
    func testSyntaxErrorsTheCompiledParserLeavesToSwiftMustache() throws {
        for broken in ["<p>{{title}}</p>\n{", "<p>{{title</p>\n", "{{#a}}\n<p>x</p>\n"] {
            var files: [String: String] = [:]
            for name in Theme.requiredTemplates { files["theme/templates/\(name).mustache"] = "<p>{{title}}</p>\n" }
            files["theme/templates/home.mustache"] = broken
            let tree = try FixtureTree(files)
            var diagnostics: [Diagnostic] = []
            XCTAssertNil(Theme.load(from: tree.url("theme"), displayPath: "theme", diagnostics: &diagnostics), broken)
            XCTAssertEqual(diagnostics.map(\.id), ["theme.template-syntax"], broken)
            XCTAssertEqual(diagnostics.first?.file, "theme/templates/home.mustache")
        }
    }

    func testUITextsAreFilledOnlyIntoCompleteTags() throws {
        var diagnostics: [Diagnostic] = []
        let t = try XCTUnwrap(Theme.load(from: nil, displayPath: "", diagnostics: &diagnostics)).strings(for: "de")
        XCTAssertEqual(Theme.fillTexts("a\n{{t.x", t), "a\n{{t.x", "an unclosed tag stays as written, once")
        XCTAssertEqual(Theme.fillTexts("ä{{t.home}}ö{{t.unbekannt}}", t), "ä\(t.text("home").htmlEscaped)ö{{t.unbekannt}}")
    }

    func testProjectThemeOverridesTheBuiltInThemeFileByFile() throws {
        let tree = try FixtureTree(["theme/templates/home.mustache": "EIGENE STARTSEITE {{page.title}}",
                                    "theme/assets/extra.css": "body { color: black }",
                                    "theme/assets/mika.css": "/* eigene */"])
        var diagnostics: [Diagnostic] = []
        let theme = try XCTUnwrap(Theme.load(from: tree.url("theme"), displayPath: "theme", diagnostics: &diagnostics))
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(theme.render(["page": ["title": "T"]], template: "home"), "EIGENE STARTSEITE T")
        XCTAssertTrue(theme.render(["page": ["home": "./"], "t": theme.strings(for: "de")], template: "not-found").contains("Seite nicht gefunden"), "built-in template")
        XCTAssertEqual(theme.assetFiles(), ["beacon.js", "catalogue.js", "embed.js", "extra.css", "guide.js", "mika.css", "outline.js", "print.css", "quiz.js", "scorm.js"])
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

/// UI texts come from the theme in the page's language.
final class UITextTests: SiteBuildTestCase {
    func testEveryLanguageHasEveryKeyOfTheDefaultLanguage() throws {
        let folder = FixtureTree.repositoryRoot.appendingPathComponent("themes/default/i18n")
        let german = try UIStrings.parse(String(contentsOf: folder.appendingPathComponent("de.yml"), encoding: .utf8))
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file != "de.yml" {
            let other = try UIStrings.parse(String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8))
            XCTAssertEqual(Set(other.keys), Set(german.keys), file)
        }
    }

    func testPluralsAndFallbacks() throws {
        var diagnostics: [Diagnostic] = []
        let theme = try XCTUnwrap(Theme.load(from: nil, displayPath: "", diagnostics: &diagnostics))
        let german = theme.strings(for: "de"), english = theme.strings(for: "en-GB")
        XCTAssertEqual(german.plural("module_count", 1), "1\u{00A0}Modul", "number and unit do not break apart")
        XCTAssertEqual(german.plural("module_count", 3), "3\u{00A0}Module")
        XCTAssertEqual(english.plural("module_count", 1), "1 module")
        XCTAssertEqual(english.plural("quiz_points", 0), "0 points")
        XCTAssertEqual(theme.strings(for: "fr").text("home"), "Startseite", "unknown languages use the theme's German")
        XCTAssertEqual(english.text("kein_schluessel"), "kein_schluessel")
    }

    /// Placeholders are filled in one pass: known names get their values (which are not filled again), unknown ones
    /// and an unclosed brace stay as written, around umlauts.
    func testPlaceholdersAreFilledOnce() {
        let t = UIStrings(language: "de", entries: ["gruss": .text("Grüß {name}, {unbekannt} – {zahl}{name}{ offen")],
                          fallback: [:])
        XCTAssertEqual(t.text("gruss", ["name": "Jö {zahl}", "zahl": "3"]), "Grüß Jö {zahl}, {unbekannt} – 3Jö {zahl}{ offen")
        XCTAssertEqual(t.text("gruss"), "Grüß {name}, {unbekannt} – {zahl}{name}{ offen")
    }

    /// An English module in a German course gets English chrome and lang="en"; its German neighbours stay German.
    func testEnglishModuleInTheSampleCourse() throws {
        let tree = try FixtureTree([:])
        try FileManager.default.copyItem(at: FixtureTree.repositoryRoot.appendingPathComponent("content"), to: tree.url("content"))
        let module = tree.url("content/courses/digitale-medien-ausbildung/10-abschlussquiz.md")
        var text = try String(contentsOf: module, encoding: .utf8)
        text = text.replacingOccurrences(of: "---\ntitle:", with: "---\nlanguage: en\ntitle:")
        try text.write(to: module, atomically: true, encoding: .utf8)
        let report = build(content: tree.url("content"), into: tree.url("site"))
        XCTAssertTrue(report.published, report.diagnostics.map(\.formatted).joined(separator: "\n"))
        let english = try String(contentsOf: tree.url("site/kurse/digitale-medien-ausbildung/abschlussquiz/index.html"), encoding: .utf8)
        let page = try XCTUnwrap(HTMLDocument(english))
        XCTAssertEqual(page.values("/html/@lang"), ["en"])
        XCTAssertEqual(page.values("//a[@class='skip-link']"), ["Skip to content"])
        XCTAssertEqual(page.values("//h2[@id='mika_lizenz']"), ["Licence and reuse"])
        XCTAssertEqual(page.values("//nav[@class='breadcrumb container']/@aria-label"), ["You are here"])
        XCTAssertTrue(page.values("//p[@class='module-position']").first?.hasPrefix("Module 13 of 13") == true)
        XCTAssertEqual(page.values("//form[@class='quiz']/@data-text-correct"), ["Correct."])
        XCTAssertTrue(page.values("//button[@type='submit']").contains("Check answers"))
        XCTAssertTrue(page.values("//li[contains(@class, 'badge-type-quiz')]").contains("Quiz"))
        XCTAssertFalse(english.contains("Zum Inhalt springen") || english.contains("Lizenz und Nachnutzung"))
        XCTAssertTrue(english.contains("<p>“Abschlussquiz” by "), "English quotes in the licence notice")
        let german = try String(contentsOf: tree.url("site/kurse/digitale-medien-ausbildung/ergebnis-pruefen/index.html"), encoding: .utf8)
        XCTAssertTrue(german.contains("<html lang=\"de\">") && german.contains("Zum Inhalt springen"))
    }
}
