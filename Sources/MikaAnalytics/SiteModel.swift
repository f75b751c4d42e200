import Foundation

/// What the analytics reads from `site/_mika/model.json` (docs/model-json.md): the courses, their phases and modules,
/// the quiz questions and the site key of the beacon.
public struct SiteModel: Sendable {
    public struct Course: Sendable {
        public var slug: String
        public var path: String
        public var title: String
        public var phases: [Phase]
        /// Indexes into `SiteModel.modules`, in course order.
        public var modules: [Int]
    }

    public struct Phase: Sendable {
        public var id: String
        public var title: String
    }

    public struct Module: Sendable {
        public var path: String
        public var title: String
        public var course: Int
        public var position: Int
        public var type: String
        public var step: String?
        /// Index into the course's `phases`.
        public var phase: Int?
        public var quizzes: [Int]
    }

    public struct Quiz: Sendable {
        public var id: String
        public var title: String?
        public var module: Int
        public var passPercent: Double?
        public var totalPoints: Double
        /// Indexes into `SiteModel.questions`.
        public var questions: [Int]
    }

    public struct Question: Sendable {
        public var id: String
        public var quiz: Int
        public var points: Double
    }

    public struct Tool: Sendable {
        public var name: String
        public var url: String?
    }

    public var title: String
    public var key: String?
    public var courses: [Course] = []
    public var modules: [Module] = []
    public var quizzes: [Quiz] = []
    public var questions: [Question] = []
    public var tools: [Tool] = []
    /// Every page the beacon may report: module pages, course pages, the home page, other pages of the site.
    var pageIndex: [String: Int] = [:]
    /// Per page: its module (or -1) and its course (or -1).
    var pageModule: [Int] = []
    var pageCourse: [Int] = []
    var pagePaths: [String] = []
    var questionIndex: [String: Int] = [:]

    public struct LoadError: Error, CustomStringConvertible {
        public var description: String
    }

    public static func load(siteFolder: String) throws -> SiteModel {
        let path = (siteFolder.hasSuffix("/") ? siteFolder : siteFolder + "/") + "_mika/model.json"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LoadError(description: "cannot read '\(path)': build the site first (mika build), or name its folder with --site")
        }
        return try decode(data, file: path)
    }

    public static func decode(_ data: Data, file: String = "model.json") throws -> SiteModel {
        let file_ = try decodeFile(data, file: file)
        guard file_.version == 1 else {
            throw LoadError(description: "\(file): model version \(file_.version) is not known to this mika (it reads version 1)")
        }
        var model = SiteModel(title: file_.site.title, key: file_.analytics?.key)
        model.addPage("", module: -1, course: -1)
        for course in file_.courses {
            let courseIndex = model.courses.count
            let phases = (course.phases ?? []).map { Phase(id: $0.id, title: $0.title) }
            var moduleIndexes: [Int] = []
            for (offset, module) in course.modules.enumerated() {
                let moduleIndex = model.modules.count
                var quizIndexes: [Int] = []
                for quiz in module.quizzes ?? [] {
                    let quizIndex = model.quizzes.count
                    var questionIndexes: [Int] = []
                    for question in quiz.questions {
                        questionIndexes.append(model.questions.count)
                        model.questionIndex[question.id] = model.questions.count
                        model.questions.append(Question(id: question.id, quiz: quizIndex, points: question.points))
                    }
                    model.quizzes.append(Quiz(id: quiz.id, title: quiz.title, module: moduleIndex, passPercent: quiz.passPercent,
                                              totalPoints: quiz.totalPoints, questions: questionIndexes))
                    quizIndexes.append(quizIndex)
                }
                model.modules.append(Module(path: module.path, title: module.title, course: courseIndex,
                                            position: module.position ?? offset + 1, type: module.type, step: module.step,
                                            phase: module.phase.flatMap { id in phases.firstIndex { $0.id == id } },
                                            quizzes: quizIndexes))
                moduleIndexes.append(moduleIndex)
                model.addPage(module.path, module: moduleIndex, course: courseIndex)
            }
            model.courses.append(Course(slug: course.slug, path: course.path, title: course.title, phases: phases,
                                        modules: moduleIndexes))
            model.addPage(course.path, module: -1, course: courseIndex)
            for phase in phases { model.addPage(course.path + "_phasen/\(phase.id)/", module: -1, course: courseIndex) }
        }
        for page in ["lizenzen/", "impressum/", "datenschutz/", "barrierefreiheit/"] { model.addPage(page, module: -1, course: -1) }
        model.tools = (file_.tools ?? []).map { Tool(name: $0.name, url: $0.url) }
        return model
    }

    mutating func addPage(_ path: String, module: Int, course: Int) {
        guard pageIndex[path] == nil else { return }
        pageIndex[path] = pageModule.count
        pageModule.append(module)
        pagePaths.append(path)
        pageCourse.append(course)
    }

    /// The page index of a site-relative path as the beacon reports it (`kurse/k/m/`, also `…/index.html`).
    func page(_ path: String) -> Int? {
        if let index = pageIndex[path] { return index }
        if path.hasSuffix("index.html") { return pageIndex[String(path.dropLast("index.html".count))] }
        return nil
    }

    // MARK: The file

    struct File: Decodable {
        struct Site: Decodable { var title: String; var baseURL: String? }
        struct Analytics: Decodable { var key: String }
        struct Course: Decodable {
            var slug: String; var path: String; var title: String; var phases: [Phase]?; var modules: [Module]
        }
        struct Phase: Decodable { var id: String; var title: String }
        struct Module: Decodable {
            var path: String; var title: String; var position: Int?; var type: String; var step: String?; var phase: String?
            var quizzes: [Quiz]?
        }
        struct Quiz: Decodable {
            var id: String; var title: String?; var passPercent: Double?; var totalPoints: Double; var questions: [Question]
        }
        struct Question: Decodable { var id: String; var points: Double }
        struct Tool: Decodable { var name: String; var url: String? }
        var version: Int
        var site: Site
        var analytics: Analytics?
        var courses: [Course]
        var tools: [Tool]?
    }

    static func decodeFile(_ data: Data, file: String) throws -> File {
        do {
            return try JSONDecoder().decode(File.self, from: data)
        } catch let error as DecodingError {
            let detail: String
            switch error {
            case .keyNotFound(let key, let context): detail = "'\(key.stringValue)' is missing at \(pathText(context.codingPath))"
            case .typeMismatch(_, let context), .valueNotFound(_, let context):
                detail = "unexpected value at \(pathText(context.codingPath))"
            case .dataCorrupted(let context): detail = context.debugDescription
            @unknown default: detail = "\(error)"
            }
            throw LoadError(description: "\(file) is not a mika course model: \(detail)")
        }
    }

    static func pathText(_ path: [CodingKey]) -> String {
        path.isEmpty ? "the top" : path.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
    }
}
