/// Splits `---`-delimited YAML front matter from a Markdown body.
struct FrontMatter {
    var yaml: String
    /// Line number (1-based) in the file where the body starts.
    var bodyStartLine: Int
    var body: Substring

    enum Problem: Error {
        case missing
        case unterminated
    }

    static func split(_ text: String) -> Result<FrontMatter, Problem> {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        guard let first = lines.first, first.trimmingCharacters(in: .whitespaces) == "---"
                || first == "\u{FEFF}---" else {
            return .failure(.missing)
        }
        lines = lines.dropFirst()
        var yamlLines: [Substring] = []
        var lineNumber = 1
        while let line = lines.first {
            lines = lines.dropFirst()
            lineNumber += 1
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed == "---" || trimmed == "..." {
                let bodyStart = lines.startIndex < lines.endIndex ? lines.first!.startIndex : text.endIndex
                return .success(FrontMatter(yaml: yamlLines.joined(separator: "\n"), bodyStartLine: lineNumber + 1,
                                            body: text[bodyStart...]))
            }
            yamlLines.append(line)
        }
        return .failure(.unterminated)
    }
}
