/// The Creative Commons licence elements that decide what may be combined, whatever the version or port.
public enum LicenseFamily: String, CaseIterable, Sendable {
    case publicDomain = "CC0"
    case by = "BY"
    case bySA = "BY-SA"
    case byNC = "BY-NC"
    case byNCSA = "BY-NC-SA"
    case byND = "BY-ND"
    case byNCND = "BY-NC-ND"

    public var isNonCommercial: Bool { [.byNC, .byNCSA, .byNCND].contains(self) }
    public var isNoDerivatives: Bool { [.byND, .byNCND].contains(self) }
    public var isShareAlike: Bool { [.bySA, .byNCSA].contains(self) }
}

extension License {
    /// Nil for licences outside Creative Commons (`LicenseRef-…`).
    public var family: LicenseFamily? {
        let id = spdx.uppercased()
        if id == "CC0-1.0" || id == "CC-PDDC" || id == "CC-PDM-1.0" { return .publicDomain }
        for family in LicenseFamily.allCases.reversed() where family != .publicDomain {
            if id.hasPrefix("CC-\(family.rawValue)-") { return family }
        }
        return nil
    }
}

/// What the Creative Commons compatibility chart says about combining material.
public enum Compatibility {
    /// For an adaptation of material under `first` and `second`: the licences the result may carry, or nil when
    /// the two cannot be combined in one adaptation at all.
    public static func adaptation(_ first: LicenseFamily, _ second: LicenseFamily) -> Set<LicenseFamily>? {
        if first.isNoDerivatives || second.isNoDerivatives { return nil }
        // ShareAlike of one side meets NonCommercial of the other: SA forbids the extra restriction.
        if (first == .bySA && second.isNonCommercial) || (second == .bySA && first.isNonCommercial) { return nil }
        if (first == .byNCSA && second == .bySA) || (second == .byNCSA && first == .bySA) { return nil }
        let pair: Set<LicenseFamily> = [first, second]
        if pair.contains(.byNCSA) { return [.byNCSA] }
        if pair.contains(.bySA) { return [.bySA] }
        if pair.contains(.byNC) { return [.byNC, .byNCSA] }
        if pair.contains(.by) { return [.by, .bySA, .byNC, .byNCSA] }
        return Set(LicenseFamily.allCases.filter { !$0.isNoDerivatives })  // CC0 with CC0: any
    }

    /// The licences an adaptation of all `sources` may carry (nil: they cannot be adapted together).
    public static func adaptation(of sources: [LicenseFamily]) -> Set<LicenseFamily>? {
        var allowed = Set(LicenseFamily.allCases.filter { !$0.isNoDerivatives })
        for source in sources {
            guard let result = adaptation(source, source) else { return nil }
            allowed.formIntersection(result)
        }
        for (index, first) in sources.enumerated() {
            for second in sources[(index + 1)...] {
                guard let result = adaptation(first, second) else { return nil }
                allowed.formIntersection(result)
            }
        }
        return allowed.isEmpty ? nil : allowed
    }
}
