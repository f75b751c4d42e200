/// One decoded beacon request (docs/beacon-protocol.md, version 1).
public struct BeaconQuery: Equatable, Sendable {
    public var key: String
    public var session: String
    public var number: Int
    public var page: String
    public var learner: String?
    public var cohort: String?
    public var events: [BeaconEvent]
    /// Events left out because their name or arguments were out of range.
    public var droppedEvents: Int

    public static let maximumEvents = 20
    public static let maximumNumber = 60
}

public enum BeaconEvent: Equatable, Sendable {
    case view
    case active(seconds: Int)
    case progress(percent: Int)
    case complete
    case quiz(question: String, correct: Bool, points: Double)
    case toolOpen(url: String)
    case download(url: String)
    case exit(seconds: Int)
    case guideStep(step: Int)

    public var name: String {
        switch self {
        case .view: return "view"
        case .active: return "active"
        case .progress: return "progress"
        case .complete: return "complete"
        case .quiz: return "quiz"
        case .toolOpen: return "tool-open"
        case .download: return "download"
        case .exit: return "exit"
        case .guideStep: return "guide-step"
        }
    }
}

/// Why a query is not a beacon request of protocol version 1.
public enum BeaconQueryError: Error, Equatable, Sendable {
    case version, key, session, number, page, learner, cohort, noEvents, tooManyEvents, encoding
}

extension BeaconQuery {
    /// Decodes the query string of a beacon request (the part after `?`).
    public static func decode(_ query: String) -> Result<BeaconQuery, BeaconQueryError> {
        var bytes = Array(query.utf8)
        return bytes.withUnsafeMutableBufferPointer { decode(UnsafeBufferPointer($0)) }
    }

    static func decode(_ query: UnsafeBufferPointer<UInt8>) -> Result<BeaconQuery, BeaconQueryError> {
        switch RawBeacon.parse(query) {
        case .failure(let error): return .failure(error)
        case .success(let raw):
            guard let page = percentDecoded(raw.page) else { return .failure(.encoding) }
            var events: [BeaconEvent] = []
            var dropped = 0
            raw.forEachEvent { event in
                if let event { events.append(event) } else { dropped += 1 }
            }
            return .success(BeaconQuery(key: String(decoding: raw.key, as: UTF8.self),
                                        session: String(decoding: raw.session, as: UTF8.self), number: raw.number, page: page,
                                        learner: raw.learner.map { String(decoding: $0, as: UTF8.self) },
                                        cohort: raw.cohort.map { String(decoding: $0, as: UTF8.self) },
                                        events: events, droppedEvents: dropped))
        }
    }

    /// An event from its name and raw (still percent-encoded) arguments; nil when out of range.
    static func decodeEvent(_ name: UnsafeBufferPointer<UInt8>, _ arguments: RawArguments) -> BeaconEvent? {
        func seconds(_ range: ClosedRange<Int>) -> Int? {
            guard arguments.count == 1, let value = parseInt(arguments[0]), range.contains(value) else { return nil }
            return value
        }
        switch name.count {
        case 4 where equal(name, "view"): return arguments.isEmpty ? .view : nil
        case 6 where equal(name, "active"): return seconds(1...300).map { .active(seconds: $0) }
        case 4 where equal(name, "exit"): return seconds(0...86_400).map { .exit(seconds: $0) }
        case 8 where equal(name, "progress"):
            guard let percent = seconds(25...100), percent % 25 == 0 else { return nil }
            return .progress(percent: percent)
        case 8 where equal(name, "complete"): return arguments.isEmpty ? .complete : nil
        case 4 where equal(name, "quiz"):
            guard arguments.count == 3, let question = percentDecoded(arguments[0]), !question.isEmpty, question.utf8.count <= 200,
                  arguments[1].count == 1, arguments[1][0] == UInt8(ascii: "0") || arguments[1][0] == UInt8(ascii: "1"),
                  let points = parseDecimal(arguments[2]) else { return nil }
            return .quiz(question: question, correct: arguments[1][0] == UInt8(ascii: "1"), points: points)
        case 10 where equal(name, "guide-step"): return seconds(1...99).map { .guideStep(step: $0) }
        case 9 where equal(name, "tool-open"), 8 where equal(name, "download"):
            guard arguments.count == 1, let url = percentDecoded(arguments[0]), !url.isEmpty, url.utf8.count <= 2000 else { return nil }
            return name.count == 9 ? .toolOpen(url: url) : .download(url: url)
        default: return nil
        }
    }
}

/// A beacon request checked but not yet turned into strings: the fast path of `mika analytics`.
struct RawBeacon {
    var key: UnsafeBufferPointer<UInt8>
    var session: UnsafeBufferPointer<UInt8>
    var number: Int
    /// Still percent-encoded.
    var page: UnsafeBufferPointer<UInt8>
    var learner: UnsafeBufferPointer<UInt8>?
    var cohort: UnsafeBufferPointer<UInt8>?
    var events: UnsafeBufferPointer<UInt8>

    static func parse(_ query: UnsafeBufferPointer<UInt8>) -> Result<RawBeacon, BeaconQueryError> {
        var fields = RawFields()
        guard fields.split(query) else { return .failure(.encoding) }
        guard let version = fields.v, version.count == 1, version[0] == UInt8(ascii: "1") else { return .failure(.version) }
        guard let key = fields.k, key.count == 8, key.allSatisfy(isLowerHex) else { return .failure(.key) }
        guard let session = fields.s, (6...16).contains(session.count), session.allSatisfy(isSessionCharacter) else {
            return .failure(.session)
        }
        guard let numberBytes = fields.n, let number = parseInt(numberBytes),
              (1...BeaconQuery.maximumNumber).contains(number) else { return .failure(.number) }
        guard let page = fields.p, page.count <= 1000 else { return .failure(.page) }
        if let bytes = fields.l, !((1...64).contains(bytes.count) && bytes.allSatisfy(isPseudonymCharacter)) {
            return .failure(.learner)
        }
        if let bytes = fields.c, !((1...32).contains(bytes.count) && bytes.allSatisfy(isCohortCharacter)) {
            return .failure(.cohort)
        }
        guard let events = fields.e, !events.isEmpty else { return .failure(.noEvents) }
        var count = 1
        for byte in events where byte == UInt8(ascii: ";") { count += 1 }
        if count > BeaconQuery.maximumEvents { return .failure(.tooManyEvents) }
        if !validPercentEscapes(page) { return .failure(.encoding) }
        return .success(RawBeacon(key: key, session: session, number: number, page: page, learner: fields.l,
                                  cohort: fields.c, events: events))
    }

    /// Each event, nil for one that is dropped.
    func forEachEvent(_ body: (BeaconEvent?) -> Void) {
        MikaAnalytics.forEachEvent(events) { name, arguments in body(BeaconQuery.decodeEvent(name, arguments)) }
    }
}

/// Up to three arguments of an event, without allocating; `count` may exceed three (the event is then dropped).
struct RawArguments {
    var count = 0
    var first = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    var second = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    var third = UnsafeBufferPointer<UInt8>(start: nil, count: 0)

    var isEmpty: Bool { count == 0 }

    subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
        switch index {
        case 0: return first
        case 1: return second
        default: return third
        }
    }

    mutating func append(_ argument: UnsafeBufferPointer<UInt8>) {
        switch count {
        case 0: first = argument
        case 1: second = argument
        case 2: third = argument
        default: break
        }
        count += 1
    }
}

func validPercentEscapes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var index = 0
    while index < bytes.count {
        if bytes[index] == UInt8(ascii: "%") {
            guard index + 2 < bytes.count, hexValue(bytes[index + 1]) != nil, hexValue(bytes[index + 2]) != nil else { return false }
            index += 3
        } else {
            index += 1
        }
    }
    return true
}

// MARK: Byte helpers

/// The raw values of the one-letter parameters; a repeated parameter makes the query invalid.
struct RawFields {
    var v, k, s, n, p, l, c, e: UnsafeBufferPointer<UInt8>?

    mutating func split(_ query: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        let count = query.count
        while start <= count {
            var end = start
            while end < count && query[end] != UInt8(ascii: "&") { end += 1 }
            if end - start >= 2 && query[start + 1] == UInt8(ascii: "=") {
                let value = UnsafeBufferPointer(rebasing: query[(start + 2)..<end])
                switch query[start] {
                case UInt8(ascii: "v"): if v != nil { return false }; v = value
                case UInt8(ascii: "k"): if k != nil { return false }; k = value
                case UInt8(ascii: "s"): if s != nil { return false }; s = value
                case UInt8(ascii: "n"): if n != nil { return false }; n = value
                case UInt8(ascii: "p"): if p != nil { return false }; p = value
                case UInt8(ascii: "l"): if l != nil { return false }; l = value
                case UInt8(ascii: "c"): if c != nil { return false }; c = value
                case UInt8(ascii: "e"): if e != nil { return false }; e = value
                default: break  // unknown parameters are ignored (new keys may come within a version)
                }
            }
            start = end + 1
        }
        return true
    }
}

@inline(__always) func isLowerHex(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66)
}

@inline(__always) func isSessionCharacter(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A)
}

@inline(__always) func isPseudonymCharacter(_ byte: UInt8) -> Bool {
    isSessionCharacter(byte) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x2D
}

@inline(__always) func isCohortCharacter(_ byte: UInt8) -> Bool {
    isPseudonymCharacter(byte) || byte == 0x2E || byte == 0x5F
}

@inline(__always) func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ text: StaticString) -> Bool {
    guard bytes.count == text.utf8CodeUnitCount else { return false }
    let pointer = text.utf8Start
    for index in 0..<bytes.count where bytes[index] != pointer[index] { return false }
    return true
}

/// A non-negative decimal integer without sign or leading `+`; nil on anything else or above a million.
@inline(__always) func parseInt(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard !bytes.isEmpty, bytes.count <= 7 else { return nil }
    var value = 0
    for byte in bytes {
        guard byte >= 0x30 && byte <= 0x39 else { return nil }
        value = value * 10 + Int(byte - 0x30)
    }
    return value
}

/// `12`, `0.5`, `1.25`: points with a decimal point, 0 to 10,000.
func parseDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    guard !bytes.isEmpty, bytes.count <= 12 else { return nil }
    var whole = 0.0, fraction = 0.0, scale = 1.0, seenPoint = false, digits = 0
    for byte in bytes {
        if byte == UInt8(ascii: ".") {
            if seenPoint { return nil }
            seenPoint = true
        } else if byte >= 0x30 && byte <= 0x39 {
            digits += 1
            if seenPoint { scale /= 10; fraction += Double(byte - 0x30) * scale } else { whole = whole * 10 + Double(byte - 0x30) }
        } else {
            return nil
        }
    }
    let value = whole + fraction
    return digits > 0 && value <= 10_000 ? value : nil
}

@inline(__always) func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case 0x30...0x39: return byte - 0x30
    case 0x41...0x46: return byte - 0x41 + 10
    case 0x61...0x66: return byte - 0x61 + 10
    default: return nil
    }
}

/// Percent-decoding into valid UTF-8 (`+` stays `+`, as encodeURIComponent writes a space as `%20`).
func percentDecoded(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    if !bytes.contains(UInt8(ascii: "%")) {
        return String(validating: bytes, as: UTF8.self)
    }
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    var index = 0
    while index < bytes.count {
        let byte = bytes[index]
        if byte == UInt8(ascii: "%") {
            guard index + 2 < bytes.count, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) else { return nil }
            output.append(high << 4 | low)
            index += 3
        } else {
            output.append(byte)
            index += 1
        }
    }
    return String(validating: output, as: UTF8.self)
}

/// Calls `body` with each `;`-separated event's name and its `:`-separated arguments.
func forEachEvent(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, RawArguments) -> Void) {
    var start = 0
    let count = bytes.count
    while start < count {
        var end = start
        while end < count && bytes[end] != UInt8(ascii: ";") { end += 1 }
        var name = UnsafeBufferPointer<UInt8>(rebasing: bytes[start..<start])
        var arguments = RawArguments()
        var partStart = start
        var index = start
        while index <= end {
            if index == end || bytes[index] == UInt8(ascii: ":") {
                let part = UnsafeBufferPointer(rebasing: bytes[partStart..<index])
                if partStart == start { name = part } else { arguments.append(part) }
                partStart = index + 1
            }
            index += 1
        }
        body(name, arguments)
        start = end + 1
    }
}
