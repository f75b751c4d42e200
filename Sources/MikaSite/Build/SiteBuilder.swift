import Foundation
import MikaCheck
import MikaContent
import MikaMetadata

/// Where a build reads from and writes to.
public struct BuildOptions: Sendable {
    public var contentDirectory: URL
    public var themeDirectory: URL
    public var outputDirectory: URL
    public var baseURL: String?

    public init(contentDirectory: URL, themeDirectory: URL, outputDirectory: URL, baseURL: String? = nil) {
        self.contentDirectory = contentDirectory
        self.themeDirectory = themeDirectory
        self.outputDirectory = outputDirectory
        self.baseURL = baseURL
    }
}

extension BuildOptions {
    /// The output folder of these options, guarded so that it never replaces the content or theme folder.
    public func makeOutput(displayName: String? = nil) -> OutputDirectory {
        OutputDirectory(destination: outputDirectory, displayName: displayName, protecting: [
            .init(role: "content folder", url: contentDirectory),
            .init(role: "theme folder", url: themeDirectory),
        ])
    }
}

/// What a build did: its diagnostics and how much it wrote.
public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic] = []
    public var pagesWritten = 0
    public var filesCopied = 0
    public var published = false
}

/// Builds the site in named, ordered steps: first load and check the model, then write outputs that only read
/// it, into a staging folder that replaces the output only when no step reported an error.
public struct SiteBuilder {
    public var options: BuildOptions
    /// Receives "[2/7] Load theme" lines.
    public var progress: (String) -> Void

    public init(options: BuildOptions, progress: @escaping (String) -> Void = { _ in }) {
        self.options = options
        self.progress = progress
    }

    private static let stepNames = ["Load content", "Check licences, accessibility and data protection", "Load theme", "Prepare staging folder", "Render pages and records",
                                    "Write sitemap, feed and metadata index", "Copy theme assets", "Copy content files",
                                    "Publish site"]

    public func build(into output: OutputDirectory) -> BuildReport {
        var report = BuildReport()
        var step = 0
        func begin() {
            progress("[\(step + 1)/\(Self.stepNames.count)] \(Self.stepNames[step])")
            step += 1
        }
        func fail(_ message: String, hint: String? = nil) -> BuildReport {
            report.diagnostics.append(Diagnostic(.error, id: "build.io", file: options.outputDirectory.relativePath,
                                                 message: message, hint: hint))
            output.discard()
            return report
        }

        begin()
        do { try output.validate() } catch let error as OutputFolderError {
            report.diagnostics.append(Diagnostic(.error, id: "build.output-folder", file: output.displayName,
                                                 message: error.message, hint: error.hint))
            output.discard()
            return report
        } catch {}
        let loader = ContentLoader(contentDirectory: options.contentDirectory, baseURL: options.baseURL)
        let (loadedSite, contentDiagnostics) = loader.load()
        report.diagnostics += contentDiagnostics
        begin()
        if let site = loadedSite {
            report.diagnostics += ContentChecks(site: site, contentPath: options.contentDirectory.relativePath).run()
        }
        begin()
        let theme = Theme.load(from: options.themeDirectory, displayPath: options.themeDirectory.relativePath,
                               diagnostics: &report.diagnostics)
        guard let site = loadedSite, let theme, !report.diagnostics.hasErrors else {
            output.discard()
            return report
        }

        begin()
        do { try output.prepare(onWait: { progress("      waiting for another build into \(output.displayName)/") }) }
        catch let error as OutputFolderError {
            report.diagnostics.append(Diagnostic(.error, id: "build.output-folder", file: output.displayName,
                                                 message: error.message, hint: error.hint))
            output.discard()
            return report
        } catch {
            return fail("cannot create the staging folder: \(error.localizedDescription)",
                        hint: "check that the folder containing the output is writable")
        }
        let renderer = PageRenderer(site: site, theme: theme)
        // Every course's and module's description, built once for the pages, their records and the discovery files.
        let discovery = Discovery(site: site)
        let descriptions = Dictionary(uniqueKeysWithValues: (discovery?.resources ?? []).map { ($0.path, $0) })
        do {
            begin()
            report.pagesWritten += try writePages(site: site, renderer: renderer, descriptions: descriptions, output: output)

            begin()
            if let discovery {
                try output.makeFolders(["metadata"])
                try output.writeFile(discovery.sitemap(), to: "sitemap.xml")
                try output.writeFile(discovery.robots(), to: "robots.txt")
                try output.writeFile(discovery.index(), to: "metadata/index.json")
                try output.writeFile(discovery.feed(), to: "feed.xml")
                if site.oaiStaticRepository { try output.writeFile(discovery.staticRepository(), to: "oai-pmh.xml") }
            } else {
                report.diagnostics.append(Diagnostic(
                    .warning, id: "site.no-base-url", file: options.contentDirectory.relativePath + "/site.yml",
                    message: "without 'base_url' no JSON-LD, OAI-DC, sitemap or feed is written",
                    hint: "add 'base_url: https://…/' to site.yml or pass --base-url"))
            }

            begin()
            for asset in theme.assetFiles() {
                try output.copy(theme.directory.appendingPathComponent("assets").appendingPathComponent(asset),
                                to: "assets/" + asset)
                report.filesCopied += 1
            }
            begin()
            for asset in site.assets {
                try output.copy(options.contentDirectory.appendingPathComponent(asset), to: SitePaths.asset(asset))
                report.filesCopied += 1
            }
            begin()
            try output.publish()
            report.published = true
        } catch is OutputDirectory.Cancelled {
            return fail("build interrupted", hint: "the previous site was left as it was")
        } catch let error as OutputFolderError {
            return fail(error.message, hint: error.hint)
        } catch {
            return fail("cannot write the site: \(error.localizedDescription)",
                        hint: "check free disk space and permissions; the previous site was left as it was")
        }
        return report
    }

    /// One page to render: every page is independent of the others once the model is loaded.
    private enum PageJob {
        case home, notFound, credits
        case course(Int)
        case module(course: Int, index: Int)
    }

    /// Renders and writes every page on all cores; returns the number written.
    private func writePages(site: Site, renderer: PageRenderer, descriptions: [String: ResourceDescription],
                            output: OutputDirectory) throws -> Int {
        var jobs: [PageJob] = [.home, .notFound, .credits]
        var folders: [String] = [CreditsContext.path]
        for (courseIndex, course) in site.courses.enumerated() {
            jobs.append(.course(courseIndex))
            folders.append(course.urlPath)
            for moduleIndex in course.modules.indices {
                jobs.append(.module(course: courseIndex, index: moduleIndex))
                folders.append(course.modules[moduleIndex].urlPath)
            }
        }
        try output.makeFolders(folders)
        let lock = NSLock()
        var firstError: Error?
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            let html: String, path: String
            var records: ResourceRecords?
            switch jobs[index] {
            case .home: (html, path) = (renderer.home(), "index.html")
            case .notFound: (html, path) = (renderer.notFound(), "404.html")
            case .credits: (html, path) = (renderer.credits(), CreditsContext.path + "index.html")
            case .course(let course):
                records = descriptions[site.courses[course].urlPath].map(ResourceRecords.init)
                (html, path) = (renderer.course(site.courses[course], records: records), site.courses[course].urlPath + "index.html")
            case .module(let course, let module):
                let course = site.courses[course]
                records = descriptions[course.modules[module].urlPath].map(ResourceRecords.init)
                (html, path) = (renderer.module(at: module, in: course, records: records),
                                course.modules[module].urlPath + "index.html")
            }
            do {
                try output.writeFile(html, to: path)
                if let records {
                    try output.writeFile(records.ambJSON, to: records.description.path + Discovery.jsonLDFile)
                    try output.writeFile(records.oaiDC, to: records.description.path + Discovery.oaiDCFile)
                }
            } catch {
                lock.lock()
                if firstError == nil { firstError = error }
                lock.unlock()
            }
        }
        if let firstError { throw firstError }
        return jobs.count
    }
}

/// Turns model values into HTML through the theme's templates, linking with one output's resolver; pure functions
/// of the model.
struct PageRenderer {
    var site: Site
    var theme: Theme
    var resolver: LinkResolver = WebLinkResolver()

    func home() -> String { theme.render(HomeContext(site: site, resolver: resolver), template: "home") }

    func notFound() -> String {
        let page = PageInfo(title: "Seite nicht gefunden", description: nil, language: site.language, site: site,
                            directory: "", resolver: resolver)
        return theme.render(["page": page], template: "not-found")
    }

    func credits() -> String { theme.render(CreditsContext(site: site, resolver: resolver), template: "credits") }

    func course(_ course: Course, records: ResourceRecords?) -> String {
        theme.render(CourseContext(course: course, site: site, records: records, resolver: resolver), template: "course")
    }

    func module(at index: Int, in course: Course, records: ResourceRecords?) -> String {
        let module = course.modules[index]
        let body = BodyRenderer(site: site, theme: theme, resolver: resolver).html(of: module, in: module.urlPath)
        return theme.render(ModulePageContext(module: module, index: index, course: course, site: site, body: body,
                                              records: records, resolver: resolver), template: "module")
    }
}
