import Foundation
import MikaContent
import MikaTestSupport
import XCTest

/// Dates come from front matter, else from git history (first and last commit of the file).
final class GitDatesTests: XCTestCase {
    func git(_ arguments: [String], in folder: URL, date: String? = nil) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_AUTHOR_NAME"] = "Test"; environment["GIT_AUTHOR_EMAIL"] = "test@example.org"
        environment["GIT_COMMITTER_NAME"] = "Test"; environment["GIT_COMMITTER_EMAIL"] = "test@example.org"
        if let date { environment["GIT_AUTHOR_DATE"] = date; environment["GIT_COMMITTER_DATE"] = date }
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "git \(arguments.joined(separator: " "))")
    }

    func testDatesFromGitHistoryFillWhatFrontMatterLeavesOpen() throws {
        let tree = try FixtureTree(FixtureTree.minimalSite)
        try git(["init", "-q"], in: tree.root)
        try git(["add", "."], in: tree.root)
        try git(["commit", "-q", "-m", "first"], in: tree.root, date: "2025-05-01T10:00:00+02:00")
        try tree.add(["content/courses/kurs/02-zweites.md": "---\ntitle: Zweites\ndate_created: 2024-01-01\n---\nNeu."])
        try git(["commit", "-q", "-am", "second"], in: tree.root, date: "2025-06-15T10:00:00+02:00")

        let (site, _) = ContentLoader(contentDirectory: tree.url("content")).load()
        let course = try XCTUnwrap(site?.courses.first)
        XCTAssertEqual(course.modules[0].dates, ResourceDates(created: "2025-05-01", modified: "2025-05-01"))
        XCTAssertEqual(course.modules[1].dates, ResourceDates(created: "2024-01-01", modified: "2025-06-15"),
                       "front matter wins, git fills the rest")
        XCTAssertEqual(course.dates, ResourceDates(created: "2025-05-01", modified: "2025-06-15"))
    }

    func testNoGitAndOptOutMeanNoDates() throws {
        let tree = try FixtureTree(FixtureTree.minimalSite)
        let (site, _) = ContentLoader(contentDirectory: tree.url("content")).load()
        XCTAssertEqual(site?.courses.first?.modules.first?.dates, ResourceDates())

        try git(["init", "-q"], in: tree.root)
        try tree.add(["content/site.yml": "title: T\nlicense: CC0-1.0\ndates_from_git: false\n"])
        try git(["add", "."], in: tree.root)
        try git(["commit", "-q", "-m", "first"], in: tree.root, date: "2025-05-01T10:00:00+02:00")
        let (optedOut, _) = ContentLoader(contentDirectory: tree.url("content")).load()
        XCTAssertEqual(optedOut?.courses.first?.modules.first?.dates, ResourceDates())
    }
}
