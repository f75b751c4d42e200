import Foundation
import MikaContent

/// Every course as LMS packages in `pakete/`: SCORM 1.2, SCORM 2004 4th edition and IMS Common Cartridge 1.1, as
/// `packages:` in site.yml and course.yml allow.
public struct PackagesOutput: SiteOutput {
    public static let folder = "pakete/"

    public var name: String { "Write LMS packages" }

    public init() {}

    public func artifacts(in context: OutputContext) -> [Artifact] {
        let packages = context.packages
        return context.site.courses.flatMap { course in
            let inputs = ["site.yml", course.sourcePath, "theme:templates", "theme:assets"]
                + course.modules.map(\.sourcePath) + course.modules.flatMap { $0.body.figures.map(\.source) }
            return (course.packageFormats ?? []).map { format in
                Artifact(path: Self.folder + format.fileName(course: course.slug), inputs: inputs) {
                    .data(try packages.zip(of: course, format: format))
                }
            }
        }
    }
}

/// Each package is zipped once: the course page needs its size before the packages output writes it.
public final class PackageCache: @unchecked Sendable {
    private final class Entry: @unchecked Sendable {
        let lock = NSLock()
        var result: Result<Data, Error>?
    }

    /// A course's pages rendered once (for SCORM 2004); the other formats are derived from them.
    private final class Pages: @unchecked Sendable {
        let lock = NSLock()
        var pages: [String: String]?
        /// Formats still to be zipped; the pages are dropped after the last.
        var remaining: Int
        init(remaining: Int) { self.remaining = remaining }
    }

    private let writer: PackageWriter
    private let site: Site
    private let entries: [String: Entry]
    private let rendered: [String: Pages]
    private let lock = NSLock()
    private var found: [Diagnostic] = []

    init(site: Site, theme: Theme) {
        self.site = site
        writer = PackageWriter(site: site, theme: theme)
        var entries: [String: Entry] = [:]
        var rendered: [String: Pages] = [:]
        for course in site.courses {
            for format in course.packageFormats ?? [] { entries[Self.key(course, format)] = Entry() }
            rendered[course.slug] = Pages(remaining: course.packageFormats?.count ?? 0)
        }
        self.entries = entries
        self.rendered = rendered
    }

    private static func key(_ course: Course, _ format: PackageFormat) -> String { course.slug + "/" + format.rawValue }

    /// Problems found while packaging (a package over the size limit).
    public var diagnostics: [Diagnostic] {
        lock.lock()
        defer { lock.unlock() }
        return found
    }

    public func zip(of course: Course, format: PackageFormat) throws -> Data {
        guard let entry = entries[Self.key(course, format)] else {
            return try writer.zip(of: course, format: format)
        }
        entry.lock.lock()
        defer { entry.lock.unlock() }
        if let result = entry.result { return try result.get() }
        let result = Result { try writer.zip(of: course, format: format, scorm2004Pages: pages(of: course)) }
        entry.result = result
        if case .success(let data) = result, let limit = site.packages.sizeLimit, data.count > limit {
            let location = site.packages.sizeLimitLocation
            let diagnostic = Diagnostic(
                .error, id: "packages.too-large", file: location?.file ?? "site.yml", line: location?.line,
                column: location?.column,
                message: "the \(format.displayName) package of '\(course.title)' has \(data.count) bytes, more than 'package_size_limit' allows (\(limit) bytes)",
                hint: "make its media smaller, or raise 'package_size_limit'")
            lock.lock()
            found.append(diagnostic)
            lock.unlock()
        }
        return try result.get()
    }

    /// The course's pages as rendered for SCORM 2004, made by the first format that needs them and dropped
    /// after the last.
    private func pages(of course: Course) -> [String: String]? {
        guard let shared = rendered[course.slug] else { return nil }
        shared.lock.lock()
        defer { shared.lock.unlock() }
        let pages = shared.pages ?? writer.pages(of: course, format: .scorm2004)
        shared.remaining -= 1
        shared.pages = shared.remaining > 0 ? pages : nil
        return pages
    }

    /// Sizes of a course's packages, for its page; packages that fail are left out (the packages output reports them).
    func sizes(of course: Course) -> [(format: PackageFormat, size: Int)] {
        (course.packageFormats ?? []).compactMap { format in
            (try? zip(of: course, format: format)).map { (format, $0.count) }
        }
    }
}
