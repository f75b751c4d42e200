import Foundation
@testable import MikaSite
import Mustache
import XCTest

/// The compiled renderer writes the same bytes as swift-mustache: templates that probe its rules for standalone
/// tags, whitespace, newlines, sections, inverted sections, dotted names and partials, on contexts with every kind
/// of value; and what it does not render itself is left to swift-mustache.
final class CompiledTemplateTests: XCTestCase {
    struct Item: MustacheParent {
        var name: String
        var flag: Bool
        var tags: [String]
        func child(named key: String) -> Any? {
            switch key {
            case "name": return name
            case "flag": return flag
            case "tags": return tags
            default: return nil
            }
        }
    }

    struct Page: MustacheParent {
        var title = "A & B <c> \"d\" 'e'"
        var count = 3
        var items = [Item(name: "eins", flag: true, tags: ["x", "y"]), Item(name: "zwei", flag: false, tags: [])]
        var empty: [Item] = []
        var missing: String? = nil
        var present: String? = "da"
        var html = "<b>fett</b>"
        var nested = Item(name: "innen", flag: true, tags: ["z"])
        var plain = PlainStruct(label: "gespiegelt", inner: PlainStruct2(value: 7))
        func child(named key: String) -> Any? {
            switch key {
            case "title": return title
            case "count": return count
            case "items": return items
            case "empty": return empty
            case "missing": return missing
            case "present": return present
            case "html": return html
            case "nested": return nested
            case "plain": return plain
            case "yes": return true
            case "no": return false
            case "double": return 2.5
            default: return nil
            }
        }
    }

    /// `Item` and `Page` again, with typed fields (`TemplateFields`), and HTML bytes and an untyped item inside.
    struct TypedItem: TemplateFields {
        var name: String
        var flag: Bool
        var tags: [String]
        static let fields = FieldTable<TypedItem>([
            "name": { $0.name.templateValue },
            "flag": { $0.flag.templateValue },
            "tags": { $0.tags.templateValue },
        ])
    }

    struct TypedPage: TemplateFields {
        var page = Page()
        var items = [TypedItem(name: "eins", flag: true, tags: ["x", "y"]), TypedItem(name: "zwei", flag: false, tags: [])]
        var empty: [TypedItem] = []
        var nested = TypedItem(name: "innen", flag: true, tags: ["z"])
        var bytes = PageHTML(bytes: Array("<i>roh</i>".utf8))
        static let fields = FieldTable<TypedPage>([
            "title": { $0.page.title.templateValue },
            "count": { $0.page.count.templateValue },
            "items": { $0.items.templateValue },
            "empty": { $0.empty.templateValue },
            "missing": { $0.page.missing.templateValue },
            "present": { $0.page.present.templateValue },
            "html": { $0.page.html.templateValue },
            "nested": { $0.nested.templateValue },
            "plain": { TemplateValue.other($0.page.plain) },
            "yes": { _ in true.templateValue },
            "no": { _ in false.templateValue },
            "double": { _ in TemplateValue.other(2.5) },
            "bytes": { $0.bytes.templateValue },
            "untyped": { TemplateValue.other($0.page.nested) },
        ])
    }

    struct PlainStruct { var label: String; var inner: PlainStruct2 }
    struct PlainStruct2 { var value: Int? }

    static let templates: [(String, String)] = [
        ("variables", "{{title}}|{{{title}}}|{{& title}}|{{ count }}|{{double}}|{{missing}}|{{present}}|{{html}}|{{{html}}}|{{yes}}\n"),
        ("sections", """
        <ul>
          {{#items}}
          <li>{{name}}{{#flag}} (an){{/flag}}{{^flag}} (aus){{/flag}}: {{#tags}}{{.}},{{/tags}}{{^tags}}keine{{/tags}} {{title}}</li>
          {{/items}}
        </ul>
        {{^empty}}leer{{/empty}}
        {{#empty}}nie{{/empty}}
          {{! ein Kommentar }}
        {{#present}}[{{.}}]{{/present}}{{^missing}}fehlt{{/missing}}
        {{#nested}}{{name}} {{#tags}}{{.}}{{/tags}} {{title}}{{/nested}}
        {{nested.name}} {{nested.tags}} {{items.0}} {{plain.label}} {{plain.inner.value}} {{#plain}}{{label}}{{/plain}}
           {{#yes}}
             eingerückt
           {{/yes}}
        {{#no}}x{{/no}}{{^no}}y{{/no}}  {{! mitten }}  z
        a {{#yes}} b {{/yes}} c
        {{> part}}
        {{> nicht-da}}
        { einzeln } {{! }}ende
        """),
        ("part", "Teil: {{title}}\n{{#items}}{{> item}}{{/items}}"),
        ("item", "- {{name}}\n"),
        ("crlf", "a\r\n  {{#yes}}\r\n  b\r\n  {{/yes}}\r\nc {{.}} {{#items}}{{.}}{{/items}}"),
        ("current", "{{#nested}}{{.name}}|{{.title}}{{/nested}}"),
        ("leaves", "{{#title}}{{count}}{{#count}}{{title}}{{#double}}{{.}}{{present}}{{/double}}{{/count}}{{/title}}"),
        ("typed", """
        {{bytes}}|{{{bytes}}}|{{#bytes}}{{title}}{{/bytes}}{{^bytes}}nie{{/bytes}}|{{bytes.x}}|{{items}}|{{nested}}|{{yes.x}}
        {{#untyped}}{{name}} {{title}} {{#tags}}{{.}}{{/tags}}{{/untyped}} {{untyped.name}} {{nested.tags}} {{nested.name.x}}
        {{#items}}{{#tags}}{{.}}{{name}}{{/tags}}{{^tags}}{{name}}: keine{{/tags}}{{/items}} {{^items}}nie{{/items}}
        {{#count}}{{.}}{{count}}{{/count}}{{^count}}nie{{/count}} {{#html}}{{.}}{{{.}}}{{/html}}
        """),
    ]

    func swiftMustache(_ template: String, _ context: Any) throws -> String {
        var library = MustacheLibrary()
        for (name, text) in Self.templates { try library.register(text, named: name) }
        return library.render(context, withTemplate: template) ?? "<nil>"
    }

    func testSameBytesAsSwiftMustache() throws {
        let compiled = try XCTUnwrap(CompiledTemplates(Self.templates.map { ($0.0, $0.1) }))
        for (name, _) in Self.templates {
            let expected = try swiftMustache(name, Page())
            XCTAssertEqual(try compiled.render(Page(), template: name), expected, name)
        }
    }

    /// Contexts with typed fields render as the same contexts looked up through `Any` do, in both renderers.
    func testTypedFieldsRenderAsUntypedOnes() throws {
        let compiled = try XCTUnwrap(CompiledTemplates(Self.templates.map { ($0.0, $0.1) }))
        for (name, _) in Self.templates {
            let expected = try swiftMustache(name, TypedPage())
            XCTAssertEqual(try compiled.render(TypedPage(), template: name), expected, name)
            // `crlf` prints the contexts themselves (`{{.}}`), whose type names differ.
            if !["typed", "crlf"].contains(name) { XCTAssertEqual(expected, try swiftMustache(name, Page()), name) }
        }
    }

    func testWhatItDoesNotRenderIsLeftToSwiftMustache() {
        for text in ["{{=<% %>=}}", "{{< base}}{{/base}}", "{{$block}}x{{/block}}", "{{uppercased(title)}}",
                     "  {{> item}}", "{{#items}}", "{{/items}}", "{{% CONTENT_TYPE: TEXT }}", "{{> *dynamic}}"] {
            XCTAssertNil(CompiledTemplates([("t", text)]), text)
        }
        let lambda = MustacheLambda { _ in "x" }
        struct WithLambda: MustacheParent {
            var lambda: MustacheLambda
            func child(named name: String) -> Any? { name == "l" ? lambda : nil }
        }
        let compiled = CompiledTemplates([("t", "{{l}}")])
        XCTAssertThrowsError(try compiled?.render(WithLambda(lambda: lambda), template: "t"))
    }

    func testUnknownTemplateIsNil() throws {
        XCTAssertNil(try CompiledTemplates([("t", "x")])?.render(Page(), template: "fehlt"))
    }
}
