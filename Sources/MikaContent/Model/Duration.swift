import Foundation
import MikaMarkdown

/// A learning time, normalised to whole minutes; written as ISO 8601 (`PT1H30M`) or German (`1 Std. 30 Min.`).
public struct LearningDuration: Hashable, Sendable, Codable, Comparable {
    public var minutes: Int

    public init(minutes: Int) { self.minutes = minutes }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.minutes < rhs.minutes }

    /// ISO 8601 duration such as `PT45M` or `PT1H30M`.
    public var iso8601: String {
        let hours = minutes / 60, rest = minutes % 60
        if minutes == 0 { return "PT0M" }
        return "PT" + (hours > 0 ? "\(hours)H" : "") + (rest > 0 ? "\(rest)M" : "")
    }

    /// German reading form such as `45 Min.` or `1 Std. 30 Min.`.
    public var label: String {
        let hours = minutes / 60, rest = minutes % 60
        switch (hours, rest) {
        case (0, _): return "\(rest) Min."
        case (_, 0): return "\(hours) Std."
        default: return "\(hours) Std. \(rest) Min."
        }
    }

    /// Accepts ISO 8601 (`PT45M`, `PT1H30M`, `P1DT2H`) and human forms (`45 min`, `1,5 Std.`, `1 h 30 min`,
    /// `90 Minuten`). Returns nil for anything else.
    public init?(parsing text: String) {
        let value = text.trimmingSpaces
        if value.uppercased().hasPrefix("P") {
            guard let minutes = Self.parseISO(value.uppercased()) else { return nil }
            self.minutes = minutes
        } else {
            guard let minutes = Self.parseHuman(value) else { return nil }
            self.minutes = minutes
        }
    }

    private static func parseISO(_ text: String) -> Int? {
        var total = 0.0, number = "", inTime = false, sawUnit = false
        for character in text.dropFirst() {
            if character == "T" { inTime = true; continue }
            if character.isNumber || character == "." || character == "," {
                number.append(character == "," ? "." : character)
                continue
            }
            guard let amount = Double(number) else { return nil }
            number = ""
            sawUnit = true
            switch (character, inTime) {
            case ("W", false): total += amount * 7 * 24 * 60
            case ("D", false): total += amount * 24 * 60
            case ("H", true): total += amount * 60
            case ("M", true): total += amount
            case ("S", true): total += amount / 60
            default: return nil
            }
        }
        guard number.isEmpty, sawUnit else { return nil }
        return wholeMinutes(total)
    }

    /// Longest learning time taken as such: ten years. Longer (or not finite) is a typo, not a course; converting
    /// it to `Int` would trap (found by fuzzing: `10000…0,5 Std.`).
    static let maximumMinutes = 10.0 * 365 * 24 * 60

    private static func wholeMinutes(_ total: Double) -> Int? {
        guard total.isFinite, total >= 0, total <= maximumMinutes else { return nil }
        return Int(total.rounded())
    }

    private static let units: [(names: [String], minutes: Double)] = [
        (["min", "min.", "minute", "minuten", "minutes", "m"], 1),
        (["h", "std", "std.", "stunde", "stunden", "hour", "hours"], 60),
    ]

    /// `45 min`, `2 h`, `90 Minuten`: a whole number and one unit, the form nearly every module uses, read on bytes;
    /// nil for anything else, which the general reading below handles.
    private static func parseSimple(_ text: String) -> Int? {
        var digits = 0, amount = 0, spaced = false
        var unit: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9") where unit.isEmpty && !spaced:
                guard digits < 6 else { return nil }
                amount = amount * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            case UInt8(ascii: " ") where unit.isEmpty:
                spaced = true
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "."):
                unit.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                unit.append(byte | 0x20)
            default:
                return nil
            }
        }
        guard digits > 0, !unit.isEmpty, let minutes = units.first(where: { $0.names.contains { $0.utf8.elementsEqual(unit) } })?.minutes
        else { return nil }
        return wholeMinutes(Double(amount) * minutes)
    }

    private static func parseHuman(_ text: String) -> Int? {
        if let minutes = parseSimple(text) { return minutes }
        // Split into number/unit tokens: "1,5 Std." -> ["1,5", "Std."]; "45min" -> ["45", "min"].
        var tokens: [String] = []
        var current = ""
        var currentIsNumber = false
        for character in text.lowercased() {
            if character == " " {
                if !current.isEmpty { tokens.append(current); current = "" }
                continue
            }
            let isNumber = character.isNumber || character == "," || character == "."
                && currentIsNumber && !current.isEmpty
            if !current.isEmpty && isNumber != currentIsNumber { tokens.append(current); current = "" }
            current.append(character)
            currentIsNumber = isNumber
        }
        if !current.isEmpty { tokens.append(current) }
        guard !tokens.isEmpty, tokens.count % 2 == 0 else { return nil }
        var total = 0.0
        for index in stride(from: 0, to: tokens.count, by: 2) {
            guard let amount = Double(String(tokens[index].map { $0 == "," ? "." : $0 })),
                  let unit = units.first(where: { $0.names.contains(tokens[index + 1]) }) else { return nil }
            total += amount * unit.minutes
        }
        return wholeMinutes(total)
    }
}
