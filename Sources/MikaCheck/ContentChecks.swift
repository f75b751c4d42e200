import Foundation
import MikaContent

/// The QA checks run before publishing (`mika check`, and `mika build` before it writes anything): licences and
/// attribution, accessibility of the content, data protection. Each area keeps its rules and messages in its own
/// file; every finding is a `Diagnostic` with a rule id.
public struct ContentChecks {
    public var site: Site
    /// How the content folder is named in diagnostics.
    public var contentPath: String

    public init(site: Site, contentPath: String) {
        self.site = site
        self.contentPath = contentPath
    }

    public func run() -> [Diagnostic] {
        // The rule families only read the site: they run side by side, their findings joined in this order.
        let families: [(inout [Diagnostic]) -> Void] = [
            checkLicenses, checkAccessibility, checkDataProtection, checkActiveContent,
            { PackageRules.check(site, display: display, into: &$0) },
            { ToolRules.check(site, display: display, today: Self.today, into: &$0) },
        ]
        var found = [[Diagnostic]](repeating: [], count: families.count)
        found.withUnsafeMutableBufferPointer { slots in
            let slots = slots  // each family writes only its own slot
            DispatchQueue.concurrentPerform(iterations: families.count) { index in
                families[index](&slots[index])
            }
        }
        return found.flatMap { $0 }.sortedByLocation()
    }

    func display(_ path: String) -> String { contentPath.isEmpty ? path : contentPath + "/" + path }

    /// Every rule id with a one-line description, for `--format sarif`.
    public static let rules: [(id: String, summary: String)] =
        LicenseRules.descriptions + AccessibilityRules.descriptions + DataProtectionRules.descriptions
            + ActiveContentRules.descriptions + PackageRules.descriptions + ToolRules.descriptions

    /// The day checks compare dates with: `MIKA_TODAY` (YYYY-MM-DD, for tests), else now.
    static var today: Date {
        if let text = ProcessInfo.processInfo.environment["MIKA_TODAY"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "yyyy-MM-dd"
            if let date = formatter.date(from: text) { return date }
        }
        return Date()
    }
}
