import Foundation
import MikaLicensing
import XCTest

final class LicenseTests: XCTestCase {
    func testKnownLicences() throws {
        let bySA = try XCTUnwrap(License.named("CC-BY-SA-4.0"))
        XCTAssertEqual(bySA.name, "CC BY-SA 4.0")
        XCTAssertEqual(bySA.url, "https://creativecommons.org/licenses/by-sa/4.0/")
        XCTAssertTrue(bySA.isOpen)
        XCTAssertEqual(License.named("cc0-1.0")?.url, "https://creativecommons.org/publicdomain/zero/1.0/")
        XCTAssertEqual(License.named("CC-BY-3.0-DE")?.url, "https://creativecommons.org/licenses/by/3.0/de/")
        XCTAssertEqual(License.named("CC-BY-NC-4.0")?.isOpen, false)
        XCTAssertEqual(License.named("CC-BY-ND-2.0")?.isOpen, false)
    }

    func testLicenseRefAndUnknown() {
        XCTAssertEqual(License.named("LicenseRef-mit-Genehmigung")?.isOpen, false)
        XCTAssertNil(License.named("LicenseRef-"))
        XCTAssertNil(License.named("CC-BY-SA"))
        XCTAssertTrue(License.knownIdentifiers.contains("CC-BY-NC-SA-3.0-DE"))
    }

    /// Every Creative Commons licence and version OER uses, from the SPDX list: ports, IGO, 1.0–2.5, marks.
    func testEveryCreativeCommonsVersionAndPort() throws {
        let cases: [(String, String, String, Bool)] = [
            ("CC-BY-NC-2.5", "CC BY-NC 2.5", "https://creativecommons.org/licenses/by-nc/2.5/", false),
            ("CC-BY-SA-3.0-AT", "CC BY-SA 3.0 AT", "https://creativecommons.org/licenses/by-sa/3.0/at/", true),
            ("CC-BY-3.0-IGO", "CC BY 3.0 IGO", "https://creativecommons.org/licenses/by/3.0/igo/", true),
            ("CC-BY-1.0", "CC BY 1.0", "https://creativecommons.org/licenses/by/1.0/", true),
            ("CC-BY-NC-ND-3.0-DE", "CC BY-NC-ND 3.0 DE", "https://creativecommons.org/licenses/by-nc-nd/3.0/de/", false),
            ("CC-PDM-1.0", "Public Domain Mark 1.0", "https://creativecommons.org/publicdomain/mark/1.0/", true),
        ]
        for (id, name, url, open) in cases {
            let license = try XCTUnwrap(License.named(id), id)
            XCTAssertEqual(license.name, name)
            XCTAssertEqual(license.url, url)
            XCTAssertEqual(license.isOpen, open, id)
        }
        XCTAssertEqual(License.named("CC-PDM-1.0")?.family, .publicDomain)
        XCTAssertEqual(License.named("cc-by-nc-2.5")?.family, .byNC)
    }

    /// Software and documentation licences are known and count as open; unknown ids get the nearest as a hint.
    func testSoftwareAndDocumentationLicences() throws {
        for id in ["MIT", "Apache-2.0", "GPL-3.0-or-later", "LGPL-2.1-only", "AGPL-3.0-only", "GFDL-1.3-or-later",
                   "BSD-3-Clause", "MPL-2.0"] {
            let license = try XCTUnwrap(License.named(id), id)
            XCTAssertTrue(license.isOpen, id)
            XCTAssertEqual(license.url, "https://spdx.org/licenses/\(id).html")
            XCTAssertNil(license.family)
        }
        XCTAssertNil(License.named("CC-BY-NC-2.6"))
    }

    /// The built-in table is the carried SPDX data file (`make spdx` regenerates it).
    func testTableEqualsTheCarriedSPDXData() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("data/spdx/licenses.json")
        let entries = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [[String: Any]])
        XCTAssertGreaterThan(entries.count, 700)
        XCTAssertEqual(entries.compactMap { $0["id"] as? String }, License.knownIdentifiers,
                       "run python3 scripts/embed-spdx.py")
    }
}
