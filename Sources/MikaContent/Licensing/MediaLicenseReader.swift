import Foundation
import MikaLicensing
import MikaMarkdown

/// Reads licences of media files: `<file>.license` sidecars (REUSE 3.x) first, then `REUSE.toml` annotations.
/// Keys: `SPDX-FileCopyrightText`, `SPDX-License-Identifier`, and for TULLU `Title`, `Source`, `Changed`.
struct MediaLicenseReader {
    var loader: ContentLoader
    var files: Set<String>

    static let sidecarKeys = ["SPDX-FileCopyrightText", "SPDX-License-Identifier", "Title", "Source", "Changed"]

    func read(diagnostics: inout [Diagnostic]) -> [String: MediaLicense] {
        var result: [String: MediaLicense] = [:]
        if files.contains("REUSE.toml"), let text = loader.read("REUSE.toml", diagnostics: &diagnostics) {
            for annotation in REUSETOML.annotations(text, file: loader.display("REUSE.toml"), diagnostics: &diagnostics) {
                // Problems of the annotation itself are reported once, with the files it covers as notes.
                var annotationDiagnostics: [Diagnostic] = []
                var covered: [String] = []
                for path in files.sorted() where annotation.matches(path) && !path.hasSuffix(".license") {
                    var repeated: [Diagnostic] = []
                    result[path] = license(path: path, fields: annotation.fields, location: annotation.location,
                                           keyLines: annotation.keyLines, diagnostics: &repeated)
                    if covered.isEmpty { annotationDiagnostics = repeated }
                    covered.append(path)
                }
                diagnostics += annotationDiagnostics.map { diagnostic in
                    var withNotes = diagnostic
                    if covered.count > 1 {
                        withNotes.notes = covered.map { Diagnostic.Note(file: loader.display($0), message: "covered by this annotation") }
                    }
                    return withNotes
                }
            }
        }
        for sidecar in files where sidecar.hasSuffix(".license") {
            let path = String(sidecar.dropLast(".license".count))
            guard files.contains(path) else {
                diagnostics.append(Diagnostic(.warning, id: "media.orphan-license", file: loader.display(sidecar), line: 1,
                                              message: "licence file for a missing file '\(path)'",
                                              hint: "remove it or restore the file"))
                continue
            }
            guard let text = loader.read(sidecar, diagnostics: &diagnostics) else { continue }
            let (fields, keyLines) = Self.parseSidecar(text, file: loader.display(sidecar), diagnostics: &diagnostics)
            result[path] = license(path: path, fields: fields, location: SourceLocation(file: loader.display(sidecar), line: 1),
                                   keyLines: keyLines, diagnostics: &diagnostics)
        }
        return result
    }

    /// `Key: value` lines of a REUSE sidecar (`file.license`); `#` comments and blank lines are skipped.
    static func parseSidecar(_ text: String, file: String, diagnostics: inout [Diagnostic]) -> (fields: [String: String], keyLines: [String: Int]) {
        var fields: [String: String] = [:]
        var keyLines: [String: Int] = [:]
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingSpaces
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let colon = trimmed.firstIndex(of: ":") else {
                diagnostics.append(Diagnostic(.error, id: "media.license-syntax", file: file, line: index + 1,
                                              message: "expected 'Key: value'", hint: "write e.g. 'SPDX-License-Identifier: CC-BY-4.0'"))
                continue
            }
            let key = String(trimmed[..<colon]).trimmingSpaces
            let value = String(trimmed[trimmed.index(after: colon)...]).trimmingSpaces
            guard Self.sidecarKeys.contains(key) else {
                diagnostics.append(Diagnostic(.warning, id: "media.unknown-key", file: file, line: index + 1,
                                              message: "unknown key '\(key)'",
                                              hint: NearMiss.bestMatch(for: key, in: Self.sidecarKeys).map { "did you mean '\($0)'?" }
                                                ?? "known keys: \(Self.sidecarKeys.joined(separator: ", "))"))
                continue
            }
            // REUSE allows several copyright lines (one per holder); all of them are kept.
            if key == "SPDX-FileCopyrightText", let earlier = fields[key] {
                fields[key] = earlier + "\n" + value
            } else {
                fields[key] = value
                keyLines[key] = index + 1
            }
        }
        return (fields, keyLines)
    }

    private func license(path: String, fields: [String: String], location: SourceLocation, keyLines: [String: Int],
                         diagnostics: inout [Diagnostic]) -> MediaLicense {
        var spdx: String?
        if let id = fields["SPDX-License-Identifier"] {
            if id == "NONE" {
                spdx = id  // REUSE: no licence, all rights reserved; allowed only where the licence policy says so
            } else if let known = License.named(id) {
                spdx = known.spdx
            } else {
                diagnostics.append(Diagnostic(.error, id: "license.unknown", file: location.file,
                                              line: keyLines["SPDX-License-Identifier"] ?? location.line,
                                              message: "unknown licence '\(id)'",
                                              hint: ContentLoader.unknownLicenseHint(id)))
            }
        }
        let changed = fields["Changed"].flatMap { value -> String? in
            let lowered = value.lowercased()
            if ["", "no", "nein", "false", "unverändert"].contains(lowered) { return nil }
            return ["yes", "ja", "true"].contains(lowered) ? "bearbeitet" : value
        }
        let holders = fields["SPDX-FileCopyrightText"].map { lines in
            lines.split(separator: "\n").map { Self.holder(String($0)) }.joined(separator: ", ")
        }
        return MediaLicense(path: path, title: fields["Title"], author: holders,
                            license: spdx, source: fields["Source"], changes: changed, location: location)
    }

    /// `2024 Jane Doe <jane@example.org>` → `Jane Doe`.
    static func holder(_ text: String) -> String {
        var words = text.split(separator: " ")
        if let first = words.first, first.allSatisfy({ $0.isNumber || $0 == "-" || $0 == "," }) { words.removeFirst() }
        if let last = words.last, last.hasPrefix("<"), last.hasSuffix(">") { words.removeLast() }
        return words.joined(separator: " ")
    }
}

/// `REUSE.toml` (REUSE 3.x): `version = 1` and `[[annotations]]` with `path`, `precedence` and the licence keys,
/// read with the TOML parser (`TOMLParser.swift`). Values may be strings or arrays of strings; several copyright
/// holders stay apart. A syntax error is reported at its line and column; annotations before it still count.
enum REUSETOML {
    struct Annotation {
        var patterns: [String]
        var fields: [String: String]
        var location: SourceLocation
        var keyLines: [String: Int]

        func matches(_ path: String) -> Bool { patterns.contains { Glob.matches($0, path) } }
    }

    static func annotations(_ text: String, file: String, diagnostics: inout [Diagnostic]) -> [Annotation] {
        let (tables, error) = TOML.parse(text)
        if let error {
            diagnostics.append(Diagnostic(.error, id: "reuse.syntax", file: file, line: error.line, column: error.column,
                                          message: error.message,
                                          hint: "REUSE.toml is TOML: write 'key = \"text\"' or 'key = [\"a\", \"b\"]' under [[annotations]]"))
        }
        var annotations: [Annotation] = []
        for table in tables {
            if table.header.isEmpty {
                for entry in table.entries where entry.key != ["version"] {
                    diagnostics.append(Diagnostic(.warning, id: "reuse.unknown-key", file: file, line: entry.line, column: entry.column,
                                                  message: "unknown top-level key '\(entry.key.joined(separator: "."))'"))
                }
                continue
            }
            guard table.header == ["annotations"], table.isArray else {
                diagnostics.append(Diagnostic(.warning, id: "reuse.unknown-key", file: file, line: table.line, column: 1,
                                              message: "unknown table '\(table.header.joined(separator: "."))'",
                                              hint: "REUSE.toml knows [[annotations]]"))
                continue
            }
            var annotation = Annotation(patterns: [], fields: [:], location: SourceLocation(file: file, line: table.line), keyLines: [:])
            for entry in table.entries {
                let key = entry.key.joined(separator: ".")
                guard let values = strings(entry.value) else {
                    diagnostics.append(Diagnostic(.error, id: "reuse.syntax", file: file, line: entry.line, column: entry.column,
                                                  message: "'\(key)' must be a \"string\" or a [\"list\", \"of strings\"]"))
                    continue
                }
                switch key {
                case "path": annotation.patterns = values
                case "precedence": break
                default:
                    guard MediaLicenseReader.sidecarKeys.contains(key) else {
                        diagnostics.append(Diagnostic(.warning, id: "media.unknown-key", file: file, line: entry.line, column: entry.column,
                                                      message: "unknown key '\(key)'",
                                                      hint: NearMiss.bestMatch(for: key, in: MediaLicenseReader.sidecarKeys).map { "did you mean '\($0)'?" }
                                                        ?? "known keys: path, precedence, \(MediaLicenseReader.sidecarKeys.joined(separator: ", "))"))
                        continue
                    }
                    // Several copyright holders stay apart (one per line), as in a sidecar.
                    annotation.fields[key] = values.joined(separator: key == "SPDX-FileCopyrightText" ? "\n" : ", ")
                    annotation.keyLines[key] = entry.line
                }
            }
            annotations.append(annotation)
        }
        return annotations
    }

    /// A string, or an array of strings; nil for anything else.
    static func strings(_ value: TOML.Value) -> [String]? {
        switch value {
        case .string(let text): return [text]
        case .array(let items):
            let texts = items.compactMap { item -> String? in if case .string(let text) = item { return text } else { return nil } }
            return texts.count == items.count ? texts : nil
        default: return nil
        }
    }
}

/// REUSE globs: `*` within one path segment, `**` across segments.
public enum Glob {
    /// Dynamic programming over (pattern position, path position): time and memory grow with the product of the
    /// two lengths, never exponentially, however many stars a pattern has.
    public static func matches(_ pattern: String, _ path: String) -> Bool {
        let pattern = Array(pattern), path = Array(path)
        let width = path.count + 1
        // rows[p * width + s]: pattern[p...] matches path[s...].
        var rows = [Bool](repeating: false, count: (pattern.count + 1) * width)
        rows[pattern.count * width + path.count] = true
        for p in stride(from: pattern.count - 1, through: 0, by: -1) {
            if pattern[p] == "*" {
                let double = p + 1 < pattern.count && pattern[p + 1] == "*"
                let next = double ? p + 2 : p + 1
                for s in stride(from: path.count, through: 0, by: -1) {
                    let consumes = s < path.count && (double || path[s] != "/") && rows[p * width + s + 1]
                    rows[p * width + s] = rows[next * width + s] || consumes
                }
            } else {
                for s in 0..<path.count where pattern[p] == path[s] {
                    rows[p * width + s] = rows[(p + 1) * width + s + 1]
                }
            }
        }
        return rows[0]
    }
}
