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
                         ("hint", diagnostic.hint.map(JSONValue.string))])
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
        let results: [JSONValue] = diagnostics.map { diagnostic in
            var region: [(String, JSONValue?)] = []
            if let line = diagnostic.line { region.append(("startLine", .number(line))) }
            if let column = diagnostic.column { region.append(("startColumn", .number(column))) }
            let location = JSONValue.object([
                ("artifactLocation", .object(["uri": .string(Self.uriReference(diagnostic.file))])),
                ("region", region.isEmpty ? nil : .object(region)),
            ])
            return .object([
                ("ruleId", .string(diagnostic.id)),
                ("ruleIndex", ruleIndex[diagnostic.id].map { .number($0) }),
                ("level", .string(diagnostic.severity.rawValue)),
                ("message", .object(["text": .string(diagnostic.message + (diagnostic.hint.map { ". Hint: \($0)" } ?? ""))])),
                ("locations", .array([.object(["physicalLocation": location])])),
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
