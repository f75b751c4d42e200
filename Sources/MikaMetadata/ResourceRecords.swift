/// Everything written about one resource, computed once per build: the description and its AMB JSON and
/// Dublin Core, used both in the page head and in the files beside the page.
public struct ResourceRecords: Sendable {
    public let description: ResourceDescription
    public let ambJSON: String
    public let dublinCore: DublinCore

    public init(_ description: ResourceDescription) {
        self.description = description
        ambJSON = AMB.json(for: description)
        dublinCore = DublinCore(description)
    }

    /// The JSON-LD for a `<script>` element in the page.
    public var scriptJSON: String { AMB.scriptJSON(ambJSON) }

    public var oaiDC: String { OAIDC.record(dublinCore) }
}
