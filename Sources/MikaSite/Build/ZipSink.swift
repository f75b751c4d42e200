import Foundation
import ZIPFoundation

/// Artifacts written into a zip file (LMS packages, a site to hand out). Entries get a fixed date, so the same
/// artifacts give the same bytes; they are added in path order when `finish()` writes the archive.
public final class ZipSink: ArtifactSink, @unchecked Sendable {
    /// Artifacts are collected in memory, then written in path order.
    private let collected = MemorySink()
    /// The date every entry carries (zip stores local time to two seconds; 1980-01-01 is its first day).
    public var entryDate = Date(timeIntervalSince1970: 315_532_800)

    public init() {}

    public func write(_ bytes: Artifact.Bytes, to relativePath: String) throws {
        try collected.write(bytes, to: relativePath)
    }

    /// A zip archive in memory: entries in the given order, each with `date`, deflated. Entry names that could
    /// leave the folder they are unpacked into (`..`, a backslash, a leading `/`) are refused.
    public static func archive(_ entries: [(path: String, data: Data)], date: Date) throws -> Data {
        let archive = try Archive(accessMode: .create)
        // Zip dates start in 1980 and are stored to two seconds.
        let entryDate = max(date, Date(timeIntervalSince1970: 315_532_800))
        for (path, data) in entries {
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\"), !parts.contains(".."), !parts.contains(""),
                  !path.contains("\0") else {
                throw UnsafeEntryName(path: path)
            }
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: entryDate,
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Data.Index(position)..<Data.Index(position) + size)
            }
        }
        return archive.data ?? Data()
    }

    /// Writes the zip file to `url` (replacing a file there, never a folder) through a temporary file beside it.
    public func finish(to url: URL) throws {
        let sorted = collected.files.sorted { $0.key < $1.key }
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial-\(getpid())")
        try? FileManager.default.removeItem(at: temporary)
        defer { try? FileManager.default.removeItem(at: temporary) }
        try Self.archive(sorted.map { ($0.key, $0.value) }, date: entryDate).write(to: temporary)
        // rename() replaces a file in one step and never a folder (that fails with EISDIR).
        guard rename(temporary.path, url.path) == 0 else {
            throw OutputFolderError.system("write the zip file", url.path, hint: "pass a file path, not a folder")
        }
    }
}

/// A zip entry name that could be unpacked outside its folder.
public struct UnsafeEntryName: Error, CustomStringConvertible {
    public var path: String
    public var description: String { "refusing the zip entry name '\(path)': it could be unpacked outside its folder" }
}
