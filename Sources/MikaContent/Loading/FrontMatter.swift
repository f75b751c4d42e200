/// Splits `---`-delimited YAML front matter from a Markdown body.
struct FrontMatter {
    var yaml: Substring
    /// Line number (1-based) in the file where the body starts.
    var bodyStartLine: Int
    var body: Substring

    enum Problem: Error {
        case missing
        case unterminated
    }

    /// Scans line by line up to the closing `---` (or `...`); the body is not touched.
    static func split(_ text: String) -> Result<FrontMatter, Problem> {
        let utf8 = text.utf8
        var lineStart = utf8.startIndex
        var lineNumber = 0
        var yamlStart: String.Index?
        while lineStart < utf8.endIndex {
            let lineEnd = utf8[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
            lineNumber += 1
            let line = text[lineStart..<lineEnd]
            let next = lineEnd < utf8.endIndex ? utf8.index(after: lineEnd) : lineEnd
            if let start = yamlStart {
                if isFence(line, closing: true) {
                    return .success(FrontMatter(yaml: text[start..<lineStart], bodyStartLine: lineNumber + 1,
                                                body: text[next...]))
                }
            } else {
                guard isFence(line, closing: false) else { return .failure(.missing) }
                yamlStart = next
            }
            lineStart = next
        }
        return .failure(yamlStart == nil ? .missing : .unterminated)
    }

    private static func isFence(_ line: Substring, closing: Bool) -> Bool {
        var trimmed = line
        if trimmed.hasPrefix("\u{FEFF}") { trimmed = trimmed.dropFirst() }
        while let last = trimmed.last, last == " " || last == "\t" || last == "\r" { trimmed = trimmed.dropLast() }
        return trimmed == "---" || (closing && trimmed == "...")
    }
}
