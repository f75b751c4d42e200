import CLibXML2
import Foundation

/// Validates XML documents against an XSD with libxml2, offline: remote schema locations are mapped to local
/// copies by an XML catalog.
public final class XMLSchemaValidator {
    private let schema: xmlSchemaPtr

    /// `catalog` maps the schema's imports to local files; network access is never used.
    public init?(schema url: URL, catalog: URL? = nil) {
        xmlInitParser()
        if let catalog { xmlLoadCatalog(catalog.path) }
        guard let parserContext = xmlSchemaNewParserCtxt(url.path) else { return nil }
        defer { xmlSchemaFreeParserCtxt(parserContext) }
        guard let schema = xmlSchemaParse(parserContext) else { return nil }
        self.schema = schema
    }

    deinit { xmlSchemaFree(schema) }

    /// The validation errors of a document; empty when it is valid.
    public func errors(in xml: String) -> [String] {
        let bytes = Array(xml.utf8)
        guard let document = bytes.withUnsafeBufferPointer({ buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                xmlReadMemory($0.baseAddress, Int32($0.count), "record.xml", "UTF-8", Int32(XML_PARSE_NONET.rawValue))
            }
        }) else { return ["not well-formed XML"] }
        defer { xmlFreeDoc(document) }
        return errors(in: document)
    }

    public func errors(in document: xmlDocPtr) -> [String] {
        guard let context = xmlSchemaNewValidCtxt(schema) else { return ["cannot create a validation context"] }
        defer { xmlSchemaFreeValidCtxt(context) }
        final class Collector { var messages: [String] = [] }
        let collector = Collector()
        xmlSchemaSetValidStructuredErrors(context, { userData, error in
            guard let userData, let error else { return }
            let collector = Unmanaged<Collector>.fromOpaque(userData).takeUnretainedValue()
            let message = error.pointee.message.map { String(cString: $0) } ?? "error"
            collector.messages.append("line \(error.pointee.line): \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }, Unmanaged.passUnretained(collector).toOpaque())
        let result = xmlSchemaValidateDoc(context, document)
        if result != 0 && collector.messages.isEmpty { collector.messages.append("invalid (code \(result))") }
        return collector.messages
    }

    /// The `Tests/Schemas` folder carried in the repository.
    public static var schemasFolder: URL { FixtureTree.repositoryRoot.appendingPathComponent("Tests/Schemas") }
}
