import Foundation
import MikaCheck
import MikaContent
import MikaTestSupport
import XCTest

/// Licence QA on material annotated the way real OER repositories do it: a blanket `REUSE.toml`, logos and cited
/// figures excluded from the open licence, several authors, downloads and raw HTML. Each test reproduces one class
/// of false alarm or missed problem and asserts the corrected finding at its position.
final class LicenseQATests: XCTestCase {
    static let ownLicense = "SPDX-FileCopyrightText: 2025 Site Team\nSPDX-License-Identifier: CC-BY-4.0\n"

    func check(_ files: [String: String], site: String? = nil) throws -> (findings: [Diagnostic], site: Site) {
        var tree = FixtureTree.minimalSite.merging(files) { $1 }
        if let site { tree["content/site.yml"] = site }
        let fixture = try FixtureTree(tree)
        let (loaded, diagnostics) = ContentLoader(contentDirectory: fixture.url("content"), displayPath: "content").load()
        let site = try XCTUnwrap(loaded, diagnostics.map(\.formatted).joined(separator: "\n"))
        return ((diagnostics + ContentChecks(site: site, contentPath: "content").run()).sortedByLocation(), site)
    }

    func describe(_ findings: [Diagnostic]) -> [String] {
        findings.filter { $0.id != "site.legal-page-missing" }.map {
            "\($0.file):\($0.line.map(String.init) ?? "-"):\($0.column.map(String.init) ?? "-") \($0.id)"
        }
    }

    static let siteWithPolicy = FixtureTree.minimalSite["content/site.yml"]! + """

    license_policy:
      allow_excluded:
        - media/logos/*
        - media/zitate/**
    """

    // MARK: NONE and LicenseRef

    /// A logo under `NONE` without the policy's permission: one error at its licence, not three, and no hint that
    /// suggests an open licence.
    func testAnExcludedLogoIsOneErrorWithoutRelabellingHint() throws {
        let (findings, site) = try check([
            "content/media/logo.png": "png",
            "content/media/logo.png.license": "SPDX-FileCopyrightText: Beispiel GmbH\nSPDX-License-Identifier: NONE\nSource: https://beispiel.example/presse\n",
        ])
        XCTAssertEqual(describe(findings), ["content/media/logo.png.license:1:- license.excluded"])
        XCTAssertFalse(findings[0].hint?.contains("CC-BY") ?? true, findings[0].hint ?? "")
        XCTAssertTrue(findings[0].hint?.contains("allow_excluded") ?? false)
        XCTAssertEqual(site.mediaLicenses["media/logo.png"]?.isExcludedFromOpenLicense, true)
    }

    /// With `allow_excluded` globs the same files pass; a LicenseRef-covered figure in a blanket REUSE.toml too.
    func testExcludedMediaPassWhereThePolicyAllowsThem() throws {
        let (findings, site) = try check([
            "content/REUSE.toml": """
            version = 1

            [[annotations]]
            path = "media/zitate/**"
            SPDX-FileCopyrightText = "2019 Institut für Berufsbildung"
            SPDX-License-Identifier = "LicenseRef-Zitat-UrhG-51"
            Source = "https://example.org/studie.pdf"
            """,
            "content/media/logos/traeger.png": "png",
            "content/media/logos/traeger.png.license": "SPDX-FileCopyrightText: Träger e. V.\nSPDX-License-Identifier: NONE\nSource: https://traeger.example/\n",
            "content/media/zitate/abb-3.png": "png",
            "content/media/zitate/kapitel/abb-4.png": "png",
        ], site: Self.siteWithPolicy)
        XCTAssertEqual(describe(findings), [])
        XCTAssertEqual(site.mediaLicenses["media/zitate/kapitel/abb-4.png"]?.license, "LicenseRef-Zitat-UrhG-51")
    }

    /// An excluded file outside the allowed globs: one finding for the REUSE.toml annotation, with the files as notes.
    func testABlanketExclusionOutsideThePolicyIsOneFinding() throws {
        let (findings, _) = try check([
            "content/REUSE.toml": """
            version = 1

            [[annotations]]
            path = ["media/fremd/*.png"]
            SPDX-FileCopyrightText = ["2020 Verlag A", "2021 Verlag B"]
            SPDX-License-Identifier = "LicenseRef-Verlag"
            Source = "https://verlag.example/"
            """,
            "content/media/fremd/a.png": "png", "content/media/fremd/b.png": "png", "content/media/fremd/c.png": "png",
        ], site: Self.siteWithPolicy)
        XCTAssertEqual(describe(findings), ["content/REUSE.toml:3:- license.excluded"])
        XCTAssertEqual(findings.first?.message.hasPrefix("3 files are under LicenseRef-Verlag"), true, findings.first?.message ?? "")
        XCTAssertEqual(findings.first?.notes.map(\.file), ["content/media/fremd/a.png", "content/media/fremd/b.png", "content/media/fremd/c.png"])
    }

    // MARK: Policy on everything published

    /// NC-ND material that is only linked as a download, only used in raw HTML, or not used at all is published
    /// with the site, so the policy applies to it: at its licence, or at the raw HTML that shows it.
    func testThePolicyCoversDownloadsRawHTMLAndUnusedFiles() throws {
        let nd = "SPDX-FileCopyrightText: 2020 Verlag\nSPDX-License-Identifier: CC-BY-NC-ND-4.0\nSource: https://verlag.example/\n"
        let (findings, _) = try check([
            "content/site.yml": FixtureTree.minimalSite["content/site.yml"]! + "\nallow_raw_html: true\n",
            "content/media/handout.pdf": "pdf", "content/media/handout.pdf.license": nd,
            "content/media/grafik.png": "png", "content/media/grafik.png.license": nd,
            "content/media/unbenutzt.png": "png", "content/media/unbenutzt.png.license": nd,
            "content/courses/kurs/02-zweites.md": """
            ---
            title: Zweites
            ---
            Das [Handout](../../media/handout.pdf) zum Mitnehmen.

            <figure><img src="../../media/grafik.png" alt="Balkendiagramm der Ausbildungszahlen"></figure>
            """,
        ])
        XCTAssertEqual(describe(findings), [
            "content/courses/kurs/02-zweites.md:6:19 license.policy",
            "content/media/handout.pdf.license:1:- license.policy",
            "content/media/unbenutzt.png.license:1:- license.policy",
        ])
        XCTAssertTrue(findings[1].message.contains("published with the site"), findings[1].message)
    }

    // MARK: Raw HTML

    /// Addresses in raw HTML are parsed (quoted, single-quoted, unquoted, with character references) and resolved:
    /// missing files and media without licence are found there as in Markdown, at line and column.
    func testAddressesInRawHTMLAreResolved() throws {
        let (findings, site) = try check([
            "content/site.yml": FixtureTree.minimalSite["content/site.yml"]! + "\nallow_raw_html: true\n",
            "content/courses/kurs/bild.png": "png", "content/courses/kurs/bild.png.license": Self.ownLicense,
            "content/courses/kurs/ohne-lizenz.png": "png",
            "content/courses/kurs/02-zweites.md": """
            ---
            title: Zweites
            ---
            <p>Die <a href='fehlt.pdf'>Liste</a> und <a href="https://example.org/?a=1&amp;b=2">außen</a>.</p>

            <div>
            <img src=bild.png alt="">
            <img src="ohne-lizenz.png" alt="Ein Foto der Werkstatt" srcset="bild.png 1x, fehlt@2x.png 2x">
            <video controls poster="&#x70;oster.png"><source src="film.mp4"></video>
            <!-- <img src="auskommentiert.png"> -->
            <script>var s = '<img src="im-skript.png">';</script>
            </div>

            > <p>Zitat mit <a href="fehlt-im-zitat.pdf">Link</a></p>
            """,
        ])
        XCTAssertEqual(describe(findings), [
            "content/courses/kurs/02-zweites.md:4:17 link.broken",
            "content/courses/kurs/02-zweites.md:8:78 link.broken",
            "content/courses/kurs/02-zweites.md:9:25 link.broken",
            "content/courses/kurs/02-zweites.md:9:55 link.broken",
            "content/courses/kurs/02-zweites.md:14:25 link.broken",
            "content/courses/kurs/ohne-lizenz.png:-:- license.media-missing",
        ])
        let links = try XCTUnwrap(site.courses.first?.modules.last?.outline.links)
        XCTAssertEqual(links.map(\.destination), ["fehlt.pdf", "bild.png", "ohne-lizenz.png", "bild.png", "fehlt@2x.png",
                                                   "poster.png", "film.mp4", "fehlt-im-zitat.pdf"])
        XCTAssertEqual(links.filter(\.isImage).map(\.destination), ["bild.png", "ohne-lizenz.png"])
        XCTAssertEqual(links.first { $0.destination == "bild.png" }?.isDecorative, true, "alt=\"\" is decorative")
    }

    /// An excluded file outside the course folders is allowed by the policy of the course that shows it.
    func testExcludedMediaFollowThePolicyOfTheCourseThatUsesThem() throws {
        var files = [
            "content/media/logo.png": "png",
            "content/media/logo.png.license": "SPDX-FileCopyrightText: Träger e. V.\nSPDX-License-Identifier: NONE\nSource: https://traeger.example/\n",
            "content/courses/kurs/02-zweites.md": "---\ntitle: Zweites\n---\n![Logo des Trägers](../../media/logo.png)\n",
        ]
        let course = FixtureTree.minimalSite["content/courses/kurs/course.yml"]!
        files["content/courses/kurs/course.yml"] = course + "\nlicense_policy:\n  allow_excluded: [media/logo.png]\n"
        XCTAssertEqual(describe(try check(files).findings), [])
        files["content/courses/kurs/course.yml"] = course
        let (findings, _) = try check(files)
        XCTAssertEqual(describe(findings), ["content/media/logo.png.license:1:- license.excluded"])
        XCTAssertTrue(findings[0].message.contains("the site's licence policy"), findings[0].message)
    }

    /// `license:` written but empty is a missing licence at its line, not a silently published module.
    func testAnEmptyLicenceIsMissing() throws {
        let (findings, site) = try check(["content/courses/kurs/02-zweites.md": "---\ntitle: Zweites\nlicense: \"\"\n---\nText.\n"])
        XCTAssertEqual(describe(findings), ["content/courses/kurs/02-zweites.md:3:1 license.missing"])
        XCTAssertEqual(site.courses.first?.modules.last?.license, "")
    }

    // MARK: Inherited licences

    /// A course licence inherited from site.yml that breaks the policy is reported once, at site.yml, with a note
    /// at each course; the modules that inherit it are not reported again.
    func testAnInheritedLicenceIsReportedWhereItWasSet() throws {
        let (findings, _) = try check([
            "content/courses/zweiter/course.yml": "title: Zweiter Kurs\n",
            "content/courses/zweiter/01-a.md": "---\ntitle: A\n---\nText.\n",
        ], site: FixtureTree.minimalSite["content/site.yml"]!.replacingOccurrences(of: "CC-BY-SA-4.0", with: "CC-BY-NC-SA-4.0"))
        XCTAssertEqual(describe(findings), ["content/site.yml:3:- license.policy"])
        XCTAssertEqual(findings.first?.notes.map(\.file), ["content/courses/kurs/course.yml", "content/courses/zweiter/course.yml"])
    }

    // MARK: Load errors

    /// An unknown licence on a module is an error, and the accessibility and privacy rules still run on it.
    func testAnUnknownModuleLicenceDoesNotHideOtherChecks() throws {
        let (findings, _) = try check([
            "content/courses/kurs/foto.png": "png", "content/courses/kurs/foto.png.license": Self.ownLicense,
            "content/courses/kurs/02-zweites.md": """
            ---
            title: Zweites
            license: CC-BY-5.0
            ---
            ![](foto.png)

            ![Logo des Anbieters](https://cdn.example.org/logo.png)

            Mehr dazu [hier](https://example.org/).
            """,
        ])
        let ids = describe(findings)
        XCTAssertEqual(ids.first, "content/courses/kurs/02-zweites.md:3:10 license.unknown")
        XCTAssertTrue(ids.contains("content/courses/kurs/02-zweites.md:5:5 a11y.image-alt"), ids.joined(separator: "\n"))
        XCTAssertTrue(ids.contains("content/courses/kurs/02-zweites.md:7:23 privacy.external-content"), ids.joined(separator: "\n"))
        XCTAssertTrue(ids.contains("content/courses/kurs/02-zweites.md:9:18 a11y.link-text"), ids.joined(separator: "\n"))
        XCTAssertEqual(findings.first?.hint, "there is no CC BY 5.0; did you mean 'CC-BY-4.0' (the newest version)?")
    }
}
