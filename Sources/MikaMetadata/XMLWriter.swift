import MikaMarkdown

/// Writes an XML document as UTF-8 bytes: namespaced elements and attributes, escaping, two-space indentation.
///
/// The output is byte for byte what libxml2's text writer gives for the same calls (indent on, indent string two
/// spaces, `"` quotes, declaration `1.0`/`UTF-8`); `XMLWriterReferenceTests` holds the two side by side on
/// random documents. Written here rather than through libxml2 because the text writer spent about 3,600
/// instructions on each element (a seventh of a 10,000-module build); libxml2 still validates every record in
/// the tests.
public final class XMLWriter {
    // One value holds the document: a class's stored properties are checked for exclusive access at run time on
    // every use, which cost more than the writing itself.
    private var document = XMLBytes()

    public init() {}

    /// Starts `<prefix:name>`; pass `namespace` to declare the prefix here.
    public func start(_ name: String, prefix: String? = nil, namespace: String? = nil) {
        document.start(name, prefix: prefix, namespace: namespace)
    }

    /// An attribute of the element just started; a namespace already declared on it is not declared twice.
    public func attribute(_ name: String, _ value: String, prefix: String? = nil, namespace: String? = nil) {
        document.attribute(name, value, prefix: prefix, namespace: namespace)
    }

    /// `<prefix:name>value</prefix:name>`.
    public func element(_ name: String, _ value: String, prefix: String? = nil) {
        document.element(name, value, prefix: prefix)
    }

    /// Text inside the open element.
    public func characters(_ value: String) {
        document.characters(value)
    }

    public func end() {
        document.end()
    }

    /// Closes open elements and returns the document.
    public func finish() -> String {
        String(decoding: finishUTF8(), as: UTF8.self)
    }

    /// The document as UTF-8 bytes, for files: no second validation.
    public func finishUTF8() -> [UInt8] {
        document.finish()
    }
}

/// The writer's state and rules; see `XMLWriter`.
struct XMLBytes {
    private var output: [UInt8] = []
    /// Open elements: prefix and name, and whether the start tag still waits for its `>`.
    private var open: [(prefix: String?, name: String, tagOpen: Bool)] = []
    /// Namespace declarations of the element whose start tag is open, in the order they were given.
    private var declarations: [(attribute: String, uri: String)] = []
    /// Whether an end tag goes on a line of its own (false right after text).
    private var endTagIndents = true

    init() {
        output.reserveCapacity(2048)
        output.appendUTF8(#"<?xml version="1.0" encoding="UTF-8"?>"#)
        output.append(0x0A)
    }

    mutating func start(_ name: String, prefix: String? = nil, namespace: String? = nil) {
        if let parent = open.indices.last, open[parent].tagOpen {
            closeStartTag(parent)
            output.append(0x0A)
        }
        open.append((prefix, name, true))
        indent(open.count - 1)
        output.append(UInt8(ascii: "<"))
        appendName(name, prefix: prefix)
        if let namespace { declarations.append((prefix.map { "xmlns:" + $0 } ?? "xmlns", namespace)) }
    }

    mutating func attribute(_ name: String, _ value: String, prefix: String? = nil, namespace: String? = nil) {
        guard let element = open.indices.last, open[element].tagOpen else { return }
        if let namespace {
            let attribute = prefix.map { "xmlns:" + $0 } ?? "xmlns"
            if let declared = declarations.first(where: { $0.attribute == attribute }) {
                guard declared.uri == namespace else { return }  // libxml2 refuses a second URI for a prefix
            } else {
                declarations.append((attribute, namespace))
            }
        }
        writeAttribute(name, prefix: prefix, value)
    }

    mutating func element(_ name: String, _ value: String, prefix: String? = nil) {
        start(name, prefix: prefix)
        characters(value)
        end()
    }

    mutating func characters(_ value: String) {
        guard let element = open.indices.last else { return }
        if open[element].tagOpen { closeStartTag(element) }
        endTagIndents = false
        Self.appendEscaped(value, to: &output, inAttribute: false)
    }

    mutating func end() {
        guard let element = open.popLast() else { return }
        if element.tagOpen {
            writeDeclarations()
            output.append(UInt8(ascii: "/"))
            output.append(UInt8(ascii: ">"))
        } else {
            if endTagIndents { indent(open.count) }
            output.append(UInt8(ascii: "<"))
            output.append(UInt8(ascii: "/"))
            appendName(element.name, prefix: element.prefix)
            output.append(UInt8(ascii: ">"))
        }
        endTagIndents = true
        output.append(0x0A)
    }

    mutating func finish() -> [UInt8] {
        while !open.isEmpty { end() }
        return output
    }

    // MARK: - Writing

    private mutating func indent(_ levels: Int) {
        for _ in 0..<levels {
            output.append(0x20)
            output.append(0x20)
        }
    }

    private mutating func closeStartTag(_ element: Int) {
        writeDeclarations()
        output.append(UInt8(ascii: ">"))
        open[element].tagOpen = false
    }

    /// The namespace declarations wait for the end of the start tag and come last, the latest first.
    private mutating func writeDeclarations() {
        guard !declarations.isEmpty else { return }
        for (attribute, uri) in declarations.reversed() { writeAttribute(attribute, prefix: nil, uri) }
        declarations.removeAll(keepingCapacity: true)
    }

    private mutating func appendName(_ name: String, prefix: String?) {
        if let prefix {
            output.appendUTF8(prefix)
            output.append(UInt8(ascii: ":"))
        }
        output.appendUTF8(name)
    }

    private mutating func writeAttribute(_ name: String, prefix: String?, _ value: String) {
        output.append(0x20)
        appendName(name, prefix: prefix)
        output.append(UInt8(ascii: "="))
        output.append(UInt8(ascii: "\""))
        Self.appendEscaped(value, to: &output, inAttribute: true)
        output.append(UInt8(ascii: "\""))
    }

    /// Text: `&`, `<`, `>`, `"` and carriage return as references; in an attribute also tab and line feed.
    /// Characters XML forbids are left out.
    static func appendEscaped(_ text: String, to output: inout [UInt8], inAttribute: Bool) {
        var text = text
        text.withUTF8 { bytes in
            guard let suspicious = escape(bytes, to: &output, inAttribute: inAttribute, stoppingAtForbidden: true) else { return }
            // From the first byte that may start a forbidden character on, the text is copied without them and
            // escaped after all.
            let kept = keepingXMLCharacters(UnsafeBufferPointer(rebasing: bytes[suspicious...]))
            kept.withUnsafeBufferPointer { _ = escape($0, to: &output, inAttribute: inAttribute, stoppingAtForbidden: false) }
        }
    }

    /// Escapes `bytes` into `output`; with `stoppingAtForbidden`, stops before the first byte that may start a
    /// character XML forbids (a C0 control, or the lead byte of U+FFFE/U+FFFF) and returns its offset.
    private static func escape(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8], inAttribute: Bool,
                               stoppingAtForbidden: Bool) -> Int? {
        var plain = 0  // start of the run not yet copied
        for index in bytes.indices {
            let byte = bytes[index]
            if byte > UInt8(ascii: ">") && byte != 0xEF { continue }  // letters and most of UTF-8
            let reference: StaticString
            switch byte {
            case UInt8(ascii: "&"): reference = "&amp;"
            case UInt8(ascii: "<"): reference = "&lt;"
            case UInt8(ascii: ">"): reference = "&gt;"
            case UInt8(ascii: "\""): reference = "&quot;"
            case 0x0D: reference = "&#13;"
            case 0x0A where inAttribute: reference = "&#10;"
            case 0x09 where inAttribute: reference = "&#9;"
            case 0x09, 0x0A: continue
            case 0x00..<0x20, 0xEF:
                guard stoppingAtForbidden else { continue }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plain..<index]))
                return index
            default: continue
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plain..<index]))
            output.append(contentsOf: UnsafeBufferPointer(start: reference.utf8Start, count: reference.utf8CodeUnitCount))
            plain = index + 1
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plain...]))
        return nil
    }

    /// The bytes without the characters XML 1.0 forbids (`Char` production: C0 controls but tab, line feed and
    /// carriage return, and U+FFFE/U+FFFF; Swift strings hold no surrogates).
    private static func keepingXMLCharacters(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var kept: [UInt8] = []
        kept.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE {
                index += 3  // U+FFFE or U+FFFF
            } else {
                if byte >= 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { kept.append(byte) }
                index += 1
            }
        }
        return kept
    }
}
