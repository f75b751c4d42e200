import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Why mika will not write to an output folder, or what went wrong while publishing: a message naming the folder
/// and what to do, never a bare system error code.
public struct OutputFolderError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var hint: String

    public init(_ message: String, hint: String) {
        self.message = message
        self.hint = hint
    }

    public var description: String { message }

    /// An error for a failed system call, with the system's reason (`strerror`).
    static func system(_ action: String, _ path: String, errorNumber: Int32 = errno, hint: String) -> OutputFolderError {
        OutputFolderError("cannot \(action) '\(path)': \(String(cString: strerror(errorNumber)))", hint: hint)
    }
}

/// Decides whether mika may replace a folder with a site. mika replaces only what it made itself: a missing
/// folder, an empty one, or one with the `.mika-site` marker that every published site carries. It never
/// replaces the content or theme folder, an ancestor of either, or a folder inside the content folder, and it
/// refuses symbolic links, regular files, mount points and the file system root.
public enum OutputFolderGuard {
    /// Written into every site mika publishes.
    public static let markerName = ".mika-site"

    public static var markerText: String {
        "mika \(MikaVersion.current)\nThis folder was built by mika and is replaced as a whole by the next build.\n"
    }

    /// A folder whose content must survive every build, named as the user knows it (`content folder`).
    public struct ProtectedFolder: Sendable {
        public var role: String
        public var url: URL

        public init(role: String, url: URL) {
            self.role = role
            self.url = url
        }
    }

    /// Throws an `OutputFolderError` when `destination` may not be replaced by a site.
    public static func check(_ destination: URL, shownAs name: String, protecting protected: [ProtectedFolder]) throws {
        let path = destination.standardizedFileURL.path
        if path == "/" || path.isEmpty {
            throw OutputFolderError("'\(name)' is the file system root; mika will not replace it",
                                    hint: "pass a new folder for the site, e.g. --out site")
        }
        var info = stat()
        let exists = lstat(path, &info) == 0
        if !exists && errno != ENOENT {
            throw OutputFolderError.system("inspect the output folder", name, hint: "check the path and its permissions")
        }
        if exists {
            let kind = info.st_mode & S_IFMT
            if kind == S_IFLNK {
                throw OutputFolderError("output folder '\(name)' is a symbolic link; mika replaces only real folders",
                                        hint: "pass the folder the link points to, or a new folder, as --out")
            }
            if kind != S_IFDIR {
                throw OutputFolderError("output '\(name)' is a file, not a folder; mika will not replace it",
                                        hint: "pass a folder for the site, e.g. --out site")
            }
            var parentInfo = stat()
            let parent = (path as NSString).deletingLastPathComponent
            if stat(parent, &parentInfo) == 0, parentInfo.st_dev != info.st_dev || parentInfo.st_ino == info.st_ino {
                throw OutputFolderError("output folder '\(name)' is a mount point; mika will not replace it",
                                        hint: "pass a folder inside the mounted file system, e.g. --out \(name)/site")
            }
        }

        let resolved = resolvedPath(path)
        for folder in protected {
            let protectedPath = resolvedPath(folder.url.standardizedFileURL.path)
            if resolved == protectedPath {
                throw OutputFolderError("output folder '\(name)' is the \(folder.role); building into it would delete it",
                                        hint: "pass a separate folder for the site, e.g. --out site")
            }
            if isInside(protectedPath, resolved) {
                throw OutputFolderError("output folder '\(name)' contains the \(folder.role); replacing it would delete it",
                                        hint: "pass a folder beside the \(folder.role), e.g. --out site")
            }
            if folder.role == "content folder" && isInside(resolved, protectedPath) {
                throw OutputFolderError("output folder '\(name)' lies inside the content folder; the next build would read the site as content",
                                        hint: "pass a folder outside the content folder, e.g. --out site beside it")
            }
        }

        guard exists else { return }
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: path) else {
            throw OutputFolderError.system("read the output folder", name, hint: "check its permissions")
        }
        if entries.isEmpty || hasMarker(path) { return }
        let examples = entries.sorted().prefix(3).map { "'\($0)'" }.joined(separator: ", ")
        throw OutputFolderError(
            "output folder '\(name)' was not made by mika (no \(markerName) marker) and holds \(entries.count) "
                + "entr\(entries.count == 1 ? "y" : "ies"), e.g. \(examples); mika replaces only folders it built",
            hint: "pass a new or empty folder as --out; if it is a site built by an older mika, remove it once yourself")
    }

    /// True when the folder carries the marker as a regular file.
    static func hasMarker(_ folder: String) -> Bool {
        var info = stat()
        return lstat(folder + "/" + markerName, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// The real path of the longest existing prefix, with the rest appended (the output may not exist yet).
    static func resolvedPath(_ path: String) -> String {
        var existing = path
        var rest: [String] = []
        while !existing.isEmpty && existing != "/" {
            if let real = realpath(existing, nil) {
                defer { free(real) }
                let base = String(cString: real)
                return rest.isEmpty ? base : (base == "/" ? "" : base) + "/" + rest.reversed().joined(separator: "/")
            }
            rest.append((existing as NSString).lastPathComponent)
            existing = (existing as NSString).deletingLastPathComponent
        }
        return "/" + rest.reversed().joined(separator: "/")
    }

    /// True when `path` lies strictly below `folder`.
    static func isInside(_ path: String, _ folder: String) -> Bool {
        folder == "/" ? path != "/" : path.hasPrefix(folder + "/")
    }
}
