extension String {
    /// A stable URL fragment: lower case, German umlauts spelt out, other characters to `-`.
    public var slugified: String { asciiOrUmlautSlug ?? unicodeSlug }

    /// `slugified` for any text, through Unicode lower case.
    var unicodeSlug: String {
        var slug: [UInt8] = []
        slug.reserveCapacity(utf8.count)
        var pendingDash = false
        for scalar in lowercased().unicodeScalars {
            let replacement: (UInt8, UInt8?)?
            switch scalar {
            case "ä": replacement = (UInt8(ascii: "a"), UInt8(ascii: "e"))
            case "ö": replacement = (UInt8(ascii: "o"), UInt8(ascii: "e"))
            case "ü": replacement = (UInt8(ascii: "u"), UInt8(ascii: "e"))
            case "ß": replacement = (UInt8(ascii: "s"), UInt8(ascii: "s"))
            case "a"..."z", "0"..."9": replacement = (UInt8(scalar.value), nil)
            default: replacement = nil
            }
            if let (first, second) = replacement {
                if pendingDash && !slug.isEmpty { slug.append(UInt8(ascii: "-")) }
                pendingDash = false
                slug.append(first)
                if let second { slug.append(second) }
            } else {
                pendingDash = true
            }
        }
        return String(decoding: slug, as: UTF8.self)
    }

    /// `slugified` on bytes for text of ASCII, German umlauts and ß, and punctuation of U+0080–U+00BF and
    /// U+2000–U+203F (no-break space, «», §, dashes, quotes), which are never letters: most headings. Nil for any
    /// other character, whose lower case only the Unicode tables know (lowering every heading cost 1,700
    /// instructions).
    var asciiOrUmlautSlug: String? {
        var slug: [UInt8] = []
        slug.reserveCapacity(utf8.count)
        var pendingDash = false
        /// The lead bytes read of a multi-byte character: 0xC2, 0xC3, 0xE2 or 0xE280 (E2 80).
        var lead: UInt16 = 0
        func add(_ first: UInt8, _ second: UInt8? = nil) {
            if pendingDash && !slug.isEmpty { slug.append(UInt8(ascii: "-")) }
            pendingDash = false
            slug.append(first)
            if let second { slug.append(second) }
        }
        for byte in utf8 {
            switch (lead, byte) {
            case (0, UInt8(ascii: "a")...UInt8(ascii: "z")), (0, UInt8(ascii: "0")...UInt8(ascii: "9")): add(byte)
            case (0, UInt8(ascii: "A")...UInt8(ascii: "Z")): add(byte | 0x20)
            case (0, 0xC2), (0, 0xC3), (0, 0xE2): lead = UInt16(byte)
            case (0, 0x80...): return nil
            case (0, _): pendingDash = true
            case (0xC3, 0x84), (0xC3, 0xA4): add(UInt8(ascii: "a"), UInt8(ascii: "e")); lead = 0  // Ä ä
            case (0xC3, 0x96), (0xC3, 0xB6): add(UInt8(ascii: "o"), UInt8(ascii: "e")); lead = 0  // Ö ö
            case (0xC3, 0x9C), (0xC3, 0xBC): add(UInt8(ascii: "u"), UInt8(ascii: "e")); lead = 0  // Ü ü
            case (0xC3, 0x9F): add(UInt8(ascii: "s"), UInt8(ascii: "s")); lead = 0  // ß
            case (0xC2, 0x80...0xBF), (0xE280, 0x80...0xBF): pendingDash = true; lead = 0
            case (0xE2, 0x80): lead = 0xE280
            default: return nil
            }
        }
        return lead == 0 ? String(decoding: slug, as: UTF8.self) : nil
    }

    /// Escapes `& < > " '` for HTML text and attribute values (byte-wise; strings without them are returned as is).
    public var htmlEscaped: String {
        guard utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return self
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 16)
        appendHTMLEscaped(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `htmlEscaped` appended to UTF-8 output, whole runs at a time (pages are rendered into bytes).
    public func appendHTMLEscaped(to output: inout [UInt8]) {
        var text = self
        text.withUTF8 { bytes in
            var runStart = 0
            for index in bytes.indices {
                let replacement: StaticString
                switch bytes[index] {
                case 0x26: replacement = "&amp;"
                case 0x3C: replacement = "&lt;"
                case 0x3E: replacement = "&gt;"
                case 0x22: replacement = "&quot;"
                case 0x27: replacement = "&#39;"
                default: continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                output.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                runStart = index + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
    }
}
