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
        let descriptions = context.descriptions
        let ambJSON = context.ambJSON
        let packages = context.packages
        // Package sizes are shown only when the packages output runs.
        let showsPackages = context.writesPackages
        /// The records of a page's resource; its AMB JSON is handed on to the records output.
        @Sendable func records(_ path: String) -> ResourceRecords? {
            guard let records = descriptions[path].map(ResourceRecords.init) else { return nil }
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
                // Previous and next modules lend their titles; figures their licences.
                let neighbours = [index - 1, index + 1].filter(course.modules.indices.contains).map { course.modules[$0].sourcePath }
                let media = module.body.figures.map(\.source)
                artifacts.append(Artifact(path: module.urlPath + "index.html",
                                          inputs: courseInputs + [module.sourcePath] + neighbours + media) {
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
        let sources = Dictionary(uniqueKeysWithValues: context.site.courses.flatMap { course in
            [(course.urlPath, [course.sourcePath])] + course.modules.map { ($0.urlPath, [course.sourcePath, $0.sourcePath]) }
        })
        let ambJSON = context.ambJSON
        var artifacts: [Artifact] = []
        artifacts.reserveCapacity(discovery.resources.count * 3)
        for description in discovery.resources {
            let inputs = ["site.yml"] + (sources[description.path] ?? [])
            // The three closures share one boxed description instead of copying its thirty fields each.
            let shared = SharedDescription(description)
            artifacts += [
                Artifact(path: description.path + Discovery.jsonLDFile, inputs: inputs) {
                    .utf8(ambJSON.take(shared.value.path) ?? AMB.jsonUTF8(for: shared.value))
                },
                Artifact(path: description.path + Discovery.oaiDCFile, inputs: inputs) {
                    .utf8(OAIDC.recordUTF8(DublinCore(shared.value)))
                },
                Artifact(path: description.path + Discovery.lomFile, inputs: inputs) {
                    .utf8(shared.value.lom.documentUTF8(.ieee))
                },
            ]
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
