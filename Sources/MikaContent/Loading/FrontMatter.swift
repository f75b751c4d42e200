import MikaMarkdown

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

    /// Scans line by line up to the closing `---` (or `...`); the body is not touched. On the text's bytes (lines
    /// found with memchr), then cut at those byte offsets: walking the string's indices cost 15,000 instructions a
    /// module.
    static func split(_ text: String) -> Result<FrontMatter, Problem> {
        var contiguous = text
        let found = contiguous.withUTF8 { bytes -> Result<(yaml: Range<Int>, body: Int, bodyLine: Int), Problem> in
            var lineStart = 0
            var lineNumber = 0
            var yamlStart: Int?
            while lineStart < bytes.count {
                let lineEnd = bytes.firstOffset(of: [UInt8(ascii: "\n")], from: lineStart) ?? bytes.count
                lineNumber += 1
                let next = lineEnd < bytes.count ? lineEnd + 1 : lineEnd
                if let start = yamlStart {
                    if isFence(UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd]), closing: true) {
                        return .success((start..<lineStart, next, lineNumber + 1))
                    }
                } else {
                    guard isFence(UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd]), closing: false) else {
                        return .failure(.missing)
                    }
                    yamlStart = next
                }
                lineStart = next
            }
            return .failure(yamlStart == nil ? .missing : .unterminated)
        }
        return found.map { offsets in
            let utf8 = text.utf8
            func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
            return FrontMatter(yaml: text[index(offsets.yaml.lowerBound)..<index(offsets.yaml.upperBound)],
                               bodyStartLine: offsets.bodyLine, body: text[index(offsets.body)...])
        }
    }

    /// `---` (or `...` when closing), after an optional byte order mark and before trailing blanks.
    private static func isFence(_ line: UnsafeBufferPointer<UInt8>, closing: Bool) -> Bool {
        var start = 0, end = line.count
        if end >= 3 && line[0] == 0xEF && line[1] == 0xBB && line[2] == 0xBF { start = 3 }
        while end > start, line[end - 1] == UInt8(ascii: " ") || line[end - 1] == UInt8(ascii: "\t") || line[end - 1] == UInt8(ascii: "\r") {
            end -= 1
        }
        guard end - start == 3 else { return false }
        let mark = line[start]
        return (mark == UInt8(ascii: "-") || closing && mark == UInt8(ascii: ".")) && line[start + 1] == mark && line[start + 2] == mark
    }
}
