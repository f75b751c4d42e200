import Foundation
import MikaContent
import MikaSite
import MikaTestSupport
import XCTest

/// Media excluded from the open licence and allowed by the policy are published marked as such: in their caption,
/// on lizenzen/, and in the metadata of the pages that use them; raw HTML addresses are rewritten per output.
final class ExcludedMediaTests: SiteBuildTestCase {
    func build() throws -> [String: String] {
        var options = InMemoryBuildTests.makeOptions(theme: theme)
        var files: [String: String] = [:]
        for (path, text) in FixtureTree.minimalSite { files[String(path.dropFirst("content/".count))] = text }
        files["site.yml"]! += "\nallow_raw_html: true\nlicense_policy:\n  allow_excluded: [media/logos/*]\n"
        files["media/logos/traeger.png"] = "png"
        files["media/logos/traeger.png.license"] = "SPDX-FileCopyrightText: Träger e. V.\nSPDX-License-Identifier: NONE\nTitle: Logo des Trägers\nSource: https://traeger.example/presse\n"
        files["media/plan.pdf"] = "pdf"
        files["media/plan.pdf.license"] = "SPDX-FileCopyrightText: 2025 Site Team\nSPDX-License-Identifier: CC-BY-4.0\n"
        files["courses/kurs/02-zweites.md"] = """
        ---
        title: Zweites
        ---
        ![Logo des Trägers: ein blaues Haus](../../media/logos/traeger.png)

        <p>Der <a href="../../media/plan.pdf">Plan</a> und das <a href=01-erstes.md>erste Modul</a>.</p>
        """
        options.contentSource = MemoryFiles(texts: files)
        let sink = MemorySink()
        let report = SiteBuilder(options: options).build(into: sink)
        XCTAssertTrue(report.published, report.diagnostics.map(\.formatted).joined(separator: "\n"))
        return sink.files.mapValues { String(decoding: $0, as: UTF8.self) }
    }

    func testExcludedMediaAreMarkedEverywhere() throws {
        let files = try build()
        let page = try XCTUnwrap(files["kurse/kurs/zweites/index.html"])
        XCTAssertTrue(page.contains("<figcaption>„Logo des Trägers“ von Träger e. V., von der freien Lizenz ausgenommen, Quelle: <a class=\"url\" href=\"https://traeger.example/presse\">https://traeger.example/presse</a></figcaption>"), page)
        let credits = try XCTUnwrap(files["lizenzen/index.html"])
        XCTAssertTrue(credits.contains(#"<td>Träger e. V.</td><td><strong class="license-excluded">von der freien Lizenz ausgenommen</strong></td>"#), credits)
        let amb = try XCTUnwrap(files["kurse/kurs/zweites/amb.json"])
        XCTAssertTrue(amb.contains(#""copyrightNotice" : "Von der freien Lizenz ausgenommen: Logo des Trägers (© Träger e. V.)""#)
                      || amb.contains(#""copyrightNotice": "Von der freien Lizenz ausgenommen: Logo des Trägers (© Träger e. V.)""#), amb)
        XCTAssertNil(try XCTUnwrap(files["kurse/kurs/erstes/amb.json"]).range(of: "copyrightNotice"), "only where the medium is used")
        let dublinCore = try XCTUnwrap(files["kurse/kurs/zweites/index.html"])
        XCTAssertTrue(dublinCore.contains("Von der freien Lizenz ausgenommen"), "Dublin Core rights in the page head")
    }

    func testRawHTMLAddressesAreRewrittenForTheSite() throws {
        let page = try XCTUnwrap(try build()["kurse/kurs/zweites/index.html"])
        XCTAssertTrue(page.contains(#"<a href="../../../media/plan.pdf">Plan</a>"#), page)
        XCTAssertTrue(page.contains(#"<a href="../erstes/index.html">erste Modul</a>"#), page)
    }
}
