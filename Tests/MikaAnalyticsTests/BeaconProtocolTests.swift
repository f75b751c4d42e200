import Foundation
import XCTest
@testable import MikaAnalytics

/// The examples of docs/beacon-protocol.md, which the browser tests check beacon.js against too.
final class BeaconProtocolTests: XCTestCase {
    struct Examples: Decodable {
        struct Request: Decodable { var k: String; var s: String; var n: Int; var p: String; var l: String?; var c: String? }
        struct Event: Decodable {
            var name: String; var seconds: Int?; var percent: Int?; var question: String?; var correct: Bool?; var points: Double?
            var url: String?
            var step: Int?
        }
        struct Valid: Decodable { var name: String; var request: Request; var events: [Event]; var query: String }
        struct Invalid: Decodable { var query: String; var reason: String }
        struct Dropped: Decodable { var query: String; var events: [Event]; var dropped: Int }
        var protocol_: Int
        var valid: [Valid]
        var invalid: [Invalid]
        var droppedEvents: [Dropped]
        enum CodingKeys: String, CodingKey { case protocol_ = "protocol", valid, invalid, droppedEvents }
    }

    static func examples() throws -> Examples {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/beacon-examples.json")
        return try JSONDecoder().decode(Examples.self, from: Data(contentsOf: url))
    }

    static func event(_ event: Examples.Event) -> BeaconEvent {
        switch event.name {
        case "view": return .view
        case "active": return .active(seconds: event.seconds!)
        case "exit": return .exit(seconds: event.seconds!)
        case "progress": return .progress(percent: event.percent!)
        case "complete": return .complete
        case "quiz": return .quiz(question: event.question!, correct: event.correct!, points: event.points!)
        case "tool-open": return .toolOpen(url: event.url!)
        case "download": return .download(url: event.url!)
        case "guide-step": return .guideStep(step: event.step!)
        default: fatalError("unknown event \(event.name) in the examples")
        }
    }

    func testEveryValidExampleDecodesToItsRequestAndEvents() throws {
        let examples = try Self.examples()
        XCTAssertEqual(examples.protocol_, 1)
        XCTAssertGreaterThanOrEqual(examples.valid.count, 5)
        for example in examples.valid {
            guard case .success(let decoded) = BeaconQuery.decode(example.query) else {
                XCTFail("'\(example.name)' does not decode: \(example.query)")
                continue
            }
            let request = example.request
            XCTAssertEqual(decoded, BeaconQuery(key: request.k, session: request.s, number: request.n, page: request.p,
                                                learner: request.l, cohort: request.c, events: example.events.map(Self.event),
                                                droppedEvents: 0), example.name)
        }
    }

    func testEveryInvalidExampleIsRejected() throws {
        let examples = try Self.examples()
        XCTAssertGreaterThanOrEqual(examples.invalid.count, 8)
        for example in examples.invalid {
            if case .success(let decoded) = BeaconQuery.decode(example.query) {
                XCTFail("accepted although \(example.reason): \(example.query) → \(decoded)")
            }
        }
    }

    func testEventsOutOfRangeAreDroppedOneByOne() throws {
        for example in try Self.examples().droppedEvents {
            guard case .success(let decoded) = BeaconQuery.decode(example.query) else { return XCTFail(example.query) }
            XCTAssertEqual(decoded.events, example.events.map(Self.event))
            XCTAssertEqual(decoded.droppedEvents, example.dropped)
        }
    }

    func testHostileQueriesNeverCrashAndAreRejectedOrSanitised() {
        let hostile = ["", "&&&&", "v=1&v=1&k=5be0c1a2&s=k2j4h5g6&n=1&p=&e=view", "v=1&k=5be0c1a2&s=k2j4h5g6&n=99999999999&p=&e=view",
                       "v=1&k=5be0c1a2&s=k2j4h5g6&n=1&p=%&e=view", "v=1&k=5be0c1a2&s=k2j4h5g6&n=1&p=%C3&e=view",
                       "v=1&k=5be0c1a2&s=k2j4h5g6&n=1&p=&e=quiz:%FF%FE:1:1", "v=1&k=5be0c1a2&s=k2j4h5g6&n=1&p=&e=active:-5",
                       "v=1&k=5be0c1a2&s=k2j4h5g6&n=1&p=&e=quiz:q:1:1e400", "v=1&k=5be0c1a2&s=k2j4h5g6&n=1&p=&e=:::::;;;;",
                       "v=1&k=5be0c1a2&s=k2j4h5g6&n=1&p=" + String(repeating: "a", count: 100_000) + "&e=view"]
        for query in hostile {
            switch BeaconQuery.decode(query) {
            case .failure: break
            case .success(let decoded):
                // What is accepted carries no event outside the protocol's ranges.
                for event in decoded.events {
                    switch event {
                    case .active(let seconds): XCTAssertTrue((1...300).contains(seconds))
                    case .quiz(_, _, let points): XCTAssertTrue(points.isFinite && points >= 0)
                    default: break
                    }
                }
            }
        }
        XCTAssertEqual(BeaconQuery.decode("v=1&k=5be0c1a2&s=k2j4h5g6&n=1&p=%C3&e=view"), .failure(.encoding))
    }
}
