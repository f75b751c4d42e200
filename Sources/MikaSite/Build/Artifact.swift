import Foundation
import MikaContent
import MikaMetadata

/// One file an output writes: where it goes, what it is made from, and how to make its bytes. Knowing the
/// inputs lets a later incremental build or `serve` redo only what an edit touches.
public struct Artifact: Sendable {
    public enum Bytes: Sendable {
        case text(String)
        /// UTF-8 text as bytes (rendered pages: turning them into a `String` would validate every byte again).
        case utf8([UInt8])
        case data(Data)

        public var data: Data {
            switch self {
            case .text(let text): return Data(text.utf8)
            case .utf8(let bytes): return Data(bytes)
            case .data(let data): return data
            }
        }
    }

    /// Path in the output, relative to its root (`kurse/k/m/index.html`).
    public var path: String
    /// What the bytes depend on: content paths (`courses/k/01-a.md`), `theme:` paths (`theme:templates/module.mustache`).
    public var inputs: [String]
    public var make: @Sendable () throws -> Bytes

    public init(path: String, inputs: [String], make: @escaping @Sendable () throws -> Bytes) {
        self.path = path
        self.inputs = inputs
        self.make = make
    }
}

/// An input an artifact needs could not be read.
public struct UnreadableInput: Error, CustomStringConvertible {
    public var path: String
    public var description: String { "cannot read '\(path)'" }
}

/// Everything an output may read: the finished model, the theme, and how pages link.
public struct OutputContext: Sendable {
    public var site: Site
    public var theme: Theme
    public var resolver: LinkResolver
    /// Descriptions of every course and module (by page path), when the site has a base URL.
    public let discovery: Discovery?
    /// Where each page path's description is in `discovery.resources` (an index, not a copy of each description:
    /// copying ten thousand of them took longer than rendering a hundred pages, on one core).
    private let descriptionIndex: [String: Int]
    /// AMB JSON a page made, kept until the records output writes it (so it is made once per resource).
    let ambJSON = Handoff<[UInt8]>()
    /// LMS packages, zipped once for the course page (its size) and the packages output.
    public let packages: PackageCache
    /// Whether this build writes LMS packages (the course page then links them).
    public var writesPackages = false

    /// Pages link to `index.html` (they work from disk, a USB stick, a zip) unless the site asks for clean links.
    public init(site: Site, theme: Theme, resolver: LinkResolver? = nil) {
        self.site = site
        self.theme = theme
        self.resolver = resolver ?? (site.cleanURLs ? WebLinkResolver() : FileLinkResolver())
        packages = PackageCache(site: site, theme: theme)
        discovery = Discovery(site: site)
        var index = [String: Int](minimumCapacity: discovery?.resources.count ?? 0)
        for (position, resource) in (discovery?.resources ?? []).enumerated() { index[resource.path] = position }
        descriptionIndex = index
    }

    /// The description of the course or module page at `path`, when the site has a base URL.
    public func description(of path: String) -> ResourceDescription? {
        guard let discovery, let index = descriptionIndex[path] else { return nil }
        return discovery.resources[index]
    }
}

/// Values one output makes and a later one takes, each once.
final class Handoff<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: Value] = [:]

    func put(_ value: Value, for key: String) {
        lock.lock()
        values[key] = value
        lock.unlock()
    }

    func take(_ key: String) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        return values.removeValue(forKey: key)
    }
}

/// A kind of output of the build (like Hugo's output formats): its name for the progress line, and the artifacts
/// it makes from the model.
public protocol SiteOutput: Sendable {
    var name: String { get }
    func artifacts(in context: OutputContext) -> [Artifact]
}

/// Takes finished artifacts: the staging folder with its atomic swap, or memory (tests, `serve`).
public protocol ArtifactSink: AnyObject, Sendable {
    /// Writes one artifact's bytes, making the folders its path needs.
    func write(_ bytes: Artifact.Bytes, to relativePath: String) throws
}

/// Artifacts kept in memory, path → bytes.
public final class MemorySink: ArtifactSink, @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String: Data] = [:]

    public init() {}

    public var files: [String: Data] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }

    public func write(_ bytes: Artifact.Bytes, to relativePath: String) throws {
        let data = bytes.data
        lock.lock()
        storage[relativePath] = data
        lock.unlock()
    }
}

extension OutputDirectory: ArtifactSink {
    public func write(_ bytes: Artifact.Bytes, to relativePath: String) throws {
        switch bytes {
        case .text(var text): try text.withUTF8 { try writeFile($0, to: relativePath) }
        case .utf8(let bytes): try bytes.withUnsafeBufferPointer { try writeFile($0, to: relativePath) }
        case .data(let data): try write(data, to: relativePath)
        }
    }
}

extension ArtifactSink {
    /// Makes and writes artifacts on all cores; returns how many were written. The first error stops the rest.
    public func write(_ artifacts: [Artifact]) throws -> Int {
        try write(artifacts, starting: { _ in }).reduce(0) { $0 + ($1 ? 1 : 0) }
    }

    /// Makes and writes artifacts on all cores, calling `starting` (serialised) with each index as its making
    /// begins; returns which were written. The first error stops the rest.
    public func write(_ artifacts: [Artifact], starting: (Int) -> Void) throws -> [Bool] {
        let lock = NSLock()
        var firstError: Error?
        var written = Array(repeating: false, count: artifacts.count)
        DispatchQueue.concurrentPerform(iterations: artifacts.count) { index in
            lock.lock()
            let stop = firstError != nil
            if !stop { starting(index) }
            lock.unlock()
            guard !stop else { return }
            do {
                try write(try artifacts[index].make(), to: artifacts[index].path)
                lock.lock()
                written[index] = true
                lock.unlock()
            } catch {
                lock.lock()
                if firstError == nil { firstError = error }
                lock.unlock()
            }
        }
        if let firstError { throw firstError }
        return written
    }
}
