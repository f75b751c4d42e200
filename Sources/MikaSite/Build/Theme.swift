import Foundation
import MikaContent
import MikaMarkdown
import Mustache

/// A theme: Mustache templates in `templates/` and static files in `assets/`. A project's theme folder overrides
/// the built-in default theme file by file; without one, the built-in theme is used as it is.
public struct Theme: Sendable {
    public static let requiredTemplates = ["home", "course", "module", "quiz", "not-found", "credits"]

    let library: MustacheLibrary

    static let htmlContentType: String = {
        MustacheContentTypes.register(FastHTMLContentType(), named: "MIKA_HTML")
        return "MIKA_HTML"
    }()

    static let builtIn = MemoryFiles(texts: BuiltInTheme.files)

    /// Loads every `templates/*.mustache` of the folder (if given) and of the built-in theme; a template with a
    /// syntax error is a diagnostic. An explicitly given folder that does not exist is an error.
    public static func load(from directory: URL?, displayPath: String, diagnostics: inout [Diagnostic]) -> Theme? {
        // Where files are looked up, first match wins: the project's theme folder, then the built-in theme.
        var sources: [FileAccess] = [builtIn]
        if let directory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                diagnostics.append(Diagnostic(.error, id: "theme.missing", file: displayPath,
                                              message: "theme folder not found",
                                              hint: "pass --theme DIR pointing at a theme folder, or leave --theme out to use the built-in theme"))
                return nil
            }
            sources.insert(DiskFiles(directory), at: 0)
        }
        var files: [String: (source: FileAccess, index: Int)] = [:]
        for (index, source) in sources.enumerated().reversed() {
            var ignored: [Diagnostic] = []
            for path in source.scan(display: { $0 }, diagnostics: &ignored) { files[path] = (source, index) }
        }
        var library = MustacheLibrary()
        var loaded = Set<String>()
        for (path, origin) in files.sorted(by: { $0.key < $1.key })
        where path.hasPrefix("templates/") && path.hasSuffix(".mustache") && !path.dropFirst(10).contains("/") {
            let templateName = String(path.dropFirst("templates/".count).dropLast(".mustache".count))
            let file = origin.index == 0 && directory != nil ? "\(displayPath)/\(path)" : "(built-in theme)/\(path)"
            guard let data = origin.source.contents(of: path), let text = String(data: data, encoding: .utf8) else {
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
        let assets = files.filter { $0.key.hasPrefix("assets/") }.mapValues(\.source)
        return loaded.isSuperset(of: requiredTemplates)
            ? Theme(library: library, assets: assets) : nil
    }

    /// Files under `assets/` (path below it → where it comes from).
    let assets: [String: FileAccess]

    struct FastHTMLContentType: MustacheContentType {
        func escapeText(_ text: String) -> String { text.htmlEscaped }
    }

    func render(_ context: Any, template: String) -> String {
        library.render(context, withTemplate: template) ?? ""
    }

    /// The bytes of a file under `assets/`.
    func assetContents(_ path: String) -> Data? { assets["assets/" + path]?.contents(of: "assets/" + path) }

    /// Files under `assets/`, relative to it.
    func assetFiles() -> [String] { assets.keys.map { String($0.dropFirst("assets/".count)) }.sorted() }
}
