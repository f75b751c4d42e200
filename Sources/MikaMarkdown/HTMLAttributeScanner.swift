/// Start tags and their attributes in a piece of raw HTML, tokenised the way the HTML standard's tokenizer reads
/// them: comments, end tags, doctypes and the text of `<script>`, `<style>`, `<textarea>` and `<title>` are
/// skipped; attribute values may be double-quoted, single-quoted or unquoted; names are case-insensitive.
/// Used to find (and rewrite) the addresses in raw HTML that authors write with `allow_raw_html: true`.
public enum HTMLAttributeScanner {
    public struct Attribute: Hashable, Sendable {
        /// Lower-case tag and attribute names.
        public var tag: String
        public var name: String
        /// The value with character references decoded.
        public var value: String
        /// Byte range of the value as written (without quotes) in the scanned text; nil for a name without value.
        public var valueRange: Range<Int>?
        /// Byte range from the `=` to the end of the value, closing quote included.
        public var assignmentRange: Range<Int>?
        /// Byte range of the whole attribute, name to closing quote.
        public var range: Range<Int>
        /// Index of the start tag in the text, so that attributes of one element can be found together.
        public var element: Int
    }

    /// HTML's ASCII whitespace.
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D }

    private static let rawTextElements: Set<String> = ["script", "style", "textarea", "title", "xmp"]

    public static func attributes(in html: String) -> [Attribute] {
        let bytes = Array(html.utf8)
        let count = bytes.count
        var result: [Attribute] = []
        var index = 0
        var element = 0
        func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
        func find(_ needle: [UInt8], from start: Int, caseInsensitive: Bool = false) -> Int? {
            guard needle.count <= count else { return nil }
            var position = start
            while position + needle.count <= count {
                var matches = true
                for offset in needle.indices {
                    var byte = bytes[position + offset]
                    if caseInsensitive && (0x41...0x5A).contains(byte) { byte += 0x20 }
                    if byte != needle[offset] { matches = false; break }
                }
                if matches { return position }
                position += 1
            }
            return nil
        }
        func lowercased(_ range: Range<Int>) -> String {
            String(decoding: bytes[range].map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }, as: UTF8.self)
        }
        while index < count {
            guard bytes[index] == UInt8(ascii: "<"), index + 1 < count else { index += 1; continue }
            let next = bytes[index + 1]
            if next == UInt8(ascii: "!") {
                if let comment = find(Array("<!--".utf8), from: index), comment == index {
                    // `<!-->` and `<!--->` end at once (HTML's abrupt closing of an empty comment).
                    if index + 4 < count, bytes[index + 4] == UInt8(ascii: ">") { index += 5; continue }
                    if index + 5 < count, bytes[index + 4] == UInt8(ascii: "-"), bytes[index + 5] == UInt8(ascii: ">") { index += 6; continue }
                    index = (find(Array("-->".utf8), from: index + 4) ?? count - 3) + 3
                } else {
                    index = (find([UInt8(ascii: ">")], from: index) ?? count - 1) + 1
                }
                continue
            }
            if next == UInt8(ascii: "/") || next == UInt8(ascii: "?") {
                index = (find([UInt8(ascii: ">")], from: index) ?? count - 1) + 1
                continue
            }
            guard isLetter(next) else { index += 1; continue }
            var position = index + 1
            while position < count, !isSpace(bytes[position]), bytes[position] != UInt8(ascii: "/"), bytes[position] != UInt8(ascii: ">") {
                position += 1
            }
            let tag = lowercased(index + 1..<position)
            element += 1
            attributes: while position < count {
                while position < count, isSpace(bytes[position]) || bytes[position] == UInt8(ascii: "/") { position += 1 }
                guard position < count, bytes[position] != UInt8(ascii: ">") else { position += 1; break attributes }
                let nameStart = position
                position += 1  // a leading '=' belongs to the name
                while position < count, !isSpace(bytes[position]), bytes[position] != UInt8(ascii: "/"),
                      bytes[position] != UInt8(ascii: ">"), bytes[position] != UInt8(ascii: "=") {
                    position += 1
                }
                let name = lowercased(nameStart..<position)
                var probe = position
                while probe < count, isSpace(bytes[probe]) { probe += 1 }
                guard probe < count, bytes[probe] == UInt8(ascii: "=") else {
                    result.append(Attribute(tag: tag, name: name, value: "", valueRange: nil, assignmentRange: nil,
                                            range: nameStart..<position, element: element))
                    continue
                }
                let equals = probe
                position = probe + 1
                while position < count, isSpace(bytes[position]) { position += 1 }
                let range: Range<Int>
                if position < count, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") {
                    let quote = bytes[position]
                    let start = position + 1
                    let end = find([quote], from: start) ?? count
                    range = start..<end
                    position = min(end + 1, count)
                } else {
                    let start = position
                    while position < count, !isSpace(bytes[position]), bytes[position] != UInt8(ascii: ">") { position += 1 }
                    range = start..<position
                }
                let raw = String(decoding: bytes[range], as: UTF8.self)
                result.append(Attribute(tag: tag, name: name, value: decodeCharacterReferences(raw), valueRange: range,
                                        assignmentRange: equals..<position, range: nameStart..<position, element: element))
            }
            index = position
            if rawTextElements.contains(tag) {
                let closing = Array("</\(tag)".utf8)
                index = find(closing, from: index, caseInsensitive: true) ?? count
            }
        }
        return result
    }

    /// `&amp;`, `&quot;`, `&apos;`, `&lt;`, `&gt;`, `&nbsp;` and numeric references; others stay as written.
    public static func decodeCharacterReferences(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        let named: [Substring: String] = ["amp": "&", "quot": "\"", "apos": "'", "lt": "<", "gt": ">", "nbsp": "\u{A0}"]
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            let afterAmpersand = rest.index(after: ampersand)
            guard let semicolon = rest[afterAmpersand...].prefix(12).firstIndex(of: ";") else {
                result += "&"
                rest = rest[afterAmpersand...]
                continue
            }
            let name = rest[afterAmpersand..<semicolon]
            var decoded: String?
            if let value = named[name] {
                decoded = value
            } else if name.hasPrefix("#x") || name.hasPrefix("#X"), let code = UInt32(name.dropFirst(2), radix: 16),
                      let scalar = Unicode.Scalar(code) {
                decoded = String(Character(scalar))
            } else if name.hasPrefix("#"), let code = UInt32(name.dropFirst()), let scalar = Unicode.Scalar(code) {
                decoded = String(Character(scalar))
            }
            if let decoded {
                result += decoded
                rest = rest[rest.index(after: semicolon)...]
            } else {
                result += "&"
                rest = rest[afterAmpersand...]
            }
        }
        return result + rest
    }

    /// The URLs of a `srcset` value with their byte ranges inside the value: `a.png 1x, b.png 2x`.
    public static func srcsetCandidates(_ value: String) -> [(url: String, range: Range<Int>)] {
        let bytes = Array(value.utf8)
        var result: [(String, Range<Int>)] = []
        var position = 0
        while position < bytes.count {
            while position < bytes.count, isSpace(bytes[position]) || bytes[position] == UInt8(ascii: ",") { position += 1 }
            let start = position
            while position < bytes.count, !isSpace(bytes[position]) { position += 1 }
            var end = position
            while end > start, bytes[end - 1] == UInt8(ascii: ",") { end -= 1 }  // "a.png," without descriptor
            if end > start { result.append((String(decoding: bytes[start..<end], as: UTF8.self), start..<end)) }
            if end < position { continue }
            while position < bytes.count, bytes[position] != UInt8(ascii: ",") { position += 1 }  // the descriptor
        }
        return result
    }
}
