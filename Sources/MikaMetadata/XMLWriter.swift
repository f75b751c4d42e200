import CLibXML2
import Foundation

private let initialiseLibXML: Void = xmlInitParser()

/// A thin wrapper over libxml2's text writer: namespaced elements, escaping and indentation by libxml2.
public final class XMLWriter {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr

    public init() {
        _ = initialiseLibXML
        buffer = xmlBufferCreate()
        writer = xmlNewTextWriterMemory(buffer, 0)
        xmlTextWriterSetIndent(writer, 1)
        "  ".withXMLChars { xmlTextWriterSetIndentString(writer, $0) }
        xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil)
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    /// Starts `<prefix:name>`; pass `namespace` to declare the prefix here.
    public func start(_ name: String, prefix: String? = nil, namespace: String? = nil) {
        withOptional(prefix) { prefix in
            name.withXMLChars { name in
                withOptional(namespace) { namespace in
                    _ = xmlTextWriterStartElementNS(writer, prefix, name, namespace)
                }
            }
        }
    }

    public func attribute(_ name: String, _ value: String, prefix: String? = nil, namespace: String? = nil) {
        withOptional(prefix) { prefix in
            name.withXMLChars { name in
                withOptional(namespace) { namespace in
                    Self.clean(value).withXMLChars { value in
                        _ = xmlTextWriterWriteAttributeNS(writer, prefix, name, namespace, value)
                    }
                }
            }
        }
    }

    /// `<prefix:name>value</prefix:name>`.
    public func element(_ name: String, _ value: String, prefix: String? = nil) {
        start(name, prefix: prefix)
        Self.clean(value).withXMLChars { _ = xmlTextWriterWriteString(writer, $0) }
        end()
    }

    /// Text inside the open element.
    public func characters(_ value: String) {
        Self.clean(value).withXMLChars { _ = xmlTextWriterWriteString(writer, $0) }
    }

    /// Writes a finished document's root element (and what it holds) into this one.
    public func raw(_ xml: String) {
        var body = xml
        if body.hasPrefix("<?xml"), let end = body.range(of: "?>") { body = String(body[end.upperBound...]) }
        body.withXMLChars { _ = xmlTextWriterWriteRaw(writer, $0) }
    }

    public func end() {
        xmlTextWriterEndElement(writer)
    }

    /// Closes open elements and returns the document.
    public func finish() -> String {
        String(decoding: finishUTF8(), as: UTF8.self)
    }

    /// The document as UTF-8 bytes (libxml2 wrote them from Swift strings), for files: no second validation.
    public func finishUTF8() -> [UInt8] {
        xmlTextWriterEndDocument(writer)
        xmlTextWriterFlush(writer)
        guard let content = xmlBufferContent(buffer) else { return [] }
        return Array(UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer))))
    }

    /// Drops every character XML 1.0 forbids (`Char` production: C0 controls but tab, line feed and carriage
    /// return, and U+FFFE/U+FFFF; Swift strings hold no surrogates). Every text and attribute value passes here.
    public static func clean(_ text: String) -> String {
        // Bytes first: a forbidden character is a C0 control or U+FFFE/U+FFFF, whose UTF-8 starts with 0xEF.
        var utf8 = text
        let suspicious = utf8.withUTF8 { bytes in
            bytes.contains { ($0 < 0x20 && $0 != 0x9 && $0 != 0xA && $0 != 0xD) || $0 == 0xEF }
        }
        guard suspicious, text.unicodeScalars.contains(where: { !isXMLCharacter($0) }) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.filter(isXMLCharacter)))
    }

    static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    private func withOptional(_ text: String?, _ body: (UnsafePointer<xmlChar>?) -> Void) {
        if let text { text.withXMLChars { body($0) } } else { body(nil) }
    }
}

extension String {
    func withXMLChars<Result>(_ body: (UnsafePointer<xmlChar>) -> Result) -> Result {
        withCString { pointer in
            pointer.withMemoryRebound(to: xmlChar.self, capacity: utf8.count + 1) { body($0) }
        }
    }
}
