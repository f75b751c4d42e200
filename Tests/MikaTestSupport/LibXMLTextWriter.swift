import CLibXML2

/// libxml2's text writer behind the calls of `MikaMetadata.XMLWriter` (indent on, two spaces, `UTF-8`): the
/// reference the byte writer is held to. Values are given as they are; the caller drops characters XML forbids.
public final class LibXMLTextWriter {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr

    public init() {
        xmlInitParser()
        buffer = xmlBufferCreate()
        writer = xmlNewTextWriterMemory(buffer, 0)
        xmlTextWriterSetIndent(writer, 1)
        xmlTextWriterSetIndentString(writer, "  ")
        xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil)
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    public func start(_ name: String, prefix: String? = nil, namespace: String? = nil) {
        _ = xmlTextWriterStartElementNS(writer, prefix, name, namespace)
    }

    public func attribute(_ name: String, _ value: String, prefix: String? = nil, namespace: String? = nil) {
        _ = xmlTextWriterWriteAttributeNS(writer, prefix, name, namespace, value)
    }

    public func element(_ name: String, _ value: String, prefix: String? = nil) {
        start(name, prefix: prefix)
        characters(value)
        end()
    }

    public func characters(_ value: String) {
        _ = xmlTextWriterWriteString(writer, value)
    }

    public func end() {
        xmlTextWriterEndElement(writer)
    }

    public func finishUTF8() -> [UInt8] {
        xmlTextWriterEndDocument(writer)
        xmlTextWriterFlush(writer)
        guard let content = xmlBufferContent(buffer) else { return [] }
        return Array(UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer))))
    }
}
