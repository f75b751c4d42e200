import CMikaSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Builds into a staging folder beside the output and swaps it in only when the build succeeded, so the
/// published folder is never half-written. Call `discard()` on failure or interruption.
///
/// Builds into the same folder take turns through a lock file beside it (`.site.lock`); `prepare()` checks with
/// `OutputFolderGuard` that the folder may be replaced at all, and removes staging folders that killed builds left.
public final class OutputDirectory: @unchecked Sendable {
    public let destination: URL
    public let staging: URL
    /// Folders the output must never replace or lie in (content, theme).
    public let protected: [OutputFolderGuard.ProtectedFolder]
    /// How the output folder is named in messages (as the user passed it).
    public let displayName: String
    private let lock = NSLock()
    private var finished = false
    private var stagingCreated = false
    private var cancelled = false
    private var lockDescriptor: Int32 = -1
    /// The staging folder, open while the build writes: files are created relative to it, so the kernel does not
    /// walk the whole path again for each of tens of thousands of files.
    private var stagingDescriptor: Int32 = -1
    /// The signal that cancelled the build, if one did.
    public private(set) var cancellingSignal: Int32?

    /// Thrown by writes after `cancel()`.
    public struct Cancelled: Error {}

    public init(destination: URL, displayName: String? = nil, protecting protected: [OutputFolderGuard.ProtectedFolder] = []) {
        self.destination = destination.standardizedFileURL
        self.displayName = displayName ?? destination.relativePath
        self.protected = protected
        staging = Self.sibling(of: self.destination, kind: "staging", pid: getpid())
    }

    deinit {
        releaseLock()
        // Closed only here: a write that comes late finds a removed folder, never a reused descriptor number.
        if stagingDescriptor >= 0 { close(stagingDescriptor) }
    }

    /// Lets the next build into the same folder go ahead.
    private func releaseLock() {
        if lockDescriptor >= 0 { close(lockDescriptor) }
        lockDescriptor = -1
    }

    private static func sibling(of destination: URL, kind: String, pid: Int32) -> URL {
        destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).\(kind)-\(pid)")
    }

    /// Throws an `OutputFolderError` when the output folder may not be replaced (see `OutputFolderGuard`).
    public func validate() throws {
        try OutputFolderGuard.check(destination, shownAs: displayName, protecting: protected)
    }

    /// Takes the build lock (waiting for another build into the same folder), checks the output folder, removes
    /// stale staging folders and creates an empty staging folder with the site marker.
    public func prepare(onWait: () -> Void = {}) throws {
        lock.lock()
        defer { lock.unlock() }
        if cancelled { throw Cancelled() }
        let parent = destination.deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw OutputFolderError("cannot create the folder '\(parent)' for the output",
                                    hint: "check that the path is right and its parent folder is writable")
        }
        if lockDescriptor < 0 {
            let lockPath = parent + "/.\(destination.lastPathComponent).lock"
            let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
            guard descriptor >= 0 else {
                throw OutputFolderError.system("create the lock file", lockPath,
                                               hint: "check that the folder containing the output is writable")
            }
            if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
                onWait()
                while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
            }
            lockDescriptor = descriptor
        }
        try validate()
        removeStaleSiblings()
        try? FileManager.default.removeItem(at: staging)
        guard mkdir(staging.path, 0o755) == 0 else {
            throw OutputFolderError.system("create the staging folder", staging.path,
                                           hint: "check that the folder containing the output is writable")
        }
        stagingCreated = true
        if stagingDescriptor >= 0 { close(stagingDescriptor) }
        stagingDescriptor = open(staging.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        let marker = Data(OutputFolderGuard.markerText.utf8)
        guard FileManager.default.createFile(atPath: staging.path + "/" + OutputFolderGuard.markerName, contents: marker) else {
            throw OutputFolderError.system("write the site marker into", staging.path, hint: "check free disk space")
        }
    }

    /// Staging and previous-site folders of builds that were killed: their process is gone. A previous site
    /// whose swap was cut short is put back when the output is missing; the rest is removed.
    private func removeStaleSiblings() {
        let parent = destination.deletingLastPathComponent().path
        let name = destination.lastPathComponent
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        for entry in entries {
            for kind in ["staging", "previous"] {
                let prefix = ".\(name).\(kind)-"
                guard entry.hasPrefix(prefix), let pid = Int32(entry.dropFirst(prefix.count)), pid != getpid(),
                      kill(pid, 0) != 0 && errno == ESRCH else { continue }
                let path = parent + "/" + entry
                var info = stat()
                guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR,
                      OutputFolderGuard.hasMarker(path) || kind == "staging" && isEmptyOrMarked(path) else { continue }
                var destinationInfo = stat()
                if kind == "previous" && lstat(destination.path, &destinationInfo) != 0 && errno == ENOENT {
                    _ = rename(path, destination.path)
                } else {
                    try? FileManager.default.removeItem(atPath: path)
                }
            }
        }
    }

    private func isEmptyOrMarked(_ path: String) -> Bool {
        (try? FileManager.default.contentsOfDirectory(atPath: path).isEmpty) == true || OutputFolderGuard.hasMarker(path)
    }

    /// Asks a running build to stop (e.g. on SIGINT). Returns true when nothing is left on disk to clean up, so
    /// the caller may exit at once; otherwise the build stops at its next write and discards the staging folder.
    public func cancel(signal: Int32? = nil) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        cancelled = true
        if cancellingSignal == nil { cancellingSignal = signal }
        return finished || !stagingCreated
    }

    public var wasCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    /// The open staging folder (-1 before `prepare()`); throws once the build is cancelled.
    private func openStaging() throws -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        if cancelled { throw Cancelled() }
        return stagingDescriptor
    }

    /// Puts the staging folder in place of the destination in one step where the file system allows it.
    public func publish() throws {
        lock.lock()
        defer { lock.unlock() }
        guard !finished else { return }
        if cancelled { throw Cancelled() }
        finished = true
        defer { releaseLock() }
        let hint = "the previous site was left as it was; check free disk space and permissions, then build again"
        var info = stat()
        guard lstat(destination.path, &info) == 0 else {
            guard rename(staging.path, destination.path) == 0 else {
                let error = OutputFolderError.system("move the new site into", displayName, hint: hint)
                try? FileManager.default.removeItem(at: staging)
                throw error
            }
            return
        }
        if mika_rename_exchange(staging.path, destination.path) == 0 {
            try? FileManager.default.removeItem(at: staging)  // now holds the previous output
            return
        }
        // No atomic exchange here (e.g. another OS): move the old folder aside, then the new one in.
        let previous = Self.sibling(of: destination, kind: "previous", pid: getpid())
        guard rename(destination.path, previous.path) == 0 else {
            let error = OutputFolderError.system("move the previous site aside from", displayName, hint: hint)
            try? FileManager.default.removeItem(at: staging)
            throw error
        }
        guard rename(staging.path, destination.path) == 0 else {
            let error = OutputFolderError.system("move the new site into", displayName, hint: hint)
            _ = rename(previous.path, destination.path)
            try? FileManager.default.removeItem(at: staging)
            throw error
        }
        try? FileManager.default.removeItem(at: previous)
    }

    /// Removes the staging folder; the destination stays as it was.
    public func discard() {
        lock.lock()
        defer { lock.unlock() }
        guard !finished else { return }
        finished = true
        if stagingCreated { try? FileManager.default.removeItem(at: staging) }
        releaseLock()
    }

    /// Creates the folder that holds `relativePath` and any missing parents below the staging folder. Called when
    /// creating a file finds its folder missing, so a folder costs one failed `open` and no list of all folders is
    /// made before writing; two writers making the same folder both succeed (`EEXIST`).
    private func makeParents(of relativePath: String, in folder: Int32) throws {
        guard let slash = relativePath.utf8.lastIndex(of: UInt8(ascii: "/")) else { return }
        let parent = String(relativePath[..<slash])
        guard !parent.isEmpty else { return }
        func make() -> Bool {
            (folder >= 0 ? mkdirat(folder, parent, 0o755) : mkdir(staging.path + "/" + parent, 0o755)) == 0 || errno == EEXIST
        }
        if make() { return }
        guard errno == ENOENT else { throw Self.writeError("create the folder", staging.path + "/" + parent) }
        try makeParents(of: parent, in: folder)
        guard make() else { throw Self.writeError("create the folder", staging.path + "/" + parent) }
    }

    /// What failed, with the system's reason (no permission, no space …).
    private static func writeError(_ action: String, _ path: String) -> OutputFolderError {
        .system(action, path, hint: "check free disk space and permissions; the previous site was left as it was")
    }

    /// Writes text to a file below the staging folder with plain POSIX calls (the hot path of a build).
    public func writeFile(_ text: String, to relativePath: String) throws {
        var text = text
        try text.withUTF8 { try writeFile($0, to: relativePath) }
    }

    /// Writes bytes to a file below the staging folder (its path relative to it), making its folder when it is
    /// missing. Folders are made with mode 755 and files with 644 (less the umask), whatever wrote them.
    public func writeFile(_ bytes: UnsafeBufferPointer<UInt8>, to relativePath: String) throws {
        let folder = try openStaging()
        // `openat` would take an absolute path as it is, outside the staging folder.
        guard relativePath.utf8.first != UInt8(ascii: "/") else {
            throw OutputFolderError("cannot write '\(relativePath)': a file of the site needs a path relative to it",
                                    hint: "this is a bug in mika; please report it")
        }
        func create() -> Int32 {
            folder >= 0 ? openat(folder, relativePath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
                        : open(staging.path + "/" + relativePath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        var descriptor = create()
        if descriptor < 0 && errno == ENOENT {
            try makeParents(of: relativePath, in: folder)
            descriptor = create()
        }
        guard descriptor >= 0 else { throw Self.writeError("create the file", staging.path + "/" + relativePath) }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw Self.writeError("write the file", staging.path + "/" + relativePath)
            }
            offset += written
        }
    }

    /// Writes data to a file below the staging folder, like `writeFile`.
    public func write(_ data: Data, to relativePath: String) throws {
        try data.withUnsafeBytes { try writeFile($0.bindMemory(to: UInt8.self), to: relativePath) }
    }
}
