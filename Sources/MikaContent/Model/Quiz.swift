/// A quiz from a fenced ```quiz block: questions with points, feedback and an optional pass mark.
public struct Quiz: Hashable, Sendable, Codable {
    /// Unique within the site, e.g. `digitale-medien--lizenzen--quiz-1`.
    public var id: String
    public var title: String?
    /// Percentage of points needed to pass, 0…100.
    public var passPercent: Int?
    public var questions: [QuizQuestion]
    public var location: SourceLocation
    /// `scoring: partial`: a multiple-choice question gives points in proportion to right choices (a wrong tick
    /// cancels a right one, never below 0) instead of all or nothing.
    public var partialCredit = false

    public var totalPoints: Int { questions.reduce(0) { $0 + $1.points } }

    public init(id: String, title: String?, passPercent: Int?, questions: [QuizQuestion], location: SourceLocation) {
        self.id = id
        self.title = title
        self.passPercent = passPercent
        self.questions = questions
        self.location = location
    }
}

public struct QuizQuestion: Hashable, Sendable, Codable {
    public enum Kind: String, CaseIterable, Sendable, Codable {
        case single, multiple, short
    }

    public var kind: Kind
    public var prompt: String
    public var points: Int
    /// Choices for single and multiple choice.
    public var options: [QuizOption]
    /// Accepted answers for short answers, compared without case and surrounding spaces.
    public var acceptedAnswers: [String]
    public var feedbackCorrect: String?
    public var feedbackIncorrect: String?

    public init(kind: Kind, prompt: String, points: Int, options: [QuizOption], acceptedAnswers: [String],
                feedbackCorrect: String?, feedbackIncorrect: String?) {
        self.kind = kind
        self.prompt = prompt
        self.points = points
        self.options = options
        self.acceptedAnswers = acceptedAnswers
        self.feedbackCorrect = feedbackCorrect
        self.feedbackIncorrect = feedbackIncorrect
    }
}

public struct QuizOption: Hashable, Sendable, Codable {
    public var text: String
    public var correct: Bool
    public var feedback: String?

    public init(text: String, correct: Bool, feedback: String?) {
        self.text = text
        self.correct = correct
        self.feedback = feedback
    }
}
