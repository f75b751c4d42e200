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
        XCTAssertThrowsError(try output.writeFile("y", to: "kurse/a/index.html")) { error in
            // The system's reason, with the file it could not make.
            XCTAssertTrue((error as? OutputFolderError)?.message.hasSuffix("kurse/a/index.html': Not a directory") == true, "\(error)")
        }
        XCTAssertThrowsError(try output.writeFile("z", to: "/tmp/mika-absolute"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/tmp/mika-absolute"))
        output.discard()
        XCTAssertFalse(FileManager.default.fileExists(atPath: tree.url("site").path))
    }

    /// Copied files (data) go the same way as pages: their folders are made on demand with the same mode.
    func testDataIsWrittenLikeText() throws {
        let tree = try FixtureTree([:])
        let output = OutputDirectory(destination: tree.url("site"))
        try output.prepare()
        try output.write(Data([0, 1, 2]), to: "assets/bilder/a.png")
        try output.writeFile("<p>x</p>", to: "kurse/k/index.html")
        try output.publish()
        XCTAssertEqual(try Data(contentsOf: tree.url("site/assets/bilder/a.png")), Data([0, 1, 2]))
        let modes = try ["assets", "assets/bilder", "kurse", "kurse/k"].map {
            try XCTUnwrap(FileManager.default.attributesOfItem(atPath: tree.url("site/" + $0).path)[.posixPermissions] as? Int)
        }
        XCTAssertEqual(Set(modes).count, 1, "\(modes)")
    }
}
