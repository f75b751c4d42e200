import ArgumentParser
import Foundation
import MikaContent
import MikaMetadata

struct Metadata: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the AMB JSON-LD of one course or module.",
        discussion: """
        RESOURCE is a module file (courses/<course>/NN-slug.md), a course folder or its course.yml, or the page
        path (kurse/<course>/ or kurse/<course>/<module>/), relative to the content folder or the working folder.
        """)

    @Option(name: .long, help: "The content folder with site.yml and courses/.")
    var content: String = "content"

    @Option(name: .customLong("base-url"), help: "Absolute URL the site is served from (overrides site.yml).")
    var baseURL: String?

    @Argument(help: "The course or module.")
    var resource: String

    func run() throws {
        let loader = ContentLoader(contentDirectory: URL(fileURLWithPath: content), baseURL: baseURL)
        let (loaded, diagnostics) = loader.load()
        let printer = DiagnosticPrinter()
        diagnostics.filter { $0.severity == .error }.forEach(printer.print)
        guard let site = loaded, !diagnostics.hasErrors else { throw ExitCode.failure }
        guard site.baseURL != nil else {
            printer.summary("metadata needs absolute URLs: set 'base_url' in site.yml or pass --base-url")
            throw ExitCode.failure
        }
        guard let description = find(resource, in: site) else {
            printer.summary("no course or module '\(resource)'; pass e.g. courses/<course>/01-slug.md or kurse/<course>/")
            throw ExitCode.failure
        }
        print(AMB.json(for: description), terminator: "")
    }

    /// Accepts content paths and page paths, with or without the content folder in front.
    private func find(_ argument: String, in site: Site) -> ResourceDescription? {
        var path = argument
        let prefix = content.hasSuffix("/") ? content : content + "/"
        if path.hasPrefix("./") { path.removeFirst(2) }
        if path.hasPrefix(prefix) { path.removeFirst(prefix.count) }
        if path.hasSuffix("/index.html") { path.removeLast("index.html".count) }
        for course in site.courses {
            let courseNames = ["courses/\(course.slug)", "courses/\(course.slug)/", course.sourcePath, course.urlPath,
                               String(course.urlPath.dropLast())]
            if courseNames.contains(path) { return ResourceDescription.course(course, site: site) }
            for module in course.modules where [module.sourcePath, module.urlPath, String(module.urlPath.dropLast())].contains(path) {
                return ResourceDescription.module(module, in: course, site: site)
            }
        }
        return nil
    }
}
