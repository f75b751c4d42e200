/// A licence known by its SPDX identifier, with the facts pages and metadata need.
public struct License: Hashable, Sendable {
    public var spdx: String
    /// Short human name, e.g. "CC BY-SA 4.0".
    public var name: String
    /// Canonical URL of the licence deed or text.
    public var url: String?
    /// Counts as an open licence for OER (CC0, CC BY, CC BY-SA).
    public var isOpen: Bool

    public init(spdx: String, name: String, url: String?, isOpen: Bool) {
        self.spdx = spdx
        self.name = name
        self.url = url
        self.isOpen = isOpen
    }

    /// `LicenseRef-…` ids stand for licences outside SPDX, e.g. "all rights reserved, used with permission".
    public var isReference: Bool { spdx.hasPrefix("LicenseRef-") }

    /// Looks up an SPDX id (case-insensitive) or accepts a `LicenseRef-` id.
    public static func named(_ id: String) -> License? {
        if let known = table[id.lowercased()] { return known }
        if id.hasPrefix("LicenseRef-"), id.count > "LicenseRef-".count {
            return License(spdx: id, name: "Eigene Lizenz (\(id.dropFirst("LicenseRef-".count)))", url: nil,
                           isOpen: false)
        }
        return nil
    }

    /// Every SPDX id this table knows, for "did you mean" hints.
    public static var knownIdentifiers: [String] { all.map(\.spdx) }

    public static let all: [License] = {
        var licenses = [License(spdx: "CC0-1.0", name: "CC0 1.0",
                                url: "https://creativecommons.org/publicdomain/zero/1.0/", isOpen: true)]
        let kinds: [(spdx: String, path: String, name: String, open: Bool)] = [
            ("CC-BY", "by", "CC BY", true), ("CC-BY-SA", "by-sa", "CC BY-SA", true),
            ("CC-BY-ND", "by-nd", "CC BY-ND", false), ("CC-BY-NC", "by-nc", "CC BY-NC", false),
            ("CC-BY-NC-SA", "by-nc-sa", "CC BY-NC-SA", false), ("CC-BY-NC-ND", "by-nc-nd", "CC BY-NC-ND", false),
        ]
        for kind in kinds {
            for version in ["2.0", "3.0", "4.0"] {
                licenses.append(License(spdx: "\(kind.spdx)-\(version)", name: "\(kind.name) \(version)",
                                        url: "https://creativecommons.org/licenses/\(kind.path)/\(version)/",
                                        isOpen: kind.open))
            }
            licenses.append(License(spdx: "\(kind.spdx)-3.0-DE", name: "\(kind.name) 3.0 DE",
                                    url: "https://creativecommons.org/licenses/\(kind.path)/3.0/de/", isOpen: kind.open))
        }
        return licenses
    }()

    private static let table: [String: License] = Dictionary(uniqueKeysWithValues: all.map { ($0.spdx.lowercased(), $0) })
}
