import Foundation
import MikaContent
import MikaMarkdown
import Mustache

/// The course outline of module pages, rendered through the theme's `outline` template once per course and
/// language and then marked for each page. Every module page of a course sits at the same depth, so the links
/// are the same on all of them; only the current module differs. Rendering it per page made a build of
/// 100-module courses four times slower.
final class CourseOutlines: @unchecked Sendable {
    private let lock = NSLock()
    private var rendered: [String: Rendered] = [:]
    private let theme: Theme
    private let resolver: LinkResolver
    /// Marks where the current module's attributes go; a fresh value per build, so content cannot forge it.
    private let token = "\u{E000}" + UUID().uuidString

    /// The outline split at the marks: text, then (module index, is it the link?) and text, alternately.
    fileprivate struct Rendered {
        var pieces: [[UInt8]]
        var marks: [(index: Int, isLink: Bool)]
    }

    init(theme: Theme, resolver: LinkResolver) {
        self.theme = theme
        self.resolver = resolver
    }

    /// The outline with module `index` marked as the current one (`class="current"`, `aria-current="page"`).
    func html(course: Course, current index: Int, t: UIStrings, language: String) -> OutlineHTML {
        let key = course.slug + "\u{0}" + language
        lock.lock()
        let cached = rendered[key]
        lock.unlock()
        let outline = cached ?? render(course, t: t, language: language)
        if cached == nil {
            lock.lock()
            rendered[key] = outline
            lock.unlock()
        }
        return OutlineHTML(rendered: outline, current: index)
    }

    private func render(_ course: Course, t: UIStrings, language: String) -> Rendered {
        // Links as seen from a module page of this course (all are one folder below the course).
        let directory = course.urlPath + "-/"
        let numbered = Array(course.modules.enumerated())
        func item(_ entry: (offset: Int, element: Module)) -> OutlineItem {
            OutlineItem(number: entry.offset + 1, title: entry.element.title,
                        url: resolver.url(of: entry.element.urlPath, from: directory),
                        currentItem: "\(token):\(entry.offset):i\u{E001}", currentLink: "\(token):\(entry.offset):a\u{E001}")
        }
        var groups = course.phases.compactMap { phase -> OutlineGroup? in
            let items = numbered.filter { $0.element.phase == phase.id }.map(item)
            return items.isEmpty ? nil : OutlineGroup(title: phase.title, kindClass: phase.kind.rawValue.slugified,
                                                      icon: PhaseIcons.svg(phase.kind), items: items)
        }
        let phaseIDs = Set(course.phases.map(\.id))
        let unphased = numbered.filter { $0.element.phase.map { !phaseIDs.contains($0) } ?? true }.map(item)
        if !unphased.isEmpty { groups.append(OutlineGroup(title: groups.isEmpty ? nil : t.text("more_modules"), items: unphased)) }
        let html = theme.render(OutlineContext(groups: groups, t: t), template: "outline", language: language)

        // Split at the marks, on the page's bytes (Foundation's string search made this a tenth of a build, and
        // slicing the string's UTF-8 view copied byte by byte).
        let bytes = Array(html.utf8), tokenBytes = Array(token.utf8), endBytes = Array("\u{E001}".utf8)
        var pieces: [[UInt8]] = []
        var marks: [(index: Int, isLink: Bool)] = []
        bytes.withUnsafeBufferPointer { buffer in
            var position = 0
            while let start = buffer.firstOffset(of: tokenBytes, from: position),
                  let stop = buffer.firstOffset(of: endBytes, from: start + tokenBytes.count) {
                pieces.append(Array(buffer[position..<start]))
                // `:<module index>:i` (the item) or `:<module index>:a` (its link).
                let fields = buffer[(start + tokenBytes.count)..<stop].split(separator: UInt8(ascii: ":"))
                marks.append((fields.first.flatMap { Int(String(decoding: $0, as: UTF8.self)) } ?? -1,
                              fields.last?.elementsEqual([UInt8(ascii: "a")]) ?? false))
                position = stop + endBytes.count
            }
            pieces.append(Array(buffer[position...]))
        }
        return Rendered(pieces: pieces, marks: marks)
    }

    struct OutlineContext: TemplateFields {
        var groups: [OutlineGroup]
        var t: UIStrings

        static let fields = FieldTable<OutlineContext>([
            "groups": { $0.groups.templateValue },
            "t": { $0.t.templateValue },
        ])
    }

    struct OutlineGroup: TemplateFields {
        var title: String?
        var kindClass: String?
        var icon: String?
        var items: [OutlineItem]

        static let fields = FieldTable<OutlineGroup>([
            "title": { $0.title.templateValue },
            "kindClass": { $0.kindClass.templateValue },
            "icon": { $0.icon.templateValue },
            "items": { $0.items.templateValue },
        ])
    }

    struct OutlineItem: TemplateFields {
        var number: Int
        var title: String
        var url: String
        /// Marks, replaced by ` class="current"` and ` aria-current="page"` on the current module's page.
        var currentItem: String
        var currentLink: String

        static let fields = FieldTable<OutlineItem>([
            "number": { $0.number.templateValue },
            "title": { $0.title.templateValue },
            "url": { $0.url.templateValue },
            "currentItem": { $0.currentItem.templateValue },
            "currentLink": { $0.currentLink.templateValue },
        ])
    }
}

/// A course outline with one module marked as the current one. Its bytes go straight into the page (compiled
/// templates); as a `String` it is put together only for swift-mustache and tests.
struct OutlineHTML: TemplateBytes {
    fileprivate let rendered: CourseOutlines.Rendered
    let current: Int

    func append(to output: inout [UInt8]) {
        output.append(contentsOf: rendered.pieces[0])
        for (offset, mark) in rendered.marks.enumerated() {
            if mark.index == current { output.appendUTF8(mark.isLink ? #" aria-current="page""# : #" class="current""#) }
            output.append(contentsOf: rendered.pieces[offset + 1])
        }
    }

}
