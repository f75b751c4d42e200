import Foundation
import MikaContent
import MikaMetadata

/// What `mika build` writes, in order. Each output is one build step (`[5/10] Render pages`).
public enum SiteOutputs {
    public static let standard: [SiteOutput] = [
        PagesOutput(), RecordsOutput(), DiscoveryOutput(), ModelOutput(), BeaconOutput(), ThemeAssetsOutput(), ContentFilesOutput(),
        PackagesOutput(),
    ]
}

/// Every HTML page: home, 404, licences, courses and modules.
public struct PagesOutput: SiteOutput {
    public var name: String { "Render pages" }

    public init() {}

    public func artifacts(in context: OutputContext) -> [Artifact] {
        let site = context.site
        let renderer = PageRenderer(site: site, theme: context.theme, resolver: context.resolver)
        let ambJSON = context.ambJSON
        let packages = context.packages
        // Package sizes are shown only when the packages output runs.
        let showsPackages = context.writesPackages
        /// The records of a page's resource; its AMB JSON is handed on to the records output.
        @Sendable func records(_ path: String) -> ResourceRecords? {
            guard let records = context.description(of: path).map(ResourceRecords.init) else { return nil }
            ambJSON.put(records.ambJSON, for: path)
            return records
        }
        let templates = "theme:templates"
        let everyModule = site.courses.flatMap { $0.modules.map(\.sourcePath) }
        var artifacts = [
            Artifact(path: "index.html", inputs: ["site.yml", templates] + site.courses.map(\.sourcePath)) {
                .text(renderer.home())
            },
            Artifact(path: "404.html", inputs: ["site.yml", templates]) { .text(renderer.notFound()) },
            Artifact(path: CreditsContext.path + "index.html", inputs: ["site.yml", templates] + everyModule + site.assets) {
                .text(renderer.credits())
            },
        ]
        for legal in site.legalPages where legal.url == nil {
            artifacts.append(Artifact(path: legal.kind.path + "index.html", inputs: ["site.yml", templates]) {
                .text(renderer.legal(legal))
            })
        }
        if !site.tools.isEmpty {
            let toolFiles = site.tools.map(\.sourcePath)
            artifacts.append(Artifact(path: SitePaths.toolCatalogue + "index.html", inputs: ["site.yml", templates] + toolFiles) {
                .text(renderer.toolCatalogue())
            })
            for tool in site.tools {
                artifacts.append(Artifact(path: tool.urlPath + "index.html", inputs: ["site.yml", templates, tool.sourcePath] + everyModule) {
                    .text(renderer.tool(tool))
                })
            }
        }
        for course in site.courses {
            let courseInputs = ["site.yml", course.sourcePath, templates]
            artifacts.append(Artifact(path: course.urlPath + "index.html",
                                      inputs: courseInputs + course.modules.map(\.sourcePath)) {
                .text(renderer.course(course, records: records(course.urlPath),
                                      packages: showsPackages ? packages.sizes(of: course) : []))
            })
            for (index, module) in course.modules.enumerated() {
                // Previous and next modules lend their titles; figures their licences. (One list, made once: joining
                // lists made five for each of ten thousand pages while the pool waited.)
                var inputs = courseInputs
                inputs.reserveCapacity(courseInputs.count + 3 + module.body.figures.count)
                inputs.append(module.sourcePath)
                if index > 0 { inputs.append(course.modules[index - 1].sourcePath) }
                if index + 1 < course.modules.count { inputs.append(course.modules[index + 1].sourcePath) }
                for figure in module.body.figures { inputs.append(figure.source) }
                artifacts.append(Artifact(path: module.urlPath + "index.html", inputs: inputs) {
                    .utf8(renderer.moduleUTF8(at: index, in: course, records: records(module.urlPath)))
                })
            }
        }
        return artifacts
    }
}

/// The AMB JSON-LD, the OAI-DC record and the LOM record beside each course and module page.
public struct RecordsOutput: SiteOutput {
    public var name: String { "Write metadata records" }

    public init() {}

    public func artifacts(in context: OutputContext) -> [Artifact] {
        guard let discovery = context.discovery else { return [] }
        // The files each description is made from, in the order of `discovery.resources` (each course, then its
        // modules): found by walking the courses, not by a dictionary of ten thousand page paths.
        var sources: [[String]] = []
        sources.reserveCapacity(discovery.resources.count)
        for course in context.site.courses {
            sources.append(["site.yml", course.sourcePath])
            for module in course.modules { sources.append(["site.yml", course.sourcePath, module.sourcePath]) }
        }
        assert(sources.count == discovery.resources.count, "Discovery lists each course, then its modules")
        let ambJSON = context.ambJSON
        var artifacts: [Artifact] = []
        artifacts.reserveCapacity(discovery.resources.count * 3)
        for (description, inputs) in zip(discovery.resources, sources) {
            // The three closures share one boxed description instead of copying its thirty fields each.
            let shared = SharedDescription(description)
            artifacts.append(Artifact(path: description.path + Discovery.jsonLDFile, inputs: inputs) {
                .utf8(ambJSON.take(shared.value.path) ?? AMB.jsonUTF8(for: shared.value))
            })
            artifacts.append(Artifact(path: description.path + Discovery.oaiDCFile, inputs: inputs) {
                .utf8(OAIDC.recordUTF8(DublinCore(shared.value)))
            })
            artifacts.append(Artifact(path: description.path + Discovery.lomFile, inputs: inputs) {
                .utf8(shared.value.lom.documentUTF8(.ieee))
            })
        }
        return artifacts
    }

    private final class SharedDescription: Sendable {
        let value: ResourceDescription
        init(_ value: ResourceDescription) { self.value = value }
    }
}

/// Sitemap, robots.txt, metadata index, Atom feed and the OAI-PMH static repository (only with a base URL).
public struct DiscoveryOutput: SiteOutput {
    public var name: String { "Write sitemap, feed and metadata index" }

    public init() {}

    public func artifacts(in context: OutputContext) -> [Artifact] {
        guard let discovery = context.discovery else { return [] }
        let inputs = ["site.yml"] + context.site.courses.flatMap { [$0.sourcePath] + $0.modules.map(\.sourcePath) }
        var artifacts = [
            Artifact(path: "sitemap.xml", inputs: inputs) { .text(discovery.sitemap()) },
            Artifact(path: "robots.txt", inputs: ["site.yml"]) { .text(discovery.robots()) },
            Artifact(path: "metadata/index.json", inputs: inputs) { .text(discovery.index()) },
            Artifact(path: "feed.xml", inputs: inputs) { .text(discovery.feed()) },
        ]
        if context.site.oaiStaticRepository {
            artifacts.append(Artifact(path: "oai-pmh.xml", inputs: inputs) { .text(discovery.staticRepository()) })
        }
        return artifacts
    }
}

/// The theme's static files under `assets/`.
public struct ThemeAssetsOutput: SiteOutput {
    public var name: String { "Copy theme assets" }

    public init() {}

    public func artifacts(in context: OutputContext) -> [Artifact] {
        let theme = context.theme
        return theme.assetFiles().map { asset in
            Artifact(path: "assets/" + asset, inputs: ["theme:assets/" + asset]) {
                guard let data = theme.assetContents(asset) else { throw UnreadableInput(path: "theme assets/" + asset) }
                return .data(data)
            }
        }
    }
}

/// Media and other files of the content, copied as they are.
public struct ContentFilesOutput: SiteOutput {
    public var name: String { "Copy content files" }

    public init() {}

    public func artifacts(in context: OutputContext) -> [Artifact] {
        guard let source = context.site.source else { return [] }
        return context.site.assets.map { asset in
            Artifact(path: SitePaths.asset(asset), inputs: [asset]) {
                guard let data = source.contents(of: asset) else { throw UnreadableInput(path: asset) }
                return .data(data)
            }
        }
    }
}
