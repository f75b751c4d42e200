import MikaContent
import Mustache

/// Impressum, Datenschutzerklärung or Erklärung zur Barrierefreiheit, written from the facts in site.yml and
/// from what mika knows of the site (no cookies, no requests to other hosts, two-click embeds).
struct LegalPageContext: TemplateFields {
    var page: PageInfo
    var title: String
    var sections: [Section]

    /// A fact; e-mail addresses and web addresses are links.
    struct Fact: TemplateFields {
        var term: String
        var value: String
        var link: String?

        init(term: String, value: String) {
            self.term = term
            self.value = value
            if value.hasPrefix("https://") || value.hasPrefix("http://") {
                link = value
            } else if value.contains("@"), !value.contains(" "), !value.contains(",") {
                link = "mailto:" + value
            }
        }

        static let fields = FieldTable<Fact>([
            "term": { $0.term.templateValue },
            "value": { $0.value.templateValue },
            "link": { $0.link.templateValue },
        ])
    }

    struct Section: TemplateFields {
        var heading: String?
        var paragraphs: [String]
        var facts: [Fact]
        var hasFacts: Bool
        var items: [String]
        var hasItems: Bool

        init(heading: String? = nil, paragraphs: [String] = [], facts: [Fact] = [], items: [String] = []) {
            self.heading = heading
            self.paragraphs = paragraphs
            self.facts = facts
            hasFacts = !facts.isEmpty
            self.items = items
            hasItems = !items.isEmpty
        }

        static let fields = FieldTable<Section>([
            "heading": { $0.heading.templateValue },
            "paragraphs": { $0.paragraphs.templateValue },
            "facts": { $0.facts.templateValue },
            "hasFacts": { $0.hasFacts.templateValue },
            "items": { $0.items.templateValue },
            "hasItems": { $0.hasItems.templateValue },
        ])
    }

    init(_ legal: LegalPage, site: Site, resolver: LinkResolver, t: UIStrings) {
        title = t.text("legal_title_" + legal.kind.rawValue)
        page = PageInfo(title: title, description: nil, language: site.language, site: site, directory: legal.kind.path,
                        resolver: resolver, t: t)
        var facts = legal.facts
        // What site.yml says anyway fills the gaps.
        if let publisher = site.publisher?.name {
            if legal.kind == .impressum, facts["name"] == nil { facts["name"] = [publisher] }
            if legal.kind == .datenschutz, facts["controller"] == nil { facts["controller"] = [publisher] }
        }
        if let email = site.contactEmail {
            for key in ["email", "contact"] where legal.kind.keys.contains(key) && facts[key] == nil { facts[key] = [email] }
        }
        func factList(_ keys: [String]) -> [Fact] {
            keys.compactMap { key in
                facts[key].map { Fact(term: t.text("legal_fact_" + key), value: $0.joined(separator: ", ")) }
            }
        }
        switch legal.kind {
        case .impressum:
            sections = [Section(paragraphs: [t.text("impressum_intro")],
                                facts: factList(["name", "address", "email", "phone", "responsible", "register", "vat_id"]))]
        case .datenschutz:
            sections = [
                Section(heading: t.text("privacy_controller"), facts: factList(["controller", "address", "email", "dpo"])),
                Section(heading: t.text("privacy_what"),
                        paragraphs: [t.text(site.analytics == nil ? "privacy_no_tracking" : "privacy_no_tracking_beacon"),
                                     t.text("privacy_embeds"), t.text("privacy_local")]),
            ]
            if site.analytics != nil {
                sections.append(Section(heading: t.text("privacy_analytics"),
                                        paragraphs: [t.text("privacy_analytics_text"), t.text("privacy_analytics_optin"),
                                                     t.text("privacy_analytics_lms"), t.text("privacy_analytics_object")],
                                        items: ["privacy_analytics_item_page", "privacy_analytics_item_time",
                                                "privacy_analytics_item_progress", "privacy_analytics_item_quiz",
                                                "privacy_analytics_item_links"].map { t.text($0) }))
            }
            sections += [
                Section(heading: t.text("privacy_logs"),
                        paragraphs: [t.text("privacy_logs_text")], facts: factList(["hoster", "log_retention"])),
                Section(heading: t.text("privacy_rights"), paragraphs: [t.text("privacy_rights_text")]),
            ]
        case .barrierefreiheit:
            let status = facts["status"]?.first ?? t.text("accessibility_status_default")
            sections = [
                Section(paragraphs: [t.text("accessibility_intro", ["site": site.title]),
                                     t.text("accessibility_status", ["status": status])]),
                Section(heading: t.text("accessibility_issues"), paragraphs: facts["issues"] == nil ? [t.text("accessibility_no_issues")] : [],
                        items: facts["issues"] ?? []),
                Section(heading: t.text("accessibility_feedback"), paragraphs: [t.text("accessibility_feedback_text")],
                        facts: factList(["contact", "date"])),
                Section(heading: t.text("accessibility_enforcement"), paragraphs: [t.text("accessibility_enforcement_text")],
                        facts: factList(["enforcement"])),
            ]
        }
    }

    static let fields = FieldTable<LegalPageContext>([
        "page": { $0.page.templateValue },
        "t": { $0.page.t.templateValue },
        "title": { $0.title.templateValue },
        "sections": { $0.sections.templateValue },
    ])
}
