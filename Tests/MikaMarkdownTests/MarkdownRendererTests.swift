import Foundation
import MikaMarkdown
import XCTest

final class MarkdownRendererTests: XCTestCase {
    let renderer = MarkdownRenderer()

    func testHeadingsGetStableUniqueIDs() {
        let result = renderer.render("## Übersicht & Ziele\n\n## Übersicht & Ziele\n\n### Schritt `1`\n\n## !!!\n")
        XCTAssertEqual(result.headings.map(\.id), ["uebersicht-ziele", "uebersicht-ziele-2", "schritt-1", "abschnitt"])
        XCTAssertEqual(result.headings.map(\.line), [1, 3, 5, 7])
        XCTAssertEqual(result.headings[2].text, "Schritt 1")
        XCTAssertTrue(result.html.contains(#"<h2 id="uebersicht-ziele">Übersicht &amp; Ziele</h2>"#), result.html)
        XCTAssertTrue(result.html.contains(#"<h3 id="schritt-1">Schritt <code>1</code></h3>"#), result.html)
    }

    func testRawHTMLIsEscapedByDefault() {
        let result = renderer.render("<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> mehr\n")
        XCTAssertFalse(result.html.contains("<script"), result.html)
        XCTAssertFalse(result.html.contains("<img"), result.html)
        XCTAssertTrue(result.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), result.html)
        XCTAssertTrue(result.html.contains("&lt;img src=x onerror=alert(1)&gt;"), result.html)
        XCTAssertEqual(result.escapedHTMLLines, [1, 3])
    }

    func testRawHTMLOptInStillFiltersDangerousTags() {
        let result = MarkdownRenderer(allowRawHTML: true).render("<kbd>Strg</kbd> und <script>x()</script>\n")
        XCTAssertTrue(result.html.contains("<kbd>Strg</kbd>"), result.html)
        XCTAssertFalse(result.html.contains("<script>"), result.html)
        XCTAssertTrue(result.escapedHTMLLines.isEmpty)
    }

    func testScriptURLsAreNeverEmitted() {
        let result = renderer.render("[a](javascript:alert(1)) [b]( JAVASCRIPT:x) ![c](data:text/html;base64,xx) ![d](data:image/png;base64,iVBO)\n")
        XCTAssertFalse(result.html.lowercased().contains("javascript:"), result.html)
        XCTAssertFalse(result.html.contains("data:text/html"), result.html)
        XCTAssertTrue(result.html.contains("data:image/png;base64,iVBO"), result.html)
    }

    func testGitHubExtensions() {
        let markdown = """
        | A | B |
        |---|---|
        | 1 | 2 |

        ~~alt~~ und www.example.org

        - [x] erledigt
        - [ ] offen

        Fußnote[^1].

        [^1]: Anmerkung.
        """
        let html = renderer.render(markdown).html
        XCTAssertTrue(html.contains("<table>") && html.contains("<th>A</th>"), html)
        XCTAssertTrue(html.contains("<del>alt</del>"), html)
        XCTAssertTrue(html.contains(#"<a href="http://www.example.org">www.example.org</a>"#), html)
        XCTAssertTrue(html.contains(#"<span class="task-state task-done" role="img" aria-label="erledigt">☑</span> erledigt"#), html)
        XCTAssertTrue(html.contains(#"<span class="task-state task-open" role="img" aria-label="offen">☐</span> offen"#), html)
        XCTAssertFalse(html.contains("<input"), html)
        XCTAssertTrue(html.contains(#"class="footnotes""#), html)
        XCTAssertTrue(html.contains(#"aria-label="Zurück zum Text""#), html)
    }

    func testHooksRewriteLinksAndReplaceFencedBlocks() {
        var seen: [MarkdownLink] = []
        let hooks = MarkdownHooks(
            rewriteDestination: { link in
                seen.append(link)
                return link.destination == "02-b.md" ? "../b/" : nil
            },
            claimedFenceInfos: ["quiz"],
            renderFencedBlock: { block in "<!--block \(block.line): \(block.content.count)-->" })
        let result = renderer.render("Text\n\n[B](02-b.md) und ![Alt *text*](x.png)\n\n```quiz\nq: 1\n```\n\n```swift\nlet x = 1\n```\n",
                                     hooks: hooks)
        XCTAssertEqual(seen.map(\.destination), ["02-b.md", "x.png"])
        XCTAssertEqual(seen.map(\.line), [3, 3])
        XCTAssertEqual(seen[1].text, "Alt text")
        XCTAssertTrue(seen[1].isImage)
        XCTAssertTrue(result.html.contains(#"<a href="../b/">B</a>"#), result.html)
        XCTAssertTrue(result.html.contains("<!--block 5: 5-->"), result.html)
        XCTAssertTrue(result.html.contains(#"<code class="language-swift">let x = 1"#), result.html)
    }

    func testSlugs() {
        XCTAssertEqual("Größe & Maß – Übung 2".slugified, "groesse-mass-uebung-2")
        XCTAssertEqual("  --x--  ".slugified, "x")
        XCTAssertEqual(#"<a href="x">'&'</a>"#.htmlEscaped, "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        var bytes = Array("ä".utf8)
        "Öl & <Wasser>".appendHTMLEscaped(to: &bytes)
        XCTAssertEqual(String(decoding: bytes, as: UTF8.self), "äÖl &amp; &lt;Wasser&gt;")
    }

    func testByteHelpersAgreeWithFoundationAndTheCharacterVersions() {
        let paths = ["bild.png", "a/b/Video.MP4", "a/b.tar.gz", ".hidden", "a/.hidden", "a/..", "..", ".", "x.", "ordner/",
                     "ordner/datei.pdf/", "a//b.svg", "kein-punkt", "", "/", "über/straße.jpeg", "a.b/c", "a/b.c/"]
        for path in paths {
            XCTAssertEqual(path.fileExtension, (path as NSString).pathExtension, path)
            XCTAssertEqual(path.slashSeparated, path.split(separator: "/"), path)
        }
        for text in ["  a b ", "abc", "\tx\n", "", " ", "\u{00A0}Ä\u{2003}", "a\u{0301}", "\r\n", "x\u{200B}"] {
            var scalars = Substring(text)
            while let first = scalars.first, first.isWhitespace { scalars = scalars.dropFirst() }
            while let last = scalars.last, last.isWhitespace { scalars = scalars.dropLast() }
            XCTAssertEqual(text.trimmingSpaces, String(scalars), text.debugDescription)
        }
    }

    func testUTF8Search() throws {
        let text = "Größe {{t.a}} und {{t.b}}\u{E000}7:a\u{E001}"
        let first = try XCTUnwrap(text.utf8Range(of: "{{t."))
        XCTAssertEqual(String(text[first.upperBound...].prefix(3)), "a}}")
        let second = try XCTUnwrap(text.utf8Range(of: "{{t.", in: first.upperBound..<text.endIndex))
        XCTAssertEqual(String(text[second.upperBound...].prefix(1)), "b")
        XCTAssertNil(text.utf8Range(of: "{{t.", in: text.index(after: second.lowerBound)..<text.endIndex))
        XCTAssertNil(text.utf8Range(of: "{{t.a}}", in: first.lowerBound..<text.index(first.lowerBound, offsetBy: 6)),
                     "a match may not run past the range")
        let mark = try XCTUnwrap(text.utf8Range(of: "\u{E000}"))
        let end = try XCTUnwrap(text.utf8Range(of: "\u{E001}", in: mark.upperBound..<text.endIndex))
        XCTAssertEqual(String(text[mark.upperBound..<end.lowerBound]), "7:a")
        XCTAssertNil(text.utf8Range(of: ""))
        // The byte search under it: bounds, a needle at the very end, a first byte that recurs.
        Array("aab\u{E001}ab".utf8).withUnsafeBufferPointer { bytes in
            XCTAssertEqual(bytes.firstOffset(of: Array("ab".utf8)), 1)
            XCTAssertEqual(bytes.firstOffset(of: Array("ab".utf8), from: 2), 6)
            XCTAssertNil(bytes.firstOffset(of: Array("ab".utf8), from: 2, upTo: 7))
            XCTAssertEqual(bytes.firstOffset(of: Array("\u{E001}".utf8)), 3)
            XCTAssertNil(bytes.firstOffset(of: []))
            XCTAssertNil(bytes.firstOffset(of: Array("abc".utf8)))
        }
        XCTAssertNil("".utf8Range(of: "x"))
    }
}

/// Tree edits must never touch a node another edit freed (a standalone image with inline HTML in its alt text
/// used to crash with a use-after-free or double free).
final class MarkdownTreeLifetimeTests: XCTestCase {
    func testStandaloneImageWithInlineHTMLInAltText() {
        var hooks = MarkdownHooks()
        hooks.replaceStandaloneImage = { link, destination in "<figure><img src=\"\(destination)\" alt=\"\(link.text.htmlEscaped)\"></figure>" }
        let markdown = "![Alt <b>x</b>](bild.png)\n\n![dekorativ<i></i>](d.png)\n\n> ![In <span>Zitat</span>](z.png)\n\n## Titel <em>x</em> ![i <b>y</b>](h.png)\n"
        let result = MarkdownRenderer().render(markdown, hooks: hooks)
        XCTAssertTrue(result.html.contains(#"<figure><img src="bild.png" alt="Alt &lt;b&gt;x&lt;/b&gt;"></figure>"#), result.html)
        XCTAssertTrue(result.html.contains(#"alt="In &lt;span&gt;Zitat&lt;/span&gt;""#), result.html)
        XCTAssertFalse(result.html.contains("<b>"), result.html)
        XCTAssertEqual(result.escapedHTMLLines.count, 10)
    }

    func testStrikethroughAndAutolinksSurviveParallelParsing() {
        // cmark-gfm's special-character table is process-global; parsers running at once used to lose `~`.
        let markdown = "Text ~~alt~~ neu, siehe www.example.org und https://example.org/x.\n"
        var results = [String](repeating: "", count: 400)
        results.withUnsafeMutableBufferPointer { buffer in
            let slots = buffer
            DispatchQueue.concurrentPerform(iterations: slots.count) { index in
                slots.baseAddress!.advanced(by: index).pointee = MarkdownRenderer().render(markdown).html
            }
        }
        for html in results {
            XCTAssertTrue(html.contains("<del>alt</del>"), html)
            XCTAssertTrue(html.contains(#"<a href="http://www.example.org">www.example.org</a>"#), html)
        }
    }

    /// Links whose text is their address are marked, so print styles do not repeat the address; others are not.
    func testBareAddressesAreMarkedForPrint() {
        let html = MarkdownRenderer().render("Siehe <https://example.org/a> und [die Seite](https://example.org/b).").html
        XCTAssertTrue(html.contains(#"<a class="url" href="https://example.org/a">https://example.org/a</a>"#), html)
        XCTAssertTrue(html.contains(#"<a href="https://example.org/b">die Seite</a>"#), html)
    }
}
