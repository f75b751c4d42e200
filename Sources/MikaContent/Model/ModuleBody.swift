import MikaMarkdown
#if canImport(Glibc)
import Glibc
#endif

/// A module's body, parsed once and rendered by each output: Markdown HTML with holes where an output decides
/// what goes in. Links to other pages and files, figures, quizzes and embeds are values, so a page on the web, a
/// page opened from disk and a page inside an LMS package can each link and caption in their own way.
public struct ModuleBody: Sendable {
    public enum Segment: Sendable, Equatable {
        /// HTML rendered from the Markdown (escaped; links outside the site are already in it), as UTF-8.
        case html([UInt8])
        /// The URL of `links[index]`, inside an `href`/`src` attribute.
        case link(Int)
        /// A UI text of the theme by key (task states, the footnote back link), inside an attribute.
        case text(String)
        case figure(Int)
        case quiz(Int)
        case embed(Int)
    }

    public var segments: [Segment]
    /// Targets inside the site, in the order the holes refer to them.
    public var links: [BodyLink]
    public var figures: [Figure]

    public init(segments: [Segment] = [], links: [BodyLink] = [], figures: [Figure] = []) {
        self.segments = segments
        self.links = links
        self.figures = figures
    }

    /// The HTML with its holes filled: `link` gives the URL of a target (escaped here for its attribute), the
    /// others the HTML of a figure or of the quiz or embed with that index.
    public func html(link: (BodyLink) -> String, text: (String) -> String = { $0 }, figure: (Figure) -> String = { _ in "" },
                     quiz: (Int) -> String = { _ in "" }, embed: (Int) -> String = { _ in "" }) -> String {
        String(decoding: utf8(link: link, text: text, figure: figure, quiz: quiz, embed: embed), as: UTF8.self)
    }

    /// `html(…)` as UTF-8 bytes, for pages written as bytes.
    public func utf8(link: (BodyLink) -> String, text: (String) -> String = { $0 }, figure: (Figure) -> String = { _ in "" },
                     quiz: (Int) -> String = { _ in "" }, embed: (Int) -> String = { _ in "" }) -> [UInt8] {
        var html: [UInt8] = []
        html.reserveCapacity(segments.reduce(0) { if case .html(let bytes) = $1 { $0 + bytes.count } else { $0 + 64 } })
        for segment in segments {
            switch segment {
            case .html(let bytes): html.append(contentsOf: bytes)
            case .link(let index) where links.indices.contains(index): link(links[index]).appendHTMLEscaped(to: &html)
            case .text(let key): text(key).appendHTMLEscaped(to: &html)
            case .figure(let index) where figures.indices.contains(index): html.appendUTF8(figure(figures[index]))
            case .quiz(let index): html.appendUTF8(quiz(index))
            case .embed(let index): html.appendUTF8(embed(index))
            default: break
            }
        }
        return html
    }

    /// Markers the loader puts into cmark's HTML: in attributes (`="mika-link:3"`, text cannot hold `="`) and as
    /// HTML blocks (`<!--mika:figure:0-->`, text cannot hold `<!--`).
    public static let linkMarker = "mika-link:"
    public static let textMarker = "mika-text:"
    static let blockMarker = "<!--mika:"

    public static func linkHole(_ index: Int) -> String { linkMarker + String(index) }
    public static func blockHole(_ kind: String, _ index: Int) -> String { "<!--mika:\(kind):\(index)-->" }

    private static let markerBytes = (link: Array(linkMarker.utf8), text: Array(textMarker.utf8),
                                      block: Array(blockMarker.utf8), blockEnd: Array("-->".utf8), word: Array("mika".utf8))

    /// Splits rendered HTML at the holes.
    public static func segments(of html: String) -> [Segment] { segments(of: Array(html.utf8)) }

    /// Splits rendered HTML (UTF-8) at the holes; the text between them is copied as it is. Every marker holds
    /// `mika`, so the scan jumps from one `m` to the next (memchr) and looks around each `mika`.
    public static func segments(of bytes: [UInt8]) -> [Segment] {
        var segments: [Segment] = []
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let count = buffer.count
            var textStart = 0
            var position = 0
            func matches(_ marker: [UInt8], at start: Int) -> Bool {
                guard start >= 0, start + marker.count <= count else { return false }
                return memcmp(base + start, marker, marker.count) == 0
            }
            /// Digits at `start` (at most nine), as a number, with the position after them.
            func number(at start: Int) -> (value: Int, end: Int)? {
                var end = start
                var value = 0
                while end < count, end - start < 9, base[end] >= 48, base[end] <= 57 {
                    value = value * 10 + Int(base[end] - 48)
                    end += 1
                }
                return end > start ? (value, end) : nil
            }
            func take(_ hole: Segment, from start: Int, upTo end: Int) {
                if start > textStart { segments.append(.html(Array(buffer[textStart..<start]))) }
                segments.append(hole)
                textStart = end
                position = end
            }
            while position < count, let found = memchr(base + position, Int32(UInt8(ascii: "m")), count - position) {
                let hit = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
                position = hit + 1
                guard matches(markerBytes.word, at: hit) else { continue }
                // `="mika-link:3"` and `="mika-text:key"` in attributes: the hole starts after the quote.
                let quote = hit - 1
                if quote >= textStart, quote >= 1, base[quote] == UInt8(ascii: "\""), base[quote - 1] == UInt8(ascii: "=") {
                    if matches(markerBytes.link, at: hit), let (value, end) = number(at: hit + markerBytes.link.count) {
                        take(.link(value), from: hit, upTo: end)
                        continue
                    }
                    if matches(markerBytes.text, at: hit) {
                        let keyStart = hit + markerBytes.text.count
                        var keyEnd = keyStart
                        while keyEnd < count, (97...122).contains(base[keyEnd]) || base[keyEnd] == UInt8(ascii: "_") { keyEnd += 1 }
                        if keyEnd > keyStart, keyEnd < count, base[keyEnd] == UInt8(ascii: "\"") {
                            take(.text(String(decoding: buffer[keyStart..<keyEnd], as: UTF8.self)), from: hit, upTo: keyEnd)
                            continue
                        }
                    }
                }
                // `<!--mika:figure:0-->` as an HTML block.
                let open = hit - 4
                if open >= textStart, matches(markerBytes.block, at: open) {
                    let kindStart = open + markerBytes.block.count
                    var kindEnd = kindStart
                    while kindEnd < count, (97...122).contains(base[kindEnd]) { kindEnd += 1 }
                    let kind = String(decoding: buffer[kindStart..<kindEnd], as: UTF8.self)
                    if kindEnd < count, base[kindEnd] == UInt8(ascii: ":"), let (value, end) = number(at: kindEnd + 1),
                       matches(markerBytes.blockEnd, at: end) {
                        let hole: Segment? = kind == "figure" ? .figure(value) : kind == "quiz" ? .quiz(value)
                            : kind == "embed" ? .embed(value) : nil
                        if let hole {
                            take(hole, from: open, upTo: end + 3)
                            continue
                        }
                    }
                }
            }
            if count > textStart { segments.append(.html(Array(buffer[textStart..<count]))) }
        }
        return segments
    }
}

/// A link from a module to a page or file of the site.
public struct BodyLink: Sendable, Hashable {
    /// Site path of the target: a page folder (`kurse/k/m/`) or a file (`kurse/k/bild.png`).
    public var target: String
    /// `#fragment` or `?query` as written.
    public var suffix: String

    public init(target: String, suffix: String = "") {
        self.target = target
        self.suffix = suffix
    }
}

/// An image or video that stands alone in its paragraph: shown as a figure with its TULLU notice.
public struct Figure: Sendable, Hashable {
    public enum Kind: String, Sendable { case image, video }

    public var kind: Kind
    /// Content path of the medium (its licence is `site.mediaLicenses[source]`).
    public var source: String
    /// Index into the body's links for the medium's URL.
    public var link: Int
    /// Alt text (images) or title (videos); empty for decorative images.
    public var text: String
    /// Index into the body's links for the captions track (`name.vtt`) of a video, if there is one.
    public var captionsLink: Int?
    /// Line of the image in the module file.
    public var line: Int = 0
    /// Numbered rectangles on a screenshot (a ```` ```hotspots ```` block after the image), in image pixels.
    public var hotspots: [Hotspot] = []
    /// The image's size in pixels, when hotspots need it.
    public var pixelSize: PixelSize?
}

/// A numbered rectangle on a screenshot with the text it stands for.
public struct Hotspot: Sendable, Hashable {
    public var number: Int
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double
    public var label: String
    public var line: Int
}

public struct PixelSize: Sendable, Hashable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}
