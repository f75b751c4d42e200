extension String {
    /// A stable URL fragment: lower case, German umlauts spelt out, other characters to `-`.
    public var slugified: String {
        var slug = ""
        var pendingDash = false
        for scalar in lowercased().unicodeScalars {
            let replacement: String?
            switch scalar {
            case "ä": replacement = "ae"
            case "ö": replacement = "oe"
            case "ü": replacement = "ue"
            case "ß": replacement = "ss"
            case "a"..."z", "0"..."9": replacement = String(scalar)
            default: replacement = nil
            }
            if let replacement {
                if pendingDash && !slug.isEmpty { slug += "-" }
                pendingDash = false
                slug += replacement
            } else {
                pendingDash = true
            }
        }
        return slug
    }

    /// Escapes `& < > " '` for HTML text and attribute values.
    public var htmlEscaped: String {
        var result = ""
        result.reserveCapacity(utf8.count)
        for character in unicodeScalars {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }
}
