#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension UnsafeBufferPointer where Element == UInt8 {
    /// Where `needle` first occurs within `lower..<upper` of these bytes (to the end by default): memchr finds each
    /// place its first byte stands, and the rest is compared there.
    public func firstOffset(of needle: [UInt8], from lower: Int = 0, upTo upper: Int? = nil) -> Int? {
        let upper = Swift.min(upper ?? count, count)
        guard let first = needle.first, let base = baseAddress else { return nil }
        var position = Swift.max(lower, 0)
        while position + needle.count <= upper, let hit = memchr(base + position, Int32(first), upper - position) {
            let start = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if start + needle.count <= upper, self[start..<start + needle.count].elementsEqual(needle) { return start }
            position = start + 1
        }
        return nil
    }
}

extension String {
    /// Where `needle`'s UTF-8 bytes first occur within `range` of this string (all of it by default): a plain
    /// byte search, far cheaper than the generic `firstRange` or Foundation's `range(of:)`. UTF-8 synchronises
    /// itself, so the bounds fall between Unicode scalars.
    public func utf8Range(of needle: String, in range: Range<String.Index>? = nil) -> Range<String.Index>? {
        let utf8 = self.utf8
        let range = range ?? startIndex..<endIndex
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty else { return nil }
        let lower = utf8.distance(from: utf8.startIndex, to: range.lowerBound)
        let upper = utf8.distance(from: utf8.startIndex, to: range.upperBound)
        let found: Int?? = utf8.withContiguousStorageIfAvailable { $0.firstOffset(of: pattern, from: lower, upTo: upper) }
        // A string without contiguous UTF-8 (bridged) takes the generic search.
        guard let offset = found ?? utf8[range].firstRange(of: pattern).map({ utf8.distance(from: utf8.startIndex, to: $0.lowerBound) })
        else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: offset)
        return start..<utf8.index(start, offsetBy: pattern.count)
    }
}

extension String {
    /// The parts between `/`, empty ones left out: `split(separator: "/")` on UTF-8 bytes, without walking the
    /// string by `Character` (which cost a tenth of loading a module's links).
    public var slashSeparated: [Substring] {
        utf8.split(separator: UInt8(ascii: "/")).map { Substring($0) }
    }

    /// The extension of the last path component as `NSString.pathExtension` gives it (trailing slashes ignored; a
    /// name that starts with its only dot, or `..`, has none), found on bytes.
    public var fileExtension: String {
        var bytes = utf8[...]
        while bytes.last == UInt8(ascii: "/") { bytes = bytes.dropLast() }
        let name = bytes.lastIndex(of: UInt8(ascii: "/")).map { bytes[bytes.index(after: $0)...] } ?? bytes
        guard name.count > 1, name.elementsEqual("..".utf8) == false, let dot = name.lastIndex(of: UInt8(ascii: ".")),
              dot != name.startIndex else { return "" }
        return String(Substring(name[name.index(after: dot)...]))
    }

    /// Whitespace trimmed from both ends; most strings have none, which two byte checks find.
    public var trimmingSpaces: String {
        if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x7F, last > 0x20, last < 0x7F { return self }
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.isWhitespace { scalars = scalars.dropLast() }
        return String(scalars)
    }
}

extension Array where Element == UInt8 {
    /// Appends a string's UTF-8 bytes in one copy: `append(contentsOf: text.utf8)` copies through the string's
    /// iterator byte by byte, and pages and records are put together from many short strings.
    public mutating func appendUTF8(_ text: String) {
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }
}
