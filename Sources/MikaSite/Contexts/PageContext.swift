import MikaContent
import MikaLicensing
import MikaMarkdown
import MikaMetadata

/// What every page's layout needs: titles, the relative way back to the site root, language. A class: templates
/// reach it (`{{page.root}}`) many times per page, and each lookup would otherwise copy all its fields.
final class PageInfo {
    var title: String
    var description: String?
    var language: String
    var siteTitle: String
    /// Relative prefix from the page to the site root: "" on the home page, "../../" two levels down.
    var root: String
    /// URL of the home page from this page; nil inside an LMS package, which holds no home page.
    var home: String?
    /// URL of the licences page ("Bildnachweise und Lizenzen") from this page.
    var credits: String
    /// Absolute URL of this page, when the site has a base URL.
    var canonicalURL: String?
    var generator: String
    /// DC-HTML meta tags, `alternate` links and the AMB JSON-LD script, rendered here (escaped) because every
    /// page has them and a template loop over twenty tags cost a sixth of a large build.
    var metadataHead: PageHTML?
    /// UI texts in the page's language (`{{t.key}}` in templates).
    var t: UIStrings
    /// Scripts the page loads (relative URLs), only those its content uses.
    var scripts: [String] = []
    /// `scorm12` or `scorm2004` on the pages of an LMS package (read by scorm.js).
    var packageFormat: String?
    /// Pass mark in percent of a package page's quizzes (read by scorm.js).
    var mastery: String?
    /// The stylesheet inside the page instead of linked (the 404 page, shown at any depth).
    var inlineStyle: String?
    /// `<title>`: "Page | Site", or the site's title alone on the home page.
    var documentTitle: String
    /// Impressum, Datenschutz, Barrierefreiheit in the footer.
    var legalLinks: [NavLink]
    var logo: String?
    var favicon: String?
    /// What beacon.js needs (docs/beacon-protocol.md); nil with `analytics: false`, on the 404 page, and in
    /// packages of a site without a base URL.
    var beacon: BeaconInfo?
    /// The tool catalogue, when the site has tools (not inside packages).
    var toolsLink: String?

    struct BeaconInfo {
        /// The GIF's URL: relative on the site, absolute (the site's) inside a package.
        var url: String
        var key: String
        /// This page, relative to the site root, as model.json names it.
        var path: String
        /// Inside packages: salt of the hashed LMS learner id.
        var salt: String?
    }

    init(title: String, description: String?, language: String, site: Site, directory: String,
         dublinCore: DublinCore? = nil, records: ResourceRecords? = nil, resolver: LinkResolver = WebLinkResolver(),
         t: UIStrings) {
        let inPackage = resolver.package != nil
        self.t = t
        self.title = title
        self.description = description
        self.language = language
        siteTitle = site.title
        root = SitePaths.relative(from: directory, to: "")
        if root == "./" { root = "" }
        home = resolver.reaches("") ? resolver.url(of: "", from: directory) : nil
        credits = resolver.url(of: CreditsContext.path, from: directory)
        // A package links nowhere outside itself: no canonical URL, no feed.
        canonicalURL = inPackage ? nil : site.baseURL.map { $0 + directory }
        if let format = resolver.package, format != .cc { packageFormat = format.rawValue }
        documentTitle = title == site.title ? title : "\(title) | \(site.title)"
        legalLinks = site.legalPages.compactMap { legal in
            let title = t.text("legal_" + legal.kind.rawValue)
            if let url = legal.url { return NavLink(title: title, url: url) }
            return resolver.reaches(legal.kind.path) ? NavLink(title: title, url: resolver.url(of: legal.kind.path, from: directory)) : nil
        }
        logo = site.logo.map { resolver.url(of: SitePaths.asset($0), from: directory) }
        favicon = site.favicon.map { resolver.url(of: SitePaths.asset($0), from: directory) }
        generator = "mika \(MikaVersion.current)"
        if !site.tools.isEmpty && resolver.reaches(SitePaths.toolCatalogue) {
            toolsLink = resolver.url(of: SitePaths.toolCatalogue, from: directory)
        }
        if let analytics = site.analytics {
            if !inPackage {
                beacon = BeaconInfo(url: resolver.url(of: AnalyticsSettings.beaconPath, from: directory), key: analytics.key,
                                    path: directory)
            } else if let base = site.baseURL {
                beacon = BeaconInfo(url: base + AnalyticsSettings.beaconPath, key: analytics.key, path: directory,
                                    salt: analytics.salt)
            }
            if beacon != nil { scripts.append(root + "assets/beacon.js") }
        }
        let tags = (dublinCore ?? records?.dublinCore)?.metaTags ?? []
        var head = PageHTML()
        head.bytes.reserveCapacity(4096 + (records?.ambJSON.count ?? 0))
        if !tags.isEmpty { head += "<link rel=\"schema.DC\" href=\"\(DublinCore.namespace)\">\n" }
        for tag in tags {
            head += "<meta name=\""
            head += tag.name
            head += "\" content=\""
            head.appendEscaped(tag.content)
            head += "\">\n"
        }
        var alternates: [(type: String, href: String, title: String)] = []
        if records != nil {
            alternates.append(("application/ld+json", Discovery.jsonLDFile, t.text("amb_metadata")))
            alternates.append(("application/xml", Discovery.oaiDCFile, t.text("dublin_core")))
            alternates.append(("application/xml", Discovery.lomFile, "IEEE LOM"))
        }
        if site.baseURL != nil && !inPackage {
            alternates.append(("application/atom+xml", root + "feed.xml", t.text("feed_title", ["site": site.title])))
        }
        for link in alternates {
            head += "<link rel=\"alternate\" type=\""
            head += link.type
            head += "\" href=\""
            head.appendEscaped(link.href)
            head += "\" title=\""
            head.appendEscaped(link.title)
            head += "\">\n"
        }
        if let json = records?.ambJSON {
            head += "<script type=\"application/ld+json\">\n"
            AMB.appendScriptJSON(json, to: &head.bytes)
            head += "</script>\n"
        }
        if !head.bytes.isEmpty { head.bytes.removeLast() }  // the template line ends with its own newline
        metadataHead = head.bytes.isEmpty ? nil : head
    }
}

/// Classes, these list elements: templates box each element they repeat for, and a reference is boxed without
/// copying its fields (the same for `Badge`, `TocEntry`, `ModuleItem` and the rows of the licences page).
final class Crumb {
    let title: String
    let url: String?

    init(title: String, url: String?) {
        self.title = title
        self.url = url
    }
}

final class NavLink {
    let title: String
    let url: String

    init(title: String, url: String) {
        self.title = title
        self.url = url
    }
}

/// The TULLU attribution of a page: Titel, Urheber, Lizenz, Link, Ursprungsort.
struct AttributionView {
    var title: String
    var authors: String?
    var licenseName: String
    var licenseURL: String?
    var sourceURL: String?
    var publisher: String?

    init(title: String, authors: [Person], license spdx: String, sourceURL: String?, publisher: Person?) {
        self.title = title
        self.authors = authors.isEmpty ? nil : authors.map(\.name).joined(separator: ", ")
        let license = License.named(spdx)
        licenseName = license?.name ?? spdx
        licenseURL = license?.url
        self.sourceURL = sourceURL
        // "von X …, herausgegeben von X" says the same twice.
        self.publisher = publisher?.name == self.authors ? nil : publisher?.name
    }
}

final class Badge {
    let label: String
    /// CSS modifier, e.g. `type-theory`.
    let kind: String
    /// An inline SVG (phase badges).
    var icon: String?

    init(label: String, kind: String, icon: String? = nil) {
        self.label = label
        self.kind = kind
        self.icon = icon
    }
}

/// Version printed by `mika --version` and in the generator meta tag.
public enum MikaVersion {
    public static let current = "0.1.0"
}

/// A learning objective with the fragment id its metadata URI points to (`…#lernziel_1`).
struct Objective {
    var id: String
    var text: String

    static func list(_ texts: [String]) -> [Objective] {
        texts.enumerated().map { Objective(id: "lernziel_\($0.offset + 1)", text: $0.element) }
    }
}
