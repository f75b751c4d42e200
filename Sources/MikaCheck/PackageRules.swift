import MikaContent

/// What an LMS package cannot carry as the site does: several pass marks on one SCO, a quiz without points, a link
/// to another course. Checked only for courses that get packages.
enum PackageRules {
    static let descriptions: [(id: String, summary: String)] = [
        ("packages.pass-marks-differ", "A module's quizzes share one pass mark"),
        ("packages.quiz-without-points", "Quizzes in packages have points"),
        ("packages.link-leaves-package", "Links in packages stay inside the course"),
    ]

    static func check(_ site: Site, display: (String) -> String, into diagnostics: inout [Diagnostic]) {
        for course in site.courses where !(course.packageFormats ?? []).isEmpty {
            let courseFolder = "courses/\(course.slug)/"
            for module in course.modules {
                let file = display(module.sourcePath)
                if let first = module.quizzes.first(where: { $0.passPercent != nil }),
                   let other = module.quizzes.first(where: { $0.passPercent != nil && $0.passPercent != first.passPercent }) {
                    let highest = module.quizzes.compactMap(\.passPercent).max() ?? 0
                    var diagnostic = Diagnostic(
                        .warning, id: "packages.pass-marks-differ", file: file, line: other.location.line,
                        column: other.location.column,
                        message: "this quiz passes at \(other.passPercent ?? 0) %, another one of the module at \(first.passPercent ?? 0) %; LMS packages record one pass mark per module and use \(highest) %",
                        hint: "give the module's quizzes the same 'pass:' mark, or put them in modules of their own")
                    diagnostic.notes = [.init(file: file, line: first.location.line, column: first.location.column,
                                              message: "the other pass mark is set here")]
                    diagnostics.append(diagnostic)
                }
                for quiz in module.quizzes where quiz.totalPoints == 0 {
                    diagnostics.append(Diagnostic(
                        .warning, id: "packages.quiz-without-points", file: file, line: quiz.location.line,
                        column: quiz.location.column,
                        message: "the quiz has no points, so an LMS cannot record a score",
                        hint: "give its questions 'points: 1' or more"))
                }
                for link in module.outline.links where !link.isImage {
                    guard let target = link.target, target.hasSuffix(".md"), !target.hasPrefix(courseFolder) else { continue }
                    diagnostics.append(Diagnostic(
                        .warning, id: "packages.link-leaves-package", file: file, line: link.line, column: link.column,
                        message: "the link to '\(link.destination)' leads to another course, which the course's LMS packages do not hold",
                        hint: site.baseURL == nil
                            ? "set 'base_url' in site.yml so that packages link to the public site, or remove the link"
                            : "packages link to the public site instead (\(site.baseURL ?? "")); learners need a network connection for it"))
                }
            }
        }
    }
}
