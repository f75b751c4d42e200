import Foundation
import Yams

extension ContentLoader {
    static let toolFileKeys = ["name", "url", "purpose", "categories", "cost", "account", "data_location", "provider",
                               "provider_country", "data_protection", "accessibility", "offline", "self_hosting", "license",
                               "licence", "steps", "logo"]
    static let assessmentKeys = ["assessment", "note", "date"]
    /// Facts every tool should state; a missing one is a warning that names them all.
    static let expectedToolFacts = ["url", "purpose", "cost", "account", "data_location", "provider_country",
                                    "data_protection", "accessibility", "license", "steps"]

    /// The tool catalogue: `tools/<id>.yml` or `tools/<id>/tool.yml` (with its logo and screenshots beside it).
    func loadTools(files: Set<String>, diagnostics: inout [Diagnostic]) -> [Tool] {
        var tools: [Tool] = []
        for path in files.filter({ $0.hasPrefix("tools/") }).sorted() {
            let parts = path.split(separator: "/").map(String.init)
            let id: String
            if parts.count == 2, parts[1].hasSuffix(".yml") || parts[1].hasSuffix(".yaml") {
                id = String(parts[1].prefix { $0 != "." })
            } else if parts.count == 3, parts[2] == "tool.yml" || parts[2] == "tool.yaml" {
                id = parts[1]
            } else {
                continue
            }
            guard Self.isSlug(id) else {
                diagnostics.append(Diagnostic(.error, id: "tool.file-name", file: display(path), line: 1,
                                              message: "'\(id)' cannot become a page address: a tool id may hold only a-z, 0-9 and '-'",
                                              hint: "rename it to '\(id.slugified)'"))
                continue
            }
            guard let text = read(path, diagnostics: &diagnostics),
                  let reader = FieldReader.parse(text, file: display(path), lineOffset: 0, what: "a tool file",
                                                 diagnostics: &diagnostics) else { continue }
            defer { diagnostics += reader.diagnostics }
            guard let name = reader.string("name", required: true, what: "the tool file") else { continue }
            var tool = Tool(id: id, sourcePath: path, name: name)
            tool.url = reader.webURL("url")
            tool.purpose = reader.string("purpose")
            tool.categories = reader.stringList("categories").map { $0.slugified }.filter { !$0.isEmpty }
            tool.cost = reader.vocabulary("cost", as: Tool.Cost.self)
            if let node = reader.node("account") {
                switch node.string?.lowercased() {
                case "true", "yes", "ja": tool.accountNeeded = true
                case "false", "no", "nein": tool.accountNeeded = false
                default:
                    tool.accountNeeded = true
                    tool.accountNote = reader.string("account")
                }
            }
            tool.dataLocation = reader.vocabulary("data_location", as: Tool.DataLocation.self)
            tool.provider = reader.string("provider")
            tool.providerCountry = reader.string("provider_country")
            tool.accessibility = reader.string("accessibility")
            tool.offline = reader.bool("offline")
            tool.selfHosting = reader.bool("self_hosting")
            tool.license = license(from: reader)
            tool.steps = reader.stringList("steps").compactMap { text in
                if let step = ActionStep(authorValue: text) { return step }
                reader.report(.error, "field.unknown-value", at: reader.node("steps"), "unknown step '\(text)'",
                              hint: NearMiss.hint(for: text, allowed: ActionStep.allowedValues))
                return nil
            }
            if let logo = reader.string("logo") {
                let folder = parts.count == 3 ? "tools/\(id)/" : "tools/"
                let target = Self.normalise(folder + logo) ?? logo
                if files.contains(target) {
                    tool.logo = target
                } else {
                    reader.report(.error, "tool.file-missing", at: reader.node("logo"), "the logo '\(logo)' is not in \(display(folder))",
                                  hint: "put the file beside the tool file (with its licence), or remove 'logo:'")
                }
            }
            tool.assessment = assessment(reader)
            let missing = Self.expectedToolFacts.filter { !reader.has($0) && !(($0 == "license") && reader.has("licence")) }
            if !missing.isEmpty {
                diagnostics.append(Diagnostic(.warning, id: "tool.missing-fact", file: display(path), line: 1, column: 1,
                                              message: "the tool '\(name)' does not state: \(missing.joined(separator: ", "))",
                                              hint: "add \(missing.map { "'\($0):'" }.joined(separator: ", ")) so that trainers can judge the tool (see README, Tools)"))
            }
            reader.finish(known: Self.toolFileKeys, what: "the tool file")
            tools.append(tool)
        }
        return tools.sorted { ($0.name.lowercased(), $0.id) < ($1.name.lowercased(), $1.id) }
    }

    /// `data_protection: {assessment: geeignet|eingeschränkt|ungeeignet, note: …, date: YYYY-MM-DD}`.
    func assessment(_ reader: FieldReader) -> Tool.Assessment? {
        guard let node = reader.node("data_protection") else { return nil }
        guard let mapping = node.mapping else {
            reader.report(.error, "tool.syntax", at: node, "'data_protection' must be a mapping",
                          hint: "write 'data_protection: {assessment: geeignet, note: …, date: 2026-11-20}'")
            return nil
        }
        let inner = FieldReader(mapping: mapping, file: reader.file, lineOffset: reader.lineOffset)
        defer { reader.absorb(inner) }
        let rating = inner.vocabulary("assessment", as: Tool.Rating.self, required: true, what: "'data_protection'")
        let note = inner.string("note")
        let date = date(inner, "date")
        inner.finish(known: Self.assessmentKeys, what: "'data_protection'")
        return rating.map { Tool.Assessment(rating: $0, note: note, date: date, line: reader.keyLocation("data_protection").line) }
    }
}
