import MikaContent
import Mustache

/// A phase without modules (a workshop, a meeting) as a page of its own, inside an LMS package.
struct PhasePageContext {
    var page: PageInfo
    var title: String
    var kind: String
    var kindClass: String
    var timeframe: String?
    var about: String?
    var courseTitle: String
    var attribution: AttributionView

    init(phase: Phase, course: Course, site: Site, folder: String, resolver: LinkResolver, t: UIStrings) {
        page = PageInfo(title: "\(phase.title) – \(course.title)", description: phase.description, language: course.language,
                        site: site, directory: folder, resolver: resolver, t: t)
        title = phase.title
        kind = t.label(phase.kind)
        kindClass = phase.kind.rawValue.slugified
        timeframe = phase.duration
        about = phase.description
        courseTitle = course.title
        attribution = AttributionView(title: course.title, authors: course.authors, license: course.license,
                                      sourceURL: site.baseURL.map { $0 + course.urlPath }, publisher: site.publisher)
    }
}

extension PhasePageContext: TemplateFields {
    static let fields = FieldTable<PhasePageContext>([
        "page": { $0.page.templateValue },
        "t": { $0.page.t.templateValue },
        "title": { $0.title.templateValue },
        "kind": { $0.kind.templateValue },
        "kindClass": { $0.kindClass.templateValue },
        "timeframe": { $0.timeframe.templateValue },
        "about": { $0.about.templateValue },
        "courseTitle": { $0.courseTitle.templateValue },
        "attribution": { $0.attribution.templateValue },
    ])
}

/// The 404 page: links to the home page, the courses and the licences page.
struct NotFoundContext: TemplateFields {
    var page: PageInfo
    var courses: [NavLink]

    static let fields = FieldTable<NotFoundContext>([
        "page": { $0.page.templateValue },
        "t": { $0.page.t.templateValue },
        "courses": { $0.courses.templateValue },
    ])
}
