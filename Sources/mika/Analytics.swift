import ArgumentParser
import Foundation
import MikaAnalytics

struct Analytics: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Learning time, completion and dropout from the access logs the site's beacon leaves behind.",
        discussion: """
        Reads nginx or Apache logs in the combined format (plain or .gz, several files, rotated sets in any order),
        keeps the beacon requests (docs/beacon-protocol.md) and joins them with the site's _mika/model.json.
        No IP address, user agent or pseudonym reaches the output; groups of fewer than --min-group learners are
        left out. Exit status: 0 done (malformed lines are counted, not fatal), 2 could not run.
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, csv, html, ndjson
    }

    @Argument(help: "Access log files (plain or .gz).")
    var logs: [String]

    @Option(name: .long, help: "The built site, whose _mika/model.json describes the courses.")
    var site: String = "site"

    @Option(name: .long, help: "Output format: text, json, csv, html (one self-contained file) or ndjson (the event stream).")
    var format: Format = .text

    @Option(name: .long, help: "Write to this file instead of standard output.")
    var out: String?

    @Option(name: .long, help: "Only events from this day on (YYYY-MM-DD, UTC).")
    var since: String?

    @Option(name: .long, help: "Only events up to and including this day (YYYY-MM-DD, UTC).")
    var until: String?

    @Option(name: .long, help: "Only this course (its folder name, as in kurse/<course>/).")
    var course: String?

    @Option(name: .customLong("min-group"), help: "Leave out aggregate rows with fewer learners than this.")
    var minGroup: Int = 5

    @Option(name: .customLong("quiet-days"), help: "Days without activity before the end of the log after which an unfinished learner counts as dropped out.")
    var quietDays: Int = 14

    @Option(name: .long, help: "Threads reading the logs (default: the number of cores).")
    var threads: Int?

    func validate() throws {
        if minGroup < 1 { throw ValidationError("--min-group must be at least 1") }
        if quietDays < 0 { throw ValidationError("--quiet-days must not be negative") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        for (name, value) in [("since", since), ("until", until)] {
            if let value, Self.day(value) == nil { throw ValidationError("--\(name) '\(value)' is not a date like 2026-11-24") }
        }
    }

    static func day(_ text: String) -> Int64? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              parts[0].count == 4, (1...12).contains(month), (1...31).contains(day) else { return nil }
        var components = DateComponents()
        components.year = year; components.month = month; components.day = day
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: components), calendar.component(.day, from: date) == day else { return nil }
        return Int64(date.timeIntervalSince1970)
    }

    func run() throws {
        let model: SiteModel
        do {
            model = try SiteModel.load(siteFolder: site)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(2)
        }
        if let course, !model.courses.contains(where: { $0.slug == course }) {
            let known = model.courses.map(\.slug).joined(separator: ", ")
            FileHandle.standardError.write(Data("error: the site has no course '\(course)' (it has: \(known))\n".utf8))
            throw ExitCode(2)
        }
        if model.key == nil {
            FileHandle.standardError.write(Data("warning: \(site)/_mika/model.json names no beacon key (a site built with 'analytics: false' or by an older mika); beacon requests of every site in the log are counted\n".utf8))
        }
        for path in logs where !FileManager.default.isReadableFile(atPath: path) {
            FileHandle.standardError.write(Data("error: cannot read log file '\(path)'\n".utf8))
            throw ExitCode(2)
        }
        var options = AnalyticsOptions()
        options.since = since.flatMap(Self.day)
        options.until = until.flatMap(Self.day).map { $0 + 86_400 }
        options.course = course
        options.minimumGroup = minGroup
        options.quietDays = quietDays

        // The report goes to a temporary file beside --out and replaces it only when complete; --out may never name
        // one of the logs read (that would empty the log before it is read).
        let output: FileHandle
        var temporary: String?
        if let out {
            let target = URL(fileURLWithPath: out).resolvingSymlinksInPath().path
            if logs.contains(where: { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path == target }) {
                FileHandle.standardError.write(Data("error: --out '\(out)' is one of the logs to read; name another file\n".utf8))
                throw ExitCode(2)
            }
            let folder = URL(fileURLWithPath: target).deletingLastPathComponent().path
            let partial = folder + "/.\(URL(fileURLWithPath: target).lastPathComponent).partial-\(getpid())"
            guard FileManager.default.createFile(atPath: partial, contents: nil), let handle = FileHandle(forWritingAtPath: partial) else {
                FileHandle.standardError.write(Data("error: cannot write into '\(folder)'\n".utf8))
                throw ExitCode(2)
            }
            output = handle
            temporary = partial
        } else {
            output = FileHandle.standardOutput
        }
        var finished = false
        defer {
            if let temporary {
                try? output.close()
                if !finished { unlink(temporary) }
            }
        }

        let bar = ProgressBar()
        let progress = bar.map { bar in Progress { done, total in bar.show(done, total) } }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let report: AnalyticsReport
        if format == .ndjson {
            var buffer = ""
            buffer.reserveCapacity(1 << 20)
            report = MikaAnalytics.Analytics.run(logs: logs, model: model, options: options, threads: 1, progress: progress) { event in
                buffer += event.ndjson()
                if buffer.utf8.count >= 1 << 20 { output.write(Data(buffer.utf8)); buffer.removeAll(keepingCapacity: true) }
            }
            output.write(Data(buffer.utf8))
        } else {
            report = MikaAnalytics.Analytics.run(logs: logs, model: model, options: options, threads: threads ?? cores, progress: progress)
        }
        bar?.finish()
        switch format {
        case .text: output.write(Data(report.text().utf8))
        case .json: output.write(Data(report.json().utf8))
        case .csv: output.write(Data(report.csv().utf8))
        case .html: output.write(Data(report.html().utf8))
        case .ndjson: break
        }
        if let temporary, let out {
            try? output.synchronize()
            guard rename(temporary, URL(fileURLWithPath: out).resolvingSymlinksInPath().path) == 0 else {
                FileHandle.standardError.write(Data("error: cannot move the report to '\(out)': \(String(cString: strerror(errno)))\n".utf8))
                throw ExitCode(2)
            }
            finished = true
        }
        for problem in report.input.problems {
            FileHandle.standardError.write(Data("warning: \(problem.file): \(problem.message)\n".utf8))
        }
        let counts = report.input.counts
        if counts.malformed > 0 {
            let first = report.input.malformedLines.prefix(3).joined(separator: ", ")
            FileHandle.standardError.write(Data("note: \(counts.malformed) line(s) not in the combined log format were skipped (first: \(first))\n".utf8))
        }
    }
}

/// A progress bar on standard error, only when it is a terminal.
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private var lastPercent = -1

    init?() {
        guard isatty(2) != 0 else { return nil }
    }

    func show(_ done: Int, _ total: Int) {
        guard total > 0 else { return }
        let percent = min(100, done * 100 / total)
        lock.lock()
        defer { lock.unlock() }
        guard percent != lastPercent else { return }
        lastPercent = percent
        let filled = percent * 30 / 100
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: 30 - filled)
        FileHandle.standardError.write(Data("\rreading logs [\(bar)] \(percent) %".utf8))
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if lastPercent >= 0 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
