import MikaContent
import MikaMetadata

/// `imsmanifest.xml` of a course package, written with libxml2: one organization whose items follow the course,
/// grouped by phase; one SCO (SCORM) or web content resource (CC) per page; every file of the package listed.
struct Manifest {
    var package: CoursePackage
    var course: ResourceDescription
    /// Descriptions of the modules by slug.
    var modules: [String: ResourceDescription]

    static let xsi = "http://www.w3.org/2001/XMLSchema-instance"
    static let sharedResource = "RES-shared"

    static func qtiPath(_ quiz: Quiz) -> String { "_qti/\(quiz.id)/assessment.xml" }

    private var courseID: String { CoursePackage.xmlID("MIKA", package.course.slug) }
    private var organizationID: String { CoursePackage.xmlID("ORG", package.course.slug) }

    private func itemID(_ page: CoursePackage.Page) -> String {
        page.module.map { CoursePackage.xmlID("ITEM", $0.slug) } ?? CoursePackage.xmlID("ITEM-phase", page.phase?.id ?? "")
    }

    private func resourceID(_ page: CoursePackage.Page) -> String {
        page.module.map { CoursePackage.xmlID("RES", $0.slug) } ?? CoursePackage.xmlID("RES-phase", page.phase?.id ?? "")
    }

    /// The pass mark of a page's quizzes (the highest when they differ), in percent.
    private func mastery(_ page: CoursePackage.Page) -> Int? {
        page.module?.quizzes.compactMap(\.passPercent).max()
    }

    /// How a format writes its manifest; the traversal of phases, pages and files is the same for all.
    private struct Format {
        var namespace: String
        var extraNamespaces: [(prefix: String, uri: String)]
        var version: String?
        var schema: String
        var schemaVersion: String
        var lom: LOMRecord.Dialect
        /// `adlcp:scormtype` (1.2) or `adlcp:scormType` (2004); nil for CC.
        var scormTypeAttribute: String?
        /// CC: `structure="rooted-hierarchy"` and one root item.
        var rootedHierarchy: Bool
        /// Module LOM records in their resources (the CC profile has its own resource LOM; not written).
        var resourceLOM: Bool
        var item: (Manifest, CoursePackage.Page, XMLWriter) -> Void
        /// Written after a phase's items and after the organization's (SCORM 2004 sequencing).
        var afterItems: ((XMLWriter) -> Void)?
        /// Resources besides a page's own (CC: its QTI assessments).
        var extraResources: ((CoursePackage.Page, XMLWriter) -> Void)?
    }

    func scorm12() -> String {
        write(Format(namespace: "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
                     extraNamespaces: [("adlcp", "http://www.adlnet.org/xsd/adlcp_rootv1p2"),
                                       ("imsmd", LOMRecord.Dialect.imsmd.namespace)],
                     version: "1.0", schema: "ADL SCORM", schemaVersion: "1.2", lom: .imsmd, scormTypeAttribute: "scormtype",
                     rootedHierarchy: false, resourceLOM: true,
                     item: { manifest, page, writer in manifest.scorm12Item(page, writer) }))
    }

    func scorm2004() -> String {
        write(Format(namespace: "http://www.imsglobal.org/xsd/imscp_v1p1",
                     extraNamespaces: [("adlcp", "http://www.adlnet.org/xsd/adlcp_v1p3"),
                                       ("adlseq", "http://www.adlnet.org/xsd/adlseq_v1p3"),
                                       ("adlnav", "http://www.adlnet.org/xsd/adlnav_v1p3"),
                                       ("imsss", "http://www.imsglobal.org/xsd/imsss")],
                     version: "1.0", schema: "ADL SCORM", schemaVersion: "2004 4th Edition", lom: .ieee,
                     scormTypeAttribute: "scormType", rootedHierarchy: false, resourceLOM: true,
                     item: { manifest, page, writer in manifest.scorm2004Item(page, writer) },
                     // Learners may pick any module from the menu and also move on with "Continue".
                     afterItems: Manifest.flowAndChoice))
    }

    func commonCartridge() -> String {
        write(Format(namespace: "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1",
                     extraNamespaces: [("lomimscc", LOMRecord.Dialect.commonCartridge.namespace)],
                     version: nil, schema: "IMS Common Cartridge", schemaVersion: "1.1.0", lom: .commonCartridge,
                     scormTypeAttribute: nil, rootedHierarchy: true, resourceLOM: false,
                     item: { manifest, page, writer in manifest.commonCartridgeItems(page, writer) },
                     extraResources: { page, writer in
                         for quiz in page.module?.quizzes ?? [] {
                             writer.start("resource")
                             writer.attribute("identifier", CoursePackage.xmlID("RES-qti", quiz.id))
                             writer.attribute("type", "imsqti_xmlv1p2/imscc_xmlv1p1/assessment")
                             Manifest.files([Manifest.qtiPath(quiz)], writer)
                             writer.end()
                         }
                     }))
    }

    private func write(_ format: Format) -> String {
        let writer = XMLWriter()
        writer.start("manifest", namespace: format.namespace)
        for (prefix, uri) in format.extraNamespaces { writer.attribute(prefix, uri, prefix: "xmlns") }
        writer.attribute("identifier", courseID)
        if let version = format.version { writer.attribute("version", version) }
        writer.start("metadata")
        writer.element("schema", format.schema)
        writer.element("schemaversion", format.schemaVersion)
        course.lom.write(to: writer, dialect: format.lom, declareNamespace: format.lom != .imsmd)
        writer.end()

        writer.start("organizations")
        if !format.rootedHierarchy { writer.attribute("default", organizationID) }
        writer.start("organization")
        writer.attribute("identifier", organizationID)
        if format.rootedHierarchy {
            writer.attribute("structure", "rooted-hierarchy")
            writer.start("item")
            writer.attribute("identifier", CoursePackage.xmlID("ROOT", package.course.slug))
        } else {
            writer.element("title", package.course.title)
        }
        for group in package.groups {
            // A phase with modules is an item holding them; a phase without is one page of its own.
            if let phase = group.phase, !(group.pages.count == 1 && group.pages[0].phase != nil) {
                writer.start("item")
                writer.attribute("identifier", CoursePackage.xmlID("PHASE", phase.id))
                writer.element("title", phase.title)
                group.pages.forEach { format.item(self, $0, writer) }
                format.afterItems?(writer)
                writer.end()
            } else {
                group.pages.forEach { format.item(self, $0, writer) }
            }
        }
        format.afterItems?(writer)
        if format.rootedHierarchy { writer.end() }
        writer.end()
        writer.end()

        writer.start("resources")
        for page in package.pages {
            writer.start("resource")
            writer.attribute("identifier", resourceID(page))
            writer.attribute("type", "webcontent")
            if let attribute = format.scormTypeAttribute {
                writer.attribute(attribute, page.module != nil ? "sco" : "asset", prefix: "adlcp")
            }
            writer.attribute("href", page.href)
            if format.resourceLOM, let module = page.module, let description = modules[module.slug] {
                writer.start("metadata")
                description.lom.write(to: writer, dialect: format.lom, declareNamespace: format.lom != .imsmd)
                writer.end()
            }
            Self.files([page.href] + page.files, writer)
            Self.dependency(Self.sharedResource, writer)
            writer.end()
            format.extraResources?(page, writer)
        }
        writer.start("resource")
        writer.attribute("identifier", Self.sharedResource)
        writer.attribute("type", "webcontent")
        if let attribute = format.scormTypeAttribute { writer.attribute(attribute, "asset", prefix: "adlcp") }
        Self.files(package.sharedFiles, writer)
        writer.end()
        writer.end()
        writer.end()
        return writer.finish()
    }

    // MARK: Items

    private func scorm12Item(_ page: CoursePackage.Page, _ writer: XMLWriter) {
        writer.start("item")
        writer.attribute("identifier", itemID(page))
        writer.attribute("identifierref", resourceID(page))
        writer.element("title", page.title)
        // The LMS compares cmi.core.score.raw (points) with the mastery score, so it is given in points: the
        // fewest that reach the pass mark (70 % of 5 points → 4).
        if let mastery = mastery(page), let module = page.module {
            let total = module.quizzes.reduce(0) { $0 + $1.totalPoints }
            if total > 0 { writer.element("masteryscore", String((mastery * total + 99) / 100), prefix: "adlcp") }
        }
        writer.end()
    }

    private static func flowAndChoice(_ writer: XMLWriter) {
        writer.start("sequencing", prefix: "imsss")
        writer.start("controlMode", prefix: "imsss")
        writer.attribute("choice", "true")
        writer.attribute("flow", "true")
        writer.end()
        writer.end()
    }

    private func scorm2004Item(_ page: CoursePackage.Page, _ writer: XMLWriter) {
        writer.start("item")
        writer.attribute("identifier", itemID(page))
        writer.attribute("identifierref", resourceID(page))
        writer.element("title", page.title)
        if let mastery = mastery(page) {
            // The quiz's pass mark decides success: the SCO reports cmi.score.scaled, the LMS compares.
            writer.start("sequencing", prefix: "imsss")
            writer.start("objectives", prefix: "imsss")
            writer.start("primaryObjective", prefix: "imsss")
            writer.attribute("objectiveID", itemID(page) + "-quiz")
            writer.attribute("satisfiedByMeasure", "true")
            writer.element("minNormalizedMeasure", scaled(mastery), prefix: "imsss")
            writer.end()
            writer.end()
            writer.end()
        }
        writer.end()
    }

    /// 80 → "0.8"; 100 → "1".
    private func scaled(_ percent: Int) -> String {
        let clamped = min(max(percent, 0), 100)
        if clamped == 100 { return "1" }
        if clamped == 0 { return "0" }
        var digits = String(clamped)
        if digits.count == 1 { digits = "0" + digits }
        while digits.hasSuffix("0") { digits.removeLast() }
        return "0." + digits
    }

    /// The page, then each of its quizzes as a QTI assessment.
    private func commonCartridgeItems(_ page: CoursePackage.Page, _ writer: XMLWriter) {
        writer.start("item")
        writer.attribute("identifier", itemID(page))
        writer.attribute("identifierref", resourceID(page))
        writer.element("title", page.title)
        writer.end()
        for quiz in page.module?.quizzes ?? [] {
            writer.start("item")
            writer.attribute("identifier", CoursePackage.xmlID("ITEM-qti", quiz.id))
            writer.attribute("identifierref", CoursePackage.xmlID("RES-qti", quiz.id))
            writer.element("title", quiz.title ?? page.title)
            writer.end()
        }
    }

    // MARK: Shared

    private static func files(_ paths: [String], _ writer: XMLWriter) {
        for path in paths {
            writer.start("file")
            writer.attribute("href", path)
            writer.end()
        }
    }

    private static func dependency(_ identifier: String, _ writer: XMLWriter) {
        writer.start("dependency")
        writer.attribute("identifierref", identifier)
        writer.end()
    }
}
