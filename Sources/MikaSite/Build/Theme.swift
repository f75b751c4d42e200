import Foundation
import MikaContent
import MikaMarkdown
import Mustache

/// A theme folder: Mustache templates in `templates/` and static files in `assets/`.
public struct Theme: Sendable {
    public static let requiredTemplates = ["home", "course", "module", "quiz", "not-found", "credits"]

    public let directory: URL
    let library: MustacheLibrary

    static let htmlContentType: String = {
        MustacheContentTypes.register(FastHTMLContentType(), named: "MIKA_HTML")
        return "MIKA_HTML"
    }()

    /// Loads every `templates/*.mustache`; a missing template or a syntax error is a diagnostic.
    public static func load(from directory: URL, displayPath: String, diagnostics: inout [Diagnostic]) -> Theme? {
        let templates = directory.appendingPathComponent("templates")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: templates.path) else {
            diagnostics.append(Diagnostic(.error, id: "theme.missing", file: displayPath,
                                          message: "theme folder has no templates/ folder",
                                          hint: "pass --theme DIR pointing at a theme such as themes/default"))
            return nil
        }
        var library = MustacheLibrary()
        var loaded = Set<String>()
        var present = Set<String>()
        for name in names.sorted() where name.hasSuffix(".mustache") {
            let templateName = String(name.dropLast(".mustache".count))
            present.insert(templateName)
            let file = "\(displayPath)/templates/\(name)"
            guard let text = try? String(contentsOf: templates.appendingPathComponent(name), encoding: .utf8) else {
                diagnostics.append(Diagnostic(.error, id: "theme.unreadable", file: file, message: "cannot read template"))
                continue
            }
            do {
                // Same escaping as swift-mustache's HTML type (& < > " '), byte-wise instead of per Character.
                // The pragma sits on a line of its own (a standalone tag leaves no output); error lines are shifted back.
                try library.register("{{% CONTENT_TYPE: \(Self.htmlContentType) }}\n" + text, named: templateName)
                loaded.insert(templateName)
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.append(Diagnostic(.error, id: "theme.template-syntax", file: file,
                                              line: max(error.context.lineNumber - 1, 1), column: error.context.columnNumber,
                                              message: "template syntax error: \(error.error)",
                                              hint: "check that every {{#section}} is closed by {{/section}}"))
            } catch {
                diagnostics.append(Diagnostic(.error, id: "theme.template-syntax", file: file,
                                              message: "template syntax error: \(error)"))
            }
        }
        for required in requiredTemplates where !present.contains(required) {
            diagnostics.append(Diagnostic(.error, id: "theme.missing-template", file: "\(displayPath)/templates",
                                          message: "theme has no \(required).mustache",
                                          hint: "add templates/\(required).mustache to the theme"))
        }
        return loaded.isSuperset(of: requiredTemplates) ? Theme(directory: directory, library: library) : nil
    }

    struct FastHTMLContentType: MustacheContentType {
        func escapeText(_ text: String) -> String { text.htmlEscaped }
    }

    func render(_ context: Any, template: String) -> String {
        library.render(context, withTemplate: template) ?? ""
    }

    /// The bytes of a file under `assets/`.
    func assetContents(_ path: String) -> Data? {
        try? Data(contentsOf: directory.appendingPathComponent("assets").appendingPathComponent(path), options: .mappedIfSafe)
    }

    /// Files under `assets/`, relative to it.
    func assetFiles() -> [String] {
        let assets = directory.appendingPathComponent("assets")
        guard let enumerator = FileManager.default.enumerator(atPath: assets.path) else { return [] }
        var files: [String] = []
        for case let path as String in enumerator {
            var isDirectory: ObjCBool = false
            let full = assets.appendingPathComponent(path).path
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue,
               !(path as NSString).lastPathComponent.hasPrefix(".") {
                files.append(path)
            }
        }
        return files.sorted()
    }
}
