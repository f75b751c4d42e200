import CLibXML2
import Foundation
import MikaContent
import MikaSite
import MikaTestSupport
import XCTest

/// Hostile and careless input, one case per row: what goes into the content folder, the diagnostics expected at
/// their file, line and column, and what must hold afterwards. Every case first builds a good site; when a case
/// has errors, that site and every content file must be byte-identical afterwards. Add a row for each new finding.
final class HostileInputTests: SiteBuildTestCase {
    struct Expected {
        var id: String
        var file: String
        var line: Int?
        var column: Int?
        /// A phrase the message or hint contains.
        var says: String? = nil
    }

    struct Case {
        var name: String
        var files: [String: String] = [:]
        /// Extra set-up in the fixture (symbolic links, odd file names).
        var prepare: (FixtureTree) throws -> Void = { _ in }
        var expected: [Expected]
        /// Checks on the published site (for cases that publish).
        var published: ([String: Data]) throws -> Void = { _ in }
    }

    static let license = "SPDX-FileCopyrightText: Site Team\nSPDX-License-Identifier: CC-BY-4.0\n"
    static func module(_ body: String, frontMatter: String = "") -> String {
        "---\ntitle: Feindlich\n\(frontMatter)---\n\(body)"
    }

    static let cases: [Case] = [
        Case(name: "inline HTML in the alt text of a standalone image (was a use-after-free)",
             files: ["content/courses/kurs/03-bild.md": module("![Alt <b>x</b>](bild.png)\n"),
                     "content/courses/kurs/bild.png": "png", "content/courses/kurs/bild.png.license": license],
             expected: [Expected(id: "markdown.raw-html", file: "courses/kurs/03-bild.md", line: 4)],
             published: { site in
                 let page = String(decoding: site["kurse/kurs/bild/index.html"] ?? Data(), as: UTF8.self)
                 XCTAssertTrue(page.contains(#"alt="Alt &lt;b&gt;x&lt;/b&gt;""#), page)
             }),
        Case(name: "symbolic link to a file outside the content folder",
             prepare: { tree in
                 try FileManager.default.createDirectory(at: tree.url("content/media"), withIntermediateDirectories: true)
                 try FileManager.default.createSymbolicLink(atPath: tree.url("content/media/hostname").path,
                                                            withDestinationPath: "/etc/hostname")
             },
             expected: [Expected(id: "file.link-outside-content", file: "media/hostname", says: "outside the content folder")]),
        Case(name: "symbolic link to a folder outside the content folder",
             prepare: { tree in
                 try tree.add(["secrets/key.txt": "geheim"])
                 try FileManager.default.createDirectory(at: tree.url("content/media"), withIntermediateDirectories: true)
                 try FileManager.default.createSymbolicLink(atPath: tree.url("content/media/geheim").path,
                                                            withDestinationPath: tree.url("secrets").path)
             },
             expected: [Expected(id: "file.link-outside-content", file: "media/geheim")]),
        Case(name: "symbolic link loop",
             files: ["content/media/a/doc.pdf": "pdf", "content/media/a/doc.pdf.license": license],
             prepare: { tree in
                 try FileManager.default.createSymbolicLink(atPath: tree.url("content/media/a/wieder").path,
                                                            withDestinationPath: "..")
             },
             expected: [Expected(id: "file.link-loop", file: "media/a/wieder")]),
        Case(name: "SVG with a script element",
             files: ["content/media/bild.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<rect/>\n<script>alert(document.domain)</script>\n</svg>",
                     "content/media/bild.svg.license": license],
             expected: [Expected(id: "media.active-content", file: "media/bild.svg", line: 3, says: "<script>")]),
        Case(name: "SVG with an event handler",
             files: ["content/media/bild.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
                     "content/media/bild.svg.license": license],
             expected: [Expected(id: "media.active-content", file: "media/bild.svg", line: 1, says: "onload")]),
        Case(name: "SVG with a javascript: link",
             files: ["content/media/bild.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n<a xlink:href=\" java\tscript:alert(1)\"><text>x</text></a></svg>",
                     "content/media/bild.svg.license": license],
             expected: [Expected(id: "media.active-content", file: "media/bild.svg", line: 2, says: "script URL")]),
        Case(name: "HTML file among the media",
             files: ["content/media/seite.html": "<script>alert(1)</script>", "content/media/seite.html.license": license],
             expected: [Expected(id: "media.active-content", file: "media/seite.html")]),
        Case(name: "noncharacters U+FFFE and U+FFFF in a title",
             files: ["content/courses/kurs/03-zeichen.md": "---\ntitle: \"Titel \\uFFFE mit \\uFFFF\"\nsummary: \"\\u0001\\u001B\"\n---\nText\n"],
             expected: [],
             published: { site in
                 for name in ["feed.xml", "sitemap.xml", "kurse/kurs/zeichen/oai_dc.xml"] {
                     let data = try XCTUnwrap(site[name], name)
                     XCTAssertTrue(HostileInputTests.isWellFormedXML(data), "\(name) is well-formed")
                 }
             }),
        Case(name: "byte-order mark at the start of site.yml and course.yml",
             files: ["content/site.yml": "\u{FEFF}title: Testcampus\nbase_url: https://example.org/campus/\nlicense: CC-BY-SA-4.0\nauthors: [Site Team]\nimpressum: https://example.org/i\ndatenschutz: https://example.org/d\nbarrierefreiheit: https://example.org/b\n",
                     "content/courses/kurs/course.yml": "\u{FEFF}title: Testkurs\nphases:\n  - {id: start, kind: präsenz-workshop, title: Auftakt}\n"],
             expected: []),
        Case(name: "two files whose names differ only in Unicode normalisation",
             files: ["content/media/B\u{00FC}ro.pdf": "nfc", "content/media/B\u{00FC}ro.pdf.license": license],
             prepare: { tree in
                 // Swift dictionaries treat both spellings as one key, so the second file is written on its own.
                 try tree.add(["content/media/Bu\u{0308}ro.pdf": "nfd"])
             },
             expected: [Expected(id: "file.same-name", file: "media/", says: "different Unicode forms")]),
        Case(name: "a file stored in NFD, linked in NFC, is published under the linked name",
             files: ["content/media/U\u{0308}bung.pdf": "pdf", "content/media/U\u{0308}bung.pdf.license": license,
                     "content/courses/kurs/03-link.md": module("[Übungsblatt](../../media/\u{00DC}bung.pdf)\n")],
             expected: [],
             published: { site in
                 XCTAssertNotNil(site.keys.first { $0.utf8.elementsEqual("media/\u{00DC}bung.pdf".utf8) }, "\(site.keys.sorted())")
             }),
        Case(name: "module file name that cannot be a page address",
             files: ["content/courses/kurs/03-übersicht.md": module("Text\n"),
                     "content/courses/kurs/04-mein modul.md": module("Text\n")],
             expected: [Expected(id: "module.file-name", file: "courses/kurs/03-übersicht.md", line: 1, says: "03-uebersicht.md"),
                        Expected(id: "module.file-name", file: "courses/kurs/04-mein modul.md", line: 1, says: "04-mein-modul.md")]),
        Case(name: "control characters in a file name reach the terminal escaped",
             files: ["content/media/\u{1B}]0;pwned\u{07}.png": "png"],
             expected: [Expected(id: "license.media-missing", file: "media/\u{1B}]0;pwned\u{07}.png")]),
        Case(name: "javascript: URL of a person and of a tool",
             files: ["content/courses/kurs/03-person.md": module("Text\n", frontMatter: "authors:\n  - name: Eve\n    url: \"javascript:alert(1)\"\ntype: toolguide\ntool:\n  name: X\n  url: javascript:alert(2)\n  cost: kostenlos\n  login: nein\n  data_protection: lokal\n")],
             expected: [Expected(id: "field.invalid-url", file: "courses/kurs/03-person.md", line: 5, column: 10),
                        Expected(id: "field.invalid-url", file: "courses/kurs/03-person.md", line: 9, column: 8),
                        Expected(id: "privacy.tool-facts", file: "courses/kurs/03-person.md", line: 7),
                        Expected(id: "tool.inline-facts", file: "courses/kurs/03-person.md", line: 7, column: 1)]),
        Case(name: "site.yml: a logo outside the content, a javascript: Impressum, markup in legal facts",
             files: ["content/site.yml": "title: T\nbase_url: https://example.org/\nlicense: CC-BY-SA-4.0\nauthors: [Site Team]\n"
                        + "logo: ../../etc/passwd\nimpressum: \"javascript:alert(1)\"\n"
                        + "datenschutz:\n  controller: \"<script>alert(1)</script>\"\n  email: \"x@y.org\\\" onclick=\\\"alert(1)\"\n"
                        + "barrierefreiheit: https://example.org/b\n"],
             expected: [Expected(id: "site.file-missing", file: "site.yml", says: "names no file"),
                        Expected(id: "field.invalid-url", file: "site.yml", line: 6, column: 12)]),
        Case(name: "markup in a deliverable and in legal facts is text",
             files: ["content/site.yml": "title: T\nbase_url: https://example.org/\nlicense: CC-BY-SA-4.0\nauthors: [Site Team]\n"
                        + "impressum:\n  name: \"<img src=x onerror=alert(1)>\"\n  email: \"a@b.org\\\"><script>\"\n"
                        + "datenschutz: https://example.org/d\nbarrierefreiheit: https://example.org/b\n",
                     "content/courses/kurs/03-abgabe.md": module("Text\n", frontMatter: "type: project\ndeliverable: \"<script>alert(1)</script>\"\n")],
             expected: [],
             published: { files in
                 for (path, data) in files where path.hasSuffix(".html") {
                     let page = String(decoding: data, as: UTF8.self)
                     XCTAssertFalse(page.contains("<script>alert") || page.contains("<img src=x"), path)
                 }
                 let impressum = String(decoding: files["impressum/index.html"] ?? Data(), as: UTF8.self)
                 XCTAssertTrue(impressum.contains("&lt;img src=x onerror=alert(1)&gt;"), impressum)
             }),
        Case(name: "REUSE.toml glob with many ** (exponential before)",
             files: ["content/REUSE.toml": "version = 1\n[[annotations]]\npath = \"" + String(repeating: "**a", count: 30) + "b\"\nSPDX-License-Identifier = \"CC0-1.0\"\nSPDX-FileCopyrightText = \"Site Team\"\n",
                     "content/media/" + String(repeating: "a", count: 60) + ".pdf": "pdf",
                     "content/media/" + String(repeating: "a", count: 60) + ".pdf.license": license],
             expected: []),
        Case(name: "40,000 links on one line (quadratic before)",
             files: ["content/courses/kurs/03-links.md": module(
                (0..<20_000).map { "[Weiter \($0)](02-zweites.md) [Quelle](https://example.org/\($0))" }.joined(separator: " ") + "\n")],
             expected: [],
             published: { site in
                 let page = String(decoding: site["kurse/kurs/links/index.html"] ?? Data(), as: UTF8.self)
                 XCTAssertTrue(page.contains("https://example.org/19999"))
             }),
        Case(name: "allow_raw_html: true with an iframe srcdoc and an event handler",
             files: ["content/site.yml": "title: T\nbase_url: https://example.org/\nlicense: CC-BY-SA-4.0\nauthors: [Site Team]\nallow_raw_html: true\nimpressum: https://example.org/i\ndatenschutz: https://example.org/d\nbarrierefreiheit: https://example.org/b\n",
                     "content/courses/kurs/03-roh.md": module("<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>\n\nText <span onmouseover=\"x()\">y</span>\n")],
             expected: [Expected(id: "markdown.active-raw-html", file: "courses/kurs/03-roh.md", line: 4, says: "srcdoc"),
                        Expected(id: "markdown.active-raw-html", file: "courses/kurs/03-roh.md", line: 6, says: "onmouseover")]),
        Case(name: "a tool file with markup in its name, a javascript: address and a logo outside its folder",
             files: ["content/tools/boese/tool.yml": "name: \"<script>alert(1)</script>\"\nurl: javascript:alert(2)\n"
                        + "purpose: \"<img src=x onerror=alert(3)>\"\nlogo: ../../../etc/passwd\n"],
             expected: [Expected(id: "field.invalid-url", file: "tools/boese/tool.yml", line: 2, column: 6),
                        Expected(id: "tool.file-missing", file: "tools/boese/tool.yml", line: 4, column: 7),
                        Expected(id: "tool.missing-fact", file: "tools/boese/tool.yml", line: 1),
                        Expected(id: "tool.no-assessment", file: "tools/boese/tool.yml", line: 1)]),
        Case(name: "markup in a tool and in hotspot labels is text; negative and absurd hotspot numbers are refused",
             files: ["content/tools/werk.yml": "name: \"Werk <b>fett</b>\"\nurl: https://example.org/\npurpose: \"<img src=x onerror=alert(3)>\"\n"
                        + "cost: kostenlos\naccount: false\ndata_location: lokal\nprovider_country: DE\naccessibility: gut\n"
                        + "license: MIT\nsteps: [planen]\ndata_protection: {assessment: geeignet, note: lokal, date: 2026-11-01}\n",
                     "content/courses/kurs/03-anleitung.md": module(
                        "1. Klicken.\n\n   ![Das Menü](bild.png)\n\n   ```hotspots\n   - {x: 1, y: 1, width: 5, height: 5, label: \"<img src=x onerror=alert(4)>\"}\n"
                        + "   - {x: -5, y: 1, width: 5, height: 5, label: a}\n   - {x: 1e400, y: 1, width: 5, height: 5, label: b}\n   ```\n",
                        frontMatter: "type: toolguide\ntool: werk\n"),
                     "content/courses/kurs/bild.png.license": license],
             prepare: { tree in try FixtureTree.png(width: 40, height: 30).write(to: tree.url("content/courses/kurs/bild.png")) },
             expected: [Expected(id: "hotspots.syntax", file: "courses/kurs/03-anleitung.md", line: 12, says: "number of pixels"),
                        Expected(id: "hotspots.syntax", file: "courses/kurs/03-anleitung.md", line: 13, says: "number of pixels")]),
        Case(name: "markup in a tool's facts and in hotspot labels is published as text",
             files: ["content/tools/werk.yml": "name: \"Werk <b>fett</b>\"\nurl: https://example.org/\npurpose: \"<img src=x onerror=alert(3)>\"\n"
                        + "cost: kostenlos\naccount: false\ndata_location: lokal\nprovider_country: DE\naccessibility: gut\n"
                        + "license: MIT\nsteps: [planen]\ndata_protection: {assessment: geeignet, note: lokal, date: 2026-11-01}\n",
                     "content/courses/kurs/03-anleitung.md": module(
                        "1. Klicken.\n\n   ![Das Menü](bild.png)\n\n   ```hotspots\n   - {x: 1, y: 1, width: 5, height: 5, label: \"<img src=x onerror=alert(4)>\"}\n   ```\n",
                        frontMatter: "type: toolguide\ntool: werk\n"),
                     "content/courses/kurs/bild.png.license": license],
             prepare: { tree in try FixtureTree.png(width: 40, height: 30).write(to: tree.url("content/courses/kurs/bild.png")) },
             expected: [],
             published: { site in
                 for path in ["werkzeuge/index.html", "werkzeuge/werk/index.html", "kurse/kurs/anleitung/index.html"] {
                     let page = String(decoding: try XCTUnwrap(site[path], path), as: UTF8.self)
                     XCTAssertFalse(page.contains("<img src=x") || page.contains("<b>fett"), path)
                 }
                 let guide = String(decoding: try XCTUnwrap(site["kurse/kurs/anleitung/index.html"]), as: UTF8.self)
                 XCTAssertTrue(guide.contains("<li>&lt;img src=x onerror=alert(4)&gt;</li>"), guide)
             }),
        Case(name: "raw HTML whose address tries to close its attribute (character references, unquoted values)",
             files: ["content/site.yml": FixtureTree.minimalSite["content/site.yml"]! + "\nallow_raw_html: true\n",
                     "content/courses/kurs/03-roh.md": module(#"<p><img src="bild.png?x=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" alt="Balken"> <a href=bild.png#&apos;onmouseover=alert(2)>Bild</a></p>"# + "\n"),
                     "content/courses/kurs/bild.png": "png", "content/courses/kurs/bild.png.license": license],
             expected: [],
             published: { site in
                 let page = String(decoding: try XCTUnwrap(site["kurse/kurs/roh/index.html"]), as: UTF8.self)
                 XCTAssertFalse(page.contains("<script>alert(1)"), page)
                 XCTAssertFalse(page.contains("'onmouseover"), page)
                 XCTAssertTrue(page.contains(#"<img src="../bild.png?x=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" alt="Balken">"#), page)
             }),
        Case(name: "20,000 raw HTML links in one block (each address was located and replaced by rescanning the block)",
             files: ["content/site.yml": FixtureTree.minimalSite["content/site.yml"]! + "\nallow_raw_html: true\n",
                     "content/courses/kurs/03-roh.md": module("<p>" + String(repeating: #"<a href="bild.png">Bild</a> "#, count: 20_000) + "</p>\n"),
                     "content/courses/kurs/bild.png": "png", "content/courses/kurs/bild.png.license": license],
             expected: [],
             published: { site in
                 let page = String(decoding: try XCTUnwrap(site["kurse/kurs/roh/index.html"]), as: UTF8.self)
                 XCTAssertEqual(page.components(separatedBy: #"<a href="../bild.png">Bild</a>"#).count - 1, 20_000)
             }),
        Case(name: "REUSE.toml with a control character in a table header (toml++ aborted on it)",
             files: ["content/REUSE.toml": "[\u{01}th\"a*fer: \n"],
             expected: [Expected(id: "reuse.syntax", file: "REUSE.toml", line: 1, column: 2, says: "expected a key")]),
        Case(name: "REUSE.toml nested a thousand arrays deep",
             files: ["content/REUSE.toml": "a = " + String(repeating: "[", count: 1000) + "\n"],
             expected: [Expected(id: "reuse.syntax", file: "REUSE.toml", line: 1, says: "nested too deeply")]),
        Case(name: "metadata settings with a script address and unknown words",
             files: ["content/site.yml": FixtureTree.minimalSite["content/site.yml"]!
                        + "\noai_gateway: \"javascript:alert(1)\"\namb_context: entwurf\nsource_organization: [\"<b>Träger</b>\"]\n",
                     "content/courses/kurs/course.yml": FixtureTree.minimalSite["content/courses/kurs/course.yml"]! + "\nsubjects: [Sternkunde]\n"],
             expected: [Expected(id: "site.invalid-oai-gateway", file: "site.yml", line: 8),
                        Expected(id: "field.unknown-value", file: "site.yml", line: 9, says: "amb_context"),
                        Expected(id: "field.unknown-value", file: "courses/kurs/course.yml", says: "subjects")]),
    ]

    func testEveryHostileCase() throws {
        for hostile in Self.cases {
            try run(hostile)
        }
    }

    private func run(_ hostile: Case) throws {
        let tree = try FixtureTree(FixtureTree.minimalSite)
        let output = tree.url("site")
        XCTAssertTrue(build(content: tree.url("content"), into: output).published, hostile.name)
        let siteBefore = try files(in: output)
        try tree.add(hostile.files)
        try hostile.prepare(tree)
        let contentBefore = try snapshot(tree.url("content"))

        let report = build(content: tree.url("content"), into: output)
        let shown = report.diagnostics.map(\.formatted).joined(separator: "\n")
        let relevant = report.diagnostics.filter { $0.severity != .note && $0.id != "site.no-base-url" }
        XCTAssertEqual(relevant.count, hostile.expected.count, "\(hostile.name):\n\(shown)")
        for expected in hostile.expected {
            let match = relevant.first { diagnostic in
                diagnostic.id == expected.id && diagnostic.file.contains("content/" + expected.file)
                    && (expected.line == nil || diagnostic.line == expected.line)
                    && (expected.column == nil || diagnostic.column == expected.column)
                    && (expected.says.map { (diagnostic.message + (diagnostic.hint ?? "")).contains($0) } ?? true)
            }
            XCTAssertNotNil(match, "\(hostile.name): expected \(expected.id) at \(expected.file):\(expected.line ?? 0)\n\(shown)")
        }
        // Human output never carries raw control characters.
        XCTAssertFalse(shown.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" }, "\(hostile.name): \(shown.debugDescription)")
        XCTAssertEqual(try snapshot(tree.url("content")), contentBefore, "\(hostile.name): content files untouched")
        if report.diagnostics.hasErrors {
            XCTAssertFalse(report.published, hostile.name)
            XCTAssertEqual(try files(in: output), siteBefore, "\(hostile.name): the previous site stays byte-identical")
        } else {
            XCTAssertTrue(report.published, "\(hostile.name):\n\(shown)")
            let site = try files(in: output)
            XCTAssertFalse(site.keys.contains { $0.contains("hostname") || $0.contains("key.txt") })
            try hostile.published(site)
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: tree.root.path).filter { $0.contains("staging") }
        XCTAssertEqual(leftovers, [], hostile.name)
    }

    /// Every path below a folder (links not followed) → its bytes, or its link target.
    private func snapshot(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        var pending = [""]
        while let relative = pending.popLast() {
            let path = relative.isEmpty ? folder.path : folder.path + "/" + relative
            for name in try FileManager.default.contentsOfDirectory(atPath: path) {
                let child = relative.isEmpty ? name : relative + "/" + name
                let full = folder.path + "/" + child
                let attributes = try FileManager.default.attributesOfItem(atPath: full)
                switch attributes[.type] as? FileAttributeType {
                case .typeSymbolicLink?: result[child] = Data(try FileManager.default.destinationOfSymbolicLink(atPath: full).utf8)
                case .typeDirectory?: pending.append(child)
                default: result[child] = try Data(contentsOf: URL(fileURLWithPath: full))
                }
            }
        }
        return result
    }

    static func isWellFormedXML(_ data: Data) -> Bool {
        data.withUnsafeBytes { bytes in
            guard let document = xmlReadMemory(bytes.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(bytes.count),
                                               "x.xml", nil, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue))
            else { return false }
            xmlFreeDoc(document)
            return true
        }
    }
}
