import Foundation

/// A problem found in the content, reported like a compiler: file, line, column, message and a hint.
///
/// Lines and columns are 1-based; columns count Unicode scalars (so `ä` is one column).
public struct Diagnostic: Hashable, Sendable, Codable {
    public enum Severity: String, Sendable, Codable, Comparable {
        case error, warning, note

        private var rank: Int { self == .error ? 2 : self == .warning ? 1 : 0 }
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public var severity: Severity
    /// A stable rule identifier such as `front-matter.unknown-key` (all of them in `DiagnosticRegistry`).
    public var id: String
    /// The file, as a path relative to the working directory or absolute.
    public var file: String
    public var line: Int?
    public var column: Int?
    /// Where the offending text ends (same line unless set), for editors and SARIF regions.
    public var endLine: Int?
    public var endColumn: Int?
    /// A short headline without a full stop.
    public var message: String
    /// What the author can do about it, as a verb phrase.
    public var hint: String?
    /// Other places that belong to this finding (where an inherited value was set, the files a rule affects).
    public var notes: [Note] = []
    /// Edits that would fix it.
    public var fixIts: [FixIt] = []

    public struct Note: Hashable, Sendable, Codable {
        public var file: String
        public var line: Int?
        public var column: Int?
        public var message: String

        public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
            self.file = file
            self.line = line
            self.column = column
            self.message = message
        }
    }

    /// Replace the diagnostic's range (line, column … endColumn) with `replacement`.
    public struct FixIt: Hashable, Sendable, Codable {
        public var replacement: String
        public var summary: String

        public init(replacement: String, summary: String) {
            self.replacement = replacement
            self.summary = summary
        }
    }

    public init(_ severity: Severity, id: String, file: String, line: Int? = nil, column: Int? = nil,
                message: String, hint: String? = nil) {
        assert(DiagnosticRegistry.kind(id) != nil, "diagnostic id '\(id)' is missing from DiagnosticRegistry")
        self.severity = severity
        self.id = id
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    /// `file:line:column: severity: message`, an indented `hint:` line, `note:` lines at their own places and
    /// `fixit:` lines. Control characters from file names or content (an escape sequence could retitle or rewrite
    /// the terminal) are shown escaped.
    public var formatted: String {
        var text = "\(Self.location(file, line, column)): \(severity.rawValue): \(message.terminalSafe) [\(id)]"
        if let hint { text += "\n    hint: \(hint.terminalSafe)" }
        for fixIt in fixIts { text += "\n    fixit: \(fixIt.summary.terminalSafe)" }
        for note in notes { text += "\n\(Self.location(note.file, note.line, note.column)): note: \(note.message.terminalSafe)" }
        return text
    }

    private static func location(_ file: String, _ line: Int?, _ column: Int?) -> String {
        var location = file.terminalSafe
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        return location
    }
}

extension String {
    /// C0 and C1 control characters (but line feed and tab) and DEL as `\u{1B}`-style escapes; other text unchanged.
    public var terminalSafe: String {
        func isControl(_ scalar: Unicode.Scalar) -> Bool {
            (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
        }
        guard unicodeScalars.contains(where: isControl) else { return self }
        var result = ""
        for scalar in unicodeScalars {
            if isControl(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by file, then line and column, for stable output.
    public func sortedByLocation() -> [Diagnostic] {
        sorted {
            ($0.file, $0.line ?? 0, $0.column ?? 0, $0.message) < ($1.file, $1.line ?? 0, $1.column ?? 0, $1.message)
        }
    }
}

/// Where a value came from: a file and a position in it.
public struct SourceLocation: Hashable, Sendable, Codable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
    }
}
