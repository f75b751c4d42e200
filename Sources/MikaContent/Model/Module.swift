import MikaMarkdown

/// A module: one Markdown file `NN-slug.md` of a course, with typed front matter and rendered body.
public struct Module: Sendable {
    /// Path relative to the content folder, e.g. `courses/digitale-medien/01-einstieg.md`.
    public var sourcePath: String
    public let courseSlug: String
    public let slug: String
    /// The `NN` of the file name.
    public var order: Int
    public var title: String
    public var summary: String?
    public var duration: LearningDuration?
    public var objectives: [String]
    public var keywords: [String]
    /// SPDX licence identifier, after defaults.
    public var license: String
    public var authors: [Person]
    public var type: ModuleType
    public var step: ActionStep?
    /// The id of one of the course's phases.
    public var phase: String?
    public var language: String
    public var contributors: [Person]
    public var dates: ResourceDates
    /// Content path of the first image in the body, for metadata.
    public var firstImage: String?
    /// The parsed body: HTML with holes for links, figures, quizzes and embeds, filled by each output.
    public var body: ModuleBody
    public var headings: [MarkdownHeading]
    public var quizzes: [Quiz]
    public var outline: ModuleOutline
    public var basedOn: [SourceWork]
    public var tool: ToolFacts?
    /// Line of `license` in the front matter, for diagnostics.
    public var licenseLine: Int?
    /// What learners hand in (`deliverable:`), shown as a box on project modules.
    public var deliverable: String? = nil

    /// Output folder relative to the site root, with a trailing slash (kept: a build asks for it dozens of times
    /// per module).
    public var urlPath: String { storedURLPath }
    private let storedURLPath: String

    init(sourcePath: String, courseSlug: String, slug: String, order: Int, title: String, summary: String?,
         duration: LearningDuration?, objectives: [String], keywords: [String], license: String, authors: [Person],
         type: ModuleType, step: ActionStep?, phase: String?, language: String, contributors: [Person],
         dates: ResourceDates, firstImage: String?, body: ModuleBody, headings: [MarkdownHeading], quizzes: [Quiz],
         outline: ModuleOutline, basedOn: [SourceWork], tool: ToolFacts?, licenseLine: Int?, deliverable: String? = nil) {
        self.sourcePath = sourcePath
        self.courseSlug = courseSlug
        self.slug = slug
        storedURLPath = SitePaths.module(course: courseSlug, module: slug)
        self.order = order
        self.title = title
        self.summary = summary
        self.duration = duration
        self.objectives = objectives
        self.keywords = keywords
        self.license = license
        self.authors = authors
        self.type = type
        self.step = step
        self.phase = phase
        self.language = language
        self.contributors = contributors
        self.dates = dates
        self.firstImage = firstImage
        self.body = body
        self.headings = headings
        self.quizzes = quizzes
        self.outline = outline
        self.basedOn = basedOn
        self.tool = tool
        self.licenseLine = licenseLine
        self.deliverable = deliverable
    }
}
