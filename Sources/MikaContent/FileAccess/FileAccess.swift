import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where content (or a theme) is read from: a folder on disk, or files in memory for tests and `serve`.
/// Paths are relative to the root, with `/` between folders.
public protocol FileAccess: Sendable {
    /// Every readable file below the root; problems (links out of the root, loops) become diagnostics.
    func scan(display: (String) -> String, diagnostics: inout [Diagnostic]) -> Set<String>
    func contents(of path: String) -> Data?
    /// Seconds since 1970 of the file's last change, if known.
    func modificationTime(of path: String) -> Int?
    /// The folder on disk, where there is one (git history, absolute paths in messages).
    var directory: URL? { get }
    /// The file's bytes and the time of its last change, from one look at the file where the source allows.
    func contentsAndModificationTime(of path: String) -> (data: Data, modified: Int?)?
}

extension FileAccess {
    public func contentsAndModificationTime(of path: String) -> (data: Data, modified: Int?)? {
        contents(of: path).map { ($0, modificationTime(of: path)) }
    }
}

/// Files in memory: path → bytes.
public struct MemoryFiles: FileAccess {
    public var files: [String: Data]
    public var modificationTime: Int

    public init(_ files: [String: Data], modificationTime: Int = 0) {
        self.files = files
        self.modificationTime = modificationTime
    }

    public init(texts: [String: String], modificationTime: Int = 0) {
        self.init(texts.mapValues { Data($0.utf8) }, modificationTime: modificationTime)
    }

    public func scan(display: (String) -> String, diagnostics: inout [Diagnostic]) -> Set<String> {
        Set(files.keys.filter { path in !path.split(separator: "/").contains { $0.hasPrefix(".") } })
    }

    public func contents(of path: String) -> Data? { files[path] }
    public func modificationTime(of path: String) -> Int? { files[path] == nil ? nil : modificationTime }
    public var directory: URL? { nil }
}

/// A folder on disk.
public struct DiskFiles: FileAccess {
    public let root: URL

    public init(_ root: URL) { self.root = root.standardizedFileURL }

    public var directory: URL? { root }
    private var path: String { root.path }

    /// The file's bytes, read with plain POSIX calls (FileManager's reader cost a tenth of loading a module).
    public func contents(of relativePath: String) -> Data? {
        contentsAndModificationTime(of: relativePath)?.data
    }

    /// The bytes and the modification time the read's `fstat` gives anyway (a `stat` of each file afterwards took
    /// 20 ms of a 10,000-module build on one core).
    public func contentsAndModificationTime(of relativePath: String) -> (data: Data, modified: Int?)? {
        let descriptor = open(path + "/" + relativePath, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        // The size is a hint: a file that grows while it is read is read to its end.
        var capacity = max(Int(info.st_size), 0) + 1
        guard var buffer = malloc(capacity) else { return nil }
        var count = 0
        while true {
            if count == capacity {
                capacity *= 2
                guard let grown = realloc(buffer, capacity) else { free(buffer); return nil }
                buffer = grown
            }
            let read = Glibc.read(descriptor, buffer + count, capacity - count)
            if read < 0 {
                if errno == EINTR { continue }
                free(buffer)
                return nil
            }
            if read == 0 { break }
            count += read
        }
        return (Data(bytesNoCopy: buffer, count: count, deallocator: .free), Int(info.st_mtim.tv_sec))
    }

    public func modificationTime(of relativePath: String) -> Int? {
        var info = stat()
        return stat(path + "/" + relativePath, &info) == 0 ? Int(info.st_mtim.tv_sec) : nil
    }

    /// Every regular, non-hidden file under the content folder, as a relative path (readdir with d_type;
    /// URL resource values cost a second per 10,000 files). Symbolic links are followed only while they stay inside
    /// the content folder, and a folder reached twice (a link loop) is read once; both are reported.
    public func scan(display: (String) -> String, diagnostics: inout [Diagnostic]) -> Set<String> {
        var result = Set<String>()
        let rootPath = path
        let realRoot = realpath(rootPath, nil).map { pointer -> String in
            defer { free(pointer) }
            return String(cString: pointer)
        } ?? rootPath
        var visited = Set<[UInt64]>()
        var rootInfo = stat()
        if stat(rootPath, &rootInfo) == 0 { visited.insert([UInt64(rootInfo.st_dev), UInt64(rootInfo.st_ino)]) }
        var pending = [""]
        while let relative = pending.popLast() {
            let path = relative.isEmpty ? rootPath : rootPath + "/" + relative
            guard let directory = opendir(path) else { continue }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                // Read the name in place: a dirent in readdir's buffer may be shorter than `dirent` (d_reclen),
                // so copying the whole `d_name` tuple would read past the buffer (AddressSanitizer found it).
                let name = String(cString: (UnsafeRawPointer(entry) + ContentLoader.direntNameOffset).assumingMemoryBound(to: CChar.self))
                if name.hasPrefix(".") { continue }
                let child = relative.isEmpty ? name : relative + "/" + name
                let fullPath = rootPath + "/" + child
                var type = entry.pointee.d_type
                if type == UInt8(DT_UNKNOWN) || type == UInt8(DT_LNK) {
                    var linkInfo = stat()
                    guard lstat(fullPath, &linkInfo) == 0 else { continue }
                    if (linkInfo.st_mode & S_IFMT) == S_IFLNK {
                        guard let real = realpath(fullPath, nil) else {
                            diagnostics.append(Diagnostic(.warning, id: "file.broken-link", file: display(child),
                                                          message: "symbolic link leads nowhere; it is not published",
                                                          hint: "remove the link or restore its target"))
                            continue
                        }
                        let target = String(cString: real)
                        free(real)
                        guard target.hasPrefix(realRoot + "/") else {
                            diagnostics.append(Diagnostic(.error, id: "file.link-outside-content", file: display(child),
                                                          message: "symbolic link leads outside the content folder; it is never published",
                                                          hint: "copy the file into the content folder instead of linking to it"))
                            continue
                        }
                    }
                    var info = stat()
                    guard stat(fullPath, &info) == 0 else { continue }
                    type = (info.st_mode & S_IFMT) == S_IFDIR ? UInt8(DT_DIR) : (info.st_mode & S_IFMT) == S_IFREG ? UInt8(DT_REG) : 0
                }
                if type == UInt8(DT_DIR) {
                    var info = stat()
                    guard stat(fullPath, &info) == 0 else { continue }
                    guard visited.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted else {
                        diagnostics.append(Diagnostic(.error, id: "file.link-loop", file: display(child),
                                                      message: "this folder is reached a second time through a symbolic link (a loop)",
                                                      hint: "remove the link; a folder is published once, from its own place"))
                        continue
                    }
                    pending.append(child)
                } else if type == UInt8(DT_REG) {
                    // Swift compares strings by canonical equivalence, so NFC and NFD spellings of one name collide.
                    if let index = result.firstIndex(of: child) {
                        let existing = result[index]
                        diagnostics.append(Diagnostic(.error, id: "file.same-name", file: display(child),
                                                      message: "'\(child)' and '\(existing)' are the same name in different Unicode forms (NFC/NFD)",
                                                      hint: "rename or remove one of them; the site would publish only one"))
                        continue
                    }
                    result.insert(child)
                }
            }
        }
        return result
    }

}
