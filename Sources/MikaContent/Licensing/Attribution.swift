import MikaLicensing
import MikaMarkdown

/// A TULLU notice: Titel, Urheber, Lizenz (with link), Ursprungsort; plus "bearbeitet" when changed.
public struct Attribution: Hashable, Sendable {
    public var title: String
    public var author: String?
    public var license: String?
    public var source: String?
    public var changes: String?

    public init(title: String, author: String?, license: String?, source: String?, changes: String?) {
        self.title = title
        self.author = author
        self.license = license
        self.source = source
        self.changes = changes
    }

    public init(_ media: MediaLicense) {
        self.init(title: media.displayTitle, author: media.author, license: media.license, source: media.source,
                  changes: media.changes)
    }

    /// The words of a notice in the page's language.
    public struct Labels: Sendable {
        public var by, license, source, changed, quoteOpen, quoteClose: String
        /// Said of a medium under `NONE` or a `LicenseRef-`: "von der freien Lizenz ausgenommen".
        public var excluded: String

        public init(by: String, license: String, source: String, changed: String, quoteOpen: String = "„",
                    quoteClose: String = "“", excluded: String = "von der freien Lizenz ausgenommen") {
            self.excluded = excluded
            self.by = by
            self.license = license
            self.source = source
            self.changed = changed
            self.quoteOpen = quoteOpen
            self.quoteClose = quoteClose
        }

        public static let german = Labels(by: "von", license: "Lizenz", source: "Quelle", changed: "bearbeitet")
    }

    /// Escaped HTML: „Titel“ von Urheber, Lizenz: <a>CC BY 4.0</a>, Quelle: <a>…</a>, bearbeitet: ….
    public var html: String { html(.german) }

    public func html(_ labels: Labels) -> String {
        var parts = ["\(labels.quoteOpen.htmlEscaped)\(title.htmlEscaped)\(labels.quoteClose.htmlEscaped)" + (author.map { " \(labels.by.htmlEscaped) \($0.htmlEscaped)" } ?? "")]
        if license == "NONE" {
            parts.append(labels.excluded.htmlEscaped)
        } else if let spdx = license {
            let known = License.named(spdx)
            let name = (known?.name ?? spdx).htmlEscaped
            if let url = known?.url {
                parts.append("\(labels.license.htmlEscaped): <a href=\"\(url)\" rel=\"license\">\(name)</a>")
            } else {
                parts.append("\(labels.license.htmlEscaped): \(name)")
            }
            if MediaLicense.isExclusion(spdx) { parts.append(labels.excluded.htmlEscaped) }
        }
        if let source {
            let isLink = source.hasPrefix("https://") || source.hasPrefix("http://")
            parts.append("\(labels.source.htmlEscaped): " + (isLink ? "<a class=\"url\" href=\"\(source.htmlEscaped)\">\(source.htmlEscaped)</a>" : source.htmlEscaped))
        }
        if let changes {
            let changed = labels.changed.htmlEscaped
            parts.append(changes == "bearbeitet" ? changed : "\(changed): \(changes.htmlEscaped)")
        }
        return parts.joined(separator: ", ")
    }
}
