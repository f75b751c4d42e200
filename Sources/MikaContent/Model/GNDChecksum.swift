/// GND identifiers (Deutsche Nationalbibliothek). Two check rules, chosen by the form: the weighted sum S of the
/// base digits (weights 2, 3, 4, … from the right) gives `(11 − S mod 11) mod 11` for unhyphenated IDs (persons,
/// new GND numbers, music titles) and `S mod 11` for the older hyphenated subject and corporate-body IDs;
/// 10 is written X.
enum GNDChecksum {
    static func problem(_ id: String) -> String? {
        let characters = Array(id)
        let hyphenated = characters.count >= 3 && characters[characters.count - 2] == "-"
        let base = hyphenated ? Array(characters.dropLast(2)) : Array(characters.dropLast())
        guard let check = characters.last, !base.isEmpty, base.allSatisfy(\.isASCIIDigit),
              check.isASCIIDigit || check == "X", wellFormed(characters, hyphenated: hyphenated) else {
            return "'\(id)' is not a GND identifier (e.g. 118540238, 4066724-8, 2001630-X)"
        }
        var sum = 0
        for (offset, digit) in base.reversed().enumerated() { sum += digit.wholeNumberValue! * (offset + 2) }
        let value = hyphenated ? sum % 11 : (11 - sum % 11) % 11
        let expected: Character = value == 10 ? "X" : Character(String(value))
        return check == expected ? nil : "GND identifier '\(id)' has a wrong check character"
    }

    /// `1\d{7,8}[0-9X]`, `3\d{7}[0-9X]`, `[47]\d{6}-\d`, `[1-9]\d{0,7}-[0-9X]`.
    private static func wellFormed(_ characters: [Character], hyphenated: Bool) -> Bool {
        guard let first = characters.first else { return false }
        if hyphenated { return first != "0" && (2...10).contains(characters.count - 1) }
        if first == "1" { return characters.count == 9 || characters.count == 10 }
        return first == "3" && characters.count == 9
    }
}
