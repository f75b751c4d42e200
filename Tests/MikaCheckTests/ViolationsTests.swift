import Foundation
import MikaCheck
import MikaContent
import MikaTestSupport
import XCTest

/// A fixture with one deliberate violation per rule; every finding is checked against `expected.txt`.
final class ViolationsTests: XCTestCase {
    let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/violations")

    func findings(in content: URL) -> [Diagnostic] {
        let (site, diagnostics) = ContentLoader(contentDirectory: content, displayPath: "").load()
        guard let site else { return diagnostics }
        return (diagnostics + ContentChecks(site: site, contentPath: "").run()).sortedByLocation()
    }

    func testEveryFindingIsExpected() throws {
        let expected = try String(contentsOf: fixture.appendingPathComponent("expected.txt"), encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }.map(String.init)
        let found = findings(in: fixture.appendingPathComponent("content")).map {
            "\($0.file):\($0.line.map(String.init) ?? "-") \($0.id) \($0.severity.rawValue)"
        }
        XCTAssertEqual(found, expected)
    }

    func testEveryRuleHasAViolationInTheFixture() {
        let ids = Set(findings(in: fixture.appendingPathComponent("content")).map(\.id))
        for rule in ContentChecks.rules {
            XCTAssertTrue(ids.contains(rule.id), "no violation of \(rule.id) in the fixture")
        }
    }

    func testTheSampleSiteIsClean() {
        XCTAssertEqual(findings(in: FixtureTree.repositoryRoot.appendingPathComponent("content")).map(\.formatted), [])
    }

    func testLicencesComeFromSidecarsAndREUSETOML() throws {
        let tree = try FixtureTree(FixtureTree.minimalSite.merging([
            "content/REUSE.toml": """
            version = 1
            [[annotations]]
            path = ["media/**/*.png", "media/plan.pdf"]
            SPDX-FileCopyrightText = "2024 Jana Fremd"
            SPDX-License-Identifier = "CC-BY-4.0"
            Source = "https://example.org/bilder"
            """,
            "content/media/fotos/a.png": "png", "content/media/plan.pdf": "pdf", "content/media/fotos/b.png": "png",
            "content/media/fotos/b.png.license": "SPDX-FileCopyrightText: 2026 Site Team\nSPDX-License-Identifier: CC0-1.0\nTitle: Bild B\n",
        ]) { $1 })
        let (site, diagnostics) = ContentLoader(contentDirectory: tree.url("content"), displayPath: "content").load()
        XCTAssertEqual(diagnostics, [])
        let licenses = try XCTUnwrap(site?.mediaLicenses)
        XCTAssertEqual(licenses["media/fotos/a.png"]?.license, "CC-BY-4.0")
        XCTAssertEqual(licenses["media/fotos/a.png"]?.author, "Jana Fremd")
        XCTAssertEqual(licenses["media/plan.pdf"]?.source, "https://example.org/bilder")
        XCTAssertEqual(licenses["media/fotos/b.png"]?.license, "CC0-1.0", "the sidecar wins over REUSE.toml")
        XCTAssertEqual(licenses["media/fotos/b.png"]?.title, "Bild B")
        XCTAssertEqual(ContentChecks(site: try XCTUnwrap(site), contentPath: "content").run(), [])
    }

    /// A sidecar with several copyright lines keeps every holder (REUSE allows one line per holder).
    func testEveryCopyrightHolderOfASidecarIsKept() throws {
        let tree = try FixtureTree(FixtureTree.minimalSite.merging([
            "content/media/team.png": "png",
            "content/media/team.png.license": "SPDX-FileCopyrightText: 2024 Jana Beispiel <jana@example.org>\n"
                + "SPDX-FileCopyrightText: 2025 Ömer Muster\nSPDX-License-Identifier: CC-BY-4.0\nTitle: Team\n",
        ]) { $1 })
        let (site, diagnostics) = ContentLoader(contentDirectory: tree.url("content"), displayPath: "content").load()
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(site?.mediaLicenses["media/team.png"]?.author, "Jana Beispiel, Ömer Muster")
    }

    /// REUSE.toml arrays (also over several lines): every path is covered and every copyright holder kept; two
    /// holders of the site's own team are not third parties.
    func testREUSETOMLArraysOverSeveralLines() throws {
        let tree = try FixtureTree(FixtureTree.minimalSite.merging([
            "content/REUSE.toml": """
            version = 1

            [[annotations]]
            path = [
              "media/a.png",
              "media/b.png",
            ]
            SPDX-FileCopyrightText = ["2024 Site Team", "2025 Ada Autorin"]
            SPDX-License-Identifier = "CC-BY-4.0"
            """,
            "content/site.yml": FixtureTree.minimalSite["content/site.yml"]!.replacingOccurrences(of: "authors: [Site Team]", with: "authors: [Site Team, Ada Autorin]"),
            "content/media/a.png": "png", "content/media/b.png": "png",
        ]) { $1 })
        let (site, diagnostics) = ContentLoader(contentDirectory: tree.url("content"), displayPath: "content").load()
        XCTAssertEqual(diagnostics.map(\.formatted), [])
        let licenses = try XCTUnwrap(site?.mediaLicenses)
        XCTAssertEqual(licenses["media/a.png"]?.author, "Site Team, Ada Autorin")
        XCTAssertEqual(licenses["media/b.png"]?.license, "CC-BY-4.0")
        XCTAssertEqual(ContentChecks(site: try XCTUnwrap(site), contentPath: "content").run().map(\.formatted), [])
    }

    /// Alt texts that only stand in for a description are warnings; real descriptions are not.
    func testPlaceholderAltTexts() throws {
        let image = ["content/courses/kurs/a.png": "png", "content/courses/kurs/b.png": "png",
                     "content/courses/kurs/a.png.license": "SPDX-FileCopyrightText: T\nSPDX-License-Identifier: CC0-1.0\n",
                     "content/courses/kurs/b.png.license": "SPDX-FileCopyrightText: T\nSPDX-License-Identifier: CC0-1.0\n"]
        let body = "---\ntitle: Bilder\n---\n![Bild](a.png)\n\n![Foto.](b.png)\n\n![a.png](a.png)\n\n![Schaubild](a.png)\n\n![Schaubild](b.png)\n\n"
            + "![Drei Personen beraten am Tisch über einen Ausbildungsplan](a.png)\n"
        let tree = try FixtureTree(FixtureTree.minimalSite.merging(image.merging(["content/courses/kurs/03-bilder.md": body]) { $1 }) { $1 })
        let (site, _) = ContentLoader(contentDirectory: tree.url("content"), displayPath: "content").load()
        let found = ContentChecks(site: try XCTUnwrap(site), contentPath: "content").run().filter { $0.id == "a11y.placeholder-alt" }
        XCTAssertEqual(found.map(\.line), [4, 6, 8, 10, 12], found.map(\.formatted).joined(separator: "\n"))
    }

    func testStrictPolicyNamesAllowedLicences() throws {
        let tree = try FixtureTree(FixtureTree.minimalSite.merging([
            "content/site.yml": "title: T\nlicense: CC-BY-SA-4.0\nlicense_policy:\n  allowed: [CC0-1.0, CC-BY-4.0]\n",
        ]) { $1 })
        let (site, _) = ContentLoader(contentDirectory: tree.url("content"), displayPath: "content").load()
        let found = ContentChecks(site: try XCTUnwrap(site), contentPath: "content").run()
        // The course and its modules inherit the site's licence: one finding, where the licence was set.
        XCTAssertEqual(found.map(\.id), ["license.policy"])
        XCTAssertTrue(found[0].message.contains("CC BY-SA 4.0 is not allowed"), found[0].message)
        XCTAssertEqual(found[0].file, "content/site.yml")
        XCTAssertEqual(found[0].line, 2)
        XCTAssertEqual(found[0].notes.map(\.file), ["content/courses/kurs/course.yml"])
    }
}

final class SARIFLocationTests: XCTestCase {
    func testArtifactLocationsArePercentEncodedURIReferences() {
        let diagnostic = Diagnostic(.error, id: "license.media-missing", file: "content/media/Bü ro#1?.png", message: "m")
        let sarif = CheckReport.sarif([diagnostic], version: "0")
        XCTAssertTrue(sarif.contains(#""uri": "content/media/B%C3%BC%20ro%231%3F.png""#), sarif)
        let absolute = CheckReport.sarif([Diagnostic(.error, id: "license.missing", file: "/tmp/a b.md", message: "m")], version: "0")
        XCTAssertTrue(absolute.contains(#""uri": "file:///tmp/a%20b.md""#), absolute)
    }
}

/// A flaw of one REUSE.toml annotation that covers many files is one finding, with the files as notes.
final class OneFindingPerCauseTests: XCTestCase {
    func testAnnotationFlawsAreReportedOnce() throws {
        var files = FixtureTree.minimalSite
        files["content/REUSE.toml"] = """
        version = 1
        [[annotations]]
        path = "media/**"
        SPDX-FileCopyrightText = "2020 Fremde Agentur"
        SPDX-License-Identifier = "CC-BY-XY"
        """
        for index in 1...12 { files["content/media/bild\(index).png"] = "png" }
        let tree = try FixtureTree(files)
        let (site, loadDiagnostics) = ContentLoader(contentDirectory: tree.url("content"), displayPath: "content").load()
        let diagnostics = DiagnosticEngine().process(loadDiagnostics + ContentChecks(site: try XCTUnwrap(site), contentPath: "content").run())
        let unknown = diagnostics.filter { $0.id == "license.unknown" }
        XCTAssertEqual(unknown.count, 1, diagnostics.map(\.formatted).joined(separator: "\n"))
        XCTAssertEqual(unknown.first?.line, 5)
        XCTAssertEqual(unknown.first?.notes.count, 12)
        let incomplete = diagnostics.filter { $0.id == "license.media-incomplete" }
        XCTAssertEqual(incomplete.count, 1, diagnostics.map(\.formatted).joined(separator: "\n"))
        XCTAssertEqual(incomplete.first?.message, "the licence of 12 files names no licence")
        XCTAssertEqual(incomplete.first?.notes.first?.file, "content/media/bild1.png")
        XCTAssertEqual(diagnostics.filter { $0.id == "license.third-party-source" }.map(\.message),
                       ["12 third-party media by Fremde Agentur name no source (Ursprungsort)"])
    }
}
