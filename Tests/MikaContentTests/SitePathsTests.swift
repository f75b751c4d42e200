import MikaContent
import XCTest

final class SitePathsTests: XCTestCase {
    func testRelativeLinksBetweenPages() {
        XCTAssertEqual(SitePaths.relative(from: "kurse/a/m1/", to: "kurse/a/m2/"), "../m2/")
        XCTAssertEqual(SitePaths.relative(from: "kurse/a/m1/", to: "kurse/b/m2/"), "../../b/m2/")
        XCTAssertEqual(SitePaths.relative(from: "kurse/a/m1/", to: "kurse/a/"), "../")
        XCTAssertEqual(SitePaths.relative(from: "kurse/a/m1/", to: ""), "../../../")
        XCTAssertEqual(SitePaths.relative(from: "", to: "kurse/a/"), "kurse/a/")
        XCTAssertEqual(SitePaths.relative(from: "kurse/a/", to: "kurse/a/"), "./")
    }

    func testRelativeLinksToFiles() {
        XCTAssertEqual(SitePaths.relative(from: "kurse/a/m1/", to: "kurse/a/bilder/x.png"), "../bilder/x.png")
        XCTAssertEqual(SitePaths.relative(from: "kurse/a/m1/", to: "media/doc.pdf"), "../../../media/doc.pdf")
        XCTAssertEqual(SitePaths.relative(from: "", to: "assets/mika.css"), "assets/mika.css")
        XCTAssertEqual(SitePaths.relative(from: "kurse/a/", to: "kurse/a/x.png"), "x.png")
        // Umlauts and empty segments (a doubled slash) as the segment-wise comparison always treated them.
        XCTAssertEqual(SitePaths.relative(from: "kurse/ä/m1/", to: "kurse/ä//bilder/ö.png"), "../bilder/ö.png")
        XCTAssertEqual(SitePaths.relative(from: "kurse//a/m1/", to: "kurse/a/m1/"), "./")
        XCTAssertEqual(SitePaths.relative(from: "kurse/a/m1/", to: "kurse/ab/"), "../../ab/")
    }

    /// Folder targets end in `index.html` for pages opened from disk; file targets stay as they are.
    func testRelativeLinksWithFolderIndex() {
        let index = "index.html"
        XCTAssertEqual(SitePaths.relative(from: "kurse/a/m1/", to: "kurse/a/m2/", folderIndex: index), "../m2/index.html")
        XCTAssertEqual(SitePaths.relative(from: "kurse/a/", to: "kurse/a/", folderIndex: index), "./index.html")
        XCTAssertEqual(SitePaths.relative(from: "kurse/a/m1/", to: "", folderIndex: index), "../../../index.html")
        XCTAssertEqual(SitePaths.relative(from: "kurse/a/m1/", to: "kurse/a/x.png", folderIndex: index), "../x.png")
    }

    func testAssetPaths() {
        XCTAssertEqual(SitePaths.asset("courses/a/bilder/x.png"), "kurse/a/bilder/x.png")
        XCTAssertEqual(SitePaths.asset("tools/obs/1.png"), "werkzeuge/obs/1.png")
        XCTAssertEqual(SitePaths.asset("media/x.pdf"), "media/x.pdf")
    }
}
