import Foundation
import MikaMarkdown

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
        relative(from: fromDirectory, to: target, folderIndex: nil)
    }

    /// `relative(from:to:)`, with `folderIndex` (`index.html`) appended when the target is a folder.
    public static func relative(from fromDirectory: String, to target: String, folderIndex: String?) -> String {
        var fromDirectory = fromDirectory, target = target
        return fromDirectory.withUTF8 { from in target.withUTF8 { to in relative(from, to, folderIndex: folderIndex) } }
    }

    private static func relative(_ from: UnsafeBufferPointer<UInt8>, _ to: UnsafeBufferPointer<UInt8>,
                                 folderIndex: String?) -> String {
        let slash = UInt8(ascii: "/")
        /// The next non-empty segment at or after `position`.
        func segment(_ bytes: UnsafeBufferPointer<UInt8>, from position: Int) -> Range<Int>? {
            var start = position
            while start < bytes.count, bytes[start] == slash { start += 1 }
            guard start < bytes.count else { return nil }
            var end = start
            while end < bytes.count, bytes[end] != slash { end += 1 }
            return start..<end
        }
        func count(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
            var count = 0, position = 0
            while let range = segment(bytes, from: position) { count += 1; position = range.upperBound }
            return count
        }
        let targetIsDirectory = to.isEmpty || to.last == slash
        let fromCount = count(from), toCount = count(to)
        let comparable = targetIsDirectory ? toCount : toCount - 1
        var common = 0, fromPosition = 0, toPosition = 0
        while common < fromCount, common < comparable,
              let fromSegment = segment(from, from: fromPosition), let toSegment = segment(to, from: toPosition),
              from[fromSegment].elementsEqual(to[toSegment]) {
            common += 1
            fromPosition = fromSegment.upperBound
            toPosition = toSegment.upperBound
        }
        var result: [UInt8] = []
        result.reserveCapacity(3 * (fromCount - common) + to.count + 1 + (folderIndex?.utf8.count ?? 0))
        for _ in common..<fromCount { result.appendUTF8("../") }
        var first = true
        while let range = segment(to, from: toPosition) {
            if !first { result.append(slash) }
            result.append(contentsOf: to[range])
            first = false
            toPosition = range.upperBound
        }
        if result.isEmpty {
            result.append(contentsOf: [UInt8(ascii: "."), slash])
        } else {
            if result.last == slash { result.removeLast() }  // only the "../" of a parent folder
            if targetIsDirectory { result.append(slash) }
        }
        if targetIsDirectory, let folderIndex { result.appendUTF8(folderIndex) }
        return String(decoding: result, as: UTF8.self)
    }
}
