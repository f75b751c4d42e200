import Foundation
import XCTest
@testable import MikaAnalytics

/// Every metric on a small hand-made log. The expected values are worked out in the comments.
final class MetricsTests: XCTestCase {
    /// Course `k`: phase p1 holds modules a and b (b has a quiz of two 1-point questions, pass mark 50 %), phase p2 holds c.
    static let modelJSON = """
    {"version": 1, "site": {"title": "Testcampus", "baseURL": "https://campus.example.org/"},
     "analytics": {"key": "0badc0de", "beacon": "_mika/b.gif", "protocol": 1},
     "courses": [{"slug": "k", "path": "kurse/k/", "title": "Kurs K",
       "phases": [{"id": "p1", "title": "Auftakt"}, {"id": "p2", "title": "Praxis"}],
       "modules": [
         {"path": "kurse/k/a/", "title": "A", "position": 1, "type": "theory", "step": "informieren", "phase": "p1"},
         {"path": "kurse/k/b/", "title": "B", "position": 2, "type": "quiz", "step": "kontrollieren", "phase": "p1",
          "quizzes": [{"id": "k--b--quiz-1", "title": "Check", "passPercent": 50, "totalPoints": 2,
                       "questions": [{"id": "k--b--quiz-1-q1", "points": 1}, {"id": "k--b--quiz-1-q2", "points": 1}]}]},
         {"path": "kurse/k/c/", "title": "C", "position": 3, "type": "project", "step": "ausfuehren", "phase": "p2"}]}],
     "tools": [{"name": "OBS Studio", "url": "https://obsproject.com/de"}]}
    """

    static let browser = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"

    static func hit(_ time: String, _ query: String, method: String = "GET", status: Int = 200, agent: String = browser,
                    key: String = "0badc0de") -> String {
        "198.51.100.0 - - [\(time) +0000] \"\(method) /_mika/b.gif?v=1&k=\(key)&\(query) HTTP/1.1\" \(status) 43 \"-\" \"\(agent)\""
    }

    static let L1 = "l=AAAA-AAAA-AAAA-AAAA", L2 = "l=BBBB-BBBB-BBBB-BBBB", L3 = "l=CCCC-CCCC-CCCC-CCCC"

    static let lines: [String] = [
        // Learner 1 enters with cohort k1: module a for 90 s to its end, …
        hit("02/Nov/2026:10:00:00", "s=aaaaaa01&n=1&p=kurse/k/a/&\(L1)&c=k1&e=view"),
        hit("02/Nov/2026:10:01:00", "s=aaaaaa01&n=2&p=kurse/k/a/&\(L1)&c=k1&e=active:60;progress:25;progress:50;progress:75;progress:100;complete"),
        hit("02/Nov/2026:10:01:00", "s=aaaaaa01&n=2&p=kurse/k/a/&\(L1)&c=k1&e=active:60;progress:25;progress:50;progress:75;progress:100;complete"),  // replay
        hit("02/Nov/2026:10:01:30", "s=aaaaaa01&n=3&p=kurse/k/a/&\(L1)&e=active:30;exit:90"),
        // … module b for 120 s with the quiz (1 of 2 points: passes 50 %) and the tool link, …
        hit("02/Nov/2026:10:02:00", "s=aaaaaa02&n=1&p=kurse/k/b/&\(L1)&e=view"),
        hit("02/Nov/2026:10:04:00", "s=aaaaaa02&n=2&p=kurse/k/b/&\(L1)&e=active:120;quiz:k--b--quiz-1-q1:1:1;quiz:k--b--quiz-1-q2:0:0;complete;tool-open:https%3A%2F%2Fobsproject.com%2Fde%2Fdownload"),
        // … and the next day module c for 600 s: the whole course, in two sessions on two days.
        hit("03/Nov/2026:10:00:00", "s=aaaaaa03&n=1&p=kurse/k/c/&\(L1)&e=view"),
        hit("03/Nov/2026:10:05:00", "s=aaaaaa03&n=2&p=kurse/k/c/&\(L1)&e=active:300"),
        hit("03/Nov/2026:10:10:00", "s=aaaaaa03&n=3&p=kurse/k/c/&\(L1)&e=active:300;complete;download:kurse%2Fk%2Fc%2Fvorlage.pdf"),
        // Learner 2, no cohort (so 2026-11), reads a quarter of module a for 30 s and never comes back.
        hit("02/Nov/2026:10:10:00", "s=bbbbbb01&n=1&p=kurse/k/a/&\(L2)&e=view;active:30;progress:25"),
        // Learner 3 completes a in 60 s, and on 19 Nov opens b for 45 s + 15 s (the last by sendBeacon, answered 405).
        hit("02/Nov/2026:11:00:00", "s=cccccc01&n=1&p=kurse/k/a/&\(L3)&e=view;active:60;complete"),
        hit("19/Nov/2026:09:00:00", "s=cccccc02&n=1&p=kurse/k/b/&\(L3)&e=view;active:45"),
        hit("19/Nov/2026:09:00:20", "s=cccccc02&n=2&p=kurse/k/b/&\(L3)&e=active:15;exit:60", method: "POST", status: 405),
        // An anonymous reader of a: half the text, 15 s.
        hit("02/Nov/2026:12:00:00", "s=zzzzzz01&n=1&p=kurse/k/a/&e=view;active:15;progress:25;progress:50"),
        // Left out: a crawler, another site, an error, an unknown page, a broken query; a malformed line; a page request.
        hit("02/Nov/2026:12:00:01", "s=yyyyyy01&n=1&p=kurse/k/a/&e=view", agent: "Mozilla/5.0 (compatible; Googlebot/2.1)"),
        hit("02/Nov/2026:12:00:02", "s=yyyyyy02&n=1&p=kurse/k/a/&e=view", key: "12345678"),
        hit("02/Nov/2026:12:00:03", "s=yyyyyy03&n=1&p=kurse/k/a/&e=view", status: 500),
        hit("02/Nov/2026:12:00:04", "s=yyyyyy04&n=1&p=kurse/k/zzz/&e=view"),
        hit("02/Nov/2026:12:00:05", "s=yy&n=1&p=kurse/k/a/&e=view"),
        "this line is not in the combined format",
        "198.51.100.0 - - [02/Nov/2026:12:00:06 +0000] \"GET /kurse/k/a/ HTTP/1.1\" 200 5120 \"-\" \"\(browser)\"",
        // The last event of the log: 20 Nov, the home page. Learners quiet since 6 Nov 12:00 have dropped out.
        hit("20/Nov/2026:12:00:00", "s=zzzzzz02&n=1&p=&e=view"),
    ]

    func report(_ lines: [String] = lines, threads: Int = 1, partSize: Int = 1 << 20, gzip: Bool = false,
                options: AnalyticsOptions? = nil) throws -> AnalyticsReport {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mika-analytics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var path = folder.appendingPathComponent("access.log").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        if gzip { try Self.gzip(path); path += ".gz" }
        let model = try SiteModel.decode(Data(Self.modelJSON.utf8))
        var settings = options ?? AnalyticsOptions()
        if options == nil { settings.minimumGroup = 1 }
        let saved = LogReader.minimumPartSize
        LogReader.minimumPartSize = partSize
        defer { LogReader.minimumPartSize = saved }
        var report = Analytics.run(logs: [path], model: model, options: settings, threads: threads)
        // Names without the temporary folder, so that reports of different runs compare.
        report.input.files = report.input.files.map { URL(fileURLWithPath: $0).lastPathComponent }
        report.input.malformedLines = report.input.malformedLines.map { URL(fileURLWithPath: $0).lastPathComponent }
        return report
    }

    static func gzip(_ path: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-f", path]
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
    }

    func testWhatIsLeftOutIsCountedByReason() throws {
        let counts = try report().input.counts
        XCTAssertEqual(counts.lines, Self.lines.count)
        XCTAssertEqual(counts.malformed, 1)
        XCTAssertEqual(counts.otherRequests, 1)
        XCTAssertEqual(counts.replayed, 1)
        XCTAssertEqual(counts.automated, 1)
        XCTAssertEqual(counts.otherSite, 1)
        XCTAssertEqual(counts.failedStatus, 1)
        XCTAssertEqual(counts.unknownPage, 1)
        XCTAssertEqual(counts.invalidQuery, 1)
        // 22 lines: 1 malformed, 1 page, 6 beacon hits left out → 14 counted, the POST answered 405 among them.
        XCTAssertEqual(counts.accepted, 14)
        XCTAssertEqual(try report().input.malformedLines, ["access.log:20"])
    }

    func testLearnersSessionsCohortsAndTime() throws {
        let course = try XCTUnwrap(report().courses.first)
        XCTAssertEqual(course.learners, 3)
        // Sessions: learner 1 on 2 and 3 Nov, learner 2 once, learner 3 on 2 and 19 Nov.
        XCTAssertEqual(course.sessions, 5)
        XCTAssertEqual(course.sessionsPerLearner, .init(median: 2, p90: 2))
        XCTAssertEqual(course.returningShare, 0.667)
        // Learning time: learner 1 1.5 + 2 + 10 = 13.5 min, learner 2 0.5, learner 3 1 + 1 = 2 → [0.5, 2, 13.5]; the median is
        // rank ⌈0.5·3⌉ = 2, the 90th percentile rank ⌈0.9·3⌉ = 3.
        XCTAssertEqual(course.learningMinutes, .init(median: 2, p90: 13.5))
        XCTAssertEqual(course.activeDays, .init(median: 2, p90: 2))
        // Cohorts: learner 1 came with k1; learners 2 and 3 fall back to the month of their first visit.
        XCTAssertEqual(course.cohorts.map(\.cohort), ["2026-11", "k1"])
        XCTAssertEqual(course.cohorts.map(\.learners), [2, 1])
        XCTAssertEqual(course.cohorts[0].learningMinutes, .init(median: 0.5, p90: 2))
        XCTAssertEqual(course.anonymousPageViews, 1)
    }

    func testModulesPhasesStepsAndTypes() throws {
        let course = try XCTUnwrap(report().courses.first)
        let a = course.modules[0], b = course.modules[1], c = course.modules[2]
        // a: three learners, learners 1 and 3 reached its end; minutes [0.5, 1, 1.5].
        XCTAssertEqual([a.learners, a.completed], [3, 2])
        XCTAssertEqual(a.completionRate, 0.667)
        XCTAssertEqual(a.learningMinutes, .init(median: 1, p90: 1.5))
        // b: learners 1 (2 min, complete) and 3 (1 min) → [1, 2]: median rank 1, p90 rank 2.
        XCTAssertEqual([b.learners, b.completed], [2, 1])
        XCTAssertEqual(b.learningMinutes, .init(median: 1, p90: 2))
        XCTAssertEqual([c.learners, c.completed], [1, 1])
        XCTAssertEqual(c.learningMinutes, .init(median: 10, p90: 10))
        // Page views of a: learners 1, 2, 3 and the anonymous reader. Reached 25 %: 1, 2, anonymous; 50 %: 1, anonymous;
        // 75 and 100 %: learner 1. Ended: learners 1 and 3. View times 1.5, 0.5, 1, 0.25 min → median rank 2 = 0.5.
        XCTAssertEqual([a.views, a.anonymousViews, a.viewsComplete], [4, 1, 2])
        XCTAssertEqual(a.viewReach, [0.75, 0.5, 0.25, 0.25])
        XCTAssertEqual(a.viewMinutes, .init(median: 0.5, p90: 1.5))
        // Phase p1 (a, b): all three started, only learner 1 finished both. p2 (c): learner 1.
        XCTAssertEqual(course.phases.map(\.id), ["p1", "p2"])
        XCTAssertEqual(course.phases.map(\.learners), [3, 1])
        XCTAssertEqual(course.phases.map(\.completed), [1, 1])
        XCTAssertEqual(course.phases[0].learningMinutes, .init(median: 2, p90: 3.5))
        XCTAssertEqual(course.steps.map(\.id), ["informieren", "kontrollieren", "ausfuehren"])
        XCTAssertEqual(course.steps.map(\.learners), [3, 2, 1])
        XCTAssertEqual(course.types.map(\.id), ["theory", "quiz", "project"])
        XCTAssertEqual(course.completed, 1)
        XCTAssertEqual(course.completionRate, 0.333)
    }

    func testDropoutTransitionsAndQuizzes() throws {
        let course = try XCTUnwrap(report().courses.first)
        // Learner 2 was last seen on 2 Nov at module a, more than 14 days before 20 Nov: dropped out there. Learner 3 was
        // seen on 19 Nov: still active. Learner 1 completed.
        XCTAssertEqual(course.dropout.droppedOut, 1)
        XCTAssertEqual(course.dropout.stillActive, 1)
        XCTAssertEqual(course.dropout.completed, 1)
        XCTAssertEqual(course.modules.map(\.droppedHere), [1, 0, 0])
        XCTAssertEqual(course.modules[0].dropoutShare, 0.333)
        // p1 → p2: three reached p1, one went on.
        XCTAssertEqual(course.transitions.count, 1)
        XCTAssertEqual(course.transitions[0].reachedFrom, 3)
        XCTAssertEqual(course.transitions[0].reachedTo, 1)
        XCTAssertEqual(course.transitions[0].continuationRate, 0.333)
        XCTAssertTrue(course.transitions[0].critical)
        // The quiz: learner 1 answered, 1 of 2 points passes 50 %; question 1 right once, question 2 wrong once.
        let quiz = try XCTUnwrap(course.quizzes.first)
        XCTAssertEqual([quiz.learners, quiz.passed, quiz.answers], [1, 1, 2])
        XCTAssertEqual(quiz.questions.map(\.correctShare), [1, 0])
    }

    func testWeeksToolsAndDownloads() throws {
        let report = try report()
        // 2 Nov 2026 is the Monday of ISO week 45; the log runs to Friday 20 Nov in week 47.
        XCTAssertEqual(report.weeks.map(\.week), ["2026-W45", "2026-W46", "2026-W47"])
        XCTAssertEqual(report.weeks.map(\.start), ["2026-11-02", "2026-11-09", "2026-11-16"])
        XCTAssertEqual(report.weeks.map(\.learners), [3, 0, 1])
        // Views: learner 1 three, learners 2 and 3 one each in W45 (+ the anonymous reader) = 6; learner 3 once in W47 + the home page.
        XCTAssertEqual(report.weeks.map(\.pageViews), [6, 0, 2])
        XCTAssertEqual(report.tools.map(\.name), ["OBS Studio"])
        XCTAssertEqual(report.downloads.map(\.name), ["kurse/k/c/vorlage.pdf"])
    }

    func testSmallGroupsAreSuppressed() throws {
        var options = AnalyticsOptions()
        options.minimumGroup = 3
        let course = try XCTUnwrap(report(options: options).courses.first)
        XCTAssertEqual(course.learners, 3)
        XCTAssertTrue(course.modules[1].suppressed)
        XCTAssertNil(course.modules[1].learners)
        XCTAssertNil(course.modules[1].learningMinutes)
        XCTAssertTrue(course.cohorts.allSatisfy(\.suppressed))
        XCTAssertNil(course.quizzes[0].learners)
    }

    func testNoPseudonymAddressOrAgentInAnyFormat() throws {
        let report = try report()
        var outputs = [report.json(), report.text(), report.csv(), report.html()]
        let model = try SiteModel.decode(Data(Self.modelJSON.utf8))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mika-ndjson-\(UUID().uuidString).log")
        try (Self.lines.joined(separator: "\n") + "\n").write(to: folder, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: folder) }
        var stream = ""
        _ = Analytics.run(logs: [folder.path], model: model, options: AnalyticsOptions(), threads: 1) { stream += $0.ndjson() }
        outputs.append(stream)
        for output in outputs {
            for secret in ["AAAA-AAAA", "BBBB-BBBB", "CCCC-CCCC", "198.51.100", "Firefox", "Googlebot"] {
                XCTAssertFalse(output.contains(secret), "\(secret) in \(output.prefix(200))")
            }
        }
        // The stream numbers learners in order of appearance.
        let learners = stream.split(separator: "\n").compactMap { line -> Int? in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            return object["learner"] as? Int
        }
        XCTAssertEqual(Array(Set(learners)).sorted(), [1, 2, 3])
        XCTAssertEqual(stream.split(separator: "\n").count, 35)
    }

    func testParallelPartsGzipAndTheOrderOfFilesGiveTheSameReport() throws {
        let one = try report().json()
        for threads in 2...6 {
            XCTAssertEqual(try report(threads: threads, partSize: 64).json(), one, "\(threads) parts")
        }
        XCTAssertEqual(try report(gzip: true).json().replacingOccurrences(of: ".log.gz", with: ".log"), one)
    }

    func testRotatedFilesInAnyOrderAndATruncatedGzip() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mika-rotated-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = folder.appendingPathComponent("access.log.1").path, new = folder.appendingPathComponent("access.log").path
        try (Self.lines[0..<11].joined(separator: "\n") + "\n").write(toFile: old, atomically: true, encoding: .utf8)
        try Self.gzip(old)
        try (Self.lines[11...].joined(separator: "\n") + "\n").write(toFile: new, atomically: true, encoding: .utf8)
        let model = try SiteModel.decode(Data(Self.modelJSON.utf8))
        var options = AnalyticsOptions()
        options.minimumGroup = 1
        let rotated = Analytics.run(logs: [new, old + ".gz"], model: model, options: options, threads: 2)
        let whole = try report()
        XCTAssertEqual(rotated.courses.first?.learningMinutes, whole.courses.first?.learningMinutes)
        XCTAssertEqual(rotated.courses.first?.sessions, whole.courses.first?.sessions)
        XCTAssertEqual(rotated.input.counts.accepted, whole.input.counts.accepted)
        // The malformed line is line 9 of the newer file.
        XCTAssertEqual(rotated.input.malformedLines, ["\(new):9"])

        // Cut the gzip file in half: the lines before the cut are read, the file is reported, nothing crashes.
        let data = try Data(contentsOf: URL(fileURLWithPath: old + ".gz"))
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: old + ".gz"))
        let cut = Analytics.run(logs: [old + ".gz"], model: model, options: options, threads: 1)
        XCTAssertEqual(cut.input.problems.count, 1)
        XCTAssertTrue(cut.input.problems[0].message.contains("truncated"), cut.input.problems[0].message)
        XCTAssertLessThan(cut.input.counts.lines, 11)
        // Not gzip at all behind a .gz name: read as text.
        try "not gzip\n".write(toFile: old + ".gz", atomically: true, encoding: .utf8)
        XCTAssertEqual(Analytics.run(logs: [old + ".gz"], model: model, options: options, threads: 1).input.counts.malformed, 1)
    }

    func testPeriodAndCourseFilters() throws {
        var options = AnalyticsOptions()
        options.minimumGroup = 1
        options.since = LogTimeParser.daysFromCivil(year: 2026, month: 11, day: 3) * 86_400
        options.until = LogTimeParser.daysFromCivil(year: 2026, month: 11, day: 4) * 86_400
        let report = try report(options: options)
        // Only 3 Nov: learner 1's three requests on module c.
        XCTAssertEqual(report.input.counts.accepted, 3)
        XCTAssertEqual(report.courses.first?.learners, 1)
    }
}

final class SiteModelTests: XCTestCase {
    func testABrokenOrForeignModelGivesAClearError() {
        func message(_ text: String) -> String {
            do {
                _ = try SiteModel.decode(Data(text.utf8), file: "site/_mika/model.json")
                return "decoded"
            } catch {
                return "\(error)"
            }
        }
        XCTAssertTrue(message("{kaputt").contains("site/_mika/model.json is not a mika course model"), message("{kaputt"))
        XCTAssertTrue(message("{\"version\": 1, \"site\": {\"title\": \"T\"}}").contains("'courses' is missing"))
        XCTAssertTrue(message("{\"version\": 7, \"site\": {\"title\": \"T\"}, \"courses\": []}").contains("version 7"))
        XCTAssertTrue(message("[]").contains("not a mika course model"))
    }
}
