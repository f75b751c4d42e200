import Foundation
import XCTest
@testable import MikaAnalytics

final class LogLineTests: XCTestCase {
    func parse(_ line: String) -> LogLine? {
        var times = LogTimeParser()
        var bytes = Array(line.utf8)
        return bytes.withUnsafeMutableBufferPointer { LogLine.parse(UnsafeBufferPointer($0), times: &times) }
    }

    func testCombinedLineFields() throws {
        let line = #"203.0.113.0 - - [25/Nov/2026:10:00:05 +0100] "GET /_mika/b.gif?v=1&e=view HTTP/2.0" 200 43 "-" "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0""#
        let parsed = try XCTUnwrap(parse(line))
        // 10:00:05 at +01:00 is 09:00:05 UTC.
        XCTAssertEqual(parsed.time, LogTimeParser.daysFromCivil(year: 2026, month: 11, day: 25) * 86_400 + 9 * 3600 + 5)
        XCTAssertEqual(String(decoding: parsed.method, as: UTF8.self), "GET")
        XCTAssertEqual(String(decoding: parsed.target, as: UTF8.self), "/_mika/b.gif?v=1&e=view")
        XCTAssertEqual(parsed.status, 200)
        XCTAssertEqual(String(decoding: parsed.userAgent, as: UTF8.self), "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0")
    }

    func testTimeZonesAndDates() throws {
        func time(_ stamp: String) -> Int64? { parse("1.2.3.0 - - [\(stamp)] \"GET / HTTP/1.1\" 200 1 \"-\" \"x\"")?.time }
        XCTAssertEqual(time("01/Jan/1970:00:00:00 +0000"), 0)
        XCTAssertEqual(time("01/Jan/1970:01:00:00 +0100"), 0)
        XCTAssertEqual(time("31/Dec/1969:19:00:00 -0500"), 0)
        XCTAssertEqual(time("29/Feb/2028:12:00:00 +0000"), LogTimeParser.daysFromCivil(year: 2028, month: 2, day: 29) * 86_400 + 43_200)
        XCTAssertEqual(LogTimeParser.daysFromCivil(year: 2026, month: 11, day: 25), 20_782)
        XCTAssertNil(time("25/Foo/2026:10:00:00 +0100"))
        XCTAssertNil(time("25/Nov/2026:25:00:00 +0100"))
        XCTAssertNil(time("25/Nov/2026:10:00:00 0100"))
    }

    func testEscapedQuotesOfNginxAndApache() throws {
        // nginx writes a quote in the request as \x22, Apache as \".
        let nginx = try XCTUnwrap(parse(#"1.2.3.0 - - [25/Nov/2026:10:00:00 +0000] "GET /a\x22b HTTP/1.1" 404 1 "-" "Mozilla/5.0""#))
        XCTAssertEqual(String(decoding: nginx.target, as: UTF8.self), #"/a\x22b"#)
        let apache = try XCTUnwrap(parse(#"1.2.3.0 - - [25/Nov/2026:10:00:00 +0000] "GET /a\"b HTTP/1.1" 404 1 "r\"ef" "Mozilla/5.0 \"x\"""#))
        XCTAssertEqual(String(decoding: apache.target, as: UTF8.self), #"/a\"b"#)
        XCTAssertEqual(String(decoding: apache.userAgent, as: UTF8.self), #"Mozilla/5.0 \"x\""#)
        // A request line that is not one (TLS bytes sent to a plain port) is a line, not a request for the beacon.
        let junk = try XCTUnwrap(parse(#"1.2.3.0 - - [25/Nov/2026:10:00:00 +0000] "\x16\x03\x01\x00" 400 157 "-" "-""#))
        XCTAssertEqual(junk.status, 400)
    }

    func testMalformedAndHostileLinesAreRejectedWithoutCrashing() {
        let lines = ["", "garbage", "1.2.3.0 - - [25/Nov/2026:10:00:00 +0000]", "1.2.3.0 - - [25/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1",
                     "1.2.3.0 - - [25/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 2x0 1 \"-\" \"x\"",
                     "1.2.3.0 - - [25/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"unterminated",
                     "[", "[]", String(repeating: "\"", count: 10_000), String(repeating: "[", count: 100),
                     "1.2.3.0 - - [25/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 1 \"-\\\" \"x\""]
        for line in lines { XCTAssertNil(parse(line), line.prefix(80).description) }
        // Binary bytes and a huge line.
        var random = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            var bytes = (0..<Int.random(in: 0...400, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            _ = bytes.withUnsafeMutableBufferPointer { buffer -> LogLine? in
                var times = LogTimeParser()
                return LogLine.parse(UnsafeBufferPointer(buffer), times: &times)
            }
        }
        let huge = "1.2.3.0 - - [25/Nov/2026:10:00:00 +0000] \"GET /" + String(repeating: "x", count: 2_000_000) + " HTTP/1.1\" 200 1 \"-\" \"Mozilla/5.0\""
        XCTAssertEqual(parse(huge)?.target.count, 2_000_001)
    }

    func testUserAgentsOfBotsToolsAndHeadlessBrowsers() {
        func automated(_ agent: String) -> Bool {
            var filter = UserAgentFilter()
            var bytes = Array(agent.utf8)
            return bytes.withUnsafeMutableBufferPointer { filter.isAutomated(UnsafeBufferPointer($0)) }
        }
        XCTAssertFalse(automated("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"))
        XCTAssertFalse(automated("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"))
        XCTAssertTrue(automated("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"))
        XCTAssertTrue(automated("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) Chrome/116.0.1938.76 Safari/537.36"))
        XCTAssertTrue(automated("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36"))
        XCTAssertTrue(automated("curl/8.5.0"))
        XCTAssertTrue(automated("python-requests/2.32.3"))
        XCTAssertTrue(automated("-"))
        XCTAssertTrue(automated(""))
    }
}

final class TimeFormatTests: XCTestCase {
    func testISOTimesMatchFoundationsFormatter() {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        for seconds: Int64 in [0, 59, 86_399, 86_400, 951_782_400, 1_700_000_000, 1_795_000_000, 4_102_444_800, 253_402_300_799, -1, -86_401] {
            XCTAssertEqual(AnalyticsReport.isoTime(seconds), formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds))),
                           "\(seconds)")
        }
        for days: Int64 in stride(from: -800_000, to: 800_000, by: 997) {
            let (year, month, day) = AnalyticsReport.civil(fromDays: days)
            XCTAssertEqual(LogTimeParser.daysFromCivil(year: year, month: month, day: day), days)
        }
    }
}
