import MikaContent
import MikaLicensing

/// The one metadata value of a course or module. AMB JSON-LD, Dublin Core and OAI-DC are all written from it,
/// and it is built from the content model alone.
public struct ResourceDescription: Sendable {
    public enum Kind: Sendable { case course, module }

    public var kind: Kind
    /// Absolute URL of the page; the resource's identifier.
    public var url: String
    /// Folder of the page relative to the site root, e.g. `kurse/a/b/`.
    public var path: String
    public var name: String
    public var description: String?
    public var language: String
    public var keywords: [String]
    public var creators: [Person]
    public var contributors: [Person]
    public var publisher: Person?
    public var license: License?
    public var dates: ResourceDates
    public var duration: LearningDuration?
    public var learningResourceTypes: [Concept]
    public var educationalLevels: [Concept]
    public var audiences: [Concept]
    /// Learning objectives: taught by every resource, assessed by quizzes.
    public var objectives: [String]
    public var assessesObjectives: Bool
    public var isPartOf: [Reference]
    public var hasPart: [Reference]
    /// Absolute URL of a representative image.
    public var image: String?
    /// Works the resource adapts (`based_on`), with their attribution.
    public var basedOn: [Attribution] = []
    /// The software a click-guide explains (AMB/schema.org `mentions`, a SoftwareApplication).
    public var mentionedTools: [ToolFacts] = []
    /// School subjects (AMB `about`).
    public var subjects: [Concept] = []
    /// The organisations behind the material (`source_organization` in site.yml).
    public var sourceOrganizations: [Person] = []
    /// The site that publishes this description (AMB `mainEntityOfPage.provider`).
    public var provider: Person?
    public var ambContext = MetadataSettings.AMBContext.released
    /// Media used by the resource that are excluded from its open licence (`NONE`, `LicenseRef-`), with holder.
    public var excludedMedia: [MediaLicense] = []

    /// "Von der freien Lizenz ausgenommen: logo.png (© Firma X)": schema.org `copyrightNotice`, Dublin Core `rights`
    /// and LOM rights description carry it; nil when nothing is excluded.
    public var exclusionNotice: String? {
        guard !excludedMedia.isEmpty else { return nil }
        let items = excludedMedia.map { media in
            let details = [media.author.map { "© " + $0 }, media.license == "NONE" ? nil : media.license].compactMap { $0 }
            return media.displayTitle + (details.isEmpty ? "" : " (" + details.joined(separator: ", ") + ")")
        }
        let lead = language.hasPrefix("de") ? "Von der freien Lizenz ausgenommen" : "Excluded from the open licence"
        return lead + ": " + items.joined(separator: "; ")
    }

    public struct Reference: Sendable {
        public var url: String
        public var name: String
        public var kind: Kind
    }

    /// The course; nil without a base URL, since identifiers must be absolute.
    public static func course(_ course: Course, site: Site) -> ResourceDescription? {
        site.baseURL.map { self.course(course, site: site, base: $0) }
    }

    static func course(_ course: Course, site: Site, base: String) -> ResourceDescription {
        var description = ResourceDescription(
            kind: .course, url: base + course.urlPath, path: course.urlPath, name: course.title,
            description: course.description, language: course.language, keywords: course.keywords,
            creators: course.authors, contributors: course.contributors, publisher: site.publisher,
            license: License.named(course.license), dates: course.dates,
            duration: course.workload ?? course.modulesDuration, learningResourceTypes: [Vocabularies.course],
            educationalLevels: course.levels.map(\.concept), audiences: course.audience.map(\.concept),
            objectives: course.outcomes, assessesObjectives: false, isPartOf: [],
            hasPart: course.modules.map { Reference(url: base + $0.urlPath, name: $0.title, kind: .module) },
            image: course.modules.lazy.compactMap(\.firstImage).first.map { base + SitePaths.asset($0) })
        description.describeSite(site, course: course, base: base)
        description.excludedMedia = excluded(in: course.modules, site: site)
        return description
    }

    /// The excluded media the modules show or link, each once, in path order.
    static func excluded(in modules: [Module], site: Site) -> [MediaLicense] {
        let targets = Set(modules.flatMap { $0.outline.links.compactMap(\.target) })
        return targets.sorted().compactMap { site.mediaLicenses[$0] }.filter(\.isExcludedFromOpenLicense)
    }

    public static func module(_ module: Module, in course: Course, site: Site) -> ResourceDescription? {
        site.baseURL.map { self.module(module, in: course, site: site, base: $0) }
    }

    static func module(_ module: Module, in course: Course, site: Site, base: String) -> ResourceDescription {
        var description = ResourceDescription(
            kind: .module, url: base + module.urlPath, path: module.urlPath, name: module.title,
            description: module.summary, language: module.language, keywords: module.keywords,
            creators: module.authors, contributors: module.contributors, publisher: site.publisher,
            license: License.named(module.license), dates: module.dates, duration: module.duration,
            learningResourceTypes: [Vocabularies.learningResourceType(for: module.type)],
            educationalLevels: course.levels.map(\.concept), audiences: course.audience.map(\.concept),
            objectives: module.objectives, assessesObjectives: module.type == .quiz || !module.quizzes.isEmpty,
            isPartOf: [Reference(url: base + course.urlPath, name: course.title, kind: .course)], hasPart: [],
            image: module.firstImage.map { base + SitePaths.asset($0) }, basedOn: module.basedOn.map(\.attribution),
            mentionedTools: module.tool.map { [$0] } ?? [])
        description.describeSite(site, course: course, base: base)
        description.excludedMedia = excluded(in: [module], site: site)
        return description
    }

    /// What every record of the site shares: subjects of the course, source organisations, the site as provider.
    private mutating func describeSite(_ site: Site, course: Course, base: String) {
        subjects = course.subjects.map(\.concept)
        sourceOrganizations = site.metadata.sourceOrganizations
        provider = Person(name: site.title, kind: .organization, url: base)
        ambContext = site.metadata.ambContext
    }

    /// `https://host/oer/kurse/a/` → `oai:host:kurse/a/`
    public var oaiIdentifier: String {
        let host = url.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first.map(String.init) ?? "localhost"
        return "oai:\(host):\(path)"
    }

    /// Fragment identifiers minted for learning objectives (AMB needs a URI per objective).
    public func objectiveURI(_ index: Int) -> String { url + "#lernziel_\(index + 1)" }
}
