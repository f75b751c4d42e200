import Foundation
@testable import MikaSite
import MikaTestSupport
import XCTest

/// Files are written into folders that the first file in them makes, also when several writers start a folder at
/// once; what is written reaches the destination only on publish.
final class OutputDirectoryTests: XCTestCase {
    func testWritingMakesMissingFoldersOnce() throws {
        let tree = try FixtureTree([:])
        let output = OutputDirectory(destination: tree.url("site"))
        try output.prepare()
        // 200 files in 50 new folders two levels deep, written from all cores.
        let paths = (0..<200).map { "kurse/k\($0 % 5)/m\($0 % 50)/f\($0).txt" }
        let failures = NSLock()
        var errors: [Error] = []
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            do { try output.writeFile(paths[index], to: paths[index]) } catch {
                failures.lock()
                errors.append(error)
                failures.unlock()
            }
        }
        XCTAssertTrue(errors.isEmpty, "\(errors)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: tree.url("site/kurse").path))
        try output.publish()
        for path in paths {
            XCTAssertEqual(try String(contentsOf: tree.url("site/" + path), encoding: .utf8), path)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tree.url("site/kurse").path).count, 5)
    }

    func testAFileWhereAFolderIsNeededIsAnError() throws {
        let tree = try FixtureTree([:])
        let output = OutputDirectory(destination: tree.url("site"))
        try output.prepare()
        try output.writeFile("x", to: "kurse")
        XCTAssertThrowsError(try output.writeFile("y", to: "kurse/a/index.html"))
        output.discard()
        XCTAssertFalse(FileManager.default.fileExists(atPath: tree.url("site").path))
    }
}
