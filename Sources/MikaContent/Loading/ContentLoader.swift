import Foundation
import MikaLicensing
import MikaMarkdown

/// Loads `content/` into one `Site` value, collecting every problem as a diagnostic instead of stopping at the
/// first. Modules are read and rendered in parallel.
public struct ContentLoader {
    public var contentDirectory: URL
    /// How the content folder is named in diagnostics (e.g. `content`).
    public var displayPath: String
    /// Overrides `base_url` from `site.yml`.
    public var baseURL: String?

    public init(contentDirectory: URL, displayPath: String? = nil, baseURL: String? = nil) {
        self.contentDirectory = contentDirectory.standardizedFileURL
        self.displayPath = displayPath ?? contentDirectory.relativePath
        self.baseURL = baseURL
    }

    /// The site, or nil when it could not be assembled at all; plus every diagnostic, sorted by location.
    public func load() -> (site: Site?, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: contentDirectory.path, isDirectory: &isDirectory),
              isDirectory.boolValue else {
            return (nil, [Diagnostic(.error, id: "content.missing", file: displayPath,
                                     message: "content folder not found",
                                     hint: "run mika in the project folder or pass --content DIR")])
        }
        let files = scanFiles(diagnostics: &diagnostics)
        guard let settings = loadSiteSettings(diagnostics: &diagnostics) else {
            return (nil, diagnostics.sortedByLocation())
        }
        let courseSlugs = Set(files.compactMap { path -> String? in
            let parts = path.split(separator: "/")
            return parts.count >= 3 && parts[0] == "courses" ? String(parts[1]) : nil
        }).sorted()
        if courseSlugs.isEmpty {
            diagnostics.append(Diagnostic(.warning, id: "content.no-courses", file: display("courses"),
                                          message: "the site has no courses",
                                          hint: "add courses/<slug>/course.yml and modules named NN-slug.md"))
        }

        // Module files of all courses, known before any is read so links can be checked while rendering.
        var moduleFiles: [String: (course: String, slug: String, order: Int)] = [:]
        for path in files where path.hasPrefix("courses/") && path.hasSuffix(".md") {
            let parts = path.split(separator: "/")
            guard parts.count == 3 else { continue }
            let name = String(parts[2])
            if let (order, slug) = Self.moduleName(name) {
                moduleFiles[path] = (String(parts[1]), slug, order)
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

        let git = settings.datesFromGit ? GitHistory.read(contentDirectory: contentDirectory) : nil
        let mediaLicenses = MediaLicenseReader(loader: self, files: files).read(diagnostics: &diagnostics)
        var courses: [(order: Int, course: Course)] = courseSlugs.compactMap {
            loadCourse($0, settings: settings, files: files, git: git, diagnostics: &diagnostics)
        }
        // All modules of all courses in one parallel pass.
        let courseIndex = Dictionary(uniqueKeysWithValues: courses.enumerated().map { ($1.course.slug, $0) })
        let jobs = moduleFiles.compactMap { path, info in courseIndex[info.course].map { (course: $0, path: path) } }
            .sorted { $0.path < $1.path }
        let contexts = courses.map {
            ModuleContext(course: $0.course, allowRawHTML: settings.allowRawHTML, files: files, moduleFiles: moduleFiles,
                          git: git, mediaLicenses: mediaLicenses)
        }
        let results = loadModules(jobs.map { ($0.path, contexts[$0.course]) })
        for (job, result) in zip(jobs, results) {
            diagnostics += result.diagnostics
            if let module = result.module { courses[job.course].course.modules.append(module) }
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
            let ext = (path as NSString).pathExtension.lowercased()
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
        complete.sourceDate = sourceDate(files: files, contentHasDates: site.courses.contains { $0.dates.latest != nil })
        complete.allowActiveMedia = settings.allowActiveMedia
        complete.contentDirectory = contentDirectory
        return (complete, diagnostics.sortedByLocation())
    }

    /// `SOURCE_DATE_EPOCH` (reproducible-builds.org) when set; else, for content without any date, the newest
    /// modification time of its files.
    func sourceDate(files: Set<String>, contentHasDates: Bool) -> Date {
        if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(TimeInterval.init) {
            return Date(timeIntervalSince1970: epoch)
        }
        guard !contentHasDates else { return Date(timeIntervalSince1970: 0) }
        var newest = 0
        for path in files {
            var info = stat()
            if stat(contentDirectory.path + "/" + path, &info) == 0 { newest = max(newest, info.st_mtim.tv_sec) }
        }
        return Date(timeIntervalSince1970: TimeInterval(newest))
    }

    // MARK: Files

    func display(_ contentPath: String) -> String {
        displayPath.isEmpty ? contentPath : displayPath + "/" + contentPath
    }

    /// Every regular, non-hidden file under the content folder, as a relative path (readdir with d_type;
    /// URL resource values cost a second per 10,000 files). Symbolic links are followed only while they stay inside
    /// the content folder, and a folder reached twice (a link loop) is read once; both are reported.
    func scanFiles(diagnostics: inout [Diagnostic]) -> Set<String> {
        var result = Set<String>()
        let rootPath = contentDirectory.path
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
                let name = String(cString: (UnsafeRawPointer(entry) + Self.direntNameOffset).assumingMemoryBound(to: CChar.self))
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

    static let direntNameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!

    func read(_ contentPath: String, diagnostics: inout [Diagnostic]) -> String? {
        guard let data = FileManager.default.contents(atPath: contentDirectory.path + "/" + contentPath) else {
            diagnostics.append(Diagnostic(.error, id: "file.unreadable", file: display(contentPath),
                                          message: "cannot read the file", hint: "check that it exists and is readable"))
            return nil
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            diagnostics.append(Diagnostic(.error, id: "file.encoding", file: display(contentPath), line: 1,
                                          message: "the file is not UTF-8 text", hint: "save it as UTF-8"))
            return nil
        }
        let hasCarriageReturn = data.withUnsafeBytes { bytes in bytes.baseAddress.map { memchr($0, 13, bytes.count) != nil } ?? false }
        // A byte-order mark (Windows editors write one) is not part of the text.
        let withoutMark = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        return hasCarriageReturn ? withoutMark.replacingOccurrences(of: "\r\n", with: "\n") : withoutMark
    }

    /// `01-einstieg.md` → (1, "einstieg").
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
