import Foundation

/// A digital tool of the catalogue (`content/tools/<id>/tool.yml` or `content/tools/<id>.yml`), described once and
/// named by the click-guides that explain it (`tool: <id>`).
public struct Tool: Sendable, Hashable {
    public enum Cost: String, CaseIterable, Sendable { case kostenlos, freemium, kostenpflichtig }
    public enum DataLocation: String, CaseIterable, Sendable { case lokal, deutschland, eu, drittland }
    public enum Rating: String, CaseIterable, Sendable { case geeignet, eingeschraenkt, ungeeignet }

    /// The author's data-protection assessment (DSGVO) and when it was made.
    public struct Assessment: Sendable, Hashable {
        public var rating: Rating
        public var note: String?
        /// `YYYY-MM-DD`.
        public var date: String?
        public var line: Int
    }

    public var id: String
    /// `tools/<id>/tool.yml` or `tools/<id>.yml`.
    public var sourcePath: String
    public var name: String
    public var url: String?
    /// What you make with it, one sentence.
    public var purpose: String?
    public var categories: [String] = []
    public var cost: Cost?
    /// Whether an account is needed, and a note (`nur für Lehrende`).
    public var accountNeeded: Bool?
    public var accountNote: String?
    public var dataLocation: DataLocation?
    public var provider: String?
    public var providerCountry: String?
    public var assessment: Assessment?
    public var accessibility: String?
    public var offline: Bool?
    public var selfHosting: Bool?
    /// The tool's own licence, an SPDX id (`LicenseRef-proprietary` for closed software).
    public var license: String?
    public var steps: [ActionStep] = []
    /// Content path of the logo.
    public var logo: String?

    public var urlPath: String { SitePaths.tool(id) }

    /// Open source: an SPDX licence other than a `LicenseRef-`.
    public var isOpenSource: Bool? { license.map { !$0.hasPrefix("LicenseRef-") } }

    /// The facts box of a click-guide page (the texts the inline `tool:` map of earlier versions had).
    public func facts(line: Int) -> ToolFacts {
        ToolFacts(name: name, url: url, cost: cost?.label,
                  login: accountNeeded.map { needed in accountNote ?? (needed ? "Konto nötig" : "kein Konto nötig") },
                  dataProtection: assessment?.note ?? dataLocation?.label, line: line, id: id)
    }
}

extension Tool.Cost {
    public var label: String {
        switch self {
        case .kostenlos: return "kostenlos"
        case .freemium: return "Freemium"
        case .kostenpflichtig: return "kostenpflichtig"
        }
    }
}

extension Tool.DataLocation {
    public var label: String {
        switch self {
        case .lokal: return "lokal auf dem Gerät"
        case .deutschland: return "Server in Deutschland"
        case .eu: return "Server in der EU"
        case .drittland: return "Server außerhalb der EU"
        }
    }
}

extension Tool.Rating {
    public var label: String {
        switch self {
        case .geeignet: return "geeignet"
        case .eingeschraenkt: return "eingeschränkt geeignet"
        case .ungeeignet: return "nicht geeignet"
        }
    }
}

extension Tool.Cost: AuthorValue {}
extension Tool.DataLocation: AuthorValue {}
extension Tool.Rating: AuthorValue {}
