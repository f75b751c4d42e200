import Foundation
import MikaMarkdown

extension ContentLoader {
    /// Maps a link in a module to its published URL: `.md` links to module pages, files to copied assets.
    /// Broken internal links, missing images and unsafe URLs become diagnostics.
    func rewrite(_ link: MarkdownLink, from modulePath: String, pageDirectory: String, lineShift: Int,
                 source: String, context: ModuleContext, diagnostics: inout [Diagnostic],
                 target resolvedTarget: inout String?) -> String? {
        let destination = link.destination
        let line = link.line + lineShift
        func report(_ id: String, _ message: String, hint: String, severity: Diagnostic.Severity = .error) {
            diagnostics.append(Diagnostic(severity, id: id, file: display(modulePath), line: line,
                                          column: column(of: destination, inLine: line, of: source),
                                          message: message, hint: hint))
        }
        if destination.isEmpty || destination.hasPrefix("#") { return nil }
        if let scheme = Self.scheme(of: destination) {
            if !MarkdownRenderer.isSafe(destination, isImage: link.isImage) {
                report("link.unsafe-url", "'\(scheme):' links are never published",
                       hint: "link to an http(s) page instead")
            }
            return nil
        }
        if destination.hasPrefix("//") { return nil }
        if destination.hasPrefix("/") {
            report("link.absolute-path", "link '\(destination)' starts at the server root",
                   hint: "link relatively, e.g. to the module's .md file, so the site also works from a sub-path",
                   severity: .warning)
            return nil
        }
        var pathPart = Substring(destination)
        var suffix = ""
        if let mark = pathPart.firstIndex(where: { $0 == "#" || $0 == "?" }) {
            suffix = String(pathPart[mark...])
            pathPart = pathPart[..<mark]
        }
        let decoded = pathPart.contains("%") ? (String(pathPart).removingPercentEncoding ?? String(pathPart)) : String(pathPart)
        let baseDirectory = modulePath.lastIndex(of: "/").map { String(modulePath[..<$0]) } ?? ""
        guard let target = Self.normalise(baseDirectory + "/" + decoded) else {
            report("link.outside-content", "link '\(destination)' points outside the content folder",
                   hint: "keep linked files inside the content folder, e.g. in media/")
            return nil
        }
        resolvedTarget = target
        if target.hasSuffix(".md") {
            guard let module = context.moduleFiles[target] else {
                let siblings = context.moduleFiles.keys.filter { ($0 as NSString).deletingLastPathComponent == baseDirectory }
                    .map { ($0 as NSString).lastPathComponent }
                let near = NearMiss.bestMatch(for: (decoded as NSString).lastPathComponent, in: siblings)
                report("link.broken", "link to '\(decoded)' points to no module",
                       hint: near.map { "did you mean '\($0)'?" } ?? "link to an existing module file NN-slug.md")
                return nil
            }
            return SitePaths.relative(from: pageDirectory, to: SitePaths.module(course: module.course, module: module.slug))
                + suffix
        }
        guard context.files.contains(target) else {
            if link.isImage {
                report("image.missing", "image '\(decoded)' not found",
                       hint: "add the file at \(display(target)) or correct the path")
            } else {
                report("link.broken", "link to '\(decoded)' points to no file",
                       hint: "add the file at \(display(target)) or correct the path")
            }
            return nil
        }
        let ext = (target as NSString).pathExtension.lowercased()
        if ["yml", "yaml", "license", "toml"].contains(ext) {
            report("link.unpublished-file", "'\(decoded)' is not published", hint: "link to a page or a media file")
            return nil
        }
        return SitePaths.relative(from: pageDirectory, to: SitePaths.asset(target)) + suffix
    }

    /// `courses/a/../../media/x.png` → `media/x.png`; nil when it leaves the root.
    static func normalise(_ path: String) -> String? {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == ".." {
                if parts.isEmpty { return nil }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }

    /// The URL scheme (`https`, `mailto`, `javascript`), if the destination has one (RFC 3986: a letter, then
    /// letters, digits, `+`, `-`, `.`).
    static func scheme(of destination: String) -> String? {
        guard let colon = destination.firstIndex(of: ":") else { return nil }
        let scheme = String(destination[..<colon]).trimmingSpaces
        guard let first = scheme.utf8.first, first.isASCIILetter,
              scheme.utf8.allSatisfy(\.isSchemeCharacter) else { return nil }
        return scheme.lowercased()
    }

    /// 1-based column (in Unicode scalars) of `needle` in the given line of `source`, if it occurs there.
    /// Walks to the line without splitting the whole text (this runs for every link of every module).
    func column(of needle: String, inLine line: Int, of source: String) -> Int? {
        guard line >= 1, !needle.isEmpty else { return nil }
        let utf8 = source.utf8
        var start = utf8.startIndex
        var current = 1
        while current < line {
            guard let newline = utf8[start...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            start = utf8.index(after: newline)
            current += 1
        }
        let end = utf8[start...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
        guard let range = utf8[start..<end].firstRange(of: needle.utf8) else { return nil }
        return source[start..<range.lowerBound].unicodeScalars.count + 1
    }
}

private extension UInt8 {
    var isASCIILetter: Bool { (65...90).contains(self) || (97...122).contains(self) }
    var isSchemeCharacter: Bool {
        isASCIILetter || (48...57).contains(self) || self == UInt8(ascii: "+") || self == UInt8(ascii: "-")
            || self == UInt8(ascii: ".")
    }
}
