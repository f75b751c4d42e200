/// The learning beacon (docs/beacon-protocol.md): on unless `analytics: false` in site.yml.
public struct AnalyticsSettings: Sendable, Equatable {
    /// Eight hex digits that mark this site's beacon requests in a shared log.
    public var key: String
    /// Salt of the LMS learner pseudonym (SHA-256 of `salt:learner id`); the key unless site.yml sets one.
    public var salt: String

    /// The site-relative path of the GIF the beacon requests.
    public static let beaconPath = "_mika/b.gif"
    public static let protocolVersion = 1

    public init(key: String, salt: String? = nil) {
        self.key = key
        self.salt = salt ?? key
    }

    /// The key of a site: the FNV-1a hash of its base URL, else of its title.
    public static func key(baseURL: String?, title: String) -> String {
        var hash: UInt32 = 0x811c_9dc5
        for byte in (baseURL ?? title).utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
