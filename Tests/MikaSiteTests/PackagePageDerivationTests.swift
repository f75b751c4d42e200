import Foundation
import MikaContent
@testable import MikaSite
import MikaTestSupport
import XCTest

/// Package pages are rendered once (for SCORM 2004) and the other formats derived from them: the result must be
/// what rendering each format directly gives.
final class PackagePageDerivationTests: SiteBuildTestCase {
    func testDerivedPagesEqualPagesRenderedForTheirFormat() throws {
        let content = FixtureTree.repositoryRoot.appendingPathComponent("content")
        let (loaded, _) = ContentLoader(contentDirectory: content, displayPath: "content").load()
        let site = try XCTUnwrap(loaded)
        var diagnostics: [Diagnostic] = []
        let theme = try XCTUnwrap(Theme.load(from: self.theme, displayPath: "theme", diagnostics: &diagnostics))
        let writer = PackageWriter(site: site, theme: theme)
        let course = try XCTUnwrap(site.courses.first)
        let scorm2004 = writer.pages(of: course, format: .scorm2004)
        XCTAssertEqual(scorm2004.count, 13)
        for format in [PackageFormat.scorm12, .cc] {
            let direct = writer.pages(of: course, format: format)
            let derived = writer.pages(of: course, format: format, from: scorm2004)
            XCTAssertEqual(Set(derived.keys), Set(direct.keys))
            for (path, html) in direct { XCTAssertEqual(derived[path], html, "\(format) \(path)") }
        }
    }
}
