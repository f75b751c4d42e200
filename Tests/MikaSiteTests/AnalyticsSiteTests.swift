import Foundation
import MikaContent
import MikaSite
import MikaTestSupport
import XCTest

/// What the build does for the learning beacon: the GIF, the key in model.json, the meta tags and script on every
/// page but the 404 page, the absolute beacon in packages, the privacy statement; and none of it with `analytics: false`.
final class AnalyticsSiteTests: SiteBuildTestCase {
    func build(_ extra: String = "", datenschutz: Bool = false) throws -> [String: Data] {
        var options = InMemoryBuildTests.makeOptions(theme: theme)
        var files: [String: String] = [:]
        for (path, text) in FixtureTree.minimalSite { files[String(path.dropFirst("content/".count))] = text }
        var site = files["site.yml"]!
        if datenschutz {
            site = site.replacingOccurrences(of: "datenschutz: https://example.org/datenschutz",
                                             with: "datenschutz: {controller: Testträger, log_retention: 7 Tage}")
        }
        files["site.yml"] = site + extra
        options.contentSource = MemoryFiles(texts: files)
        let sink = MemorySink()
        let report = SiteBuilder(options: options).build(into: sink)
        XCTAssertTrue(report.published, report.diagnostics.map(\.formatted).joined(separator: "\n"))
        return sink.files
    }

    func text(_ files: [String: Data], _ path: String) throws -> String {
        String(decoding: try XCTUnwrap(files[path], path), as: UTF8.self)
    }

    func testEveryPageButTheErrorPageCarriesTheBeacon() throws {
        let files = try build(datenschutz: true)
        XCTAssertEqual(files["_mika/b.gif"]?.prefix(6), Data("GIF89a".utf8))
        XCTAssertEqual(files["_mika/b.gif"]?.count, 43)
        let model = try XCTUnwrap(JSONSerialization.jsonObject(with: XCTUnwrap(files["_mika/model.json"])) as? [String: Any])
        let analytics = try XCTUnwrap(model["analytics"] as? [String: Any])
        let key = AnalyticsSettings.key(baseURL: "https://example.org/campus/", title: "Testcampus")
        XCTAssertEqual(analytics["key"] as? String, key)
        XCTAssertEqual(analytics["beacon"] as? String, "_mika/b.gif")
        XCTAssertNotNil(files["assets/beacon.js"])

        let module = try XCTUnwrap(HTMLDocument(text(files, "kurse/kurs/erstes/index.html")))
        XCTAssertEqual(module.values("//meta[@name='mika:beacon']/@content"), ["../../../_mika/b.gif"])
        XCTAssertEqual(module.values("//meta[@name='mika:site-key']/@content"), [key])
        XCTAssertEqual(module.values("//meta[@name='mika:page']/@content"), ["kurse/kurs/erstes/"])
        XCTAssertEqual(module.count("//script[contains(@src, 'beacon.js')]"), 1)
        XCTAssertEqual(module.count("//meta[@name='mika:salt']"), 0)
        let home = try XCTUnwrap(HTMLDocument(text(files, "index.html")))
        XCTAssertEqual(home.values("//meta[@name='mika:page']/@content"), [""])
        XCTAssertEqual(home.values("//meta[@name='mika:beacon']/@content"), ["_mika/b.gif"])
        let notFound = try XCTUnwrap(HTMLDocument(text(files, "404.html")))
        XCTAssertEqual(notFound.count("//meta[starts-with(@name, 'mika:')] | //script[@src]"), 0)
        // The privacy page says what the beacon records.
        let privacy = try text(files, "datenschutz/index.html")
        XCTAssertTrue(privacy.contains("Lernstatistik"), privacy)
        XCTAssertTrue(privacy.contains("_mika/b.gif"))
        XCTAssertTrue(privacy.contains("Do Not Track"))
    }

    func testTheKeyIsTheFNV1aHashOfTheBaseURL() {
        // FNV-1a (32 bit) of "a" is e40c292c; of "" the offset basis.
        XCTAssertEqual(AnalyticsSettings.key(baseURL: "a", title: "x"), "e40c292c")
        XCTAssertEqual(AnalyticsSettings.key(baseURL: nil, title: ""), "811c9dc5")
        XCTAssertEqual(AnalyticsSettings.key(baseURL: nil, title: "a"), "e40c292c")
    }

    func testPackagePagesReportToTheSiteWithTheSalt() throws {
        let files = try build("\nanalytics: {salt: geheim}")
        let archive = try XCTUnwrap(files["pakete/kurs-scorm2004.zip"])
        let entries = try PackageTests.unzip(archive)
        let page = String(decoding: try XCTUnwrap(entries.first { $0.key.hasSuffix("erstes/index.html") }?.value), as: UTF8.self)
        let document = try XCTUnwrap(HTMLDocument(page))
        XCTAssertEqual(document.values("//meta[@name='mika:beacon']/@content"), ["https://example.org/campus/_mika/b.gif"])
        XCTAssertEqual(document.values("//meta[@name='mika:salt']/@content"), ["geheim"])
        XCTAssertNotNil(entries.keys.first { $0.hasSuffix("assets/beacon.js") })
    }

    func testAnalyticsFalseRemovesTheBeacon() throws {
        let files = try build("\nanalytics: false", datenschutz: true)
        XCTAssertNil(files["_mika/b.gif"])
        let model = try XCTUnwrap(JSONSerialization.jsonObject(with: XCTUnwrap(files["_mika/model.json"])) as? [String: Any])
        XCTAssertNil(model["analytics"])
        for (path, data) in files where path.hasSuffix(".html") {
            let page = String(decoding: data, as: UTF8.self)
            XCTAssertFalse(page.contains("beacon"), path)
            XCTAssertFalse(page.contains("mika:site-key"), path)
        }
        XCTAssertFalse(try text(files, "datenschutz/index.html").contains("Lernstatistik"))
    }
}
