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

    /// `---` (or `...` when closing), after an optional byte order mark and before trailing blanks; on bytes, as
    /// every front matter line passes here.
    private static func isFence(_ line: Substring, closing: Bool) -> Bool {
        var trimmed = line.utf8[...]
        if trimmed.starts(with: [0xEF, 0xBB, 0xBF]) { trimmed = trimmed.dropFirst(3) }
        while let last = trimmed.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") || last == UInt8(ascii: "\r") {
            trimmed = trimmed.dropLast()
        }
        return trimmed.elementsEqual("---".utf8) || (closing && trimmed.elementsEqual("...".utf8))
    }
}
