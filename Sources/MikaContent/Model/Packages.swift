/// The LMS package formats a course is published in (`site/pakete/`).
public enum PackageFormat: String, CaseIterable, Sendable, Codable {
    case scorm12
    case scorm2004
    case cc

    /// The file name of a course's package: `<course>-scorm12.zip`, `<course>-scorm2004.zip`, `<course>.imscc`.
    public func fileName(course slug: String) -> String {
        switch self {
        case .scorm12: return "\(slug)-scorm12.zip"
        case .scorm2004: return "\(slug)-scorm2004.zip"
        case .cc: return "\(slug).imscc"
        }
    }

    public var displayName: String {
        switch self {
        case .scorm12: return "SCORM 1.2"
        case .scorm2004: return "SCORM 2004 4th Edition"
        case .cc: return "IMS Common Cartridge 1.1"
        }
    }

    /// Values authors may write in `packages:`.
    public static let authorValues = ["scorm12", "scorm2004", "cc"]
}

/// `packages:` and `package_size_limit:` from site.yml (course.yml may narrow the formats).
public struct PackageSettings: Hashable, Sendable {
    public var formats: [PackageFormat]
    /// Largest package allowed, in bytes; nil for no limit.
    public var sizeLimit: Int?
    /// Where the limit was set, for the diagnostic of a package over it.
    public var sizeLimitLocation: SourceLocation?

    public init(formats: [PackageFormat] = PackageFormat.allCases, sizeLimit: Int? = nil,
                sizeLimitLocation: SourceLocation? = nil) {
        self.formats = formats
        self.sizeLimit = sizeLimit
        self.sizeLimitLocation = sizeLimitLocation
    }
}

/// A page German sites must have (Impressum, Datenschutzerklärung, Erklärung zur Barrierefreiheit): a link to an
/// existing page, or facts from which mika writes the page.
public struct LegalPage: Hashable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case impressum, datenschutz, barrierefreiheit

        /// Folder of the generated page.
        public var path: String { rawValue + "/" }

        /// Facts a generated page may state, in the order it states them.
        public var keys: [String] {
            switch self {
            case .impressum: return ["name", "address", "email", "phone", "responsible", "register", "vat_id"]
            case .datenschutz: return ["controller", "address", "email", "dpo", "hoster", "log_retention"]
            case .barrierefreiheit: return ["status", "issues", "contact", "date", "enforcement"]
            }
        }
    }

    public var kind: Kind
    /// An existing page to link to instead of a generated one.
    public var url: String?
    /// Fact key → text (lists joined by line breaks are kept as lists).
    public var facts: [String: [String]]

    public init(kind: Kind, url: String? = nil, facts: [String: [String]] = [:]) {
        self.kind = kind
        self.url = url
        self.facts = facts
    }
}
