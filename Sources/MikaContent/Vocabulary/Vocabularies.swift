import MikaMarkdown

/// The one table that maps what authors write to concepts of the official vocabularies used by AMB:
/// HCRT (learningResourceType), KIM educationalLevel, LRMI educationalAudienceRole, KIM Schulfächer (`about`) and
/// KIM conditionsOfAccess. `VocabularyTests` checks every URI and label against the published Turtle files.
public enum Vocabularies {
    static let hcrt = "https://w3id.org/kim/hcrt/"
    static let level = "https://w3id.org/kim/educationalLevel/"
    static let audienceRole = "http://purl.org/dcx/lrmi-vocabs/educationalAudienceRole/"

    /// learningResourceType of a module, by its type.
    public static func learningResourceType(for type: ModuleType) -> Concept {
        switch type {
        case .theory: return Concept(id: hcrt + "text", prefLabel: ["de": "Textdokument", "en": "Text"])
        case .toolguide, .project: return Concept(id: hcrt + "worksheet", prefLabel: ["de": "Arbeitsmaterial", "en": "Worksheet"])
        case .reflection: return Concept(id: hcrt + "questionnaire", prefLabel: ["de": "Fragebogen", "en": "Questionnaire"])
        case .quiz: return Concept(id: hcrt + "assessment", prefLabel: ["de": "Lernkontrolle", "en": "Assessment"])
        }
    }

    /// learningResourceType of a course.
    public static let course = Concept(id: hcrt + "course", prefLabel: ["de": "Kurs", "en": "Course"])

    /// Logins are never needed on a static MIKA-Campus site.
    public static let noLogin = Concept(id: "http://w3id.org/kim/conditionsOfAccess/no_login",
                                        prefLabel: ["de": "Ohne Anmeldung", "en": "No login"])

    /// `level:` values (normalised: lower case, umlauts spelt out, spaces as dashes) → educationalLevel. Every
    /// German prefLabel and altLabel of the vocabulary is a key of its concept (`VocabularyTests` reads them from
    /// `educationalLevel.ttl`); the other keys are our own words. "Berufliche Bildung" is the vocabulary's altLabel of
    /// level 4; the dual vocational training ("Berufsausbildung") is ISCED 3, upper secondary.
    public static let educationalLevels: [(keys: [String], concept: Concept)] = [
        (["elementarbereich", "elementarstufe", "fruehbereich", "fruehkindliche-bildung", "isced-2011-level-0"],
         Concept(id: level + "level_0", prefLabel: ["de": "Elementarbereich", "en": "Early childhood education"])),
        (["primarbereich", "primarstufe", "grundschule", "isced-2011-level-1"],
         Concept(id: level + "level_1", prefLabel: ["de": "Primarbereich", "en": "Primary education"])),
        (["sekundarbereich-i", "sekundarstufe-i", "isced-2011-level-2"],
         Concept(id: level + "level_2", prefLabel: ["de": "Sekundarbereich I", "en": "Lower secondary education"])),
        (["sekundarbereich-ii", "sekundarstufe-ii", "isced-2011-level-3", "beruflich", "berufsausbildung", "duale-ausbildung"],
         Concept(id: level + "level_3", prefLabel: ["de": "Sekundarbereich II", "en": "Upper secondary education"])),
        (["postsekundarer-nicht-tertiaerer-bereich", "berufliche-bildung", "isced-2011-level-4", "postsekundar"],
         Concept(id: level + "level_4", prefLabel: ["de": "Postsekundarer nicht-tertiärer Bereich", "en": "Post-secondary non-tertiary education"])),
        (["kurzes-tertiaeres-bildungsprogramm", "isced-2011-level-5"],
         Concept(id: level + "level_5", prefLabel: ["de": "Kurzes tertiäres Bildungsprogramm", "en": "Short-cycle tertiary education"])),
        (["hochschule"], Concept(id: level + "level_A", prefLabel: ["de": "Hochschule", "en": "University"])),
        (["bachelor-oder-aequivalent", "isced-2011-level-6", "bachelor"],
         Concept(id: level + "level_6", prefLabel: ["de": "Bachelor oder äquivalent", "en": "Bachelor or equivalent"])),
        (["master-oder-aequivalent", "isced-2011-level-7", "master"],
         Concept(id: level + "level_7", prefLabel: ["de": "Master oder äquivalent", "en": "Master or equivalent"])),
        (["promotion-oder-aequivalent", "isced-2011-level-8", "promotion"],
         Concept(id: level + "level_8", prefLabel: ["de": "Promotion oder äquivalent", "en": "Doctoral or equivalent"])),
        (["vorbereitungsdienst"], Concept(id: level + "level_B", prefLabel: ["de": "Vorbereitungsdienst", "en": "Preparatory service"])),
        (["fortbildung", "weiterbildung", "berufliche-weiterbildung"],
         Concept(id: level + "level_C", prefLabel: ["de": "Fortbildung", "en": "Advanced training"])),
    ]

    /// `audience:` values → LRMI educationalAudienceRole, with the vocabulary's own German and English labels
    /// (`educationalAudienceRole.ttl`); the keys add the words German courses use.
    public static let audiences: [(keys: [String], concept: Concept)] = [
        (["lehrer", "lehrende", "lehrkraefte", "ausbildende", "ausbilder", "ausbilderinnen-und-ausbilder", "ausbildungspersonal", "teacher"],
         Concept(id: audienceRole + "teacher", prefLabel: ["de": "Lehrer", "en": "teacher"])),
        (["student", "lernende", "auszubildende", "studierende"], Concept(id: audienceRole + "student", prefLabel: ["de": "Student", "en": "student"])),
        (["profi", "fachkraefte", "ausbildende-fachkraefte", "beschaeftigte", "professional"],
         Concept(id: audienceRole + "professional", prefLabel: ["de": "Profi", "en": "professional"])),
        (["mentor", "mentorinnen-und-mentoren", "lernbegleitung"], Concept(id: audienceRole + "mentor", prefLabel: ["de": "Mentor", "en": "mentor"])),
        (["eltern", "parent"], Concept(id: audienceRole + "parent", prefLabel: ["de": "Eltern", "en": "parent"])),
        (["administrator", "verwaltung", "leitung"], Concept(id: audienceRole + "administrator", prefLabel: ["de": "Administrator", "en": "administrator"])),
        (["allgemeinheit", "oeffentlichkeit", "generalpublic", "general-public"],
         Concept(id: audienceRole + "generalPublic", prefLabel: ["de": "Allgemeinheit", "en": "general public"])),
        (["peer-tutor", "peer-tutoren", "peertutor"], Concept(id: audienceRole + "peerTutor", prefLabel: ["de": "Peer Tutor", "en": "peer tutor"])),
    ]

    /// `subjects:` values → the KIM school subjects vocabulary (`schulfaecher.ttl`), one of the two subject
    /// vocabularies AMB's `about` names. Keys are the vocabulary's German labels and a few words of vocational
    /// courses (IT, Medien …) mapped to the nearest subject.
    static let subject = "http://w3id.org/kim/schulfaecher/"
    public static let subjects: [(keys: [String], concept: Concept)] = [
        (["alt-griechisch", "altgriechisch"], subjectConcept("s1000", "Alt-Griechisch")),
        (["biologie"], subjectConcept("s1001", "Biologie")),
        (["chemie"], subjectConcept("s1002", "Chemie")),
        (["chinesisch"], subjectConcept("s1003", "Chinesisch")),
        (["darstellendes-spiel", "theater"], subjectConcept("s1004", "Darstellendes Spiel")),
        (["deutsch"], subjectConcept("s1005", "Deutsch")),
        (["deutsch-als-zweitsprache", "daz"], subjectConcept("s1006", "Deutsch als Zweitsprache")),
        (["englisch"], subjectConcept("s1007", "Englisch")),
        (["ethik"], subjectConcept("s1008", "Ethik")),
        (["franzoesisch"], subjectConcept("s1009", "Französisch")),
        (["geografie", "erdkunde", "geographie"], subjectConcept("s1010", "Geografie")),
        (["geschichte"], subjectConcept("s1011", "Geschichte")),
        (["gesundheit", "gesundheitserziehung"], subjectConcept("s1012", "Gesundheit")),
        (["informatik", "informations-und-kommunikationstechnologie", "it", "informationstechnik", "digitale-medien",
          "medienkompetenz", "it-kompetenz", "medien-und-it-kompetenz"], subjectConcept("s1013", "Informatik")),
        (["italienisch"], subjectConcept("s1014", "Italienisch")),
        (["kunst", "bildende-kunst", "gestaltung", "mediengestaltung"], subjectConcept("s1015", "Kunst")),
        (["latein"], subjectConcept("s1016", "Latein")),
        (["mathematik"], subjectConcept("s1017", "Mathematik")),
        (["mint", "chemie-physik-biologie", "naturwissenschaften"], subjectConcept("s1019", "MINT")),
        (["musik"], subjectConcept("s1020", "Musik")),
        (["philosophie"], subjectConcept("s1021", "Philosophie")),
        (["physik"], subjectConcept("s1022", "Physik")),
        (["politik", "politische-bildung", "sozialkunde"], subjectConcept("s1023", "Politik")),
        (["religionslehre-evangelische", "evangelischer-religionsunterricht"], subjectConcept("s1024", "Religionslehre (evangelische)")),
        (["religionslehre-islamisch", "islamischer-religionsunterricht"], subjectConcept("s1025", "Religionslehre (islamisch)")),
        (["religionslehre-katholische", "katholischer-religionsunterricht"], subjectConcept("s1026", "Religionslehre (katholische)")),
        (["russisch"], subjectConcept("s1027", "Russisch")),
        (["sachunterricht", "heimatunterricht", "sachkunde"], subjectConcept("s1028", "Sachunterricht")),
        (["sexualerziehung"], subjectConcept("s1029", "Sexualerziehung")),
        (["spanisch"], subjectConcept("s1030", "Spanisch")),
        (["sport"], subjectConcept("s1031", "Sport")),
        (["tuerkisch"], subjectConcept("s1032", "Türkisch")),
        (["wirtschaftskunde", "wirtschaft", "betriebswirtschaft"], subjectConcept("s1033", "Wirtschaftskunde")),
    ]

    private static func subjectConcept(_ local: String, _ label: String) -> Concept {
        Concept(id: subject + local, prefLabel: ["de": label])
    }

    /// Looks an author's value up in a table; nil when it is not there.
    public static func lookUp(_ text: String, in table: [(keys: [String], concept: Concept)]) -> VocabularyValue? {
        let key = normalise(text)
        guard let entry = table.first(where: { $0.keys.contains(key) }) else { return nil }
        return VocabularyValue(text: text, concept: entry.concept)
    }

    /// All accepted words of a table, for hints.
    public static func allowedWords(_ table: [(keys: [String], concept: Concept)]) -> [String] {
        table.flatMap(\.keys)
    }

    /// `Berufliche Weiterbildung` → `berufliche-weiterbildung`, `Sekundarbereich II` → `sekundarbereich-ii`.
    static func normalise(_ text: String) -> String { text.slugified }
}
