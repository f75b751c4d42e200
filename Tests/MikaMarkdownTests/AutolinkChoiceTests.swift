import Foundation
@testable import MikaMarkdown
import XCTest

/// The autolink extension is attached only to text that could hold an autolink ("://", "www.", "@"). Without it,
/// cmark leaves text nodes split at special characters; the result must be the same as with it, for every module
/// of the sample course and for text full of characters that start inline syntax.
final class AutolinkChoiceTests: XCTestCase {
    let renderer = MarkdownRenderer(allowRawHTML: true)

    func assertSame(_ markdown: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        let chosen = renderer.render(markdown, hooks: MarkdownHooks(), autolink: nil)
        let always = renderer.render(markdown, hooks: MarkdownHooks(), autolink: true)
        XCTAssertEqual(chosen.html, always.html, name, file: file, line: line)
        XCTAssertEqual(chosen.headings.map(\.id), always.headings.map(\.id), name, file: file, line: line)
        XCTAssertEqual(chosen.headings.map(\.text), always.headings.map(\.text), name, file: file, line: line)
        XCTAssertEqual(chosen.links, always.links, name, file: file, line: line)
        XCTAssertEqual(chosen.tables.map(\.line), always.tables.map(\.line), name, file: file, line: line)
        XCTAssertEqual(chosen.tables.map(\.headerIsEmpty), always.tables.map(\.headerIsEmpty), name, file: file, line: line)
        XCTAssertEqual(chosen.steps.map(\.line), always.steps.map(\.line), name, file: file, line: line)
        XCTAssertEqual(chosen.steps.map(\.hasText), always.steps.map(\.hasText), name, file: file, line: line)
        XCTAssertEqual(chosen.rawHTML.map(\.html), always.rawHTML.map(\.html), name, file: file, line: line)
    }

    func testEveryModuleOfTheSampleCourseRendersAlike() throws {
        let courses = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("content/courses")
        let files = try XCTUnwrap(FileManager.default.enumerator(atPath: courses.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".md") }
        XCTAssertGreaterThan(files.count, 5)
        for file in files {
            assertSame(try String(contentsOf: courses.appendingPathComponent(file), encoding: .utf8), file)
        }
    }

    func testInlineSyntaxWithoutAutolinksRendersAlike() {
        let samples = [
            "Wir wollen wissen, wie *wichtig* **Werkzeuge** sind: _wirklich_ ~~wenig~~ oder `wow`?",
            "Ein Satz mit [Link](ziel.md \"Titel: w\") und ![Bild: Wiese](wiese.png) und [kein Link] und [w]: x",
            "Sternchen * allein, _halb, **offen, ~einzeln~ und \\*escaped\\* & &amp; &#119; &copy; <b>fett</b> <!-- w -->",
            "| Wert | Wahl |\n|---|:--:|\n| w | x: y |\n| *wo* | `w|x` |\n",
            "1. Schritt: öffnen\n2. Schritt: wählen\n\n   ![Fenster](f.png)\n3. www ohne Punkt, ftp:/x, mailto x\n",
            "- [ ] wach\n- [x] weiter: wo?\n\n> Zitat: wer wagt, gewinnt  \n> zweite Zeile\\\ndritte",
            "## Wann: Wo? Warum!\n\n### `w` und *w*\n\nText: w:w :w w: ::: www wwwx ww.w",
            "<div>\nw: *keine* Betonung\n</div>\n\n```\ncode: w\n```\n\n    eingerückt: w\n",
        ]
        for (index, sample) in samples.enumerated() {
            XCTAssertNil(sample.utf8Range(of: "://") ?? sample.utf8Range(of: "www.") ?? sample.utf8Range(of: "@"))
            assertSame(sample, "sample \(index)")
        }
    }
}
