import CLibXML2
import Foundation
import MikaContent
import MikaMarkdown

/// Media that run script in the site's origin: SVG files with scripts, event handlers or `javascript:` links,
/// and HTML or JavaScript files among the media. They would go around `allow_raw_html: false`, so they are
/// errors unless `allow_active_media: true` in site.yml (then warnings, so the risk stays visible).
enum ActiveContentRules {
    static let descriptions: [(id: String, summary: String)] = [
        ("media.active-content", "Media files do not run script in the site (SVG scripts, event handlers, HTML files)"),
        ("markdown.active-raw-html", "Raw HTML that authors may write (allow_raw_html) is shown when it can run script"),
    ]

    /// What in a piece of raw HTML can run script: an `on…=` handler, `srcdoc`, or a `javascript:` URL.
    static func scriptInHTML(_ html: String) -> String? {
        let text = Array(html.lowercased().unicodeScalars)
        for index in text.indices where text[index] == "o" && index + 2 < text.count && text[index + 1] == "n" {
            guard index > 0, text[index - 1] == " " || text[index - 1] == "\t" || text[index - 1] == "\n" || text[index - 1] == "/" else { continue }
            var end = index + 2
            while end < text.count, ("a"..."z").contains(text[end]) { end += 1 }
            let nameEnd = end
            while end < text.count, text[end] == " " { end += 1 }
            if nameEnd > index + 2, end < text.count, text[end] == "=" {
                return "an event handler '\(String(String.UnicodeScalarView(text[index..<nameEnd])))'"
            }
        }
        let lowered = html.lowercased()
        if lowered.contains("srcdoc") { return "an 'srcdoc' document" }
        if lowered.filter({ !$0.isWhitespace }).contains("javascript:") { return "a 'javascript:' URL" }
        return nil
    }

    static let scriptFileExtensions: Set<String> = ["html", "htm", "xhtml", "xht", "shtml", "js", "mjs"]
    /// Elements that run or embed active content inside an SVG.
    static let activeElements: Set<String> = ["script", "iframe", "object", "embed", "foreignobject", "handler", "listener"]

    /// Where an SVG would run script: the first such element or attribute, with its line; nil when it is inert.
    static func scriptInSVG(_ data: Data) -> (what: String, line: Int)? {
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let document = data.withUnsafeBytes { bytes -> xmlDocPtr? in
            guard let base = bytes.baseAddress else { return nil }
            return xmlReadMemory(base.assumingMemoryBound(to: CChar.self), Int32(bytes.count), "media.svg", nil, options)
        }
        guard let document else { return ("a file that is not well-formed XML (it cannot be checked)", 1) }
        defer { xmlFreeDoc(document) }
        var pending: [xmlNodePtr] = xmlDocGetRootElement(document).map { [$0] } ?? []
        while let node = pending.popLast() {
            if node.pointee.type == XML_ELEMENT_NODE {
                let name = String(cString: node.pointee.name).lowercased()
                let line = Int(xmlGetLineNo(node))
                if activeElements.contains(name) { return ("a <\(name)> element", line) }
                var attribute = node.pointee.properties
                while let current = attribute {
                    let attributeName = String(cString: current.pointee.name).lowercased()
                    if attributeName.hasPrefix("on") { return ("an event handler '\(attributeName)'", line) }
                    if let value = xmlNodeGetContent(UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self)) {
                        let text = String(cString: value).lowercased().filter { !$0.isWhitespace }
                        xmlFree(value)
                        if text.contains("javascript:") || text.contains("vbscript:") || text.contains("data:text/html") {
                            return ("a script URL in '\(attributeName)'", line)
                        }
                    }
                    attribute = current.pointee.next
                }
            }
            var child = node.pointee.children
            while let current = child {
                pending.append(current)
                child = current.pointee.next
            }
        }
        return nil
    }
}

extension ContentChecks {
    func checkActiveContent(_ diagnostics: inout [Diagnostic]) {
        if site.allowRawHTML {
            for module in site.courses.flatMap(\.modules) {
                for raw in module.outline.rawHTML {
                    guard let what = ActiveContentRules.scriptInHTML(raw.html) else { continue }
                    diagnostics.append(Diagnostic(.warning, id: "markdown.active-raw-html", file: display(module.sourcePath),
                                                  line: raw.line, message: "raw HTML with \(what) runs script in the site",
                                                  hint: "'allow_raw_html: true' publishes it as written; remove the script or write the part in Markdown"))
                }
            }
        }
        guard let source = site.source else { return }
        let severity: Diagnostic.Severity = site.allowActiveMedia ? .warning : .error
        let hint = site.allowActiveMedia
            ? "allowed by 'allow_active_media: true'; the script runs with the site's rights in every reader's browser"
            : "remove the script (export the SVG again as plain graphics) or offer the file as a download elsewhere; "
                + "'allow_active_media: true' in site.yml publishes it anyway"
        for asset in site.assets {
            let ext = asset.fileExtension.lowercased()
            if ActiveContentRules.scriptFileExtensions.contains(ext) {
                diagnostics.append(Diagnostic(severity, id: "media.active-content", file: display(asset),
                                              message: "'.\(ext)' files run script in the site's origin", hint: hint))
            } else if ext == "svg" {
                guard let data = source.contents(of: asset),
                      let found = ActiveContentRules.scriptInSVG(data) else { continue }
                diagnostics.append(Diagnostic(severity, id: "media.active-content", file: display(asset), line: found.line,
                                              message: "SVG contains \(found.what), which runs script in the site's origin",
                                              hint: hint))
            }
        }
    }
}
