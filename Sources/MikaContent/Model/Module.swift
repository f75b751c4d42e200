import MikaMarkdown

/// A module: one Markdown file `NN-slug.md` of a course, with typed front matter and rendered body. A class of
/// constants: outputs pass modules around a lot, and copying a struct of thirty fields retained each of them.
public final class Module: Sendable {
    /// Path relative to the content folder, e.g. `courses/digitale-medien/01-einstieg.md`.
    public let sourcePath: String
    public let courseSlug: String
    public let slug: String
    /// The `NN` of the file name.
    public let order: Int
    public let title: String
    public let summary: String?
    public let duration: LearningDuration?
    public let objectives: [String]
    public let keywords: [String]
    /// SPDX licence identifier, after defaults.
    public let license: String
    public let authors: [Person]
    public let type: ModuleType
    public let step: ActionStep?
    /// The id of one of the course's phases.
    public let phase: String?
    public let language: String
    public let contributors: [Person]
    public let dates: ResourceDates
    /// Content path of the first image in the body, for metadata.
    public let firstImage: String?
    /// The parsed body: HTML with holes for links, figures, quizzes and embeds, filled by each output.
    public let body: ModuleBody
    public let headings: [MarkdownHeading]
    public let quizzes: [Quiz]
    public let outline: ModuleOutline
    public let basedOn: [SourceWork]
    public let tool: ToolFacts?
    /// Line of `license` in the front matter, for diagnostics.
    public let licenseLine: Int?
    /// What learners hand in (`deliverable:`), shown as a box on project modules.
    public let deliverable: String?

    /// Output folder relative to the site root, with a trailing slash (kept: a build asks for it dozens of times
    /// per module).
    public let urlPath: String

    init(sourcePath: String, courseSlug: String, slug: String, order: Int, title: String, summary: String?,
         duration: LearningDuration?, objectives: [String], keywords: [String], license: String, authors: [Person],
         type: ModuleType, step: ActionStep?, phase: String?, language: String, contributors: [Person],
         dates: ResourceDates, firstImage: String?, body: ModuleBody, headings: [MarkdownHeading], quizzes: [Quiz],
         outline: ModuleOutline, basedOn: [SourceWork], tool: ToolFacts?, licenseLine: Int?, deliverable: String? = nil) {
        self.sourcePath = sourcePath
        self.courseSlug = courseSlug
        self.slug = slug
        urlPath = SitePaths.module(course: courseSlug, module: slug)
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

    /// The same module with other dates (the git history fills them in after all modules are parsed).
    func withDates(_ dates: ResourceDates) -> Module {
        Module(sourcePath: sourcePath, courseSlug: courseSlug, slug: slug, order: order, title: title, summary: summary,
               duration: duration, objectives: objectives, keywords: keywords, license: license, authors: authors,
               type: type, step: step, phase: phase, language: language, contributors: contributors, dates: dates,
               firstImage: firstImage, body: body, headings: headings, quizzes: quizzes, outline: outline,
               basedOn: basedOn, tool: tool, licenseLine: licenseLine, deliverable: deliverable)
    }
}
