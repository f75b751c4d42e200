import MikaContent
import MikaLicensing

/// IEEE LOM records of a course or module, written with libxml2 from the one `ResourceDescription`. LMS packages
/// and LOM harvesters each want their own binding of the same record, so one value is written in three dialects:
/// - `ieee`: the IEEE 1484.12.3 binding (`lom.xml` beside pages, the OAI-PMH `lom` format, SCORM 2004 manifests;
///   valid against LOM Strict);
/// - `imsmd`: IMS Meta-data 1.2.1 (SCORM 1.2 manifests);
/// - `commonCartridge`: the IMS CC 1.1 manifest profile of LOM (fewer elements).
public struct LOMRecord: Sendable {
    public enum Dialect: Sendable {
        case ieee, imsmd, commonCartridge

        public var namespace: String {
            switch self {
            case .ieee: return "http://ltsc.ieee.org/xsd/LOM"
            case .imsmd: return "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
            case .commonCartridge: return "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"
            }
        }
    }

    public var identifier: String
    public var title: String
    public var language: String
    public var description: String?
    public var keywords: [String]
    /// (LOM role, vCard, date) of authors and the publisher.
    public var contributions: [(role: String, vCard: String, date: String?)]
    /// A value of the LOMv1.0 learning resource type vocabulary.
    public var learningResourceType: String
    public var typicalLearningTime: String?
    public var rights: String?
    public var hasRestrictions: Bool

    /// Where identifiers of resources without a base URL come from.
    public static let localCatalog = "mika"

    public init(_ resource: ResourceDescription) {
        identifier = resource.url
        title = resource.name
        language = resource.language
        description = resource.description
        keywords = resource.keywords
        contributions = resource.creators.map { ("author", Self.vCard($0), nil) }
            + (resource.publisher.map { [("publisher", Self.vCard($0), resource.dates.published ?? resource.dates.created)] } ?? [])
        learningResourceType = Self.learningResourceType(resource)
        typicalLearningTime = resource.duration?.iso8601
        if let license = resource.license {
            rights = license.name + (license.url.map { " – " + $0 } ?? "") + (resource.exclusionNotice.map { ". " + $0 } ?? "")
            hasRestrictions = license.spdx != "CC0-1.0" && license.spdx != "PDM-1.0"
        } else {
            rights = resource.exclusionNotice
            hasRestrictions = true
        }
    }

    /// LOMv1.0 has no "course"; modules map by their type.
    static func learningResourceType(_ resource: ResourceDescription) -> String {
        guard resource.kind == .module else { return "narrative text" }
        let hcrt = resource.learningResourceTypes.first?.id ?? ""
        if hcrt.hasSuffix("/assessment") || hcrt.hasSuffix("/quiz") { return "self assessment" }
        if hcrt.hasSuffix("/case_study") || hcrt.hasSuffix("/project") { return "problem statement" }
        if hcrt.hasSuffix("/tutorial") || hcrt.hasSuffix("/demonstration") { return "exercise" }
        if hcrt.hasSuffix("/questionnaire") || hcrt.hasSuffix("/reflection") { return "questionnaire" }
        return "narrative text"
    }

    /// A vCard 3.0 (RFC 2426) naming a person or an organisation; `,;\` escaped as the format requires.
    static func vCard(_ person: Person) -> String {
        // vCard 3.0 text value: backslash, comma and semicolon escaped; a line break becomes a space.
        func escaped(_ text: String) -> String {
            guard text.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ";")
                || $0 == UInt8(ascii: "\n") }) else { return text }
            var result = ""
            for character in text.unicodeScalars {
                switch character {
                case "\\", ",", ";": result.unicodeScalars.append("\\"); result.unicodeScalars.append(character)
                case "\n": result.append(" ")
                default: result.unicodeScalars.append(character)
                }
            }
            return result
        }
        var lines = ["BEGIN:VCARD", "VERSION:3.0", "FN:" + escaped(person.name)]
        lines.append(person.kind == .organization ? "ORG:" + escaped(person.name) : "N:" + escaped(person.name) + ";;;;")
        if let url = person.identifier ?? person.url { lines.append("URL:" + url) }
        lines.append("END:VCARD")
        return lines.joined(separator: "\n")
    }

    /// A standalone document (`lom.xml`).
    public func document(_ dialect: Dialect = .ieee) -> String {
        String(decoding: documentUTF8(dialect), as: UTF8.self)
    }

    /// `document(_:)` as UTF-8 bytes, for the file.
    public func documentUTF8(_ dialect: Dialect = .ieee) -> [UInt8] {
        let writer = XMLWriter()
        write(to: writer, dialect: dialect, declareNamespace: true)
        return writer.finishUTF8()
    }

    /// Writes `<lom>` into a manifest or an OAI-PMH record. The IEEE and CC bindings use their namespace as the
    /// default one on `<lom>`; IMS MD uses the `imsmd` prefix the manifest declares.
    public func write(to writer: XMLWriter, dialect: Dialect, declareNamespace: Bool) {
        let prefix: String? = dialect == .imsmd ? "imsmd" : nil
        func start(_ name: String) { writer.start(dialect == .imsmd ? name.lowercased() : name, prefix: prefix) }
        func end() { writer.end() }
        func text(_ name: String, _ value: String) {
            writer.element(dialect == .imsmd ? name.lowercased() : name, value, prefix: prefix)
        }
        func langString(_ name: String, _ value: String, language: String? = nil) {
            start(name)
            if dialect == .imsmd {
                writer.start("langstring", prefix: prefix)
                writer.attribute("lang", language ?? self.language, prefix: "xml")
                writer.characters(value)
                writer.end()
            } else {
                writer.start("string")
                writer.attribute("language", language ?? self.language)
                writer.characters(value)
                writer.end()
            }
            end()
        }
        func vocabulary(_ name: String, _ value: String, source: String? = "LOMv1.0") {
            start(name)
            if dialect == .imsmd {
                langString("source", "LOMv1.0", language: "x-none")
                // IMS MD 1.2.1 spells vocabulary values with a capital (Author, Narrative Text).
                langString("value", value.split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }
                    .joined(separator: " "), language: "x-none")
            } else {
                if let source { text("source", source) }
                text("value", value)
            }
            end()
        }

        if declareNamespace || dialect != .imsmd {
            writer.start("lom", namespace: dialect.namespace)
        } else {
            writer.start("lom", prefix: prefix)
        }
        start("general")
        switch dialect {
        case .imsmd:
            text("identifier", identifier)
        case .ieee, .commonCartridge:
            start("identifier")
            text("catalog", "URI")
            text("entry", identifier)
            end()
        }
        langString("title", title)
        text("language", language)
        if let description { langString("description", description) }
        for keyword in keywords { langString("keyword", keyword) }
        end()
        if !contributions.isEmpty {
            start(dialect == .imsmd ? "lifecycle" : "lifeCycle")
            for contribution in contributions {
                start("contribute")
                vocabulary("role", contribution.role, source: dialect == .commonCartridge ? nil : "LOMv1.0")
                if dialect == .imsmd {
                    start("centity")
                    text("vcard", contribution.vCard)
                    end()
                } else {
                    text("entity", contribution.vCard)
                }
                if let date = contribution.date {
                    start("date")
                    text(dialect == .imsmd ? "datetime" : "dateTime", date)
                    end()
                }
                end()
            }
            end()
        }
        if dialect != .commonCartridge {
            start(dialect == .imsmd ? "metametadata" : "metaMetadata")
            text(dialect == .imsmd ? "metadatascheme" : "metadataSchema", "LOMv1.0")
            text("language", language)
            end()
        }
        start("educational")
        if dialect == .commonCartridge {
            vocabulary("learningResourceType", "IMS Common Cartridge", source: nil)
        } else {
            vocabulary(dialect == .imsmd ? "learningresourcetype" : "learningResourceType", learningResourceType)
        }
        if dialect != .commonCartridge {
            vocabulary(dialect == .imsmd ? "intendedenduserrole" : "intendedEndUserRole", "learner")
            vocabulary("context", "training")
            if let typicalLearningTime {
                start(dialect == .imsmd ? "typicallearningtime" : "typicalLearningTime")
                text(dialect == .imsmd ? "datetime" : "duration", typicalLearningTime)
                end()
            }
            text("language", language)
        } else {
            vocabulary("context", "training")
            vocabulary("intendedEndUserRole", "Learner", source: "IMSGLC_CC_Rolesv1p1")
        }
        end()
        start("rights")
        // The CC profile keeps only the values of these two.
        let rightsSource: String? = dialect == .commonCartridge ? nil : "LOMv1.0"
        vocabulary("cost", "no", source: rightsSource)
        vocabulary(dialect == .imsmd ? "copyrightandotherrestrictions" : "copyrightAndOtherRestrictions",
                   hasRestrictions ? "yes" : "no", source: rightsSource)
        if let rights { langString("description", rights) }
        end()
        writer.end()
    }
}

extension ResourceDescription {
    public var lom: LOMRecord { LOMRecord(self) }
}
