import MikaContent
import MikaTestSupport
import XCTest

/// Each kind of bad input gives one clear diagnostic at its file and line.
final class DiagnosticsTests: LoaderTestCase {
    let module = "content/courses/kurs/02-zweites.md"

    func testBadYAMLPointsAtTheLine() throws {
        let (_, diagnostics, _) = try load([module: "---\ntitle: Gut\nsummary: [offen\n---\nText."])
        let diagnostic = assertDiagnostic(diagnostics, id: "yaml.syntax", file: module, line: 3)
        XCTAssertEqual(diagnostic?.column, 10)
        XCTAssertNotNil(diagnostic?.hint)
    }

    func testBadIndentationInSiteYAML() throws {
        let (site, diagnostics, _) = try load(["content/site.yml": "title: X\n  license: CC-BY-4.0\n"])
        XCTAssertNil(site)
        assertDiagnostic(diagnostics, id: "yaml.syntax", file: "content/site.yml", line: 2)
    }

    func testMissingTitle() throws {
        let (_, diagnostics, _) = try load([module: "---\ntype: theory\n---\nText."])
        let diagnostic = assertDiagnostic(diagnostics, id: "field.missing", file: module, line: 2)
        XCTAssertTrue(diagnostic?.message.contains("'title'") == true)
    }

    func testUnknownTypeSuggestsNearest() throws {
        let (_, diagnostics, _) = try load([module: "---\ntitle: T\ntype: theorie\n---\n"])
        let diagnostic = assertDiagnostic(diagnostics, id: "field.unknown-value", file: module, line: 3)
        XCTAssertEqual(diagnostic?.column, 7)
        XCTAssertTrue(diagnostic?.hint?.hasPrefix("did you mean 'theory'?") == true, diagnostic?.hint ?? "")
    }

    func testUnknownStep() throws {
        let (_, diagnostics, _) = try load([module: "---\ntitle: T\n\nstep: planung\n---\n"])
        let diagnostic = assertDiagnostic(diagnostics, id: "field.unknown-value", file: module, line: 4)
        XCTAssertTrue(diagnostic?.hint?.contains("'planen'") == true)
    }

    func testStepWithUmlautIsAccepted() throws {
        let (site, diagnostics, _) = try load([module: "---\ntitle: T\nstep: Ausführen\n---\n"])
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(site?.courses.first?.modules[1].step, .ausfuehren)
    }

    func testUnknownKeyIsAWarningWithNearestKey() throws {
        let (site, diagnostics, _) = try load([module: "---\ntitle: T\nsumary: Kurz\n---\n"])
        let diagnostic = assertDiagnostic(diagnostics, id: "field.unknown-key", file: module, line: 3, severity: .warning)
        XCTAssertEqual(diagnostic?.hint, "did you mean 'summary'?")
        XCTAssertNotNil(site, "warnings do not stop loading")
        XCTAssertFalse(diagnostics.hasErrors)
    }

    func testDuplicateSlug() throws {
        let (_, diagnostics, _) = try load(["content/courses/kurs/03-zweites.md": "---\ntitle: Doppelt\n---\n"])
        let diagnostic = assertDiagnostic(diagnostics, id: "module.duplicate-slug", file: "content/courses/kurs/03-zweites.md", line: 1)
        XCTAssertTrue(diagnostic?.message.contains("02-zweites.md") == true)
    }

    func testBrokenInternalLink() throws {
        let (_, diagnostics, _) = try load([module: "---\ntitle: T\n---\n\nSiehe [vorher](01-ersts.md) dort.\n"])
        let diagnostic = assertDiagnostic(diagnostics, id: "link.broken", file: module, line: 5)
        XCTAssertEqual(diagnostic?.column, 16)
        XCTAssertEqual(diagnostic?.hint, "did you mean '01-erstes.md'?")
    }

    func testMissingImage() throws {
        let (_, diagnostics, _) = try load([module: "---\ntitle: T\n---\n\nText\n\n![Ein Bild](bilder/fehlt.png)\n"])
        let diagnostic = assertDiagnostic(diagnostics, id: "image.missing", file: module, line: 7)
        XCTAssertTrue(diagnostic?.hint?.contains("content/courses/kurs/bilder/fehlt.png") == true)
    }

    func testMalformedQuizBlockAtItsLine() throws {
        let text = """
        ---
        title: T
        ---
        Text.

        ```quiz
        questions:
          - type: single
            question: Welche?
            options:
              - text: A
              - text: B
          - type: essay
            question: Warum?
        ```
        """
        let (_, diagnostics, _) = try load([module: text])
        assertDiagnostic(diagnostics, id: "quiz.single-needs-one-correct", file: module, line: 10)
        assertDiagnostic(diagnostics, id: "quiz.unknown-type", file: module, line: 13)
    }

    func testQuizWithBadYAML() throws {
        let (_, diagnostics, _) = try load([module: "---\ntitle: T\n---\n```quiz\nquestions: [\n```\n"])
        assertDiagnostic(diagnostics, id: "yaml.syntax", file: module, line: 5)
    }

    func testQuizModuleWithoutQuiz() throws {
        let (_, diagnostics, _) = try load([module: "---\ntitle: T\ntype: quiz\n---\nKein Quiz."])
        assertDiagnostic(diagnostics, id: "quiz.module-without-quiz", file: module, line: 3)
    }

    func testUnknownPhase() throws {
        let (_, diagnostics, _) = try load([module: "---\ntitle: T\nphase: strat\n---\n"])
        let diagnostic = assertDiagnostic(diagnostics, id: "module.unknown-phase", file: module, line: 3)
        XCTAssertTrue(diagnostic?.hint?.contains("'start'") == true)
    }

    func testPhaseByKindWhenUnique() throws {
        let (site, diagnostics, _) = try load([module: "---\ntitle: T\nphase: praesenz-workshop\n---\n"])
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(site?.courses.first?.modules[1].phase, "start")
    }

    func testUnknownLicence() throws {
        let (_, diagnostics, _) = try load([module: "---\ntitle: T\nlicense: CC-BY-SA-4\n---\n"])
        let diagnostic = assertDiagnostic(diagnostics, id: "license.unknown", file: module, line: 3)
        XCTAssertTrue(diagnostic?.hint?.hasPrefix("did you mean 'CC-BY-SA-4.0'?") == true, diagnostic?.hint ?? "")
    }

    func testMissingFrontMatter() throws {
        let (_, diagnostics, _) = try load([module: "# Nur Text\n"])
        assertDiagnostic(diagnostics, id: "front-matter.missing", file: module, line: 1)
    }

    func testInvalidDuration() throws {
        let (_, diagnostics, _) = try load([module: "---\ntitle: T\nduration: lange\n---\n"])
        assertDiagnostic(diagnostics, id: "field.invalid-duration", file: module, line: 3)
    }

    func testUnsafeLinkIsAnErrorAndNeverPublished() throws {
        let (_, diagnostics, _) = try load([module: "---\ntitle: T\n---\n[x](javascript:alert(1))\n"])
        assertDiagnostic(diagnostics, id: "link.unsafe-url", file: module, line: 4)
    }

    func testRawHTMLIsAWarning() throws {
        let (site, diagnostics, _) = try load([module: "---\ntitle: T\n---\nA <b>fett</b> B\n"])
        assertDiagnostic(diagnostics, id: "markdown.raw-html", file: module, line: 4, severity: .warning)
        XCTAssertTrue(site?.courses.first?.modules[1].body.html(link: { $0.target }).contains("&lt;b&gt;fett&lt;/b&gt;") == true)
    }

    func testAllProblemsOfARunAreReported() throws {
        let (_, diagnostics, _) = try load([
            module: "---\ntitle: T\ntype: theorie\nstep: planung\n---\n[x](09-nix.md)\n",
            "content/courses/kurs/01-erstes.md": "---\ntype: quiz\n---\n",
        ])
        let errors = diagnostics.filter { $0.severity == .error }
        XCTAssertEqual(Set(errors.map(\.id)), ["field.unknown-value", "link.broken", "field.missing", "quiz.module-without-quiz"])
        XCTAssertEqual(errors.count, 5)
        XCTAssertEqual(errors, errors.sortedByLocation(), "sorted by file and line")
    }

    func testMissingSiteYML() throws {
        let tree = try FixtureTree(["content/courses/kurs/course.yml": "title: K"])
        let (site, diagnostics) = ContentLoader(contentDirectory: tree.url("content"), displayPath: "content").load()
        XCTAssertNil(site)
        XCTAssertEqual(diagnostics.map(\.id), ["site.missing"])
    }

    func testEmptyOptionalFieldsCountAsAbsent() throws {
        let (site, diagnostics, _) = try load([module: "---\ntitle: T\nsummary:\nduration: ~\n---\n"])
        XCTAssertEqual(diagnostics, [])
        XCTAssertNil(site?.courses.first?.modules[1].summary)
        XCTAssertNil(site?.courses.first?.modules[1].duration)
    }

    func testEmptyTitleIsAnError() throws {
        let (_, diagnostics, _) = try load([module: "---\ntitle: \"  \"\n---\n"])
        assertDiagnostic(diagnostics, id: "field.empty", file: module, line: 2)
    }

    func testNonUTF8FileIsADiagnostic() throws {
        let (_, diagnostics, tree) = try load([:])
        try Data([0x2D, 0x2D, 0x2D, 0x0A, 0xFF, 0xFE, 0x0A]).write(to: tree.url(module))
        let (_, again) = ContentLoader(contentDirectory: tree.url("content"), displayPath: "content").load()
        XCTAssertEqual(diagnostics, [])
        assertDiagnostic(again, id: "file.encoding", file: module, line: 1)
    }

    func testUnknownLevelAndAudience() throws {
        let (_, diagnostics, _) = try load(["content/courses/kurs/course.yml": "title: K\nlevel: Kindergarten\naudience:\n  - Lernende\n  - Kollegium\n"])
        let errors = diagnostics.filter { $0.id == "field.unknown-value" }
        XCTAssertEqual(errors.map(\.line), [2, 5])
        XCTAssertTrue(errors[0].hint?.contains("fortbildung") == true, errors[0].hint ?? "")
    }

    func testInvalidORCIDAtItsLine() throws {
        let (_, diagnostics, _) = try load([module: "---\ntitle: T\nauthors:\n  - name: Ada\n    id: https://orcid.org/0000-0002-1825-0098\n---\n"])
        let diagnostic = assertDiagnostic(diagnostics, id: "person.invalid-identifier", file: module, line: 5)
        XCTAssertEqual(diagnostic?.message, "ORCID iD '0000-0002-1825-0098' has a wrong check digit")
    }

    func testFormattedLikeACompiler() {
        let diagnostic = Diagnostic(.error, id: "field.unknown-value", file: "content/a.md", line: 3, column: 7, message: "unknown type 'theorie'",
                                    hint: "did you mean 'theory'?")
        XCTAssertEqual(diagnostic.formatted,
                       "content/a.md:3:7: error: unknown type 'theorie' [field.unknown-value]\n    hint: did you mean 'theory'?")
        var withNotes = diagnostic
        withNotes.fixIts = [.init(replacement: "theory", summary: "replace 'theorie' with 'theory'")]
        withNotes.notes = [.init(file: "content/site.yml", line: 2, message: "the default type is set here")]
        XCTAssertEqual(withNotes.formatted, """
            content/a.md:3:7: error: unknown type 'theorie' [field.unknown-value]
                hint: did you mean 'theory'?
                fixit: replace 'theorie' with 'theory'
            content/site.yml:2: note: the default type is set here
            """)
    }
}
