import MikaContent
import MikaMetadata

/// A quiz as an IMS QTI 1.2.1 assessment in the Common Cartridge 1.1 profile: `single` → multiple choice,
/// `multiple` → multiple response, `short` → fill in the blank; points as `cc_weighting`, feedback as item
/// feedback. Written with libxml2; valid against `ccv1p1_qtiasiv1p2p1_v1p0.xsd`.
enum QTI {
    static let namespace = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"

    static func assessment(_ quiz: Quiz, language: String) -> String {
        let writer = XMLWriter()
        writer.start("questestinterop", namespace: namespace)
        writer.start("assessment")
        writer.attribute("ident", CoursePackage.xmlID("QTI", quiz.id))
        writer.attribute("title", quiz.title ?? quiz.id)
        metadata(writer, [("cc_profile", "cc.exam.v0p1"), ("qmd_assessmenttype", "Examination"),
                          ("qmd_scoretype", "Absolute"), ("cc_maxattempts", "unlimited")])
        writer.start("section")
        writer.attribute("ident", "root_section")
        for (index, question) in quiz.questions.enumerated() {
            item(question, ident: CoursePackage.xmlID("Q", "\(quiz.id)-\(index + 1)"), writer: writer)
        }
        writer.end()
        writer.end()
        writer.end()
        return writer.finish()
    }

    private static func metadata(_ writer: XMLWriter, _ fields: [(String, String)], item: Bool = false) {
        if item { writer.start("itemmetadata") }
        writer.start("qtimetadata")
        for (label, entry) in fields {
            writer.start("qtimetadatafield")
            writer.element("fieldlabel", label)
            writer.element("fieldentry", entry)
            writer.end()
        }
        writer.end()
        if item { writer.end() }
    }

    private static func material(_ writer: XMLWriter, _ text: String) {
        writer.start("material")
        writer.start("mattext")
        writer.attribute("texttype", "text/plain")
        writer.characters(text)
        writer.end()
        writer.end()
    }

    private static func item(_ question: QuizQuestion, ident: String, writer: XMLWriter) {
        let profile: String
        switch question.kind {
        case .single: profile = "cc.multiple_choice.v0p1"
        case .multiple: profile = "cc.multiple_response.v0p1"
        case .short: profile = "cc.fib.v0p1"
        }
        writer.start("item")
        writer.attribute("ident", ident)
        writer.attribute("title", String(question.prompt.prefix(80)))
        metadata(writer, [("cc_profile", profile), ("cc_weighting", String(question.points))], item: true)
        let response = "response"
        writer.start("presentation")
        material(writer, question.prompt)
        if question.kind == .short {
            writer.start("response_str")
            writer.attribute("ident", response)
            writer.attribute("rcardinality", "Single")
            writer.start("render_fib")
            writer.start("response_label")
            writer.attribute("ident", "answer")
            writer.end()
            writer.end()
            writer.end()
        } else {
            writer.start("response_lid")
            writer.attribute("ident", response)
            writer.attribute("rcardinality", question.kind == .multiple ? "Multiple" : "Single")
            writer.start("render_choice")
            for (index, option) in question.options.enumerated() {
                writer.start("response_label")
                writer.attribute("ident", "o\(index + 1)")
                material(writer, option.text)
                writer.end()
            }
            writer.end()
            writer.end()
        }
        writer.end()

        writer.start("resprocessing")
        writer.start("outcomes")
        writer.start("decvar")
        writer.attribute("varname", "SCORE")
        writer.attribute("vartype", "Decimal")
        writer.attribute("minvalue", "0")
        writer.attribute("maxvalue", "100")
        writer.end()
        writer.end()
        // Right: full score and the "correct" feedback; anything else: the "incorrect" feedback. Each accepted
        // answer of a fill-in-the-blank gets a condition of its own (the profile has no <or> there).
        func rightCondition(_ condition: () -> Void) {
            writer.start("respcondition")
            writer.attribute("continue", "No")
            writer.start("conditionvar")
            condition()
            writer.end()
            writer.start("setvar")
            writer.attribute("action", "Set")
            writer.attribute("varname", "SCORE")
            writer.characters("100")
            writer.end()
            if question.feedbackCorrect != nil { feedbackLink(writer, "correct_fb") }
            writer.end()
        }
        switch question.kind {
        case .single:
            let right = question.options.firstIndex(where: \.correct) ?? 0
            rightCondition { varequal(writer, response, "o\(right + 1)") }
        case .multiple:
            rightCondition {
                writer.start("and")
                for (index, option) in question.options.enumerated() {
                    if option.correct {
                        varequal(writer, response, "o\(index + 1)")
                    } else {
                        writer.start("not")
                        varequal(writer, response, "o\(index + 1)")
                        writer.end()
                    }
                }
                writer.end()
            }
        case .short:
            for answer in question.acceptedAnswers {
                rightCondition { varequal(writer, response, answer, caseSensitive: false) }
            }
        }
        if question.feedbackIncorrect != nil {
            writer.start("respcondition")
            writer.start("conditionvar")
            writer.element("other", "")
            writer.end()
            feedbackLink(writer, "general_incorrect_fb")
            writer.end()
        }
        writer.end()
        if let text = question.feedbackCorrect { feedback(writer, "correct_fb", text) }
        if let text = question.feedbackIncorrect { feedback(writer, "general_incorrect_fb", text) }
        writer.end()
    }

    private static func varequal(_ writer: XMLWriter, _ response: String, _ value: String, caseSensitive: Bool = true) {
        writer.start("varequal")
        writer.attribute("respident", response)
        if !caseSensitive { writer.attribute("case", "No") }
        writer.characters(value)
        writer.end()
    }

    private static func feedbackLink(_ writer: XMLWriter, _ ident: String) {
        writer.start("displayfeedback")
        writer.attribute("feedbacktype", "Response")
        writer.attribute("linkrefid", ident)
        writer.end()
    }

    private static func feedback(_ writer: XMLWriter, _ ident: String, _ text: String) {
        writer.start("itemfeedback")
        writer.attribute("ident", ident)
        writer.start("flow_mat")
        material(writer, text)
        writer.end()
        writer.end()
    }
}
