import MikaMarkdown
import XCTest

final class HTMLAttributeScannerTests: XCTestCase {
    func attributes(_ html: String) -> [String] {
        HTMLAttributeScanner.attributes(in: html).map { "\($0.tag).\($0.name)=\($0.value)" }
    }

    func testQuotingStylesCaseAndCharacterReferences() {
        XCTAssertEqual(attributes(#"<A HREF='a.pdf' title="x &amp; y">t</a><img src=b.png alt=""><input disabled>"#),
                       ["a.href=a.pdf", "a.title=x & y", "img.src=b.png", "img.alt=", "input.disabled="])
        XCTAssertEqual(attributes(#"<img src = "&#x70;oster.png" data-x='&#39;q&#39;'>"#), ["img.src=poster.png", "img.data-x='q'"])
    }

    func testCommentsEndTagsAndRawTextAreSkipped() {
        XCTAssertEqual(attributes(#"<!-- <img src="a.png"> --></p><?x y="1"?><script>'<img src="b.png">'</script><img src="c.png">"#),
                       ["img.src=c.png"])
        XCTAssertEqual(attributes(#"<style>a[href="x"]{}</STYLE><a href="d.html">"#), ["a.href=d.html"])
        XCTAssertEqual(attributes(#"<!--><img src="e.png"><!---><img src="f.png">"#), ["img.src=e.png", "img.src=f.png"])
    }

    func testValueRangesPointAtTheWrittenValue() {
        let html = #"<a href="x.pdf">"#
        let attribute = HTMLAttributeScanner.attributes(in: html)[0]
        let bytes = Array(html.utf8)
        XCTAssertEqual(String(decoding: bytes[attribute.valueRange!], as: UTF8.self), "x.pdf")
        XCTAssertEqual(String(decoding: bytes[attribute.assignmentRange!], as: UTF8.self), #"="x.pdf""#)
    }

    func testUnterminatedInputEndsCleanly() {
        XCTAssertEqual(attributes(#"<img src="a.png"#), ["img.src=a.png"])
        XCTAssertEqual(attributes("<img src="), ["img.src="])
        XCTAssertEqual(attributes("<"), [])
        XCTAssertEqual(attributes("<!--"), [])
    }

    func testSrcsetCandidates() {
        XCTAssertEqual(HTMLAttributeScanner.srcsetCandidates("a.png 1x, b.png 2x,c.png").map(\.url), ["a.png", "b.png", "c.png"])
    }

    /// Relative addresses in raw HTML pass through the destination hook and are written as whole quoted values.
    func testRendererRewritesRelativeAddressesInRawHTML() {
        var seen: [MarkdownLink] = []
        let hooks = MarkdownHooks(rewriteDestination: { link in
            seen.append(link)
            return "mika-link:\(seen.count - 1)"
        })
        let markdown = "<p><img src=bild.png alt=\"Foto\"> <a href='https://example.org/'>x</a> <a href=\"#t\">y</a> <a href=\"l.pdf\">z</a></p>\n"
        let html = MarkdownRenderer(allowRawHTML: true).render(markdown, hooks: hooks).html
        XCTAssertEqual(seen.map(\.destination), ["bild.png", "l.pdf"])
        XCTAssertEqual(seen.map(\.isImage), [true, false])
        XCTAssertEqual(seen.first?.text, "Foto")
        XCTAssertEqual(seen.map(\.startByteColumn), [13, 99])
        XCTAssertTrue(html.contains(#"<img src="mika-link:0" alt="Foto">"#), html)
        XCTAssertTrue(html.contains(#"<a href='https://example.org/'>"#), html)
        XCTAssertTrue(html.contains(#"<a href="mika-link:1">z</a>"#), html)
    }

    /// An output fills only whole attribute values, so a srcset with content addresses is checked and left out.
    func testSrcsetIsCheckedAndLeftOut() {
        var seen: [MarkdownLink] = []
        let hooks = MarkdownHooks(rewriteDestination: { link in
            seen.append(link)
            return "mika-link:\(seen.count - 1)"
        })
        let html = MarkdownRenderer(allowRawHTML: true)
            .render("<img src=\"a.png\" srcset=\"a.png 1x, b.png 2x\" alt=\"Foto\">\n", hooks: hooks).html
        XCTAssertEqual(seen.map(\.destination), ["a.png", "a.png", "b.png"])
        XCTAssertEqual(seen.map(\.isImage), [true, false, false])
        XCTAssertTrue(html.contains(#"<img src="mika-link:0"  alt="Foto">"#), html)
    }

    func testEscapedRawHTMLIsNotResolved() {
        var seen: [MarkdownLink] = []
        let hooks = MarkdownHooks(rewriteDestination: { link in seen.append(link); return nil })
        _ = MarkdownRenderer(allowRawHTML: false).render("<img src=\"a.png\" alt=\"x\">\n", hooks: hooks)
        XCTAssertEqual(seen, [])
    }
}
