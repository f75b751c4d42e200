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

/// `isSafe` reads the scheme of an ASCII address on bytes; it must judge every address as the general reading does.
final class SafeAddressTests: XCTestCase {
    func reference(_ destination: String, isImage: Bool) -> Bool {
        guard destination.utf8.contains(UInt8(ascii: ":")) else { return true }
        let lowered = destination.trimmingSpaces.lowercased().filter { !$0.isWhitespace && $0 != "\u{0}" }
        for scheme in ["javascript:", "vbscript:", "file:"] where lowered.hasPrefix(scheme) { return false }
        if lowered.hasPrefix("data:") {
            return isImage && ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains { lowered.hasPrefix($0) }
        }
        return true
    }

    func testSchemesAreJudgedAsByTheGeneralReading() {
        let addresses = [
            "javascript:alert(1)", " JAVASCRIPT:x", "java\tscript:x", "\u{0}javascript:x", "j a v a s c r i p t :x",
            "java\u{0B}script:", "java\u{0C}script:", "java\r\nscript:", "vbscript:x", "VBScript:x", "file:///etc/passwd",
            "FILE:x", "data:image/png;base64,iVBO", "DATA:IMAGE/PNG;x", "data:image/svg+xml,<svg>", "data:text/html,x",
            "data: image/jpeg;x", "data:image/webp", "data:image/gif", "https://example.org/a:b", "mailto:a@b.c",
            "\u{E000}link:0", "#abschnitt:2", "jav&#x61;script:x", "javascr\u{130}pt:x", "\u{A0}javascript:x",
            "java\u{2028}script:x", "ja\u{85}vascript:x", "ＪＡＶＡＳＣＲＩＰＴ:x", "data:image/pngwhatever", "x:y", ":",
        ]
        for address in addresses {
            for isImage in [false, true] {
                XCTAssertEqual(MarkdownRenderer.isSafe(address, isImage: isImage), reference(address, isImage: isImage),
                               "\(address.debugDescription) as \(isImage ? "image" : "link")")
            }
        }
    }
}

/// Slugs of ASCII and umlaut text are made on bytes; they must be the slugs the Unicode path makes.
final class SlugPathTests: XCTestCase {
    func testBytePathMakesTheUnicodeSlugs() {
        let texts = ["Abschnitt 1: Schritt", "Größe & Maß – Übung 2", "ÄÖÜ äöü ß", "  --x--  ", "", "!!!", "Über-Blick",
                     "Schritt 10 von 12", "a_b.c/d", "ÜBERSICHT", "Straße", "x\u{0}y", "\tTab\nZeile",
                     "«Zitat» § 3 — Teil\u{A0}2 „so“ ‚so‘ …", "µ-Test ª º ¿", "\u{2028}x\u{2030}"]
        for text in texts {
            XCTAssertNotNil(text.asciiOrUmlautSlug, text)
            XCTAssertEqual(text.asciiOrUmlautSlug, text.unicodeSlug, text)
        }
        // Anything else goes the Unicode way: accents, decomposed umlauts, capital sharp s, the Kelvin sign.
        for text in ["Café", "u\u{308}ber", "GROẞ", "\u{212A}elvin", "İstanbul", "日本", "x\u{2070}", "Æ"] {
            XCTAssertNil(text.asciiOrUmlautSlug, text)
        }
    }
}
