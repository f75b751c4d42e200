import Foundation
import MikaContent
import MikaMetadata

/// Links inside an LMS package: relative, page folders name their `index.html`, and only what the package holds.
/// A link to anything else (another course, the home page) points to the public site, or nowhere without one.
struct PackageLinkResolver: LinkResolver {
    var format: PackageFormat
    /// Site paths the package holds: page folders (`kurse/k/m/`) and files.
    var contents: Set<String>
    var baseURL: String?

    var package: PackageFormat? { format }

    func reaches(_ target: String) -> Bool { contents.contains(target) }

    func url(of target: String, from directory: String) -> String {
        guard reaches(target) else { return baseURL.map { $0 + target } ?? "#" }
        return FileLinkResolver().url(of: target, from: directory)
    }
}

/// What one course's package holds, in site paths, before a manifest describes it: every page, the media each page
/// uses, the theme's styles and scripts, and the course's licence page. Built from the model alone.
struct CoursePackage {
    struct Page {
        /// Site folder of the page (`kurse/k/m/`); the file is its `index.html`.
        var folder: String
        var title: String
        /// Site paths of the files the page needs besides itself and the shared files.
        var files: [String]
        var module: Module?
        var phase: Phase?
        var href: String { folder + "index.html" }
    }

    /// A phase with its pages, or (id nil) the modules of no phase.
    struct Group {
        var phase: Phase?
        var pages: [Page]
    }

    var course: Course
    var format: PackageFormat
    var groups: [Group]
    /// Styles, scripts and the licence page, which every page uses.
    var sharedFiles: [String]
    /// Site path → content path of every medium in the package.
    var media: [String: String]
    var resolver: PackageLinkResolver

    static let phaseFolder = "_phasen/"

    init(course: Course, format: PackageFormat, site: Site) {
        self.course = course
        self.format = format
        let assetPaths = Dictionary(site.assets.map { (SitePaths.asset($0), $0) }, uniquingKeysWith: { first, _ in first })
        var media: [String: String] = [:]
        func page(for module: Module) -> Page {
            var files: [String] = []
            for link in module.body.links where !link.target.hasSuffix("/") {
                if let content = assetPaths[link.target], !files.contains(link.target) {
                    files.append(link.target)
                    media[link.target] = content
                }
            }
            return Page(folder: module.urlPath, title: module.title, files: files.sorted(), module: module, phase: nil)
        }
        var groups: [Group] = course.phases.map { phase in
            let modules = course.modules.filter { $0.phase == phase.id }
            if modules.isEmpty {
                // A phase without modules (a workshop) is a short page of its own.
                return Group(phase: phase, pages: [Page(folder: course.urlPath + Self.phaseFolder + phase.id + "/",
                                                        title: phase.title, files: [], module: nil, phase: phase)])
            }
            return Group(phase: phase, pages: modules.map(page))
        }
        let phaseIDs = Set(course.phases.map(\.id))
        let unphased = course.modules.filter { $0.phase.map { !phaseIDs.contains($0) } ?? true }
        if !unphased.isEmpty { groups.append(Group(phase: nil, pages: unphased.map(page))) }
        self.groups = groups
        self.media = media

        var shared = ["assets/mika.css", "assets/print.css", CreditsContext.path + "index.html"]
        if course.modules.contains(where: { !$0.quizzes.isEmpty }) { shared.append("assets/quiz.js") }
        if course.modules.contains(where: { !$0.outline.embeds.isEmpty }) { shared.append("assets/embed.js") }
        if course.modules.contains(where: { $0.type == .toolguide }) { shared.append("assets/guide.js") }
        if format != .cc { shared.append("assets/scorm.js") }
        if site.analytics != nil && site.baseURL != nil { shared.append("assets/beacon.js") }
        sharedFiles = shared.sorted()

        var contents = Set(media.keys)
        contents.insert(CreditsContext.path)
        for group in groups { for page in group.pages { contents.insert(page.folder) } }
        resolver = PackageLinkResolver(format: format, contents: contents, baseURL: site.baseURL)
    }

    var pages: [Page] { groups.flatMap(\.pages) }

    /// Identifiers in manifests are XML names: letters, digits, `-`, `_`, `.`; they start with a letter.
    static func xmlID(_ prefix: String, _ name: String) -> String {
        let cleaned = String(name.unicodeScalars.map { scalar -> Character in
            let allowed = (scalar.value < 0x80) && (CharacterSet.alphanumerics.contains(scalar) || "-_.".unicodeScalars.contains(scalar))
            return allowed ? Character(scalar) : "_"
        })
        return prefix + "-" + cleaned
    }
}

/// A file of a finished package: its path inside the zip and its bytes.
struct PackageFile {
    var path: String
    var bytes: Data
}

/// Builds the files of a course package (pages rendered for the package, media, theme files, manifest) and zips
/// them. Errors are values: a missing input fails the package, and the build reports it.
struct PackageWriter {
    var site: Site
    var theme: Theme

    /// The pages of a course's package in one format, page path → HTML.
    func pages(of course: Course, format: PackageFormat) -> [String: String] {
        let package = CoursePackage(course: course, format: format, site: site)
        let renderer = PageRenderer(site: site, theme: theme, resolver: package.resolver)
        var pages: [String: String] = [:]
        for page in package.pages {
            if let module = page.module, let index = course.modules.firstIndex(where: { $0.slug == module.slug }) {
                pages[page.href] = renderer.module(at: index, in: course, records: nil)
            } else if let phase = page.phase {
                pages[page.href] = renderer.phase(phase, in: course, folder: page.folder)
            }
        }
        return pages
    }

    /// The pages in `format`, derived from the SCORM 2004 rendering where they differ only in the lines the
    /// package format sets (the runtime's meta tag and script); rendered anew when a theme writes those otherwise.
    func pages(of course: Course, format: PackageFormat, from scorm2004: [String: String]) -> [String: String] {
        if format == .scorm2004 { return scorm2004 }
        let meta = "<meta name=\"mika:package\" content=\"scorm2004\">\n"
        var derived: [String: String] = [:]
        for (path, html) in scorm2004 {
            let folder = (path as NSString).deletingLastPathComponent
            let script = "<script src=\"\(SitePaths.relative(from: folder + "/", to: "assets/scorm.js"))\" defer></script>\n"
            var edits: [(String, String)] = [(meta, format == .scorm12 ? "<meta name=\"mika:package\" content=\"scorm12\">\n" : "")]
            if format == .cc { edits += [(script, ""), ("<meta name=\"mika:mastery\" content=\"", "")] }
            var result = Array(html.utf8)
            for (old, new) in edits {
                guard let edited = Self.replacingOnce(Array(old.utf8), with: Array(new.utf8), in: result,
                                                      throughLineEnd: old.hasSuffix("\"")) else {
                    if old.hasPrefix("<meta name=\"mika:mastery\"") { continue }  // pages without a quiz have none
                    return pages(of: course, format: format)
                }
                result = edited
            }
            derived[path] = String(decoding: result, as: UTF8.self)
        }
        return derived
    }

    /// `text` with the one occurrence of `old` (through the end of its line, if asked) replaced; nil when `old`
    /// occurs not exactly once.
    static func replacingOnce(_ old: [UInt8], with new: [UInt8], in text: [UInt8], throughLineEnd: Bool = false) -> [UInt8]? {
        func find(_ start: Int) -> Int? {
            guard let head = old.first, text.count - start >= old.count else { return nil }
            return text.withUnsafeBufferPointer { haystack in
                var index = start
                let last = haystack.count - old.count
                while index <= last {
                    if haystack[index] == head && old.indices.allSatisfy({ haystack[index + $0] == old[$0] }) { return index }
                    index += 1
                }
                return nil
            }
        }
        guard let first = find(0), find(first + 1) == nil else { return nil }
        var end = first + old.count
        if throughLineEnd {
            guard let newline = text[end...].firstIndex(of: 0x0A) else { return nil }
            end = newline + 1
        }
        return Array(text[..<first]) + new + Array(text[end...])
    }

    func files(of course: Course, format: PackageFormat, scorm2004Pages: [String: String]? = nil) throws -> [PackageFile] {
        let package = CoursePackage(course: course, format: format, site: site)
        let renderer = PageRenderer(site: site, theme: theme, resolver: package.resolver)
        let rendered = scorm2004Pages.map { pages(of: course, format: format, from: $0) } ?? pages(of: course, format: format)
        var files = rendered.map { PackageFile(path: $0.key, bytes: Data($0.value.utf8)) }
        files.append(PackageFile(path: CreditsContext.path + "index.html", bytes: Data(renderer.credits(course: course).utf8)))
        for asset in package.sharedFiles where asset.hasPrefix("assets/") {
            let name = String(asset.dropFirst("assets/".count))
            guard let data = theme.assetContents(name) else { throw UnreadableInput(path: "theme assets/" + name) }
            files.append(PackageFile(path: asset, bytes: data))
        }
        for (sitePath, contentPath) in package.media.sorted(by: { $0.key < $1.key }) {
            guard let data = site.source?.contents(of: contentPath) else { throw UnreadableInput(path: contentPath) }
            files.append(PackageFile(path: sitePath, bytes: data))
        }
        let description = ResourceDescription.course(course, site: site) ?? ResourceDescription.local(course, site: site)
        let modules = Dictionary(course.modules.map { module in
            (module.slug, ResourceDescription.module(module, in: course, site: site) ?? ResourceDescription.local(module, in: course, site: site))
        }, uniquingKeysWith: { first, _ in first })
        let manifest = Manifest(package: package, course: description, modules: modules)
        switch format {
        case .scorm12: files.append(PackageFile(path: "imsmanifest.xml", bytes: Data(manifest.scorm12().utf8)))
        case .scorm2004: files.append(PackageFile(path: "imsmanifest.xml", bytes: Data(manifest.scorm2004().utf8)))
        case .cc:
            for (module, quiz) in package.quizzes {
                files.append(PackageFile(path: Manifest.qtiPath(quiz), bytes: Data(QTI.assessment(quiz, language: module.language).utf8)))
            }
            files.append(PackageFile(path: "imsmanifest.xml", bytes: Data(manifest.commonCartridge().utf8)))
        }
        return files.sorted { $0.path < $1.path }
    }

    /// The zip file of a course's package, entries in path order with one fixed date.
    func zip(of course: Course, format: PackageFormat, scorm2004Pages: [String: String]? = nil) throws -> Data {
        try ZipSink.archive(files(of: course, format: format, scorm2004Pages: scorm2004Pages).map { ($0.path, $0.bytes) },
                            date: packageDate(course))
    }

    /// `SOURCE_DATE_EPOCH` when set, else the newest date the course states, else the content's newest change.
    func packageDate(_ course: Course) -> Date {
        if ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] != nil { return site.sourceDate }
        let days = ([course.dates.latest] + course.modules.map(\.dates.latest)).compactMap { $0 }
        if let newest = days.max() {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let parts = newest.split(separator: "-").compactMap { Int($0) }
            if parts.count == 3, let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 12)) {
                return date
            }
        }
        return site.sourceDate
    }
}

extension CoursePackage {
    /// Every quiz of the course with its module, in course order.
    var quizzes: [(Module, Quiz)] {
        pages.compactMap(\.module).flatMap { module in module.quizzes.map { (module, $0) } }
    }
}

extension ResourceDescription {
    /// A description for a site without base URL: identifiers are the package-local page paths.
    static func local(_ course: Course, site: Site) -> ResourceDescription {
        var copy = site
        copy.baseURL = "urn:mika:"
        return ResourceDescription.course(course, site: copy)!
    }

    static func local(_ module: Module, in course: Course, site: Site) -> ResourceDescription {
        var copy = site
        copy.baseURL = "urn:mika:"
        return ResourceDescription.module(module, in: course, site: copy)!
    }
}
