/// The licence and TULLU attribution of a media file (Titel, Urheber, Lizenz, Link, Ursprungsort; Bearbeitung),
/// from a REUSE-style `<file>.license` sidecar or a `REUSE.toml` annotation.
public struct MediaLicense: Hashable, Sendable {
    /// The media file, relative to the content folder.
    public var path: String
    public var title: String?
    /// Urheber: from `SPDX-FileCopyrightText`, without the year.
    public var author: String?
    /// SPDX id, checked against the licence table.
    public var license: String?
    /// Ursprungsort: where the file came from (URL or description).
    public var source: String?
    /// How the file was changed, if it was ("Bearbeitung"); nil when unchanged.
    public var changes: String?
    /// Where this was declared, for diagnostics.
    public var location: SourceLocation

    public init(path: String, title: String? = nil, author: String? = nil, license: String? = nil, source: String? = nil,
                changes: String? = nil, location: SourceLocation) {
        self.path = path
        self.title = title
        self.author = author
        self.license = license
        self.source = source
        self.changes = changes
        self.location = location
    }

    /// REUSE's `NONE` (no licence: all rights reserved) and `LicenseRef-…` (a permission outside the open licences)
    /// mark a file that is excluded from the open licence, such as a logo or a cited figure.
    public var isExcludedFromOpenLicense: Bool { license.map(MediaLicense.isExclusion) ?? false }

    public static func isExclusion(_ spdx: String) -> Bool { spdx == "NONE" || spdx.hasPrefix("LicenseRef-") }

    /// The file name, used as title when none is given.
    public var displayTitle: String { title ?? String(path.split(separator: "/").last ?? Substring(path)) }
}
