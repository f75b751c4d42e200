import MikaContent
import MikaMetadata
@testable import MikaSite
import MikaTestSupport
import Mustache
import XCTest

/// Every stored property of every template context is reachable through `child(named:)`, so the fast lookup
/// can never drift from the types.
final class ContextFieldTests: XCTestCase {
    func testEveryPropertyIsReachableByName() throws {
        var files = FixtureTree.minimalSite
        files["content/courses/kurs/03-quiz.md"] = """
        ---
        title: Quiz
        type: quiz
        summary: S
        objectives: [O]
        ---
        ## A

        ## B

        ```quiz
        pass: 50
        questions:
          - {type: single, question: Q, options: [{text: a, correct: true, feedback: f}, {text: b}]}
          - {type: short, question: K, answers: [x], feedback: {correct: c, incorrect: i}}
        ```
        """
        let tree = try FixtureTree(files)
        let site = try XCTUnwrap(ContentLoader(contentDirectory: tree.url("content")).load().site)
        let course = site.courses[0]
        let module = course.modules[2]
        var diagnostics: [Diagnostic] = []
        let t = try XCTUnwrap(Theme.load(from: nil, displayPath: "", diagnostics: &diagnostics)).strings(for: "de")
        let contexts: [Any] = [
            HomeContext(site: site, t: t),
            CourseContext(course: course, site: site, records: ResourceDescription.course(course, site: site).map(ResourceRecords.init), t: t),
            ModulePageContext(module: module, index: 2, course: course, site: site, body: PageHTML(bytes: Array("<p>x</p>".utf8)),
                              records: ResourceDescription.module(module, in: course, site: site).map(ResourceRecords.init), t: t),
            QuizContext(quiz: try XCTUnwrap(module.quizzes.first), t: t),
        ]
        var checked = Set<String>()
        for context in contexts { check(context, path: "\(type(of: context))", checked: &checked) }
        XCTAssertTrue(checked.isSuperset(of: ["PageInfo", "Crumb", "NavLink", "AttributionView", "Badge", "CourseCard",
                                              "ModuleItem", "Fact", "PhaseView", "StepView", "TocEntry", "Question", "Option",
                                              "Objective", "ScriptText", "UIStrings", "TemplateBytes"]),
                      "covered: \(checked.sorted())")
    }

    private func check(_ value: Any, path: String, checked: inout Set<String>) {
        if let sequence = value as? [Any] {
            for (index, element) in sequence.enumerated() { check(element, path: "\(path)[\(index)]", checked: &checked) }
            return
        }
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            if let wrapped = mirror.children.first?.value { check(wrapped, path: path, checked: &checked) }
            return
        }
        guard mirror.displayStyle == .struct || mirror.displayStyle == .class else { return }
        if value is TemplateBytes {
            // Finished HTML (outline, metadata head): written as it is, no children by design.
            checked.insert("TemplateBytes")
            return
        }
        if value is UIStrings {
            // Answers every name with a text; checked by the i18n tests.
            checked.insert("UIStrings")
            return
        }
        guard let parent = value as? MustacheParent else {
            XCTFail("\(path): \(type(of: value)) is not a MustacheParent")
            return
        }
        checked.insert(String(describing: type(of: value)))
        for child in mirror.children {
            guard let label = child.label else { continue }
            let expected = unwrap(child.value)
            let actual = parent.child(named: label)
            XCTAssertEqual(actual.map { String(describing: $0) }, expected.map { String(describing: $0) }, "\(path).\(label)")
            if let expected { check(expected, path: "\(path).\(label)", checked: &checked) }
        }
    }

    private func unwrap(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value
    }
}
