import Foundation
import MikaContent
import MikaSite
import MikaTestSupport
import XCTest

/// Walks the registry: every diagnostic id has a fixture here that triggers it at an asserted file, line and
/// column. An id without a row, or a row whose finding moved, fails. Each row changes the minimal site.
final class DiagnosticCoverageTests: SiteBuildTestCase {
    struct Row {
        var id: String
        /// Files to add or replace, relative to the fixture root (`content/…`).
        var files: [String: String] = [:]
        var setup: (FixtureTree, inout BuildOptions) throws -> Void = { _, _ in }
        /// Expected place: file (suffix, relative to the fixture root), line, column (nil: none).
        var file: String
        var line: Int?
        var column: Int?
        /// What runs instead of a build (e.g. `mika package`).
        var run: ((BuildOptions) -> BuildReport)? = nil
    }

    static let license = "SPDX-FileCopyrightText: Site Team\nSPDX-License-Identifier: CC-BY-4.0\n"
    static let module = "content/courses/kurs/03-test.md"
    /// A module whose front matter has `frontMatter` after `title:` (line 2), body from the line after `---`.
    static func module(_ body: String, _ frontMatter: String = "") -> [String: String] {
        [module: "---\ntitle: Test\n\(frontMatter)---\n\(body)"]
    }
    static func quiz(_ yaml: String) -> [String: String] { module("```quiz\n\(yaml)```\n") }
    /// A click-guide module (front matter ends on line 4, the body starts on line 5).
    static func guide(_ body: String) -> [String: String] { module(body, "type: toolguide\n") }
    /// A 40 × 30 PNG screenshot at media/s.png, with its licence.
    static func screenshot() -> (FixtureTree, inout BuildOptions) throws -> Void {
        { tree, _ in
            try tree.add(["content/media/s.png.license": license])
            try FixtureTree.png(width: 40, height: 30).write(to: tree.url("content/media/s.png"))
        }
    }
    static func remove(_ path: String) -> (FixtureTree, inout BuildOptions) throws -> Void {
        { tree, _ in try FileManager.default.removeItem(at: tree.url(path)) }
    }
    static let site = FixtureTree.minimalSite["content/site.yml"]!
    static let course = FixtureTree.minimalSite["content/courses/kurs/course.yml"]!

    static let rows: [Row] = [
        // Content folder and files
        Row(id: "content.missing", setup: remove("content"), file: "content"),
        Row(id: "content.no-courses", setup: remove("content/courses"), file: "content/courses"),
        Row(id: "site.missing", setup: remove("content/site.yml"), file: "content/site.yml"),
        Row(id: "file.unreadable", setup: { tree, options in
            options.contentSource = Unreadable(base: DiskFiles(tree.url("content")), path: "courses/kurs/02-zweites.md")
        }, file: "content/courses/kurs/02-zweites.md"),
        Row(id: "file.encoding", setup: { tree, _ in
            try Data([0x2D, 0x2D, 0x2D, 0x0A, 0xFF, 0xFE, 0x0A]).write(to: tree.url(module))
        }, file: module, line: 1),
        Row(id: "file.broken-link", setup: { tree, _ in
            try FileManager.default.createSymbolicLink(atPath: tree.url("content/weg").path, withDestinationPath: "nirgends")
        }, file: "content/weg"),
        Row(id: "file.link-outside-content", setup: { tree, _ in
            try FileManager.default.createSymbolicLink(atPath: tree.url("content/host").path, withDestinationPath: "/etc/hostname")
        }, file: "content/host"),
        Row(id: "file.link-loop", setup: { tree, _ in
            try FileManager.default.createSymbolicLink(atPath: tree.url("content/courses/kurs/schleife").path, withDestinationPath: "..")
        }, file: "content/courses/kurs/schleife"),
        Row(id: "file.same-name", files: ["content/media/B\u{00FC}ro.pdf": "a", "content/media/B\u{00FC}ro.pdf.license": license],
            setup: { tree, _ in try tree.add(["content/media/Bu\u{0308}ro.pdf": "b"]) }, file: "content/media/"),
        // YAML and fields
        Row(id: "yaml.syntax", files: [module: "---\ntitle: [kaputt\n---\n"], file: module, line: 2, column: 8),
        Row(id: "yaml.duplicate-key", files: module("", "title: Zweimal\n"), file: module, line: 2, column: 1),
        Row(id: "yaml.empty", files: [module: "---\n---\nText\n"], file: module, line: 2),
        Row(id: "yaml.not-a-mapping", files: [module: "---\n- eine Liste\n---\n"], file: module, line: 2),
        Row(id: "front-matter.missing", files: [module: "Nur Text\n"], file: module, line: 1, column: 1),
        Row(id: "front-matter.unterminated", files: [module: "---\ntitle: Offen\n"], file: module, line: 1, column: 1),
        Row(id: "field.unknown-key", files: module("", "summery: Kurz\n"), file: module, line: 3, column: 1),
        Row(id: "field.missing", files: [module: "---\nsummary: Ohne Titel\n---\n"], file: module, line: 2, column: 1),
        Row(id: "field.empty", files: [module: "---\ntitle: ''\n---\n"], file: module, line: 2, column: 8),
        Row(id: "field.not-text", files: [module: "---\ntitle: [a, b]\n---\n"], file: module, line: 2, column: 8),
        Row(id: "field.unknown-value", files: module("", "type: theorie\n"), file: module, line: 3, column: 7),
        Row(id: "field.invalid-bool", files: ["content/site.yml": site + "\nallow_raw_html: vielleicht"],
            file: "content/site.yml", line: 8, column: 17),
        Row(id: "field.invalid-number", files: ["content/courses/kurs/course.yml": course + "\norder: viele"],
            file: "content/courses/kurs/course.yml", line: 8, column: 8),
        Row(id: "field.invalid-date", files: module("", "date_created: 2024-13-45\n"), file: module, line: 3, column: 15),
        Row(id: "field.invalid-duration", files: module("", "duration: lang\n"), file: module, line: 3, column: 11),
        Row(id: "field.invalid-person", files: module("", "authors: [[a]]\n"), file: module, line: 3, column: 11),
        Row(id: "field.invalid-url", files: module("", "authors:\n  - name: Eve\n    url: javascript:x\n"),
            file: module, line: 5, column: 10),
        Row(id: "person.invalid-identifier", files: module("", "authors:\n  - name: A\n    id: https://orcid.org/0000-0002-1825-0090\n"),
            file: module, line: 5, column: 9),
        // Site and courses
        Row(id: "site.invalid-base-url", files: ["content/site.yml": "title: T\nbase_url: ftp://x\nlicense: CC-BY-4.0\nauthors: [Site Team]\n"],
            file: "content/site.yml", line: 2, column: 11),
        Row(id: "site.invalid-analytics", files: ["content/site.yml": site + "\nanalytics: vielleicht"],
            file: "content/site.yml", line: 8, column: 12),
        Row(id: "site.invalid-email", files: ["content/site.yml": site + "\ncontact_email: niemand"],
            file: "content/site.yml", line: 8, column: 16),
        Row(id: "site.oai-needs-contact", files: ["content/site.yml": site + "\noai_static_repository: true"],
            file: "content/site.yml", line: 8, column: 1),
        Row(id: "site.oai-gateway-missing", files: ["content/site.yml": site + "\ncontact_email: a@b.de\noai_static_repository: true"],
            file: "content/site.yml", line: 9, column: 1),
        Row(id: "site.invalid-oai-gateway", files: ["content/site.yml": site + "\noai_gateway: gateway.example.org"],
            file: "content/site.yml", line: 8, column: 14),
        Row(id: "site.no-base-url", files: ["content/site.yml": "title: T\nlicense: CC-BY-4.0\nauthors: [Site Team]\n"],
            file: "content/site.yml"),
        Row(id: "course.missing-course-yml", files: ["content/courses/zwei/01-a.md": "---\ntitle: A\n---\n"],
            file: "content/courses/zwei"),
        Row(id: "course.folder-name", files: ["content/courses/Zwei Kurs/course.yml": "title: Z\n"],
            file: "content/courses/Zwei Kurs"),
        Row(id: "course.phases-not-a-list", files: ["content/courses/kurs/course.yml": "title: K\nphases: viele\n"],
            file: "content/courses/kurs/course.yml", line: 2, column: 1),
        Row(id: "course.invalid-phase", files: ["content/courses/kurs/course.yml": "title: K\nphases:\n  - nur Text\n"],
            file: "content/courses/kurs/course.yml", line: 3, column: 5),
        Row(id: "course.duplicate-phase", files: ["content/courses/kurs/course.yml":
            "title: K\nphases:\n  - {id: start, kind: selbstlernphase, title: A}\n  - {id: start, kind: praxisphase, title: B}\n"],
            file: "content/courses/kurs/course.yml", line: 4, column: 10),
        // Modules and Markdown
        Row(id: "module.file-name", files: ["content/courses/kurs/03-übersicht.md": "---\ntitle: Ü\n---\n"],
            file: "content/courses/kurs/03-übersicht.md", line: 1),
        Row(id: "module.duplicate-slug", files: ["content/courses/kurs/03-erstes.md": "---\ntitle: Doppelt\n---\n"],
            file: "content/courses/kurs/03-erstes.md", line: 1),
        Row(id: "module.unknown-phase", files: module("", "phase: nirgends\n"), file: module, line: 3, column: 8),
        Row(id: "markdown.raw-html", files: module("Text <b>fett</b>\n"), file: module, line: 4),
        Row(id: "markdown.active-raw-html", files: module("<span onclick=\"x()\">y</span>\n").merging([
            "content/site.yml": site + "\nallow_raw_html: true"]) { $1 }, file: module, line: 4),
        Row(id: "link.unsafe-url", files: module("[x](javascript:alert(1))\n"), file: module, line: 4, column: 5),
        Row(id: "link.absolute-path", files: module("[x](/abs/x.html)\n"), file: module, line: 4, column: 5),
        Row(id: "link.outside-content", files: module("[x](../../../x.pdf)\n"), file: module, line: 4, column: 5),
        Row(id: "link.broken", files: module("Weiter: [x](09-nix.md)\n"), file: module, line: 4, column: 13),
        Row(id: "link.unpublished-file", files: module("[Kursdatei](course.yml)\n"), file: module, line: 4, column: 13),
        Row(id: "image.missing", files: module("![Ein Bild](fehlt.png)\n"), file: module, line: 4, column: 13),
        // Quizzes, embeds, tools
        Row(id: "quiz.invalid-question", files: quiz("questions:\n  - nur Text\n"), file: module, line: 6, column: 5),
        Row(id: "quiz.unknown-type", files: quiz("questions:\n  - type: raten\n    question: Q?\n"), file: module, line: 6, column: 11),
        Row(id: "quiz.no-questions", files: quiz("questions: []\n"), file: module, line: 5, column: 1),
        Row(id: "quiz.too-few-options", files: quiz("questions:\n  - type: single\n    question: Q?\n    options:\n      - {text: A, correct: true}\n"),
            file: module, line: 8, column: 5),
        Row(id: "quiz.no-correct-option", files: quiz("questions:\n  - type: multiple\n    question: Q?\n    options:\n      - {text: A}\n      - {text: B}\n"),
            file: module, line: 8, column: 5),
        Row(id: "quiz.single-needs-one-correct", files: quiz("questions:\n  - type: single\n    question: Q?\n    options:\n      - {text: A, correct: true}\n      - {text: B, correct: true}\n"),
            file: module, line: 8, column: 5),
        Row(id: "quiz.no-answers", files: quiz("questions:\n  - type: short\n    question: Q?\n    answers: []\n"),
            file: module, line: 8, column: 5),
        Row(id: "quiz.module-without-quiz", files: module("Kein Quiz.\n", "type: quiz\n"), file: module, line: 3, column: 7),
        Row(id: "embed.insecure-url", files: module("```embed\nurl: http://example.org/v\ntitle: V\nprovider: P\n```\n"),
            file: module, line: 5, column: 6),
        Row(id: "tool.syntax", files: module("", "tool: [OBS]\n"), file: module, line: 3, column: 7),
        Row(id: "tool.unknown", files: module("", "tool: obs\n"), file: module, line: 3, column: 7),
        Row(id: "tool.inline-facts", files: module("", "tool: {name: OBS, url: https://obsproject.com/}\n"), file: module, line: 3, column: 1),
        Row(id: "tool.file-name", files: ["content/tools/OBS_Studio.yml": "name: OBS\n"], file: "content/tools/OBS_Studio.yml", line: 1),
        Row(id: "tool.file-missing", files: ["content/tools/obs/tool.yml": "name: OBS\nlogo: fehlt.svg\n"],
            file: "content/tools/obs/tool.yml", line: 2, column: 7),
        Row(id: "tool.missing-fact", files: ["content/tools/obs.yml": "name: OBS\n"], file: "content/tools/obs.yml", line: 1, column: 1),
        Row(id: "tool.no-assessment", files: ["content/tools/obs.yml": "name: OBS\n"], file: "content/tools/obs.yml", line: 1, column: 1),
        Row(id: "tool.assessment-outdated",
            files: ["content/tools/obs.yml": "name: OBS\ndata_protection:\n  assessment: geeignet\n  date: 2020-01-01\n"],
            file: "content/tools/obs.yml", line: 2, column: 1),
        Row(id: "guide.step-without-text", files: guide("1. ![Das Menü „Datei“](../../media/s.png)\n"), setup: screenshot(),
            file: module, line: 5, column: 1),
        Row(id: "a11y.screenshot-alt", files: guide("1. Öffnen.\n\n   ![dekorativ](../../media/s.png)\n"), setup: screenshot(),
            file: module, line: 7, column: 17),
        Row(id: "hotspots.syntax", files: guide("![Das Menü „Datei“](../../media/s.png)\n\n```hotspots\nkaputt\n```\n"),
            setup: screenshot(), file: module, line: 8),
        Row(id: "hotspots.without-image", files: guide("```hotspots\n- {x: 1, y: 1, width: 1, height: 1, label: a}\n```\n"),
            file: module, line: 5, column: 1),
        Row(id: "hotspots.unknown-size",
            files: guide("![Das Menü „Datei“](../../media/s.png)\n\n```hotspots\n- {x: 1, y: 1, width: 1, height: 1, label: a}\n```\n")
                .merging(["content/media/s.png": "kein PNG", "content/media/s.png.license": license]) { $1 },
            file: module, line: 7, column: 1),
        Row(id: "hotspots.outside-image",
            files: guide("![Das Menü „Datei“](../../media/s.png)\n\n```hotspots\n- {x: 1, y: 1, width: 10, height: 10, label: a}\n- {x: 30, y: 1, width: 20, height: 10, label: b}\n```\n"),
            setup: screenshot(), file: module, line: 9, column: 1),
        // Licences and media
        Row(id: "license.missing", files: ["content/site.yml": "title: T\nbase_url: https://example.org/\nauthors: [Site Team]\n",
                                           module: "---\ntitle: Ohne\n---\n"], file: module, line: 2, column: 1),
        Row(id: "license.unknown", files: module("", "license: CC-XY-9.0\n"), file: module, line: 3, column: 10),
        Row(id: "license.based-on-syntax", files: module("", "based_on: [nur Text]\n"), file: module, line: 3, column: 12),
        Row(id: "license.policy-syntax", files: ["content/site.yml": site + "\nlicense_policy: streng"],
            file: "content/site.yml", line: 8, column: 17),
        Row(id: "license.adaptation", files: module("", "license: CC-BY-4.0\nbased_on:\n  - {title: W, author: E, license: CC-BY-SA-4.0, source: \"https://e.org\"}\n"),
            file: module, line: 3),
        Row(id: "license.course-more-open", files: ["content/courses/kurs/course.yml": "title: K\nlicense: CC-BY-4.0\n"]
                .merging(module("", "license: CC-BY-SA-4.0\nbased_on:\n  - {title: W, author: E, license: CC-BY-SA-4.0, source: \"https://e.org\"}\n")) { $1 },
            file: "content/courses/kurs/course.yml", line: 2),
        Row(id: "license.policy", files: module("", "license: CC-BY-NC-4.0\n"), file: module, line: 3),
        Row(id: "license.media-missing", files: ["content/media/foto.png": "png"], file: "content/media/foto.png"),
        Row(id: "license.media-incomplete", files: ["content/media/foto.png": "png", "content/media/foto.png.license": "Title: Foto\n"],
            file: "content/media/foto.png.license", line: 1),
        Row(id: "license.third-party-source", files: ["content/media/foto.png": "png",
                                                      "content/media/foto.png.license": "SPDX-FileCopyrightText: 2020 Fremde\nSPDX-License-Identifier: CC-BY-4.0\n"],
            file: "content/media/foto.png.license", line: 1),
        Row(id: "license.excluded", files: ["content/media/logo.png": "png",
                                            "content/media/logo.png.license": "SPDX-FileCopyrightText: Firma X\nSPDX-License-Identifier: NONE\n"],
            file: "content/media/logo.png.license", line: 1),
        Row(id: "license.nd-changed", files: ["content/media/foto.png": "png",
                                              "content/media/foto.png.license": "SPDX-FileCopyrightText: Site Team\nSPDX-License-Identifier: CC-BY-ND-4.0\nChanged: ja\n"],
            file: "content/media/foto.png.license", line: 1),
        Row(id: "media.license-syntax", files: ["content/media/foto.png": "png", "content/media/foto.png.license": license + "keine Zeile\n"],
            file: "content/media/foto.png.license", line: 3),
        Row(id: "media.unknown-key", files: ["content/media/foto.png": "png", "content/media/foto.png.license": license + "Farbe: blau\n"],
            file: "content/media/foto.png.license", line: 3),
        Row(id: "media.orphan-license", files: ["content/media/weg.png.license": license], file: "content/media/weg.png.license", line: 1),
        Row(id: "media.active-content", files: ["content/media/a.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<script>x()</script></svg>",
                                                "content/media/a.svg.license": license],
            file: "content/media/a.svg", line: 2),
        Row(id: "reuse.syntax", files: ["content/REUSE.toml": "version = 1\n[[annotations]]\nkaputt\n"], file: "content/REUSE.toml", line: 3, column: 7),
        Row(id: "reuse.unknown-key", files: ["content/REUSE.toml": "farbe = \"blau\"\n"], file: "content/REUSE.toml", line: 1, column: 1),
        // Accessibility and data protection
        Row(id: "a11y.placeholder-alt", files: module("Text\n\n![bild.png](bild.png)\n").merging(["content/courses/kurs/bild.png": "png",
                                                                           "content/courses/kurs/bild.png.license": license]) { $1 },
            file: module, line: 6, column: 3),
        Row(id: "a11y.image-alt", files: module("![](bild.png)\n").merging(["content/courses/kurs/bild.png": "png",
                                                                           "content/courses/kurs/bild.png.license": license]) { $1 },
            file: module, line: 4, column: 5),
        Row(id: "a11y.heading-order", files: module("#### Zu tief\n"), file: module, line: 4),
        Row(id: "a11y.link-text", files: module("Mehr [hier](02-zweites.md).\n"), file: module, line: 4, column: 13),
        Row(id: "a11y.table-header", files: module("|   |   |\n|---|---|\n| a | b |\n"), file: module, line: 4),
        Row(id: "a11y.video-captions", files: module("![Film](film.mp4)\n").merging(["content/courses/kurs/film.mp4": "mp4",
                                                                                    "content/courses/kurs/film.mp4.license": license]) { $1 },
            file: module, line: 4, column: 9),
        Row(id: "privacy.external-content", files: module("![Logo](https://example.org/logo.png)\n"), file: module, line: 4, column: 9),
        Row(id: "privacy.tool-facts", files: module("", "type: toolguide\n"), file: module, line: 2),
        // Theme, build, settings
        Row(id: "theme.missing", setup: { tree, options in options.themeDirectory = tree.url("kein-theme") }, file: "kein-theme"),
        Row(id: "theme.unreadable", setup: { tree, options in
            try tree.add(["theme/templates/home.mustache": ""])
            try Data([0xFF, 0xFE, 0x00]).write(to: tree.url("theme/templates/home.mustache"))
            options.themeDirectory = tree.url("theme")
        }, file: "theme/templates/home.mustache"),
        Row(id: "theme.i18n-syntax", setup: { tree, options in
            try tree.add(["theme/i18n/en.yml": "- eine Liste statt Texten\n"])
            options.themeDirectory = tree.url("theme")
        }, file: "theme/i18n/en.yml"),
        Row(id: "theme.template-syntax", setup: { tree, options in
            try tree.add(["theme/templates/home.mustache": "<h1>\n{{#courses}}\n"])
            options.themeDirectory = tree.url("theme")
        }, file: "theme/templates/home.mustache", line: 3, column: 1),
        Row(id: "build.output-folder", setup: { tree, options in options.outputDirectory = tree.url("content") }, file: "content"),
        Row(id: "build.io", files: ["content/media/foto.png": "png", "content/media/foto.png.license": license], setup: { tree, options in
            options.contentSource = Unreadable(base: DiskFiles(tree.url("content")), path: "media/foto.png")
        }, file: "site"),
        Row(id: "diagnostics.unknown-id", files: ["content/site.yml": site + "\ndiagnostics:\n  a11y.link-txt: error"],
            file: "content/site.yml", line: 9, column: 3),
        Row(id: "diagnostics.not-adjustable", files: ["content/site.yml": site + "\ndiagnostics:\n  yaml.syntax: warning"],
            file: "content/site.yml", line: 9, column: 3),
        Row(id: "site.legal-page-missing", files: ["content/site.yml": "title: T\nlicense: CC-BY-4.0\nimpressum: https://example.org/i\ndatenschutz: https://example.org/d\n"],
            file: "content/site.yml", line: 1, column: 1),
        Row(id: "site.file-missing", files: ["content/site.yml": site + "\nlogo: media/logo.svg"], file: "content/site.yml"),
        // LMS packages
        Row(id: "packages.unknown-format", files: ["content/site.yml": site + "\npackages: [scorm, cc]"],
            file: "content/site.yml", line: 8, column: 12),
        Row(id: "packages.invalid-size-limit", files: ["content/site.yml": site + "\npackage_size_limit: viel"],
            file: "content/site.yml", line: 8, column: 21),
        Row(id: "packages.too-large", files: ["content/site.yml": site + "\npackage_size_limit: 1 KB"],
            file: "content/site.yml", line: 8, column: 1),
        Row(id: "packages.pass-marks-differ", files: module(
            "```quiz\npass: 50\nquestions:\n  - {type: short, question: Q?, answers: [a]}\n```\n\n"
            + "```quiz\npass: 80\nquestions:\n  - {type: short, question: Q?, answers: [a]}\n```\n"),
            file: module, line: 10, column: 1),
        Row(id: "packages.quiz-without-points", files: quiz("questions:\n  - {type: short, question: Q?, answers: [a], points: 0}\n"),
            file: module, line: 4, column: 1),
        Row(id: "packages.link-leaves-package", files: module("Siehe [den anderen Kurs](../anderer/01-a.md).\n").merging([
            "content/courses/anderer/course.yml": "title: Anderer Kurs\n",
            "content/courses/anderer/01-a.md": "---\ntitle: A\ntype: theory\n---\nText\n"]) { $1 },
            file: module, line: 4, column: 26),
        Row(id: "packages.unknown-course", file: "content/courses", run: { options in
            SiteBuilder(options: options).package(course: "kurz", format: .scorm12).report
        }),
    ]

    func testEveryRegisteredIdIsTriggeredWhereExpected() throws {
        let rowIDs = Set(Self.rows.map(\.id))
        for kind in DiagnosticRegistry.all where !rowIDs.contains(kind.id) {
            XCTFail("no fixture triggers \(kind.id)")
        }
        for row in Self.rows {
            XCTAssertNotNil(DiagnosticRegistry.kind(row.id), "\(row.id) is not registered")
            let tree = try FixtureTree(FixtureTree.minimalSite)
            try tree.add(row.files)
            var options = BuildOptions(contentDirectory: tree.url("content"), themeDirectory: nil,
                                       outputDirectory: tree.url("site"))
            options.contentDisplayPath = tree.url("content").path
            try row.setup(tree, &options)
            let report = row.run?(options)
                ?? SiteBuilder(options: options).build(into: options.makeOutput(displayName: options.outputDirectory.path))
            let expectedFile = tree.root.path + "/" + row.file
            let match = report.diagnostics.first { diagnostic in
                diagnostic.id == row.id
                    && (row.file.hasSuffix("/") ? diagnostic.file.hasPrefix(expectedFile) : diagnostic.file == expectedFile)
            }
            guard let match else {
                XCTFail("\(row.id) not reported at \(row.file); got:\n" + report.diagnostics.map(\.formatted).joined(separator: "\n"))
                continue
            }
            XCTAssertEqual(match.line, row.line, "\(row.id): line\n\(match.formatted)")
            XCTAssertEqual(match.column, row.column, "\(row.id): column\n\(match.formatted)")
        }
    }
}

/// Disk files of which one cannot be read (as root, permissions cannot make a file unreadable).
private struct Unreadable: FileAccess {
    var base: DiskFiles
    var path: String

    func scan(display: (String) -> String, diagnostics: inout [Diagnostic]) -> Set<String> {
        base.scan(display: display, diagnostics: &diagnostics)
    }

    func contents(of relativePath: String) -> Data? { relativePath == path ? nil : base.contents(of: relativePath) }
    func modificationTime(of relativePath: String) -> Int? { base.modificationTime(of: relativePath) }
    var directory: URL? { base.directory }
}
