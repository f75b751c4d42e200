import MikaContent
import MikaLicensing
import Mustache

/// A tool as a card of the catalogue and the head of its page: name, purpose, badges, and the values the
/// catalogue's filters read (`data-*`).
struct ToolCard: TemplateFields {
    var id: String
    var name: String
    var purpose: String?
    /// The tool's own address ("Zum Tool").
    var url: String?
    /// Its page in the site.
    var pageURL: String
    var logo: String?
    var badges: [Badge]
    /// Space-separated filter values.
    var categories: String
    var cost: String
    var account: String
    var location: String
    var steps: String

    init(tool: Tool, site: Site, directory: String, resolver: LinkResolver, t: UIStrings) {
        id = tool.id
        name = tool.name
        purpose = tool.purpose
        url = tool.url
        pageURL = resolver.url(of: tool.urlPath, from: directory)
        logo = tool.logo.map { resolver.url(of: SitePaths.asset($0), from: directory) }
        badges = ToolCard.badges(tool, t: t)
        categories = tool.categories.joined(separator: " ")
        cost = tool.cost?.rawValue ?? ""
        account = tool.accountNeeded.map { $0 ? "ja" : "nein" } ?? ""
        location = tool.dataLocation?.rawValue ?? ""
        steps = tool.steps.map(\.rawValue).joined(separator: " ")
    }

    /// Cost, account, data location, open source: words on the badge, not colour alone.
    static func badges(_ tool: Tool, t: UIStrings) -> [Badge] {
        var badges: [Badge] = []
        if let cost = tool.cost { badges.append(Badge(label: t.text("tool_cost_" + cost.rawValue), kind: "cost-" + cost.rawValue)) }
        if let needed = tool.accountNeeded {
            badges.append(Badge(label: t.text(needed ? "tool_account_needed" : "tool_no_account"), kind: needed ? "account" : "no-account"))
        }
        if let location = tool.dataLocation {
            badges.append(Badge(label: t.text("tool_location_" + location.rawValue), kind: "location-" + location.rawValue))
        }
        if let open = tool.isOpenSource, open { badges.append(Badge(label: t.text("tool_open_source"), kind: "open-source")) }
        return badges
    }

    static let fields = FieldTable<ToolCard>([
        "id": { $0.id.templateValue },
        "name": { $0.name.templateValue },
        "purpose": { $0.purpose.templateValue },
        "url": { $0.url.templateValue },
        "pageURL": { $0.pageURL.templateValue },
        "logo": { $0.logo.templateValue },
        "badges": { $0.badges.templateValue },
        "categories": { $0.categories.templateValue },
        "cost": { $0.cost.templateValue },
        "account": { $0.account.templateValue },
        "location": { $0.location.templateValue },
        "steps": { $0.steps.templateValue },
    ])
}

/// `werkzeuge/<id>/`: a tool's facts, the link to it, and the click-guides and modules that use it.
struct ToolPageContext: TemplateFields {
    var page: PageInfo
    var breadcrumb: [Crumb]
    var tool: ToolCard
    var facts: [CourseContext.Fact]
    var assessment: String?
    var guides: [NavLink]
    var hasGuides: Bool

    init(tool: Tool, site: Site, resolver: LinkResolver, t: UIStrings) {
        let directory = tool.urlPath
        page = PageInfo(title: tool.name, description: tool.purpose, language: site.language, site: site, directory: directory,
                        resolver: resolver, t: t)
        breadcrumb = [Crumb(title: t.text("home"), url: page.home), Crumb(title: t.text("tools_title"),
                      url: resolver.url(of: SitePaths.toolCatalogue, from: directory)), Crumb(title: tool.name, url: nil)]
        self.tool = ToolCard(tool: tool, site: site, directory: directory, resolver: resolver, t: t)
        let license = tool.license.map { License.named($0)?.name ?? $0 }
        var facts: [(String, String?)] = [
            (t.text("tool_purpose"), tool.purpose),
            (t.text("tool_cost"), tool.cost.map { t.text("tool_cost_" + $0.rawValue) }),
            (t.text("tool_account"), tool.accountNeeded.map { needed in
                tool.accountNote ?? t.text(needed ? "tool_account_needed" : "tool_no_account") }),
            (t.text("tool_location"), tool.dataLocation.map { t.text("tool_location_" + $0.rawValue) }),
            (t.text("tool_provider"), [tool.provider, tool.providerCountry].compactMap { $0 }.joined(separator: ", ")),
            (t.text("tool_accessibility"), tool.accessibility),
            (t.text("tool_offline"), tool.offline.map { t.text($0 ? "word_yes" : "word_no") }),
            (t.text("tool_self_hosting"), tool.selfHosting.map { t.text($0 ? "word_yes" : "word_no") }),
            (t.text("tool_license"), license),
            (t.text("tool_steps"), tool.steps.isEmpty ? nil : tool.steps.map(\.label).joined(separator: ", ")),
        ]
        facts = facts.filter { $0.1?.isEmpty == false }
        self.facts = facts.map { CourseContext.Fact(term: $0.0, value: $0.1!) }
        assessment = tool.assessment.map { assessment in
            t.text("tool_assessment_" + assessment.rating.rawValue) + (assessment.note.map { ": " + $0 } ?? "")
                + (assessment.date.map { " (" + t.text("tool_assessed_on", ["date": $0]) + ")" } ?? "")
        }
        guides = site.courses.flatMap { course in
            course.modules.filter { $0.tool?.id == tool.id }.map {
                NavLink(title: "\($0.title) (\(course.title))", url: resolver.url(of: $0.urlPath, from: directory))
            }
        }
        hasGuides = !guides.isEmpty
    }

    static let fields = FieldTable<ToolPageContext>([
        "page": { $0.page.templateValue },
        "t": { $0.page.t.templateValue },
        "breadcrumb": { $0.breadcrumb.templateValue },
        "tool": { $0.tool.templateValue },
        "facts": { $0.facts.templateValue },
        "assessment": { $0.assessment.templateValue },
        "guides": { $0.guides.templateValue },
        "hasGuides": { $0.hasGuides.templateValue },
    ])
}

/// `werkzeuge/`: every tool as a card, with filters by purpose, cost, account, data location and step.
struct ToolCatalogueContext: TemplateFields {
    struct Option: TemplateFields {
        var value: String
        var label: String

        static let fields = FieldTable<Option>([
            "value": { $0.value.templateValue },
            "label": { $0.label.templateValue },
        ])
    }

    var page: PageInfo
    var breadcrumb: [Crumb]
    var tools: [ToolCard]
    var count: Int
    var categories: [Option]
    var hasCategories: Bool
    var costs: [Option]
    var locations: [Option]
    var steps: [Option]

    init(site: Site, resolver: LinkResolver, t: UIStrings) {
        let directory = SitePaths.toolCatalogue
        page = PageInfo(title: t.text("tools_title"), description: t.text("tools_intro"), language: site.language, site: site,
                        directory: directory, resolver: resolver, t: t)
        page.scripts.append(page.root + "assets/catalogue.js")
        breadcrumb = [Crumb(title: t.text("home"), url: page.home), Crumb(title: t.text("tools_title"), url: nil)]
        tools = site.tools.map { ToolCard(tool: $0, site: site, directory: directory, resolver: resolver, t: t) }
        count = tools.count
        let usedCategories = Set(site.tools.flatMap(\.categories))
        categories = usedCategories.sorted().map { Option(value: $0, label: t.text("tool_category_" + $0.replacingOccurrences(of: "-", with: "_"))) }
        hasCategories = !categories.isEmpty
        costs = Tool.Cost.allCases.filter { cost in site.tools.contains { $0.cost == cost } }
            .map { Option(value: $0.rawValue, label: t.text("tool_cost_" + $0.rawValue)) }
        locations = Tool.DataLocation.allCases.filter { location in site.tools.contains { $0.dataLocation == location } }
            .map { Option(value: $0.rawValue, label: t.text("tool_location_" + $0.rawValue)) }
        steps = ActionStep.allCases.filter { step in site.tools.contains { $0.steps.contains(step) } }
            .map { Option(value: $0.rawValue, label: $0.label) }
    }

    static let fields = FieldTable<ToolCatalogueContext>([
        "page": { $0.page.templateValue },
        "t": { $0.page.t.templateValue },
        "breadcrumb": { $0.breadcrumb.templateValue },
        "tools": { $0.tools.templateValue },
        "count": { $0.count.templateValue },
        "categories": { $0.categories.templateValue },
        "hasCategories": { $0.hasCategories.templateValue },
        "costs": { $0.costs.templateValue },
        "locations": { $0.locations.templateValue },
        "steps": { $0.steps.templateValue },
    ])
}
