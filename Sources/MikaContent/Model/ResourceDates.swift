/// Creation, publication and modification dates (`YYYY-MM-DD`), from front matter or else from git history.
public struct ResourceDates: Hashable, Sendable, Codable {
    public var created: String?
    public var published: String?
    public var modified: String?

    public init(created: String? = nil, published: String? = nil, modified: String? = nil) {
        self.created = created
        self.published = published
        self.modified = modified
    }

    /// Front matter values win; git fills the gaps (first commit = created, last commit = modified).
    func filled(from git: ResourceDates?) -> ResourceDates {
        ResourceDates(created: created ?? git?.created, published: published, modified: modified ?? git?.modified)
    }

    /// The newest of the three, for sitemaps and feeds.
    public var latest: String? { [created, published, modified].compactMap { $0 }.max() }
}
