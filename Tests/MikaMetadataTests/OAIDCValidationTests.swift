import CLibXML2
import Foundation
import MikaContent
import MikaMetadata
import MikaTestSupport
import XCTest

/// Every OAI-DC record validates against `oai_dc.xsd` (libxml2, offline through the carried catalog).
final class OAIDCValidationTests: XCTestCase {
    lazy var validator: XMLSchemaValidator? = XMLSchemaValidator(
        schema: XMLSchemaValidator.schemasFolder.appendingPathComponent("dc/oai_dc.xsd"),
        catalog: XMLSchemaValidator.schemasFolder.appendingPathComponent("dc/catalog.xml"))

    func sampleSite() throws -> Site {
        let (site, diagnostics) = ContentLoader(contentDirectory: FixtureTree.repositoryRoot.appendingPathComponent("content")).load()
        XCTAssertFalse(diagnostics.hasErrors)
        return try XCTUnwrap(site)
    }

    func testEveryRecordOfTheSampleSiteIsValid() throws {
        let validator = try XCTUnwrap(validator)
        let site = try sampleSite()
        let discovery = try XCTUnwrap(Discovery(site: site))
        XCTAssertEqual(discovery.resources.count, 14)
        for resource in discovery.resources {
            let record = OAIDC.record(for: resource)
            XCTAssertEqual(validator.errors(in: record), [], resource.url)
            XCTAssertTrue(record.contains("<dc:identifier>\(resource.url)</dc:identifier>"))
        }
    }

    func testRecordsInTheStaticRepositoryAreValid() throws {
        let validator = try XCTUnwrap(validator)
        let repository = try XCTUnwrap(Discovery(site: sampleSite())).staticRepository()
        let bytes = Array(repository.utf8)
        let document = try XCTUnwrap(bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                xmlReadMemory($0.baseAddress, Int32($0.count), "oai-pmh.xml", "UTF-8", Int32(XML_PARSE_NONET.rawValue))
            }
        })
        defer { xmlFreeDoc(document) }
        let context = try XCTUnwrap(xmlXPathNewContext(document))
        defer { xmlXPathFreeContext(context) }
        xmlXPathRegisterNs(context, "oai_dc", OAIDC.namespace)
        xmlXPathRegisterNs(context, "oai", "http://www.openarchives.org/OAI/2.0/")
        xmlXPathRegisterNs(context, "sr", "http://www.openarchives.org/OAI/2.0/static-repository")
        let records = try XCTUnwrap(xmlXPathEvalExpression("/sr:Repository/sr:ListRecords/oai:record/oai:metadata/oai_dc:dc", context))
        defer { xmlXPathFreeObject(records) }
        let count = Int(records.pointee.nodesetval?.pointee.nodeNr ?? 0)
        XCTAssertEqual(count, 14)
        for index in 0..<count {
            let node = records.pointee.nodesetval!.pointee.nodeTab[index]
            let single = xmlNewDoc("1.0")!
            defer { xmlFreeDoc(single) }
            xmlDocSetRootElement(single, xmlDocCopyNode(node, single, 1))
            XCTAssertEqual(validator.errors(in: single), [], "record \(index + 1)")
        }
        let identify = xmlXPathEvalExpression("string(/sr:Repository/sr:Identify/oai:adminEmail)", context)
        defer { xmlXPathFreeObject(identify) }
        XCTAssertEqual(identify.flatMap { $0.pointee.stringval.map { String(cString: $0) } }, "oer@mika-beispiel.de")
    }

    func testTheValidatorRejectsABrokenRecord() throws {
        let validator = try XCTUnwrap(validator)
        let broken = """
        <?xml version="1.0"?>
        <oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">
          <dc:title>x</dc:title><dc:farbe>blau</dc:farbe>
        </oai_dc:dc>
        """
        XCTAssertFalse(validator.errors(in: broken).isEmpty)
    }
}
