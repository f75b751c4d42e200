/// A heading of a rendered document, with the id its HTML carries.
public struct MarkdownHeading: Hashable, Sendable, Codable {
    public var level: Int
    public var text: String
    public var id: String
    /// 1-based line in the Markdown text.
    public var line: Int
}

/// A link or image destination found in the Markdown, before rewriting.
public struct MarkdownLink: Hashable, Sendable {
    public var destination: String
    public var isImage: Bool
    /// Alt text for images, link text for links.
    public var text: String
    /// 1-based line in the Markdown text.
    public var line: Int
    /// 1-based byte column where cmark saw the link start (0 when unknown); where to look for the destination.
    public var startByteColumn: Int = 0
    /// An image in raw HTML with `alt=""`: decorative by the author's explicit choice.
    public var isExplicitlyDecorative = false
    /// The address as written in the source, when that differs from `destination` (raw HTML with character
    /// references); what the loader looks for to give a column.
    public var sourceText: String?
}

/// A fenced code block whose info string a hook claimed (e.g. ```quiz).
public struct FencedBlock: Hashable, Sendable {
    public var info: String
    public var content: String
    /// 1-based line of the opening fence.
    public var line: Int
}

/// What the renderer produced: HTML plus an outline of headings and links.
public struct RenderedMarkdown: Sendable {
    /// The HTML as UTF-8 bytes, as cmark wrote it (a `String` would validate every byte again).
    public var htmlUTF8: [UInt8]
    public var html: String { String(decoding: htmlUTF8, as: UTF8.self) }
    public var headings: [MarkdownHeading]
    public var links: [MarkdownLink]
    /// Lines where raw HTML was found and shown as text (only when raw HTML is not allowed).
    public var escapedHTMLLines: [Int] = []
    /// Raw HTML written by the author, with its line (whether it was escaped or passed through).
    public var rawHTML: [(line: Int, html: String)] = []
    /// Tables, with the line of the header row and whether every header cell is empty.
    public var tables: [(line: Int, headerIsEmpty: Bool)] = []
    /// Items of ordered lists at the top level of the document (the steps of a click-guide), with their line and
    /// whether they hold text besides images.
    public var steps: [(line: Int, hasText: Bool)] = []
}

/// Hooks the caller uses to rewrite links and replace fenced blocks while rendering.
public struct MarkdownHooks {
    /// Returns the new destination for a link or image, or nil to keep it.
    public var rewriteDestination: (MarkdownLink) -> String?
    /// Info strings handled by `renderFencedBlock`.
    public var claimedFenceInfos: Set<String>
    /// Returns raw HTML to put in place of a claimed fenced block.
    public var renderFencedBlock: (FencedBlock) -> String
    /// For an image that stands alone in its paragraph (after rewriting): HTML to use instead of the paragraph,
    /// e.g. a `<figure>` with the attribution or a `<video>` with captions; nil keeps the image.
    public var replaceStandaloneImage: (MarkdownLink, _ destination: String) -> String? = { _, _ in nil }

    public init(rewriteDestination: @escaping (MarkdownLink) -> String? = { _ in nil },
                claimedFenceInfos: Set<String> = [],
                renderFencedBlock: @escaping (FencedBlock) -> String = { _ in "" }) {
        self.rewriteDestination = rewriteDestination
        self.claimedFenceInfos = claimedFenceInfos
        self.renderFencedBlock = renderFencedBlock
    }
}
