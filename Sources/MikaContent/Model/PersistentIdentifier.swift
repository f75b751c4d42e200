/// Checks ORCID, GND and ROR identifiers for form and check character. Identifiers are always full `https://` URIs.
public enum PersistentIdentifier {
    /// Nil when the identifier is fine; otherwise what is wrong with it.
    public static func problem(with identifier: String) -> String? {
        if identifier.hasPrefix("https://orcid.org/") { return orcidProblem(String(identifier.dropFirst(18))) }
        if identifier.hasPrefix("https://d-nb.info/gnd/") { return gndProblem(String(identifier.dropFirst(22))) }
        if identifier.hasPrefix("https://ror.org/") { return rorProblem(String(identifier.dropFirst(16))) }
        for (prefix, name) in [("orcid.org/", "ORCID"), ("d-nb.info/gnd/", "GND"), ("ror.org/", "ROR")]
        where identifier.contains(prefix) {
            return "\(name) identifiers must be full https URIs, e.g. https://\(prefix)…"
        }
        if identifier.hasPrefix("https://") || identifier.hasPrefix("http://") { return nil }
        return "an identifier must be a full URI (ORCID, GND, ROR or another https URL)"
    }

    /// `0000-0002-1825-0097`: 16 digits in groups of four, the last may be X (ISO 7064 MOD 11-2).
    static func orcidProblem(_ id: String) -> String? {
        let groups = id.split(separator: "-", omittingEmptySubsequences: false)
        let characters = Array(id.replacingOccurrences(of: "-", with: ""))
        guard groups.count == 4, groups.allSatisfy({ $0.count == 4 }), characters.count == 16,
              characters.dropLast().allSatisfy(\.isASCIIDigit),
              characters.last!.isASCIIDigit || characters.last == "X" else {
            return "'\(id)' is not an ORCID iD (form 0000-0000-0000-000X)"
        }
        var total = 0
        for character in characters.dropLast() { total = (total + character.wholeNumberValue!) * 2 }
        let result = (12 - total % 11) % 11
        let expected: Character = result == 10 ? "X" : Character(String(result))
        return characters.last == expected ? nil : "ORCID iD '\(id)' has a wrong check digit"
    }

    /// ROR: `0` + six Crockford base32 characters + two check digits (ISO 7064 MOD 97-10).
    static func rorProblem(_ id: String) -> String? {
        let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz")
        let characters = Array(id)
        guard characters.count == 9, characters[0] == "0",
              characters[0..<7].allSatisfy({ alphabet.contains($0) }),
              characters[7...].allSatisfy(\.isASCIIDigit) else {
            return "'\(id)' is not a ROR ID (form 0 + six letters or digits + two check digits)"
        }
        var value = 0
        for character in characters[0..<7] { value = value * 32 + alphabet.firstIndex(of: character)! }
        let check = 98 - (value * 100) % 97
        return Int(String(characters[7...])) == check ? nil : "ROR ID '\(id)' has wrong check digits"
    }

    static func gndProblem(_ id: String) -> String? { GNDChecksum.problem(id) }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
