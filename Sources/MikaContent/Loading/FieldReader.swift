import Yams

/// Reads typed fields from a YAML mapping and records a diagnostic, with its line, for every bad value.
/// Call `finish(known:)` at the end to warn about keys nobody read.
final class FieldReader {
    let file: String
    /// Added to YAML line numbers: 1 for front matter after the opening `---`.
    let lineOffset: Int
    let mapping: Node.Mapping
    private(set) var diagnostics: [Diagnostic] = []
    private var entries: [String: (key: Node, value: Node)] = [:]
    /// The keys in the order written, for `finish(known:)`.
    private var names: [String] = []

    init(mapping: Node.Mapping, file: String, lineOffset: Int) {
        self.mapping = mapping
        self.file = file
        self.lineOffset = lineOffset
        entries.reserveCapacity(mapping.count)
        names.reserveCapacity(mapping.count)
        for (key, value) in mapping {
            if let name = key.string {
                entries[name] = (key, value)
                names.append(name)
            }
        }
    }

    /// Yams's default constructor, made once: `Constructor.default` builds its tables on every use (half a percent
    /// of a build). It is never changed after it is made.
    nonisolated(unsafe) private static let constructor = Constructor.default

    /// Parses YAML text into a mapping; a syntax error or a non-mapping becomes a diagnostic.
    static func parse(_ yaml: String, file: String, lineOffset: Int, what: String,
                      diagnostics: inout [Diagnostic]) -> FieldReader? {
        do {
            // The basic resolver keeps every scalar a string (typed reads happen here); the default one resolves
            // tags with regular expressions for every key and was a sixth of the load time.
            guard let node = try Yams.compose(yaml: yaml, .basic, Self.constructor, .utf8) else {
                diagnostics.append(Diagnostic(.error, id: "yaml.empty", file: file, line: lineOffset + 1,
                                              message: "\(what) is empty",
                                              hint: "add at least a 'title:' line"))
                return nil
            }
            guard let mapping = node.mapping else {
                diagnostics.append(Diagnostic(.error, id: "yaml.not-a-mapping", file: file,
                                              line: (node.mark?.line ?? 1) + lineOffset,
                                              message: "\(what) must be a mapping of 'key: value' lines",
                                              hint: "write each field as 'key: value'"))
                return nil
            }
            return FieldReader(mapping: mapping, file: file, lineOffset: lineOffset)
        } catch let error as YamlError {
            diagnostics.append(yamlDiagnostic(error, file: file, lineOffset: lineOffset, what: what))
            return nil
        } catch {
            diagnostics.append(Diagnostic(.error, id: "yaml.syntax", file: file, line: lineOffset + 1,
                                          message: "\(what) is not valid YAML: \(error)"))
            return nil
        }
    }

    static func yamlDiagnostic(_ error: YamlError, file: String, lineOffset: Int, what: String) -> Diagnostic {
        let hint = "check indentation, colons and quotes; quote values that contain ': ' or start with a special character"
        switch error {
        case let .scanner(context, problem, problemMark, yaml), let .parser(context, problem, problemMark, yaml),
             let .composer(context, problem, problemMark, yaml):
            // Problems found only at the end of the text (an unclosed bracket) point where the construct began.
            let lineCount = yaml.split(separator: "\n", omittingEmptySubsequences: true).count
            var (line, column) = (problemMark.line, problemMark.column)
            if line > lineCount {
                if let context, context.mark.line <= lineCount {
                    (line, column) = (context.mark.line, context.mark.column)
                } else {
                    (line, column) = (max(lineCount, 1), 1)
                }
            }
            let detail = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
            return Diagnostic(.error, id: "yaml.syntax", file: file, line: line + lineOffset, column: column,
                              message: "\(what) is not valid YAML: \(detail)", hint: hint)
        case let .duplicatedKeysInMapping(duplicates, context):
            return Diagnostic(.error, id: "yaml.duplicate-key", file: file,
                              line: context.mark.line + lineOffset, column: context.mark.column,
                              message: "\(what) repeats the key '\(duplicates.joined(separator: "', '"))'",
                              hint: "keep one of the entries")
        default:
            return Diagnostic(.error, id: "yaml.syntax", file: file, line: lineOffset + 1,
                              message: "\(what) is not valid YAML: \(error)", hint: hint)
        }
    }

    // MARK: Positions

    func location(of node: Node?) -> (line: Int, column: Int) {
        guard let mark = node?.mark else { return (lineOffset + 1, 1) }
        return (mark.line + lineOffset, mark.column)
    }

    func sourceLocation(of node: Node?) -> SourceLocation {
        let (line, column) = location(of: node)
        return SourceLocation(file: file, line: line, column: column)
    }

    func keyLocation(_ key: String) -> SourceLocation { sourceLocation(of: entries[key]?.key) }

    func report(_ severity: Diagnostic.Severity, _ id: String, at node: Node?, _ message: String, hint: String? = nil,
                replacingWith replacement: String? = nil) {
        let (line, column) = location(of: node)
        var diagnostic = Diagnostic(severity, id: id, file: file, line: line, column: column, message: message, hint: hint)
        // The node's text is the range a fix-it replaces (plain scalars; quoted values keep their quotes).
        if let node, let text = node.scalar?.string, node.scalar?.style == .plain {
            diagnostic.endLine = line
            diagnostic.endColumn = column + text.unicodeScalars.count
            if let replacement {
                diagnostic.fixIts = [.init(replacement: replacement, summary: "replace '\(text)' with '\(replacement)'")]
            }
        }
        diagnostics.append(diagnostic)
    }

    // MARK: Typed fields

    func append(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    func has(_ key: String) -> Bool { entries[key] != nil }

    func node(_ key: String) -> Node? { entries[key]?.value }

    /// The key itself, to point at `options:` rather than at its first item.
    func keyNode(_ key: String) -> Node? { entries[key]?.key }

    /// The first of several accepted spellings that is present (e.g. `license`, `licence`).
    func firstPresent(_ keys: [String]) -> String? { keys.first { entries[$0] != nil } }

    func string(_ key: String, required: Bool = false, what: String = "") -> String? {
        guard let value = entries[key]?.value else {
            if required {
                report(.error, "field.missing", at: nil, "\(what.isEmpty ? "" : what + " ")is missing the required field '\(key)'",
                       hint: "add a line '\(key): …'")
            }
            return nil
        }
        guard let text = scalarText(value, key: key) else { return nil }
        let trimmed = text.trimmingSpaces
        if trimmed.isEmpty || trimmed == "~" || trimmed == "null" {
            if required {
                report(.error, "field.empty", at: value, "'\(key)' must not be empty", hint: "write a value after '\(key):'")
            }
            return nil
        }
        return trimmed
    }

    /// A scalar or a list of scalars, always as a list.
    /// A web address: only `https:` and `http:` URLs reach pages and metadata (no `javascript:`, `data:` …).
    func webURL(_ key: String, required: Bool = false, what: String = "") -> String? {
        guard let text = string(key, required: required, what: what) else { return nil }
        let lowered = text.lowercased()
        guard (lowered.hasPrefix("https://") || lowered.hasPrefix("http://")) && lowered.count > 8,
              !text.unicodeScalars.contains(where: { $0.value < 0x21 || $0 == "\"" || $0 == "<" || $0 == ">" }) else {
            report(.error, "field.invalid-url", at: node(key), "'\(key)' must be an https:// or http:// address",
                   hint: "write the full web address, e.g. https://example.org/")
            return nil
        }
        return text
    }

    func stringList(_ key: String) -> [String] {
        guard let value = entries[key]?.value else { return [] }
        if let sequence = value.sequence {
            return sequence.compactMap { scalarText($0, key: key) }.map(\.trimmingSpaces).filter { !$0.isEmpty }
        }
        return scalarText(value, key: key).map { [$0.trimmingSpaces] } ?? []
    }

    func int(_ key: String, range: ClosedRange<Int>) -> Int? {
        guard let value = entries[key]?.value else { return nil }
        guard let number = value.int, range.contains(number) else {
            report(.error, "field.invalid-number", at: value,
                   "'\(key)' must be a whole number from \(range.lowerBound) to \(range.upperBound)",
                   hint: "write e.g. '\(key): \(range.upperBound / 2)'")
            return nil
        }
        return number
    }

    func bool(_ key: String) -> Bool? {
        guard let value = entries[key]?.value else { return nil }
        switch value.string?.lowercased() {
        case "true", "yes", "ja", "on": return true
        case "false", "no", "nein", "off": return false
        default:
            report(.error, "field.invalid-bool", at: value, "'\(key)' must be true or false")
            return nil
        }
    }

    /// An author-written vocabulary value; unknown values get the nearest allowed one as a hint.
    func vocabulary<Value: AuthorValue>(_ key: String, as type: Value.Type, required: Bool = false,
                                        what: String = "") -> Value? {
        guard let text = string(key, required: required, what: what) else { return nil }
        if let value = Value(authorValue: text) { return value }
        report(.error, "field.unknown-value", at: entries[key]?.value, "unknown \(key) '\(text)'",
               hint: NearMiss.hint(for: text, allowed: Value.allowedValues),
               replacingWith: NearMiss.bestMatch(for: text, in: Value.allowedValues))
        return nil
    }

    /// Values (one or a list) looked up in a vocabulary table; unknown ones are errors at their line.
    func vocabulary(_ key: String, table: [(keys: [String], concept: Concept)]) -> [VocabularyValue] {
        guard let value = entries[key]?.value else { return [] }
        let items = value.sequence.map(Array.init) ?? [value]
        var result: [VocabularyValue] = []
        for item in items {
            guard let text = scalarText(item, key: key)?.trimmingSpaces, !text.isEmpty else { continue }
            if let found = Vocabularies.lookUp(text, in: table) {
                result.append(found)
            } else {
                let allowed = Vocabularies.allowedWords(table)
                let near = NearMiss.bestMatch(for: Vocabularies.normalise(text), in: allowed)
                report(.error, "field.unknown-value", at: item, "unknown \(key) '\(text)'",
                       hint: (near.map { "did you mean '\($0)'? " } ?? "") + "Allowed: \(allowed.joined(separator: ", "))",
                       replacingWith: near)
            }
        }
        return result
    }

    func duration(_ key: String) -> LearningDuration? {
        guard let text = string(key) else { return nil }
        if let duration = LearningDuration(parsing: text) { return duration }
        report(.error, "field.invalid-duration", at: entries[key]?.value, "'\(text)' is not a duration",
               hint: "write ISO 8601 like 'PT45M' or 'PT1H30M', or '45 min', '1,5 Std.'")
        return nil
    }

    /// Authors as names, or mappings with `name`, `type` (person/organization), `id` and `url`.
    func people(_ key: String) -> [Person]? {
        guard let value = entries[key]?.value else { return nil }
        let items = value.sequence.map(Array.init) ?? [value]
        var people: [Person] = []
        for item in items {
            if let name = item.string, item.scalar != nil {
                people.append(Person(name: name.trimmingSpaces))
            } else if let mapping = item.mapping {
                let reader = FieldReader(mapping: mapping, file: file, lineOffset: lineOffset)
                let name = reader.string("name", required: true, what: "an entry of '\(key)'")
                let kind = reader.string("type").map { $0.lowercased() }
                if let kind, !["person", "organization", "organisation"].contains(kind) {
                    reader.report(.error, "field.unknown-value", at: reader.node("type"), "unknown person type '\(kind)'",
                                  hint: "use 'person' or 'organization'")
                }
                let identifier = reader.string("id")
                if let identifier, let problem = PersistentIdentifier.problem(with: identifier) {
                    reader.report(.error, "person.invalid-identifier", at: reader.node("id"), problem,
                                  hint: "copy the identifier from orcid.org, d-nb.info/gnd or ror.org as a full https URI")
                }
                let person = Person(name: name ?? "", kind: kind?.hasPrefix("organi") == true ? .organization : .person,
                                    identifier: identifier, url: reader.webURL("url"))
                reader.finish(known: ["name", "type", "id", "url"], what: "an entry of '\(key)'")
                absorb(reader)
                if name != nil { people.append(person) }
            } else {
                report(.error, "field.invalid-person", at: item, "an entry of '\(key)' must be a name or a mapping with 'name:'")
            }
        }
        return people
    }

    private func scalarText(_ node: Node, key: String) -> String? {
        if node.scalar != nil, let text = node.string { return text }
        report(.error, "field.not-text", at: node, "'\(key)' must be text, not a list or mapping",
               hint: "write '\(key): value' on one line, quoted if it contains ': '")
        return nil
    }

    /// Warns about every key not in `known`, suggesting the nearest known key.
    func finish(known: [String], what: String) {
        // The names read in `init`, in the order written (no key is there twice: Yams refuses that).
        for name in names where !known.contains(name) {
            guard let key = entries[name]?.key else { continue }
            let near = NearMiss.bestMatch(for: name, in: known)
            let hint = near.map { "did you mean '\($0)'?" } ?? "known keys: \(known.joined(separator: ", "))"
            report(.warning, "field.unknown-key", at: key, "unknown key '\(name)' in \(what)", hint: hint, replacingWith: near)
        }
    }
}
