import Foundation
import MikaLicensing
import MikaMarkdown

/// Loads `content/` into one `Site` value, collecting every problem as a diagnostic instead of stopping at the
/// first. Modules are read and rendered in parallel.
public struct ContentLoader {
    /// Where the content is read from (a folder, or files in memory).
    public var source: FileAccess
    /// How the content folder is named in diagnostics (e.g. `content`).
    public var displayPath: String
    /// Overrides `base_url` from `site.yml`.
    public var baseURL: String?

    public init(contentDirectory: URL, displayPath: String? = nil, baseURL: String? = nil) {
        self.init(source: DiskFiles(contentDirectory), displayPath: displayPath ?? contentDirectory.relativePath,
                  baseURL: baseURL)
    }

    public init(source: FileAccess, displayPath: String, baseURL: String? = nil) {
        self.source = source
        self.displayPath = displayPath
        self.baseURL = baseURL
    }

    /// The site, or nil when it could not be assembled at all; plus every diagnostic, sorted by location.
    public func load() -> (site: Site?, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var isDirectory: ObjCBool = false
        if let directory = source.directory,
           !FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) || !isDirectory.boolValue {
            return (nil, [Diagnostic(.error, id: "content.missing", file: displayPath,
                                     message: "content folder not found",
                                     hint: "run mika in the project folder or pass --content DIR")])
        }
        let files = source.scan(display: display, diagnostics: &diagnostics)
        guard let settings = loadSiteSettings(diagnostics: &diagnostics) else {
            return (nil, diagnostics.sortedByLocation())
        }
        // Paths are taken apart on bytes: splitting each of tens of thousands into strings took longer than reading
        // the site settings, while the other core had nothing to do yet.
        let courseSlugs = Set(files.compactMap { Self.courseFile($0).map { String($0.course) } }).sorted()
        if courseSlugs.isEmpty {
            diagnostics.append(Diagnostic(.warning, id: "content.no-courses", file: display("courses"),
                                          message: "the site has no courses",
                                          hint: "add courses/<slug>/course.yml and modules named NN-slug.md"))
        }

        // Module files of all courses, known before any is read so links can be checked while rendering.
        var moduleFiles: [String: (course: String, slug: String, order: Int)] = [:]
        moduleFiles.reserveCapacity(files.count)
        for path in files where path.hasSuffix(".md") {
            guard let (course, file) = Self.courseFile(path), !file.utf8.contains(UInt8(ascii: "/")) else { continue }
            let name = String(file)
            if let (order, slug) = Self.moduleName(name) {
                moduleFiles[path] = (String(course), slug, order)
            } else if let (order, stem) = Self.numberedName(name) {
                let suggestion = String(format: "%02d", order) + "-" + (stem.slugified.isEmpty ? "modul" : stem.slugified) + ".md"
                diagnostics.append(Diagnostic(.error, id: "module.file-name", file: display(path), line: 1,
                                              message: "'\(name)' cannot become a page address: its slug may hold only a-z, 0-9 and '-'",
                                              hint: "rename the file to '\(suggestion)'"))
            } else if name.lowercased() != "readme.md" && !name.hasPrefix("_") {
                diagnostics.append(Diagnostic(.warning, id: "module.file-name", file: display(path), line: 1,
                                              message: "'\(name)' is not read as a module",
                                              hint: "name module files NN-slug.md, e.g. 01-einstieg.md, with a lower-case slug"))
            }
        }

        // `git log` walks the whole history (50 ms in a small repository); it runs while the modules are read, and
        // its dates fill in what front matter and course.yml leave open afterwards.
        let gitHistory = settings.datesFromGit ? source.directory.map { directory in
            BackgroundResult { GitHistory.read(contentDirectory: directory) }
        } : nil
        let mediaLicenses = MediaLicenseReader(loader: self, files: files).read(diagnostics: &diagnostics)
        var courses: [(order: Int, course: Course)] = courseSlugs.compactMap {
            loadCourse($0, settings: settings, files: files, diagnostics: &diagnostics)
        }
        // All modules of all courses in one parallel pass.
        let courseIndex = Dictionary(uniqueKeysWithValues: courses.enumerated().map { ($1.course.slug, $0) })
        // In a fixed order, by course and number (comparing ten thousand paths took 10 ms on one core); the path
        // only breaks ties.
        let jobs = moduleFiles.compactMap { path, info in courseIndex[info.course].map { (course: $0, order: info.order, path: path) } }
            .sorted { ($0.course, $0.order, $0.path) < ($1.course, $1.order, $1.path) }
        let tools = loadTools(files: files, diagnostics: &diagnostics)
        let toolIndex = Dictionary(tools.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let contexts = courses.map {
            ModuleContext(course: $0.course, tools: toolIndex, allowRawHTML: settings.allowRawHTML, files: files,
                          moduleFiles: moduleFiles, mediaLicenses: mediaLicenses)
        }
        let results = loadModules(jobs.map { ($0.path, contexts[$0.course]) })
        var readTimes: [String: Int] = [:]
        readTimes.reserveCapacity(jobs.count)
        for (job, result) in zip(jobs, results) {
            diagnostics += result.diagnostics
            if let time = result.modified { readTimes[job.path] = time }
            if let module = result.module { courses[job.course].course.modules.append(module) }
        }
        if let git = gitHistory?.value ?? nil {
            for index in courses.indices {
                let course = courses[index].course
                courses[index].course.dates = course.dates.filled(from: git.dates(under: "courses/\(course.slug)"))
                for module in course.modules.indices {
                    let dates = course.modules[module].dates.filled(from: git.dates(of: course.modules[module].sourcePath))
                    // A module is remade only when git adds a date (content outside the history: none of them).
                    guard dates != course.modules[module].dates else { continue }
                    courses[index].course.modules[module] = course.modules[module].withDates(dates)
                }
            }
        }
        for index in courses.indices {
            courses[index].course.modules.sort { ($0.order, $0.slug) < ($1.order, $1.slug) }
            // A course without dates of its own is as old as its oldest module and as new as its newest.
            let modules = courses[index].course.modules.map(\.dates)
            courses[index].course.dates = courses[index].course.dates.filled(from: ResourceDates(
                created: modules.compactMap(\.created).min(), modified: modules.compactMap(\.latest).max()))
            checkDuplicateSlugs(courses[index].course, diagnostics: &diagnostics)
        }
        let assets = files.filter { path in
            let ext = path.fileExtension.lowercased()
            return !["md", "yml", "yaml", "license", "toml"].contains(ext)
        }.sorted()
        let site = Site(title: settings.title, description: settings.description,
                        baseURL: baseURL.map(Self.withTrailingSlash) ?? settings.baseURL,
                        language: settings.language, publisher: settings.publisher, license: settings.license ?? "",
                        authors: settings.authors, allowRawHTML: settings.allowRawHTML,
                        oaiStaticRepository: settings.oaiStaticRepository, contactEmail: settings.contactEmail,
                        courses: courses.sorted { ($0.order, $0.course.slug) < ($1.order, $1.course.slug) }.map(\.course),
                        assets: assets, mediaLicenses: mediaLicenses, licensePolicy: settings.licensePolicy,
                        licensePolicyLine: settings.licensePolicyLine)
        var complete = site
        complete.sourceDate = sourceDate(files: files, contentHasDates: site.courses.contains { $0.dates.latest != nil },
                                         known: readTimes)
        complete.allowActiveMedia = settings.allowActiveMedia
        complete.packages = settings.packages
        complete.analytics = settings.analytics
        complete.tools = tools
        complete.toolAssessmentMaxAge = settings.toolAssessmentMaxAge
        complete.cleanURLs = settings.cleanURLs
        complete.licenseLine = settings.licenseLine
        complete.metadata = settings.metadata
        complete.legalPages = settings.legalPages
        // The logo and the favicon are content files like any medium (with a licence).
        for (key, path) in [("logo", settings.logo), ("favicon", settings.favicon)] {
            guard let path, !files.contains(path) else { continue }
            diagnostics.append(Diagnostic(.error, id: "site.file-missing", file: display("site.yml"),
                                          message: "'\(key): \(path)' names no file of the content folder",
                                          hint: "put the file at \(display(path)) (with its licence), or correct the path"))
        }
        complete.logo = settings.logo.flatMap { files.contains($0) ? $0 : nil }
        complete.favicon = settings.favicon.flatMap { files.contains($0) ? $0 : nil }
        complete.diagnosticOverrides = settings.diagnosticOverrides
        complete.source = source
        return (complete, diagnostics.sortedByLocation())
    }

    /// `SOURCE_DATE_EPOCH` (reproducible-builds.org) when set; else, for content without any date, the newest
    /// modification time of its files (`known`: the times the reads already gave).
    func sourceDate(files: Set<String>, contentHasDates: Bool, known: [String: Int]) -> Date {
        // Whole seconds up to the year 9999; anything else in the variable is ignored.
        if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(Int.init),
           (0...253_402_300_799).contains(epoch) {
            return Date(timeIntervalSince1970: TimeInterval(epoch))
        }
        guard !contentHasDates else { return Date(timeIntervalSince1970: 0) }
        // On all cores: a large site has tens of thousands of files to ask.
        // Files already read (the modules) gave their times then; only the others are asked.
        let paths = Array(files.filter { known[$0] == nil })
        let chunks = max(1, min(64, paths.count / 256))
        var newestPerChunk = [Int](repeating: .min, count: chunks)
        newestPerChunk.withUnsafeMutableBufferPointer { slots in
            let slots = slots
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                var newest = Int.min
                for index in stride(from: chunk, to: paths.count, by: chunks) {
                    if let time = source.modificationTime(of: paths[index]) { newest = max(newest, time) }
                }
                slots[chunk] = newest
            }
        }
        let newest = max(newestPerChunk.max() ?? .min, known.values.max() ?? .min)
        return Date(timeIntervalSince1970: TimeInterval(newest == .min ? 0 : newest))
    }

    // MARK: Files

    func display(_ contentPath: String) -> String {
        displayPath.isEmpty ? contentPath : displayPath + "/" + contentPath
    }

    static let direntNameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!

    func read(_ contentPath: String, diagnostics: inout [Diagnostic]) -> String? {
        var modified: Int?
        return read(contentPath, diagnostics: &diagnostics, modified: &modified)
    }

    /// `read(_:diagnostics:)`, also giving the file's modification time.
    func read(_ contentPath: String, diagnostics: inout [Diagnostic], modified: inout Int?) -> String? {
        guard let (data, time) = source.contentsAndModificationTime(of: contentPath) else {
            diagnostics.append(Diagnostic(.error, id: "file.unreadable", file: display(contentPath),
                                          message: "cannot read the file", hint: "check that it exists and is readable"))
            return nil
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            diagnostics.append(Diagnostic(.error, id: "file.encoding", file: display(contentPath), line: 1,
                                          message: "the file is not UTF-8 text", hint: "save it as UTF-8"))
            return nil
        }
        modified = time
        let hasCarriageReturn = data.withUnsafeBytes { bytes in bytes.baseAddress.map { memchr($0, 13, bytes.count) != nil } ?? false }
        // A byte-order mark (Windows editors write one) is not part of the text.
        let withoutMark = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        return hasCarriageReturn ? withoutMark.replacingOccurrences(of: "\r\n", with: "\n") : withoutMark
    }

    /// `01-einstieg.md` → (1, "einstieg").
    /// `courses/<course>/<rest>` → (course, rest), on bytes; nil for other paths and for files beside the courses.
    static func courseFile(_ path: String) -> (course: Substring, rest: Substring)? {
        let prefix = "courses/".utf8
        guard path.utf8.starts(with: prefix) else { return nil }
        var rest = path.utf8.dropFirst(prefix.count)
        while rest.first == UInt8(ascii: "/") { rest = rest.dropFirst() }
        guard let slash = rest.firstIndex(of: UInt8(ascii: "/")), slash > rest.startIndex else { return nil }
        var file = rest[rest.index(after: slash)...]
        while file.first == UInt8(ascii: "/") { file = file.dropFirst() }
        guard !file.isEmpty else { return nil }
        return (Substring(rest[..<slash]), Substring(file))
    }

    static func moduleName(_ fileName: String) -> (Int, String)? {
        guard fileName.hasSuffix(".md") else { return nil }
        let stem = fileName.dropLast(3)
        guard let dash = stem.firstIndex(of: "-"), let order = Int(stem[..<dash]) else { return nil }
        let slug = String(stem[stem.index(after: dash)...])
        guard isSlug(slug) else { return nil }
        return (order, slug)
    }

    /// `03-übersicht.md` → (3, "übersicht"): a numbered Markdown file, whatever its slug.
    static func numberedName(_ fileName: String) -> (Int, String)? {
        guard fileName.hasSuffix(".md") else { return nil }
        let stem = fileName.dropLast(3)
        guard let dash = stem.firstIndex(of: "-"), let order = Int(stem[..<dash]) else { return nil }
        return (order, String(stem[stem.index(after: dash)...]))
    }

    static func isSlug(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) || ("0"..."9").contains(first) else {
            return false
        }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    static func withTrailingSlash(_ url: String) -> String { url.hasSuffix("/") ? url : url + "/" }
}
