import CMikaSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Builds into a staging folder beside the output and swaps it in only when the build succeeded, so the
/// published folder is never half-written. Call `discard()` on failure or interruption.
public final class OutputDirectory: @unchecked Sendable {
    public let destination: URL
    public let staging: URL
    private let lock = NSLock()
    private var finished = false
    private var stagingCreated = false
    private var cancelled = false

    /// Thrown by writes after `cancel()`.
    public struct Cancelled: Error {}

    public init(destination: URL) {
        self.destination = destination.standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        let name = self.destination.lastPathComponent
        staging = parent.appendingPathComponent(".\(name).staging-\(ProcessInfo.processInfo.processIdentifier)")
    }

    /// Creates an empty staging folder (removing a stale one of the same name).
    public func prepare() throws {
        lock.lock()
        defer { lock.unlock() }
        if cancelled { throw Cancelled() }
        try? FileManager.default.removeItem(at: staging)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        stagingCreated = true
    }

    /// Asks a running build to stop (e.g. on SIGINT). Returns true when nothing is left on disk to clean up, so
    /// the caller may exit at once; otherwise the build stops at its next write and discards the staging folder.
    public func cancel() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        cancelled = true
        return finished || !stagingCreated
    }

    public var wasCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    private func checkCancelled() throws {
        lock.lock()
        defer { lock.unlock() }
        if cancelled { throw Cancelled() }
    }

    /// Puts the staging folder in place of the destination in one step where the file system allows it.
    public func publish() throws {
        lock.lock()
        defer { lock.unlock() }
        guard !finished else { return }
        if cancelled { throw Cancelled() }
        finished = true
        let manager = FileManager.default
        if manager.fileExists(atPath: destination.path) {
            if mika_rename_exchange(staging.path, destination.path) == 0 {
                try manager.removeItem(at: staging)  // now holds the previous output
                return
            }
            // No atomic exchange here (e.g. another OS): move the old folder aside, then the new one in.
            let previous = staging.deletingLastPathComponent()
                .appendingPathComponent(".\(destination.lastPathComponent).previous-\(ProcessInfo.processInfo.processIdentifier)")
            try manager.moveItem(at: destination, to: previous)
            do {
                try manager.moveItem(at: staging, to: destination)
            } catch {
                try? manager.moveItem(at: previous, to: destination)
                throw error
            }
            try? manager.removeItem(at: previous)
        } else {
            try manager.moveItem(at: staging, to: destination)
        }
    }

    /// Removes the staging folder; the destination stays as it was.
    public func discard() {
        lock.lock()
        defer { lock.unlock() }
        guard !finished else { return }
        finished = true
        try? FileManager.default.removeItem(at: staging)
    }

    /// Creates folders below the staging folder, parents first.
    public func makeFolders(_ relativePaths: [String]) throws {
        try checkCancelled()
        for path in relativePaths {
            try FileManager.default.createDirectory(at: staging.appendingPathComponent(path), withIntermediateDirectories: true)
        }
    }

    /// Writes text into an existing folder below the staging folder with plain POSIX calls (the hot path of a build).
    public func writeFile(_ text: String, to relativePath: String) throws {
        try checkCancelled()
        let path = staging.path + "/" + relativePath
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        defer { close(descriptor) }
        var text = text
        try text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw CocoaError(.fileWriteOutOfSpace, userInfo: [NSFilePathErrorKey: path])
                }
                offset += written
            }
        }
    }

    /// Writes a file below the staging folder, creating folders as needed.
    public func write(_ data: Data, to relativePath: String) throws {
        try checkCancelled()
        let url = staging.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    /// Copies a file into the staging folder.
    public func copy(_ source: URL, to relativePath: String) throws {
        try checkCancelled()
        let url = staging.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.copyItem(at: source, to: url)
    }
}
