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
}
