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
        let found: Int?? = utf8.withContiguousStorageIfAvailable { bytes in
            var position = lower
            while position + pattern.count <= upper {
                if bytes[position] == pattern[0], bytes[position..<position + pattern.count].elementsEqual(pattern) {
                    return position
                }
                position += 1
            }
            return nil
        }
        // A string without contiguous UTF-8 (bridged) takes the generic search.
        guard let offset = found ?? utf8[range].firstRange(of: pattern).map({ utf8.distance(from: utf8.startIndex, to: $0.lowerBound) })
        else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: offset)
        return start..<utf8.index(start, offsetBy: pattern.count)
    }
}
