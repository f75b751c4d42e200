import MikaContent
import MikaMetadata
import MikaMarkdown

struct ModulePageContext {
    var page: PageInfo
    var breadcrumb: [Crumb]
    /// Inside an LMS package, whose menu is the LMS's.
    var noBreadcrumb: Bool
    var title: String
    var summary: String?
    var badges: [Badge]
    var duration: String?
    var durationISO: String?
    var position: String
    var objectives: [Objective]
    var hasObjectives: Bool
    var toc: [TocEntry]
    var hasTOC: Bool
    /// The module's HTML, its holes filled for this output.
    var body: PageHTML
    var previous: NavLink?
    var next: NavLink?
    /// False inside an LMS package, where the LMS moves between modules.
    var hasPager: Bool
    /// Nil inside an LMS package, which holds no course page.
    var courseURL: String?
    var courseTitle: String
    var attribution: AttributionView
    /// Facts of the tool a click-guide explains.
    var tool: [CourseContext.Fact]
    var hasTool: Bool
    /// The catalogue entry of the tool: its page in the site (not inside packages), its address, its badges.
    var toolPage: String?
    var toolURL: String?
    var toolID: String?
    var toolBadges: [Badge]
    var hasToolBadges: Bool { !toolBadges.isEmpty }
    /// A click-guide: its steps can be ticked off (guide.js).
    var isGuide: Bool
    /// TULLU notices of the media on this page.
    var mediaCredits: [String]
    var hasMediaCredits: Bool
    /// TULLU notices of the works this module adapts.
    var sources: [String]
    var hasSources: Bool
    /// The course outline (theme template `outline`), this module marked; nil inside LMS packages.
    var outline: OutlineHTML?
    var hasOutline: Bool { outline != nil }
    /// On the last module: the way back to the course page.
    var isLast: Bool
    /// What learners hand in (project modules).
    var deliverable: String?

    final class TocEntry {
        let text: String
        let id: String
        let isSub: Bool

        init(text: String, id: String, isSub: Bool) {
            self.text = text
            self.id = id
            self.isSub = isSub
        }
    }

    init(module: Module, index: Int, course: Course, site: Site, body: PageHTML, records: ResourceRecords?,
         resolver: LinkResolver = WebLinkResolver(), t: UIStrings, outlineHTML: OutlineHTML? = nil) {
        let directory = module.urlPath
        page = PageInfo(title: "\(module.title) – \(course.title)", description: module.summary,
                        language: module.language, site: site, directory: directory,
                        records: records, resolver: resolver, t: t)
        courseURL = resolver.reaches(course.urlPath) ? resolver.url(of: course.urlPath, from: directory) : nil
        courseTitle = course.title
        breadcrumb = (page.home.map { [Crumb(title: t.text("home"), url: $0)] } ?? [])
            + [Crumb(title: course.title, url: courseURL), Crumb(title: module.title, url: nil)]
        noBreadcrumb = resolver.package != nil
        title = module.title
        summary = module.summary
        badges = Self.badges(for: module, phases: course.phases, t: t)
        duration = module.duration.map(t.duration)
        durationISO = module.duration?.iso8601
        position = t.text("module_position", ["number": String(index + 1), "total": String(course.modules.count)])
        objectives = Objective.list(module.objectives)
        hasObjectives = !objectives.isEmpty
        toc = module.headings.filter { $0.level == 2 || $0.level == 3 }
            .map { TocEntry(text: $0.text, id: $0.id, isSub: $0.level == 3) }
        hasTOC = toc.count >= 2
        self.body = body
        func link(_ other: Module) -> NavLink {
            NavLink(title: other.title, url: resolver.url(of: other.urlPath, from: directory))
        }
        let inPackage = resolver.package != nil
        previous = index > 0 && !inPackage ? link(course.modules[index - 1]) : nil
        next = index + 1 < course.modules.count && !inPackage ? link(course.modules[index + 1]) : nil
        hasPager = previous != nil || next != nil
        let assets = page.root + "assets/"
        if inPackage && page.packageFormat != nil {
            page.scripts.append(assets + "scorm.js")
            let marks = module.quizzes.compactMap(\.passPercent)
            if let mark = marks.max() { page.mastery = String(mark) }
        }
        if !module.quizzes.isEmpty { page.scripts.append(assets + "quiz.js") }
        if !inPackage { page.scripts.append(assets + "outline.js") }
        if !module.outline.embeds.isEmpty { page.scripts.append(assets + "embed.js") }
        attribution = AttributionView(title: module.title, authors: module.authors, license: module.license,
                                      sourceURL: site.baseURL.map { $0 + directory }, publisher: site.publisher)
        tool = module.tool.map { facts in
            [(t.text("tool_name"), facts.name), (t.text("tool_url"), facts.url), (t.text("tool_cost"), facts.cost),
             (t.text("tool_login"), facts.login), (t.text("tool_data_protection"), facts.dataProtection)].compactMap { term, value in value.map { CourseContext.Fact(term: term, value: $0) } }
        } ?? []
        hasTool = !tool.isEmpty
        let catalogued = module.tool?.id.flatMap { id in site.tools.first { $0.id == id } }
        toolID = catalogued?.id
        toolURL = module.tool?.url
        toolPage = catalogued.flatMap { resolver.reaches($0.urlPath) ? resolver.url(of: $0.urlPath, from: directory) : nil }
        toolBadges = catalogued.map { ToolCard.badges($0, t: t) } ?? []
        isGuide = module.type == .toolguide
        if isGuide { page.scripts.append(page.root + "assets/guide.js") }
        var seen = Set<String>()
        mediaCredits = module.outline.links.compactMap { link in
            guard link.isImage, let target = link.target, seen.insert(target).inserted,
                  let media = site.mediaLicenses[target] else { return nil }
            return Attribution(media).html(t.attributionLabels)
        }
        hasMediaCredits = !mediaCredits.isEmpty
        sources = module.basedOn.map { $0.attribution.html(t.attributionLabels) }
        hasSources = !sources.isEmpty
        deliverable = module.deliverable
        isLast = index == course.modules.count - 1 && courseURL != nil
        outline = inPackage ? nil : outlineHTML
    }

    static func badges(for module: Module, phases: [Phase] = [], t: UIStrings) -> [Badge] {
        var badges = [Badge(label: t.label(module.type), kind: "type-\(module.type.rawValue)")]
        if let step = module.step {
            badges.append(Badge(label: t.stepBadge(step), kind: "step-\(step.rawValue)"))
        }
        if let id = module.phase, let phase = phases.first(where: { $0.id == id }) {
            var badge = Badge(label: phase.title, kind: "phase phase-\(phase.kind.rawValue.slugified)")
            badge.icon = PhaseIcons.svg(phase.kind)
            badges.append(badge)
        }
        return badges
    }
}

/// A quiz as its template sees it.
struct QuizContext {
    var id: String
    var title: String
    var passPercent: Int?
    var totalPoints: Int
    var questionCount: Int
    var questions: [Question]
    /// "2 Fragen, 3 Punkte, bestanden ab 50 %".
    var summary: String
    /// Texts quiz.js shows, in the page's language.
    var scriptTexts: [ScriptText]
    var t: UIStrings
    /// `partial` when multiple-choice questions give points per right choice.
    var scoring: String

    struct ScriptText {
        var name: String
        var text: String
    }

    struct Question {
        var number: Int
        /// "Frage 2:".
        var questionLabel: String
        var kind: String
        var name: String
        var prompt: String
        var points: Int
        var pointsLabel: String
        var isChoice: Bool
        var isShort: Bool
        var inputType: String
        var hint: String
        var options: [Option]
        var answersJSON: String
        var feedbackCorrect: String?
        var feedbackIncorrect: String?
        /// "Richtig ist: A, C" (the right options, or the accepted answers).
        var solution: String
    }

    struct Option {
        var id: String
        var value: Int
        var text: String
        var correct: Bool
        var feedback: String?
    }

    init(quiz: Quiz, t: UIStrings) {
        self.t = t
        id = quiz.id
        title = quiz.title ?? t.text("quiz_title")
        summary = t.plural("quiz_summary", quiz.questions.count) + ", " + t.plural("quiz_points", quiz.totalPoints)
            + (quiz.passPercent.map { ", " + t.text("quiz_pass", ["percent": String($0)]) } ?? "")
        scoring = quiz.partialCredit ? "partial" : "all"
        scriptTexts = [("unanswered", "quiz_unanswered"), ("correct", "quiz_correct"), ("incorrect", "quiz_incorrect"),
                       ("partly", "quiz_partly"), ("result", "quiz_result"), ("passed", "quiz_passed"),
                       ("failed", "quiz_failed"), ("mark-right", "quiz_mark_right"), ("mark-wrong", "quiz_mark_wrong"),
                       ("question-verdict", "quiz_question_verdict")]
            .map { ScriptText(name: $0.0, text: t.text($0.1)) }
        passPercent = quiz.passPercent
        totalPoints = quiz.totalPoints
        questionCount = quiz.questions.count
        questions = quiz.questions.enumerated().map { index, question in
            let name = "\(quiz.id)-q\(index + 1)"
            let options = question.options.enumerated().map { optionIndex, option in
                Option(id: "\(name)-o\(optionIndex + 1)", value: optionIndex, text: option.text, correct: option.correct,
                       feedback: option.feedback)
            }
            let answers = question.acceptedAnswers.map { "\"" + jsonEscaped($0) + "\"" }.joined(separator: ",")
            let hint: String
            switch question.kind {
            case .single: hint = t.text("quiz_hint_single")
            case .multiple: hint = t.text("quiz_hint_multiple")
            case .short: hint = t.text("quiz_hint_short")
            }
            return Question(number: index + 1, questionLabel: t.text("quiz_question", ["number": String(index + 1)]), kind: question.kind.rawValue, name: name, prompt: question.prompt, points: question.points,
                            pointsLabel: t.plural("quiz_points", question.points),
                            isChoice: question.kind != .short, isShort: question.kind == .short,
                            inputType: question.kind == .multiple ? "checkbox" : "radio", hint: hint,
                            options: options, answersJSON: "[\(answers)]",
                            feedbackCorrect: question.feedbackCorrect, feedbackIncorrect: question.feedbackIncorrect,
                            solution: t.text("quiz_solution", ["answer": question.kind == .short
                                ? question.acceptedAnswers.joined(separator: " / ")
                                : question.options.filter(\.correct).map(\.text).joined(separator: "; ")]))
        }
    }
}

private func jsonEscaped(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        case "\n": result += "\\n"
        case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
        default: result.unicodeScalars.append(scalar)
        }
    }
    return result
}

import Foundation
