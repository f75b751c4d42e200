import MikaMetadata
import MikaTestSupport
import XCTest

/// mika writes XML itself; libxml2's text writer is the reference. The same random documents go through both,
/// and the bytes must match: nesting and indentation, empty elements, text before children, namespaces declared
/// on elements and by attributes, and values full of characters to escape or to leave out.
final class XMLWriterReferenceTests: XCTestCase {
    func testRandomDocumentsMatchLibXML2() {
        var random = SplitMix64(seed: 0x6D696B61)
        for document in 0..<1500 {
            let ours = XMLWriter()
            let reference = LibXMLTextWriter()
            var calls: [String] = []
            writeElement(depth: 0, &random, ours, reference, &calls)
            let (mine, theirs) = (ours.finishUTF8(), reference.finishUTF8())
            guard mine != theirs else { continue }
            XCTFail("document \(document) differs after \(calls.joined(separator: "; "))\n"
                + "mika:    \(String(decoding: mine, as: UTF8.self).debugDescription)\n"
                + "libxml2: \(String(decoding: theirs, as: UTF8.self).debugDescription)")
            return
        }
    }

    func testForbiddenCharactersAreLeftOutAndMarkupEscaped() {
        let writer = XMLWriter()
        writer.start("a")
        writer.attribute("v", "x\u{1}\"<\n\t\r\u{FFFE}y")
        writer.element("b", "1 < 2 & \u{0}\u{B}\u{FFFF}\u{FFFD} \"ü\"\r\n")
        XCTAssertEqual(writer.finish(), """
            <?xml version="1.0" encoding="UTF-8"?>
            <a v="x&quot;&lt;&#10;&#9;&#13;y">
              <b>1 &lt; 2 &amp; \u{FFFD} &quot;ü&quot;&#13;
            </b>
            </a>

            """)
    }

    // MARK: - Random documents

    private let names = ["a", "lom", "general", "identifier", "x-y", "entry"]
    private let prefixes: [String?] = [nil, nil, "lom", "xsi", "dc"]
    private let namespaces: [String?] = [nil, nil, "http://ltsc.ieee.org/xsd/LOM", "urn:x&y", "http://purl.org/dc/elements/1.1/"]
    private let pieces = ["a", "Lernmodul", " ", "&", "<", ">", "\"", "'", "\r", "\n", "\t", "ü", "€", "😀", "]]>",
                          "\u{0}", "\u{1}", "\u{B}", "\u{1F}", "\u{7F}", "\u{85}", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}",
                          "\u{EFFF}", "&amp;"]

    private func value(_ random: inout SplitMix64) -> String {
        (0..<random.next(below: 6)).map { _ in pieces[random.next(below: pieces.count)] }.joined()
    }

    /// libxml2 writes what it is given; mika leaves out what XML 1.0 forbids, so the reference gets it left out.
    private func allowed(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { scalar in
            switch scalar.value {
            case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
            default: return false
            }
        }))
    }

    private func writeElement(depth: Int, _ random: inout SplitMix64, _ ours: XMLWriter, _ reference: LibXMLTextWriter,
                              _ calls: inout [String]) {
        let name = names[random.next(below: names.count)]
        if random.next(below: 4) == 0 {
            let text = value(&random)
            let prefix = prefixes[random.next(below: prefixes.count)]
            calls.append("element \(name) \(text.debugDescription)")
            ours.element(name, text, prefix: prefix)
            reference.element(name, allowed(text), prefix: prefix)
            return
        }
        let prefix = prefixes[random.next(below: prefixes.count)]
        let namespace = prefix == nil && random.next(below: 2) == 0 ? nil : namespaces[random.next(below: namespaces.count)]
        calls.append("start \(prefix ?? "-"):\(name) \(namespace ?? "-")")
        ours.start(name, prefix: prefix, namespace: namespace)
        reference.start(name, prefix: prefix, namespace: namespace)
        for _ in 0..<random.next(below: 4) {
            let attribute = names[random.next(below: names.count)] + "\(random.next(below: 100))"
            let attributePrefix = prefixes[random.next(below: prefixes.count)]
            let attributeNamespace = attributePrefix == nil ? nil : namespaces[random.next(below: namespaces.count)]
            let text = value(&random)
            calls.append("attribute \(attributePrefix ?? "-"):\(attribute) \(attributeNamespace ?? "-") \(text.debugDescription)")
            ours.attribute(attribute, text, prefix: attributePrefix, namespace: attributeNamespace)
            reference.attribute(attribute, allowed(text), prefix: attributePrefix, namespace: attributeNamespace)
        }
        for _ in 0..<(depth < 4 ? random.next(below: 5) : 0) {
            if random.next(below: 3) == 0 {
                let text = value(&random)
                calls.append("characters \(text.debugDescription)")
                ours.characters(text)
                reference.characters(allowed(text))
            } else {
                writeElement(depth: depth + 1, &random, ours, reference, &calls)
            }
        }
        if depth > 0 || random.next(below: 2) == 0 {  // else finish() closes it
            calls.append("end")
            ours.end()
            reference.end()
        }
    }
}

/// A small seeded generator: the same documents on every run.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next(below bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E4B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
