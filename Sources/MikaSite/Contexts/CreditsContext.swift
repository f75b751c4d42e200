import Foundation
import MikaContent
import MikaLicensing
import Mustache

/// The "Bildnachweise und Lizenzen" page: every medium and every page with its TULLU notice, as tables
/// (Titel, Urheber/in, Lizenz, Quelle).
struct CreditsContext {
    var page: PageInfo
    var breadcrumb: [Crumb]
    var noBreadcrumb: Bool
    var media: [Row]
    var hasMedia: Bool
    var courses: [CourseEntry]

    /// One line of a table; link texts are titles and short names, never raw addresses.
    /// A class: a list element is boxed for the templates, and a reference is boxed without copying eleven fields.
    final class Row {
        var title: String
        var url: String
        var author: String?
        var licenseName: String?
        var licenseURL: String?
        var sourceURL: String?
        /// The source's host (`commons.wikimedia.org`) as link text, or the source as written when it is no address.
        var sourceText: String?
        var changes: String?
        /// "von der freien Lizenz ausgenommen" for media under `NONE` or a `LicenseRef-`; nil otherwise.
        var excluded: String?
        var adaptedFrom: [String]
        var hasAdaptedFrom: Bool

        init(title: String, url: String, author: String?, license spdx: String?, source: String?, changes: String?,
             adaptedFrom: [String] = [], excludedLabel: String? = nil) {
            self.title = title
            self.url = url
            self.author = author
            let license = spdx.flatMap(License.named)
            licenseName = spdx == "NONE" ? nil : license?.name ?? spdx
            licenseURL = license?.url
            excluded = spdx.map(MediaLicense.isExclusion) == true ? excludedLabel : nil
            if let source, source.hasPrefix("https://") || source.hasPrefix("http://") {
                sourceURL = source
                sourceText = URLComponents(string: source)?.host ?? source
            } else {
                sourceText = source
            }
            self.changes = changes
            self.adaptedFrom = adaptedFrom
            hasAdaptedFrom = !adaptedFrom.isEmpty
        }
    }

    struct CourseEntry {
        var title: String
        var url: String?
        var notice: String
        var modules: [Row]
    }

    static let path = "lizenzen/"

    /// The whole site's page, or one course's (in its LMS packages: its modules and the media they use).
    init(site: Site, course only: Course? = nil, resolver: LinkResolver = WebLinkResolver(), t: UIStrings) {
        page = PageInfo(title: t.text("credits_title"), description: nil, language: site.language, site: site,
                        directory: Self.path, resolver: resolver, t: t)
        breadcrumb = (page.home.map { [Crumb(title: t.text("home"), url: $0)] } ?? [])
            + [Crumb(title: t.text("credits_title"), url: nil)]
        noBreadcrumb = resolver.package != nil
        media = site.mediaLicenses.values.sorted { $0.path < $1.path }
            .filter { only == nil || resolver.reaches(SitePaths.asset($0.path)) }.map { media in
                let attribution = Attribution(media)
                return Row(title: attribution.title, url: resolver.url(of: SitePaths.asset(media.path), from: Self.path),
                           author: attribution.author, license: attribution.license, source: attribution.source,
                           changes: attribution.changes, excludedLabel: t.text("license_excluded"))
            }
        hasMedia = !media.isEmpty
        courses = (only.map { [$0] } ?? site.courses).map { course in
            let notice = Attribution(title: course.title,
                                     author: course.authors.isEmpty ? nil : course.authors.map(\.name).joined(separator: ", "),
                                     license: course.license, source: nil, changes: nil).html(t.attributionLabels)
            return CourseEntry(
                title: course.title,
                url: resolver.reaches(course.urlPath) ? resolver.url(of: course.urlPath, from: Self.path) : nil,
                notice: notice,
                modules: course.modules.map { module in
                    Row(title: module.title, url: resolver.url(of: module.urlPath, from: Self.path),
                        author: module.authors.isEmpty ? nil : module.authors.map(\.name).joined(separator: ", "),
                        license: module.license, source: site.baseURL.map { $0 + module.urlPath }, changes: nil,
                        adaptedFrom: module.basedOn.map { $0.attribution.html(t.attributionLabels) })
                })
        }
    }
}

extension CreditsContext: TemplateFields {
    static let fields = FieldTable<CreditsContext>([
        "page": { $0.page.templateValue },
        "t": { $0.page.t.templateValue },
        "breadcrumb": { $0.breadcrumb.templateValue },
        "noBreadcrumb": { $0.noBreadcrumb.templateValue },
        "media": { $0.media.templateValue },
        "hasMedia": { $0.hasMedia.templateValue },
        "courses": { $0.courses.templateValue },
    ])
}

extension CreditsContext.Row: TemplateFields {
    static let fields = FieldTable<CreditsContext.Row>([
        "title": { $0.title.templateValue },
        "url": { $0.url.templateValue },
        "author": { $0.author.templateValue },
        "licenseName": { $0.licenseName.templateValue },
        "licenseURL": { $0.licenseURL.templateValue },
        "sourceURL": { $0.sourceURL.templateValue },
        "sourceText": { $0.sourceText.templateValue },
        "changes": { $0.changes.templateValue },
        "excluded": { $0.excluded.templateValue },
        "adaptedFrom": { $0.adaptedFrom.templateValue },
        "hasAdaptedFrom": { $0.hasAdaptedFrom.templateValue },
    ])
}

extension CreditsContext.CourseEntry: TemplateFields {
    static let fields = FieldTable<CreditsContext.CourseEntry>([
        "title": { $0.title.templateValue },
        "url": { $0.url.templateValue },
        "notice": { $0.notice.templateValue },
        "modules": { $0.modules.templateValue },
    ])
}
