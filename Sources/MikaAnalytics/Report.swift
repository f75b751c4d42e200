import Foundation

/// The answers `mika analytics` gives: per course, cohort, module, phase, step and type; weeks, tools and the input.
/// Only aggregates: no IP address, user agent or pseudonym; groups of fewer than `minimumGroup` learners are
/// suppressed (their numbers are null and `suppressed` is true).
public struct AnalyticsReport: Codable, Sendable {
    public struct Spread: Codable, Sendable, Equatable {
        /// Nearest-rank percentiles: the value at rank ⌈p·n⌉ of the n sorted values.
        public var median: Double
        public var p90: Double
    }

    public struct Input: Codable, Sendable {
        public var files: [String]
        public var counts: FilterCounts
        public var malformedLines: [String]
        public var unknownQuestions: Int
        public var problems: [InputProblem]
    }

    public struct Cohort: Codable, Sendable {
        public var cohort: String
        public var learners: Int?
        public var sessions: Int?
        public var sessionsPerLearner: Spread?
        public var returningShare: Double?
        public var activeDays: Spread?
        public var learningMinutes: Spread?
        public var completed: Int?
        public var completionRate: Double?
        public var anonymousPageViews: Int
        public var suppressed: Bool
    }

    public struct Module: Codable, Sendable {
        public var path: String
        public var title: String
        public var position: Int
        public var type: String
        public var step: String?
        public var phase: String?
        public var learners: Int?
        public var completed: Int?
        public var completionRate: Double?
        public var learningMinutes: Spread?
        public var droppedHere: Int?
        public var dropoutShare: Double?
        public var suppressed: Bool
        /// Page views of everyone, also without a pseudonym.
        public var views: Int?
        public var anonymousViews: Int?
        public var viewsComplete: Int?
        /// Shares of views that reached 25, 50, 75 and 100 % of the text.
        public var viewReach: [Double]?
        public var viewMinutes: Spread?
        /// Click-guides: how often each step was ticked off (step 1 first); nil when no step was.
        public var guideSteps: [Int]?
    }

    public struct Group: Codable, Sendable {
        /// Phase id, step or type.
        public var id: String
        public var title: String
        public var learners: Int?
        public var completed: Int?
        public var completionRate: Double?
        public var learningMinutes: Spread?
        public var suppressed: Bool
    }

    public struct Transition: Codable, Sendable {
        public var from: String
        public var to: String
        public var reachedFrom: Int?
        public var reachedTo: Int?
        public var continuationRate: Double?
        /// The transition that loses the largest share of learners in this course.
        public var critical: Bool
        public var suppressed: Bool
    }

    public struct Question: Codable, Sendable {
        public var id: String
        public var answers: Int?
        public var correctShare: Double?
    }

    public struct Quiz: Codable, Sendable {
        public var id: String
        public var title: String?
        public var module: String
        public var learners: Int?
        public var passed: Int?
        public var passRate: Double?
        public var answers: Int?
        public var questions: [Question]
        public var suppressed: Bool
    }

    public struct Dropout: Codable, Sendable {
        public var started: Int?
        public var completed: Int?
        public var droppedOut: Int?
        public var stillActive: Int?
        public var suppressed: Bool
    }

    public struct Course: Codable, Sendable {
        public var slug: String
        public var title: String
        public var learners: Int?
        public var sessions: Int?
        public var completed: Int?
        public var completionRate: Double?
        public var learningMinutes: Spread?
        public var sessionsPerLearner: Spread?
        public var activeDays: Spread?
        public var returningShare: Double?
        public var pageViews: Int
        public var anonymousPageViews: Int
        public var suppressed: Bool
        public var cohorts: [Cohort]
        public var modules: [Module]
        public var phases: [Group]
        public var steps: [Group]
        public var types: [Group]
        public var transitions: [Transition]
        public var dropout: Dropout
        public var quizzes: [Quiz]
    }

    public struct Week: Codable, Sendable {
        /// ISO 8601 week, `2026-W48`.
        public var week: String
        /// Its Monday.
        public var start: String
        public var learners: Int?
        public var pageViews: Int
        public var activeHours: Double
    }

    public struct Count: Codable, Sendable {
        public var name: String
        public var opens: Int
    }

    public var generator: String
    public var site: String
    public var from: String?
    public var to: String?
    public var minimumGroup: Int
    public var quietDays: Int
    public var learners: Int?
    public var input: Input
    public var courses: [Course]
    public var weeks: [Week]
    public var tools: [Count]
    public var downloads: [Count]
}

// MARK: Computing

extension AnalyticsReport {
    static func nearestRank(_ sorted: [Double], _ fraction: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    static func spread(_ values: [Double]) -> Spread? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        return Spread(median: round1(nearestRank(sorted, 0.5)), p90: round1(nearestRank(sorted, 0.9)))
    }

    /// Percentiles of a histogram (value → count).
    static func spread(histogram: [Int32: Int], scale: Double) -> Spread? {
        let total = histogram.values.reduce(0, +)
        guard total > 0 else { return nil }
        let keys = histogram.keys.sorted()
        func rank(_ fraction: Double) -> Double {
            let target = max(1, Int((fraction * Double(total)).rounded(.up)))
            var seen = 0
            for key in keys {
                seen += histogram[key]!
                if seen >= target { return Double(key) * scale }
            }
            return Double(keys.last!) * scale
        }
        return Spread(median: round1(rank(0.5)), p90: round1(rank(0.9)))
    }

    static func round1(_ value: Double) -> Double { (value * 10).rounded() / 10 }
    static func round3(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
    static func share(_ part: Int, _ whole: Int) -> Double? { whole > 0 ? round3(Double(part) / Double(whole)) : nil }

    static let dayFormatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter
    }()

    /// `2026-11-25T09:00:05Z`, written by hand (a formatter per event made the event stream 25 times slower).
    static func isoTime(_ seconds: Int64) -> String {
        let days = floorDiv(seconds, 86_400), second = Int(seconds - days * 86_400)
        let (year, month, day) = civil(fromDays: days)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        let yearText = String(year)
        return String(repeating: "0", count: max(0, 4 - yearText.count)) + yearText + "-" + two(month) + "-" + two(day) + "T"
            + two(second / 3600) + ":" + two(second / 60 % 60) + ":" + two(second % 60) + "Z"
    }

    /// The proleptic Gregorian date of a day number (days since 1970-01-01); the inverse of `daysFromCivil`.
    static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (Int(yearOfEra + era * 400 + (month <= 2 ? 1 : 0)), Int(month), Int(day))
    }

    static func month(_ seconds: Int64) -> String { String(dayFormatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds))).prefix(7)) }

    /// ISO week label of a Monday-based week number (weeks since the Monday before 1970-01-01).
    static func weekLabel(_ week: Int32) -> (label: String, monday: String) {
        let monday = (Int64(week) * 7 - 3) * 86_400
        let thursday = monday + 3 * 86_400
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = Date(timeIntervalSince1970: TimeInterval(thursday))
        let components = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
        let label = String(format: "%04d-W%02d", components.yearForWeekOfYear ?? 0, components.weekOfYear ?? 0)
        return (label, dayFormatter.string(from: Date(timeIntervalSince1970: TimeInterval(monday))))
    }

    init(_ total: Aggregate, model: SiteModel, options: AnalyticsOptions, files: [String], malformedLines: [String],
         problems: [InputProblem]) {
        let minimum = max(1, options.minimumGroup)
        func hidden(_ count: Int) -> Bool { count > 0 && count < minimum }
        generator = "mika analytics"
        site = model.title
        from = total.firstTime == .max ? nil : Self.isoTime(total.firstTime)
        to = total.lastTime == .min ? nil : Self.isoTime(total.lastTime)
        minimumGroup = minimum
        quietDays = options.quietDays
        input = Input(files: files, counts: total.counts, malformedLines: malformedLines, unknownQuestions: total.unknownQuestions,
                      problems: problems)
        let learnerStates = total.learners
        learners = hidden(learnerStates.count) ? nil : learnerStates.count
        let last = total.lastTime == .min ? 0 : total.lastTime  // no event at all: nothing to compare with
        let end = options.until.map { min($0, last) } ?? last
        let quietSince = end - Int64(options.quietDays) * 86_400

        courses = model.courses.enumerated().compactMap { courseIndex, course -> Course? in
            if let only = options.course, only != course.slug { return nil }
            let moduleSet = Set(course.modules.map { Int32($0) })
            let inCourse = learnerStates.filter { learner in learner.modules.keys.contains(where: moduleSet.contains) }
            func minutes(_ learner: LearnerState, _ modules: [Int]) -> Double {
                Double(modules.reduce(0) { $0 + Int(learner.modules[Int32($1)]?.active ?? 0) }) / 60
            }
            func completedAll(_ learner: LearnerState, _ modules: [Int]) -> Bool {
                !modules.isEmpty && modules.allSatisfy { learner.modules[Int32($0)]?.complete == true }
            }
            func cohortLabel(_ learner: LearnerState) -> String { learner.cohort ?? Self.month(learner.first) }
            func group(_ id: String, _ title: String, _ modules: [Int]) -> Group {
                let members = inCourse.filter { learner in modules.contains { learner.modules[Int32($0)] != nil } }
                let done = members.filter { completedAll($0, modules) }.count
                let hide = hidden(members.count)
                return Group(id: id, title: title, learners: hide ? nil : members.count, completed: hide ? nil : done,
                             completionRate: hide ? nil : Self.share(done, members.count),
                             learningMinutes: hide ? nil : Self.spread(members.map { minutes($0, modules) }), suppressed: hide)
            }
            let courseModules = course.modules
            let completedCourse = inCourse.filter { completedAll($0, courseModules) }
            let sessionsOf: (LearnerState) -> Int = { $0.visits[Int32(courseIndex)]?.count ?? 0 }
            let hideCourse = hidden(inCourse.count)

            // Cohorts: the `kohorte` the learner came with, else the month of the first visit.
            var byCohort: [String: [LearnerState]] = [:]
            for learner in inCourse { byCohort[cohortLabel(learner), default: []].append(learner) }
            let anonymousByCohort = total.anonymousCohortViews[Int32(courseIndex)] ?? [:]
            let cohortLabels = Set(byCohort.keys).union(anonymousByCohort.keys).sorted()
            let cohorts = cohortLabels.map { label -> Cohort in
                let members = byCohort[label] ?? []
                let hide = hidden(members.count)
                let done = members.filter { completedAll($0, courseModules) }.count
                return Cohort(cohort: label, learners: hide ? nil : members.count,
                              sessions: hide ? nil : members.map(sessionsOf).reduce(0, +),
                              sessionsPerLearner: hide ? nil : Self.spread(members.map { Double(sessionsOf($0)) }),
                              returningShare: hide ? nil : Self.share(members.filter { sessionsOf($0) > 1 }.count, members.count),
                              activeDays: hide ? nil : Self.spread(members.map { Double($0.days.count) }),
                              learningMinutes: hide ? nil : Self.spread(members.map { minutes($0, courseModules) }),
                              completed: hide ? nil : done, completionRate: hide ? nil : Self.share(done, members.count),
                              anonymousPageViews: anonymousByCohort[label] ?? 0, suppressed: hide)
            }

            // Dropout: not complete and quiet for `quietDays` before the end of the log; the last module reached.
            var droppedAt: [Int: Int] = [:]
            var dropped = 0, active = 0
            for learner in inCourse where !completedAll(learner, courseModules) {
                let works = courseModules.compactMap { module in learner.modules[Int32(module)].map { (module, $0) } }
                guard let last = works.max(by: { ($0.1.last, $0.0) < ($1.1.last, $1.0) }) else { continue }
                if last.1.last <= quietSince {
                    dropped += 1
                    droppedAt[last.0, default: 0] += 1
                } else {
                    active += 1
                }
            }

            let modules = courseModules.map { moduleIndex -> Module in
                let module = model.modules[moduleIndex]
                let works = inCourse.compactMap { $0.modules[Int32(moduleIndex)] }
                let hide = hidden(works.count)
                let views = total.moduleViews[moduleIndex]
                let hideViews = hidden(views.views)
                let done = works.filter(\.complete).count
                return Module(path: module.path, title: module.title, position: module.position, type: module.type,
                              step: module.step, phase: module.phase.map { course.phases[$0].id },
                              learners: hide ? nil : works.count, completed: hide ? nil : done,
                              completionRate: hide ? nil : Self.share(done, works.count),
                              learningMinutes: hide ? nil : Self.spread(works.map { Double($0.active) / 60 }),
                              droppedHere: hide ? nil : droppedAt[moduleIndex] ?? 0,
                              dropoutShare: hide ? nil : Self.share(droppedAt[moduleIndex] ?? 0, works.count),
                              suppressed: hide, views: hideViews ? nil : views.views,
                              anonymousViews: hideViews ? nil : views.anonymous,
                              viewsComplete: hideViews ? nil : views.complete,
                              viewReach: hideViews || views.views == 0 ? nil : views.reached.map { Self.share($0, views.views) ?? 0 },
                              viewMinutes: hideViews ? nil : Self.spread(histogram: views.activeSeconds, scale: 1.0 / 60),
                              guideSteps: total.guideSteps[moduleIndex].isEmpty ? nil
                                  : (1...(total.guideSteps[moduleIndex].keys.max() ?? 1)).map { total.guideSteps[moduleIndex][$0] ?? 0 })
            }

            let phaseGroups = course.phases.enumerated().compactMap { phaseIndex, phase -> (Phase: SiteModel.Phase, modules: [Int])? in
                let members = courseModules.filter { model.modules[$0].phase == phaseIndex }
                return members.isEmpty ? nil : (phase, members)
            }
            let phases = phaseGroups.map { group($0.Phase.id, $0.Phase.title, $0.modules) }
            var transitions: [Transition] = []
            for (from, to) in zip(phaseGroups, phaseGroups.dropFirst()) {
                let reachedFrom = inCourse.filter { learner in from.modules.contains { learner.modules[Int32($0)] != nil } }
                let reachedTo = reachedFrom.filter { learner in to.modules.contains { learner.modules[Int32($0)] != nil } }
                let hide = hidden(reachedFrom.count)
                transitions.append(Transition(from: from.Phase.id, to: to.Phase.id, reachedFrom: hide ? nil : reachedFrom.count,
                                              reachedTo: hide ? nil : reachedTo.count,
                                              continuationRate: hide ? nil : Self.share(reachedTo.count, reachedFrom.count),
                                              critical: false, suppressed: hide))
            }
            if let worst = transitions.indices.filter({ transitions[$0].continuationRate.map { $0 < 1 } ?? false })
                .min(by: { transitions[$0].continuationRate! < transitions[$1].continuationRate! }) {
                transitions[worst].critical = true
            }
            var stepOrder: [String] = [], typeOrder: [String] = []
            for moduleIndex in courseModules {
                if let step = model.modules[moduleIndex].step, !stepOrder.contains(step) { stepOrder.append(step) }
                if !typeOrder.contains(model.modules[moduleIndex].type) { typeOrder.append(model.modules[moduleIndex].type) }
            }
            let steps = stepOrder.map { step in group(step, step, courseModules.filter { model.modules[$0].step == step }) }
            let types = typeOrder.map { type in group(type, type, courseModules.filter { model.modules[$0].type == type }) }

            let quizzes = courseModules.flatMap { model.modules[$0].quizzes }.map { quizIndex -> Quiz in
                let quiz = model.quizzes[quizIndex]
                let attempted = inCourse.filter { learner in quiz.questions.contains { learner.questions[Int32($0)] != nil } }
                let passed = attempted.filter { learner in
                    let points = quiz.questions.reduce(0.0) { $0 + (learner.questions[Int32($1)] ?? 0) }
                    return points * 100 >= (quiz.passPercent ?? 100) * quiz.totalPoints - 1e-9
                }.count
                let answers = quiz.questions.reduce(0) { $0 + total.questionAnswers[$1] }
                let hide = hidden(attempted.count)
                return Quiz(id: quiz.id, title: quiz.title, module: model.modules[quiz.module].path,
                            learners: hide ? nil : attempted.count, passed: hide ? nil : passed,
                            passRate: hide ? nil : Self.share(passed, attempted.count), answers: hidden(answers) ? nil : answers,
                            questions: quiz.questions.map { questionIndex in
                                let count = total.questionAnswers[questionIndex]
                                return Question(id: model.questions[questionIndex].id, answers: hidden(count) ? nil : count,
                                                correctShare: hidden(count) ? nil : Self.share(total.questionCorrect[questionIndex], count))
                            }, suppressed: hide)
            }

            let coursePages = model.pageCourse.indices.filter { model.pageCourse[$0] == courseIndex }
            let anonymousViews = courseModules.reduce(0) { $0 + total.moduleViews[$1].anonymous }
            return Course(slug: course.slug, title: course.title, learners: hideCourse ? nil : inCourse.count,
                          sessions: hideCourse ? nil : inCourse.map(sessionsOf).reduce(0, +),
                          completed: hideCourse ? nil : completedCourse.count,
                          completionRate: hideCourse ? nil : Self.share(completedCourse.count, inCourse.count),
                          learningMinutes: hideCourse ? nil : Self.spread(inCourse.map { minutes($0, courseModules) }),
                          sessionsPerLearner: hideCourse ? nil : Self.spread(inCourse.map { Double(sessionsOf($0)) }),
                          activeDays: hideCourse ? nil : Self.spread(inCourse.map { Double($0.days.count) }),
                          returningShare: hideCourse ? nil : Self.share(inCourse.filter { sessionsOf($0) > 1 }.count, inCourse.count),
                          pageViews: coursePages.reduce(0) { $0 + total.pageViews[$1] }, anonymousPageViews: anonymousViews,
                          suppressed: hideCourse, cohorts: cohorts, modules: modules, phases: phases, steps: steps, types: types,
                          transitions: transitions,
                          dropout: Dropout(started: hideCourse ? nil : inCourse.count, completed: hideCourse ? nil : completedCourse.count,
                                           droppedOut: hideCourse ? nil : dropped, stillActive: hideCourse ? nil : active,
                                           suppressed: hideCourse),
                          quizzes: quizzes)
        }

        // Weeks from the first to the last event, also the quiet ones.
        var weeks: [Week] = []
        if total.firstTime != .max {
            let first = Int32(floorDiv(floorDiv(total.firstTime, 86_400) + 3, 7))
            let last = Int32(floorDiv(floorDiv(total.lastTime, 86_400) + 3, 7))
            var learnersPerWeek: [Int32: Int] = [:]
            for learner in learnerStates {
                for week in Set(learner.days.map { Int32(floorDiv(Int64($0) + 3, 7)) }) { learnersPerWeek[week, default: 0] += 1 }
            }
            for week in first...last {
                let (label, monday) = Self.weekLabel(week)
                let count = learnersPerWeek[week] ?? 0
                weeks.append(Week(week: label, start: monday, learners: hidden(count) ? nil : count,
                                  pageViews: total.weekViews[week] ?? 0,
                                  activeHours: Self.round1(Double(total.weekActive[week] ?? 0) / 3600)))
            }
        }
        self.weeks = weeks
        let toolNames = Dictionary(model.tools.compactMap { tool in tool.url.map { (Aggregate.host(of: $0), tool.name) } },
                                   uniquingKeysWith: { first, _ in first })
        tools = total.toolOpens.map { Count(name: toolNames[$0.key] ?? $0.key, opens: $0.value) }
            .sorted { ($1.opens, $0.name) < ($0.opens, $1.name) }
        downloads = Array(total.downloads.map { Count(name: $0.key, opens: $0.value) }
            .sorted { ($1.opens, $0.name) < ($0.opens, $1.name) }.prefix(50))
    }
}

// MARK: Running

public enum Analytics {
    /// Reads the logs and computes the report; `stream` receives every accepted event in log order (then one thread).
    public static func run(logs: [String], model: SiteModel, options: AnalyticsOptions, threads: Int,
                           progress: Progress? = nil, stream: ((StreamEvent) -> Void)? = nil) -> AnalyticsReport {
        let reader = LogReader(model: model, options: options, threads: stream == nil ? threads : 1, progress: progress)
        let total = reader.read(logs, stream: stream)
        return AnalyticsReport(total, model: model, options: options, files: logs, malformedLines: reader.malformedLines,
                               problems: reader.problems)
    }
}
