/// A course: `courses/<slug>/course.yml` and its modules in order.
public struct Course: Sendable {
    public var slug: String
    public var sourcePath: String
    public var title: String
    public var description: String?
    public var outcomes: [String]
    public var workload: LearningDuration?
    /// `level:` — one value or a list; every value goes into the metadata.
    public var levels: [VocabularyValue]
    public var audience: [VocabularyValue]
    /// `subjects:` — school subjects (KIM Schulfächer), AMB `about`.
    public var subjects: [VocabularyValue] = []
    public var phases: [Phase]
    public var license: String
    public var authors: [Person]
    public var language: String
    public var keywords: [String]
    public var contributors: [Person]
    public var dates: ResourceDates
    public var modules: [Module]
    public var licensePolicy: LicensePolicy
    /// Line of `license` in course.yml, for diagnostics.
    public var licenseLine: Int?
    /// LMS package formats of this course (`packages:` in course.yml, else site.yml); nil until loaded.
    public var packageFormats: [PackageFormat]? = nil

    public var urlPath: String { SitePaths.course(slug) }

    /// Sum of the modules' durations.
    public var modulesDuration: LearningDuration? {
        let known = modules.compactMap(\.duration)
        return known.isEmpty ? nil : LearningDuration(minutes: known.reduce(0) { $0 + $1.minutes })
    }
}
