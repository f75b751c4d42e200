import Foundation
import MikaContent
import MikaLicensing

/// Site-wide files that let crawlers and harvesters find every resource: sitemap, robots.txt, a metadata
/// index, an Atom feed of courses and the optional OAI-PMH static repository.
public struct Discovery: Sendable {
    public var site: Site
    public var baseURL: String
    /// Every course and module, courses first within their course order.
    public var resources: [ResourceDescription]

    /// Nil without a base URL: all of these need absolute URLs.
    public init?(site: Site) {
        guard let baseURL = site.baseURL else { return nil }
        self.site = site
        self.baseURL = baseURL
        // Course by course on all cores (a description of every module of a large site took a tenth of a second),
        // each into its own slots of the list, in course order: gathering per-course lists copied every description
        // again, on one core.
        var starts: [Int] = []
        var total = 0
        for course in site.courses {
            starts.append(total)
            total += 1 + course.modules.count
        }
        resources = Array(unsafeUninitializedCapacity: total) { buffer, initialized in
            let slots = buffer
            DispatchQueue.concurrentPerform(iterations: site.courses.count) { index in
                let course = site.courses[index]
                let first = slots.baseAddress! + starts[index]
                first.initialize(to: ResourceDescription.course(course, site: site, base: baseURL))
                for (offset, module) in course.modules.enumerated() {
                    (first + 1 + offset).initialize(to: ResourceDescription.module(module, in: course, site: site, base: baseURL))
                }
            }
            initialized = total
        }
        // A closure, not a key path: a key path is read by the runtime, thousands of instructions a resource.
        latestDate = resources.compactMap { $0.dates.latest }.max()
    }

    /// Newest date of any resource, if any has one.
    let latestDate: String?

    public func sitemap() -> String {
        let writer = XMLWriter()
        writer.start("urlset", namespace: "http://www.sitemaps.org/schemas/sitemap/0.9")
        writer.start("url")
        writer.element("loc", baseURL)
        if let latestDate { writer.element("lastmod", latestDate) }
        writer.end()
        for resource in resources {
            writer.start("url")
            writer.element("loc", resource.url)
            if let date = resource.dates.latest { writer.element("lastmod", date) }
            writer.end()
        }
        writer.end()
        return writer.finish()
    }

    public func robots() -> String {
        "User-agent: *\nAllow: /\n\nSitemap: \(baseURL)sitemap.xml\n"
    }

    /// `metadata/index.json`: every resource with the URLs of its JSON-LD and OAI-DC records, written as it is read
    /// (`JSONWriter`, keys in sorted order).
    public func index() -> String {
        var json = JSONWriter(capacity: 400 * resources.count + 256)
        json.object { json in
            json.member("name", site.title)
            json.key("resources")  // `[]` for a site without courses
            json.array { json in
                for resource in resources {
                    json.item()
                    json.object { json in
                        json.member("dateModified", resource.dates.latest)
                        json.member("id", resource.url)
                        json.member("jsonld", resource.url + Self.jsonLDFile)
                        json.member("lom", resource.url + Self.lomFile)
                        json.member("name", resource.name)
                        json.member("oai_dc", resource.url + Self.oaiDCFile)
                        json.key("type")
                        AMB.types(resource.kind, to: &json)
                    }
                }
            }
            json.member("site", baseURL)
        }
        return String(decoding: json.finish(), as: UTF8.self)
    }

    /// File names written beside each page.
    public static let jsonLDFile = "amb.json"
    public static let oaiDCFile = "oai_dc.xml"
    public static let lomFile = "lom.xml"

    /// Atom feed (RFC 4287) with one entry per course.
    public func feed() -> String {
        let now = site.sourceDate
        let writer = XMLWriter()
        writer.start("feed", namespace: "http://www.w3.org/2005/Atom")
        writer.attribute("lang", site.language, prefix: "xml")
        writer.element("title", site.title)
        if let description = site.description { writer.element("subtitle", description) }
        writer.element("id", baseURL)
        link(writer, baseURL + "feed.xml", rel: "self", type: "application/atom+xml")
        link(writer, baseURL, rel: "alternate", type: "text/html")
        writer.element("updated", Self.atomDate(latestDate, now: now))
        writer.start("author")
        writer.element("name", site.publisher?.name ?? site.title)
        writer.end()
        if let license = License.named(site.license) { writer.element("rights", license.name) }
        for resource in resources where resource.kind == .course {
            writer.start("entry")
            writer.element("title", resource.name)
            writer.element("id", resource.url)
            link(writer, resource.url, rel: "alternate", type: "text/html")
            link(writer, resource.url + Self.jsonLDFile, rel: "describedby", type: "application/ld+json")
            writer.element("updated", Self.atomDate(resource.dates.latest ?? latestDate, now: now))
            if let published = resource.dates.published ?? resource.dates.created {
                writer.element("published", Self.atomDate(published, now: now))
            }
            for creator in resource.creators {
                writer.start("author")
                writer.element("name", creator.name)
                writer.end()
            }
            if let description = resource.description { writer.element("summary", description) }
            if let license = resource.license { writer.element("rights", license.name) }
            writer.end()
        }
        writer.end()
        return writer.finish()
    }

    private func link(_ writer: XMLWriter, _ href: String, rel: String, type: String) {
        writer.start("link")
        writer.attribute("rel", rel)
        writer.attribute("type", type)
        writer.attribute("href", href)
        writer.end()
    }

    /// `2026-03-01` → `2026-03-01T00:00:00Z`; the source date when the content has no dates at all.
    static func atomDate(_ day: String?, now: Date) -> String {
        if let day { return day + "T00:00:00Z" }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: now)
    }

    /// The static repository guidelines make a repository's baseURL the gateway's base URL followed by the file's
    /// URL without its scheme: `https://gw.example/oai/` + `campus.example.org/oai-pmh.xml`. Without a gateway it is
    /// the file's own URL (the file is then harvestable only once a gateway has registered it).
    public static func oaiBaseURL(file: String, gateway: String?) -> String {
        guard let gateway else { return file }
        let withoutScheme = file.range(of: "://").map { String(file[$0.upperBound...]) } ?? file
        return gateway + withoutScheme
    }

    /// An OAI-PMH Static Repository (one XML file with Identify, ListMetadataFormats and all oai_dc records)
    /// that a static repository gateway can serve to harvesters.
    public func staticRepository() -> String {
        let now = site.sourceDate
        let oai = "http://www.openarchives.org/OAI/2.0/"
        let staticNamespace = "http://www.openarchives.org/OAI/2.0/static-repository"
        let writer = XMLWriter()
        writer.start("Repository", namespace: staticNamespace)
        writer.attribute("oai", oai, prefix: "xmlns")
        writer.attribute("xsi", OAIDC.xsi, prefix: "xmlns")
        writer.attribute("schemaLocation",
                         "\(staticNamespace) http://www.openarchives.org/OAI/2.0/static-repository.xsd", prefix: "xsi")
        writer.start("Identify")
        writer.element("repositoryName", site.title, prefix: "oai")
        writer.element("baseURL", Self.oaiBaseURL(file: baseURL + "oai-pmh.xml", gateway: site.metadata.oaiGateway), prefix: "oai")
        writer.element("protocolVersion", "2.0", prefix: "oai")
        writer.element("adminEmail", site.contactEmail ?? "", prefix: "oai")
        let earliest = resources.compactMap { $0.dates.created ?? $0.dates.latest }.min()
        writer.element("earliestDatestamp", earliest ?? String(Self.atomDate(nil, now: now).prefix(10)), prefix: "oai")
        writer.element("deletedRecord", "no", prefix: "oai")
        writer.element("granularity", "YYYY-MM-DD", prefix: "oai")
        writer.end()
        writer.start("ListMetadataFormats")
        let formats = [("oai_dc", OAIDC.schemaLocation, OAIDC.namespace),
                       ("lom", "http://ltsc.ieee.org/xsd/lomv1.0/lom.xsd", LOMRecord.Dialect.ieee.namespace)]
        for (prefix, schema, namespace) in formats {
            writer.start("metadataFormat", prefix: "oai")
            writer.element("metadataPrefix", prefix, prefix: "oai")
            writer.element("schema", schema, prefix: "oai")
            writer.element("metadataNamespace", namespace, prefix: "oai")
            writer.end()
        }
        writer.end()
        let today = String(Self.atomDate(nil, now: now).prefix(10))
        for (prefix, _, _) in formats {
            writer.start("ListRecords")
            writer.attribute("metadataPrefix", prefix)
            for resource in resources {
                writer.start("record", prefix: "oai")
                writer.start("header", prefix: "oai")
                writer.element("identifier", resource.oaiIdentifier, prefix: "oai")
                writer.element("datestamp", resource.dates.latest ?? latestDate ?? today, prefix: "oai")
                writer.end()
                writer.start("metadata", prefix: "oai")
                if prefix == "lom" {
                    resource.lom.write(to: writer, dialect: .ieee, declareNamespace: true)
                } else {
                    OAIDC.write(DublinCore(resource), to: writer)
                }
                writer.end()
                writer.end()
            }
            writer.end()
        }
        writer.end()
        return writer.finish()
    }
}
