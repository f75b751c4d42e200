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

    /// Escaped HTML: „Titel“ von Urheber, Lizenz: <a>CC BY 4.0</a>, Quelle: <a>…</a>, bearbeitet: ….
    public var html: String {
        var parts = ["„\(title.htmlEscaped)“" + (author.map { " von \($0.htmlEscaped)" } ?? "")]
        if let spdx = license {
            let known = License.named(spdx)
            let name = (known?.name ?? spdx).htmlEscaped
            if let url = known?.url {
                parts.append("Lizenz: <a href=\"\(url)\" rel=\"license\">\(name)</a>")
            } else {
                parts.append("Lizenz: \(name)")
            }
        }
        if let source {
            let isLink = source.hasPrefix("https://") || source.hasPrefix("http://")
            parts.append("Quelle: " + (isLink ? "<a href=\"\(source.htmlEscaped)\">\(source.htmlEscaped)</a>" : source.htmlEscaped))
        }
        if let changes { parts.append(changes == "bearbeitet" ? "bearbeitet" : "bearbeitet: \(changes.htmlEscaped)") }
        return parts.joined(separator: ", ")
    }
}
