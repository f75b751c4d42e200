/// Everything written about one resource, computed once per build: the description and its AMB JSON and
/// Dublin Core, used both in the page head and in the files beside the page.
public struct ResourceRecords: Sendable {
    public let description: ResourceDescription
    /// The AMB JSON-LD as UTF-8 bytes (`AMB.json(for:)`).
    public let ambJSON: [UInt8]
    public let dublinCore: DublinCore

    public init(_ description: ResourceDescription) {
        self.description = description
        ambJSON = AMB.jsonUTF8(for: description)
        dublinCore = DublinCore(description)
    }

    /// The JSON-LD for a `<script>` element in the page.
    public var scriptJSON: String {
        var output: [UInt8] = []
        AMB.appendScriptJSON(ambJSON, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    public var oaiDC: String { OAIDC.record(dublinCore) }
}
