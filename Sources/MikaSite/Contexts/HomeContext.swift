import MikaContent
import MikaMetadata

struct HomeContext {
    var page: PageInfo
    var siteDescription: String?
    var courses: [CourseCard]
    var attribution: AttributionView?

    struct CourseCard {
        var title: String
        var description: String?
        var url: String
        var moduleCount: Int
        /// "3 Module", in the page's language.
        var moduleCountLabel: String
        var workload: String?
        var level: String?
    }

    init(site: Site, resolver: LinkResolver = WebLinkResolver(), t: UIStrings) {
        page = PageInfo(title: site.title, description: site.description, language: site.language, site: site,
                        directory: "", dublinCore: DublinCore(site: site), resolver: resolver, t: t)
        siteDescription = site.description
        courses = site.courses.map { course in
            CourseCard(title: course.title, description: course.description, url: resolver.url(of: course.urlPath, from: ""),
                       moduleCount: course.modules.count, moduleCountLabel: t.plural("module_count", course.modules.count),
                       workload: (course.workload ?? course.modulesDuration).map(t.duration), level: course.levels.isEmpty ? nil : course.levels.map(\.text).joined(separator: ", "))
        }
        attribution = site.license.isEmpty ? nil
            : AttributionView(title: site.title, authors: site.authors, license: site.license,
                              sourceURL: page.canonicalURL, publisher: site.publisher)
    }
}
