import Foundation
import MikaContent

/// Click-guides and the tool catalogue: every tool has a current data-protection assessment, every step of a guide
/// says in words what to do, and no screenshot is passed off as decoration.
enum ToolRules {
    static let descriptions: [(id: String, summary: String)] = [
        ("tool.no-assessment", "Every tool has a data-protection assessment"),
        ("tool.assessment-outdated", "Data-protection assessments are current"),
        ("guide.step-without-text", "Every step of a click-guide says what to do"),
        ("a11y.screenshot-alt", "Screenshots are described, not marked decorative"),
    ]

    static func check(_ site: Site, display: (String) -> String, today: Date, into diagnostics: inout [Diagnostic]) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let limit = calendar.date(byAdding: .month, value: -site.toolAssessmentMaxAge, to: today) ?? today
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        for tool in site.tools {
            let file = display(tool.sourcePath)
            guard let assessment = tool.assessment else {
                diagnostics.append(Diagnostic(.warning, id: "tool.no-assessment", file: file, line: 1, column: 1,
                                              message: "'\(tool.name)' has no data-protection assessment",
                                              hint: "add 'data_protection: {assessment: geeignet|eingeschränkt|ungeeignet, note: …, date: \(formatter.string(from: today))}' after checking where the tool keeps data"))
                continue
            }
            if let text = assessment.date, let date = formatter.date(from: text), date < limit {
                diagnostics.append(Diagnostic(.warning, id: "tool.assessment-outdated", file: file, line: assessment.line, column: 1,
                                              message: "the data-protection assessment of '\(tool.name)' dates from \(text), more than \(site.toolAssessmentMaxAge) months ago",
                                              hint: "check the provider's terms and data locations again and update 'date:' (the age is 'tool_assessment_max_age' in site.yml)"))
            } else if assessment.date == nil {
                diagnostics.append(Diagnostic(.warning, id: "tool.assessment-outdated", file: file, line: assessment.line, column: 1,
                                              message: "the data-protection assessment of '\(tool.name)' has no date",
                                              hint: "add 'date: \(formatter.string(from: today))' to 'data_protection:'"))
            }
        }
        for module in site.courses.flatMap(\.modules) where module.type == .toolguide {
            let file = display(module.sourcePath)
            for step in module.outline.steps where !step.hasText {
                diagnostics.append(Diagnostic(.warning, id: "guide.step-without-text", file: file, line: step.line, column: 1,
                                              message: "this step shows a screenshot but says nothing",
                                              hint: "write what to do in words before the screenshot: not everyone sees it"))
            }
            for link in module.outline.links where link.isImage && link.isDecorative {
                diagnostics.append(Diagnostic(.error, id: "a11y.screenshot-alt", file: file, line: link.line, column: link.column,
                                              message: "a screenshot in a click-guide is marked decorative",
                                              hint: "say in the brackets what the screenshot shows, e.g. ![Das Menü „Datei“ mit dem Eintrag „Exportieren“](…)"))
            }
        }
    }
}
