extension String {
    /// A stable URL fragment: lower case, German umlauts spelt out, other characters to `-`.
    public var slugified: String {
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
