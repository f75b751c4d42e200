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

extension PhasePageContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": return self.page
        case "t": return self.page.t
        case "title": return self.title
        case "kind": return self.kind
        case "kindClass": return self.kindClass
        case "timeframe": return self.timeframe
        case "about": return self.about
        case "courseTitle": return self.courseTitle
        case "attribution": return self.attribution
        default: return nil
        }
    }
}

/// The 404 page: links to the home page, the courses and the licences page.
struct NotFoundContext: MustacheParent {
    var page: PageInfo
    var courses: [NavLink]

    func child(named name: String) -> Any? {
        switch name {
        case "page": return self.page
        case "t": return self.page.t
        case "courses": return self.courses
        default: return nil
        }
    }
}
