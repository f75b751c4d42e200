import Foundation
/// The whole site: `site.yml` settings and the courses. Every output is derived from this one value.
public struct Site: Sendable {
    public var title: String
    public var description: String?
    /// Absolute base URL with a trailing slash, if known; pages link relatively either way.
    public var baseURL: String?
    public var language: String
    public var publisher: Person?
    public var license: String
    public var authors: [Person]
    /// Site-wide opt-in to pass raw HTML in Markdown through (GFM tag filter still applies).
    public var allowRawHTML: Bool
    /// Write an OAI-PMH static repository file (`oai-pmh.xml`).
    public var oaiStaticRepository: Bool
    /// Contact address for harvesters (OAI-PMH adminEmail).
    public var contactEmail: String?
    public var courses: [Course]
    /// Content-relative paths of files copied unchanged (images, PDFs, …).
    public var assets: [String]
    /// Licence and TULLU attribution per media file (content path → licence).
    public var mediaLicenses: [String: MediaLicense]
    public var licensePolicy: LicensePolicy
    /// Where `licensePolicy` was declared (site.yml line), for diagnostics.
    public var licensePolicyLine: Int?
    /// The date outputs use where the content gives none (feed, OAI datestamps): `SOURCE_DATE_EPOCH` when set,
    /// else the newest modification time of the content files, so an unchanged tree builds the same bytes.
    public var sourceDate = Date(timeIntervalSince1970: 0)
    /// Per-id severities from `diagnostics:` in site.yml.
    public var diagnosticOverrides: [String: DiagnosticPolicy.Level] = [:]
    /// Publish media that can run script (SVG with scripts, HTML files); `false` by default.
    public var allowActiveMedia = false
    /// Links end in a folder (`kurse/k/`) instead of `index.html`: nicer URLs, but the site needs a web server.
    public var cleanURLs = false
    /// Impressum, Datenschutzerklärung and Erklärung zur Barrierefreiheit, linked from every page's footer.
    public var legalPages: [LegalPage] = []
    /// Content paths of the logo (shown in the header) and the favicon.
    public var logo: String?
    public var favicon: String?
    /// Which LMS packages every course gets, and their size limit.
    public var packages = PackageSettings()
    /// The tool catalogue (`content/tools/`), sorted by name.
    public var tools: [Tool] = []
    /// Data-protection assessments of tools older than this many months are reported (`tool_assessment_max_age`).
    public var toolAssessmentMaxAge = 12
    /// The learning beacon; nil with `analytics: false`.
    public var analytics: AnalyticsSettings?
    /// Line of `license` in site.yml: where an inherited licence was set, for diagnostics.
    public var licenseLine: Int?
    /// AMB context, source organisations and the OAI gateway.
    public var metadata = MetadataSettings()
    /// Where the site was read from, for checks that look into media files and for copying them.
    public var source: FileAccess?
}

/// Metadata settings of site.yml that only harvesters see.
public struct MetadataSettings: Sendable {
    /// Which AMB JSON-LD context the records name: the released one, or the draft one some harvesters pin.
    public enum AMBContext: String, Sendable { case released, draft }
    public var ambContext = AMBContext.released
    /// `source_organization`: the organisations behind the material (schema.org `sourceOrganization`).
    public var sourceOrganizations: [Person] = []
    /// Base URL of the OAI-PMH static repository gateway that serves `oai-pmh.xml` (`oai_gateway`).
    public var oaiGateway: String?

    public init() {}
}

/// Where each kind of page lives in the output, relative to the site root.
public enum SitePaths {
    public static func course(_ course: String) -> String { "kurse/\(course)/" }
    public static func module(course: String, module: String) -> String { "kurse/\(course)/\(module)/" }
    public static func tool(_ id: String) -> String { "werkzeuge/\(id)/" }
    public static let toolCatalogue = "werkzeuge/"

    /// Output path of a content file copied unchanged: `courses/x/a.png` → `kurse/x/a.png`. Names are published
    /// in Unicode NFC, the form links are written in, whatever form the file system stored.
    public static func asset(_ path: String) -> String {
        let contentPath = path.utf8.allSatisfy({ $0 < 0x80 }) ? path : path.precomposedStringWithCanonicalMapping
        if contentPath.hasPrefix("courses/") { return "kurse/" + contentPath.dropFirst("courses/".count) }
        if contentPath.hasPrefix("tools/") { return "werkzeuge/" + contentPath.dropFirst("tools/".count) }
        return contentPath
    }

    /// A relative URL from the folder `fromDirectory` (site-relative, "" or ending in "/") to `target`. Called for
    /// every link of every page, so it works on the UTF-8 bytes without splitting into strings.
    public static func relative(from fromDirectory: String, to target: String) -> String {
        let from = Array(fromDirectory.utf8), to = Array(target.utf8)
        let fromSegments = segments(from), toSegments = segments(to)
        let targetIsDirectory = to.isEmpty || to.last == UInt8(ascii: "/")
        let comparable = targetIsDirectory ? toSegments.count : toSegments.count - 1
        var common = 0
        while common < fromSegments.count, common < comparable,
              from[fromSegments[common]].elementsEqual(to[toSegments[common]]) {
            common += 1
        }
        var result: [UInt8] = []
        result.reserveCapacity(3 * (fromSegments.count - common) + to.count)
        for _ in common..<fromSegments.count { result += [UInt8(ascii: "."), UInt8(ascii: "."), UInt8(ascii: "/")] }
        for (index, segment) in toSegments[common...].enumerated() {
            if index > 0 { result.append(UInt8(ascii: "/")) }
            result += to[segment]
        }
        if result.isEmpty { return "./" }
        if result.last == UInt8(ascii: "/") { result.removeLast() }  // only the "../" of a parent folder
        let path = String(decoding: result, as: UTF8.self)
        return targetIsDirectory ? path + "/" : path
    }

    /// Byte ranges of the non-empty segments between slashes.
    private static func segments(_ bytes: [UInt8]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: "/") {
            if index > start { result.append(start..<index) }
            start = index + 1
        }
        return result
    }
}
