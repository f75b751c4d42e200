import MikaContent
import XCTest

final class PersistentIdentifierTests: XCTestCase {
    func testValidIdentifiers() {
        for id in ["https://orcid.org/0000-0002-1825-0097", "https://orcid.org/0000-0002-1694-233X",
                   "https://orcid.org/0009-0001-5055-9262",
                   "https://ror.org/03vek6s52", "https://ror.org/05dxps055", "https://ror.org/02mhbdp94",
                   "https://d-nb.info/gnd/118540238", "https://d-nb.info/gnd/101115658X", "https://d-nb.info/gnd/1055864695",
                   "https://d-nb.info/gnd/4066724-8", "https://d-nb.info/gnd/2001630-X", "https://d-nb.info/gnd/7749153-1",
                   "https://d-nb.info/gnd/30036718X", "https://example.org/people/ada"] {
            XCTAssertNil(PersistentIdentifier.problem(with: id), id)
        }
    }

    func testWrongCheckCharacters() {
        for id in ["https://orcid.org/0000-0002-1825-0098", "https://ror.org/05dxps056",
                   "https://d-nb.info/gnd/118540239", "https://d-nb.info/gnd/4066724-3"] {
            XCTAssertTrue(PersistentIdentifier.problem(with: id)?.contains("wrong check") == true, id)
        }
    }

    func testWrongForms() {
        XCTAssertNotNil(PersistentIdentifier.problem(with: "https://orcid.org/0000-0002-1825"))
        XCTAssertNotNil(PersistentIdentifier.problem(with: "https://ror.org/03vek6s5"))
        XCTAssertNotNil(PersistentIdentifier.problem(with: "https://ror.org/03vik6s52"), "i is not Crockford base32")
        XCTAssertNotNil(PersistentIdentifier.problem(with: "https://d-nb.info/gnd/1012345678X"))
        XCTAssertEqual(PersistentIdentifier.problem(with: "orcid.org/0000-0002-1825-0097"),
                       "ORCID identifiers must be full https URIs, e.g. https://orcid.org/…")
        XCTAssertEqual(PersistentIdentifier.problem(with: "0000-0002-1825-0097"),
                       "an identifier must be a full URI (ORCID, GND, ROR or another https URL)")
    }
}
