import MikaContent
import MikaLicensing
import Mustache

/// The "Bildnachweise und Lizenzen" page: every medium and every page with its TULLU notice.
struct CreditsContext {
    var page: PageInfo
    var breadcrumb: [Crumb]
    var noBreadcrumb: Bool
    var media: [Entry]
    var hasMedia: Bool
    var courses: [CourseEntry]

    struct Entry {
        /// Already escaped HTML.
        var notice: String
        var url: String
        var file: String
    }

    struct CourseEntry {
        var title: String
        var notice: String
        var modules: [Entry]
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
            Entry(notice: Attribution(media).html(t.attributionLabels), url: resolver.url(of: SitePaths.asset(media.path), from: Self.path),
                  file: media.path)
        }
        hasMedia = !media.isEmpty
        courses = (only.map { [$0] } ?? site.courses).map { course in
            func notice(_ title: String, _ authors: [Person], _ license: String, _ sources: [SourceWork]) -> String {
                var text = Attribution(title: title, author: authors.isEmpty ? nil : authors.map(\.name).joined(separator: ", "),
                                       license: license, source: nil, changes: nil).html(t.attributionLabels)
                if !sources.isEmpty {
                    text += "; \(t.text("adapted_from")) " + sources.map { $0.attribution.html(t.attributionLabels) }.joined(separator: "; ")
                }
                return text
            }
            return CourseEntry(title: course.title, notice: notice(course.title, course.authors, course.license, []),
                               modules: course.modules.map { module in
                                   Entry(notice: notice(module.title, module.authors, module.license, module.basedOn),
                                         url: resolver.url(of: module.urlPath, from: Self.path), file: module.sourcePath)
                               })
        }
    }
}

extension CreditsContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": return self.page
        case "t": return self.page.t
        case "breadcrumb": return self.breadcrumb
        case "noBreadcrumb": return self.noBreadcrumb
        case "media": return self.media
        case "hasMedia": return self.hasMedia
        case "courses": return self.courses
        default: return nil
        }
    }
}

extension CreditsContext.Entry: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "notice": return self.notice
        case "url": return self.url
        case "file": return self.file
        default: return nil
        }
    }
}

extension CreditsContext.CourseEntry: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": return self.title
        case "notice": return self.notice
        case "modules": return self.modules
        default: return nil
        }
    }
}
