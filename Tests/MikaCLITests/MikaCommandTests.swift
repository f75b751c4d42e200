import Foundation
import MikaTestSupport
import XCTest

/// Runs the built `mika` binary end to end.
final class MikaCommandTests: XCTestCase {
    var binary: URL {
        // The test runner sits in the same build folder as the executable.
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        var folder = runner.deletingLastPathComponent()
        while folder.pathExtension == "xctest" || folder.lastPathComponent == "Contents" || folder.lastPathComponent == "MacOS" {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("mika")
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func run(_ arguments: [String], in directory: URL) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    func testVersionAndHelp() throws {
        let tree = try FixtureTree([:])
        let version = try run(["--version"], in: tree.root)
        XCTAssertEqual(version.status, 0)
        XCTAssertTrue(version.stdout.hasPrefix("0."), version.stdout)
        let help = try run(["build", "--help"], in: tree.root)
        XCTAssertEqual(help.status, 0)
        for option in ["--content", "--out", "--base-url", "--quiet", "--theme"] {
            XCTAssertTrue(help.stdout.contains(option), "help lists \(option)")
        }
    }

    func testPackageWritesOneCourseInOneFormat() throws {
        let tree = try FixtureTree(FixtureTree.minimalSite)
        let result = try run(["package", "--format", "cc", "--out", "pakete", "kurs"], in: tree.root)
        XCTAssertEqual(result.status, 0, result.stderr)
        let data = try Data(contentsOf: tree.url("pakete/kurs.imscc"))
        XCTAssertEqual(Array(data.prefix(4)), [0x50, 0x4B, 0x03, 0x04], "a zip file")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tree.url("pakete").path), ["kurs.imscc"])

        let unknown = try run(["package", "--out", "pakete", "kurz"], in: tree.root)
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("there is no course 'kurz'") && unknown.stderr.contains("did you mean 'kurs'?"),
                      unknown.stderr)
        let format = try run(["package", "--format", "scorm3", "kurs"], in: tree.root)
        XCTAssertNotEqual(format.status, 0)
        XCTAssertTrue(format.stderr.contains("use scorm12, scorm2004 or cc"), format.stderr)
        let baseURL = try run(["package", "--base-url", "campus.example.org", "kurs"], in: tree.root)
        XCTAssertNotEqual(baseURL.status, 0)
        XCTAssertTrue(baseURL.stderr.contains("--base-url must be an absolute http(s) URL"), baseURL.stderr)
    }

    func testBuildPrintsStepsAndWritesSite() throws {
        let tree = try FixtureTree(FixtureTree.minimalSite)
        let theme = FixtureTree.repositoryRoot.appendingPathComponent("themes/default").path
        let result = try run(["build", "--theme", theme, "--base-url", "https://other.example/x"], in: tree.root)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("[1/13] Load content"), result.stdout)
        XCTAssertTrue(result.stdout.contains("[13/13] Publish site"), result.stdout)
        let page = try String(contentsOf: tree.url("site/kurse/kurs/erstes/index.html"), encoding: .utf8)
        XCTAssertTrue(page.contains(#"<link rel="canonical" href="https://other.example/x/kurse/kurs/erstes/">"#))

        let quiet = try run(["build", "--quiet", "--theme", theme], in: tree.root)
        XCTAssertEqual(quiet.status, 0)
        XCTAssertEqual(quiet.stdout, "")
    }

    func testBadContentExitsWithOneAndCompilerStyleDiagnostics() throws {
        let tree = try FixtureTree(FixtureTree.minimalSite.merging([
            "content/courses/kurs/02-zweites.md": "---\ntitle: T\ntype: theorie\n---\n[x](09-nix.md)\n",
            "site/index.html": "alt", "site/.mika-site": "mika",
        ]) { $1 })
        let theme = FixtureTree.repositoryRoot.appendingPathComponent("themes/default").path
        let result = try run(["build", "--theme", theme], in: tree.root)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("content/courses/kurs/02-zweites.md:3:7: error: unknown type 'theorie' [field.unknown-value]\n    hint: did you mean 'theory'?"),
                      result.stderr)
        XCTAssertTrue(result.stderr.contains("content/courses/kurs/02-zweites.md:5:5: error: link to '09-nix.md' points to no module"),
                      result.stderr)
        XCTAssertTrue(result.stderr.contains("build failed: 2 errors"), result.stderr)
        XCTAssertFalse(result.stderr.contains("Fatal error"))
        XCTAssertEqual(try String(contentsOf: tree.url("site/index.html"), encoding: .utf8), "alt")
    }

    func testMissingContentFolderIsADiagnosticNotACrash() throws {
        let tree = try FixtureTree([:])
        let result = try run(["build", "--content", "nirgends"], in: tree.root)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("nirgends: error: content folder not found"), result.stderr)
    }

    func testInvalidBaseURLIsRejected() throws {
        let tree = try FixtureTree([:])
        let result = try run(["build", "--base-url", "campus.example"], in: tree.root)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("--base-url must be an absolute http(s) URL"), result.stderr)
    }

    /// SIGINT while pages are being written: the old site stays, the staging folder goes.
    func testInterruptLeavesPreviousSiteAndNoStagingFolder() throws {
        try interruptBuild(with: SIGINT, expectedStatus: 130)
    }

    /// SIGTERM (what `kill` and service managers send) exits 143, as documented.
    func testTerminateExitsWith143() throws {
        try interruptBuild(with: SIGTERM, expectedStatus: 143)
    }

    func testEmptyOutIsRefusedAndTouchesNothing() throws {
        let tree = try FixtureTree(FixtureTree.minimalSite.merging(["notes.txt": "meine Notizen"]) { $1 })
        let theme = FixtureTree.repositoryRoot.appendingPathComponent("themes/default").path
        for out in ["", " ", "."] {
            let result = try run(["build", "--theme", theme, "--out", out], in: tree.root)
            XCTAssertNotEqual(result.status, 0, "--out '\(out)'")
            XCTAssertTrue(result.stderr.contains(out == "." ? "contains the content folder" : "--out is empty"), result.stderr)
        }
        XCTAssertEqual(try String(contentsOf: tree.url("notes.txt"), encoding: .utf8), "meine Notizen")
        XCTAssertTrue(FileManager.default.fileExists(atPath: tree.url("content/site.yml").path))
    }

    /// Several builds into one folder at once take turns: all succeed, and one complete site remains.
    func testConcurrentBuildsIntoOneFolder() throws {
        let tree = try FixtureTree(FixtureTree.minimalSite)
        let theme = FixtureTree.repositoryRoot.appendingPathComponent("themes/default").path
        let processes = try (0..<4).map { _ -> Process in
            let process = Process()
            process.executableURL = binary
            process.arguments = ["build", "--quiet", "--theme", theme]
            process.currentDirectoryURL = tree.root
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        for process in processes {
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0)
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: tree.url("site/kurse/kurs/zweites/index.html").path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: tree.root.path)
            .filter { $0.hasPrefix(".") && $0 != ".site.lock" }
        XCTAssertEqual(leftovers, [])
    }

    private func interruptBuild(with signalNumber: Int32, expectedStatus: Int32) throws {
        var files = FixtureTree.minimalSite
        let paragraph = String(repeating: "Ein Satz mit einigen Wörtern für den Umfang der Seite. ", count: 60)
        for index in 3...2500 {
            files["content/courses/kurs/\(String(format: "%04d", index))-m\(index).md"] =
                "---\ntitle: Modul \(index)\n---\n## Teil\n\n\(paragraph)\n"
        }
        files["site/index.html"] = "alt"
        files["site/.mika-site"] = "mika"
        let tree = try FixtureTree(files)
        let theme = FixtureTree.repositoryRoot.appendingPathComponent("themes/default").path

        let process = Process()
        process.executableURL = binary
        process.arguments = ["build", "--theme", theme]
        process.currentDirectoryURL = tree.root
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the build is writing pages, then interrupt it.
        var seen = ""
        while !seen.contains("[5/13]") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
        }
        kill(process.processIdentifier, signalNumber)
        process.waitUntilExit()
        XCTAssertTrue(seen.contains("[5/13]"), seen)
        if process.terminationStatus == 0 {
            throw XCTSkip("the build finished before the signal arrived; nothing to check on this machine")
        }
        XCTAssertEqual(process.terminationStatus, expectedStatus)
        XCTAssertEqual(try String(contentsOf: tree.url("site/index.html"), encoding: .utf8), "alt")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: tree.root.path)
            .filter { $0.hasPrefix(".") && $0 != ".site.lock" }
        XCTAssertEqual(leftovers, [])
    }
}
