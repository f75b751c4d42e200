/// What `mika analytics` is asked.
public struct AnalyticsOptions: Sendable {
    /// Only events from this time on (seconds since 1970, UTC) and before `until`.
    public var since: Int64?
    public var until: Int64?
    /// Only this course (its slug).
    public var course: String?
    /// Aggregate rows with fewer learners are left out.
    public var minimumGroup = 5
    /// A learner without activity for this many days before the end of the log has dropped out (unless complete).
    public var quietDays = 14
    /// A pause longer than this starts a new session of a learner.
    public var sessionGap: Int64 = 1800

    public init() {}
}

/// Why log lines were left out; each counted.
public struct FilterCounts: Sendable, Codable, Equatable {
    public var lines = 0
    public var malformed = 0
    public var otherRequests = 0
    public var beaconHits = 0
    public var accepted = 0
    public var automated = 0
    public var failedStatus = 0
    public var otherMethod = 0
    public var invalidQuery = 0
    public var otherSite = 0
    public var unknownPage = 0
    public var replayed = 0
    public var outsidePeriod = 0
    public var otherCourse = 0
    public var droppedEvents = 0

    mutating func add(_ other: FilterCounts) {
        lines += other.lines; malformed += other.malformed; otherRequests += other.otherRequests
        beaconHits += other.beaconHits; accepted += other.accepted; automated += other.automated
        failedStatus += other.failedStatus; otherMethod += other.otherMethod; invalidQuery += other.invalidQuery
        otherSite += other.otherSite; unknownPage += other.unknownPage; replayed += other.replayed
        outsidePeriod += other.outsidePeriod; otherCourse += other.otherCourse; droppedEvents += other.droppedEvents
    }
}

/// One page session (the `s` of the protocol): a page from opening to leaving.
struct PageSession {
    var page: Int32
    var learner: Int32
    var cohort: Int32
    var first: Int64
    var last: Int64
    /// Request numbers seen (1…60): a number seen twice is a replay.
    var seen: UInt64
    var active: Int32 = 0
    var progress: UInt8 = 0
    var complete = false
    /// Opened in the first hour of a later part of the log: it may have begun in the part before.
    var atStart = false

    mutating func merge(_ other: PageSession) {
        if learner < 0 { learner = other.learner }
        if cohort < 0 { cohort = other.cohort }
        first = min(first, other.first)
        last = max(last, other.last)
        seen |= other.seen
        active += other.active
        progress = max(progress, other.progress)
        complete = complete || other.complete
    }
}

/// A learner's work on one module.
struct ModuleWork {
    var active: Int32 = 0
    var progress: UInt8 = 0
    var complete = false
    var first: Int64 = .max
    var last: Int64 = .min

    mutating func merge(_ other: ModuleWork) {
        active += other.active
        progress = max(progress, other.progress)
        complete = complete || other.complete
        first = min(first, other.first)
        last = max(last, other.last)
    }
}

/// Everything known of one pseudonymous learner.
struct LearnerState {
    var first: Int64 = .max
    var last: Int64 = .min
    var cohort: String?
    var cohortTime: Int64 = .max
    /// Per course: the learner's sessions as time intervals, in order.
    var visits: [Int32: [ClosedRange<Int64>]] = [:]
    var days: Set<Int32> = []
    var modules: [Int32: ModuleWork] = [:]
    /// Best points per quiz question.
    var questions: [Int32: Double] = [:]

    mutating func touch(_ time: Int64, course: Int32, gap: Int64) {
        first = min(first, time)
        last = max(last, time)
        days.insert(Int32(truncatingIfNeeded: floorDiv(time, 86_400)))
        guard course >= 0 else { return }
        var list = visits[course, default: []]
        if let last = list.last, time >= last.lowerBound {
            if time <= last.upperBound + gap {
                if time > last.upperBound { list[list.count - 1] = last.lowerBound...time }
            } else {
                list.append(time...time)
            }
        } else {
            // Older than the current session (a log out of time order): placed where it belongs.
            list = Self.coalesce(list + [time...time], gap: gap)
        }
        visits[course] = list
    }

    mutating func merge(_ other: LearnerState, gap: Int64) {
        first = min(first, other.first)
        last = max(last, other.last)
        if other.cohortTime < cohortTime { cohort = other.cohort; cohortTime = other.cohortTime }
        for (course, list) in other.visits { visits[course] = Self.coalesce(visits[course, default: []] + list, gap: gap) }
        days.formUnion(other.days)
        for (module, work) in other.modules { modules[module, default: ModuleWork()].merge(work) }
        for (question, points) in other.questions { questions[question] = max(questions[question] ?? 0, points) }
    }

    static func coalesce(_ intervals: [ClosedRange<Int64>], gap: Int64) -> [ClosedRange<Int64>] {
        var result: [ClosedRange<Int64>] = []
        for interval in intervals.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = result.last, interval.lowerBound <= last.upperBound + gap {
                result[result.count - 1] = last.lowerBound...max(last.upperBound, interval.upperBound)
            } else {
                result.append(interval)
            }
        }
        return result
    }
}

@inline(__always) func floorDiv(_ value: Int64, _ divisor: Int64) -> Int64 {
    value >= 0 ? value / divisor : (value - divisor + 1) / divisor
}

/// Page views of one module: every page session, with or without a pseudonym.
struct ModuleViews {
    var views = 0
    var anonymous = 0
    /// Views that reached 25, 50, 75, 100 % of the text.
    var reached = [0, 0, 0, 0]
    var complete = 0
    /// Active seconds per view → number of views.
    var activeSeconds: [Int32: Int] = [:]

    mutating func merge(_ other: ModuleViews) {
        views += other.views; anonymous += other.anonymous; complete += other.complete
        for index in 0..<4 { reached[index] += other.reached[index] }
        for (seconds, count) in other.activeSeconds { activeSeconds[seconds, default: 0] += count }
    }
}

/// An accepted event, for the event stream (`--format ndjson`).
public struct StreamEvent {
    public var time: Int64
    /// The page session, numbered in order of appearance.
    public var view: Int
    /// The learner, numbered in order of appearance; nil when anonymous.
    public var learner: Int?
    public var cohort: String?
    public var page: String
    public var course: String?
    public var module: String?
    public var event: BeaconEvent
}

/// The totals of one part of the log. Parts are read in parallel and merged in time order.
final class Aggregate {
    let model: SiteModel
    let options: AnalyticsOptions
    let keyBytes: [UInt8]?
    let courseFilter: Int?
    var counts = FilterCounts()
    /// Line numbers (in this part) of malformed lines, the first few.
    var malformedLines: [Int] = []
    var firstTime: Int64 = .max
    var lastTime: Int64 = .min
    var sessions: [UInt64: PageSession] = [:]
    var learnerIndex: [UInt64: Int32] = [:]
    var learners: [LearnerState] = []
    var cohorts: [String] = []
    var cohortIndex: [String: Int32] = [:]
    var pageViews: [Int]
    var moduleViews: [ModuleViews]
    var questionAnswers: [Int]
    var questionCorrect: [Int]
    var toolOpens: [String: Int] = [:]
    var downloads: [String: Int] = [:]
    /// Per module: click-guide step → times it was ticked off.
    var guideSteps: [[Int: Int]]
    var unknownQuestions = 0
    /// Week (Monday-based, since 1970) → page views, active seconds.
    var weekViews: [Int32: Int] = [:]
    var weekActive: [Int32: Int] = [:]
    /// Page sessions with a cohort but no pseudonym, per course and cohort.
    var anonymousCohortViews: [Int32: [String: Int]] = [:]
    /// Sessions opened before this time may continue a session of the previous part.
    var startWindowEnd: Int64 = .min
    var isContinuation = false
    var agents = UserAgentFilter()
    var times = LogTimeParser()
    var linesSinceSweep = 0
    var currentTime: Int64 = .min
    /// Called with every accepted event (the event stream); numbering then needs one part only.
    var stream: ((StreamEvent) -> Void)?
    var sessionNumbers: [UInt64: Int] = [:]

    init(model: SiteModel, options: AnalyticsOptions, continuation: Bool) {
        self.model = model
        self.options = options
        keyBytes = model.key.map { Array($0.utf8) }
        courseFilter = options.course.flatMap { slug in model.courses.firstIndex { $0.slug == slug } }
        pageViews = Array(repeating: 0, count: model.pageModule.count)
        moduleViews = Array(repeating: ModuleViews(), count: model.modules.count)
        questionAnswers = Array(repeating: 0, count: model.questions.count)
        questionCorrect = Array(repeating: 0, count: model.questions.count)
        guideSteps = Array(repeating: [:], count: model.modules.count)
        isContinuation = continuation
    }

    static let beaconSuffix = Array("_mika/b.gif".utf8)

    /// Reads one line (without its newline). `number` counts lines within this part, from 1.
    func consume(_ line: UnsafeBufferPointer<UInt8>, number: Int) {
        counts.lines += 1
        guard let entry = LogLine.parse(line, times: &times) else {
            if line.isEmpty { return }
            counts.malformed += 1
            if malformedLines.count < 20 { malformedLines.append(number) }
            return
        }
        if isContinuation && startWindowEnd == .min { startWindowEnd = entry.time + 3600 }
        if entry.time > currentTime { currentTime = entry.time }
        linesSinceSweep += 1
        if linesSinceSweep >= 65_536 { sweep() }
        // The path: …/_mika/b.gif, then the query.
        let target = entry.target
        var queryStart = 0
        while queryStart < target.count && target[queryStart] != 0x3F { queryStart += 1 }
        guard queryStart >= Self.beaconSuffix.count, queryStart < target.count,
              Self.endsWithBeacon(target, at: queryStart) else {
            counts.otherRequests += 1
            return
        }
        counts.beaconHits += 1
        let isPost = entry.method.count == 4 && equal(entry.method, "POST")
        guard isPost || (entry.method.count == 3 && equal(entry.method, "GET")) else { counts.otherMethod += 1; return }
        guard (200...299).contains(entry.status) || (!isPost && entry.status == 304) || (isPost && entry.status == 405) else {
            counts.failedStatus += 1
            return
        }
        guard !agents.isAutomated(entry.userAgent) else { counts.automated += 1; return }
        if let since = options.since, entry.time < since { counts.outsidePeriod += 1; return }
        if let until = options.until, entry.time >= until { counts.outsidePeriod += 1; return }
        let query = UnsafeBufferPointer(rebasing: target[(queryStart + 1)...])
        guard case .success(let beacon) = RawBeacon.parse(query) else { counts.invalidQuery += 1; return }
        if let keyBytes, !beacon.key.elementsEqual(keyBytes) { counts.otherSite += 1; return }
        guard let page = pageIndex(beacon.page) else { counts.unknownPage += 1; return }
        let course = Int32(model.pageCourse[page])
        if let courseFilter, course != courseFilter { counts.otherCourse += 1; return }
        apply(beacon, time: entry.time, page: Int32(page), course: course)
    }

    @inline(__always) static func endsWithBeacon(_ target: UnsafeBufferPointer<UInt8>, at end: Int) -> Bool {
        let start = end - beaconSuffix.count
        for index in 0..<beaconSuffix.count where target[start + index] != beaconSuffix[index] { return false }
        return start == 0 || target[start - 1] == 0x2F
    }

    var pageCache: [UInt64: Int] = [:]

    func pageIndex(_ raw: UnsafeBufferPointer<UInt8>) -> Int? {
        let hash = wordHash(raw)
        if let index = pageCache[hash] { return index >= 0 ? index : nil }
        let index = percentDecoded(raw).flatMap(model.page) ?? -1
        if pageCache.count < 100_000 { pageCache[hash] = index }
        return index >= 0 ? index : nil
    }

    func learner(_ raw: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = wordHash(raw)
        if let index = learnerIndex[hash] { return index }
        let index = Int32(learners.count)
        learnerIndex[hash] = index
        learners.append(LearnerState())
        return index
    }

    func cohort(_ raw: UnsafeBufferPointer<UInt8>) -> Int32 {
        cohort(named: String(decoding: raw, as: UTF8.self))
    }

    func cohort(named text: String) -> Int32 {
        if let index = cohortIndex[text] { return index }
        let index = Int32(cohorts.count)
        cohortIndex[text] = index
        cohorts.append(text)
        return index
    }

    func apply(_ beacon: RawBeacon, time: Int64, page: Int32, course: Int32) {
        let key = wordHash(beacon.session)
        let bit: UInt64 = 1 << UInt64(beacon.number - 1)
        let learnerNumber = beacon.learner.map(learner) ?? -1
        let cohortNumber = beacon.cohort.map(cohort) ?? -1
        var session: PageSession
        if let known = sessions[key] {
            session = known
            if session.seen & bit != 0 { counts.replayed += 1; return }
            session.seen |= bit
            session.last = max(session.last, time)
            if session.learner < 0 { session.learner = learnerNumber }
            if session.cohort < 0 { session.cohort = cohortNumber }
        } else {
            session = PageSession(page: page, learner: learnerNumber, cohort: cohortNumber, first: time, last: time,
                                  seen: bit, atStart: isContinuation && time < startWindowEnd)
        }
        counts.accepted += 1
        firstTime = min(firstTime, time)
        lastTime = max(lastTime, time)
        let module = Int32(model.pageModule[Int(page)])
        var work = learnerNumber >= 0 && module >= 0 ? learners[Int(learnerNumber)].modules[module] ?? ModuleWork() : nil
        var bestPoints: [(Int32, Double)] = []
        var validEvents = 0
        let week = Int32(truncatingIfNeeded: floorDiv(floorDiv(time, 86_400) + 3, 7))
        beacon.forEachEvent { event in
            guard let event else { counts.droppedEvents += 1; return }
            validEvents += 1
            if let stream { emit(stream, event, key: key, time: time, page: page, learner: learnerNumber, cohort: cohortNumber) }
            switch event {
            case .view:
                weekViews[week, default: 0] += 1
            case .active(let seconds):
                session.active += Int32(seconds)
                weekActive[week, default: 0] += seconds
                work?.active += Int32(seconds)
            case .progress(let percent):
                session.progress = max(session.progress, UInt8(percent))
                if let known = work { work!.progress = max(known.progress, UInt8(percent)) }
            case .complete:
                session.complete = true
                work?.complete = true
            case .quiz(let question, let correct, let points):
                guard let index = model.questionIndex[question], model.quizzes[model.questions[index].quiz].module == Int(module) else {
                    unknownQuestions += 1
                    return
                }
                questionAnswers[index] += 1
                if correct { questionCorrect[index] += 1 }
                if learnerNumber >= 0 { bestPoints.append((Int32(index), min(points, model.questions[index].points))) }
            case .toolOpen(let url):
                toolOpens[Self.host(of: url), default: 0] += 1
            case .download(let url):
                downloads[url, default: 0] += 1
            case .exit:
                break
            case .guideStep(let step):
                if module >= 0 { guideSteps[Int(module)][step, default: 0] += 1 }
            }
        }
        sessions[key] = session
        // A request whose events were all dropped says nothing of when the learner learnt.
        guard learnerNumber >= 0, validEvents > 0 else { return }
        let index = Int(learnerNumber)
        learners[index].touch(time, course: course, gap: options.sessionGap)
        if cohortNumber >= 0, time < learners[index].cohortTime {
            learners[index].cohort = cohorts[Int(cohortNumber)]
            learners[index].cohortTime = time
        }
        if var work {
            work.first = min(work.first, time)
            work.last = max(work.last, time)
            learners[index].modules[module] = work
        }
        for (question, points) in bestPoints {
            learners[index].questions[question] = max(learners[index].questions[question] ?? 0, points)
        }
    }

    func emit(_ stream: (StreamEvent) -> Void, _ event: BeaconEvent, key: UInt64, time: Int64, page: Int32, learner: Int32,
              cohort: Int32) {
        let view: Int
        if let known = sessionNumbers[key] { view = known } else { view = sessionNumbers.count + 1; sessionNumbers[key] = view }
        let module = model.pageModule[Int(page)], course = model.pageCourse[Int(page)]
        let path = model.pagePaths[Int(page)]
        stream(StreamEvent(time: time, view: view, learner: learner >= 0 ? Int(learner) + 1 : nil,
                           cohort: cohort >= 0 ? cohorts[Int(cohort)] : nil, page: path,
                           course: course >= 0 ? model.courses[course].slug : nil,
                           module: module >= 0 ? model.modules[module].path : nil, event: event))
    }

    static func host(of url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        return String(rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" && $0 != ":" }).lowercased()
    }

    /// Folds page sessions that ended an hour ago into the view counts (memory grows with learners, not lines).
    func sweep() {
        linesSinceSweep = 0
        let cutoff = currentTime - 3600
        var ended: [UInt64] = []
        for (key, session) in sessions where session.last < cutoff && !session.atStart { ended.append(key) }
        for key in ended { fold(sessions.removeValue(forKey: key)!) }
    }

    func fold(_ session: PageSession) {
        pageViews[Int(session.page)] += 1
        let module = model.pageModule[Int(session.page)]
        if session.learner < 0, session.cohort >= 0 {
            anonymousCohortViews[Int32(model.pageCourse[Int(session.page)]), default: [:]][cohorts[Int(session.cohort)], default: 0] += 1
        }
        guard module >= 0 else { return }
        moduleViews[module].views += 1
        if session.learner < 0 { moduleViews[module].anonymous += 1 }
        for (index, mark) in [25, 50, 75, 100].enumerated() where session.progress >= mark { moduleViews[module].reached[index] += 1 }
        if session.complete { moduleViews[module].complete += 1 }
        moduleViews[module].activeSeconds[session.active, default: 0] += 1
    }

    /// Adds the next part of the log (later in time) to this one.
    func absorb(_ next: Aggregate) {
        counts.add(next.counts)
        firstTime = min(firstTime, next.firstTime)
        lastTime = max(lastTime, next.lastTime)
        unknownQuestions += next.unknownQuestions
        // Learners of the next part, by their place in ours.
        var mapped = [Int32](repeating: -1, count: next.learners.count)
        for (hash, index) in next.learnerIndex {
            let mine = learnerIndex[hash] ?? {
                let created = Int32(learners.count)
                learnerIndex[hash] = created
                learners.append(LearnerState())
                return created
            }()
            mapped[Int(index)] = mine
            learners[Int(mine)].merge(next.learners[Int(index)], gap: options.sessionGap)
        }
        // Sessions: the next part's may continue ours.
        let nextCohort = next.cohorts
        for (key, var session) in next.sessions {
            session.learner = session.learner >= 0 ? mapped[Int(session.learner)] : -1
            session.cohort = session.cohort >= 0 ? cohort(named: nextCohort[Int(session.cohort)]) : -1
            session.atStart = false
            if sessions[key] != nil { sessions[key]!.merge(session) } else { sessions[key] = session }
        }
        for index in pageViews.indices { pageViews[index] += next.pageViews[index] }
        for index in moduleViews.indices { moduleViews[index].merge(next.moduleViews[index]) }
        for index in questionAnswers.indices {
            questionAnswers[index] += next.questionAnswers[index]
            questionCorrect[index] += next.questionCorrect[index]
        }
        for (key, count) in next.toolOpens { toolOpens[key, default: 0] += count }
        for index in guideSteps.indices {
            for (step, count) in next.guideSteps[index] { guideSteps[index][step, default: 0] += count }
        }
        for (key, count) in next.downloads { downloads[key, default: 0] += count }
        for (key, count) in next.weekViews { weekViews[key, default: 0] += count }
        for (key, count) in next.weekActive { weekActive[key, default: 0] += count }
        for (course, table) in next.anonymousCohortViews {
            for (label, count) in table { anonymousCohortViews[course, default: [:]][label, default: 0] += count }
        }
        currentTime = max(currentTime, next.currentTime)
    }

    /// Folds every session still open (at the end of the whole log).
    func finish() {
        for session in sessions.values { fold(session) }
        sessions.removeAll()
    }
}
