import Yams

/// Reads a ```quiz block of YAML into a `Quiz`, with diagnostics at the block's lines.
enum QuizParser {
    static let keys = ["title", "pass", "questions", "scoring"]
    static let questionKeys = ["type", "question", "points", "options", "answers", "feedback"]
    static let optionKeys = ["text", "correct", "feedback"]

    /// `lineOffset` is the file line of the opening fence, so YAML line 1 is the line after it.
    static func parse(_ yaml: String, id: String, file: String, lineOffset: Int,
                      diagnostics: inout [Diagnostic]) -> Quiz? {
        var local: [Diagnostic] = []
        defer { diagnostics += local }
        guard let reader = FieldReader.parse(yaml, file: file, lineOffset: lineOffset, what: "quiz block",
                                             diagnostics: &local) else { return nil }
        defer { local += reader.diagnostics }
        let title = reader.string("title")
        let pass = reader.int("pass", range: 0...100)
        var partial = false
        if let scoring = reader.string("scoring") {
            switch scoring.lowercased() {
            case "partial", "teilpunkte": partial = true
            case "all", "all-or-nothing", "ganz": partial = false
            default:
                reader.report(.error, "field.unknown-value", at: reader.node("scoring"), "unknown scoring '\(scoring)'",
                              hint: "write 'scoring: partial' (points per right choice) or leave it out (all or nothing)",
                              replacingWith: "partial")
            }
        }
        var questions: [QuizQuestion] = []
        if let list = reader.node("questions")?.sequence {
            for item in list {
                guard let mapping = item.mapping else {
                    reader.report(.error, "quiz.invalid-question", at: item, "a question must be a mapping",
                                  hint: "start each question with '- type: single' and 'question: …'")
                    continue
                }
                let questionReader = FieldReader(mapping: mapping, file: file, lineOffset: lineOffset)
                if let question = parseQuestion(questionReader) { questions.append(question) }
                questionReader.finish(known: questionKeys, what: "a quiz question")
                local += questionReader.diagnostics
            }
        }
        if questions.isEmpty && !local.hasErrors && !reader.diagnostics.hasErrors {
            reader.report(.error, "quiz.no-questions", at: reader.keyNode("questions"), "quiz block has no questions",
                          hint: "add 'questions:' with at least one '- type: single' entry")
        }
        reader.finish(known: keys, what: "the quiz block")
        guard !(local + reader.diagnostics).hasErrors else { return nil }
        var quiz = Quiz(id: id, title: title, passPercent: pass, questions: questions,
                        location: SourceLocation(file: file, line: lineOffset))
        quiz.partialCredit = partial
        return quiz
    }

    private static func parseQuestion(_ reader: FieldReader) -> QuizQuestion? {
        let kindText = reader.string("type", required: true, what: "a quiz question")
        let prompt = reader.string("question", required: true, what: "a quiz question")
        let points = reader.int("points", range: 0...1000) ?? 1
        var kind: QuizQuestion.Kind?
        if let kindText {
            kind = QuizQuestion.Kind(rawValue: kindText.lowercased())
            if kind == nil {
                reader.report(.error, "quiz.unknown-type", at: reader.node("type"), "unknown question type '\(kindText)'",
                              hint: NearMiss.hint(for: kindText, allowed: QuizQuestion.Kind.allCases.map(\.rawValue)))
            }
        }
        var feedbackCorrect: String?, feedbackIncorrect: String?
        if let feedback = reader.node("feedback") {
            if let mapping = feedback.mapping {
                let feedbackReader = FieldReader(mapping: mapping, file: reader.file, lineOffset: reader.lineOffset)
                feedbackCorrect = feedbackReader.string("correct")
                feedbackIncorrect = feedbackReader.string("incorrect")
                feedbackReader.finish(known: ["correct", "incorrect"], what: "question feedback")
                reader.absorb(feedbackReader)
            } else {
                feedbackCorrect = reader.string("feedback")
                feedbackIncorrect = feedbackCorrect
            }
        }
        guard let kind, let prompt else { return nil }

        var options: [QuizOption] = []
        var answers: [String] = []
        switch kind {
        case .single, .multiple:
            guard let list = reader.node("options")?.sequence, list.count >= 2 else {
                reader.report(.error, "quiz.too-few-options", at: reader.keyNode("options") ?? reader.keyNode("question"),
                              "a \(kind.rawValue) choice question needs at least two options",
                              hint: "add 'options:' with '- text: …' entries, and 'correct: true' on the right ones")
                return nil
            }
            for item in list {
                if let mapping = item.mapping {
                    let optionReader = FieldReader(mapping: mapping, file: reader.file, lineOffset: reader.lineOffset)
                    let text = optionReader.string("text", required: true, what: "an option")
                    let correct = optionReader.bool("correct") ?? false
                    let feedback = optionReader.string("feedback")
                    optionReader.finish(known: optionKeys, what: "a quiz option")
                    reader.absorb(optionReader)
                    if let text { options.append(QuizOption(text: text, correct: correct, feedback: feedback)) }
                } else if let text = item.string {
                    options.append(QuizOption(text: text, correct: false, feedback: nil))
                }
            }
            let correctCount = options.filter(\.correct).count
            if kind == .single && correctCount != 1 {
                reader.report(.error, "quiz.single-needs-one-correct", at: reader.keyNode("options"),
                              "a single choice question needs exactly one correct option, found \(correctCount)",
                              hint: "mark one option with 'correct: true', or use 'type: multiple'")
                return nil
            }
            if kind == .multiple && correctCount == 0 {
                reader.report(.error, "quiz.no-correct-option", at: reader.keyNode("options"),
                              "a multiple choice question needs at least one correct option",
                              hint: "mark the right options with 'correct: true'")
                return nil
            }
        case .short:
            answers = reader.stringList("answers")
            if answers.isEmpty {
                reader.report(.error, "quiz.no-answers", at: reader.keyNode("answers") ?? reader.keyNode("question"),
                              "a short answer question needs accepted answers",
                              hint: "add 'answers: [\"…\", \"…\"]'")
                return nil
            }
        }
        return QuizQuestion(kind: kind, prompt: prompt, points: points, options: options, acceptedAnswers: answers,
                            feedbackCorrect: feedbackCorrect, feedbackIncorrect: feedbackIncorrect)
    }
}

extension FieldReader {
    /// Takes over the diagnostics of a reader for a nested mapping.
    func absorb(_ other: FieldReader) {
        for diagnostic in other.diagnostics { append(diagnostic) }
    }
}
