import MikaContent
import MikaMetadata

final class ModuleItem {
    let title: String
    let summary: String?
    let url: String
    let number: Int
    let duration: String?
    let badges: [Badge]

    init(title: String, summary: String?, url: String, number: Int, duration: String?, badges: [Badge]) {
        self.title = title
        self.summary = summary
        self.url = url
        self.number = number
        self.duration = duration
        self.badges = badges
    }
}

struct CourseContext {
    var page: PageInfo
    var breadcrumb: [Crumb]
    var title: String
    var description: String?
    var outcomes: [Objective]
    var hasOutcomes: Bool
    var facts: [Fact]
    var phases: [PhaseView]
    var unphasedModules: [ModuleItem]
    var hasUnphasedModules: Bool
    var steps: [StepView]
    var firstModule: NavLink?
    /// "Kurs beginnen: …" with the first module's title.
    var startLabel: String?
    var attribution: AttributionView
    /// The course's LMS packages with format and size.
    var packages: [PackageLink]
    var hasPackages: Bool

    struct PackageLink {
        var url: String
        /// "SCORM 1.2, 84 KB".
        var label: String
        var fileName: String
    }

    struct Fact {
        var term: String
        var value: String
    }

    struct PhaseView {
        var number: Int
        /// "Phase 2:".
        var phaseLabel: String
        var id: String
        var title: String
        var kind: String
        var kindClass: String
        /// Named apart from a module item's `duration`, which Mustache would otherwise fall back to.
        var timeframe: String?
        /// What happens in the phase (named apart from the course's `description`, which Mustache would find).
        var about: String?
        var modules: [ModuleItem]
        var hasModules: Bool
        var icon: String
    }

    /// The kinds of phase the course uses, with icon and name, for the legend.
    var legend: [LegendEntry]

    struct LegendEntry {
        var kindClass: String
        var label: String
        var icon: String
    }

    struct StepView {
        var number: Int
        var label: String
        var modules: [NavLink]
        var hasModules: Bool
    }

    init(course: Course, site: Site, records: ResourceRecords?, resolver: LinkResolver = WebLinkResolver(), t: UIStrings,
         packages: [(format: PackageFormat, size: Int)] = []) {
        let directory = course.urlPath
        page = PageInfo(title: course.title, description: course.description, language: course.language, site: site,
                        directory: directory, records: records, resolver: resolver, t: t)
        breadcrumb = [Crumb(title: t.text("home"), url: page.home), Crumb(title: course.title, url: nil)]
        title = course.title
        description = course.description
        outcomes = Objective.list(course.outcomes)
        hasOutcomes = !outcomes.isEmpty
        var facts: [Fact] = []
        if let workload = course.workload ?? course.modulesDuration { facts.append(Fact(term: t.text("workload"), value: t.duration(workload))) }
        facts.append(Fact(term: t.text("modules"), value: "\(course.modules.count)"))
        if !course.levels.isEmpty { facts.append(Fact(term: t.text("level"), value: course.levels.map(\.text).joined(separator: ", "))) }
        if !course.audience.isEmpty { facts.append(Fact(term: t.text("audience"), value: course.audience.map(\.text).joined(separator: ", "))) }
        if !course.authors.isEmpty { facts.append(Fact(term: t.text("authors"), value: course.authors.map(\.name).joined(separator: ", "))) }
        self.facts = facts

        func item(_ module: Module, number: Int) -> ModuleItem {
            ModuleItem(title: module.title, summary: module.summary,
                       url: resolver.url(of: module.urlPath, from: directory), number: number,
                       duration: module.duration.map(t.duration), badges: ModulePageContext.badges(for: module, t: t))
        }
        let numbered = Array(course.modules.enumerated())
        phases = course.phases.enumerated().map { index, phase in
            let modules = numbered.filter { $0.element.phase == phase.id }.map { item($0.element, number: $0.offset + 1) }
            return PhaseView(number: index + 1, phaseLabel: t.text("phase_number", ["number": String(index + 1)]), id: phase.id, title: phase.title, kind: t.label(phase.kind),
                             kindClass: phase.kind.rawValue.slugified, timeframe: phase.duration,
                             about: phase.description, modules: modules, hasModules: !modules.isEmpty,
                             icon: PhaseIcons.svg(phase.kind))
        }
        var seenKinds = Set<PhaseKind>()
        legend = course.phases.map(\.kind).filter { seenKinds.insert($0).inserted }.map {
            LegendEntry(kindClass: $0.rawValue.slugified, label: t.label($0), icon: PhaseIcons.svg($0))
        }
        unphasedModules = numbered.filter { $0.element.phase == nil }.map { item($0.element, number: $0.offset + 1) }
        hasUnphasedModules = !unphasedModules.isEmpty
        steps = ActionStep.allCases.map { step in
            let modules = course.modules.filter { $0.step == step }
                .map { NavLink(title: $0.title, url: resolver.url(of: $0.urlPath, from: directory)) }
            return StepView(number: step.number, label: t.label(step), modules: modules, hasModules: !modules.isEmpty)
        }
        firstModule = course.modules.first.map { NavLink(title: $0.title, url: resolver.url(of: $0.urlPath, from: directory)) }
        startLabel = course.modules.first.map { t.text("start_course", ["title": $0.title]) }
        attribution = AttributionView(title: course.title, authors: course.authors, license: course.license,
                                      sourceURL: page.canonicalURL, publisher: site.publisher)
        self.packages = packages.map { package in
            let name = package.format.fileName(course: course.slug)
            return PackageLink(url: resolver.url(of: PackagesOutput.folder + name, from: directory),
                               label: t.text("package_size", ["format": package.format.displayName,
                                                              "size": Self.size(package.size, language: course.language)]),
                               fileName: name)
        }
        hasPackages = !self.packages.isEmpty
    }

    /// 84_211 → "83 KB"; 1_234_567 → "1,2 MB" (German) or "1.2 MB".
    static func size(_ bytes: Int, language: String) -> String {
        if bytes < 1_000_000 { return "\(max(1, (bytes + 999) / 1000)) KB" }
        let tenths = (bytes + 50_000) / 100_000
        let separator = language.hasPrefix("en") ? "." : ","
        return "\(tenths / 10)\(separator)\(tenths % 10) MB"
    }
}

import MikaMarkdown
