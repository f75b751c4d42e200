import Foundation
import MikaMarkdown

/// What a module needs to know about its surroundings while it is read.
struct ModuleContext {
    var course: Course
    /// The tool catalogue by id.
    var tools: [String: Tool] = [:]
    var allowRawHTML: Bool
    var files: Set<String>
    var moduleFiles: [String: (course: String, slug: String, order: Int)]
    var mediaLicenses: [String: MediaLicense]
}

struct ModuleResult {
    var module: Module?
    var diagnostics: [Diagnostic]
    /// When the module's file last changed, as read with it.
    var modified: Int?
}

extension ContentLoader {
    static let moduleKeys = ["title", "summary", "duration", "objectives", "keywords", "license", "licence",
                             "authors", "contributors", "type", "step", "phase", "language", "date_created", "date_published",
                             "date_modified", "based_on", "tool", "deliverable"]

    /// Reads modules on all cores; results keep the order of `jobs`.
    func loadModules(_ jobs: [(path: String, context: ModuleContext)]) -> [ModuleResult] {
        var results = [ModuleResult?](repeating: nil, count: jobs.count)
        results.withUnsafeMutableBufferPointer { buffer in
            let slots = buffer  // each iteration writes only its own slot
            DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
                slots.baseAddress!.advanced(by: index).pointee = loadModule(jobs[index].path, context: jobs[index].context)
            }
        }
        return results.compactMap { $0 }
    }

    func loadModule(_ path: String, context: ModuleContext) -> ModuleResult {
        var diagnostics: [Diagnostic] = []
        var modified: Int?
        guard let text = read(path, diagnostics: &diagnostics, modified: &modified) else {
            return ModuleResult(module: nil, diagnostics: diagnostics)
        }
        var result = parseModule(path, text: text, context: context)
        result.diagnostics = diagnostics + result.diagnostics
        result.modified = modified
        return result
    }

    /// A module from its text: front matter, then the Markdown body with links, figures, quizzes and embeds.
    func parseModule(_ path: String, text: String, context: ModuleContext) -> ModuleResult {
        var diagnostics: [Diagnostic] = []
        let file = display(path)
        guard let info = context.moduleFiles[path] else { return ModuleResult(module: nil, diagnostics: diagnostics) }
        let frontMatter: FrontMatter
        switch FrontMatter.split(text) {
        case .success(let split):
            frontMatter = split
        case .failure(.missing):
            diagnostics.append(Diagnostic(.error, id: "front-matter.missing", file: file, line: 1, column: 1,
                                          message: "module has no front matter",
                                          hint: "start the file with a '---' line, 'title: …', and another '---' line"))
            return ModuleResult(module: nil, diagnostics: diagnostics)
        case .failure(.unterminated):
            diagnostics.append(Diagnostic(.error, id: "front-matter.unterminated", file: file, line: 1, column: 1,
                                          message: "front matter is not closed",
                                          hint: "end the front matter with a line of three dashes '---'"))
            return ModuleResult(module: nil, diagnostics: diagnostics)
        }
        guard let reader = FieldReader.parse(String(frontMatter.yaml), file: file, lineOffset: 1, what: "front matter",
                                             diagnostics: &diagnostics) else {
            return ModuleResult(module: nil, diagnostics: diagnostics)
        }
        let course = context.course
        let title = reader.string("title", required: true, what: "front matter")
        let type = reader.has("type") ? reader.vocabulary("type", as: ModuleType.self) : .theory
        let step = reader.vocabulary("step", as: ActionStep.self)
        let phase = resolvePhase(reader, course: course)
        let licenseKey = reader.firstPresent(["license", "licence"])
        let moduleLicense = license(from: reader) ?? (licenseKey == nil ? course.license : nil)
        // No licence at all, or an empty `license:`; an unknown or malformed one has its own error already.
        let licenseReported = reader.diagnostics.contains { $0.id == "license.unknown" || $0.id == "field.not-text" }
        if (moduleLicense ?? "").isEmpty && !licenseReported {
            reader.report(.error, "license.missing", at: licenseKey.flatMap { reader.keyNode($0) },
                          licenseKey == nil ? "module has no licence" : "'\(licenseKey!)' is empty",
                          hint: "add 'license: CC-BY-SA-4.0' here, in course.yml or in site.yml")
        }
        let dates = self.dates(from: reader)  // filled from git history once all modules are read
        let duration = reader.duration("duration")
        let summary = reader.string("summary")
        let objectives = reader.stringList("objectives")
        let keywords = reader.stringList("keywords")
        let authors = reader.people("authors") ?? course.authors
        let contributors = reader.people("contributors") ?? []
        let language = reader.string("language") ?? course.language
        let basedOn = sourceWorks(reader)
        let tool = toolFacts(reader, tools: context.tools)
        let deliverable = reader.string("deliverable")
        let licenseLine = reader.firstPresent(["license", "licence"]).map { reader.keyLocation($0).line }
        reader.finish(known: Self.moduleKeys, what: "front matter")

        // Body: parse the Markdown once; links, figures, quizzes and embeds become values and holes in the HTML.
        let lineShift = frontMatter.bodyStartLine - 1
        var quizzes: [Quiz] = []
        var bodyDiagnostics: [Diagnostic] = []
        var outline = ModuleOutline()
        var body = ModuleBody()
        let sourceLines = SourceLines(text)
        var hooks = MarkdownHooks(
            rewriteDestination: { link in
                var target: String?
                let resolved = resolve(link, from: path, lineShift: lineShift, source: sourceLines,
                                       context: context, diagnostics: &bodyDiagnostics, target: &target)
                outline.links.append(OutlineLink(
                    destination: link.destination, text: link.text, isImage: link.isImage, target: target,
                    line: link.line + lineShift, column: sourceLines.column(of: link, inLine: link.line + lineShift),
                    isDecorative: link.isExplicitlyDecorative
                        || (link.isImage && MarkdownRenderer.decorativeMarkers.contains(link.text.lowercased()))))
                guard let resolved else { return nil }
                body.links.append(resolved)
                return ModuleBody.linkHole(body.links.count - 1)
            },
            claimedFenceInfos: ["quiz", "embed", "hotspots"],
            renderFencedBlock: { block in
                if block.info.hasPrefix("hotspots") {
                    attachHotspots(block, to: &body.figures, file: file, lineShift: lineShift, source: sourceLines,
                                   diagnostics: &bodyDiagnostics)
                    return ""
                }
                if block.info.hasPrefix("embed") {
                    guard let embed = EmbedParser.parse(block.content, file: file, lineOffset: block.line + lineShift,
                                                        diagnostics: &bodyDiagnostics) else { return "" }
                    outline.embeds.append(embed)
                    return ModuleBody.blockHole("embed", outline.embeds.count - 1)
                }
                let index = quizzes.count
                let id = "\(info.course)--\(info.slug)--quiz-\(index + 1)"
                if let quiz = QuizParser.parse(block.content, id: id, file: file, lineOffset: block.line + lineShift,
                                               diagnostics: &bodyDiagnostics) {
                    quizzes.append(quiz)
                    return ModuleBody.blockHole("quiz", index)
                }
                return ""
            })
        hooks.replaceStandaloneImage = { link, destination in
            guard var figure = mediaFigure(link, destination: destination, modulePath: path, context: context,
                                           links: &body.links) else { return nil }
            figure.line = link.line + lineShift
            body.figures.append(figure)
            return ModuleBody.blockHole("figure", body.figures.count - 1)
        }
        let textHoles = MarkdownRenderer.Labels(taskDone: ModuleBody.textMarker + "task_done",
                                                taskOpen: ModuleBody.textMarker + "task_open",
                                                footnoteBack: ModuleBody.textMarker + "footnote_back",
                                                table: ModuleBody.textMarker + "table_label")
        let rendered = MarkdownRenderer(allowRawHTML: context.allowRawHTML, labels: textHoles).render(String(frontMatter.body), hooks: hooks)
        for line in Set(rendered.escapedHTMLLines).sorted() {
            bodyDiagnostics.append(Diagnostic(.warning, id: "markdown.raw-html", file: file, line: line + lineShift,
                                              message: "raw HTML is shown as text, not as markup",
                                              hint: "write it in Markdown, or set 'allow_raw_html: true' in site.yml if you trust every author"))
        }
        if type == .quiz && quizzes.isEmpty && !bodyDiagnostics.hasErrors {
            reader.report(.error, "quiz.module-without-quiz", at: reader.node("type"),
                          "a module of type quiz has no quiz block",
                          hint: "add a fenced block that starts with ```quiz, or choose another type")
        }
        diagnostics += reader.diagnostics + bodyDiagnostics
        // A module with an unknown or missing licence stays in the model (its error is reported), so that the
        // accessibility, privacy and link checks still run on it; nothing is published while an error stands.
        guard let title, let type else { return ModuleResult(module: nil, diagnostics: diagnostics) }

        let headings = rendered.headings.map { heading -> MarkdownHeading in
            var shifted = heading
            shifted.line += lineShift
            return shifted
        }
        outline.headings = headings.map { ($0.level, $0.text, $0.line) }
        outline.tables = rendered.tables.map { ($0.line + lineShift, $0.headerIsEmpty) }
        outline.steps = rendered.steps.map { ($0.line + lineShift, $0.hasText) }
        outline.rawHTML = rendered.rawHTML.map { ($0.line + lineShift, $0.html) }
        let module = Module(
            sourcePath: path, courseSlug: info.course, slug: info.slug, order: info.order, title: title,
            summary: summary, duration: duration, objectives: objectives, keywords: keywords, license: moduleLicense ?? "",
            authors: authors, type: type, step: step, phase: phase, language: language, contributors: contributors,
            dates: dates,
            firstImage: outline.links.first { $0.isImage && $0.target.map(context.files.contains) == true }?.target,
            body: ModuleBody(segments: ModuleBody.segments(of: rendered.htmlUTF8), links: body.links, figures: body.figures),
            headings: headings, quizzes: quizzes, outline: outline, basedOn: basedOn, tool: tool,
            licenseLine: licenseLine, deliverable: deliverable)
        return ModuleResult(module: module, diagnostics: diagnostics)
    }

    /// A module's `phase:` names one of the course's phases by id, or by kind when only one phase has it.
    private func resolvePhase(_ reader: FieldReader, course: Course) -> String? {
        guard let value = reader.string("phase") else { return nil }
        if let phase = course.phases.first(where: { $0.id == value }) { return phase.id }
        if let kind = PhaseKind(authorValue: value) {
            let matching = course.phases.filter { $0.kind == kind }
            if matching.count == 1 { return matching[0].id }
        }
        let ids = course.phases.map(\.id)
        reader.report(.error, "module.unknown-phase", at: reader.node("phase"),
                      "phase '\(value)' is not declared in course.yml",
                      hint: ids.isEmpty ? "declare the course's phases under 'phases:' in course.yml"
                                        : NearMiss.hint(for: value, allowed: ids))
        return nil
    }


}

extension ContentLoader {
    /// A ```` ```hotspots ```` block belongs to the image right before it (only blank lines between).
    func attachHotspots(_ block: FencedBlock, to figures: inout [Figure], file: String, lineShift: Int, source: SourceLines,
                        diagnostics: inout [Diagnostic]) {
        let fenceLine = block.line + lineShift
        // Figures are made before fenced blocks are rendered: the one nearest above the block is its image.
        let above = figures.indices.filter { figures[$0].line < fenceLine }
        guard let index = above.max(by: { figures[$0].line < figures[$1].line }), figures[index].kind == .image,
              figures[index].hotspots.isEmpty,
              ((figures[index].line + 1)..<fenceLine).allSatisfy({ source.line($0).allSatisfy(\.isWhitespace) }) else {
            diagnostics.append(Diagnostic(.error, id: "hotspots.without-image", file: file, line: fenceLine, column: 1,
                                          message: "a hotspots block must follow an image that stands alone in its paragraph",
                                          hint: "put the screenshot ![…](bild.png) on its own line directly above the block"))
            return
        }
        guard let hotspots = HotspotParser.parse(block.content, file: file, lineOffset: fenceLine, diagnostics: &diagnostics),
              !hotspots.isEmpty else { return }
        let image = figures[index].source
        guard let size = fileContents(image).flatMap(ImageSize.of) else {
            diagnostics.append(Diagnostic(.warning, id: "hotspots.unknown-size", file: file, line: fenceLine, column: 1,
                                          message: "the size of '\(image)' cannot be read, so its hotspots are not drawn",
                                          hint: "use a PNG, JPEG, GIF or an SVG with a viewBox"))
            return
        }
        for hotspot in hotspots where hotspot.x + hotspot.width > Double(size.width) || hotspot.y + hotspot.height > Double(size.height) {
            diagnostics.append(Diagnostic(.error, id: "hotspots.outside-image", file: file, line: hotspot.line, column: 1,
                                          message: "hotspot \(hotspot.number) (x \(Int(hotspot.x))–\(Int(hotspot.x + hotspot.width)), y \(Int(hotspot.y))–\(Int(hotspot.y + hotspot.height))) reaches outside the image (\(size.width) × \(size.height) pixels)",
                                          hint: "measure the rectangle in the image's own pixels"))
        }
        figures[index].hotspots = hotspots
        figures[index].pixelSize = size
    }

    /// The bytes of a content file.
    func fileContents(_ path: String) -> Data? { self.source.contents(of: path) }
}
