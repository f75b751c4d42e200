import MikaContent
import MikaTestSupport
import XCTest

/// Loads a fixture content tree; diagnostics are reported relative to `content`.
class LoaderTestCase: XCTestCase {
    func load(_ files: [String: String], replacing base: [String: String] = FixtureTree.minimalSite)
        throws -> (site: Site?, diagnostics: [Diagnostic], tree: FixtureTree) {
        let tree = try FixtureTree(base.merging(files) { $1 })
        let (site, diagnostics) = ContentLoader(contentDirectory: tree.url("content"), displayPath: "content").load()
        return (site, diagnostics, tree)
    }

    /// Asserts exactly one diagnostic with this id, at this file and line, and returns it.
    @discardableResult
    func assertDiagnostic(_ diagnostics: [Diagnostic], id: String, file: String, line: Int?,
                          severity: Diagnostic.Severity = .error, sourceLine: UInt = #line) -> Diagnostic? {
        let matching = diagnostics.filter { $0.id == id }
        XCTAssertEqual(matching.count, 1, "expected one '\(id)' in:\n\(diagnostics.map(\.formatted).joined(separator: "\n"))",
                       line: sourceLine)
        guard let diagnostic = matching.first else { return nil }
        XCTAssertEqual(diagnostic.file, file, line: sourceLine)
        XCTAssertEqual(diagnostic.line, line, line: sourceLine)
        XCTAssertEqual(diagnostic.severity, severity, line: sourceLine)
        return diagnostic
    }
}
