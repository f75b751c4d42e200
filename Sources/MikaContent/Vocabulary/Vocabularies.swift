import MikaMarkdown

/// The one table that maps what authors write to concepts of the official vocabularies used by AMB:
/// HCRT (learningResourceType), KIM educationalLevel, LRMI educationalAudienceRole and KIM conditionsOfAccess.
/// `VocabularyTests` checks the HCRT and educationalLevel URIs and labels against the published Turtle files.
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

    /// `level:` values (normalised: lower case, umlauts spelt out, spaces as dashes) → educationalLevel.
    public static let educationalLevels: [(keys: [String], concept: Concept)] = [
        (["elementarbereich", "fruehkindliche-bildung"], Concept(id: level + "level_0", prefLabel: ["de": "Elementarbereich", "en": "Early childhood education"])),
        (["primarbereich", "grundschule"], Concept(id: level + "level_1", prefLabel: ["de": "Primarbereich", "en": "Primary education"])),
        (["sekundarbereich-i", "sekundarstufe-i"], Concept(id: level + "level_2", prefLabel: ["de": "Sekundarbereich I", "en": "Lower secondary education"])),
        (["sekundarbereich-ii", "sekundarstufe-ii", "beruflich", "berufsausbildung", "berufliche-bildung"],
         Concept(id: level + "level_3", prefLabel: ["de": "Sekundarbereich II", "en": "Upper secondary education"])),
        (["postsekundar", "postsekundarer-nicht-tertiaerer-bereich"],
         Concept(id: level + "level_4", prefLabel: ["de": "Postsekundarer nicht-tertiärer Bereich", "en": "Post-secondary non-tertiary education"])),
        (["hochschule"], Concept(id: level + "level_A", prefLabel: ["de": "Hochschule", "en": "University"])),
        (["vorbereitungsdienst"], Concept(id: level + "level_B", prefLabel: ["de": "Vorbereitungsdienst", "en": "Preparatory service"])),
        (["fortbildung", "weiterbildung", "berufliche-weiterbildung"],
         Concept(id: level + "level_C", prefLabel: ["de": "Fortbildung", "en": "Advanced training"])),
    ]

    /// `audience:` values → LRMI educationalAudienceRole (German labels are ours).
    public static let audiences: [(keys: [String], concept: Concept)] = [
        (["lehrende", "lehrkraefte", "ausbildende", "ausbilder", "ausbilderinnen-und-ausbilder", "ausbildungspersonal", "teacher"],
         Concept(id: audienceRole + "teacher", prefLabel: ["de": "Lehrende", "en": "teacher"])),
        (["lernende", "auszubildende", "studierende", "student"], Concept(id: audienceRole + "student", prefLabel: ["de": "Lernende", "en": "student"])),
        (["fachkraefte", "ausbildende-fachkraefte", "beschaeftigte", "professional"],
         Concept(id: audienceRole + "professional", prefLabel: ["de": "Fachkräfte", "en": "professional"])),
        (["mentorinnen-und-mentoren", "lernbegleitung", "mentor"], Concept(id: audienceRole + "mentor", prefLabel: ["de": "Mentorinnen und Mentoren", "en": "mentor"])),
        (["eltern", "parent"], Concept(id: audienceRole + "parent", prefLabel: ["de": "Eltern", "en": "parent"])),
        (["verwaltung", "leitung", "administrator"], Concept(id: audienceRole + "administrator", prefLabel: ["de": "Verwaltung", "en": "administrator"])),
        (["allgemeinheit", "oeffentlichkeit", "generalpublic"], Concept(id: audienceRole + "generalPublic", prefLabel: ["de": "Allgemeinheit", "en": "general public"])),
        (["peer-tutoren", "peertutor"], Concept(id: audienceRole + "peerTutor", prefLabel: ["de": "Peer-Tutorinnen und -Tutoren", "en": "peer tutor"])),
    ]

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
