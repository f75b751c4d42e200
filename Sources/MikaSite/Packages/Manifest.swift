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

    // MARK: SCORM 1.2

    func scorm12() -> String {
        let writer = XMLWriter()
        writer.start("manifest", namespace: "http://www.imsproject.org/xsd/imscp_rootv1p1p2")
        writer.attribute("adlcp", "http://www.adlnet.org/xsd/adlcp_rootv1p2", prefix: "xmlns")
        writer.attribute("imsmd", LOMRecord.Dialect.imsmd.namespace, prefix: "xmlns")
        writer.attribute("identifier", courseID)
        writer.attribute("version", "1.0")
        writer.start("metadata")
        writer.element("schema", "ADL SCORM")
        writer.element("schemaversion", "1.2")
        course.lom.write(to: writer, dialect: .imsmd, declareNamespace: false)
        writer.end()
        writer.start("organizations")
        writer.attribute("default", organizationID)
        writer.start("organization")
        writer.attribute("identifier", organizationID)
        writer.element("title", package.course.title)
        for group in package.groups {
            if let phase = group.phase, !(group.pages.count == 1 && group.pages[0].phase != nil) {
                writer.start("item")
                writer.attribute("identifier", CoursePackage.xmlID("PHASE", phase.id))
                writer.element("title", phase.title)
                group.pages.forEach { scorm12Item($0, writer) }
                writer.end()
            } else {
                group.pages.forEach { scorm12Item($0, writer) }
            }
        }
        writer.end()
        writer.end()
        writer.start("resources")
        for page in package.pages {
            writer.start("resource")
            writer.attribute("identifier", resourceID(page))
            writer.attribute("type", "webcontent")
            writer.attribute("scormtype", page.module != nil ? "sco" : "asset", prefix: "adlcp")
            writer.attribute("href", page.href)
            if let module = page.module, let description = modules[module.slug] {
                writer.start("metadata")
                description.lom.write(to: writer, dialect: .imsmd, declareNamespace: false)
                writer.end()
            }
            files([page.href] + page.files, writer)
            dependency(Self.sharedResource, writer)
            writer.end()
        }
        writer.start("resource")
        writer.attribute("identifier", Self.sharedResource)
        writer.attribute("type", "webcontent")
        writer.attribute("scormtype", "asset", prefix: "adlcp")
        files(package.sharedFiles, writer)
        writer.end()
        writer.end()
        writer.end()
        return writer.finish()
    }

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

    // MARK: SCORM 2004 4th edition

    func scorm2004() -> String {
        let writer = XMLWriter()
        writer.start("manifest", namespace: "http://www.imsglobal.org/xsd/imscp_v1p1")
        writer.attribute("adlcp", "http://www.adlnet.org/xsd/adlcp_v1p3", prefix: "xmlns")
        writer.attribute("adlseq", "http://www.adlnet.org/xsd/adlseq_v1p3", prefix: "xmlns")
        writer.attribute("adlnav", "http://www.adlnet.org/xsd/adlnav_v1p3", prefix: "xmlns")
        writer.attribute("imsss", "http://www.imsglobal.org/xsd/imsss", prefix: "xmlns")
        writer.attribute("identifier", courseID)
        writer.attribute("version", "1.0")
        writer.start("metadata")
        writer.element("schema", "ADL SCORM")
        writer.element("schemaversion", "2004 4th Edition")
        course.lom.write(to: writer, dialect: .ieee, declareNamespace: true)
        writer.end()
        writer.start("organizations")
        writer.attribute("default", organizationID)
        writer.start("organization")
        writer.attribute("identifier", organizationID)
        writer.element("title", package.course.title)
        for group in package.groups {
            if let phase = group.phase, !(group.pages.count == 1 && group.pages[0].phase != nil) {
                writer.start("item")
                writer.attribute("identifier", CoursePackage.xmlID("PHASE", phase.id))
                writer.element("title", phase.title)
                group.pages.forEach { scorm2004Item($0, writer) }
                flowAndChoice(writer)
                writer.end()
            } else {
                group.pages.forEach { scorm2004Item($0, writer) }
            }
        }
        // Learners may pick any module from the menu and also move on with "Continue".
        flowAndChoice(writer)
        writer.end()
        writer.end()
        writer.start("resources")
        for page in package.pages {
            writer.start("resource")
            writer.attribute("identifier", resourceID(page))
            writer.attribute("type", "webcontent")
            writer.attribute("scormType", page.module != nil ? "sco" : "asset", prefix: "adlcp")
            writer.attribute("href", page.href)
            if let module = page.module, let description = modules[module.slug] {
                writer.start("metadata")
                description.lom.write(to: writer, dialect: .ieee, declareNamespace: true)
                writer.end()
            }
            files([page.href] + page.files, writer)
            dependency(Self.sharedResource, writer)
            writer.end()
        }
        writer.start("resource")
        writer.attribute("identifier", Self.sharedResource)
        writer.attribute("type", "webcontent")
        writer.attribute("scormType", "asset", prefix: "adlcp")
        files(package.sharedFiles, writer)
        writer.end()
        writer.end()
        writer.end()
        return writer.finish()
    }

    private func flowAndChoice(_ writer: XMLWriter) {
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

    // MARK: IMS Common Cartridge 1.1

    func commonCartridge() -> String {
        let writer = XMLWriter()
        writer.start("manifest", namespace: "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1")
        writer.attribute("lomimscc", LOMRecord.Dialect.commonCartridge.namespace, prefix: "xmlns")
        writer.attribute("identifier", courseID)
        writer.start("metadata")
        writer.element("schema", "IMS Common Cartridge")
        writer.element("schemaversion", "1.1.0")
        course.lom.write(to: writer, dialect: .commonCartridge, declareNamespace: true)
        writer.end()
        writer.start("organizations")
        writer.start("organization")
        writer.attribute("identifier", organizationID)
        writer.attribute("structure", "rooted-hierarchy")
        writer.start("item")
        writer.attribute("identifier", CoursePackage.xmlID("ROOT", package.course.slug))
        for group in package.groups {
            if let phase = group.phase, !(group.pages.count == 1 && group.pages[0].phase != nil) {
                writer.start("item")
                writer.attribute("identifier", CoursePackage.xmlID("PHASE", phase.id))
                writer.element("title", phase.title)
                group.pages.forEach { commonCartridgeItems($0, writer) }
                writer.end()
            } else {
                group.pages.forEach { commonCartridgeItems($0, writer) }
            }
        }
        writer.end()
        writer.end()
        writer.end()
        writer.start("resources")
        for page in package.pages {
            writer.start("resource")
            writer.attribute("identifier", resourceID(page))
            writer.attribute("type", "webcontent")
            writer.attribute("href", page.href)
            files([page.href] + page.files, writer)
            dependency(Self.sharedResource, writer)
            writer.end()
            for quiz in page.module?.quizzes ?? [] {
                writer.start("resource")
                writer.attribute("identifier", CoursePackage.xmlID("RES-qti", quiz.id))
                writer.attribute("type", "imsqti_xmlv1p2/imscc_xmlv1p1/assessment")
                files([Self.qtiPath(quiz)], writer)
                writer.end()
            }
        }
        writer.start("resource")
        writer.attribute("identifier", Self.sharedResource)
        writer.attribute("type", "webcontent")
        files(package.sharedFiles, writer)
        writer.end()
        writer.end()
        writer.end()
        return writer.finish()
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

    private func files(_ paths: [String], _ writer: XMLWriter) {
        for path in paths {
            writer.start("file")
            writer.attribute("href", path)
            writer.end()
        }
    }

    private func dependency(_ identifier: String, _ writer: XMLWriter) {
        writer.start("dependency")
        writer.attribute("identifierref", identifier)
        writer.end()
    }
}
