import Foundation
import MikaContent
import MikaLicensing
@testable import MikaSite
import MikaTestSupport
import XCTest

/// `_mika/model.json` is written as the model is read; the same document built as a `JSONValue` tree (whose writer
/// sorts the keys itself) is the reference, for the sample course and for a site with tools, quizzes and analytics.
final class ModelReferenceTests: XCTestCase {
    func testTheSampleSiteModelMatchesTheTreeBuiltDocument() throws {
        let (site, diagnostics) = ContentLoader(contentDirectory: FixtureTree.repositoryRoot.appendingPathComponent("content")).load()
        XCTAssertFalse(diagnostics.hasErrors)
        let sample = try XCTUnwrap(site)
        XCTAssertFalse(sample.tools.isEmpty)
        XCTAssertTrue(sample.courses.contains { $0.modules.contains { !$0.quizzes.isEmpty } })
        XCTAssertEqual(String(decoding: ModelOutput.utf8(sample), as: UTF8.self), reference(sample).text)

        var bare = sample
        bare.courses = []
        bare.tools = []
        bare.analytics = nil
        bare.baseURL = nil
        XCTAssertEqual(String(decoding: ModelOutput.utf8(bare), as: UTF8.self), reference(bare).text)
    }

    // MARK: - The document as a tree (what mika wrote before it wrote model.json directly)

    func reference(_ site: Site) -> JSONValue {
        // The catalogue's tools, and tools described inline in a module (older content).
        var tools: [String: (facts: ToolFacts, catalogue: Tool?, modules: [String])] = [:]
        for tool in site.tools { tools[tool.name] = (tool.facts(line: 0), tool, []) }
        for module in site.courses.flatMap(\.modules) {
            guard let tool = module.tool else { continue }
            tools[tool.name, default: (tool, nil, [])].modules.append(module.urlPath)
        }
        return .object([
            ("version", .number(ModelOutput.version)),
            ("generator", .string("mika \(MikaVersion.current)")),
            ("site", .object([
                ("title", .string(site.title)), ("language", .string(site.language)),
                ("baseURL", site.baseURL.map(JSONValue.string)), ("license", .string(site.license)),
            ])),
            ("analytics", site.analytics.map { analytics in
                .object([("key", .string(analytics.key)), ("beacon", .string(AnalyticsSettings.beaconPath)),
                         ("protocol", .number(AnalyticsSettings.protocolVersion))])
            }),
            ("courses", .array(site.courses.map(course))),
            ("tools", .array(tools.keys.sorted().map { name in
                let (facts, tool, modules) = tools[name]!
                return .object([
                    ("id", tool.map { .string($0.id) }), ("path", tool.map { .string($0.urlPath) }),
                    ("categories", tool.map { .array($0.categories.map(JSONValue.string)) }),
                    ("steps", tool.map { .array($0.steps.map { .string($0.rawValue) }) }),
                    ("name", .string(facts.name)), ("url", facts.url.map(JSONValue.string)),
                    ("cost", facts.cost.map(JSONValue.string)), ("login", facts.login.map(JSONValue.string)),
                    ("dataProtection", facts.dataProtection.map(JSONValue.string)),
                    ("modules", .array(modules.map(JSONValue.string))),
                ])
            })),
        ])
    }

    func course(_ course: Course) -> JSONValue {
        .object([
            ("slug", .string(course.slug)), ("path", .string(course.urlPath)), ("title", .string(course.title)),
            ("language", .string(course.language)), ("license", .string(course.license)),
            ("workloadMinutes", (course.workload ?? course.modulesDuration).map { .number($0.minutes) }),
            ("phases", .array(course.phases.map { phase in
                .object([("id", .string(phase.id)), ("kind", .string(phase.kind.rawValue)), ("title", .string(phase.title)),
                         ("duration", phase.duration.map(JSONValue.string))])
            })),
            ("modules", .array(course.modules.enumerated().map { position, module in
                .object([
                    ("slug", .string(module.slug)), ("path", .string(module.urlPath)), ("position", .number(position + 1)),
                    ("order", .number(module.order)), ("title", .string(module.title)), ("type", .string(module.type.rawValue)),
                    ("step", module.step.map { .string($0.rawValue) }), ("phase", module.phase.map(JSONValue.string)),
                    ("durationMinutes", module.duration.map { .number($0.minutes) }),
                    ("language", .string(module.language)), ("license", .string(module.license)),
                    ("tool", module.tool.map { .string($0.name) }),
                    ("quizzes", .array(module.quizzes.map(quiz))),
                ])
            })),
        ])
    }

    func quiz(_ quiz: Quiz) -> JSONValue {
        .object([
            ("id", .string(quiz.id)), ("title", quiz.title.map(JSONValue.string)),
            ("passPercent", quiz.passPercent.map { .number($0) }), ("totalPoints", .number(quiz.totalPoints)),
            ("questions", .array(quiz.questions.enumerated().map { index, question in
                .object([("id", .string("\(quiz.id)-q\(index + 1)")), ("type", .string(question.kind.rawValue)),
                         ("points", .number(question.points))])
            })),
        ])
    }
}
