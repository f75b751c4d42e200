import Foundation
import MikaFuzzTargets
import MikaTestSupport
import XCTest

/// Replays the committed fuzzing corpus (seeds and every crash reproducer) through the fuzz targets: an input
/// that crashes or hangs would stop this test process.
final class FuzzCorpusTests: XCTestCase {
    let fuzzFolder = FixtureTree.repositoryRoot.appendingPathComponent("Tests/Fuzz")

    func testCorpusAndCrashReproducersRunCleanly() throws {
        for target in FuzzTarget.allCases {
            let folder = fuzzFolder.appendingPathComponent("Corpus/\(target.rawValue)")
            let seeds = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            XCTAssertGreaterThan(seeds.count, 2, "seeds for \(target.rawValue)")
            for name in seeds {
                target.run(try Data(contentsOf: folder.appendingPathComponent(name)))
            }
        }
        let crashes = fuzzFolder.appendingPathComponent("Crashes")
        for name in try FileManager.default.contentsOfDirectory(atPath: crashes.path).sorted() where name != "README.md" {
            let target = try XCTUnwrap(FuzzTarget.allCases.first { name.hasPrefix($0.rawValue + "-") }, name)
            target.run(try Data(contentsOf: crashes.appendingPathComponent(name)))
        }
    }
}
