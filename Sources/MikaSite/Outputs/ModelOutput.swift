import Foundation
import MikaContent
import MikaLicensing

/// `_mika/model.json`: the course structure for analytics and LMS integrations (format in docs/model-json.md).
public struct ModelOutput: SiteOutput {
    public static let path = "_mika/model.json"
    public static let version = 1

    public var name: String { "Write course model" }

    public init() {}

    public func artifacts(in context: OutputContext) -> [Artifact] {
        let site = context.site
        let inputs = ["site.yml"] + site.courses.flatMap { [$0.sourcePath] + $0.modules.map(\.sourcePath) }
        return [Artifact(path: Self.path, inputs: inputs) { .text(Self.json(site).text) }]
    }

    public static func json(_ site: Site) -> JSONValue {
        // The catalogue's tools, and tools described inline in a module (older content).
        var tools: [String: (facts: ToolFacts, catalogue: Tool?, modules: [String])] = [:]
        for tool in site.tools { tools[tool.name] = (tool.facts(line: 0), tool, []) }
        for module in site.courses.flatMap(\.modules) {
            guard let tool = module.tool else { continue }
            tools[tool.name, default: (tool, nil, [])].modules.append(module.urlPath)
        }
        return .object([
            ("version", .number(version)),
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

    static func course(_ course: Course) -> JSONValue {
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

    static func quiz(_ quiz: Quiz) -> JSONValue {
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

/// `_mika/b.gif`, the 1×1 transparent GIF the learning beacon requests (docs/beacon-protocol.md).
public struct BeaconOutput: SiteOutput {
    public var name: String { "Write beacon" }

    /// GIF89a, 1×1, one transparent pixel: 43 bytes.
    public static let gif = Data([
        0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00,
        0xFF, 0xFF, 0xFF, 0x21, 0xF9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2C, 0x00, 0x00, 0x00, 0x00,
        0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B,
    ])

    public init() {}

    public func artifacts(in context: OutputContext) -> [Artifact] {
        guard context.site.analytics != nil else { return [] }
        return [Artifact(path: AnalyticsSettings.beaconPath, inputs: ["site.yml"]) { .data(Self.gif) }]
    }
}
