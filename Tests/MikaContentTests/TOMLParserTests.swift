@testable import MikaContent
import XCTest

/// The TOML parser behind REUSE.toml: the grammar REUSE files use, and errors at line and column.
final class TOMLParserTests: XCTestCase {
    func parse(_ text: String) -> [TOML.Table] {
        let (tables, error) = TOML.parse(text)
        XCTAssertNil(error, "\(error!)")
        return tables
    }

    func testStringsKeysAndArrays() {
        let tables = parse(#"""
        version = 1 # REUSE 3

        [[annotations]]
        path = [
          "media/**",   # every medium
          'bilder/*.png',
        ]
        "SPDX-FileCopyrightText" = ["2024 Jana \"JB\" Beispiel", "2025 \u00D6mer"]
        SPDX-License-Identifier = 'CC-BY-4.0'
        Source = """
        https://example.org/\
            original"""
        note.inner = { a = true, b = 1_000, c = 2024-01-01T10:00:00Z }
        """#)
        XCTAssertEqual(tables.count, 2)
        XCTAssertEqual(tables[0].entries, [TOML.Entry(key: ["version"], value: .scalar("1"), line: 1, column: 1)])
        let annotation = tables[1]
        XCTAssertEqual(annotation.header, ["annotations"])
        XCTAssertTrue(annotation.isArray)
        XCTAssertEqual(annotation.line, 3)
        XCTAssertEqual(annotation.entries[0].value, .array([.string("media/**"), .string("bilder/*.png")]))
        XCTAssertEqual(annotation.entries[1].key, ["SPDX-FileCopyrightText"])
        XCTAssertEqual(annotation.entries[1].value, .array([.string("2024 Jana \"JB\" Beispiel"), .string("2025 Ömer")]))
        XCTAssertEqual(annotation.entries[1].line, 8)
        XCTAssertEqual(annotation.entries[2].value, .string("CC-BY-4.0"))
        XCTAssertEqual(annotation.entries[3].value, .string("https://example.org/original"))
        XCTAssertEqual(annotation.entries[4].key, ["note", "inner"])
        XCTAssertEqual(annotation.entries[4].value, .table([
            TOML.Entry(key: ["a"], value: .bool(true), line: 13, column: 16),
            TOML.Entry(key: ["b"], value: .scalar("1_000"), line: 13, column: 26),
            TOML.Entry(key: ["c"], value: .scalar("2024-01-01T10:00:00Z"), line: 13, column: 37),
        ]))
    }

    func testErrorsHaveLineAndColumn() {
        let cases: [(String, Int, Int, String)] = [
            ("[\u{01}th\"a*fer: ", 1, 2, "expected a key"),
            ("version = 1\n\n[[[e= \"egate\"\n", 3, 3, "expected a key"),
            ("[***A**Er: CC\n", 1, 2, "expected a key"),
            ("a = \"offen\n", 1, 11, "not closed"),
            ("a = CC-BY-4.0\n", 1, 5, "is not a TOML value"),
            ("a = 1\na = 2\n", 2, 1, "defined twice"),
            ("a = \"\\q\"\n", 1, 6, "unknown escape"),
            ("a = \"\\u+041\"\n", 1, 8, "hex digits"),
            ("a = [1, 2\n", 2, 1, "not closed"),
            ("a = 1 b = 2\n", 1, 7, "end of the line"),
            ("a = \"x\\\nb = 1\n", 1, 7, "a backslash must start an escape"),
            ("a = \"\"\"x\\", 1, 9, "a backslash must start an escape"),
            ("[t]\n[t]\n", 2, 1, "defined twice"),
            (String(repeating: "a = [", count: 1) + String(repeating: "[", count: 100), 1, 69, "nested too deeply"),
        ]
        for (text, line, column, message) in cases {
            let error = TOML.parse(text).error
            XCTAssertEqual(error?.line, line, text)
            XCTAssertEqual(error?.column, column, text)
            XCTAssertTrue(error?.message.contains(message) == true, "\(text): \(error?.message ?? "no error")")
        }
    }

    /// What was read before an error still counts.
    func testTablesBeforeAnErrorAreKept() {
        let (tables, error) = TOML.parse("[[annotations]]\npath = \"a/*\"\n[[annotations]]\npath = kaputt\n")
        XCTAssertEqual(error?.line, 4)
        XCTAssertEqual(tables.count, 3)
        XCTAssertEqual(tables[1].entries.first?.value, .string("a/*"))
    }
}
