import Foundation

/// First and last commit dates of the files under the content folder, read with one `git log`.
struct GitHistory {
    /// Content-relative path → dates (created = first commit, modified = last commit).
    private(set) var dates: [String: ResourceDates] = [:]

    /// Nil when git is missing or the folder is not in a repository.
    static func read(contentDirectory: URL) -> GitHistory? {
        guard let output = run(["log", "--format=@%as", "--name-only", "--no-renames", "--relative", "--", "."],
                               in: contentDirectory) else { return nil }
        var history = GitHistory()
        var date: String?
        for line in output.split(separator: "\n") {
            if line.hasPrefix("@") {
                date = String(line.dropFirst())
            } else if let date {
                let path = String(line)
                var entry = history.dates[path] ?? ResourceDates()
                entry.modified = entry.modified ?? date  // newest first
                entry.created = date
                history.dates[path] = entry
            }
        }
        return history
    }

    /// Dates of one file.
    func dates(of path: String) -> ResourceDates? { dates[path] }

    /// Earliest creation and latest change of all files below a folder.
    func dates(under folder: String) -> ResourceDates? {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        let entries = dates.filter { $0.key.hasPrefix(prefix) }.values
        guard !entries.isEmpty else { return nil }
        return ResourceDates(created: entries.compactMap(\.created).min(), modified: entries.compactMap(\.modified).max())
    }

    private static func run(_ arguments: [String], in directory: URL) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = directory
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
