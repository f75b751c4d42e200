import Foundation
import MikaCheck
import MikaContent
import MikaMetadata

/// Where a build reads from and writes to.
public struct BuildOptions: Sendable {
    public var contentDirectory: URL
    /// Where the content is read from; the content folder on disk unless set (e.g. files in memory).
    public var contentSource: FileAccess
    /// How the content is named in diagnostics.
    public var contentDisplayPath: String
    /// The project's theme folder, overriding the built-in theme file by file; nil for the built-in theme alone.
    public var themeDirectory: URL?
    public var outputDirectory: URL
    public var baseURL: String?
    /// Warnings count as errors: nothing is published while there is one.
    public var strict = false

    public init(contentDirectory: URL, themeDirectory: URL?, outputDirectory: URL, baseURL: String? = nil) {
        self.contentDirectory = contentDirectory
        contentSource = DiskFiles(contentDirectory)
        contentDisplayPath = contentDirectory.relativePath
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
        ] + (themeDirectory.map { [.init(role: "theme folder", url: $0)] } ?? []))
    }
}

/// What a build did: its diagnostics and how much it wrote.
public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic] = []
    public var pagesWritten = 0
    public var filesCopied = 0
    public var published = false
}

/// Builds the site in named, ordered steps: first load and check the model, then run the outputs, which only
/// read it, into a staging folder that replaces the output only when no step reported an error.
public struct SiteBuilder {
    public var options: BuildOptions
    /// What the build writes, in order; each output is one step.
    public var outputs: [SiteOutput]
    /// Receives "[2/7] Load theme" lines.
    public var progress: (String) -> Void
    /// For a command that exits after one build: the model and the artifacts are left to the end of the process
    /// rather than taken apart object by object (tens of thousands of modules took 40 ms to free, on one core,
    /// after the work).
    public var keepsModelUntilExit = false

    public init(options: BuildOptions, outputs: [SiteOutput] = SiteOutputs.standard,
                progress: @escaping (String) -> Void = { _ in }) {
        self.options = options
        self.outputs = outputs
        self.progress = progress
    }

    private var stepNames: [String] {
        ["Load content", "Check licences, accessibility and data protection", "Load theme", "Prepare staging folder"]
            + outputs.map(\.name) + ["Publish site"]
    }

    public func build(into output: OutputDirectory) -> BuildReport {
        var report = BuildReport()
        let names = stepNames
        var step = 0
        func begin() {
            progress("[\(step + 1)/\(names.count)] \(names[step])")
            step += 1
        }
        func fail(_ message: String, hint: String? = nil) -> BuildReport {
            report.diagnostics.append(Diagnostic(.error, id: "build.io", file: output.displayName,
                                                 message: message, hint: hint))
            output.discard()
            return report
        }
        func refuse(_ error: OutputFolderError) -> BuildReport {
            report.diagnostics.append(Diagnostic(.error, id: "build.output-folder", file: output.displayName,
                                                 message: error.message, hint: error.hint))
            output.discard()
            return report
        }

        begin()
        do { try output.validate() } catch let error as OutputFolderError { return refuse(error) } catch {}
        guard let (site, theme) = loadModel(into: &report, nextStep: begin) else {
            output.discard()
            return report
        }

        begin()
        do { try output.prepare(onWait: { progress("      waiting for another build into \(output.displayName)/") }) }
        catch let error as OutputFolderError { return refuse(error) }
        catch {
            return fail("cannot create the staging folder: \(error.localizedDescription)",
                        hint: "check that the folder containing the output is writable")
        }
        do {
            let context = makeContext(site: site, theme: theme)
            if keepsModelUntilExit { KeptUntilExit.keep(context) }
            try run(context, into: output, report: &report, nextStep: begin)
            guard !report.diagnostics.hasErrors else {
                output.discard()
                return report
            }
            begin()
            try output.publish()
            report.published = true
        } catch is OutputDirectory.Cancelled {
            return fail("build interrupted", hint: "the previous site was left as it was")
        } catch let error as OutputFolderError {
            return fail(error.message, hint: error.hint)
        } catch {
            return fail("cannot write the site: \(error)",
                        hint: "check free disk space and permissions; the previous site was left as it was")
        }
        return report
    }

    /// Builds into memory (tests, `serve`): the same steps without a folder; nil when a step reported an error.
    public func build(into sink: MemorySink) -> BuildReport {
        var report = BuildReport()
        guard let (site, theme) = loadModel(into: &report, nextStep: {}) else { return report }
        do {
            let context = makeContext(site: site, theme: theme)
            try run(context, into: sink, report: &report, nextStep: {})
            report.published = !report.diagnostics.hasErrors
        } catch {
            report.diagnostics.append(Diagnostic(.error, id: "build.io", file: "memory", message: "\(error)"))
        }
        return report
    }

    /// One course's LMS package (`mika package`): the same model and checks as a build; nil data on any error.
    public func package(course slug: String, format: PackageFormat) -> (data: Data?, fileName: String, report: BuildReport) {
        var report = BuildReport()
        let fileName = format.fileName(course: slug)
        guard let (site, theme) = loadModel(into: &report, nextStep: {}) else { return (nil, fileName, report) }
        guard let course = site.courses.first(where: { $0.slug == slug }) else {
            let known = site.courses.map(\.slug)
            report.diagnostics.append(Diagnostic(
                .error, id: "packages.unknown-course", file: options.contentDisplayPath + "/courses",
                message: "there is no course '\(slug)'",
                hint: NearMiss.bestMatch(for: slug, in: known).map { "did you mean '\($0)'?" }
                    ?? "name a folder of courses/: \(known.joined(separator: ", "))"))
            return (nil, fileName, report)
        }
        let cache = PackageCache(site: site, theme: theme)
        do {
            let data = try cache.zip(of: course, format: format)
            let policy = DiagnosticPolicy(strict: options.strict, overrides: site.diagnosticOverrides)
            report.diagnostics += DiagnosticEngine(policy: policy).process(cache.diagnostics)
            return (report.diagnostics.hasErrors ? nil : data, fileName, report)
        } catch {
            report.diagnostics.append(Diagnostic(.error, id: "build.io", file: options.contentDisplayPath,
                                                 message: "cannot make the package: \(error)"))
            return (nil, fileName, report)
        }
    }

    /// What the outputs read; the course page links packages only when this build writes them.
    private func makeContext(site: Site, theme: Theme) -> OutputContext {
        var context = OutputContext(site: site, theme: theme)
        context.writesPackages = outputs.contains { $0 is PackagesOutput }
        return context
    }

    /// Loads and checks the content and loads the theme: the model every output reads. Nil on any error.
    private func loadModel(into report: inout BuildReport, nextStep: () -> Void) -> (Site, Theme)? {
        // The theme does not depend on the content: it is read and compiled meanwhile.
        let themeDirectory = options.themeDirectory
        let loadingTheme = BackgroundResult { () -> (Theme?, [Diagnostic]) in
            var diagnostics: [Diagnostic] = []
            let theme = Theme.load(from: themeDirectory, displayPath: themeDirectory?.relativePath ?? "", diagnostics: &diagnostics)
            return (theme, diagnostics)
        }
        let loader = ContentLoader(source: options.contentSource, displayPath: options.contentDisplayPath,
                                   baseURL: options.baseURL)
        let (loadedSite, contentDiagnostics) = loader.load()
        report.diagnostics += contentDiagnostics
        nextStep()
        if let site = loadedSite {
            report.diagnostics += ContentChecks(site: site, contentPath: options.contentDisplayPath).run()
        }
        nextStep()
        let (theme, themeDiagnostics) = loadingTheme.value
        report.diagnostics += themeDiagnostics
        if let site = loadedSite, site.baseURL == nil {
            report.diagnostics.append(Diagnostic(
                .warning, id: "site.no-base-url", file: options.contentDisplayPath + "/site.yml",
                message: "without 'base_url' no JSON-LD, OAI-DC, sitemap or feed is written",
                hint: "add 'base_url: https://…/' to site.yml or pass --base-url"))
        }
        let policy = DiagnosticPolicy(strict: options.strict, overrides: loadedSite?.diagnosticOverrides ?? [:])
        report.diagnostics = DiagnosticEngine(policy: policy).process(report.diagnostics)
        guard let site = loadedSite, let theme, !report.diagnostics.hasErrors else { return nil }
        return (site, theme)
    }

    /// Every output, each one step; counts pages (HTML) and copied files. The artifacts of all outputs are made in
    /// one pool, those with the most inputs first (the sitemap, the course model, the licences page and the course
    /// pages each take many times longer than a module page; started last, one of them kept a core busy while the
    /// other had nothing left to do). A step is announced when as many artifacts have begun as all steps before it
    /// and its own first one hold, so the steps still appear in order and in step with the work.
    private func run(_ context: OutputContext, into sink: ArtifactSink, report: inout BuildReport,
                     nextStep: () -> Void) throws {
        // The outputs list their artifacts side by side (listing tens of thousands takes a while).
        var lists = [[Artifact]](repeating: [], count: outputs.count)
        let outputs = outputs
        lists.withUnsafeMutableBufferPointer { slots in
            let slots = slots
            DispatchQueue.concurrentPerform(iterations: outputs.count) { slots[$0] = outputs[$0].artifacts(in: context) }
        }
        // When two outputs write the same path (a content file named like a generated one), the later output's file
        // is kept, as when outputs ran one after another; the earlier one is not made, and counts as written when the
        // later one is.
        var kept = [[Artifact]](repeating: [], count: outputs.count)
        var replaced = [[String]](repeating: [], count: outputs.count)
        // The last output that writes each path, found with one hash of the path per artifact.
        var writer = [String: Int](minimumCapacity: lists.reduce(0) { $0 + $1.count })
        for output in outputs.indices.reversed() {
            kept[output].reserveCapacity(lists[output].count)
            for artifact in lists[output] {
                if let later = writer.updateValue(output, forKey: artifact.path), later > output {
                    writer[artifact.path] = later
                    replaced[output].append(artifact.path)
                } else {
                    kept[output].append(artifact)
                }
            }
        }
        // All artifacts in one list, and the output of each (one copy of each artifact, not a list of pairs).
        var jobs: [Artifact] = []
        var outputOfJob: [Int] = []
        jobs.reserveCapacity(kept.reduce(0) { $0 + $1.count })
        outputOfJob.reserveCapacity(jobs.capacity)
        for (output, artifacts) in kept.enumerated() {
            jobs += artifacts
            outputOfJob += repeatElement(output, count: artifacts.count)
        }
        // Sorted by a plain list of counts: comparing through the artifacts retained their input lists each time.
        let inputCounts = jobs.map { $0.inputs.count }
        let order = jobs.indices.sorted { first, second in
            let (a, b) = (inputCounts[first], inputCounts[second])
            return a > b || a == b && first < second
        }
        // Step k is announced when more artifacts have begun than the steps before it hold.
        var before = 0
        let startsAfter = kept.map { artifacts in defer { before += artifacts.count }; return before }
        var announced = 0
        var started = 0
        let ordered = order.map { jobs[$0] }
        // The artifacts' closures hold descriptions and contexts; freeing forty thousand took 10 ms on one core
        // after the work was done.
        if keepsModelUntilExit { KeptUntilExit.keep((lists, kept, jobs, ordered)) }
        let written = try sink.write(ordered) { _ in
            started += 1
            while announced < outputs.count && startsAfter[announced] < started {
                nextStep()
                announced += 1
            }
        }
        while announced < outputs.count {
            nextStep()
            announced += 1
        }
        var counts = Array(repeating: 0, count: outputs.count)
        for (position, index) in order.enumerated() where written[position] { counts[outputOfJob[index]] += 1 }
        if replaced.contains(where: { !$0.isEmpty }) {
            let writtenPaths = Set(order.indices.filter { written[$0] }.map { jobs[order[$0]].path })
            for (output, paths) in replaced.enumerated() { counts[output] += paths.filter(writtenPaths.contains).count }
        }
        for (output, count) in zip(outputs, counts) {
            if output is PagesOutput {
                report.pagesWritten += count
            } else if output is ThemeAssetsOutput || output is ContentFilesOutput {
                report.filesCopied += count
            }
        }
        // Findings of the outputs (a package over its size limit) pass the same engine as the content's.
        let found = context.packages.diagnostics
        if !found.isEmpty {
            let policy = DiagnosticPolicy(strict: options.strict, overrides: context.site.diagnosticOverrides)
            report.diagnostics += DiagnosticEngine(policy: policy).process(found)
        }
    }
}

/// Turns model values into HTML through the theme's templates, linking with one output's resolver; pure functions
/// of the model. A class: each artifact's closure holds a reference, not a copy of the whole site.
final class PageRenderer: Sendable {
    let site: Site
    let theme: Theme
    let resolver: LinkResolver
    /// Course outlines, rendered once per course for all its module pages.
    let outlines: CourseOutlines

    init(site: Site, theme: Theme, resolver: LinkResolver = WebLinkResolver()) {
        self.site = site
        self.theme = theme
        self.resolver = resolver
        outlines = CourseOutlines(theme: theme, resolver: resolver)
    }

    func home() -> String {
        theme.render(HomeContext(site: site, resolver: resolver, t: theme.strings(for: site.language)), template: "home",
                     language: site.language)
    }

    /// The 404 page, which a web server shows at any depth (`/kurse/a/b/gibt-es-nicht/`): its links start at the
    /// site's path (from `base_url`, else the server root) and its styles are inside the page.
    func notFound() -> String {
        let t = theme.strings(for: site.language)
        let page = PageInfo(title: t.text("not_found_title"), description: nil, language: site.language, site: site,
                            directory: "", resolver: resolver, t: t)
        let basePath = site.baseURL.flatMap { URLComponents(string: $0)?.path }.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? "/"
        func link(_ target: String) -> String { basePath + resolver.url(of: target, from: "").replacingOccurrences(of: "./", with: "") }
        page.root = basePath
        page.home = link("")
        page.credits = link(CreditsContext.path)
        page.legalLinks = site.legalPages.map { legal in
            NavLink(title: t.text("legal_" + legal.kind.rawValue), url: legal.url ?? link(legal.kind.path))
        }
        page.logo = site.logo.map { link(SitePaths.asset($0)) }
        page.favicon = site.favicon.map { link(SitePaths.asset($0)) }
        page.metadataHead = nil  // no feed or records for a page that is not there
        page.toolsLink = site.tools.isEmpty ? nil : link(SitePaths.toolCatalogue)
        page.beacon = nil  // nor is there a page to report
        page.scripts = []
        page.inlineStyle = theme.assetContents("mika.css").map { String(decoding: $0, as: UTF8.self) }
        let courses = site.courses.map { NavLink(title: $0.title, url: link($0.urlPath)) }
        return theme.render(NotFoundContext(page: page, courses: courses), template: "not-found", language: site.language)
    }

    func credits() -> String {
        theme.render(CreditsContext(site: site, resolver: resolver, t: theme.strings(for: site.language)), template: "credits",
                     language: site.language)
    }

    /// A tool of the catalogue (`werkzeuge/<id>/`).
    func tool(_ tool: Tool) -> String {
        theme.render(ToolPageContext(tool: tool, site: site, resolver: resolver, t: theme.strings(for: site.language)),
                     template: "tool", language: site.language)
    }

    /// The tool catalogue (`werkzeuge/`).
    func toolCatalogue() -> String {
        theme.render(ToolCatalogueContext(site: site, resolver: resolver, t: theme.strings(for: site.language)),
                     template: "tools", language: site.language)
    }

    /// Impressum, Datenschutzerklärung or Erklärung zur Barrierefreiheit.
    func legal(_ legal: LegalPage) -> String {
        theme.render(LegalPageContext(legal, site: site, resolver: resolver, t: theme.strings(for: site.language)),
                     template: "legal", language: site.language)
    }

    /// The licences page of one course (inside its LMS packages).
    func credits(course: Course) -> String {
        theme.render(CreditsContext(site: site, course: course, resolver: resolver, t: theme.strings(for: course.language)),
                     template: "credits", language: course.language)
    }

    /// A short page for a phase without modules (a workshop) inside an LMS package.
    func phase(_ phase: Phase, in course: Course, folder: String) -> String {
        theme.render(PhasePageContext(phase: phase, course: course, site: site, folder: folder, resolver: resolver,
                                      t: theme.strings(for: course.language)), template: "phase", language: course.language)
    }

    func course(_ course: Course, records: ResourceRecords?, packages: [(format: PackageFormat, size: Int)] = []) -> String {
        theme.render(CourseContext(course: course, site: site, records: records, resolver: resolver,
                                   t: theme.strings(for: course.language), packages: packages),
                     template: "course", language: course.language)
    }

    func module(at index: Int, in course: Course, records: ResourceRecords?) -> String {
        String(decoding: moduleUTF8(at: index, in: course, records: records), as: UTF8.self)
    }

    func moduleUTF8(at index: Int, in course: Course, records: ResourceRecords?) -> [UInt8] {
        let module = course.modules[index]
        let t = theme.strings(for: module.language)
        let body = PageHTML(bytes: BodyRenderer(site: site, theme: theme, resolver: resolver, t: t).utf8(of: module, in: module.urlPath))
        let outline = resolver.package == nil
            ? outlines.html(course: course, current: index, t: t, language: module.language) : nil
        return theme.renderUTF8(ModulePageContext(module: module, index: index, course: course, site: site, body: body,
                                              records: records, resolver: resolver, t: t, outlineHTML: outline),
                            template: "module", language: module.language)
    }
}

/// Values held until the process ends (see `SiteBuilder.keepsModelUntilExit`).
private enum KeptUntilExit {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var values: [Any] = []

    static func keep(_ value: Any) {
        lock.lock()
        values.append(value)
        lock.unlock()
    }
}
