import Foundation
import MikaLicensing
import MikaMarkdown
import Yams

extension ContentLoader {
    static let sourceWorkKeys = ["title", "author", "license", "source", "changes"]
    static let toolKeys = ["name", "url", "cost", "login", "data_protection"]

    /// `based_on:` — the works a module adapts, each with title, author, licence, source and changes.
    func sourceWorks(_ reader: FieldReader) -> [SourceWork] {
        guard let node = reader.node("based_on") else { return [] }
        let items = node.sequence.map(Array.init) ?? [node]
        var works: [SourceWork] = []
        for item in items {
            guard let mapping = item.mapping else {
                reader.report(.error, "license.based-on-syntax", at: item, "an entry of 'based_on' must be a mapping",
                              hint: "give 'title:', 'author:', 'license:' and 'source:' for each work")
                continue
            }
            let workReader = FieldReader(mapping: mapping, file: reader.file, lineOffset: reader.lineOffset)
            let title = workReader.string("title", required: true, what: "a 'based_on' work")
            let spdx = license(from: workReader)
            if !workReader.has("license") {
                workReader.report(.error, "field.missing", at: nil, "a 'based_on' work needs its 'license'",
                                  hint: "add 'license: CC-BY-SA-4.0' (SPDX id) for the work")
            }
            let work = Attribution(title: title ?? "", author: workReader.string("author"), license: spdx,
                                   source: workReader.string("source"), changes: workReader.string("changes"))
            workReader.finish(known: Self.sourceWorkKeys, what: "a 'based_on' work")
            let line = workReader.location(of: item).line
            reader.absorb(workReader)
            if title != nil { works.append(SourceWork(attribution: work, line: line)) }
        }
        return works
    }

    /// `tool: <id>` — the catalogue entry of the tool a click-guide explains; the inline map of earlier versions
    /// (`tool: {name: …, url: …}`) still works, with a warning that says how to move it.
    func toolFacts(_ reader: FieldReader, tools: [String: Tool]) -> ToolFacts? {
        guard let node = reader.node("tool") else { return nil }
        let line = reader.keyLocation("tool").line
        if node.scalar != nil, let id = reader.string("tool") {
            if let tool = tools[id] { return tool.facts(line: line) }
            reader.report(.error, "tool.unknown", at: node, "no tool '\(id)' in the catalogue",
                          hint: tools.isEmpty ? "describe it in content/tools/\(id.slugified)/tool.yml"
                              : NearMiss.hint(for: id, allowed: tools.keys.sorted()),
                          replacingWith: NearMiss.bestMatch(for: id, in: tools.keys.sorted()))
            return nil
        }
        guard let mapping = node.mapping else {
            reader.report(.error, "tool.syntax", at: node, "'tool' must name a tool of content/tools/",
                          hint: "write 'tool: obs-studio' for content/tools/obs-studio/tool.yml")
            return nil
        }
        let toolReader = FieldReader(mapping: mapping, file: reader.file, lineOffset: reader.lineOffset)
        let name = toolReader.string("name", required: true, what: "'tool'") ?? ""
        let facts = ToolFacts(name: name, url: toolReader.webURL("url"), cost: toolReader.string("cost"),
                              login: toolReader.string("login"), dataProtection: toolReader.string("data_protection"),
                              line: line)
        toolReader.finish(known: Self.toolKeys, what: "'tool'")
        reader.absorb(toolReader)
        let id = name.slugified.isEmpty ? "werkzeug" : name.slugified
        reader.report(.warning, "tool.inline-facts", at: reader.keyNode("tool"),
                      "the facts of '\(name)' are written into this module",
                      hint: "move them to content/tools/\(id)/tool.yml (name, url, cost, account, data_location, data_protection, …) and write 'tool: \(id)', so that every guide and the catalogue share them")
        return facts
    }

    public static let videoExtensions: Set<String> = ["mp4", "webm", "ogv", "m4v"]

    /// An image alone in its paragraph becomes a figure with its TULLU notice; a video becomes a `<video>` with
    /// its captions file (`name.vtt` beside it). `destination` is the image's link hole.
    func mediaFigure(_ link: MarkdownLink, destination: String, modulePath: String, context: ModuleContext,
                     links: inout [BodyLink]) -> Figure? {
        guard destination.hasPrefix(ModuleBody.linkMarker),
              let linkIndex = Int(destination.dropFirst(ModuleBody.linkMarker.count)),
              let target = Self.normalise((modulePath.lastIndex(of: "/").map { String(modulePath[..<$0]) } ?? "") + "/"
                                          + (link.destination.removingPercentEncoding ?? link.destination)),
              context.files.contains(target) else { return nil }
        let ext = target.fileExtension.lowercased()
        if Self.videoExtensions.contains(ext) {
            let captions = String(target.dropLast(ext.count)) + "vtt"
            var captionsLink: Int?
            if context.files.contains(captions) {
                links.append(BodyLink(target: SitePaths.asset(captions)))
                captionsLink = links.count - 1
            }
            return Figure(kind: .video, source: target, link: linkIndex, text: link.text, captionsLink: captionsLink)
        }
        let decorative = MarkdownRenderer.decorativeMarkers.contains(link.text.lowercased())
        return Figure(kind: .image, source: target, link: linkIndex, text: decorative ? "" : link.text)
    }
}

/// ```embed blocks: `url`, `title`, `provider`. Rendered as a two-click placeholder: nothing is requested from the
/// provider until the reader presses the button.
enum EmbedParser {
    static func parse(_ yaml: String, file: String, lineOffset: Int, diagnostics: inout [Diagnostic]) -> Embed? {
        guard let reader = FieldReader.parse(yaml, file: file, lineOffset: lineOffset, what: "embed block",
                                             diagnostics: &diagnostics) else { return nil }
        defer { diagnostics += reader.diagnostics }
        let url = reader.string("url", required: true, what: "an embed block")
        let title = reader.string("title", required: true, what: "an embed block")
        let provider = reader.string("provider", required: true, what: "an embed block")
        reader.finish(known: ["url", "title", "provider"], what: "the embed block")
        if let url, !url.hasPrefix("https://") {
            reader.report(.error, "embed.insecure-url", at: reader.node("url"), "an embed must be loaded over https",
                          hint: "use the https address of the player")
            return nil
        }
        guard let url, let title, let provider else { return nil }
        return Embed(url: url, title: title, provider: provider, line: lineOffset)
    }
}
