/// OAI-DC records (`oai_dc:dc`), written with libxml2; valid against `oai_dc.xsd`.
public enum OAIDC {
    public static let namespace = "http://www.openarchives.org/OAI/2.0/oai_dc/"
    public static let schemaLocation = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
    static let xsi = "http://www.w3.org/2001/XMLSchema-instance"

    /// A standalone record document.
    public static func record(for resource: ResourceDescription) -> String { record(DublinCore(resource)) }

    public static func record(_ dublinCore: DublinCore) -> String {
        String(decoding: recordUTF8(dublinCore), as: UTF8.self)
    }

    /// `record(_:)` as UTF-8 bytes, for the file.
    public static func recordUTF8(_ dublinCore: DublinCore) -> [UInt8] {
        let writer = XMLWriter()
        write(dublinCore, to: writer)
        return writer.finishUTF8()
    }

    static func write(_ dublinCore: DublinCore, to writer: XMLWriter) {
        writer.start("dc", prefix: "oai_dc", namespace: namespace)
        writer.attribute("dc", DublinCore.namespace, prefix: "xmlns")
        writer.attribute("xsi", xsi, prefix: "xmlns")
        writer.attribute("schemaLocation", "\(namespace) \(schemaLocation)", prefix: "xsi")
        for element in dublinCore.elements {
            writer.element(element.name, element.value, prefix: "dc")
        }
        writer.end()
    }
}
