import Foundation
import Mustache
import Yams

/// The theme's UI text in one language (`i18n/<language>.yml`): plain texts, texts with `{name}` placeholders,
/// and plural forms (`one:`/`other:`). A key missing in the language falls back to the theme's German text, then
/// to the key itself, so a page never shows nothing.
public struct UIStrings: Sendable {
    enum Entry: Sendable {
        case text(String)
        case plural(one: String, other: String)
    }

    public let language: String
    let entries: [String: Entry]
    let fallback: [String: Entry]
    /// Each key's text by the number of its name (`FieldName`), for `{{t.key}}` in templates: an index instead of
    /// hashing the key for each of the twenty texts of every page.
    private let textsByName: [String?]
    /// Badge texts, the same on every module page of a language: made once.
    private let typeLabels: [ModuleType: String]
    private let stepBadges: [ActionStep: String]

    init(language: String, entries: [String: Entry], fallback: [String: Entry]) {
        self.language = language
        self.entries = entries
        self.fallback = fallback
        var texts: [String?] = []
        for key in Set(entries.keys).union(fallback.keys) {
            let id = FieldName(key).id
            if id >= texts.count { texts += repeatElement(nil, count: id + 1 - texts.count) }
            texts[id] = Self.text(key, [:], entries: entries, fallback: fallback)
        }
        textsByName = texts
        func text(_ key: String, _ values: [String: String] = [:]) -> String {
            Self.text(key, values, entries: entries, fallback: fallback)
        }
        typeLabels = Dictionary(uniqueKeysWithValues: ModuleType.allCases.map { ($0, text("type_" + $0.rawValue)) })
        stepBadges = Dictionary(uniqueKeysWithValues: ActionStep.allCases.map { step in
            (step, text("step_badge", ["number": String(step.number), "step": text("step_" + step.rawValue)]))
        })
    }

    /// Parses one i18n file; nil with a message when it is not a mapping of keys to texts or plural forms.
    static func parse(_ yaml: String) throws -> [String: Entry] {
        // Every scalar is text here, so no tag resolution (the default resolver runs regular expressions on each).
        guard let node = try Yams.compose(yaml: yaml, .basic, .default, .utf8), let mapping = node.mapping else {
            throw ParseError(message: "an i18n file must be a mapping of keys to texts")
        }
        var entries: [String: Entry] = [:]
        for (key, value) in mapping {
            guard let name = key.string else { continue }
            if let text = value.string, value.scalar != nil {
                entries[name] = .text(text)
            } else if let forms = value.mapping, let one = forms["one"]?.string, let other = forms["other"]?.string {
                entries[name] = .plural(one: one, other: other)
            } else {
                throw ParseError(message: "'\(name)' must be a text or a mapping with 'one:' and 'other:'")
            }
        }
        return entries
    }

    struct ParseError: Error { var message: String }

    /// True when `key` has a plain text (not plural forms) in this language or the fallback.
    func hasText(_ key: String) -> Bool {
        if case .text? = entries[key] ?? fallback[key] { return true }
        return false
    }

    /// The text for `key`, its `{name}` placeholders filled from `values`.
    public func text(_ key: String, _ values: [String: String] = [:]) -> String {
        Self.text(key, values, entries: entries, fallback: fallback)
    }

    private static func text(_ key: String, _ values: [String: String], entries: [String: Entry],
                             fallback: [String: Entry]) -> String {
        switch entries[key] ?? fallback[key] {
        case .text(let text)?: return fill(text, values)
        case .plural(_, let other)?: return fill(other, values)
        case nil: return key
        }
    }

    /// The plural form of `key` for `count` (German and English: one for 1, other otherwise), `{count}` filled in.
    public func plural(_ key: String, _ count: Int, _ values: [String: String] = [:]) -> String {
        var all = values
        all["count"] = String(count)
        switch entries[key] ?? fallback[key] {
        case .plural(let one, let other)?: return Self.fill(count == 1 ? one : other, all)
        case .text(let text)?: return Self.fill(text, all)
        case nil: return key
        }
    }

    /// `{name}` → its value, in one pass; unknown names stay as written.
    private static func fill(_ text: String, _ values: [String: String]) -> String {
        guard !values.isEmpty, text.utf8.contains(UInt8(ascii: "{")) else { return text }
        // Braces are ASCII, so the text is put together as bytes, cut only between characters.
        var text = text
        var result: [UInt8] = []
        text.withUTF8 { bytes in
            result.reserveCapacity(bytes.count + 32)
            var rest = 0
            while let open = bytes[rest...].firstIndex(of: UInt8(ascii: "{")),
                  let close = bytes[open...].firstIndex(of: UInt8(ascii: "}")) {
                result.append(contentsOf: bytes[rest..<open])
                if let value = values[String(decoding: bytes[(open + 1)..<close], as: UTF8.self)] {
                    result.appendUTF8(value)
                } else {
                    result.append(contentsOf: bytes[open...close])
                }
                rest = close + 1
            }
            result.append(contentsOf: bytes[rest...])
        }
        return String(decoding: result, as: UTF8.self)
    }
}

/// Templates read texts as `{{t.key}}`.
extension UIStrings: TemplateObject {
    func field(_ name: FieldName) -> TemplateValue? {
        .text(name.id < textsByName.count ? textsByName[name.id] ?? name.text : name.text)
    }
    public func child(named name: String) -> Any? { text(name) }
}

import MikaContent
import MikaMarkdown

extension UIStrings {
    /// `45 Min.`, `2 Std.`, `1 Std. 30 Min.` (or the language's forms).
    func duration(_ duration: LearningDuration) -> String {
        let hours = duration.minutes / 60, minutes = duration.minutes % 60
        switch (hours, minutes) {
        case (0, _): return text("duration_minutes", ["minutes": String(minutes)])
        case (_, 0): return text("duration_hours", ["hours": String(hours)])
        default: return text("duration_hours_minutes", ["hours": String(hours), "minutes": String(minutes)])
        }
    }

    func label(_ type: ModuleType) -> String { typeLabels[type] ?? text("type_" + type.rawValue) }

    /// "Schritt 1: Informieren".
    func stepBadge(_ step: ActionStep) -> String {
        stepBadges[step] ?? text("step_badge", ["number": String(step.number), "step": label(step)])
    }
    func label(_ step: ActionStep) -> String { text("step_" + step.rawValue) }
    func label(_ kind: PhaseKind) -> String { text("phase_" + kind.rawValue.slugified) }

    /// Words of a TULLU notice.
    var attributionLabels: Attribution.Labels {
        Attribution.Labels(by: text("by"), license: text("license"), source: text("source"), changed: text("changed"),
                           quoteOpen: text("quote_open"), quoteClose: text("quote_close"), excluded: text("license_excluded"))
    }
}
