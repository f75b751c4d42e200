import Foundation
import MikaMarkdown

extension ContentLoader {
    /// Maps a link in a module to its target in the site: `.md` links to module pages, files to copied assets;
    /// nil for links that stay as written (other sites, `#fragments`). Broken internal links, missing images and
    /// unsafe URLs become diagnostics.
    func resolve(_ link: MarkdownLink, from modulePath: String, lineShift: Int,
                 source: SourceLines, context: ModuleContext, diagnostics: inout [Diagnostic],
                 target resolvedTarget: inout String?) -> BodyLink? {
        let destination = link.destination
        let line = link.line + lineShift
        func report(_ id: String, _ message: String, hint: String, severity: Diagnostic.Severity = .error) {
            diagnostics.append(Diagnostic(severity, id: id, file: display(modulePath), line: line,
                                          column: source.column(of: link, inLine: line),
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
        if let mark = pathPart.utf8.firstIndex(where: { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "?") }) {
            suffix = String(pathPart[mark...])
            pathPart = pathPart[..<mark]
        }
        let decoded = pathPart.utf8.contains(UInt8(ascii: "%")) ? (String(pathPart).removingPercentEncoding ?? String(pathPart))
            : String(pathPart)
        let baseDirectory = modulePath.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(modulePath[..<$0]) } ?? ""
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
            return BodyLink(target: SitePaths.module(course: module.course, module: module.slug), suffix: suffix)
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
        let ext = target.fileExtension.lowercased()
        if ["yml", "yaml", "license", "toml"].contains(ext) {
            report("link.unpublished-file", "'\(decoded)' is not published", hint: "link to a page or a media file")
            return nil
        }
        return BodyLink(target: SitePaths.asset(target), suffix: suffix)
    }

    /// `courses/a/../../media/x.png` → `media/x.png`; nil when it leaves the root.
    static func normalise(_ path: String) -> String? {
        // Nothing to resolve: no `.` or `..` segment, no empty one (most links to files beside the module).
        if let first = path.utf8.first, first != UInt8(ascii: "."), first != UInt8(ascii: "/"), path.utf8.last != UInt8(ascii: "/"),
           path.utf8Range(of: "/.") == nil, path.utf8Range(of: "//") == nil {
            return path
        }
        var parts: [Substring] = []
        for part in path.slashSeparated {
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
        guard let colon = destination.utf8.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let scheme = String(destination[..<colon]).trimmingSpaces
        guard let first = scheme.utf8.first, first.isASCIILetter,
              scheme.utf8.allSatisfy(\.isSchemeCharacter) else { return nil }
        return scheme.lowercased()
    }

}

/// A text with the offsets of its line starts, found once, so that the column of each of many links costs only
/// the length of its line (walking from the start for every link made 20,000 links take seconds).
final class SourceLines {
    let text: String
    private lazy var lineStarts: [String.Index] = {
        var offsets = [0]
        var text = self.text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            var position = 0
            while position < bytes.count, let found = memchr(base + position, 0x0A, bytes.count - position) {
                position = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                offsets.append(position)
            }
        }
        let utf8 = self.text.utf8
        return offsets.map { utf8.index(utf8.startIndex, offsetBy: $0) }
    }()

    init(_ text: String) { self.text = text }

    /// Unicode scalars between two places of the text: the UTF-8 bytes that start one (a tenth of the cost of
    /// walking the scalar view).
    private func scalarCount(from start: String.Index, to end: String.Index) -> Int {
        let utf8 = text.utf8
        let (lower, upper) = (utf8.distance(from: utf8.startIndex, to: start), utf8.distance(from: utf8.startIndex, to: end))
        guard lower < upper else { return 0 }
        var text = self.text
        return text.withUTF8 { bytes in
            var count = 0
            for byte in bytes[lower..<upper] where byte & 0xC0 != 0x80 { count += 1 }
            return count
        }
    }

    /// The text of a 1-based line, without its newline ("" outside the text).
    func line(_ number: Int) -> Substring {
        guard number >= 1, number <= lineStarts.count else { return "" }
        let end = number < lineStarts.count ? text.utf8.index(before: lineStarts[number]) : text.utf8.endIndex
        return Substring(text.utf8[lineStarts[number - 1]..<end])
    }

    /// Where the last column was found: links come in source order, so counting scalars resumes from here.
    private var cursor: (line: Int, offset: String.Index, scalars: Int)?

    /// 1-based column (in Unicode scalars) of a link's address, found by searching its line for the address as
    /// written (raw HTML may write it with character references).
    func column(of link: MarkdownLink, inLine line: Int) -> Int? {
        column(of: link.sourceText ?? link.destination, inLine: line, fromByte: link.startByteColumn)
    }

    /// 1-based column (in Unicode scalars) of `needle` in the given 1-based line, if it occurs there; the search
    /// starts at `fromByte` (a 1-based byte column, 0 for the line start).
    func column(of needle: String, inLine line: Int, fromByte: Int = 0) -> Int? {
        guard line >= 1, line <= lineStarts.count, !needle.isEmpty else { return nil }
        let start = lineStarts[line - 1]
        let end = line < lineStarts.count ? lineStarts[line] : text.utf8.endIndex
        let lineLength = text.utf8.distance(from: start, to: end)
        var searchStart = start
        if fromByte > 1 && fromByte - 1 < lineLength,
           let index = text.utf8.index(start, offsetBy: fromByte - 1, limitedBy: end) {
            searchStart = index
        }
        guard let range = text.utf8Range(of: needle, in: searchStart..<end) ?? text.utf8Range(of: needle, in: start..<end) else {
            return nil
        }
        var counted = (offset: start, scalars: 0)
        if let cursor, cursor.line == line, cursor.offset <= range.lowerBound { counted = (cursor.offset, cursor.scalars) }
        let scalars = counted.scalars + scalarCount(from: counted.offset, to: range.lowerBound)
        cursor = (line, range.lowerBound, scalars)
        return scalars + 1
    }
}

private extension UInt8 {
    var isASCIILetter: Bool { (65...90).contains(self) || (97...122).contains(self) }
    var isSchemeCharacter: Bool {
        isASCIILetter || (48...57).contains(self) || self == UInt8(ascii: "+") || self == UInt8(ascii: "-")
            || self == UInt8(ascii: ".")
    }
}
