import CCmarkGFM
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

private let registerCoreExtensions: Void = cmark_gfm_core_extensions_ensure_registered()

/// cmark-gfm keeps the inline parser's table of special characters in process-global state: each parser adds
/// its extensions' characters (`~` for strikethrough …) when it parses inlines and removes them when done. Two
/// parsers at once race on that table, so a parallel build sometimes lost `<del>` or autolinks. Parsing is
/// therefore serialised (it is a few per cent of a build); walking and rendering trees stays parallel.
private let parseLock = NSLock()

/// Renders GitHub-flavoured Markdown with cmark-gfm (tables, strikethrough, autolinks, task lists, footnotes,
/// tag filter). Raw HTML in the Markdown is shown as text unless `allowRawHTML` is set; headings get stable ids;
/// link destinations pass through a hook; claimed fenced blocks are replaced by the hook's HTML.
public struct MarkdownRenderer: Sendable {
    public var allowRawHTML: Bool
    /// Accessible names the renderer adds (attribute-safe text, or holes an output fills).
    public var labels: Labels

    public struct Labels: Sendable {
        public var taskDone, taskOpen, footnoteBack: String
        /// Names the scroll region around a table.
        public var table: String

        public init(taskDone: String, taskOpen: String, footnoteBack: String, table: String = "Tabelle") {
            self.taskDone = taskDone
            self.taskOpen = taskOpen
            self.footnoteBack = footnoteBack
            self.table = table
        }

        public static let german = Labels(taskDone: "erledigt", taskOpen: "offen", footnoteBack: "Zurück zum Text")
    }

    public init(allowRawHTML: Bool = false, labels: Labels = .german) {
        self.allowRawHTML = allowRawHTML
        self.labels = labels
    }

    private static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]
    // UNSAFE lets our own HTML blocks through; author HTML is escaped below unless allowed. No VALIDATE_UTF8:
    // the text is a Swift String, valid UTF-8 already, and cmark's second check cost 1.4 % of a build.
    private static let options = CMARK_OPT_UNSAFE | CMARK_OPT_FOOTNOTES
    /// Without `[^` there can be no footnote: cmark then skips its footnote pass over the whole tree (1 % of a build).
    private static let optionsWithoutFootnotes = CMARK_OPT_UNSAFE

    public func render(_ markdown: String, hooks: MarkdownHooks = MarkdownHooks()) -> RenderedMarkdown {
        render(markdown, hooks: hooks, autolink: nil)
    }

    /// `autolink` forces the autolink extension on or off (tests); nil attaches it only where a link may start.
    func render(_ markdown: String, hooks: MarkdownHooks, autolink: Bool?) -> RenderedMarkdown {
        _ = registerCoreExtensions
        let options = markdown.utf8Range(of: "[^") == nil ? Self.optionsWithoutFootnotes : Self.options
        guard let parser = cmark_parser_new(options) else {
            return RenderedMarkdown(htmlUTF8: Array(markdown.htmlEscaped.utf8), headings: [], links: [])
        }
        defer { cmark_parser_free(parser) }
        // Autolinks start only at "://", "www." or an "@"; without any of them the extension is left out (at every
        // ':' and 'w' it tried to match, and it merged all text nodes after: 3 % of a build). Text nodes then stay
        // split, which neither the HTML nor anything read from the tree here depends on.
        let mayAutolink = autolink ?? (markdown.utf8Range(of: "://") != nil || markdown.utf8Range(of: "www.") != nil
            || markdown.utf8Range(of: "@") != nil)
        for name in Self.extensionNames where name != "autolink" || mayAutolink {
            if let syntaxExtension = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntaxExtension)
            }
        }
        var source = markdown
        parseLock.lock()
        source.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        let finished = cmark_parser_finish(parser)
        parseLock.unlock()
        guard let document = finished else {
            return RenderedMarkdown(htmlUTF8: Array(markdown.htmlEscaped.utf8), headings: [], links: [])
        }
        defer { cmark_node_free(document) }
        let extensions = cmark_parser_get_syntax_extensions(parser)

        var headingNodes: [OpaquePointer] = []
        var rawHTMLNodes: [OpaquePointer] = []
        var fencedNodes: [OpaquePointer] = []
        var links: [MarkdownLink] = []
        var escapedLines: [Int] = []
        var hasTaskItems = false
        var hasFootnotes = false
        var rawHTML: [(line: Int, html: String)] = []
        var tables: [(line: Int, headerIsEmpty: Bool)] = []
        var steps: [(line: Int, hasText: Bool)] = []
        var standaloneImages: [(paragraph: OpaquePointer, link: MarkdownLink, destination: String)] = []
        var decorativeImages: [OpaquePointer] = []
        var tableNodes: [OpaquePointer] = []
        var bareAddressLinks: [(node: OpaquePointer, url: String)] = []

        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        var enclosingBlockLine = 1
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let line = Int(cmark_node_get_start_line(node))
            let type = cmark_node_get_type(node)
            switch type {
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_BLOCK_QUOTE:
                if line > 0 { enclosingBlockLine = line }
            case CMARK_NODE_ITEM:
                if line > 0 { enclosingBlockLine = line }
                if let list = cmark_node_parent(node), cmark_node_get_list_type(list) == CMARK_ORDERED_LIST,
                   cmark_node_get_type(cmark_node_parent(list)) == CMARK_NODE_DOCUMENT {
                    steps.append((line > 0 ? line : enclosingBlockLine, !textOutsideImages(of: node).isEmpty))
                }
                if !hasTaskItems, let name = cmark_node_get_type_string(node), strcmp(name, "tasklist") == 0 {
                    hasTaskItems = true
                }
            case CMARK_NODE_FOOTNOTE_DEFINITION:
                hasFootnotes = true
            case _ where isExtensionNode(node, named: "table"):
                if let header = cmark_node_first_child(node) {
                    tables.append((line > 0 ? line : enclosingBlockLine, plainText(of: header).isEmpty))
                }
                tableNodes.append(node)
            case CMARK_NODE_HEADING:
                if line > 0 { enclosingBlockLine = line }
                headingNodes.append(node)
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                let literal = string(cmark_node_get_literal(node))
                let htmlLine = line > 0 ? line : enclosingBlockLine
                rawHTML.append((htmlLine, literal))
                if !allowRawHTML {
                    rawHTMLNodes.append(node)
                    escapedLines.append(htmlLine)
                } else if let rewritten = rewriteAddresses(inRawHTML: literal, line: htmlLine,
                                                           startColumn: line > 0 ? Int(cmark_node_get_start_column(node)) : 0,
                                                           hooks: hooks, links: &links) {
                    cmark_node_set_literal(node, rewritten)
                }
            case CMARK_NODE_CODE_BLOCK:
                let info = string(cmark_node_get_fence_info(node)).split(separator: " ").first.map(String.init) ?? ""
                if hooks.claimedFenceInfos.contains(info) { fencedNodes.append(node) }
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let link = MarkdownLink(destination: string(cmark_node_get_url(node)),
                                        isImage: type == CMARK_NODE_IMAGE,
                                        text: plainText(of: node),
                                        line: line > 0 ? line : enclosingBlockLine,
                                        startByteColumn: line > 0 ? Int(cmark_node_get_start_column(node)) : 0)
                links.append(link)
                var destination = hooks.rewriteDestination(link) ?? link.destination
                if !Self.isSafe(destination, isImage: link.isImage) { destination = "" }
                if destination != link.destination { cmark_node_set_url(node, destination) }
                if link.isImage && Self.decorativeMarkers.contains(link.text.lowercased()) { decorativeImages.append(node) }
                if !link.isImage, destination.hasPrefix("http"), link.text == destination,
                   let child = cmark_node_first_child(node), child == cmark_node_last_child(node),
                   cmark_node_get_type(child) == CMARK_NODE_TEXT {
                    bareAddressLinks.append((node, destination))
                }
                if link.isImage, let paragraph = cmark_node_parent(node),
                   cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
                   cmark_node_first_child(paragraph) == node, cmark_node_last_child(paragraph) == node {
                    standaloneImages.append((paragraph, link, destination))
                }
            default:
                break
            }
        }

        // Tree edits free nodes, so they run in an order where no edit frees a node a later one still holds:
        // raw HTML can sit inside images and headings, which are replaced afterwards; images never contain
        // fenced blocks or headings.
        for node in rawHTMLNodes { escapeRawHTML(node) }
        // A link whose text is its address is marked, so print styles do not spell the address out again.
        for link in bareAddressLinks {
            let url = link.url.htmlEscaped
            guard let html = cmark_node_new(CMARK_NODE_HTML_INLINE) else { continue }
            cmark_node_set_literal(html, "<a class=\"url\" href=\"\(url)\">\(url)</a>")
            cmark_node_replace(link.node, html)
            cmark_node_free(link.node)
        }
        // A wide table scrolls inside a region that keyboard users can reach and screen readers name (WCAG 1.4.10).
        for table in tableNodes {
            guard let open = cmark_node_new(CMARK_NODE_HTML_BLOCK), let close = cmark_node_new(CMARK_NODE_HTML_BLOCK) else { continue }
            cmark_node_set_literal(open, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"\(labels.table)\">")
            cmark_node_set_literal(close, "</div>")
            cmark_node_insert_before(table, open)
            cmark_node_insert_after(table, close)
        }
        for node in decorativeImages {
            // Decorative images are marked by their alt text; they get an empty alt so screen readers skip them.
            while let child = cmark_node_first_child(node) { cmark_node_unlink(child); cmark_node_free(child) }
        }
        for image in standaloneImages {
            if let html = hooks.replaceStandaloneImage(image.link, image.destination) { replace(image.paragraph, withHTML: html) }
        }
        for node in fencedNodes {
            let block = FencedBlock(info: string(cmark_node_get_fence_info(node)).trimmingSpaces,
                                    content: string(cmark_node_get_literal(node)),
                                    line: Int(cmark_node_get_start_line(node)))
            replace(node, withHTML: hooks.renderFencedBlock(block))
        }
        var headings: [MarkdownHeading] = []
        var usedIDs: [String: Int] = [:]
        for node in headingNodes {
            let text = plainText(of: node)
            let slug = text.slugified
            let base = slug.isEmpty ? "abschnitt" : slug
            let count = usedIDs[base, default: 0] + 1
            usedIDs[base] = count
            let id = count == 1 ? base : "\(base)-\(count)"
            let level = Int(cmark_node_get_heading_level(node))
            headings.append(MarkdownHeading(level: level, text: text, id: id,
                                            line: Int(cmark_node_get_start_line(node))))
            let rendered = takeString(cmark_render_html(node, options, extensions))
            let tag = "<h\(level)"
            let withID = rendered.hasPrefix(tag)
                ? tag + " id=\"\(id)\"" + rendered.dropFirst(tag.count) : rendered
            replace(node, withHTML: withID)
        }
        var htmlUTF8 = takeBytes(cmark_render_html(document, options, extensions))
        if hasTaskItems || hasFootnotes {
            var html = String(decoding: htmlUTF8, as: UTF8.self)
            if hasTaskItems {
                // Task list boxes are read-only states, not form fields without labels; labels come from the theme.
                html = html
                    .replacingOccurrences(of: "<input type=\"checkbox\" checked=\"\" disabled=\"\" />",
                                          with: "<span class=\"task-state task-done\" role=\"img\" aria-label=\"\(labels.taskDone)\">☑</span>")
                    .replacingOccurrences(of: "<input type=\"checkbox\" disabled=\"\" />",
                                          with: "<span class=\"task-state task-open\" role=\"img\" aria-label=\"\(labels.taskOpen)\">☐</span>")
            }
            if hasFootnotes {
                html = html.replacingOccurrences(of: "aria-label=\"Back to content\"", with: "aria-label=\"\(labels.footnoteBack)\"")
            }
            htmlUTF8 = Array(html.utf8)
        }
        return RenderedMarkdown(htmlUTF8: htmlUTF8, headings: headings, links: links, escapedHTMLLines: escapedLines,
                                rawHTML: rawHTML, tables: tables, steps: steps)
    }

    /// Attributes of raw HTML that hold an address of the content: `href`, `src`, `poster`, `srcset`, `data`.
    static let addressAttributes: Set<String> = ["href", "src", "poster", "srcset", "data"]

    /// Passes the relative addresses in author-written HTML through the destination hook, like Markdown links, and
    /// writes what it returns into the attribute. Addresses with a scheme, `//` or `#` stay as written. Nil when
    /// nothing changed.
    private func rewriteAddresses(inRawHTML html: String, line: Int, startColumn: Int, hooks: MarkdownHooks,
                                  links: inout [MarkdownLink]) -> String? {
        let attributes = HTMLAttributeScanner.attributes(in: html)
        guard attributes.contains(where: { Self.addressAttributes.contains($0.name) }) else { return nil }
        let bytes = Array(html.utf8)
        var replacements: [(range: Range<Int>, text: String)] = []
        // Attributes come in text order, so newlines are counted once for the whole block, not per attribute.
        var newlinesBefore = 0, lineStart = 0, counted = 0
        var altTexts: [Int: HTMLAttributeScanner.Attribute] = [:]
        for attribute in attributes where attribute.name == "alt" && altTexts[attribute.element] == nil {
            altTexts[attribute.element] = attribute
        }
        for attribute in attributes where Self.addressAttributes.contains(attribute.name) {
            guard let valueRange = attribute.valueRange, let assignment = attribute.assignmentRange else { continue }
            // A srcset's addresses are checked like the others, but an output fills only whole attribute values
            // (`="…"`), so a srcset that names content files is left out of the page: the browser shows `src`.
            let isSrcset = attribute.name == "srcset"
            let candidates = isSrcset ? HTMLAttributeScanner.srcsetCandidates(attribute.value).map(\.url)
                                      : [attribute.value.trimmingSpaces]
            let isImage = attribute.tag == "img" && attribute.name == "src"
            let alt = altTexts[attribute.element]
            let written = String(decoding: bytes[valueRange], as: UTF8.self).trimmingSpaces
            while counted < valueRange.lowerBound {
                if bytes[counted] == 0x0A { newlinesBefore += 1; lineStart = counted + 1 }
                counted += 1
            }
            let lineOffset = newlinesBefore
            // Where to start looking for the address in the source line (the block's indentation and prefixes such
            // as `> ` are not in its text, so this is a hint; the loader searches the line for the written value).
            let byteColumn = (lineOffset == 0 && startColumn > 0 ? startColumn - 1 : 0) + valueRange.lowerBound - lineStart + 1
            for url in candidates where Self.isContentAddress(url) {
                var link = MarkdownLink(destination: url, isImage: isImage, text: isImage ? alt?.value ?? "" : "",
                                        line: line + lineOffset, startByteColumn: byteColumn)
                link.isExplicitlyDecorative = isImage && alt != nil && alt!.value.trimmingSpaces.isEmpty
                link.sourceText = isSrcset || written == url ? url : written
                links.append(link)
                let destination = hooks.rewriteDestination(link)
                if isSrcset {
                    if !replacements.contains(where: { $0.range == attribute.range }) { replacements.append((attribute.range, "")) }
                } else if let destination, destination != url {
                    replacements.append((assignment, "=\"" + destination.htmlEscaped + "\""))
                }
            }
        }
        guard !replacements.isEmpty else { return nil }
        // One forward pass: replacing ranges one by one would move the rest of the block each time.
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var copied = 0
        for replacement in replacements.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) where replacement.range.lowerBound >= copied {
            result += bytes[copied..<replacement.range.lowerBound]
            result += replacement.text.utf8
            copied = replacement.range.upperBound
        }
        result += bytes[copied...]
        return String(decoding: result, as: UTF8.self)
    }

    /// A relative address into the content: no scheme, not `//host`, not only a `#fragment`.
    static func isContentAddress(_ address: String) -> Bool {
        guard !address.isEmpty, !address.hasPrefix("#"), !address.hasPrefix("//") else { return false }
        if let colon = address.firstIndex(of: ":") {
            let scheme = address[..<colon]
            if let first = scheme.first, first.isLetter,
               scheme.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }) { return false }
        }
        return true
    }

    /// Alt texts that mark an image as decorative (rendered with `alt=""`).
    public static let decorativeMarkers: Set<String> = ["dekorativ", "decorative"]

    private func isExtensionNode(_ node: OpaquePointer, named name: String) -> Bool {
        guard let type = cmark_node_get_type_string(node) else { return false }
        return strcmp(type, name) == 0
    }

    /// Link schemes that could run script are never emitted; `data:` only for raster images.
    public static func isSafe(_ destination: String, isImage: Bool) -> Bool {
        // Every scheme refused below has a colon; most destinations (relative paths) have none.
        guard destination.utf8.contains(UInt8(ascii: ":")) else { return true }
        let lowered = schemePrefix(of: destination) ?? destination.trimmingSpaces.lowercased()
            .filter { !$0.isWhitespace && $0 != "\u{0}" }
        for scheme in ["javascript:", "vbscript:", "file:"] where lowered.hasPrefix(scheme) { return false }
        if lowered.hasPrefix("data:") {
            return isImage && ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"]
                .contains { lowered.hasPrefix($0) }
        }
        return true
    }

    /// The first 16 characters of an ASCII address in lower case, without white space and NUL: all that the
    /// scheme checks of `isSafe` read (internal links carry a colon in their placeholder, so every link came here;
    /// lowering and filtering Characters cost 10,000 instructions a link). Nil once a non-ASCII byte comes first.
    private static func schemePrefix(of destination: String) -> String? {
        var prefix: [UInt8] = []
        prefix.reserveCapacity(16)
        for byte in destination.utf8 {
            if prefix.count == 16 { break }
            switch byte {
            case 0x80...: return nil
            case 0x00, 0x09...0x0D, 0x20: continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): prefix.append(byte | 0x20)
            default: prefix.append(byte)
            }
        }
        return String(decoding: prefix, as: UTF8.self)
    }

    private func escapeRawHTML(_ node: OpaquePointer) {
        let literal = string(cmark_node_get_literal(node))
        let isBlock = cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK
        guard let text = cmark_node_new(CMARK_NODE_TEXT) else { return }
        cmark_node_set_literal(text, isBlock ? literal.trimmingSpaces : literal)
        if isBlock, let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH) {
            cmark_node_append_child(paragraph, text)
            cmark_node_replace(node, paragraph)
        } else {
            cmark_node_replace(node, text)
        }
        cmark_node_free(node)
    }

    private func replace(_ node: OpaquePointer, withHTML html: String) {
        guard let block = cmark_node_new(CMARK_NODE_HTML_BLOCK) else { return }
        cmark_node_set_literal(block, html)
        cmark_node_replace(node, block)
        cmark_node_free(node)
    }

    /// The text of a node's descendants, leaving out images and their alt texts.
    private func textOutsideImages(of node: OpaquePointer) -> String {
        var text = ""
        var imageDepth = 0
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard let child = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(child)
            if type == CMARK_NODE_IMAGE {
                imageDepth += event == CMARK_EVENT_ENTER ? 1 : -1
                continue
            }
            if event == CMARK_EVENT_ENTER && imageDepth == 0 && (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) {
                text += string(cmark_node_get_literal(child))
            }
        }
        return text.trimmingSpaces
    }

    /// The text content of a node's descendants (text, code, line breaks as spaces).
    private func plainText(of node: OpaquePointer) -> String {
        var text = ""
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
                text += string(cmark_node_get_literal(child))
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default:
                break
            }
        }
        return text.trimmingSpaces
    }

    private func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    /// cmark's output as bytes; it is valid UTF-8, made from a Swift string.
    private func takeBytes(_ pointer: UnsafeMutablePointer<CChar>?) -> [UInt8] {
        guard let pointer else { return [] }
        defer { free(pointer) }
        return Array(UnsafeRawBufferPointer(start: pointer, count: strlen(pointer)))
    }

    private func takeString(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}

extension Substring {
    public var trimmingSpaces: String { String(self).trimmingSpaces }
}

