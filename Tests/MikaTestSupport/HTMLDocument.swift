import CLibXML2
import Foundation

/// A page parsed with libxml2's HTML parser, queried with XPath; for checks on built pages.
public final class HTMLDocument {
    private let document: htmlDocPtr

    public init?(_ html: String) {
        let bytes = Array(html.utf8)
        let options = Int32(HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue)
        guard let document = bytes.withUnsafeBufferPointer({ buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlReadMemory(chars.baseAddress, Int32(chars.count), "page.html", "UTF-8", options)
            }
        }) else { return nil }
        self.document = document
    }

    deinit { xmlFreeDoc(document) }

    /// Text content or attribute values of the nodes an XPath expression selects.
    public func values(_ xpath: String) -> [String] {
        guard let context = xmlXPathNewContext(document) else { return [] }
        defer { xmlXPathFreeContext(context) }
        guard let result = xmlXPathEvalExpression(xpath, context) else { return [] }
        defer { xmlXPathFreeObject(result) }
        guard let nodes = result.pointee.nodesetval, nodes.pointee.nodeNr > 0 else { return [] }
        return (0..<Int(nodes.pointee.nodeNr)).compactMap { index in
            guard let node = nodes.pointee.nodeTab[index], let content = xmlNodeGetContent(node) else { return nil }
            defer { xmlFree(content) }
            return String(cString: content)
        }
    }

    public func count(_ xpath: String) -> Int { values(xpath).count }
}
