import MikaContent
import MikaLicensing

enum LicenseRules {
    static let descriptions: [(id: String, summary: String)] = [
        ("license.media-missing", "Every media file has a licence (REUSE sidecar or REUSE.toml)"),
        ("license.media-incomplete", "A media licence names its licence and author (Urheber)"),
        ("license.third-party-source", "Third-party media name their source (Ursprungsort)"),
        ("license.nd-changed", "Material under a NoDerivatives licence is used unchanged"),
        ("license.policy", "Licences follow the site's or course's licence policy"),
        ("license.excluded", "Media excluded from the open licence (NONE, LicenseRef) appear only where the policy allows them"),
        ("license.adaptation", "An adaptation carries a licence its sources allow"),
        ("license.course-more-open", "A course is not licensed more openly than an adapted part"),
    ]
}

extension ContentChecks {
    /// Media files whose licence is about themselves (caption tracks belong to their video).
    static func needsLicense(_ path: String) -> Bool { !path.lowercased().hasSuffix(".vtt") }

    func checkLicenses(_ diagnostics: inout [Diagnostic]) {
        let ownNames = Set((site.authors + site.courses.flatMap(\.authors) + [site.publisher].compactMap { $0 }).map(\.name))
        // One REUSE.toml annotation can give many files the same flaw: one finding per cause, the files as notes.
        var causes: [String: (diagnostic: Diagnostic, assets: [String], many: (Int) -> String)] = [:]
        var order: [String] = []
        func report(_ id: String, _ media: MediaLicense, _ asset: String, one: String, many: @escaping (Int) -> String, hint: String) {
            let key = "\(id)|\(media.location.file)|\(media.location.line)|\(many(2))"
            if causes[key] == nil {
                order.append(key)
                causes[key] = (Diagnostic(.error, id: id, file: media.location.file, line: media.location.line,
                                          message: one, hint: hint), [], many)
            }
            causes[key]?.assets.append(asset)
        }
        // Images shown in a module are judged where they are used (the course's policy, the module's line).
        var embedded: Set<String> = []
        // The courses whose modules show or link each file.
        var users: [String: [Course]] = [:]
        for course in site.courses {
            for module in course.modules {
                for link in module.outline.links {
                    guard let target = link.target else { continue }
                    if link.isImage { embedded.insert(target) }
                    if users[target]?.contains(where: { $0.slug == course.slug }) != true { users[target, default: []].append(course) }
                }
            }
        }
        for asset in site.assets where Self.needsLicense(asset) {
            guard let media = site.mediaLicenses[asset] else {
                diagnostics.append(Diagnostic(.error, id: "license.media-missing", file: display(asset),
                                              message: "media file has no licence",
                                              hint: "add \(display(asset)).license with 'SPDX-License-Identifier:' and 'SPDX-FileCopyrightText:', or an entry in REUSE.toml"))
                continue
            }
            if media.license == nil {
                report("license.media-incomplete", media, asset, one: "licence of '\(asset)' names no licence",
                       many: { "the licence of \($0) files names no licence" },
                       hint: "add 'SPDX-License-Identifier:' with the file's licence (an SPDX id, or NONE when it has no open licence)")
            }
            let (policy, policyName) = self.policy(for: asset)
            if let spdx = media.license, media.isExcludedFromOpenLicense {
                // Excluded media follow the policies of the courses that use them; unused ones that of their folder.
                let governing = users[asset].map { $0.map { ($0.licensePolicy, self.policyName(of: $0)) } } ?? [(policy, policyName)]
                if let (_, policyName) = governing.first(where: { candidate in
                    !candidate.0.allowExcluded.contains(where: { Glob.matches($0, asset) })
                }) {
                    let what = spdx == "NONE" ? "has no open licence (NONE)" : "is under \(spdx), outside the open licences"
                    let whatMany = spdx == "NONE" ? "have no open licence (NONE)" : "are under \(spdx), outside the open licences"
                    report("license.excluded", media, asset,
                           one: "'\(asset)' \(what), and \(policyName) does not allow media excluded from the open licence",
                           many: { "\($0) files \(whatMany), and \(policyName) does not allow media excluded from the open licence" },
                           hint: "if it may only be shown, not reused (a logo, a cited figure), allow it with 'allow_excluded: [\"\(asset)\"]' under 'license_policy'; it is then marked 'von der freien Lizenz ausgenommen'. Otherwise replace it with openly licensed material")
                }
            } else if !embedded.contains(asset), let spdx = media.license, let license = License.named(spdx),
                      let problem = violation(of: policy, by: license) {
                // Downloads, files used in raw HTML and files no page uses are published all the same.
                report("license.policy", media, asset,
                       one: "'\(asset)' is licensed \(license.name), which \(problem) under \(policyName), and it is published with the site",
                       many: { "\($0) files are licensed \(license.name), which \(problem) under \(policyName), and they are published with the site" },
                       hint: "replace the file, remove it from the content folder, or change 'license_policy'")
            }
            guard let author = media.author, !author.isEmpty else {
                report("license.media-incomplete", media, asset, one: "licence of '\(asset)' names no author (Urheber)",
                       many: { "the licence of \($0) files names no author (Urheber)" }, hint: "add 'SPDX-FileCopyrightText: <year> <name>'")
                continue
            }
            // Several holders (one copyright line each) are own material when each of them is.
            let isOwn = ownNames.contains(author) || author.components(separatedBy: ", ").allSatisfy(ownNames.contains)
            if !isOwn && (media.source ?? "").isEmpty {
                report("license.third-party-source", media, asset,
                       one: "third-party media '\(asset)' by \(author) names no source (Ursprungsort)",
                       many: { "\($0) third-party media by \(author) name no source (Ursprungsort)" },
                       hint: "add 'Source: <URL where the file was found>'")
            }
            if media.changes != nil, let family = media.license.flatMap(License.named)?.family, family.isNoDerivatives {
                report("license.nd-changed", media, asset,
                       one: "'\(asset)' is under a NoDerivatives licence (\(media.license!)) but marked as changed",
                       many: { "\($0) files are under a NoDerivatives licence (\(media.license!)) but marked as changed" },
                       hint: "use the unchanged original, or find material that allows adaptations")
            }
        }
        for key in order {
            guard let (found, assets, many) = causes[key] else { continue }
            var diagnostic = found
            if assets.count > 1 {
                diagnostic.message = many(assets.count)
                diagnostic.notes = assets.map { Diagnostic.Note(file: display($0), message: "affected by this licence entry") }
            }
            diagnostics.append(diagnostic)
        }
        var courseFindings: [Diagnostic] = []
        for course in site.courses { checkCourse(course, &courseFindings) }
        diagnostics += Self.merged(courseFindings)
    }

    func policyName(of course: Course) -> String {
        course.licensePolicy == site.licensePolicy ? "the site's licence policy" : "the licence policy of course '\(course.slug)'"
    }

    /// The policy that governs a published file: its course's when it lies in a course folder, else the site's.
    func policy(for asset: String) -> (LicensePolicy, String) {
        let parts = asset.split(separator: "/", maxSplits: 2)
        if parts.count == 3, parts[0] == "courses", let course = site.courses.first(where: { $0.slug == parts[1] }),
           course.licensePolicy != site.licensePolicy {
            return (course.licensePolicy, policyName(of: course))
        }
        return (site.licensePolicy, "the site's licence policy")
    }

    /// Where a course's licence was set: in course.yml, or in site.yml when the course inherits it (with a note
    /// at the course, so that several courses inheriting one licence make one finding).
    func licenseSetting(of course: Course) -> (file: String, line: Int, notes: [Diagnostic.Note]) {
        let courseFile = display(course.sourcePath)
        if let line = course.licenseLine { return (courseFile, line, []) }
        if let line = site.licenseLine, course.license == site.license {
            return (display("site.yml"), line, [Diagnostic.Note(file: courseFile, message: "course '\(course.title)' inherits this licence")])
        }
        return (courseFile, 1, [])
    }

    /// Findings with the same id, place and message become one, with all their notes.
    static func merged(_ findings: [Diagnostic]) -> [Diagnostic] {
        var result: [Diagnostic] = []
        var index: [String: Int] = [:]
        for finding in findings {
            let key = "\(finding.id)|\(finding.file)|\(finding.line ?? 0)|\(finding.column ?? 0)|\(finding.message)"
            if let at = index[key] {
                result[at].notes += finding.notes.filter { !result[at].notes.contains($0) }
            } else {
                index[key] = result.count
                result.append(finding)
            }
        }
        return result
    }

    private func checkCourse(_ course: Course, _ diagnostics: inout [Diagnostic]) {
        let policyName = policyName(of: course)
        let setting = licenseSetting(of: course)
        let courseLicense = License.named(course.license)
        let courseViolation = courseLicense.flatMap { violation(of: course.licensePolicy, by: $0) }
        if let license = courseLicense, let problem = courseViolation {
            var finding = Diagnostic(.error, id: "license.policy", file: setting.file, line: setting.line,
                                     message: "course licence \(license.name) \(problem) under \(policyName)",
                                     hint: "choose an allowed licence or change 'license_policy'")
            finding.notes = setting.notes
            diagnostics.append(finding)
        }
        for module in course.modules {
            let file = display(module.sourcePath)
            let line = module.licenseLine ?? 1
            let moduleLicense = License.named(module.license)
            // A module that inherits the course's licence shares the course's finding.
            let inherits = module.licenseLine == nil && module.license == course.license
            if !inherits, let license = moduleLicense, let problem = violation(of: course.licensePolicy, by: license) {
                diagnostics.append(Diagnostic(.error, id: "license.policy", file: file, line: line,
                                              message: "module licence \(license.name) \(problem) under \(policyName)",
                                              hint: "choose an allowed licence or change 'license_policy'"))
            }
            // Media embedded unchanged (collection): each keeps its licence, but the policy still applies.
            for link in module.outline.links where link.isImage {
                guard let target = link.target, let spdx = site.mediaLicenses[target]?.license, !MediaLicense.isExclusion(spdx),
                      let license = License.named(spdx), let problem = violation(of: course.licensePolicy, by: license) else { continue }
                diagnostics.append(Diagnostic(.error, id: "license.policy", file: file, line: link.line, column: link.column,
                                              message: "'\(target)' is licensed \(license.name), which \(problem) under \(policyName)",
                                              hint: "replace the medium or change 'license_policy'"))
            }
            checkAdaptation(module, moduleLicense: moduleLicense, course: course, &diagnostics)
        }
    }

    /// Adaptation: the module's own text is built on `based_on` works, so its licence must be one they allow.
    private func checkAdaptation(_ module: Module, moduleLicense: License?, course: Course, _ diagnostics: inout [Diagnostic]) {
        guard !module.basedOn.isEmpty else { return }
        let file = display(module.sourcePath)
        var families: [LicenseFamily] = []
        for work in module.basedOn {
            guard let spdx = work.attribution.license, let family = License.named(spdx)?.family else { continue }
            if family.isNoDerivatives {
                diagnostics.append(Diagnostic(.error, id: "license.adaptation", file: file, line: work.line,
                                              message: "'\(work.attribution.title)' is \(spdx): NoDerivatives material cannot be adapted",
                                              hint: "embed it unchanged as a medium instead of building on it, or ask for permission"))
                return
            }
            families.append(family)
        }
        guard let allowed = Compatibility.adaptation(of: families) else {
            diagnostics.append(Diagnostic(.error, id: "license.adaptation", file: file, line: module.basedOn[0].line,
                                          message: "the works in 'based_on' cannot be combined in one adaptation (\(families.map(\.rawValue).joined(separator: " + ")))",
                                          hint: "ShareAlike and NonCommercial material cannot meet; drop one of them"))
            return
        }
        let allowedNames = allowed.map(\.rawValue).sorted().joined(separator: " or ")
        if let family = moduleLicense?.family, !allowed.contains(family) {
            diagnostics.append(Diagnostic(.error, id: "license.adaptation", file: file, line: module.licenseLine ?? 1,
                                          message: "module is licensed \(moduleLicense!.name) but adapts material that requires \(allowedNames)",
                                          hint: "license the module \(allowedNames) (e.g. '\(suggestion(allowed))')"))
        }
        if let courseFamily = License.named(course.license)?.family, !allowed.contains(courseFamily) {
            let setting = licenseSetting(of: course)
            var finding = Diagnostic(.error, id: "license.course-more-open", file: setting.file, line: setting.line,
                                     message: "course licence \(License.named(course.license)!.name) is more open than its adapted part '\(module.title)' (\(allowedNames))",
                                     hint: "license the course \(allowedNames), or state per module which licence applies")
            finding.notes = setting.notes
            diagnostics.append(finding)
        }
    }

    private func suggestion(_ allowed: Set<LicenseFamily>) -> String {
        for family in [LicenseFamily.by, .bySA, .byNC, .byNCSA] where allowed.contains(family) {
            return "CC-\(family.rawValue)-4.0"
        }
        return "CC0-1.0"
    }

    /// Why a licence is not acceptable under a policy, or nil.
    func violation(of policy: LicensePolicy, by license: License) -> String? {
        if !policy.allowed.isEmpty {
            return policy.allowed.contains(license.spdx) ? nil : "is not allowed"
        }
        guard let family = license.family else { return nil }  // LicenseRef: a permission outside CC, not judged here
        if family.isNonCommercial && !policy.allowNonCommercial { return "(NonCommercial) is not allowed" }
        if family.isNoDerivatives && !policy.allowNoDerivatives { return "(NoDerivatives) is not allowed" }
        return nil
    }
}
