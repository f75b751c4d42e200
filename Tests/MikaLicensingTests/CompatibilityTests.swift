import MikaLicensing
import XCTest

/// Every pair of the Creative Commons adaptation chart (rows A, columns B), as written in
/// `cc-licenses/compatibility.md`.
final class CompatibilityTests: XCTestCase {
    typealias F = LicenseFamily
    static let byPlus: Set<F> = [.by, .bySA, .byNC, .byNCSA]
    static let byNCPlus: Set<F> = [.byNC, .byNCSA]
    static let any: Set<F> = [.publicDomain, .by, .bySA, .byNC, .byNCSA]

    /// nil = "no".
    static let chart: [F: [F: Set<F>?]] = [
        .publicDomain: [.publicDomain: any, .by: byPlus, .bySA: [.bySA], .byNC: byNCPlus, .byNCSA: [.byNCSA], .byND: nil, .byNCND: nil],
        .by: [.publicDomain: byPlus, .by: byPlus, .bySA: [.bySA], .byNC: byNCPlus, .byNCSA: [.byNCSA], .byND: nil, .byNCND: nil],
        .bySA: [.publicDomain: [.bySA], .by: [.bySA], .bySA: [.bySA], .byNC: nil, .byNCSA: nil, .byND: nil, .byNCND: nil],
        .byNC: [.publicDomain: byNCPlus, .by: byNCPlus, .bySA: nil, .byNC: byNCPlus, .byNCSA: [.byNCSA], .byND: nil, .byNCND: nil],
        .byNCSA: [.publicDomain: [.byNCSA], .by: [.byNCSA], .bySA: nil, .byNC: [.byNCSA], .byNCSA: [.byNCSA], .byND: nil, .byNCND: nil],
        .byND: [.publicDomain: nil, .by: nil, .bySA: nil, .byNC: nil, .byNCSA: nil, .byND: nil, .byNCND: nil],
        .byNCND: [.publicDomain: nil, .by: nil, .bySA: nil, .byNC: nil, .byNCSA: nil, .byND: nil, .byNCND: nil],
    ]

    func testEveryPairOfTheChart() {
        var pairs = 0
        for a in F.allCases {
            for b in F.allCases {
                XCTAssertEqual(Compatibility.adaptation(a, b), Self.chart[a]![b]!, "\(a.rawValue) + \(b.rawValue)")
                pairs += 1
            }
        }
        XCTAssertEqual(pairs, 49)
    }

    func testFamiliesOfSPDXIds() {
        XCTAssertEqual(License.named("CC-BY-SA-3.0-DE")?.family, .bySA)
        XCTAssertEqual(License.named("CC-BY-NC-ND-4.0")?.family, .byNCND)
        XCTAssertEqual(License.named("CC-BY-NC-4.0")?.family, .byNC)
        XCTAssertEqual(License.named("CC0-1.0")?.family, .publicDomain)
        XCTAssertNil(License.named("LicenseRef-Genehmigung")?.family)
    }

    func testAdaptationOfSeveralSources() {
        XCTAssertEqual(Compatibility.adaptation(of: [.by, .bySA]), [.bySA])
        XCTAssertEqual(Compatibility.adaptation(of: [.publicDomain, .byNC, .by]), [.byNC, .byNCSA])
        XCTAssertNil(Compatibility.adaptation(of: [.bySA, .byNC]))
        XCTAssertNil(Compatibility.adaptation(of: [.byND]))
    }
}
