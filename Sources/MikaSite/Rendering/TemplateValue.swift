import Foundation
import Mustache

/// A context field as the compiled templates read it: text, flags, numbers, HTML, objects and lists travel without
/// an `Any`, so a page is rendered without dynamic casts, type lookups or string comparisons of field names.
/// Values of contexts that are only `MustacheParent` travel as `.other` and take the general path.
enum TemplateValue {
    case text(String)
    case flag(Bool)
    case number(Int)
    case html(any TemplateBytes)
    case object(any TemplateObject)
    case list(any TemplateList)
    case other(Any)

    /// The value as swift-mustache and the general path see it: the field's own value.
    var anyValue: Any {
        switch self {
        case .text(let text): return text
        case .flag(let flag): return flag
        case .number(let number): return number
        case .html(let html): return html
        case .object(let object): return object
        case .list(let list): return list
        case .other(let value): return value
        }
    }
}

/// What a context field can hold: it knows its template value.
protocol TemplateElement {
    var templateValue: TemplateValue { get }
}

extension String: TemplateElement {
    var templateValue: TemplateValue { .text(self) }
}

extension Bool: TemplateElement {
    var templateValue: TemplateValue { .flag(self) }
}

extension Int: TemplateElement {
    var templateValue: TemplateValue { .number(self) }
}

extension Optional where Wrapped: TemplateElement {
    /// Nil for nil: a template then looks the name up further down its stack, as swift-mustache does.
    var templateValue: TemplateValue? { self?.templateValue }
}

/// A list a section repeats for.
protocol TemplateList {
    var templateCount: Int { get }
    func templateElement(at index: Int) -> TemplateValue
}

extension Array: TemplateList, TemplateElement where Element: TemplateElement {
    var templateCount: Int { count }
    func templateElement(at index: Int) -> TemplateValue { self[index].templateValue }
    var templateValue: TemplateValue { .list(self) }
}

/// A context whose fields templates look up by `FieldName`. It is also a `MustacheParent` (for swift-mustache,
/// which themes with other tags fall back to), answered from the same fields.
protocol TemplateObject: MustacheParent, TemplateElement {
    /// The field called `name`; nil when there is none or it is nil.
    func field(_ name: FieldName) -> TemplateValue?
}

extension TemplateObject {
    var templateValue: TemplateValue { .object(self) }
    func child(named name: String) -> Any? { field(FieldName(name))?.anyValue }
}

/// A context with a fixed set of fields, listed once in a `FieldTable`.
protocol TemplateFields: TemplateObject {
    static var fields: FieldTable<Self> { get }
}

extension TemplateFields {
    func field(_ name: FieldName) -> TemplateValue? { Self.fields.value(of: self, name) }
}

extension TemplateBytes {
    var templateValue: TemplateValue { .html(self) }
}

/// A name in a template with a number: names are numbered once, when templates are compiled (and when a context
/// type lists its fields), so a context finds a field by indexing an array.
struct FieldName: Sendable, Equatable {
    let text: String
    let id: Int

    init(_ text: String) {
        self.text = text
        id = Self.registry.id(of: text)
    }

    private static let registry = Registry()

    private final class Registry: @unchecked Sendable {
        private let lock = NSLock()
        private var ids: [String: Int] = [:]

        func id(of name: String) -> Int {
            lock.lock()
            defer { lock.unlock() }
            if let id = ids[name] { return id }
            let id = ids.count
            ids[name] = id
            return id
        }
    }
}

/// The fields of one context type, indexed by `FieldName.id`.
struct FieldTable<Object>: Sendable {
    typealias Accessor = @Sendable (Object) -> TemplateValue?
    private let accessors: [Accessor?]

    init(_ fields: [String: Accessor]) {
        let numbered = fields.map { (FieldName($0.key).id, $0.value) }
        var accessors = [Accessor?](repeating: nil, count: (numbered.map(\.0).max() ?? -1) + 1)
        for (id, accessor) in numbered { accessors[id] = accessor }
        self.accessors = accessors
    }

    func value(of object: Object, _ name: FieldName) -> TemplateValue? {
        name.id < accessors.count ? accessors[name.id]?(object) : nil
    }
}
