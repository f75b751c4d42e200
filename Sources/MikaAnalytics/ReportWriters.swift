import Foundation

extension AnalyticsReport {
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    // MARK: CSV

    /// One row per number: `table,course,id,metric,value` (spreads as `metric.median`, `metric.p90`), RFC 4180 quoting.
    public func csv() -> String {
        var rows: [[String]] = [["table", "course", "id", "metric", "value"]]
        func add<Row: Encodable>(_ table: String, _ course: String, _ id: String, _ row: Row, skipping: Set<String> = []) {
            guard let data = try? JSONEncoder().encode(row),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return }
            func emit(_ key: String, _ value: Any) {
                switch value {
                case let nested as [String: Any]:
                    for name in nested.keys.sorted() { emit(key + "." + name, nested[name]!) }
                case let list as [Any]:
                    for (index, item) in list.enumerated() where !(item is [String: Any]) { emit("\(key).\(index + 1)", item) }
                case is NSNull:
                    rows.append([table, course, id, key, ""])
                case let flag as Bool where type(of: value) == Bool.self:
                    rows.append([table, course, id, key, flag ? "true" : "false"])
                case let number as NSNumber:
                    rows.append([table, course, id, key, Self.number(number.doubleValue)])
                default:
                    rows.append([table, course, id, key, "\(value)"])
                }
            }
            for key in object.keys.sorted() where !skipping.contains(key) { emit(key, object[key]!) }
        }
        add("input", "", "", input.counts)
        for course in courses {
            add("course", course.slug, course.slug, course,
                skipping: ["cohorts", "modules", "phases", "steps", "types", "transitions", "dropout", "quizzes", "slug"])
            add("dropout", course.slug, course.slug, course.dropout)
            for cohort in course.cohorts { add("cohort", course.slug, cohort.cohort, cohort, skipping: ["cohort"]) }
            for module in course.modules { add("module", course.slug, module.path, module, skipping: ["path"]) }
            for phase in course.phases { add("phase", course.slug, phase.id, phase, skipping: ["id"]) }
            for step in course.steps { add("step", course.slug, step.id, step, skipping: ["id", "title"]) }
            for type in course.types { add("type", course.slug, type.id, type, skipping: ["id", "title"]) }
            for transition in course.transitions {
                add("transition", course.slug, transition.from + ">" + transition.to, transition, skipping: ["from", "to"])
            }
            for quiz in course.quizzes {
                add("quiz", course.slug, quiz.id, quiz, skipping: ["id", "questions"])
                for question in quiz.questions { add("question", course.slug, question.id, question, skipping: ["id"]) }
            }
        }
        for week in weeks { add("week", "", week.week, week, skipping: ["week"]) }
        for tool in tools { add("tool", "", tool.name, tool, skipping: ["name"]) }
        for download in downloads { add("download", "", download.name, download, skipping: ["name"]) }
        return rows.map { $0.map(Self.csvField).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func csvField(_ text: String) -> String {
        // A leading = + - @ would run as a formula in a spreadsheet: quoted and prefixed.
        var value = text
        if let first = value.first, "=+-@".contains(first), Double(value) == nil { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || value != text else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    // MARK: Text

    public func text() -> String {
        var out = ""
        func line(_ text: String = "") { out += text + "\n" }
        func count(_ value: Int?) -> String { value.map(Self.grouped) ?? "<\(minimumGroup)" }
        func percent(_ value: Double?) -> String { value.map { String(format: "%.1f %%", $0 * 100) } ?? "–" }
        func spread(_ value: Spread?) -> String { value.map { "\(Self.number($0.median)) / \(Self.number($0.p90))" } ?? "–" }
        line("\(site): learning analytics" + (from.map { ", \($0.prefix(10)) to \((to ?? $0).prefix(10)) (UTC)" } ?? ""))
        let c = input.counts
        line("Read \(Self.grouped(c.lines)) lines of \(input.files.count) file\(input.files.count == 1 ? "" : "s"): "
             + "\(Self.grouped(c.accepted)) beacon requests counted, \(Self.grouped(c.otherRequests)) other requests.")
        let filtered: [(String, Int)] = [("bots and tools", c.automated), ("error status", c.failedStatus), ("other method", c.otherMethod),
                                         ("invalid", c.invalidQuery), ("other site", c.otherSite), ("unknown page", c.unknownPage),
                                         ("replays", c.replayed), ("outside the period", c.outsidePeriod), ("other course", c.otherCourse)]
        let shown = filtered.filter { $0.1 > 0 }
        if !shown.isEmpty { line("Left out: " + shown.map { "\(Self.grouped($0.1)) \($0.0)" }.joined(separator: ", ") + ".") }
        if c.droppedEvents > 0 { line("Events out of range, dropped: \(Self.grouped(c.droppedEvents)).") }
        if c.malformed > 0 {
            line("Malformed lines: \(Self.grouped(c.malformed)) (first at \(input.malformedLines.prefix(5).joined(separator: ", "))).")
        }
        for problem in input.problems { line("warning: \(problem.file): \(problem.message)") }
        line("Groups of fewer than \(minimumGroup) learners are not shown (<\(minimumGroup)). Times in minutes: median / 90th percentile.")
        for course in courses {
            line()
            line("== \(course.title) (\(course.slug))")
            line("Learners \(count(course.learners)), sessions \(count(course.sessions)), completed \(count(course.completed)) "
                 + "(\(percent(course.completionRate))); learning time \(spread(course.learningMinutes)) min")
            line("Sessions per learner \(spread(course.sessionsPerLearner)), active days \(spread(course.activeDays)), "
                 + "returning \(percent(course.returningShare)); page views \(Self.grouped(course.pageViews)), "
                 + "of them anonymous module views \(Self.grouped(course.anonymousPageViews))")
            if let dropped = course.dropout.droppedOut {
                line("Dropped out \(Self.grouped(dropped)) (quiet for \(quietDays) days), still active \(count(course.dropout.stillActive))")
            }
            out += Self.table(["Cohort", "Learners", "Sessions", "Completed", "Rate", "Time", "Anon. views"], course.cohorts.map {
                [$0.cohort, count($0.learners), count($0.sessions), count($0.completed), percent($0.completionRate),
                 spread($0.learningMinutes), Self.grouped($0.anonymousPageViews)]
            })
            out += Self.table(["#", "Module", "Type", "Step", "Learners", "Completed", "Rate", "Time", "Dropout", "Views", "View time"],
                              course.modules.map {
                [String($0.position), $0.title, $0.type, $0.step ?? "", count($0.learners), count($0.completed), percent($0.completionRate),
                 spread($0.learningMinutes), percent($0.dropoutShare), count($0.views), spread($0.viewMinutes)]
            })
            for (name, groups) in [("Phase", course.phases), ("Step", course.steps), ("Type", course.types)] where !groups.isEmpty {
                out += Self.table([name, "Learners", "Completed", "Rate", "Time"], groups.map {
                    [$0.title, count($0.learners), count($0.completed), percent($0.completionRate), spread($0.learningMinutes)]
                })
            }
            if !course.transitions.isEmpty {
                out += Self.table(["Transition", "Reached first", "Went on", "Rate", ""], course.transitions.map {
                    ["\($0.from) → \($0.to)", count($0.reachedFrom), count($0.reachedTo), percent($0.continuationRate),
                     $0.critical ? "critical" : ""]
                })
            }
            if !course.quizzes.isEmpty {
                out += Self.table(["Quiz", "Learners", "Passed", "Rate", "Answers"], course.quizzes.map {
                    [$0.title ?? $0.id, count($0.learners), count($0.passed), percent($0.passRate), count($0.answers)]
                })
            }
        }
        if !weeks.isEmpty {
            line()
            out += Self.table(["Week", "Learners", "Page views", "Active hours"], weeks.map {
                [$0.week, count($0.learners), Self.grouped($0.pageViews), Self.number($0.activeHours)]
            })
        }
        if !tools.isEmpty { out += Self.table(["Tool", "Opened"], tools.map { [$0.name, Self.grouped($0.opens)] }) }
        if !downloads.isEmpty { out += Self.table(["Download", "Opened"], downloads.prefix(10).map { [$0.name, Self.grouped($0.opens)] }) }
        return out
    }

    static func grouped(_ value: Int) -> String {
        let digits = String(abs(value))
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result += "," }
            result.append(character)
        }
        return (value < 0 ? "-" : "") + result
    }

    static func table(_ header: [String], _ rows: [[String]]) -> String {
        guard !rows.isEmpty else { return "" }
        let all = [header] + rows
        var widths = header.map(\.count)
        for row in all { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        var out = "\n"
        for (number, row) in all.enumerated() {
            let cells = row.enumerated().map { index, cell -> String in
                let pad = String(repeating: " ", count: widths[index] - cell.count)
                return index == 0 || number == 0 && index < 2 || Double(cell.replacingOccurrences(of: ",", with: "")) == nil
                    && !cell.hasSuffix("%") && !cell.contains(" / ") && cell != "–" && !cell.hasPrefix("<") ? cell + pad : pad + cell
            }
            out += "  " + cells.joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
        }
        return out
    }
}

// MARK: Event stream

extension StreamEvent {
    /// One line of `--format ndjson` (docs/analytics-sql.md).
    public func ndjson() -> String {
        var fields: [(String, String)] = [("time", Self.quoted(AnalyticsReport.isoTime(time))), ("view", String(view)),
                                          ("learner", learner.map(String.init) ?? "null"),
                                          ("cohort", cohort.map(Self.quoted) ?? "null"), ("page", Self.quoted(page)),
                                          ("course", course.map(Self.quoted) ?? "null"), ("module", module.map(Self.quoted) ?? "null"),
                                          ("event", Self.quoted(event.name))]
        switch event {
        case .view, .complete: break
        case .active(let seconds), .exit(let seconds): fields.append(("seconds", String(seconds)))
        case .progress(let percent): fields.append(("percent", String(percent)))
        case .guideStep(let step): fields.append(("step", String(step)))
        case .quiz(let question, let correct, let points):
            fields += [("question", Self.quoted(question)), ("correct", correct ? "true" : "false"),
                       ("points", AnalyticsReport.number(points))]
        case .toolOpen(let url), .download(let url): fields.append(("url", Self.quoted(url)))
        }
        return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}\n"
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar == "\u{2028}" || scalar == "\u{2029}" {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
