import MikaContent

/// How an output writes a link from one page to another page or file of the site. Targets are site paths: a
/// page folder ending in `/` (`kurse/k/m/`) or a file (`kurse/k/bild.png`); `from` is the folder of the page
/// that links.
public protocol LinkResolver: Sendable {
    func url(of target: String, from directory: String) -> String
    /// Whether the output holds `target`; pages leave out links to what it does not hold.
    func reaches(_ target: String) -> Bool
    /// The LMS package format whose pages these links are for; nil for the site.
    var package: PackageFormat? { get }
}

extension LinkResolver {
    public func reaches(_ target: String) -> Bool { true }
    public var package: PackageFormat? { nil }
}

/// Links for a web server: relative, page folders end in `/` (the server serves their `index.html`).
public struct WebLinkResolver: LinkResolver {
    public init() {}

    public func url(of target: String, from directory: String) -> String {
        SitePaths.relative(from: directory, to: target)
    }
}

/// Links that also work without a server (a site opened from disk, a page inside an LMS package): relative, and
/// page folders name their `index.html`.
public struct FileLinkResolver: LinkResolver {
    public init() {}

    public func url(of target: String, from directory: String) -> String {
        SitePaths.relative(from: directory, to: target, folderIndex: "index.html")
    }
}
