import Foundation
import MikaLicensing

/// `site.yml` settings; the defaults that flow to courses and modules.
struct SiteSettings {
    var title: String
    var description: String?
    var baseURL: String?
    var language: String
    var publisher: Person?
    var license: String?
    var authors: [Person]
    var allowRawHTML: Bool
    var allowActiveMedia: Bool
    var oaiStaticRepository: Bool
    var datesFromGit: Bool
    var contactEmail: String?
    var licensePolicy: LicensePolicy
    var licensePolicyLine: Int?
    var diagnosticOverrides: [String: DiagnosticPolicy.Level] = [:]
    var packages = PackageSettings()
    var cleanURLs = false
    var legalPages: [LegalPage] = []
    var logo: String?
    var favicon: String?
    var analytics: AnalyticsSettings?
    var toolAssessmentMaxAge = 12
    var licenseLine: Int?
    var metadata = MetadataSettings()
}

extension ContentLoader {
    static let siteKeys = ["title", "description", "base_url", "language", "publisher", "license", "licence",
                           "authors", "allow_raw_html", "allow_active_media", "oai_static_repository", "dates_from_git", "contact_email", "license_policy", "diagnostics",
                           "packages", "package_size_limit", "clean_urls", "impressum", "datenschutz",
                           "barrierefreiheit", "logo", "favicon", "analytics", "tool_assessment_max_age",
                           "source_organization", "amb_context", "oai_gateway"]

    func loadSiteSettings(diagnostics: inout [Diagnostic]) -> SiteSettings? {
        let file = display("site.yml")
        guard source.modificationTime(of: "site.yml") != nil else {
            diagnostics.append(Diagnostic(.error, id: "site.missing", file: file,
                                          message: "site.yml not found",
                                          hint: "create site.yml with at least 'title:' and 'language: de'"))
            return nil
        }
        guard let text = read("site.yml", diagnostics: &diagnostics),
              let reader = FieldReader.parse(text, file: file, lineOffset: 0, what: "site.yml",
                                             diagnostics: &diagnostics) else { return nil }
        defer { diagnostics += reader.diagnostics }
        let title = reader.string("title", required: true, what: "site.yml")
        var baseURL = reader.string("base_url")
        if let url = baseURL {
            if Self.isAbsoluteWebURL(url) {
                baseURL = Self.withTrailingSlash(url)
            } else {
                reader.report(.error, "site.invalid-base-url", at: reader.node("base_url"),
                              "base_url '\(url)' is not an absolute http(s) URL",
                              hint: "write e.g. 'base_url: https://campus.example.org/'")
                baseURL = nil
            }
        }
        let publisher = reader.people("publisher")?.first
        var settings = SiteSettings(
            title: title ?? "", description: reader.string("description"), baseURL: baseURL,
            language: reader.string("language") ?? "de", publisher: publisher,
            license: license(from: reader), authors: reader.people("authors") ?? [],
            allowRawHTML: reader.bool("allow_raw_html") ?? false,
            allowActiveMedia: reader.bool("allow_active_media") ?? false,
            oaiStaticRepository: reader.bool("oai_static_repository") ?? false,
            datesFromGit: reader.bool("dates_from_git") ?? true,
            contactEmail: reader.string("contact_email"),
            licensePolicy: licensePolicy(from: reader) ?? .oer,
            licensePolicyLine: reader.has("license_policy") ? reader.keyLocation("license_policy").line : nil)
        settings.diagnosticOverrides = diagnosticOverrides(reader)
        settings.cleanURLs = reader.bool("clean_urls") ?? false
        settings.legalPages = legalPages(reader)
        settings.logo = reader.string("logo")
        settings.favicon = reader.string("favicon")
        settings.packages = PackageSettings(formats: packageFormats(reader) ?? PackageFormat.allCases,
                                            sizeLimit: packageSizeLimit(reader),
                                            sizeLimitLocation: reader.has("package_size_limit")
                                                ? reader.keyLocation("package_size_limit") : nil)
        settings.analytics = analytics(reader, baseURL: baseURL, title: title ?? "")
        settings.toolAssessmentMaxAge = reader.int("tool_assessment_max_age", range: 1...120) ?? 12
        settings.licenseLine = reader.firstPresent(["license", "licence"]).map { reader.keyLocation($0).line }
        settings.metadata = metadataSettings(reader)
        if settings.oaiStaticRepository && (settings.contactEmail == nil || settings.baseURL == nil) {
            reader.report(.error, "site.oai-needs-contact", at: reader.keyNode("oai_static_repository"),
                          "an OAI-PMH static repository needs 'contact_email' and 'base_url'",
                          hint: "add 'contact_email: oer@example.org' and 'base_url: https://…/' to site.yml")
        }
        if settings.oaiStaticRepository && settings.metadata.oaiGateway == nil && !reader.has("oai_gateway") {
            reader.report(.warning, "site.oai-gateway-missing", at: reader.keyNode("oai_static_repository"),
                          "oai-pmh.xml names no static repository gateway, so harvesters cannot reach it through OAI-PMH",
                          hint: "register the file with a gateway and add 'oai_gateway: https://…/' (its base URL); see README, 'OAI-PMH'")
        }
        if let email = settings.contactEmail, !email.contains("@") {
            reader.report(.error, "site.invalid-email", at: reader.node("contact_email"), "'\(email)' is not an e-mail address")
        }
        reader.finish(known: Self.siteKeys, what: "site.yml")
        return title == nil ? nil : settings
    }

    /// An http(s) URL with a host.
    static func isAbsoluteWebURL(_ text: String) -> Bool {
        guard let components = URLComponents(string: text) else { return false }
        return ["http", "https"].contains(components.scheme ?? "") && components.host?.isEmpty == false
    }

    /// `source_organization`, `amb_context: released|draft` and `oai_gateway` (an absolute http(s) URL).
    func metadataSettings(_ reader: FieldReader) -> MetadataSettings {
        var metadata = MetadataSettings()
        metadata.sourceOrganizations = (reader.people("source_organization") ?? []).map { organization in
            var asOrganization = organization
            asOrganization.kind = .organization
            return asOrganization
        }
        if let context = reader.string("amb_context") {
            switch context.lowercased() {
            case "released", "release": metadata.ambContext = .released
            case "draft": metadata.ambContext = .draft
            default:
                reader.report(.error, "field.unknown-value", at: reader.node("amb_context"), "unknown amb_context '\(context)'",
                              hint: "write 'amb_context: released' (the default) or 'amb_context: draft' for harvesters that still load the draft context",
                              replacingWith: NearMiss.bestMatch(for: context.lowercased(), in: ["released", "draft"]))
            }
        }
        if let gateway = reader.string("oai_gateway") {
            if Self.isAbsoluteWebURL(gateway), !gateway.contains("?"), !gateway.contains("#") {
                metadata.oaiGateway = Self.withTrailingSlash(gateway)
            } else {
                reader.report(.error, "site.invalid-oai-gateway", at: reader.node("oai_gateway"),
                              "oai_gateway '\(gateway)' is not the base URL of a static repository gateway",
                              hint: "write the gateway's http(s) address without '?' or '#', e.g. 'oai_gateway: https://gateway.example.org/oai/'")
            }
        }
        return metadata
    }

    /// Reads `license` (or `licence`) and checks it is a known SPDX id or a `LicenseRef-`.
    func license(from reader: FieldReader) -> String? {
        guard let key = reader.firstPresent(["license", "licence"]), let value = reader.string(key) else { return nil }
        if let known = License.named(value) { return known.spdx }
        reader.report(.error, "license.unknown", at: reader.node(key), "unknown licence '\(value)'",
                      hint: Self.unknownLicenseHint(value))
        return nil
    }

    /// "did you mean …?" for a misspelt SPDX id, else how licences are written.
    static func unknownLicenseHint(_ id: String) -> String {
        // A Creative Commons licence in a version that does not exist: name the newest version of the same licence.
        let parts = id.uppercased().split(separator: "-")
        if parts.first == "CC", let versionIndex = parts.firstIndex(where: { $0.first?.isNumber == true }), versionIndex > 1 {
            let elements = parts[1..<versionIndex].joined(separator: "-")
            let newest = License.knownIdentifiers.filter { known in
                let knownParts = known.uppercased().split(separator: "-")
                guard let index = knownParts.firstIndex(where: { $0.first?.isNumber == true }) else { return false }
                return knownParts.count == index + 1 && knownParts.first == "CC" && knownParts[1..<index].joined(separator: "-") == elements
            }.max { ($0.split(separator: "-").last.flatMap { Double($0) } ?? 0) < ($1.split(separator: "-").last.flatMap { Double($0) } ?? 0) }
            let version = parts[versionIndex].contains(".") ? String(parts[versionIndex]) : parts[versionIndex] + ".0"
            let written = (["CC", elements, version] + parts[(versionIndex + 1)...].map(String.init)).joined(separator: "-")
            if let exact = License.named(written) {
                return "did you mean '\(exact.spdx)'? Licences are SPDX ids such as CC-BY-SA-4.0, CC-BY-4.0, CC0-1.0"
            }
            if let newest {
                return "there is no CC \(elements) \(parts[versionIndex...].joined(separator: " ")); did you mean '\(newest)' (the newest version)?"
            }
        }
        return NearMiss.bestMatch(for: id, in: License.knownIdentifiers).map {
            "did you mean '\($0)'? Licences are SPDX ids such as CC-BY-SA-4.0, CC-BY-4.0, CC0-1.0"
        } ?? "use an SPDX id such as CC-BY-SA-4.0, CC-BY-4.0, CC0-1.0, or LicenseRef-…"
    }

    /// `license_policy: {allowed: [SPDX ids], allow_nc: false, allow_nd: false}`.
    func licensePolicy(from reader: FieldReader) -> LicensePolicy? {
        guard let node = reader.node("license_policy") else { return nil }
        guard let mapping = node.mapping else {
            reader.report(.error, "license.policy-syntax", at: node, "'license_policy' must be a mapping",
                          hint: "write 'license_policy:' with 'allowed: [CC0-1.0, CC-BY-4.0, CC-BY-SA-4.0]' below it")
            return nil
        }
        let policyReader = FieldReader(mapping: mapping, file: reader.file, lineOffset: reader.lineOffset)
        var allowed: [String] = []
        for id in policyReader.stringList("allowed") {
            if let known = License.named(id) { allowed.append(known.spdx) } else {
                policyReader.report(.error, "license.unknown", at: policyReader.node("allowed"), "unknown licence '\(id)'",
                                    hint: Self.unknownLicenseHint(id))
            }
        }
        let policy = LicensePolicy(allowed: allowed, allowNonCommercial: policyReader.bool("allow_nc") ?? false,
                                   allowNoDerivatives: policyReader.bool("allow_nd") ?? false,
                                   allowExcluded: allowExcluded(policyReader))
        policyReader.finish(known: ["allowed", "allow_nc", "allow_nd", "allow_excluded"], what: "license_policy")
        reader.absorb(policyReader)
        return policy
    }

    /// `allow_excluded: true` (every file) or a list of globs of the content folder (`media/logos/*`).
    private func allowExcluded(_ reader: FieldReader) -> [String] {
        guard let node = reader.node("allow_excluded") else { return [] }
        if node.sequence == nil {
            guard let allowed = reader.bool("allow_excluded") else { return [] }
            return allowed ? ["**"] : []
        }
        return reader.stringList("allow_excluded")
    }

    /// `date_created`, `date_published`, `date_modified` as `YYYY-MM-DD`.
    func dates(from reader: FieldReader) -> ResourceDates {
        ResourceDates(created: date(reader, "date_created"), published: date(reader, "date_published"),
                      modified: date(reader, "date_modified"))
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    func date(_ reader: FieldReader, _ key: String) -> String? {
        guard let value = reader.string(key) else { return nil }
        let isForm = value.utf8.count == 10 && value.utf8.enumerated().allSatisfy { index, byte in
            index == 4 || index == 7 ? byte == UInt8(ascii: "-") : (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        let parts = value.split(separator: "-").compactMap { Int($0) }
        let isDate = isForm && parts.count == 3 && (1...12).contains(parts[1])
            && (1...Self.daysIn(month: parts[1], year: parts[0])).contains(parts[2])
        guard isDate else {
            reader.report(.error, "field.invalid-date", at: reader.node(key), "'\(value)' is not a date",
                          hint: "write the date as YYYY-MM-DD, e.g. 2026-03-01")
            return nil
        }
        return value
    }

    /// `diagnostics:` — per-id severities: `a11y.link-text: error`, `markdown.raw-html: ignore`.
    func diagnosticOverrides(_ reader: FieldReader) -> [String: DiagnosticPolicy.Level] {
        guard let node = reader.node("diagnostics") else { return [:] }
        guard let mapping = node.mapping else {
            reader.report(.error, "field.not-text", at: node, "'diagnostics' must be a mapping of ids to levels",
                          hint: "write e.g. 'diagnostics: {a11y.link-text: error}'")
            return [:]
        }
        var overrides: [String: DiagnosticPolicy.Level] = [:]
        let ids = DiagnosticRegistry.all.map(\.id)
        for (key, value) in mapping {
            guard let id = key.string else { continue }
            guard let kind = DiagnosticRegistry.kind(id) else {
                reader.report(.warning, "diagnostics.unknown-id", at: key, "unknown diagnostic '\(id)'",
                              hint: NearMiss.hint(for: id, allowed: ids))
                continue
            }
            guard let text = value.string, let level = DiagnosticPolicy.Level(rawValue: text.lowercased()) else {
                reader.report(.error, "field.unknown-value", at: value, "unknown level '\(value.string ?? "")'",
                              hint: "use error, warning, note or ignore")
                continue
            }
            guard kind.adjustable else {
                reader.report(.warning, "diagnostics.not-adjustable", at: key, "'\(id)' stops the content from being read and stays an error",
                              hint: "fix the problem instead; check rules and warnings can be changed")
                continue
            }
            overrides[id] = level
        }
        return overrides
    }
}

extension ContentLoader {
    /// `packages: false`, `true`, or a list of formats (`[scorm12, scorm2004, cc]`); nil when absent or invalid.
    func packageFormats(_ reader: FieldReader) -> [PackageFormat]? {
        guard let node = reader.node("packages") else { return nil }
        if node.sequence == nil {
            switch node.string?.lowercased() {
            case "true", "yes", "ja", "on": return PackageFormat.allCases
            case "false", "no", "nein", "off": return []
            default: break
            }
        }
        var formats: [PackageFormat] = []
        for item in node.sequence ?? [node] {
            let text = item.string ?? ""
            if let format = PackageFormat(rawValue: text.lowercased().replacingOccurrences(of: ".", with: "")
                                            .replacingOccurrences(of: " ", with: "")) {
                if !formats.contains(format) { formats.append(format) }
            } else {
                reader.report(.error, "packages.unknown-format", at: item, "unknown package format '\(text)'",
                              hint: "write 'packages: [scorm12, scorm2004, cc]', a part of that list, or 'packages: false'",
                              replacingWith: NearMiss.bestMatch(for: text, in: PackageFormat.authorValues))
                return nil
            }
        }
        return PackageFormat.allCases.filter(formats.contains)
    }

    /// `analytics: false`, `true` (the default), or `analytics: { salt: … }`.
    func analytics(_ reader: FieldReader, baseURL: String?, title: String) -> AnalyticsSettings? {
        let key = AnalyticsSettings.key(baseURL: baseURL, title: title)
        guard let node = reader.node("analytics") else { return AnalyticsSettings(key: key) }
        if let mapping = node.mapping {
            var salt: String?
            for (name, value) in mapping {
                if name.string == "salt", let text = value.string?.trimmingSpaces, !text.isEmpty {
                    salt = text
                } else {
                    reader.report(.error, "site.invalid-analytics", at: name, "unknown analytics setting '\(name.string ?? "")'",
                                  hint: "write 'analytics: false', 'analytics: true' or 'analytics: { salt: <a secret word> }'")
                }
            }
            return AnalyticsSettings(key: key, salt: salt)
        }
        switch node.string?.lowercased() {
        case "true", "yes", "ja", "on": return AnalyticsSettings(key: key)
        case "false", "no", "nein", "off": return nil
        default:
            reader.report(.error, "site.invalid-analytics", at: node, "'analytics' must be true, false or a mapping with 'salt'",
                          hint: "write 'analytics: false' to leave the learning beacon out")
            return AnalyticsSettings(key: key)
        }
    }

    /// `package_size_limit: 20 MB` (also KB, GB, or plain bytes) in bytes.
    func packageSizeLimit(_ reader: FieldReader) -> Int? {
        guard let text = reader.string("package_size_limit") else { return nil }
        let units: [(String, Double)] = [("gb", 1_000_000_000), ("mb", 1_000_000), ("kb", 1_000), ("b", 1)]
        var number = text.lowercased().replacingOccurrences(of: " ", with: "")
        var factor = 1.0
        for (unit, size) in units where number.hasSuffix(unit) {
            number.removeLast(unit.count)
            factor = size
            break
        }
        if let value = Double(number.replacingOccurrences(of: ",", with: ".")), value > 0, value * factor < 1e15 {
            return Int(value * factor)
        }
        reader.report(.error, "packages.invalid-size-limit", at: reader.node("package_size_limit"),
                      "'\(text)' is not a size", hint: "write e.g. 'package_size_limit: 20 MB'")
        return nil
    }
}

extension ContentLoader {
    /// `impressum:`, `datenschutz:`, `barrierefreiheit:`: a web address of an existing page, or a mapping of facts
    /// for a generated one. A missing one is written from what site.yml states, with a warning.
    func legalPages(_ reader: FieldReader) -> [LegalPage] {
        LegalPage.Kind.allCases.map { kind in
            let key = kind.rawValue
            guard let node = reader.node(key) else {
                reader.report(.warning, "site.legal-page-missing", at: nil,
                              "site.yml gives no '\(key)'; mika writes the page from the site's publisher and contact address only",
                              hint: "add '\(key): https://…' (an existing page) or its facts (\(kind.keys.joined(separator: ", "))); German sites must have it")
                return LegalPage(kind: kind)
            }
            if node.mapping == nil {
                return LegalPage(kind: kind, url: reader.webURL(key))
            }
            let factsReader = FieldReader(mapping: node.mapping!, file: reader.file, lineOffset: reader.lineOffset)
            var facts: [String: [String]] = [:]
            for fact in kind.keys where factsReader.has(fact) {
                let values = factsReader.stringList(fact)
                if !values.isEmpty { facts[fact] = values }
            }
            factsReader.finish(known: kind.keys, what: "'\(key)'")
            reader.absorb(factsReader)
            return LegalPage(kind: kind, facts: facts)
        }
    }
}
