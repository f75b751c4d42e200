/// How findings are weighed: per-id severities from `site.yml` (`diagnostics:`) and `--strict`.
public struct DiagnosticPolicy: Sendable, Hashable {
    public enum Level: String, Sendable, CaseIterable {
        case error, warning, note, ignore
    }

    /// Warnings count as errors.
    public var strict: Bool
    /// id → level, for ids the registry marks adjustable.
    public var overrides: [String: Level]

    public init(strict: Bool = false, overrides: [String: Level] = [:]) {
        self.strict = strict
        self.overrides = overrides
    }
}

/// Turns the findings of a run into what is reported: overrides and strict mode applied, findings with one cause
/// (the same id, message and place, e.g. one REUSE.toml line for many files) reported once, sorted by place.
/// `mika build` and `mika check` both count errors here.
public struct DiagnosticEngine: Sendable {
    public var policy: DiagnosticPolicy

    public init(policy: DiagnosticPolicy = DiagnosticPolicy()) {
        self.policy = policy
    }

    public func process(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        var result: [Diagnostic] = []
        for var diagnostic in diagnostics {
            if let level = policy.overrides[diagnostic.id], DiagnosticRegistry.kind(diagnostic.id)?.adjustable == true {
                switch level {
                case .ignore: continue
                case .error: diagnostic.severity = .error
                case .warning: diagnostic.severity = .warning
                case .note: diagnostic.severity = .note
                }
            }
            if policy.strict && diagnostic.severity == .warning { diagnostic.severity = .error }
            if seen.insert(diagnostic).inserted { result.append(diagnostic) }
        }
        return result.sortedByLocation()
    }

    /// Counts for the summary line and the exit status.
    public struct Summary: Sendable, Equatable {
        public var errors: Int
        public var warnings: Int

        public init(_ diagnostics: [Diagnostic]) {
            errors = diagnostics.filter { $0.severity == .error }.count
            warnings = diagnostics.filter { $0.severity == .warning }.count
        }

        /// `2 errors, 1 warning`.
        public var text: String {
            "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        }
    }
}
