import Foundation
@testable import MikaContent
import MikaTestSupport
import XCTest

final class ContentLoaderTests: LoaderTestCase {
    func testLoadsTypedModel() throws {
        let (loaded, diagnostics, _) = try load([:])
        XCTAssertEqual(diagnostics, [])
        let site = try XCTUnwrap(loaded)
        XCTAssertEqual(site.title, "Testcampus")
        XCTAssertEqual(site.baseURL, "https://example.org/campus/")
        XCTAssertEqual(site.language, "de")
        let course = try XCTUnwrap(site.courses.first)
        XCTAssertEqual(course.slug, "kurs")
        XCTAssertEqual(course.phases.map(\.id), ["start"])
        XCTAssertEqual(course.phases.first?.kind, .praesenzWorkshop)
        XCTAssertEqual(course.phases.first?.duration, "4 Std.")
        XCTAssertEqual(course.modules.map(\.slug), ["erstes", "zweites"])
        let first = course.modules[0]
        XCTAssertEqual(first.type, .theory)
        XCTAssertEqual(first.step, .informieren)
        XCTAssertEqual(first.phase, "start")
        XCTAssertEqual(first.duration?.iso8601, "PT45M")
        XCTAssertEqual(first.urlPath, "kurse/kurs/erstes/")
        XCTAssertEqual(course.modules[1].step, .ausfuehren)
    }

    func testDefaultsFlowFromSiteToCourseToModule() throws {
        let (site, diagnostics, _) = try load([
            "content/courses/kurs/course.yml": """
            title: Testkurs
            license: CC-BY-4.0
            authors: [Kurs Autorin]
            language: de-CH
            phases:
              - {id: start, kind: praxisphase, title: Praxis}
            """,
            "content/courses/kurs/02-zweites.md": """
            ---
            title: Zweites Modul
            license: CC0-1.0
            authors:
              - name: Modul Autor
                id: https://orcid.org/0000-0002-1825-0097
            ---
            Text.
            """,
            "content/courses/anderer/course.yml": "title: Anderer Kurs",
            "content/courses/anderer/01-modul.md": "---\ntitle: Modul\n---\nText.",
        ])
        XCTAssertFalse(diagnostics.hasErrors, diagnostics.map(\.formatted).joined(separator: "\n"))
        let courses = try XCTUnwrap(site?.courses)
        let kurs = try XCTUnwrap(courses.first { $0.slug == "kurs" })
        let anderer = try XCTUnwrap(courses.first { $0.slug == "anderer" })
        // Site → course: the other course inherits the site's licence and authors.
        XCTAssertEqual(anderer.license, "CC-BY-SA-4.0")
        XCTAssertEqual(anderer.modules[0].license, "CC-BY-SA-4.0")
        XCTAssertEqual(anderer.modules[0].authors.map(\.name), ["Site Team"])
        XCTAssertEqual(anderer.modules[0].type, .theory, "type defaults to theory")
        // Course → module.
        XCTAssertEqual(kurs.modules[0].license, "CC-BY-4.0")
        XCTAssertEqual(kurs.modules[0].authors.map(\.name), ["Kurs Autorin"])
        XCTAssertEqual(kurs.modules[0].language, "de-CH")
        // Module's own values win.
        XCTAssertEqual(kurs.modules[1].license, "CC0-1.0")
        XCTAssertEqual(kurs.modules[1].authors, [Person(name: "Modul Autor", identifier: "https://orcid.org/0000-0002-1825-0097")])
    }

    func testRewritesInternalLinksToPageURLs() throws {
        let (site, diagnostics, _) = try load([
            "content/media/handout.pdf": "%PDF-1.4",
            "content/courses/kurs/bilder/bild.png": "png",
            "content/courses/zwei/course.yml": "title: Zwei",
            "content/courses/zwei/03-fremd.md": "---\ntitle: Fremd\n---\nText.",
            "content/courses/kurs/02-zweites.md": """
            ---
            title: Zweites Modul
            ---
            [Zurück](01-erstes.md) [Anker](01-erstes.md#einstieg) [Kurs zwei](../zwei/03-fremd.md)
            [PDF](../../media/handout.pdf) ![Ein Bild](bilder/bild.png) [Extern](https://example.org/a.md)
            [Hier](#ziel)
            """,
        ])
        XCTAssertEqual(diagnostics, [])
        let linked = try XCTUnwrap(site?.courses.first { $0.slug == "kurs" }?.modules[1])
        let html = linked.body.html(link: { SitePaths.relative(from: linked.urlPath, to: $0.target) + $0.suffix })
        XCTAssertTrue(html.contains(#"<a href="../erstes/">Zurück</a>"#), html)
        XCTAssertTrue(html.contains(#"<a href="../erstes/#einstieg">Anker</a>"#), html)
        XCTAssertTrue(html.contains(#"<a href="../../zwei/fremd/">Kurs zwei</a>"#), html)
        XCTAssertTrue(html.contains(#"<a href="../../../media/handout.pdf">PDF</a>"#), html)
        XCTAssertTrue(html.contains(#"<img src="../bilder/bild.png" alt="Ein Bild" />"#), html)
        XCTAssertTrue(html.contains(#"<a href="https://example.org/a.md">Extern</a>"#), html)
        XCTAssertTrue(html.contains(##"<a href="#ziel">Hier</a>"##), html)
        XCTAssertEqual(site?.assets, ["courses/kurs/bilder/bild.png", "media/handout.pdf"])
    }

    func testReadsQuizBlocksIntoTheModel() throws {
        let (site, diagnostics, _) = try load([
            "content/courses/kurs/02-zweites.md": """
            ---
            title: Quiz
            type: quiz
            ---
            Vorher.

            ```quiz
            title: Test
            pass: 60
            questions:
              - type: single
                question: Eins?
                points: 2
                options:
                  - text: Ja
                    correct: true
                    feedback: Gut.
                  - text: Nein
              - type: multiple
                question: Zwei?
                options:
                  - {text: A, correct: true}
                  - {text: B, correct: true}
                  - {text: C}
              - type: short
                question: Drei?
                answers: [drei, 3]
            ```
            """,
        ])
        XCTAssertEqual(diagnostics, [])
        let module = try XCTUnwrap(site?.courses.first?.modules[1])
        let quiz = try XCTUnwrap(module.quizzes.first)
        XCTAssertEqual(quiz.id, "kurs--zweites--quiz-1")
        XCTAssertEqual(quiz.passPercent, 60)
        XCTAssertEqual(quiz.totalPoints, 4)
        XCTAssertEqual(quiz.questions.map(\.kind), [.single, .multiple, .short])
        XCTAssertEqual(quiz.questions[0].options.map(\.correct), [true, false])
        XCTAssertEqual(quiz.questions[0].options[0].feedback, "Gut.")
        XCTAssertEqual(quiz.questions[2].acceptedAnswers, ["drei", "3"])
        XCTAssertEqual(quiz.location.line, 7)
        XCTAssertTrue(module.body.segments.contains(.quiz(0)))
        XCTAssertFalse(module.body.html(link: { $0.target }).contains("questions:"))
    }
}

/// Content without dates is as new as its newest file: module files give their times as they are read, every
/// other file is asked.
final class SourceDateTests: LoaderTestCase {
    func testNewestFileGivesTheSourceDate() throws {
        try XCTSkipIf(ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] != nil, "SOURCE_DATE_EPOCH decides instead")
        let tree = try FixtureTree(FixtureTree.minimalSite)
        func touch(_ path: String, _ seconds: Int) throws {
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: TimeInterval(seconds))],
                                                  ofItemAtPath: tree.url(path).path)
        }
        func sourceDate() throws -> Date {
            let (site, diagnostics) = ContentLoader(contentDirectory: tree.url("content"), displayPath: "content").load()
            XCTAssertFalse(diagnostics.hasErrors, diagnostics.map(\.formatted).joined(separator: "\n"))
            return try XCTUnwrap(site).sourceDate
        }
        for path in FixtureTree.minimalSite.keys { try touch(path, 1_600_000_000) }
        try touch("content/courses/kurs/02-zweites.md", 1_700_000_000)
        XCTAssertEqual(try sourceDate(), Date(timeIntervalSince1970: 1_700_000_000), "a module file is the newest")
        try touch("content/courses/kurs/course.yml", 1_800_000_000)
        XCTAssertEqual(try sourceDate(), Date(timeIntervalSince1970: 1_800_000_000), "a file that is not a module is the newest")
    }
}

/// The front matter's fences, found on bytes.
final class FrontMatterSplitTests: XCTestCase {
    func split(_ text: String) -> (yaml: String, line: Int, body: String)? {
        guard case .success(let found) = FrontMatter.split(text) else { return nil }
        return (String(found.yaml), found.bodyStartLine, String(found.body))
    }

    func testFencesAndWhatTheyEnclose() throws {
        let plain = try XCTUnwrap(split("---\ntitle: A\n---\n# Text\n"))
        XCTAssertEqual(plain.yaml, "title: A\n")
        XCTAssertEqual(plain.line, 4)
        XCTAssertEqual(plain.body, "# Text\n")
        // A byte order mark, blanks after a fence, `...` to close, an empty front matter, no body.
        let marked = try XCTUnwrap(split("\u{FEFF}--- \t\ntitle: Ä\n... \n"))
        XCTAssertEqual(marked.yaml, "title: Ä\n")
        XCTAssertEqual(marked.body, "")
        XCTAssertEqual(try XCTUnwrap(split("---\n---")).yaml, "")
        XCTAssertEqual(try XCTUnwrap(split("---\nü: ö\n---\nBody")).body, "Body")
    }

    func testWhatIsNoFrontMatter() {
        guard case .failure(.missing) = FrontMatter.split("# Titel\n---\n") else { return XCTFail("text before the fence") }
        guard case .failure(.missing) = FrontMatter.split("...\na: b\n---\n") else { return XCTFail("'...' opens nothing") }
        guard case .failure(.missing) = FrontMatter.split("----\na: b\n----\n") else { return XCTFail("four dashes") }
        guard case .failure(.missing) = FrontMatter.split("") else { return XCTFail("empty file") }
        guard case .failure(.unterminated) = FrontMatter.split("---\na: b\n-- -\n") else { return XCTFail("never closed") }
    }
}
