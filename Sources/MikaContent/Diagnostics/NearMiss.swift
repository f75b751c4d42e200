/// Suggests the closest known word for a misspelt one ("did you mean …?").
public enum NearMiss {
    /// The candidate with the smallest edit distance, if it is close enough to be a plausible typo.
    public static func bestMatch(for word: String, in candidates: [String]) -> String? {
        let lowered = word.lowercased()
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, candidate.lowercased())
            if best == nil || distance < best!.1 { best = (candidate, distance) }
        }
        guard let (match, distance) = best else { return nil }
        let tolerance = max(2, min(lowered.count, match.count) / 3)
        return distance <= tolerance ? match : nil
    }

    /// Levenshtein distance over Unicode characters.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// "did you mean 'x'?" or the list of allowed values.
    public static func hint(for word: String, allowed: [String]) -> String {
        if let match = bestMatch(for: word, in: allowed) {
            return "did you mean '\(match)'? Allowed: \(allowed.joined(separator: ", "))"
        }
        return "use one of: \(allowed.joined(separator: ", "))"
    }
}
