import Glibc

/// One line of an access log in the combined format (nginx `combined`, Apache `%h %l %u %t "%r" %>s %b
/// "%{Referer}i" "%{User-agent}i"`), as byte ranges into the line. Nothing is copied.
struct LogLine {
    var time: Int64
    var method: UnsafeBufferPointer<UInt8>
    /// Path and query as requested (`/_mika/b.gif?v=1&…`).
    var target: UnsafeBufferPointer<UInt8>
    var status: Int
    var userAgent: UnsafeBufferPointer<UInt8>
}

/// Reads the `[25/Nov/2026:10:00:00 +0100]` time of log lines into seconds since 1970 (UTC); the start of the day is
/// worked out once per day and zone.
struct LogTimeParser {
    private var cachedDay: (UInt64, UInt64) = (0, 0)
    private var cachedDayStart: Int64 = 0

    /// `bytes` points at the 26 characters inside the brackets.
    mutating func parse(_ bytes: UnsafePointer<UInt8>) -> Int64? {
        // dd/Mon/yyyy:HH:MM:SS +zzzz
        guard bytes[2] == 0x2F, bytes[6] == 0x2F, bytes[11] == 0x3A, bytes[14] == 0x3A, bytes[17] == 0x3A, bytes[20] == 0x20 else {
            return nil
        }
        let raw = UnsafeRawPointer(bytes)
        let dayKey = (raw.loadUnaligned(as: UInt64.self), UInt64(raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self))
                      | UInt64(raw.loadUnaligned(fromByteOffset: 10, as: UInt8.self)) << 16
                      | UInt64(raw.loadUnaligned(fromByteOffset: 21, as: UInt32.self)) << 24
                      | UInt64(raw.loadUnaligned(fromByteOffset: 25, as: UInt8.self)) << 56)
        guard let hour = twoDigits(bytes + 12), let minute = twoDigits(bytes + 15), let second = twoDigits(bytes + 18),
              hour < 24, minute < 60, second < 61 else { return nil }
        if dayKey != cachedDay || cachedDayStart == 0 {
            guard let day = twoDigits(bytes), let month = Self.month(bytes + 3), let year1 = twoDigits(bytes + 7),
                  let year2 = twoDigits(bytes + 9), (1...31).contains(day),
                  bytes[21] == 0x2B || bytes[21] == 0x2D, let zoneHours = twoDigits(bytes + 22), let zoneMinutes = twoDigits(bytes + 24)
            else { return nil }
            let year = year1 * 100 + year2
            let zone = Int64(zoneHours * 3600 + zoneMinutes * 60) * (bytes[21] == 0x2D ? -1 : 1)
            cachedDayStart = Self.daysFromCivil(year: year, month: month, day: day) * 86_400 - zone
            cachedDay = dayKey
        }
        return cachedDayStart + Int64(hour * 3600 + minute * 60 + second)
    }

    @inline(__always) private func twoDigits(_ bytes: UnsafePointer<UInt8>) -> Int? {
        let high = bytes[0] &- 0x30, low = bytes[1] &- 0x30
        guard high < 10, low < 10 else { return nil }
        return Int(high) * 10 + Int(low)
    }

    private static func month(_ bytes: UnsafePointer<UInt8>) -> Int? {
        switch (bytes[0], bytes[1], bytes[2]) {
        case (0x4A, 0x61, 0x6E): return 1   // Jan
        case (0x46, 0x65, 0x62): return 2   // Feb
        case (0x4D, 0x61, 0x72): return 3   // Mar
        case (0x41, 0x70, 0x72): return 4   // Apr
        case (0x4D, 0x61, 0x79): return 5   // May
        case (0x4A, 0x75, 0x6E): return 6   // Jun
        case (0x4A, 0x75, 0x6C): return 7   // Jul
        case (0x41, 0x75, 0x67): return 8   // Aug
        case (0x53, 0x65, 0x70): return 9   // Sep
        case (0x4F, 0x63, 0x74): return 10  // Oct
        case (0x4E, 0x6F, 0x76): return 11  // Nov
        case (0x44, 0x65, 0x63): return 12  // Dec
        default: return nil
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return Int64(era * 146_097 + dayOfEra - 719_468)
    }
}

extension LogLine {
    /// Splits a line (without its newline); nil when it is not in the combined format.
    static func parse(_ line: UnsafeBufferPointer<UInt8>, times: inout LogTimeParser) -> LogLine? {
        guard let base = line.baseAddress else { return nil }
        let end = line.count
        // Host, identity and user end where the time begins.
        guard let bracket = memchr(base, 0x5B, end) else { return nil }  // [
        var index = base.distance(to: bracket.assumingMemoryBound(to: UInt8.self))
        guard index > 0, index + 29 < end, base[index - 1] == 0x20, base[index + 27] == 0x5D, base[index + 28] == 0x20,
              base[index + 29] == 0x22, let time = times.parse(base + index + 1) else { return nil }
        index += 30
        // The request line, up to its closing quote (`\"` and `\\` are escapes).
        let requestStart = index
        guard let requestEnd = closingQuote(base, from: index, end: end) else { return nil }
        var methodEnd = requestStart
        while methodEnd < requestEnd && base[methodEnd] != 0x20 { methodEnd += 1 }
        var targetEnd = methodEnd + 1
        while targetEnd < requestEnd && base[targetEnd] != 0x20 { targetEnd += 1 }
        let method = UnsafeBufferPointer(start: base + requestStart, count: methodEnd - requestStart)
        let target = methodEnd < requestEnd
            ? UnsafeBufferPointer(start: base + methodEnd + 1, count: targetEnd - methodEnd - 1)
            : UnsafeBufferPointer(start: base + methodEnd, count: 0)
        // Status and size.
        index = requestEnd + 1
        guard index + 4 < end, base[index] == 0x20 else { return nil }
        let s0 = base[index + 1] &- 0x30, s1 = base[index + 2] &- 0x30, s2 = base[index + 3] &- 0x30
        guard s0 < 10, s1 < 10, s2 < 10, base[index + 4] == 0x20 else { return nil }
        let status = Int(s0) * 100 + Int(s1) * 10 + Int(s2)
        index += 5
        while index < end && base[index] != 0x20 { index += 1 }
        // Referrer, then the user agent.
        guard index + 1 < end, base[index + 1] == 0x22, let refererEnd = closingQuote(base, from: index + 2, end: end),
              refererEnd + 2 < end, base[refererEnd + 1] == 0x20, base[refererEnd + 2] == 0x22,
              let agentEnd = closingQuote(base, from: refererEnd + 3, end: end) else { return nil }
        let userAgent = UnsafeBufferPointer(start: base + refererEnd + 3, count: agentEnd - refererEnd - 3)
        return LogLine(time: time, method: method, target: target, status: status, userAgent: userAgent)
    }

    /// The next quote that is not escaped by a backslash (`\"`); an even run of backslashes escapes itself.
    @inline(__always)
    private static func closingQuote(_ base: UnsafePointer<UInt8>, from start: Int, end: Int) -> Int? {
        var index = start
        while index < end {
            guard let found = memchr(base + index, 0x22, end - index) else { return nil }
            let quote = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            var backslashes = 0
            while quote - backslashes - 1 >= start && base[quote - backslashes - 1] == 0x5C { backslashes += 1 }
            if backslashes % 2 == 0 { return quote }
            index = quote + 1
        }
        return nil
    }
}

/// Recognises crawlers, bots, monitoring tools, libraries and headless browsers by their user agent. Browsers that run
/// the beacon all send `Mozilla/5.0 …`; anything else, and the tokens below, is not a learner.
struct UserAgentFilter {
    private var verdicts: [UInt64: Bool] = [:]
    static let tokens: [[UInt8]] = ["bot", "crawl", "spider", "slurp", "headless", "phantomjs", "preview", "facebookexternalhit",
                                    "lighthouse", "pingdom", "uptime", "monitor", "python", "curl", "wget", "java/", "go-http",
                                    "okhttp", "libwww", "httpclient", "scrapy", "axios", "node-fetch", "feedfetcher",
                                    "mediapartners", "archiver", "validator", "checker", "scanner"].map { Array($0.utf8) }

    mutating func isAutomated(_ agent: UnsafeBufferPointer<UInt8>) -> Bool {
        let hash = wordHash(agent)
        if let known = verdicts[hash] { return known }
        let verdict = Self.classify(agent)
        if verdicts.count > 50_000 { verdicts.removeAll(keepingCapacity: true) }
        verdicts[hash] = verdict
        return verdict
    }

    static func classify(_ agent: UnsafeBufferPointer<UInt8>) -> Bool {
        let lower = agent.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }
        guard lower.starts(with: Array("mozilla/".utf8)) else { return true }
        for token in tokens where contains(lower, token) { return true }
        return false
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        var start = 0
        while start + needle.count <= haystack.count {
            if haystack[start] == needle[0] && haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
            start += 1
        }
        return false
    }
}

/// A quick hash, eight bytes at a time (for lookups of user agents, pages and sessions; not for security).
@inline(__always) func wordHash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    guard let base = bytes.baseAddress else { return 0x9E37_79B9_7F4A_7C15 }
    let raw = UnsafeRawPointer(base)
    var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
    var offset = 0
    while offset + 8 <= bytes.count {
        hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 32
        offset += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while offset < bytes.count {
        tail |= UInt64(base[offset]) << shift
        shift += 8
        offset += 1
    }
    hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
    return hash ^ (hash >> 29)
}
