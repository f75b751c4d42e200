import Foundation
import MikaContent

/// Machine-readable forms of a check's findings: versioned JSON, and SARIF 2.1.0 for CI systems.
public enum CheckReport {
    public static func json(_ diagnostics: [Diagnostic]) -> String {
        JSONValue.object([
            ("version", .number(1)),
            ("tool", .string("mika")),
            ("findings", .array(diagnostics.map { diagnostic in
                .object([("rule", .string(diagnostic.id)), ("severity", .string(diagnostic.severity.rawValue)),
                         ("file", .string(diagnostic.file)), ("line", diagnostic.line.map { .number($0) }),
                         ("column", diagnostic.column.map { .number($0) }), ("message", .string(diagnostic.message)),
                         ("hint", diagnostic.hint.map(JSONValue.string)),
                         ("endLine", diagnostic.endLine.map { .number($0) }),
                         ("endColumn", diagnostic.endColumn.map { .number($0) }),
                         ("notes", diagnostic.notes.isEmpty ? nil : .array(diagnostic.notes.map { note in
                             .object([("file", .string(note.file)), ("line", note.line.map { .number($0) }),
                                      ("column", note.column.map { .number($0) }), ("message", .string(note.message))])
                         })),
                         ("fixits", diagnostic.fixIts.isEmpty ? nil : .array(diagnostic.fixIts.map { fixIt in
                             .object([("replacement", .string(fixIt.replacement)), ("summary", .string(fixIt.summary))])
                         }))])
            })),
            ("errors", .number(diagnostics.filter { $0.severity == .error }.count)),
            ("warnings", .number(diagnostics.filter { $0.severity == .warning }.count)),
        ]).text
    }

    /// A file path as a URI reference (RFC 3986; absolute paths as `file://` URIs): each byte outside the
    /// unreserved set and `/` is percent-encoded, so spaces, `#`, `?`, `%` and non-ASCII names survive.
    static func uriReference(_ path: String) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/")
        let encoded = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
        return path.hasPrefix("/") ? "file://" + encoded : encoded
    }

    /// A SARIF 2.1.0 log with one run; rules are every check's id plus the ids of content problems found.
    public static func sarif(_ diagnostics: [Diagnostic], version: String) -> String {
        let rules = DiagnosticRegistry.all
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        func location(_ file: String, _ line: Int?, _ column: Int?, endLine: Int? = nil, endColumn: Int? = nil) -> JSONValue {
            let region: [(String, JSONValue?)] = [
                ("startLine", line.map { .number($0) }), ("startColumn", column.map { .number($0) }),
                ("endLine", endLine.map { .number($0) }), ("endColumn", endColumn.map { .number($0) }),
            ]
            return .object([
                ("artifactLocation", .object(["uri": .string(Self.uriReference(file))])),
                ("region", line == nil ? nil : .object(region)),
            ])
        }
        let results: [JSONValue] = diagnostics.map { diagnostic in
            let physical = location(diagnostic.file, diagnostic.line, diagnostic.column,
                                    endLine: diagnostic.endLine, endColumn: diagnostic.endColumn)
            let related: [JSONValue] = diagnostic.notes.map { note in
                .object([("physicalLocation", location(note.file, note.line, note.column)),
                         ("message", .object(["text": .string(note.message)]))])
            }
            // A fix needs a range to replace; findings without one keep the fix-it in the message's hint.
            let fixes: [JSONValue] = diagnostic.endColumn == nil ? [] : diagnostic.fixIts.map { fixIt in
                .object([
                    ("description", .object(["text": .string(fixIt.summary)])),
                    ("artifactChanges", .array([.object([
                        ("artifactLocation", .object(["uri": .string(Self.uriReference(diagnostic.file))])),
                        ("replacements", .array([.object([
                            ("deletedRegion", .object([
                                ("startLine", diagnostic.line.map { .number($0) }), ("startColumn", diagnostic.column.map { .number($0) }),
                                ("endLine", diagnostic.endLine.map { .number($0) }), ("endColumn", diagnostic.endColumn.map { .number($0) }),
                            ])),
                            ("insertedContent", .object(["text": .string(fixIt.replacement)])),
                        ])])),
                    ])])),
                ])
            }
            return .object([
                ("ruleId", .string(diagnostic.id)),
                ("ruleIndex", ruleIndex[diagnostic.id].map { .number($0) }),
                ("level", .string(diagnostic.severity.rawValue)),
                ("message", .object(["text": .string(diagnostic.message + (diagnostic.hint.map { ". Hint: \($0)" } ?? ""))])),
                ("locations", .array([.object(["physicalLocation": physical])])),
                ("relatedLocations", related.isEmpty ? nil : .array(related)),
                ("fixes", fixes.isEmpty ? nil : .array(fixes)),
            ])
        }
        return JSONValue.object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([.object([
                ("tool", .object(["driver": .object([
                    ("name", .string("mika")),
                    ("version", .string(version)),
                    ("rules", .array(rules.map { rule in
                        .object(["id": .string(rule.id), "shortDescription": .object(["text": .string(rule.summary)]),
                                 "fullDescription": .object(["text": .string(rule.help)]),
                                 "help": .object(["text": .string(rule.help)])])
                    })),
                ])])),
                ("results", .array(results)),
                ("columnKind", .string("unicodeCodePoints")),
            ])])),
        ]).text
    }
}
