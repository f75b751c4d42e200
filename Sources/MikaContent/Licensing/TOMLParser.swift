/// A TOML 1.0 parser for `REUSE.toml`: a recursive-descent reader of the whole grammar REUSE files use (key/value
/// pairs with bare, quoted and dotted keys; basic, literal and multi-line strings with every escape; arrays over
/// several lines with comments and trailing commas; inline tables; booleans, numbers and dates; `[tables]` and
/// `[[arrays of tables]]`), with line and column for every value and every error.
///
/// LebJe/TOMLKit 0.6.0 was tried first: its toml++ parser aborts the process with an assertion in `parse_key` on
/// three inputs of the fuzz corpus (`[` followed by a control character, `[[[e=`, `[***`), so a hostile REUSE.toml
/// could crash mika. This parser never traps: nesting is limited, and every malformed input is an error value.
enum TOML {
    indirect enum Value: Equatable {
        case string(String)
        case bool(Bool)
        /// Integers, floats and dates, kept as written.
        case scalar(String)
        case array([Value])
        case table([Entry])
    }

    struct Entry: Equatable {
        var key: [String]
        var value: Value
        var line: Int
        var column: Int
    }

    struct Table: Equatable {
        /// `["annotations"]` for `[[annotations]]`; empty for the top level.
        var header: [String]
        var isArray: Bool
        var line: Int
        var entries: [Entry]
    }

    struct SyntaxError: Error, Equatable {
        var line: Int
        var column: Int
        var message: String
    }

    /// The tables of a document in order (the top level first); on a syntax error, everything read before it and
    /// the error.
    static func parse(_ text: String) -> (tables: [Table], error: SyntaxError?) {
        var parser = Parser(bytes: Array(text.utf8))
        do {
            try parser.document()
            return (parser.tables, nil)
        } catch let error as SyntaxError {
            return (parser.tables, error)
        } catch {
            return (parser.tables, SyntaxError(line: parser.line, column: parser.column, message: "\(error)"))
        }
    }

    private struct Parser {
        let bytes: [UInt8]
        var position = 0
        var line = 1
        var lineStart = 0
        var tables: [Table] = [Table(header: [], isArray: false, line: 1, entries: [])]
        var depth = 0
        static let maximumDepth = 64

        init(bytes: [UInt8]) { self.bytes = bytes }

        var column: Int {
            // Columns count characters: UTF-8 continuation bytes do not start one.
            bytes[min(lineStart, position, bytes.count)..<min(position, bytes.count)].reduce(1) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        }
        var current: UInt8? { position < bytes.count ? bytes[position] : nil }
        func peek(_ offset: Int) -> UInt8? { position + offset < bytes.count ? bytes[position + offset] : nil }

        func error(_ message: String) -> SyntaxError { SyntaxError(line: line, column: column, message: message) }

        mutating func advance() {
            if current == 0x0A { line += 1; lineStart = position + 1 }
            position += 1
        }

        mutating func skipSpaces() {
            while let byte = current, byte == 0x20 || byte == 0x09 { advance() }
        }

        /// Spaces, then an optional comment; stops before the newline.
        mutating func skipSpacesAndComment() throws {
            skipSpaces()
            guard current == UInt8(ascii: "#") else { return }
            while let byte = current, byte != 0x0A {
                if byte == 0x0D && peek(1) == 0x0A { return }
                if byte < 0x20 && byte != 0x09 || byte == 0x7F { throw error("control character in a comment") }
                advance()
            }
        }

        mutating func newline() throws {
            if current == 0x0D && peek(1) == 0x0A { advance(); advance(); return }
            if current == 0x0A { advance(); return }
            if current != nil { throw error("expected the end of the line after the value") }
        }

        /// Blank lines, comments and newlines, also inside arrays.
        mutating func skipBlank() throws {
            while true {
                try skipSpacesAndComment()
                if current == 0x0A || (current == 0x0D && peek(1) == 0x0A) { try newline() } else { return }
            }
        }

        mutating func document() throws {
            while true {
                try skipBlank()
                guard let byte = current else { return }
                if byte == UInt8(ascii: "[") {
                    try tableHeader()
                } else {
                    let entry = try keyValue()
                    try add(entry, to: &tables[tables.count - 1].entries)
                }
                try skipSpacesAndComment()
                try newline()
            }
        }

        mutating func tableHeader() throws {
            let headerLine = line
            advance()
            let isArray = current == UInt8(ascii: "[")
            if isArray { advance() }
            skipSpaces()
            let key = try dottedKey()
            skipSpaces()
            guard current == UInt8(ascii: "]") else { throw error("expected ']' to close the table header") }
            advance()
            if isArray {
                guard current == UInt8(ascii: "]") else { throw error("expected ']]' to close the array of tables") }
                advance()
            }
            if !isArray, tables.contains(where: { $0.header == key && !$0.isArray }) {
                throw SyntaxError(line: headerLine, column: 1, message: "table [\(key.joined(separator: "."))] is defined twice")
            }
            tables.append(Table(header: key, isArray: isArray, line: headerLine, entries: []))
        }

        mutating func keyValue() throws -> Entry {
            let keyLine = line, keyColumn = column
            let key = try dottedKey()
            skipSpaces()
            guard current == UInt8(ascii: "=") else { throw error("expected '=' after the key '\(key.joined(separator: "."))'") }
            advance()
            skipSpaces()
            let value = try self.value()
            return Entry(key: key, value: value, line: keyLine, column: keyColumn)
        }

        func add(_ entry: Entry, to entries: inout [Entry]) throws {
            if entries.contains(where: { $0.key == entry.key }) {
                throw SyntaxError(line: entry.line, column: entry.column,
                                  message: "the key '\(entry.key.joined(separator: "."))' is defined twice")
            }
            entries.append(entry)
        }

        mutating func dottedKey() throws -> [String] {
            var parts = [try simpleKey()]
            while true {
                let saved = (position, line, lineStart)
                skipSpaces()
                guard current == UInt8(ascii: ".") else { (position, line, lineStart) = saved; return parts }
                advance()
                skipSpaces()
                parts.append(try simpleKey())
            }
        }

        static func isBareKeyByte(_ byte: UInt8) -> Bool {
            (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }

        mutating func simpleKey() throws -> String {
            switch current {
            case UInt8(ascii: "\""): return try basicString()
            case UInt8(ascii: "'"): return try literalString()
            case let byte? where Self.isBareKeyByte(byte):
                let start = position
                while let next = current, Self.isBareKeyByte(next) { advance() }
                return String(decoding: bytes[start..<position], as: UTF8.self)
            default:
                throw error("expected a key (letters, digits, '-', '_', or a quoted key)")
            }
        }

        mutating func value() throws -> Value {
            switch current {
            case UInt8(ascii: "\"")?:
                return .string(peek(1) == UInt8(ascii: "\"") && peek(2) == UInt8(ascii: "\"") ? try multilineBasicString() : try basicString())
            case UInt8(ascii: "'")?:
                return .string(peek(1) == UInt8(ascii: "'") && peek(2) == UInt8(ascii: "'") ? try multilineLiteralString() : try literalString())
            case UInt8(ascii: "[")?:
                return try array()
            case UInt8(ascii: "{")?:
                return try inlineTable()
            case nil, 0x0A?, 0x0D?, UInt8(ascii: "#")?:
                throw error("expected a value after '='")
            default:
                return try bareValue()
            }
        }

        mutating func nested<T>(_ body: (inout Parser) throws -> T) throws -> T {
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maximumDepth else { throw error("arrays and tables are nested too deeply") }
            return try body(&self)
        }

        mutating func array() throws -> Value {
            try nested { parser in
                parser.advance()
                var items: [Value] = []
                while true {
                    try parser.skipBlank()
                    if parser.current == UInt8(ascii: "]") { parser.advance(); return .array(items) }
                    guard parser.current != nil else { throw parser.error("the array is not closed with ']'") }
                    items.append(try parser.value())
                    try parser.skipBlank()
                    if parser.current == UInt8(ascii: ",") { parser.advance(); continue }
                    guard parser.current != nil else { throw parser.error("the array is not closed with ']'") }
                    guard parser.current == UInt8(ascii: "]") else { throw parser.error("expected ',' or ']' in the array") }
                    parser.advance()
                    return .array(items)
                }
            }
        }

        mutating func inlineTable() throws -> Value {
            try nested { parser in
                parser.advance()
                var entries: [Entry] = []
                parser.skipSpaces()
                if parser.current == UInt8(ascii: "}") { parser.advance(); return .table(entries) }
                while true {
                    parser.skipSpaces()
                    let entry = try parser.keyValue()
                    try parser.add(entry, to: &entries)
                    parser.skipSpaces()
                    if parser.current == UInt8(ascii: ",") { parser.advance(); continue }
                    guard parser.current == UInt8(ascii: "}") else { throw parser.error("expected ',' or '}' in the inline table") }
                    parser.advance()
                    return .table(entries)
                }
            }
        }

        /// `true`, `false`, numbers (`1`, `-2_000`, `0x1F`, `3.5e2`, `inf`, `nan`) and dates (`2024-01-01`,
        /// `2024-01-01T10:00:00Z`, `10:00:00`), checked by their shape.
        mutating func bareValue() throws -> Value {
            let start = position
            while let byte = current, Self.isBareKeyByte(byte) || [UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: ":")].contains(byte)
                    || (byte == 0x20 && isDateTimeSpace(start: start)) {
                advance()
            }
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            if text == "true" { return .bool(true) }
            if text == "false" { return .bool(false) }
            guard !text.isEmpty, Self.isScalar(text) else {
                position = start
                throw error(text.isEmpty ? "expected a value" : "'\(text)' is not a TOML value (strings need quotes)")
            }
            return .scalar(text)
        }

        /// A space between a date and a time (`2024-01-01 10:00:00`).
        func isDateTimeSpace(start: Int) -> Bool {
            let written = position - start
            guard written == 10, let next = peek(1), (0x30...0x39).contains(next) else { return false }
            return bytes[start + 4] == UInt8(ascii: "-") && bytes[start + 7] == UInt8(ascii: "-")
        }

        static func isScalar(_ text: String) -> Bool {
            let digits = Set("0123456789")
            if ["inf", "+inf", "-inf", "nan", "+nan", "-nan"].contains(text) { return true }
            for (prefix, allowed) in [("0x", Set("0123456789abcdefABCDEF_")), ("0o", Set("01234567_")), ("0b", Set("01_"))]
            where text.hasPrefix(prefix) {
                return text.count > 2 && text.dropFirst(2).allSatisfy(allowed.contains)
            }
            let unsigned = text.first == "+" || text.first == "-" ? text.dropFirst() : Substring(text)
            guard let first = unsigned.first, digits.contains(first) else { return false }
            if unsigned.allSatisfy({ digits.contains($0) || $0 == "_" }) { return true }  // integer
            if unsigned.allSatisfy({ digits.contains($0) || "_.eE+-".contains($0) }), unsigned.contains(where: { ".eE".contains($0) }) {
                return true  // float
            }
            // Dates and times: digits with - : T Z . + and one space.
            return unsigned.allSatisfy { digits.contains($0) || "-:TtZz.+ ".contains($0) } && (unsigned.contains("-") || unsigned.contains(":"))
        }

        mutating func basicString() throws -> String {
            advance()
            var result: [UInt8] = []
            while true {
                guard let byte = current, byte != 0x0A, byte != 0x0D else { throw error("the string is not closed with '\"' on its line") }
                if byte == UInt8(ascii: "\"") { advance(); break }
                if byte == UInt8(ascii: "\\") {
                    result += try escape()
                    continue
                }
                if byte < 0x20 && byte != 0x09 || byte == 0x7F { throw error("control character in a string (write it as \\u escape)") }
                result.append(byte)
                advance()
            }
            return String(decoding: result, as: UTF8.self)
        }

        /// `\b \t \n \f \r \" \\ \uXXXX \UXXXXXXXX`, as UTF-8 bytes.
        mutating func escape() throws -> [UInt8] {
            advance()
            guard let byte = current, byte != 0x0A, byte != 0x0D else {
                position -= 1
                throw error("a backslash must start an escape such as '\\n' or '\\\\'")
            }
            advance()
            switch byte {
            case UInt8(ascii: "b"): return [0x08]
            case UInt8(ascii: "t"): return [0x09]
            case UInt8(ascii: "n"): return [0x0A]
            case UInt8(ascii: "f"): return [0x0C]
            case UInt8(ascii: "r"): return [0x0D]
            case UInt8(ascii: "\""): return [UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): return [UInt8(ascii: "\\")]
            case UInt8(ascii: "u"), UInt8(ascii: "U"):
                let count = byte == UInt8(ascii: "u") ? 4 : 8
                let hexDigits = position + count <= bytes.count ? bytes[position..<position + count] : []
                guard hexDigits.count == count, hexDigits.allSatisfy({ Character(Unicode.Scalar($0)).isHexDigit }),
                      let code = UInt32(String(decoding: hexDigits, as: UTF8.self), radix: 16),
                      let scalar = Unicode.Scalar(code) else {
                    throw error("'\\\(Character(Unicode.Scalar(byte)))' needs \(count) hex digits of a Unicode scalar")
                }
                for _ in 0..<count { advance() }
                return Array(String(Character(scalar)).utf8)
            default:
                position -= 2
                throw error("unknown escape in a string; write '\\\\' for a backslash")
            }
        }

        mutating func literalString() throws -> String {
            advance()
            let start = position
            while true {
                guard let byte = current, byte != 0x0A, byte != 0x0D else { throw error("the string is not closed with \"'\" on its line") }
                if byte == UInt8(ascii: "'") { break }
                if byte < 0x20 && byte != 0x09 || byte == 0x7F { throw error("control character in a string") }
                advance()
            }
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            advance()
            return text
        }

        /// Skips the newline right after an opening `"""` or `'''`.
        mutating func trimLeadingNewline() {
            if current == 0x0A { advance() } else if current == 0x0D && peek(1) == 0x0A { advance(); advance() }
        }

        /// `"""…"""` (escapes, and a backslash at a line end joins lines) or `'''…'''` (as written).
        mutating func multilineBasicString() throws -> String { try multilineString(quote: UInt8(ascii: "\""), escapes: true) }
        mutating func multilineLiteralString() throws -> String { try multilineString(quote: UInt8(ascii: "'"), escapes: false) }

        mutating func multilineString(quote: UInt8, escapes: Bool) throws -> String {
            for _ in 0..<3 { advance() }
            trimLeadingNewline()
            var result: [UInt8] = []
            while true {
                guard let byte = current else {
                    throw error(escapes ? "the string is not closed with '\"\"\"'" : "the string is not closed with \"'''\"")
                }
                if byte == quote, peek(1) == byte, peek(2) == byte {
                    // Up to two quotes may stand right before the closing three.
                    var extra = 0
                    while extra < 2, peek(3 + extra) == byte { extra += 1 }
                    result += Array(repeating: byte, count: extra)
                    for _ in 0..<(3 + extra) { advance() }
                    return String(decoding: result, as: UTF8.self)
                }
                if escapes && byte == UInt8(ascii: "\\") {
                    // A backslash at the end of a line joins it with the next, without the whitespace between.
                    var probe = position + 1
                    while probe < bytes.count, bytes[probe] == 0x20 || bytes[probe] == 0x09 { probe += 1 }
                    if probe < bytes.count, bytes[probe] == 0x0A || bytes[probe] == 0x0D {
                        advance()
                        while let next = current, next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D { advance() }
                        continue
                    }
                    result += try escape()
                    continue
                }
                if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D || byte == 0x7F {
                    throw error("control character in a string")
                }
                result.append(byte)
                advance()
            }
        }
    }
}
