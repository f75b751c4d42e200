import MikaContent
import XCTest

final class LearningDurationTests: XCTestCase {
    func testAcceptsISOAndHumanForms() {
        let cases: [(String, Int)] = [
            ("PT45M", 45), ("PT1H30M", 90), ("pt2h", 120), ("P1DT1H", 1500), ("PT90S", 2),
            ("45 min", 45), ("45 Min.", 45), ("45min", 45), ("90 Minuten", 90), ("1 h 30 min", 90),
            ("1,5 Std.", 90), ("1.5 h", 90), ("2 Stunden", 120), ("4 Std.", 240), ("0 min", 0), ("45  MIN", 45),
            ("3 Hours", 180), ("45 m", 45),
        ]
        for (text, minutes) in cases {
            XCTAssertEqual(LearningDuration(parsing: text)?.minutes, minutes, text)
        }
    }

    func testRejectsWhatIsNotADuration() {
        for text in ["", "45", "viel", "PT", "P1H", "45 Tage", "min 45", "PT4X", "4 5 min", "45 min min", "45 m.in x", "٤٥ min"] {
            XCTAssertNil(LearningDuration(parsing: text), text)
        }
    }

    func testNormalisedForms() {
        XCTAssertEqual(LearningDuration(minutes: 45).iso8601, "PT45M")
        XCTAssertEqual(LearningDuration(minutes: 90).iso8601, "PT1H30M")
        XCTAssertEqual(LearningDuration(minutes: 120).iso8601, "PT2H")
        XCTAssertEqual(LearningDuration(minutes: 90).label, "1 Std. 30 Min.")
        XCTAssertEqual(LearningDuration(minutes: 45).label, "45 Min.")
    }
}

final class DurationLimitTests: XCTestCase {
    /// Found by fuzzing the front matter: a huge number trapped when converted to whole minutes.
    func testHugeOrNonFiniteDurationsAreNotDurations() {
        XCTAssertNil(LearningDuration(parsing: String(repeating: "1", count: 80) + ",5 Std."))
        XCTAssertNil(LearningDuration(parsing: "P" + String(repeating: "9", count: 400) + "D"))
        XCTAssertNil(LearningDuration(parsing: "PT1e999H"))
        XCTAssertEqual(LearningDuration(parsing: "PT24H")?.minutes, 1440)
        XCTAssertEqual(LearningDuration(parsing: "3650 Tage"), nil)
    }
}
