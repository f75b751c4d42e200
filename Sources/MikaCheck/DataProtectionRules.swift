import Foundation
import MikaContent

enum DataProtectionRules {
    static let descriptions: [(id: String, summary: String)] = [
        ("privacy.external-content", "Nothing is loaded from other hosts unless it is a two-click embed"),
        ("privacy.tool-facts", "Click-guides state the tool's data-protection facts"),
    ]
}

extension ContentChecks {
    func checkDataProtection(_ diagnostics: inout [Diagnostic]) {
        for module in site.courses.flatMap(\.modules) {
            let file = display(module.sourcePath)
            for link in module.outline.links where link.isImage && Self.isExternal(link.destination) {
                diagnostics.append(Diagnostic(.error, id: "privacy.external-content", file: file, line: link.line, column: link.column,
                                              message: "image is loaded from \(Self.host(link.destination)): readers' browsers would contact that host",
                                              hint: "save the file in media/ with its licence, or use a two-click embed (```embed)"))
            }
            // Raw HTML (when a site allows it; otherwise it is shown as text) must not load anything either.
            for raw in module.outline.rawHTML where site.allowRawHTML {
                for reference in Self.loadedURLs(in: raw.html) where Self.isExternal(reference) {
                    diagnostics.append(Diagnostic(.error, id: "privacy.external-content", file: file, line: raw.line,
                                                  message: "HTML loads \(Self.host(reference)) (\(reference))",
                                                  hint: "use a two-click embed (```embed with url, title, provider) or host the file yourself"))
                }
            }
            if module.type == .toolguide {
                if let tool = module.tool {
                    let missing = [("url", tool.url), ("cost", tool.cost), ("login", tool.login),
                                   ("data_protection", tool.dataProtection)].filter { $0.1 == nil }.map(\.0)
                    if !missing.isEmpty {
                        diagnostics.append(Diagnostic(.error, id: "privacy.tool-facts", file: file, line: tool.line,
                                                      message: "tool facts lack \(missing.joined(separator: ", "))",
                                                      hint: "state them under 'tool:' so readers can judge the tool before they sign up"))
                    }
                } else {
                    diagnostics.append(Diagnostic(.error, id: "privacy.tool-facts", file: file, line: 2,
                                                  message: "click-guide has no 'tool' facts",
                                                  hint: "add 'tool:' with name, url, cost, login and data_protection to the front matter"))
                }
            }
        }
    }

    static func isExternal(_ url: String) -> Bool {
        let lowered = url.lowercased()
        return lowered.hasPrefix("http://") || lowered.hasPrefix("https://") || lowered.hasPrefix("//")
    }

    static func host(_ url: String) -> String {
        URLComponents(string: url.hasPrefix("//") ? "https:" + url : url)?.host ?? url
    }

    /// URLs that HTML would load by itself: src, srcset, data, poster, and href of <link>.
    static func loadedURLs(in html: String) -> [String] {
        let pattern = #"(?i)(?:\bsrc|\bsrcset|\bdata|\bposter)\s*=\s*["']?([^"'\s>]+)|<link\b[^>]*\bhref\s*=\s*["']?([^"'\s>]+)|@import\s+(?:url\()?["']?([^"')\s;]+)"#
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(html.startIndex..., in: html)
        return regex.matches(in: html, range: range).compactMap { match in
            (1...3).lazy.compactMap { Range(match.range(at: $0), in: html).map { String(html[$0]) } }.first
        }
    }
}
