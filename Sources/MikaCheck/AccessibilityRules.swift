import Foundation
import MikaContent
import MikaMarkdown

enum AccessibilityRules {
    static let descriptions: [(id: String, summary: String)] = [
        ("a11y.image-alt", "Images have alt text, or are marked decorative explicitly"),
        ("a11y.placeholder-alt", "Alt texts describe the image, not stand in for a description"),
        ("a11y.heading-order", "Heading levels do not skip (the page title is level 1)"),
        ("a11y.link-text", "Link texts say where they lead, not 'hier' or 'klicken Sie hier'"),
        ("a11y.table-header", "Tables have a header row"),
        ("a11y.video-captions", "Videos have a captions file"),
    ]

    /// Alt texts that only say "there is an image" (German and English).
    static let placeholderAltTexts: Set<String> = [
        "bild", "foto", "grafik", "abbildung", "bildbeschreibung", "beschreibung des bildes", "beschreibung", "alt",
        "alt-text", "alttext", "screenshot", "bildschirmfoto", "image", "picture", "photo", "img", "graphic",
        "description", "image description", "alt text", "platzhalter", "placeholder", "todo", "tbd",
    ]

    /// Link texts that say nothing about the target (German and English).
    /// Made once: building the union costs more than checking a whole module.
    static let spaceAndPunctuation = CharacterSet.whitespaces.union(.punctuationCharacters)

    static let vagueLinkTexts: Set<String> = [
        "hier", "klicken sie hier", "hier klicken", "klick hier", "mehr", "weiter", "weiterlesen", "link", "dieser link",
        "diesen link", "click here", "here", "more", "read more",
    ]
}

extension ContentChecks {
    func checkAccessibility(_ diagnostics: inout [Diagnostic]) {
        for module in site.courses.flatMap(\.modules) {
            let file = display(module.sourcePath)
            for link in module.outline.links {
                if link.isImage {
                    if link.text.trimmingCharacters(in: .whitespaces).isEmpty && !link.isDecorative {
                        diagnostics.append(Diagnostic(.error, id: "a11y.image-alt", file: file, line: link.line, column: link.column,
                                                      message: "image has no alt text",
                                                      hint: "describe the image in the brackets: ![Was zu sehen ist](…); for a purely decorative image write ![dekorativ](…)"))
                    }
                    if let reason = AccessibilityRules.placeholderReason(link, in: module) {
                        diagnostics.append(Diagnostic(.warning, id: "a11y.placeholder-alt", file: file, line: link.line, column: link.column,
                                                      message: "alt text '\(link.text)' \(reason)",
                                                      hint: "say what the image shows and why it is there, e.g. ![Ablauf in sechs Schritten: informieren, planen …](…)"))
                    }
                    let ext = link.destination.fileExtension.lowercased()
                    if ContentLoader.videoExtensions.contains(ext), let target = link.target {
                        let captions = String(target.dropLast(ext.count)) + "vtt"
                        if !site.assets.contains(captions) {
                            diagnostics.append(Diagnostic(.error, id: "a11y.video-captions", file: file, line: link.line,
                                                          column: link.column, message: "video has no captions file",
                                                          hint: "add \(display(captions)) (WebVTT) beside the video"))
                        }
                    }
                } else {
                    let text = link.text.lowercased().trimmingCharacters(in: AccessibilityRules.spaceAndPunctuation)
                    if AccessibilityRules.vagueLinkTexts.contains(text) {
                        diagnostics.append(Diagnostic(.warning, id: "a11y.link-text", file: file, line: link.line, column: link.column,
                                                      message: "link text '\(link.text)' does not say where the link leads",
                                                      hint: "use the target's name as link text, e.g. [Checkliste Datenschutz](…)"))
                    }
                }
            }
            var previous = 1  // the page title
            for heading in module.outline.headings {
                if heading.level > previous + 1 {
                    diagnostics.append(Diagnostic(.warning, id: "a11y.heading-order", file: file, line: heading.line,
                                                  message: "heading level \(heading.level) follows level \(previous)",
                                                  hint: "use \(String(repeating: "#", count: previous + 1)) here; the module title is the only level 1"))
                }
                previous = heading.level
            }
            for table in module.outline.tables where table.headerIsEmpty {
                diagnostics.append(Diagnostic(.error, id: "a11y.table-header", file: file, line: table.line,
                                              message: "table has an empty header row",
                                              hint: "name each column in the first row of the table"))
            }
        }
    }
}

extension AccessibilityRules {
    /// Why an image's alt text is a placeholder, or nil: a word like "Bild", the file's name, or the same text as
    /// another image of the module shows.
    static func placeholderReason(_ link: OutlineLink, in module: Module) -> String? {
        let text = link.text.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, !link.isDecorative else { return nil }
        let lowered = text.lowercased().trimmingCharacters(in: .punctuationCharacters)
        if placeholderAltTexts.contains(lowered) { return "only says that there is an image" }
        let file = (link.destination as NSString).lastPathComponent.lowercased()
        let stem = (file as NSString).deletingPathExtension
        if lowered == file || lowered == stem || lowered.range(of: #"^[\w-]+\.(png|jpe?g|gif|svg|webp|avif)$"#, options: .regularExpression) != nil {
            return "is a file name"
        }
        let sameText = module.outline.links.filter {
            $0.isImage && $0.destination != link.destination && $0.text.trimmingCharacters(in: .whitespaces).lowercased() == text.lowercased()
        }
        if !sameText.isEmpty { return "is also the alt text of a different image on this page" }
        return nil
    }
}
