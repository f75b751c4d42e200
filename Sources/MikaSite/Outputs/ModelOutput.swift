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
        return [Artifact(path: Self.path, inputs: inputs) { .utf8(Self.utf8(site)) }]
    }

    /// The document, written as the model is read (`JSONWriter`, members in sorted key order): a tree of values for
    /// ten thousand modules cost twice as much. `ModelReferenceTests` holds it to the same document built as a tree.
    public static func utf8(_ site: Site) -> [UInt8] {
        // The catalogue's tools, and tools described inline in a module (older content).
        var tools: [String: (facts: ToolFacts, catalogue: Tool?, modules: [String])] = [:]
        for tool in site.tools { tools[tool.name] = (tool.facts(line: 0), tool, []) }
        for course in site.courses {
            for module in course.modules {
                guard let tool = module.tool else { continue }
                tools[tool.name, default: (tool, nil, [])].modules.append(module.urlPath)
            }
        }
        var json = JSONWriter(capacity: 400 * site.courses.reduce(0) { $0 + $1.modules.count } + 4096)
        json.object { json in
            if let analytics = site.analytics {
                json.member("analytics") { json in
                    json.member("beacon", AnalyticsSettings.beaconPath)
                    json.member("key", analytics.key)
                    json.key("protocol")
                    json.number(AnalyticsSettings.protocolVersion)
                }
            }
            json.key("courses")
            json.array { json in
                for course in site.courses {
                    json.item()
                    write(course, to: &json)
                }
            }
            json.member("generator", "mika \(MikaVersion.current)")
            json.member("site") { json in
                json.member("baseURL", site.baseURL)
                json.member("language", site.language)
                json.member("license", site.license)
                json.member("title", site.title)
            }
            json.key("tools")
            json.array { json in
                for name in tools.keys.sorted() {
                    let (facts, tool, modules) = tools[name]!
                    json.item()
                    json.object { json in
                        if let tool { json.member("categories", strings: tool.categories) }
                        json.member("cost", facts.cost)
                        json.member("dataProtection", facts.dataProtection)
                        json.member("id", tool?.id)
                        json.member("login", facts.login)
                        json.member("modules", strings: modules)
                        json.member("name", facts.name)
                        json.member("path", tool?.urlPath)
                        if let tool { json.member("steps", strings: tool.steps.map(\.rawValue)) }
                        json.member("url", facts.url)
                    }
                }
            }
            json.key("version")
            json.number(version)
        }
        return json.finish()
    }

    private static func write(_ course: Course, to json: inout JSONWriter) {
        json.object { json in
            json.member("language", course.language)
            json.member("license", course.license)
            json.key("modules")
            json.array { json in
                for (position, module) in course.modules.enumerated() {
                    json.item()
                    json.object { json in
                        if let duration = module.duration {
                            json.key("durationMinutes")
                            json.number(duration.minutes)
                        }
                        json.member("language", module.language)
                        json.member("license", module.license)
                        json.key("order")
                        json.number(module.order)
                        json.member("path", module.urlPath)
                        json.member("phase", module.phase)
                        json.key("position")
                        json.number(position + 1)
                        json.key("quizzes")
                        json.array { json in
                            for quiz in module.quizzes {
                                json.item()
                                write(quiz, to: &json)
                            }
                        }
                        json.member("slug", module.slug)
                        json.member("step", module.step?.rawValue)
                        json.member("title", module.title)
                        json.member("tool", module.tool?.name)
                        json.member("type", module.type.rawValue)
                    }
                }
            }
            json.member("path", course.urlPath)
            json.key("phases")
            json.array { json in
                for phase in course.phases {
                    json.item()
                    json.object { json in
                        json.member("duration", phase.duration)
                        json.member("id", phase.id)
                        json.member("kind", phase.kind.rawValue)
                        json.member("title", phase.title)
                    }
                }
            }
            json.member("slug", course.slug)
            json.member("title", course.title)
            if let workload = course.workload ?? course.modulesDuration {
                json.key("workloadMinutes")
                json.number(workload.minutes)
            }
        }
    }

    private static func write(_ quiz: Quiz, to json: inout JSONWriter) {
        json.object { json in
            json.member("id", quiz.id)
            if let pass = quiz.passPercent {
                json.key("passPercent")
                json.number(pass)
            }
            json.key("questions")
            json.array { json in
                for (index, question) in quiz.questions.enumerated() {
                    json.item()
                    json.object { json in
                        json.member("id", "\(quiz.id)-q\(index + 1)")
                        json.key("points")
                        json.number(question.points)
                        json.member("type", question.kind.rawValue)
                    }
                }
            }
            json.member("title", quiz.title)
            json.key("totalPoints")
            json.number(quiz.totalPoints)
        }
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
