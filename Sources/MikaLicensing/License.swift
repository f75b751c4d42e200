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

    /// Every licence of the SPDX License List (`data/spdx`). Creative Commons licences get their short name and
    /// the deed's URL (ports and IGO included); the others their SPDX name and page. Open for OER are CC0, the
    /// public-domain marks, CC BY and CC BY-SA in every version and port, and the free software and documentation
    /// licences (OSI approved or FSF free: MIT, Apache-2.0, GPL, GFDL, BSD, MPL …).
    public static let all: [License] = spdxList.map { entry in
        if let creativeCommons = creativeCommons(entry.id) { return creativeCommons }
        return License(spdx: entry.id, name: entry.name, url: "https://spdx.org/licenses/\(entry.id).html",
                       isOpen: entry.osi || entry.fsf)
    }

    /// `CC-BY-SA-3.0-DE` → "CC BY-SA 3.0 DE", https://creativecommons.org/licenses/by-sa/3.0/de/.
    static func creativeCommons(_ id: String) -> License? {
        switch id {
        case "CC0-1.0":
            return License(spdx: id, name: "CC0 1.0", url: "https://creativecommons.org/publicdomain/zero/1.0/", isOpen: true)
        case "CC-PDM-1.0":
            return License(spdx: id, name: "Public Domain Mark 1.0", url: "https://creativecommons.org/publicdomain/mark/1.0/",
                           isOpen: true)
        case "CC-PDDC":
            return License(spdx: id, name: "CC Public Domain Dedication and Certification",
                           url: "https://creativecommons.org/licenses/publicdomain/", isOpen: true)
        default: break
        }
        guard id.hasPrefix("CC-") else { return nil }
        let parts = id.dropFirst(3).split(separator: "-").map(String.init)
        guard let versionIndex = parts.firstIndex(where: { $0.first?.isNumber == true }), versionIndex > 0 else { return nil }
        let elements = parts[..<versionIndex]
        guard elements.allSatisfy({ ["BY", "SA", "NC", "ND"].contains($0) }) else { return nil }
        let version = parts[versionIndex]
        let port = parts[(versionIndex + 1)...].first
        let path = elements.joined(separator: "-").lowercased()
        let name = "CC " + elements.joined(separator: "-") + " " + version + (port.map { " " + $0 } ?? "")
        let url = "https://creativecommons.org/licenses/\(path)/\(version)/" + (port.map { $0.lowercased() + "/" } ?? "")
        let open = !elements.contains("NC") && !elements.contains("ND")
        return License(spdx: id, name: name, url: url, isOpen: open)
    }

    private static let table: [String: License] = Dictionary(uniqueKeysWithValues: all.map { ($0.spdx.lowercased(), $0) })
}
