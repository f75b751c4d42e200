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

    public func makeFolders(_ relativePaths: [String]) throws {}

    public func write(_ bytes: Artifact.Bytes, to relativePath: String) throws {
        try collected.write(bytes, to: relativePath)
    }

    /// Writes the zip file to `url` (replacing a file there, never a folder) through a temporary file beside it.
    public func finish(to url: URL) throws {
        let sorted = collected.files.sorted { $0.key < $1.key }
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial-\(getpid())")
        try? FileManager.default.removeItem(at: temporary)
        defer { try? FileManager.default.removeItem(at: temporary) }
        let archive = try Archive(url: temporary, accessMode: .create)
        for (path, data) in sorted {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: entryDate,
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Data.Index(position)..<Data.Index(position) + size)
            }
        }
        // rename() replaces a file in one step and never a folder (that fails with EISDIR).
        guard rename(temporary.path, url.path) == 0 else {
            throw OutputFolderError.system("write the zip file", url.path, hint: "pass a file path, not a folder")
        }
    }
}
