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
