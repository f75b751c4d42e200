import Foundation
import MikaContent
import MikaMarkdown
import Mustache

/// A theme: Mustache templates in `templates/` and static files in `assets/`. A project's theme folder overrides
/// the built-in default theme file by file; without one, the built-in theme is used as it is.
public struct Theme: Sendable {
    public static let requiredTemplates = ["home", "course", "module", "quiz", "not-found", "credits"]

    /// Templates by language, UI texts filled in, for swift-mustache: made when a page first needs them.
    let libraries: SwiftMustacheLibraries
    /// The same templates compiled (`CompiledTemplates`), by language; missing where a template needs swift-mustache.
    var compiled: [String: CompiledTemplates] = [:]

    /// `MIKA_TEMPLATES=swift-mustache` renders every page with swift-mustache alone (to compare the renderers).
    static let compiledTemplatesEnabled = ProcessInfo.processInfo.environment["MIKA_TEMPLATES"] != "swift-mustache"

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
        // Each source is listed once; a path in an earlier source hides the same path in a later one.
        let listings = sources.map { source -> [String] in
            var ignored: [Diagnostic] = []
            return source.scan(display: { $0 }, diagnostics: &ignored).sorted()
        }
        var files: [String: (source: FileAccess, index: Int)] = [:]
        for (index, source) in sources.enumerated().reversed() {
            for path in listings[index] { files[path] = (source, index) }
        }
        var templates: [(name: String, file: String, text: String)] = []
        for (path, origin) in files.sorted(by: { $0.key < $1.key })
        where path.hasPrefix("templates/") && path.hasSuffix(".mustache") && !path.dropFirst(10).contains("/") {
            let templateName = String(path.dropFirst("templates/".count).dropLast(".mustache".count))
            let file = origin.index == 0 && directory != nil ? "\(displayPath)/\(path)" : "(built-in theme)/\(path)"
            guard let data = origin.source.contents(of: path), let text = String(data: data, encoding: .utf8) else {
                diagnostics.append(Diagnostic(.error, id: "theme.unreadable", file: file, message: "cannot read template"))
                continue
            }
            templates.append((templateName, file, text))
        }
        let assets = files.filter { $0.key.hasPrefix("assets/") }.mapValues(\.source)
        // UI texts merge key by key: a project's en.yml may change a single text of the built-in one.
        var tables: [String: [String: UIStrings.Entry]] = [:]
        for (index, source) in sources.enumerated().reversed() {
            for path in listings[index] where path.hasPrefix("i18n/") && path.hasSuffix(".yml") {
                let language = String(path.dropFirst("i18n/".count).dropLast(".yml".count)).lowercased()
                let file = index == 0 && directory != nil ? "\(displayPath)/\(path)" : "(built-in theme)/\(path)"
                do {
                    let text = source.contents(of: path).flatMap { String(data: $0, encoding: .utf8) } ?? ""
                    tables[language, default: [:]].merge(try UIStrings.parse(text)) { $1 }
                } catch let error as UIStrings.ParseError {
                    diagnostics.append(Diagnostic(.error, id: "theme.i18n-syntax", file: file, message: error.message,
                                                  hint: "write 'key: text' lines, or 'key:' with 'one:' and 'other:' below"))
                } catch {
                    diagnostics.append(Diagnostic(.error, id: "theme.i18n-syntax", file: file,
                                                  message: "not valid YAML: \(error)", hint: "check quotes and indentation"))
                }
            }
        }
        let fallback = tables[defaultLanguage] ?? [:]
        var strings = Dictionary(uniqueKeysWithValues: tables.map { language, table in
            (language, UIStrings(language: language, entries: table, fallback: fallback))
        })
        if strings[defaultLanguage] == nil {
            strings[defaultLanguage] = UIStrings(language: defaultLanguage, entries: [:], fallback: [:])
        }

        // Templates per language with their {{t.key}} texts filled in when the theme is loaded: a lookup at render
        // time costs dynamic casts, on every page, for every text.
        var filled: [String: [(name: String, text: String)]] = [:]
        var compiled: [String: CompiledTemplates] = [:]
        for (language, texts) in strings {
            filled[language] = templates.map { ($0.name, Self.fillTexts($0.text, texts)) }
            if compiledTemplatesEnabled { compiled[language] = CompiledTemplates(filled[language] ?? []) }
        }
        let libraries = SwiftMustacheLibraries(filled)
        // Syntax errors are reported by swift-mustache, at their line. When the default language compiled, every
        // template is within the Mustache core this renderer parses (a subset of what swift-mustache accepts), so
        // the parse is left until a page needs swift-mustache.
        var loaded = Set<String>()
        if compiled[defaultLanguage] != nil {
            loaded = Set(templates.map(\.name))
        } else {
            for template in filled[defaultLanguage] ?? [] {
                do {
                    var library = MustacheLibrary()
                    try library.register(SwiftMustacheLibraries.withContentType(template.text), named: template.name)
                    loaded.insert(template.name)
                } catch let error as MustacheTemplate.ParserError {
                    let file = templates.first { $0.name == template.name }?.file ?? template.name
                    diagnostics.append(Diagnostic(.error, id: "theme.template-syntax", file: file,
                                                  line: max(error.context.lineNumber - 1, 1), column: error.context.columnNumber,
                                                  message: "template syntax error: \(error.error)",
                                                  hint: "check that every {{#section}} is closed by {{/section}}"))
                } catch {
                    let file = templates.first { $0.name == template.name }?.file ?? template.name
                    diagnostics.append(Diagnostic(.error, id: "theme.template-syntax", file: file,
                                                  message: "template syntax error: \(error)"))
                }
            }
        }
        guard loaded.isSuperset(of: requiredTemplates) else { return nil }
        var theme = Theme(libraries: libraries, strings: strings, assets: assets)
        theme.compiled = compiled
        return theme
    }

    /// `{{t.key}}` → the key's text, HTML-escaped; unknown keys and plural texts stay tags for the context's `t`.
    static func fillTexts(_ template: String, _ texts: UIStrings) -> String {
        // The markers are ASCII, so they are found on bytes and the text is cut only between characters.
        func find(_ marker: String, from start: String.Index) -> Range<String.Index>? {
            template.utf8Range(of: marker, in: start..<template.endIndex)
        }
        guard find("{{t.", from: template.startIndex) != nil else { return template }
        var result = ""
        var rest = template.startIndex
        while let open = find("{{t.", from: rest) {
            result += template[rest..<open.lowerBound]
            guard let close = find("}}", from: open.upperBound) else {
                rest = open.lowerBound
                break
            }
            let key = String(template[open.upperBound..<close.lowerBound])
            if key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }), texts.hasText(key) {
                let text = texts.text(key).htmlEscaped
                result += text.contains("{{") ? text.replacingOccurrences(of: "{{", with: "&#123;&#123;") : text
            } else {
                result += template[open.lowerBound..<close.upperBound]
            }
            rest = close.upperBound
        }
        return result + template[rest...]
    }

    /// The language of the theme's own texts, and of pages in a language it has no texts for.
    static let defaultLanguage = "de"

    /// UI texts by language code (`de`, `en`).
    let strings: [String: UIStrings]

    /// The UI texts for a page in `language` (`en-GB` uses `en`); the default language when there are none.
    public func strings(for language: String) -> UIStrings {
        strings[languageCode(language)] ?? UIStrings(language: Self.defaultLanguage, entries: [:], fallback: [:])
    }

    /// Files under `assets/` (path below it → where it comes from).
    let assets: [String: FileAccess]

    struct FastHTMLContentType: MustacheContentType {
        func escapeText(_ text: String) -> String { text.htmlEscaped }
    }

    func render(_ context: Any, template: String, language: String = Theme.defaultLanguage) -> String {
        let code = languageCode(language)
        if let compiled = compiled[code], let page = try? compiled.render(context, template: template) { return page }
        return libraries.library(code)?.render(context, withTemplate: template) ?? ""
    }

    /// `render` as UTF-8 bytes, for pages written straight to a file.
    func renderUTF8(_ context: Any, template: String, language: String = Theme.defaultLanguage) -> [UInt8] {
        let code = languageCode(language)
        if let compiled = compiled[code], let page = try? compiled.renderUTF8(context, template: template) { return page }
        return Array((libraries.library(code)?.render(context, withTemplate: template) ?? "").utf8)
    }

    /// The language whose templates a page uses: `en-GB` uses `en`; the default language when there are none.
    private func languageCode(_ language: String) -> String {
        let code = language.lowercased()
        if libraries.languages.contains(code) { return code }
        if let base = code.split(separator: "-").first.map(String.init), libraries.languages.contains(base) { return base }
        return Self.defaultLanguage
    }

    /// The bytes of a file under `assets/`.
    func assetContents(_ path: String) -> Data? { assets["assets/" + path]?.contents(of: "assets/" + path) }

    /// Files under `assets/`, relative to it.
    func assetFiles() -> [String] { assets.keys.map { String($0.dropFirst("assets/".count)) }.sorted() }
}

/// The theme's templates as swift-mustache libraries, one per language, each made when first asked for: pages
/// render from `CompiledTemplates`, and making a library parses every template.
final class SwiftMustacheLibraries: @unchecked Sendable {
    let languages: Set<String>
    private let sources: [String: [(name: String, text: String)]]
    private let lock = NSLock()
    private var made: [String: MustacheLibrary] = [:]

    init(_ sources: [String: [(name: String, text: String)]]) {
        self.sources = sources
        languages = Set(sources.keys)
    }

    /// Same escaping as swift-mustache's HTML type (& < > " '), byte-wise instead of per Character. The pragma sits
    /// on a line of its own (a standalone tag leaves no output); error lines are shifted back by one.
    static func withContentType(_ text: String) -> String { "{{% CONTENT_TYPE: \(Theme.htmlContentType) }}\n" + text }

    func library(_ language: String) -> MustacheLibrary? {
        lock.lock()
        defer { lock.unlock() }
        if let library = made[language] { return library }
        guard let templates = sources[language] else { return nil }
        var library = MustacheLibrary()
        for template in templates {
            // A template with a syntax error was reported when the theme was loaded (default language) or is
            // left out, as before.
            try? library.register(Self.withContentType(template.text), named: template.name)
        }
        made[language] = library
        return library
    }
}
