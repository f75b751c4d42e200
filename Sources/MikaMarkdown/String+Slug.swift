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
        let utf8 = self.utf8
        guard utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return self
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            switch byte {
            case 0x26: bytes.append(contentsOf: "&amp;".utf8)
            case 0x3C: bytes.append(contentsOf: "&lt;".utf8)
            case 0x3E: bytes.append(contentsOf: "&gt;".utf8)
            case 0x22: bytes.append(contentsOf: "&quot;".utf8)
            case 0x27: bytes.append(contentsOf: "&#39;".utf8)
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
