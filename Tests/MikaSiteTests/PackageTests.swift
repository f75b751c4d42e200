import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import MikaContent
import MikaSite
import MikaTestSupport
import XCTest
import ZIPFoundation

/// The LMS packages of the sample course: valid manifests, complete and closed contents, QTI in the CC profile,
/// golden manifests, the same bytes on every build.
final class PackageTests: SiteBuildTestCase {
    static let course = "digitale-medien-ausbildung"
    static let packages = ["scorm12": "\(course)-scorm12.zip", "scorm2004": "\(course)-scorm2004.zip", "cc": "\(course).imscc"]
    static let schemas = XMLSchemaValidator.schemasFolder

    /// The sample site built in memory, once for all tests.
    static let sample: [String: Data] = {
        let content = FixtureTree.repositoryRoot.appendingPathComponent("content")
        let options = BuildOptions(contentDirectory: content,
                                   themeDirectory: FixtureTree.repositoryRoot.appendingPathComponent("themes/default"),
                                   outputDirectory: URL(fileURLWithPath: "/nonexistent"))
        let sink = MemorySink()
        let report = SiteBuilder(options: options).build(into: sink)
        precondition(report.published, report.diagnostics.map(\.formatted).joined(separator: "\n"))
        return sink.files
    }()

    func entries(_ format: String, in files: [String: Data] = PackageTests.sample) throws -> [String: Data] {
        let zip = try XCTUnwrap(files["pakete/" + Self.packages[format]!], "no \(format) package")
        return try Self.unzip(zip)
    }

    static func unzip(_ data: Data) throws -> [String: Data] {
        let archive = try Archive(data: data, accessMode: .read)
        var entries: [String: Data] = [:]
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry, skipCRC32: false) { bytes.append($0) }
            entries[entry.path] = bytes
        }
        return entries
    }

    static func text(_ data: Data?) -> String { data.map { String(decoding: $0, as: UTF8.self) } ?? "" }

    func testEveryManifestValidatesAgainstTheOfficialSchemas() throws {
        let validators: [(String, URL, URL?)] = [
            ("scorm12", Self.schemas.appendingPathComponent("scorm12/scorm12_manifest.xsd"), nil),
            ("scorm2004", Self.schemas.appendingPathComponent("scorm2004/scorm2004_manifest.xsd"),
             Self.schemas.appendingPathComponent("scorm2004/catalog.xml")),
            ("cc", Self.schemas.appendingPathComponent("cc/ccv1p1/ccv1p1_imscp_v1p2_v1p0.xsd"),
             Self.schemas.appendingPathComponent("cc/catalog.xml")),
        ]
        for (format, schema, catalog) in validators {
            let validator = try XCTUnwrap(XMLSchemaValidator(schema: schema, catalog: catalog), "schema of \(format)")
            let manifest = Self.text(try entries(format)["imsmanifest.xml"])
            XCTAssertFalse(manifest.isEmpty, format)
            XCTAssertEqual(validator.errors(in: manifest), [], format)
        }
        // A broken manifest fails: the validator is not lenient.
        let validator = try XCTUnwrap(XMLSchemaValidator(schema: validators[0].1))
        let broken = Self.text(try entries("scorm12")["imsmanifest.xml"]).replacingOccurrences(of: "<organizations", with: "<organisations")
            .replacingOccurrences(of: "</organizations>", with: "</organisations>")
        XCTAssertFalse(validator.errors(in: broken).isEmpty)
    }

    /// `lom.xml` beside every course and module page, and the LOM records of the OAI-PMH static repository, are
    /// valid IEEE LOM (LOM Strict, as SCORM 2004 uses it).
    func testLOMRecordsBesidePagesValidateAgainstLOMStrict() throws {
        let validator = try XCTUnwrap(XMLSchemaValidator(schema: Self.schemas.appendingPathComponent("scorm2004/lomStrict.xsd"),
                                                         catalog: Self.schemas.appendingPathComponent("scorm2004/catalog.xml")))
        let records = Self.sample.filter { $0.key.hasSuffix("/lom.xml") }
        XCTAssertEqual(records.count, 14, "the course and its 13 modules")
        for (path, data) in records { XCTAssertEqual(validator.errors(in: Self.text(data)), [], path) }
        let repository = try XMLDocument(data: try XCTUnwrap(Self.sample["oai-pmh.xml"]))
        let lists = try repository.nodes(forXPath: "//*[local-name()='ListRecords']/@metadataPrefix").compactMap(\.stringValue)
        XCTAssertEqual(lists, ["oai_dc", "lom"])
        let inRepository = try repository.nodes(forXPath: "//*[local-name()='lom']")
        XCTAssertEqual(inRepository.count, 14)
        for node in inRepository {
            XCTAssertEqual(validator.errors(in: node.xmlString), [], "LOM record in oai-pmh.xml")
        }
    }

    func testQuizzesAreQTIAssessmentsInTheCommonCartridgeProfile() throws {
        let validator = try XCTUnwrap(XMLSchemaValidator(
            schema: Self.schemas.appendingPathComponent("cc/ccv1p1/ccv1p1_qtiasiv1p2p1_v1p0.xsd"),
            catalog: Self.schemas.appendingPathComponent("cc/catalog.xml")))
        let files = try entries("cc")
        let assessments = files.keys.filter { $0.hasPrefix("_qti/") }.sorted()
        XCTAssertEqual(assessments.count, 2, "the sample has two quizzes")
        for path in assessments {
            let xml = Self.text(files[path])
            XCTAssertEqual(validator.errors(in: xml), [], path)
        }
        let final = Self.text(files.first { $0.key.hasPrefix("_qti/") && $0.key.contains("abschlussquiz") }?.value)
        // single → multiple choice, multiple → multiple response, short → fill in the blank; points as weighting.
        for profile in ["cc.multiple_choice.v0p1", "cc.multiple_response.v0p1", "cc.fib.v0p1", "cc.exam.v0p1"] {
            XCTAssertTrue(final.contains(profile), profile)
        }
        XCTAssertTrue(final.contains("<fieldlabel>cc_weighting</fieldlabel>"))
        let manifest = Self.text(files["imsmanifest.xml"])
        XCTAssertTrue(manifest.contains(#"type="imsqti_xmlv1p2/imscc_xmlv1p1/assessment""#))
    }

    /// Every file the manifest names is in the zip, every entry is named, and every link of every page resolves
    /// inside the package. Links to the public site are only the TULLU sources that licence notices cite.
    func testPackagesAreCompleteAndClosed() throws {
        for format in ["scorm12", "scorm2004", "cc"] {
            let files = try entries(format)
            for path in files.keys {
                XCTAssertFalse(path.hasPrefix("/") || path.contains("\\") || path.split(separator: "/").contains(".."), path)
            }
            let manifest = try XMLDocument(data: try XCTUnwrap(files["imsmanifest.xml"]))
            let named = Set(try manifest.nodes(forXPath: "//*[local-name()='file']/@href").compactMap(\.stringValue))
            let launched = Set(try manifest.nodes(forXPath: "//*[local-name()='resource']/@href").compactMap(\.stringValue))
            XCTAssertEqual(named.subtracting(files.keys), [], "\(format): named in the manifest but missing")
            XCTAssertEqual(Set(files.keys).subtracting(named).subtracting(["imsmanifest.xml"]), [],
                           "\(format): in the zip but not in the manifest")
            XCTAssertEqual(launched.subtracting(named), [], "\(format): launch pages must be listed as files")
            XCTAssertEqual(launched.count, 13, "\(format): one page per module")

            for (path, data) in files where path.hasSuffix(".html") {
                let document = try XCTUnwrap(HTMLDocument(Self.text(data)), path)
                let folder = (path as NSString).deletingLastPathComponent
                // TULLU notices cite where a work is published, showing the address or its host: those links may
                // name the site.
                let citations = Set(document.values("//a[@href = normalize-space(.)]/@href")
                    + document.values("//a[starts-with(@href, concat('https://', normalize-space(.), '/'))]/@href"))
                for url in document.values("//@href | //@src") {
                    if url.hasPrefix("#") || url.hasPrefix("mailto:") || citations.contains(url) { continue }
                    if url.hasPrefix("https://campus.mika-beispiel.de/") {
                        XCTFail("\(format) \(path): links to the site: \(url)")
                        continue
                    }
                    if url.hasPrefix("https://") { continue }  // licences, sources: other hosts, opened in a new page
                    XCTAssertFalse(url.hasPrefix("http:") || url.hasPrefix("//") || url.hasPrefix("/"), "\(path): \(url)")
                    let target = Self.resolve(url, from: folder)
                    XCTAssertNotNil(files[target], "\(format) \(path): '\(url)' resolves to '\(target)', not in the package")
                }
                // The TULLU source of each page names the published original.
                let sources = document.values("//section[@class='attribution container']//a/@href")
                if path.hasPrefix("kurse/") {
                    XCTAssertTrue(sources.contains { $0.hasPrefix("https://campus.mika-beispiel.de/kurse/") }, "\(path): \(sources)")
                }
            }
        }
    }

    /// `../a/index.html#x` from `kurse/k/m` → `kurse/k/a/index.html`.
    static func resolve(_ url: String, from folder: String) -> String {
        let path = url.split(separator: "#", maxSplits: 1).first.map(String.init) ?? url
        var parts = folder.split(separator: "/").map(String.init)
        for part in path.split(separator: "/") {
            if part == ".." { if !parts.isEmpty { parts.removeLast() } } else if part != "." { parts.append(String(part)) }
        }
        return (parts.joined(separator: "/").removingPercentEncoding ?? parts.joined(separator: "/"))
    }

    /// Pages inside SCORM packages load the runtime and state their format and pass mark; the site's pages do not.
    func testSCORMPagesCarryTheRuntimeAndThePassMark() throws {
        let quizPage = "kurse/\(Self.course)/abschlussquiz/index.html"
        for format in ["scorm12", "scorm2004"] {
            let page = Self.text(try entries(format)[quizPage])
            XCTAssertTrue(page.contains(#"<meta name="mika:package" content="\#(format)">"#), format)
            XCTAssertTrue(page.contains(#"<meta name="mika:mastery" content="70">"#), format)
            XCTAssertTrue(page.contains(#"<script src="../../../assets/scorm.js" defer></script>"#), format)
            XCTAssertFalse(page.contains(#"class="pager""#), "the LMS moves between modules")
        }
        let ccPage = Self.text(try entries("cc")[quizPage])
        XCTAssertFalse(ccPage.contains("scorm.js"))
        let sitePage = Self.text(Self.sample[quizPage])
        XCTAssertFalse(sitePage.contains("scorm.js") || sitePage.contains("mika:package"))
        let manifest12 = Self.text(try entries("scorm12")["imsmanifest.xml"])
        // 70 % of the final quiz's 5 points, in points: SCORM 1.2 LMSs compare it with the raw score.
        XCTAssertTrue(manifest12.contains("<adlcp:masteryscore>4</adlcp:masteryscore>"), manifest12)
        let manifest2004 = Self.text(try entries("scorm2004")["imsmanifest.xml"])
        XCTAssertTrue(manifest2004.contains(#"satisfiedByMeasure="true""#))
        XCTAssertTrue(manifest2004.contains("<imsss:minNormalizedMeasure>0.7</imsss:minNormalizedMeasure>"))
    }

    func testTheCoursePageLinksItsPackagesWithFormatAndSize() throws {
        let page = Self.text(Self.sample["kurse/\(Self.course)/index.html"])
        for (format, name) in Self.packages {
            let size = try XCTUnwrap(Self.sample["pakete/" + name]).count
            XCTAssertTrue(page.contains(#"<a href="../../pakete/\#(name)" download>\#(name)</a>"#), format)
            // The three click-guides carry 15 screenshots (about 0.8 MB); pages, styles and scripts stay small.
            XCTAssertLessThan(size, 1_500_000, "\(name) must stay lean")
        }
        XCTAssertTrue(page.contains("(SCORM 1.2, "), page)
    }

    /// Golden manifests: reviewed byte for byte (`make golden` re-records them).
    func testManifestsMatchTheirGoldenFiles() throws {
        let folder = FixtureTree.repositoryRoot.appendingPathComponent("Tests/MikaSiteTests/Snapshots/packages")
        let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil
        for format in ["scorm12", "scorm2004", "cc"] {
            let manifest = try XCTUnwrap(try entries(format)["imsmanifest.xml"])
            let golden = folder.appendingPathComponent("\(format)-imsmanifest.xml")
            if record {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try manifest.write(to: golden)
                continue
            }
            XCTAssertEqual(Self.text(manifest), Self.text(try? Data(contentsOf: golden)), "\(format): run make golden and review")
        }
        if record { XCTFail("golden manifests recorded; review them and run again without RECORD_SNAPSHOTS") }
    }

    func testBuildingTwiceGivesTheSameBytes() throws {
        let content = FixtureTree.repositoryRoot.appendingPathComponent("content")
        let options = BuildOptions(contentDirectory: content, themeDirectory: theme, outputDirectory: URL(fileURLWithPath: "/nonexistent"))
        let again = MemorySink()
        XCTAssertTrue(SiteBuilder(options: options).build(into: again).published)
        for name in Self.packages.values {
            XCTAssertEqual(again.files["pakete/" + name], Self.sample["pakete/" + name], name)
        }
    }

    func testZipEntryNamesThatCouldEscapeAreRefused() {
        for name in ["../evil.html", "/etc/passwd", "a\\b.html", "a/../../b", "a//b", ""] {
            XCTAssertThrowsError(try ZipSink.archive([(name, Data("x".utf8))], date: Date()), name)
        }
        XCTAssertNoThrow(try ZipSink.archive([("a/b.html", Data("x".utf8))], date: Date()))
    }
}

/// Settings and content the packages must cope with, on small fixture sites.
final class PackageSettingsTests: SiteBuildTestCase {
    func site(_ extra: [String: String]) throws -> (BuildReport, [String: Data]) {
        var files: [String: String] = [:]
        for (path, text) in FixtureTree.minimalSite { files[String(path.dropFirst("content/".count))] = text }
        for (path, text) in extra { files[path] = text }
        var options = InMemoryBuildTests.makeOptions(theme: theme)
        options.contentSource = MemoryFiles(texts: files)
        let sink = MemorySink()
        let report = SiteBuilder(options: options).build(into: sink)
        return (report, sink.files)
    }

    func testPackagesCanBeSwitchedOffForTheSiteAndForACourse() throws {
        let base = FixtureTree.minimalSite["content/site.yml"]!
        let (_, none) = try site(["site.yml": base + "\npackages: false\n"])
        XCTAssertTrue(none.keys.filter { $0.hasPrefix("pakete/") }.isEmpty)
        XCTAssertFalse(PackageTests.text(none["kurse/kurs/index.html"]).contains("pakete/"))
        let course = FixtureTree.minimalSite["content/courses/kurs/course.yml"]!
        let (_, onlyCC) = try site(["courses/kurs/course.yml": course + "\npackages: [cc]\n"])
        XCTAssertEqual(onlyCC.keys.filter { $0.hasPrefix("pakete/") }.sorted(), ["pakete/kurs.imscc"])
    }

    /// A phase without modules (a workshop) is an item of its own with a short page.
    func testAPhaseWithoutModulesBecomesAnInfoPage() throws {
        let course = """
        title: Kurs
        phases:
          - id: start
            kind: selbstlernphase
            title: Selbstlernen
          - id: treffen
            kind: präsenz-workshop
            title: Auftaktworkshop
            duration: 4 Std.
            description: Wir lernen uns kennen.
        """
        let (report, files) = try site(["courses/kurs/course.yml": course + "\n"])
        XCTAssertTrue(report.published, report.diagnostics.map(\.formatted).joined(separator: "\n"))
        let entries = try PackageTests.unzip(try XCTUnwrap(files["pakete/kurs-scorm2004.zip"]))
        let page = PackageTests.text(entries["kurse/kurs/_phasen/treffen/index.html"])
        XCTAssertTrue(page.contains("<h1>Auftaktworkshop</h1>") && page.contains("Wir lernen uns kennen."), page)
        let manifest = PackageTests.text(entries["imsmanifest.xml"])
        XCTAssertTrue(manifest.contains(#"<item identifier="ITEM-phase-treffen" identifierref="RES-phase-treffen">"#), manifest)
        XCTAssertTrue(manifest.contains(#"adlcp:scormType="asset" href="kurse/kurs/_phasen/treffen/index.html""#), manifest)
    }

    func testAPackageOverTheSizeLimitStopsTheBuild() throws {
        let base = FixtureTree.minimalSite["content/site.yml"]!
        let (report, _) = try site(["site.yml": base + "\npackage_size_limit: 2 KB\n"])
        XCTAssertFalse(report.published)
        let found = report.diagnostics.filter { $0.id == "packages.too-large" }
        XCTAssertEqual(found.count, 3, report.diagnostics.map(\.formatted).joined(separator: "\n"))
    }
}
