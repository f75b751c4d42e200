import Foundation

extension AnalyticsReport {
    /// One self-contained HTML file: styles inline, charts as inline SVG with the numbers as tables beside them,
    /// nothing requested from another host.
    public func html() -> String {
        var body = ""
        func count(_ value: Int?) -> String { value.map(Self.grouped) ?? "&lt;\(minimumGroup)" }
        func percent(_ value: Double?) -> String { value.map { String(format: "%.1f %%", $0 * 100) } ?? "–" }
        func minutes(_ value: Spread?) -> String { value.map { "\(Self.number($0.median)) / \(Self.number($0.p90))" } ?? "–" }
        let c = input.counts
        body += "<p>\(Self.grouped(c.lines)) log lines read, \(Self.grouped(c.accepted)) beacon requests counted"
        body += from.map { ", \(Self.escape(String($0.prefix(10)))) to \(Self.escape(String((to ?? $0).prefix(10)))) (UTC)" } ?? ""
        body += ". Groups of fewer than \(minimumGroup) learners are not shown. Times in minutes, median / 90th percentile.</p>\n"
        if c.malformed > 0 || !input.problems.isEmpty {
            body += "<p>\(Self.grouped(c.malformed)) malformed lines"
            body += input.malformedLines.isEmpty ? "" : " (first at \(Self.escape(input.malformedLines.prefix(5).joined(separator: ", "))))"
            body += ". " + input.problems.map { Self.escape("\($0.file): \($0.message)") }.joined(separator: "; ") + "</p>\n"
        }
        var chartNumber = 0
        func chart(_ title: String, _ unit: String, _ bars: [(label: String, value: Double?)], maximum: Double? = nil,
                   format: (Double) -> String) -> String {
            chartNumber += 1
            let id = "chart\(chartNumber)"
            let top = max(maximum ?? bars.compactMap(\.value).max() ?? 1, 0.0001)
            let rowHeight = 26, labelWidth = 260, barWidth = 360
            let height = bars.count * rowHeight + 10
            var svg = "<svg viewBox=\"0 0 \(labelWidth + barWidth + 90) \(height)\" role=\"img\" aria-labelledby=\"\(id)t\" "
            svg += "width=\"100%\" style=\"max-width:\(labelWidth + barWidth + 90)px\" focusable=\"false\">"
            svg += "<title id=\"\(id)t\">\(Self.escape(title)) (\(Self.escape(unit))); the numbers are in the table that follows</title>"
            for (index, bar) in bars.enumerated() {
                let y = index * rowHeight + 5
                let label = bar.label.count > 38 ? String(bar.label.prefix(37)) + "…" : bar.label
                svg += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 17)\" text-anchor=\"end\">\(Self.escape(label))</text>"
                if let value = bar.value {
                    let width = max(1, Int(Double(barWidth) * min(value, top) / top))
                    svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(width)\" height=\"\(rowHeight - 8)\" class=\"bar\"></rect>"
                    svg += "<text x=\"\(labelWidth + width + 6)\" y=\"\(y + 17)\">\(Self.escape(format(value)))</text>"
                } else {
                    svg += "<text x=\"\(labelWidth + 6)\" y=\"\(y + 17)\" class=\"muted\">not shown</text>"
                }
            }
            svg += "</svg>"
            var table = "<table><caption>\(Self.escape(title))</caption><thead><tr><th scope=\"col\"></th>"
            table += "<th scope=\"col\">\(Self.escape(unit))</th></tr></thead><tbody>"
            for bar in bars {
                table += "<tr><th scope=\"row\">\(Self.escape(bar.label))</th><td>\(bar.value.map { Self.escape(format($0)) } ?? "–")</td></tr>"
            }
            table += "</tbody></table>"
            return "<figure class=\"chart\"><figcaption>\(Self.escape(title))</figcaption>\(svg)\(table)</figure>\n"
        }
        func table(_ caption: String, _ header: [String], _ rows: [[String]]) -> String {
            guard !rows.isEmpty else { return "" }
            var html = "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"\(Self.escape(caption))\"><table><caption>"
            html += Self.escape(caption) + "</caption><thead><tr>"
            html += header.map { "<th scope=\"col\">\(Self.escape($0))</th>" }.joined() + "</tr></thead><tbody>"
            for row in rows {
                html += "<tr>" + row.enumerated().map { $0.offset == 0 ? "<th scope=\"row\">\($0.element)</th>" : "<td>\($0.element)</td>" }
                    .joined() + "</tr>"
            }
            return html + "</tbody></table></div>\n"
        }
        for course in courses {
            body += "<section aria-labelledby=\"course-\(Self.escape(course.slug))\">"
            body += "<h2 id=\"course-\(Self.escape(course.slug))\">\(Self.escape(course.title))</h2>\n"
            body += "<dl class=\"facts\">"
            for (term, value) in [("Learners", count(course.learners)), ("Sessions", count(course.sessions)),
                                  ("Completed the course", "\(count(course.completed)) (\(percent(course.completionRate)))"),
                                  ("Learning time per learner", minutes(course.learningMinutes) + " min"),
                                  ("Sessions per learner", minutes(course.sessionsPerLearner)),
                                  ("Came back at least once", percent(course.returningShare)),
                                  ("Dropped out", count(course.dropout.droppedOut)),
                                  ("Anonymous module views", Self.grouped(course.anonymousPageViews))] {
                body += "<div><dt>\(term)</dt><dd>\(value)</dd></div>"
            }
            body += "</dl>\n"
            if !course.steps.isEmpty {
                body += chart("Learning time per step of the complete action, \(course.title)", "median minutes per learner",
                              course.steps.map { ($0.title, $0.learningMinutes?.median) }) { Self.number($0) + " min" }
            }
            let learners = course.learners
            body += chart("Completion funnel, \(course.title)", "share of the course's learners who completed the module",
                          course.modules.map { module in
                              ("\(module.position). \(module.title)",
                               learners.flatMap { total in module.completed.map { total > 0 ? Double($0) / Double(total) : 0 } })
                          }, maximum: 1) { String(format: "%.0f %%", $0 * 100) }
            body += chart("Dropout per module, \(course.title)", "share of learners who reached the module and did not come back",
                          course.modules.map { ("\($0.position). \($0.title)", $0.dropoutShare) }, maximum: 1) {
                String(format: "%.0f %%", $0 * 100)
            }
            body += table("Cohorts", ["Cohort", "Learners", "Sessions", "Completed", "Rate", "Time (min)", "Anonymous views"],
                          course.cohorts.map { [Self.escape($0.cohort), count($0.learners), count($0.sessions), count($0.completed),
                                                percent($0.completionRate), minutes($0.learningMinutes), Self.grouped($0.anonymousPageViews)] })
            body += table("Modules", ["Module", "Type", "Step", "Learners", "Completed", "Rate", "Time (min)", "Dropout", "Views",
                                      "View time (min)"],
                          course.modules.map { ["\($0.position). " + Self.escape($0.title), Self.escape($0.type), Self.escape($0.step ?? ""),
                                                count($0.learners), count($0.completed), percent($0.completionRate),
                                                minutes($0.learningMinutes), percent($0.dropoutShare), count($0.views),
                                                minutes($0.viewMinutes)] })
            for (caption, groups) in [("Phases", course.phases), ("Steps", course.steps), ("Module types", course.types)] {
                body += table(caption, [String(caption.dropLast()), "Learners", "Completed", "Rate", "Time (min)"],
                              groups.map { [Self.escape($0.title), count($0.learners), count($0.completed), percent($0.completionRate),
                                            minutes($0.learningMinutes)] })
            }
            body += table("Transitions between phases", ["Transition", "Reached the first", "Went on", "Rate", "Critical"],
                          course.transitions.map { [Self.escape("\($0.from) → \($0.to)"), count($0.reachedFrom), count($0.reachedTo),
                                                    percent($0.continuationRate), $0.critical ? "yes" : ""] })
            body += table("Quizzes", ["Quiz", "Learners", "Passed", "Rate", "Answers"],
                          course.quizzes.map { [Self.escape($0.title ?? $0.id), count($0.learners), count($0.passed), percent($0.passRate),
                                                count($0.answers)] })
            body += "</section>\n"
        }
        if !weeks.isEmpty {
            body += "<section aria-labelledby=\"weeks\"><h2 id=\"weeks\">Activity over the weeks</h2>\n"
            body += chart("Active learners per week", "learners", weeks.map { ($0.week, $0.learners.map(Double.init)) }) {
                Self.grouped(Int($0))
            }
            body += table("Weeks", ["Week", "From", "Learners", "Page views", "Active hours"],
                          weeks.map { [$0.week, $0.start, count($0.learners), Self.grouped($0.pageViews), Self.number($0.activeHours)] })
            body += "</section>\n"
        }
        if !tools.isEmpty || !downloads.isEmpty {
            body += "<section aria-labelledby=\"links\"><h2 id=\"links\">Tools and downloads</h2>\n"
            body += table("Tools opened", ["Tool", "Opened"], tools.map { [Self.escape($0.name), Self.grouped($0.opens)] })
            body += table("Downloads", ["File", "Opened"], downloads.map { [Self.escape($0.name), Self.grouped($0.opens)] })
            body += "</section>\n"
        }
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <title>Learning analytics – \(Self.escape(site))</title>
        <style>
        body { font: 16px/1.5 system-ui, sans-serif; color: #1a1a1a; background: #fff; margin: 0 auto; max-width: 72rem; padding: 1rem; }
        h1, h2 { line-height: 1.2; } h2 { margin-top: 2.5rem; border-top: 1px solid #ccc; padding-top: 1rem; }
        table { border-collapse: collapse; margin: 1rem 0; font-variant-numeric: tabular-nums; }
        caption { text-align: left; font-weight: 600; padding-bottom: .25rem; }
        th, td { border: 1px solid #bbb; padding: .25rem .5rem; text-align: right; }
        th[scope=row], thead th:first-child { text-align: left; }
        .scroll { overflow-x: auto; } .scroll:focus { outline: 3px solid #1d4f91; }
        .facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: .5rem 1rem; }
        .facts dt { font-size: .875rem; color: #444; } .facts dd { margin: 0; font-size: 1.25rem; font-weight: 600; }
        figure.chart { margin: 1.5rem 0; } figcaption { font-weight: 600; }
        svg text { font: 13px system-ui, sans-serif; fill: #1a1a1a; } svg .muted { fill: #555; }
        svg .bar { fill: #1d4f91; }
        @media (prefers-color-scheme: dark) {
          body { color: #eee; background: #121212; } th, td { border-color: #555; } .facts dt { color: #bbb; }
          svg text { fill: #eee; } svg .muted { fill: #bbb; } svg .bar { fill: #8fb8f0; }
        }
        </style>
        </head>
        <body>
        <main>
        <h1>Learning analytics: \(Self.escape(site))</h1>
        \(body)</main>
        </body>
        </html>

        """
    }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
