/// What the checks need to know about a module's body, with file lines.
public struct ModuleOutline: Sendable {
    public var links: [OutlineLink] = []
    /// Header row line and whether all its cells are empty.
    public var tables: [(line: Int, headerIsEmpty: Bool)] = []
    /// Raw HTML as written, with its line.
    public var rawHTML: [(line: Int, html: String)] = []
    /// Headings with their file lines.
    public var headings: [(level: Int, text: String, line: Int)] = []
    public var embeds: [Embed] = []
    /// Top-level ordered list items (the steps of a click-guide): file line, and whether there is text besides images.
    public var steps: [(line: Int, hasText: Bool)] = []

    public init() {}
}

public struct OutlineLink: Sendable {
    public var destination: String
    public var text: String
    public var isImage: Bool
    /// The content file it points to, for local files.
    public var target: String?
    public var line: Int
    public var column: Int?
    public var isDecorative: Bool
}

/// A two-click embed (```embed): an external player loaded only after the reader agrees.
public struct Embed: Hashable, Sendable {
    public var url: String
    public var title: String
    public var provider: String
    public var line: Int
}

/// Facts a click-guide gives about the tool it explains, so readers can judge data protection before they sign up.
public struct ToolFacts: Hashable, Sendable {
    public var name: String
    public var url: String?
    public var cost: String?
    public var login: String?
    public var dataProtection: String?
    public var line: Int
    /// The catalogue entry (`tool: <id>`); nil for the inline facts of earlier versions.
    public var id: String? = nil
}

/// A work a module adapts (`based_on`), with its licence and attribution.
public struct SourceWork: Hashable, Sendable {
    public var attribution: Attribution
    public var line: Int
}

/// Which licences a site or course accepts.
public struct LicensePolicy: Hashable, Sendable {
    /// SPDX ids; empty means any open licence (CC0, CC BY, CC BY-SA, any version).
    public var allowed: [String]
    public var allowNonCommercial: Bool
    public var allowNoDerivatives: Bool
    /// Media under `NONE` or a `LicenseRef-` (logos, cited figures) that may be published: none, all, or those
    /// whose content path matches one of these REUSE-style globs (`allow_excluded: true` or a list).
    public var allowExcluded: [String] = []

    public init(allowed: [String], allowNonCommercial: Bool, allowNoDerivatives: Bool, allowExcluded: [String] = []) {
        self.allowed = allowed
        self.allowNonCommercial = allowNonCommercial
        self.allowNoDerivatives = allowNoDerivatives
        self.allowExcluded = allowExcluded
    }

    public static let oer = LicensePolicy(allowed: [], allowNonCommercial: false, allowNoDerivatives: false)
}
