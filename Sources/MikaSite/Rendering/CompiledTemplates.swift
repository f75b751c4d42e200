import Foundation
import MikaMarkdown
import Mustache

/// The theme's templates compiled for rendering many pages: the Mustache core that themes use (variables, `{{{raw}}}`
/// and `{{&raw}}`, sections, inverted sections, comments, standalone partials), parsed with swift-mustache's rules for
/// standalone lines and whitespace, and rendered into one buffer. Names are split and numbered once at compile time.
/// The site's contexts are `TemplateObject`s: a lookup indexes their field table and gets a `TemplateValue`, with no
/// cast, boxing or string comparison. Other values are classified once per type when pushed (`MustacheParent` or
/// not), so a lookup in them costs a `child(named:)` call per stack level instead of swift-mustache's protocol casts.
///
/// A template that uses anything else (set delimiters, inheritance, transforms, indented partials, pragmas) makes the
/// whole language fall back to swift-mustache; so does a value this renderer does not know how to show (a lambda, a
/// template). `CompiledTemplateTests` and a build of the sample with both renderers check that the bytes are the same.
struct CompiledTemplates: Sendable {
    indirect enum Node: Sendable {
        /// Literal text as UTF-8 bytes, appended as it is.
        case text([UInt8])
        case variable(Name, escaped: Bool)
        case section(Name, inverted: Bool, [Node])
        case partial(String)
    }

    /// A tag's name: `.` (the current object), a path looked up in the whole stack, or one that starts with `.`
    /// and is looked up in the current object only.
    struct Name: Sendable, Equatable {
        var path: [FieldName]
        var currentOnly: Bool
        var isDot: Bool { path.isEmpty }

        init(_ text: String) {
            currentOnly = text.first == "." && text != "."
            path = text == "." ? [] : text.split(separator: ".").map { FieldName(String($0)) }
        }
    }

    struct Unsupported: Error {}

    let templates: [String: [Node]]

    /// Nil when a template uses what this renderer leaves to swift-mustache, or does not parse.
    init?(_ sources: [(name: String, text: String)]) {
        var templates: [String: [Node]] = [:]
        for source in sources {
            var parser = TemplateParser(source.text)
            guard let nodes = try? parser.parse() else { return nil }
            templates[source.name] = nodes
        }
        self.templates = templates
    }

    /// Renders a template; throws `Unsupported` for values it leaves to swift-mustache.
    func render(_ context: Any, template name: String) throws -> String? {
        try renderUTF8(context, template: name).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The page as UTF-8 bytes (valid: made only of strings and ASCII escapes).
    func renderUTF8(_ context: Any, template name: String) throws -> [UInt8]? {
        guard let nodes = templates[name] else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(32_768)
        let kinds = KindCache()
        var stack = [Frame(context, kinds: kinds)]
        try render(nodes, stack: &stack, into: &output, kinds: kinds)
        return output
    }

    /// How a value renders, decided once per type: a protocol cast costs a search of the conformance tables (about
    /// a thousand instructions, and a page has hundreds of values). `unknown` (optionals, Foundation objects, custom
    /// representations, whose casts depend on the value) takes the general path every time.
    enum Kind { case string, int, double, bool, object, parent, sequence, lambda, template, bytes, renderable, other, unknown }

    /// A kind with what the type conforms to, reached without a protocol cast: the one cast that classified the type
    /// opened it into generic code, which casts later values to the concrete type (a comparison of type metadata).
    struct TypeEntry {
        var kind: Kind
        var access: TypeAccess?
    }

    /// Kinds by type for one page, seeded from what earlier pages learnt and shared at once when a type is new.
    final class KindCache {
        private static let lock = NSLock()
        nonisolated(unsafe) private static var known = TypeTable()
        // One page, one thread: no exclusivity check on each of its thousands of lookups.
        @exclusivity(unchecked) private var table: TypeTable

        init() {
            Self.lock.lock()
            table = Self.known
            Self.lock.unlock()
        }

        func kind(of value: Any) -> Kind { entry(of: value).kind }

        func entry(of value: Any) -> TypeEntry {
            let type = Swift.type(of: value)
            if let entry = table[type] { return entry }
            let entry = Self.classify(value)
            table[type] = entry
            Self.lock.lock()
            Self.known[type] = entry
            Self.lock.unlock()
            return entry
        }

        private static func classify(_ value: Any) -> TypeEntry {
            // Not `value is NSObject`: that bridges strings and numbers. A Foundation class is spotted by its type.
            if let type = Swift.type(of: value) as? AnyClass, type is NSObject.Type { return TypeEntry(kind: .unknown) }
            if Swift.type(of: value) == AnyHashable.self { return TypeEntry(kind: .unknown) }  // casts to what it wraps
            if value is OptionalValue || value is MustacheCustomRepresentation { return TypeEntry(kind: .unknown) }
            if value is String { return TypeEntry(kind: .string) }
            if value is Int { return TypeEntry(kind: .int) }
            if value is Double { return TypeEntry(kind: .double) }
            if value is Bool { return TypeEntry(kind: .bool) }
            if value is MustacheLambda { return TypeEntry(kind: .lambda) }
            if value is MustacheTemplate { return TypeEntry(kind: .template) }
            if let bytes = value as? TemplateBytes { return TypeEntry(kind: .bytes, access: bytesAccess(bytes)) }
            if let object = value as? TemplateObject { return TypeEntry(kind: .object, access: objectAccess(object)) }
            if let parent = value as? MustacheParent { return TypeEntry(kind: .parent, access: parentAccess(parent)) }
            if let sequence = value as? any MustacheSequence {
                return TypeEntry(kind: .sequence, access: sequenceAccess(sequence))
            }
            if let renderable = value as? MustacheCustomRenderable {
                return TypeEntry(kind: .renderable, access: renderableAccess(renderable))
            }
            return TypeEntry(kind: .other)
        }
    }

    /// An object on the context stack.
    enum Frame {
        /// A context with typed fields.
        case object(any TemplateObject)
        case parent(MustacheParent)
        /// A string or number (`{{#url}}…{{/url}}`): it has no children, so lookups go on down the stack.
        case leaf(Any)
        case other(Any)

        init(_ object: Any) {
            // Casts to concrete types are cheap, a protocol cast is not. swift-mustache puts a custom representation
            // before a parent's children; only NSNull has one, and it is no parent.
            if object is String || object is Int || object is Double {
                self = .leaf(object)
            } else if let typed = object as? TemplateObject {
                self = .object(typed)
            } else if let parent = object as? MustacheParent {
                self = .parent(parent)
            } else {
                self = .other(object)
            }
        }

        init(_ object: Any, kinds: KindCache) {
            let entry = kinds.entry(of: object)
            switch entry.kind {
            case .string, .int, .double, .bytes: self = .leaf(object)
            case .object: self = .object(entry.access!.object(object))
            case .parent: self = .parent(entry.access!.parent(object))
            case .unknown: self.init(object)
            default: self = .other(object)
            }
        }

        var object: Any {
            switch self {
            case .object(let object): return object
            case .parent(let parent): return parent
            case .leaf(let object), .other(let object): return object
            }
        }

        /// The field `name` of this frame's object.
        func field(_ name: FieldName) -> TemplateValue? {
            switch self {
            case .object(let object): return object.field(name)
            case .parent(let parent): return parent.child(named: name.text).map(TemplateValue.other)
            case .leaf: return nil
            case .other(let object): return Self.reflectedChild(named: name.text, of: object).map(TemplateValue.other)
            }
        }

        func child(named name: String) -> Any? {
            switch self {
            case .object(let object): return object.child(named: name)
            case .parent(let parent): return parent.child(named: name)
            case .leaf: return nil
            case .other(let object): return Self.reflectedChild(named: name, of: object)
            }
        }

        /// swift-mustache's lookup in objects that are no `MustacheParent`: `NSNull` is nothing, then the stored
        /// property of that name (Mirror), with an optional unwrapped.
        static func reflectedChild(named name: String, of object: Any) -> Any? {
            if let custom = object as? MustacheCustomRepresentation {
                guard let represented = custom.representation else { return nil }
                if let parent = represented as? MustacheParent { return parent.child(named: name) }
                return reflectedChild(named: name, of: represented)
            }
            guard let value = Mirror(reflecting: object).children.first(where: { $0.label == name })?.value else { return nil }
            let mirror = Mirror(reflecting: value)
            guard mirror.displayStyle == .optional else { return value }
            return mirror.children.first?.value
        }
    }

    private func lookUp(_ name: Name, in stack: [Frame], kinds: KindCache) throws -> TemplateValue? {
        if name.isDot { return stack.last.map { .other($0.object) } }
        /// The field of the first frame from the top that has it; by index (iterating `reversed()` copied every frame).
        func find(_ name: FieldName) -> TemplateValue? {
            var index = stack.count - 1
            while index >= 0 {
                if let found = stack[index].field(name) { return found }
                index -= 1
            }
            return nil
        }
        // Most names are one word looked up in the whole stack: the value found is returned as it is, not kept in a
        // variable and copied again (a value holds existentials, copied through their witnesses).
        if name.path.count == 1 && !name.currentOnly { return find(name.path[0]) }
        var value: TemplateValue?
        var rest = name.path[...]
        if name.currentOnly {
            value = stack.last.map { .other($0.object) }
        } else {
            guard let first = rest.first, let found = find(first) else { return nil }
            value = found
            rest = rest.dropFirst()
        }
        for part in rest {
            switch value {
            case .object(let object)?:
                value = object.field(part)
            case .other(let object)?:
                switch kinds.kind(of: object) {
                case .lambda: throw Unsupported()
                case .unknown where object is MustacheLambda: throw Unsupported()
                default: break
                }
                value = Frame(object, kinds: kinds).field(part)
            default:
                // Text, numbers, flags, HTML and lists have no fields.
                return nil
            }
        }
        return value
    }

    private func render(_ nodes: [Node], stack: inout [Frame], into output: inout [UInt8], kinds: KindCache) throws {
        for node in nodes {
            switch node {
            case .text(let bytes):
                output.append(contentsOf: bytes)
            case .variable(let name, let escaped):
                guard let typed = try lookUp(name, in: stack, kinds: kinds) else { continue }
                switch typed {
                case .text(let text):
                    if escaped { text.appendHTMLEscaped(to: &output) } else { output.appendUTF8(text) }
                    continue
                case .number(let number):
                    output.appendUTF8(String(number))
                    continue
                case .html(let html) where !escaped:
                    html.append(to: &output)
                    continue
                default: break
                }
                let value = typed.anyValue
                if !escaped, case let entry = kinds.entry(of: value), entry.kind == .bytes {
                    entry.access!.bytes(value).append(to: &output)
                    continue
                }
                let text = try Self.text(of: value, kinds: kinds)
                if escaped { text.appendHTMLEscaped(to: &output) } else { output.appendUTF8(text) }
            case .section(let name, let inverted, let children):
                let value = try lookUp(name, in: stack, kinds: kinds)
                if inverted {
                    try renderInverted(value, children, stack: &stack, into: &output, kinds: kinds)
                } else {
                    try renderSection(value, children, stack: &stack, into: &output, kinds: kinds)
                }
            case .partial(let name):
                guard let partial = templates[name] else { continue }
                try render(partial, stack: &stack, into: &output, kinds: kinds)
            }
        }
    }

    /// `text(of:)` by the value's kind.
    static func text(of value: Any, kinds: KindCache) throws -> String {
        let entry = kinds.entry(of: value)
        switch entry.kind {
        case .string: return value as! String  // swiftlint:disable:this force_cast
        case .int: return String(value as! Int)  // swiftlint:disable:this force_cast
        case .lambda, .template: throw Unsupported()
        case .renderable, .bytes: return entry.access!.renderable(value).renderText
        case .double, .bool, .sequence, .other: return String(describing: value)
        case .object, .parent, .unknown: return try text(of: value)
        }
    }

    /// What swift-mustache writes for a value: strings as they are, numbers and the rest as `String(describing:)`.
    static func text(of value: Any) throws -> String {
        if let string = value as? String { return string }
        if let number = value as? Int { return String(number) }
        if value is MustacheLambda || value is MustacheTemplate { throw Unsupported() }
        if let renderable = value as? MustacheCustomRenderable { return renderable.renderText }
        if let optional = value as? OptionalValue, let wrapped = optional.wrappedValue { return String(describing: wrapped) }
        return String(describing: value)
    }

    private func renderSection(_ value: TemplateValue?, _ children: [Node], stack: inout [Frame],
                               into output: inout [UInt8], kinds: KindCache) throws {
        switch value {
        case nil:
            return
        case .flag(let flag)?:
            if flag { try render(children, stack: &stack, into: &output, kinds: kinds) }
        case .object(let object)?:
            try renderPushing(.object(object), children, stack: &stack, into: &output, kinds: kinds)
        case .list(let list)?:
            for index in 0..<list.templateCount {
                let frame: Frame
                switch list.templateElement(at: index) {
                case .object(let object): frame = .object(object)
                case .text(let text): frame = .leaf(text)
                case let element: frame = Frame(element.anyValue, kinds: kinds)
                }
                try renderPushing(frame, children, stack: &stack, into: &output, kinds: kinds)
            }
        case .text(let text)?:
            try renderPushing(.leaf(text), children, stack: &stack, into: &output, kinds: kinds)
        case let value?:
            try renderSection(value.anyValue, children, stack: &stack, into: &output, kinds: kinds)
        }
    }

    private func renderInverted(_ value: TemplateValue?, _ children: [Node], stack: inout [Frame],
                                into output: inout [UInt8], kinds: KindCache) throws {
        switch value {
        case .flag(let flag)?:
            if !flag { try render(children, stack: &stack, into: &output, kinds: kinds) }
        case .list(let list)? where list.templateCount > 0:
            return
        case .text?, .number?, .object?, .html?:
            return
        case let value:
            try renderInverted(value?.anyValue, children, stack: &stack, into: &output, kinds: kinds)
        }
    }

    private func renderSection(_ value: Any?, _ children: [Node], stack: inout [Frame], into output: inout [UInt8],
                               kinds: KindCache) throws {
        guard let value else { return }
        let entry = kinds.entry(of: value)
        switch entry.kind {
        case .bool:
            if value as! Bool { try render(children, stack: &stack, into: &output, kinds: kinds) }  // swiftlint:disable:this force_cast
        case .string:
            try renderPushing(.leaf(value), children, stack: &stack, into: &output, kinds: kinds)
        case .object:
            try renderPushing(.object(entry.access!.object(value)), children, stack: &stack, into: &output, kinds: kinds)
        case .parent:
            try renderPushing(.parent(entry.access!.parent(value)), children, stack: &stack, into: &output, kinds: kinds)
        case .lambda:
            throw Unsupported()
        case .sequence:
            for element in entry.access!.elements(value) {
                try renderPushing(Frame(element, kinds: kinds), children, stack: &stack, into: &output, kinds: kinds)
            }
        case .renderable, .bytes:
            if entry.access!.renderable(value).isNull { return }
            try renderPushing(Frame(value, kinds: kinds), children, stack: &stack, into: &output, kinds: kinds)
        case .unknown:
            try renderAnySection(value, children, stack: &stack, into: &output, kinds: kinds)
        case .int, .double, .template, .other:
            try renderPushing(Frame(value, kinds: kinds), children, stack: &stack, into: &output, kinds: kinds)
        }
    }

    private func renderInverted(_ value: Any?, _ children: [Node], stack: inout [Frame], into output: inout [UInt8],
                                kinds: KindCache) throws {
        guard let value else {
            try render(children, stack: &stack, into: &output, kinds: kinds)
            return
        }
        let entry = kinds.entry(of: value)
        switch entry.kind {
        case .bool:
            if !(value as! Bool) { try render(children, stack: &stack, into: &output, kinds: kinds) }  // swiftlint:disable:this force_cast
        case .sequence:
            // swift-mustache pushes the empty sequence itself.
            if entry.access!.isEmpty(value) {
                try renderPushing(Frame(value, kinds: kinds), children, stack: &stack, into: &output, kinds: kinds)
            }
        case .renderable, .bytes:
            if entry.access!.renderable(value).isNull { try render(children, stack: &stack, into: &output, kinds: kinds) }
        case .unknown:
            try renderAnyInverted(value, children, stack: &stack, into: &output, kinds: kinds)
        case .string, .int, .double, .object, .parent, .lambda, .template, .other:
            return
        }
    }

    /// A section over a value whose casts depend on the value itself (an optional, a Foundation object).
    private func renderAnySection(_ value: Any, _ children: [Node], stack: inout [Frame], into output: inout [UInt8],
                                  kinds: KindCache) throws {
        if let flag = value as? Bool {
            if flag { try render(children, stack: &stack, into: &output, kinds: kinds) }
            return
        }
        if value is String {
            try renderPushing(Frame(value), children, stack: &stack, into: &output, kinds: kinds)
            return
        }
        if let object = value as? TemplateObject {
            try renderPushing(.object(object), children, stack: &stack, into: &output, kinds: kinds)
            return
        }
        if let parent = value as? MustacheParent, !(value is MustacheCustomRepresentation) {
            try renderPushing(.parent(parent), children, stack: &stack, into: &output, kinds: kinds)
            return
        }
        if value is MustacheLambda { throw Unsupported() }
        if let sequence = value as? any MustacheSequence {
            for element in Self.elements(sequence) {
                try renderPushing(Frame(element, kinds: kinds), children, stack: &stack, into: &output, kinds: kinds)
            }
            return
        }
        if let renderable = value as? MustacheCustomRenderable, renderable.isNull { return }
        try renderPushing(Frame(value), children, stack: &stack, into: &output, kinds: kinds)
    }

    private func renderAnyInverted(_ value: Any, _ children: [Node], stack: inout [Frame], into output: inout [UInt8],
                                   kinds: KindCache) throws {
        if let flag = value as? Bool {
            if !flag { try render(children, stack: &stack, into: &output, kinds: kinds) }
            return
        }
        if value is String { return }
        if let sequence = value as? any MustacheSequence {
            if Self.elements(sequence).isEmpty {
                try renderPushing(Frame(value), children, stack: &stack, into: &output, kinds: kinds)
            }
            return
        }
        if let renderable = value as? MustacheCustomRenderable, renderable.isNull {
            try render(children, stack: &stack, into: &output, kinds: kinds)
        }
    }

    private func renderPushing(_ frame: Frame, _ children: [Node], stack: inout [Frame], into output: inout [UInt8],
                               kinds: KindCache) throws {
        stack.append(frame)
        defer { stack.removeLast() }
        try render(children, stack: &stack, into: &output, kinds: kinds)
    }

    static func elements<S: Sequence>(_ sequence: S) -> [Any] { sequence.map { $0 as Any } }
}

/// HTML made before the page (a course outline, the metadata head) that writes its UTF-8 bytes into the page itself.
/// It is also `MustacheCustomRenderable`, for escaped use and for swift-mustache, and a parent without children, so
/// that inside `{{#it}}…{{/it}}` names are looked up further down the stack by both renderers.
protocol TemplateBytes: MustacheCustomRenderable, MustacheParent, CustomStringConvertible, TemplateElement {
    func append(to output: inout [UInt8])
}

extension TemplateBytes {
    func child(named name: String) -> Any? { nil }
    var isNull: Bool { false }
    var renderText: String {
        var bytes: [UInt8] = []
        append(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
    var description: String { renderText }
}

/// HTML put together as UTF-8 bytes (escaped where it takes text), written into the page as it is.
struct PageHTML: TemplateBytes {
    var bytes: [UInt8] = []

    static func += (html: inout PageHTML, text: String) { html.bytes.appendUTF8(text) }
    mutating func appendEscaped(_ text: String) { text.appendHTMLEscaped(to: &bytes) }
    func append(to output: inout [UInt8]) { output.append(contentsOf: bytes) }
}

/// What a value of one type is used as in a template, without a protocol cast: each subclass is generic over the
/// type, so it casts an `Any` to that concrete type and has the conformance from its generic parameter.
class TypeAccess: @unchecked Sendable {
    func object(_ value: Any) -> any TemplateObject { preconditionFailure("not a typed context") }
    func parent(_ value: Any) -> MustacheParent { preconditionFailure("not a parent") }
    func elements(_ value: Any) -> [Any] { preconditionFailure("not a sequence") }
    func isEmpty(_ value: Any) -> Bool { preconditionFailure("not a sequence") }
    func renderable(_ value: Any) -> MustacheCustomRenderable { preconditionFailure("not renderable") }
    func bytes(_ value: Any) -> TemplateBytes { preconditionFailure("not template bytes") }
}

private final class ObjectAccess<Object: TemplateObject>: TypeAccess, @unchecked Sendable {
    override func object(_ value: Any) -> any TemplateObject { value as! Object }  // swiftlint:disable:this force_cast
}

private final class ParentAccess<Parent: MustacheParent>: TypeAccess, @unchecked Sendable {
    override func parent(_ value: Any) -> MustacheParent { value as! Parent }  // swiftlint:disable:this force_cast
}

private final class SequenceAccess<Elements: MustacheSequence>: TypeAccess, @unchecked Sendable {
    override func elements(_ value: Any) -> [Any] { (value as! Elements).map { $0 as Any } }  // swiftlint:disable:this force_cast
    override func isEmpty(_ value: Any) -> Bool {
        var iterator = (value as! Elements).makeIterator()  // swiftlint:disable:this force_cast
        return iterator.next() == nil
    }
}

private final class RenderableAccess<Renderable: MustacheCustomRenderable>: TypeAccess, @unchecked Sendable {
    override func renderable(_ value: Any) -> MustacheCustomRenderable { value as! Renderable }  // swiftlint:disable:this force_cast
}

/// Template bytes are also renderable (escaped use) and parents (sections over them).
private final class BytesAccess<Bytes: TemplateBytes>: TypeAccess, @unchecked Sendable {
    override func bytes(_ value: Any) -> TemplateBytes { value as! Bytes }  // swiftlint:disable:this force_cast
    override func renderable(_ value: Any) -> MustacheCustomRenderable { value as! Bytes }  // swiftlint:disable:this force_cast
    override func parent(_ value: Any) -> MustacheParent { value as! Bytes }  // swiftlint:disable:this force_cast
}

// Each takes an existential and opens it, so the access is made for the value's concrete type.
private func objectAccess<Object: TemplateObject>(_ object: Object) -> TypeAccess { ObjectAccess<Object>() }
private func parentAccess<Parent: MustacheParent>(_ parent: Parent) -> TypeAccess { ParentAccess<Parent>() }
private func sequenceAccess<Elements: MustacheSequence>(_ sequence: Elements) -> TypeAccess { SequenceAccess<Elements>() }
private func renderableAccess<Renderable: MustacheCustomRenderable>(_ renderable: Renderable) -> TypeAccess {
    RenderableAccess<Renderable>()
}
private func bytesAccess<Bytes: TemplateBytes>(_ bytes: Bytes) -> TypeAccess { BytesAccess<Bytes>() }

/// Type entries by type, open addressing on the metadata address: a page looks types up thousands of times, and
/// hashing an `ObjectIdentifier` through `Hasher` cost more than the rest of the lookup.
struct TypeTable {
    private var keys: [UInt] = Array(repeating: 0, count: 64)
    private var entries: [CompiledTemplates.TypeEntry?] = Array(repeating: nil, count: 64)
    private var count = 0

    private func slot(of key: UInt) -> Int {
        let mask = keys.count - 1
        var slot = Int(truncatingIfNeeded: ((key >> 4) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & mask }
        return slot
    }

    subscript(type: Any.Type) -> CompiledTemplates.TypeEntry? {
        get {
            let key = UInt(bitPattern: ObjectIdentifier(type))
            return entries[slot(of: key)]
        }
        set {
            guard let newValue else { return }
            let key = UInt(bitPattern: ObjectIdentifier(type))
            let index = slot(of: key)
            if keys[index] == 0 {
                keys[index] = key
                count += 1
            }
            entries[index] = newValue
            if count * 2 > keys.count { grow() }
        }
    }

    private mutating func grow() {
        let old = zip(keys, entries).filter { $0.0 != 0 }
        keys = Array(repeating: 0, count: keys.count * 2)
        entries = Array(repeating: nil, count: keys.count)
        for (key, entry) in old {
            let index = slot(of: key)
            keys[index] = key
            entries[index] = entry
        }
    }
}

/// Lets `text(of:)` see through an optional hidden in an `Any`.
private protocol OptionalValue { var wrappedValue: Any? { get } }
extension Optional: OptionalValue {
    var wrappedValue: Any? { self.map { $0 as Any } }
}

/// Parses a template the way swift-mustache does (its rules for standalone tags, the whitespace before them and
/// newlines), for the tags `CompiledTemplates` renders; any other tag throws `Unsupported`.
private struct TemplateParser {
    typealias Node = CompiledTemplates.Node
    let characters: [Character]
    var position = 0

    init(_ text: String) { characters = Array(text) }

    static let nameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")
    static let partialNameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")

    var atEnd: Bool { position >= characters.count }
    var current: Character { atEnd ? "\0" : characters[position] }

    mutating func parse() throws -> [Node] {
        let (nodes, closing) = try parseSection(name: nil, newLine: true)
        guard closing == nil else { throw CompiledTemplates.Unsupported() }
        return nodes
    }

    /// Reads spaces and tabs.
    mutating func readBlanks() -> String {
        var text = ""
        while !atEnd, current == " " || current == "\t" { text.append(current); position += 1 }
        return text
    }

    mutating func skipWhitespace() { while !atEnd, current.isWhitespace { position += 1 } }

    /// Text up to `{{` (consumed) or a newline (not consumed).
    mutating func readText() throws -> String {
        var text = ""
        while !atEnd {
            let character = current
            if character == "\n" || character == "\r\n" { break }
            if character == "{" {
                // swift-mustache reads two characters at every `{` and fails on a lone one at the very end: its
                // error, at its line, is what the author should see.
                guard position + 1 < characters.count else { throw CompiledTemplates.Unsupported() }
                if characters[position + 1] == "{" {
                    position += 2
                    break
                }
            }
            text.append(character)
            position += 1
        }
        return text
    }

    /// The rest of the line is blank: consume it with its newline.
    mutating func lineFinished() -> Bool {
        if atEnd { return true }
        var probe = position
        while probe < characters.count, characters[probe] == " " || characters[probe] == "\t" { probe += 1 }
        if probe < characters.count, characters[probe].isNewline {
            position = probe + 1
            return true
        }
        return false
    }

    mutating func name() throws -> String {
        skipWhitespace()
        var text = ""
        while !atEnd, Self.nameCharacters.contains(current) { text.append(current); position += 1 }
        // An empty tag is swift-mustache's to report.
        guard !text.isEmpty else { throw CompiledTemplates.Unsupported() }
        // Transforms (`f(x)`) and anything else are left to swift-mustache.
        skipWhitespace()
        try expect("}}")
        return text
    }

    mutating func expect(_ text: String) throws {
        for character in text {
            guard !atEnd, current == character else { throw CompiledTemplates.Unsupported() }
            position += 1
        }
    }

    /// Nodes up to the end, or up to `{{/name}}` of the section `name`.
    mutating func parseSection(name sectionName: String?, newLine startsOnNewLine: Bool) throws -> ([Node], String?) {
        var nodes: [Node] = []
        var newLine = startsOnNewLine
        var blanksBefore = ""
        func standalone() -> Bool { newLine && lineFinished() }
        while !atEnd {
            if newLine { blanksBefore = readBlanks() }
            let text = try readText()
            if current.isNewline {
                nodes.append(.text(Array((blanksBefore + text + String(current)).utf8)))
                newLine = true
                position += 1
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(Array((blanksBefore + text).utf8)))
                blanksBefore = ""
                newLine = false
            }
            if atEnd { break }
            var nextNewLine = false
            switch current {
            case "#", "^":
                let inverted = current == "^"
                position += 1
                let name = try name()
                if standalone() {
                    nextNewLine = true
                } else if !blanksBefore.isEmpty {
                    nodes.append(.text(Array(blanksBefore.utf8)))
                    blanksBefore = ""
                }
                let (children, _) = try parseSection(name: name, newLine: nextNewLine)
                nodes.append(.section(CompiledTemplates.Name(name), inverted: inverted, children))
            case "/":
                position += 1
                let name = try name()
                guard name == sectionName else { throw CompiledTemplates.Unsupported() }
                if !standalone(), !blanksBefore.isEmpty { nodes.append(.text(Array(blanksBefore.utf8))) }
                return (nodes, name)
            case "!":
                position += 1
                while !atEnd, !(current == "}" && position + 1 < characters.count && characters[position + 1] == "}") { position += 1 }
                try expect("}}")
                nextNewLine = standalone()
            case "{":
                if !blanksBefore.isEmpty { nodes.append(.text(Array(blanksBefore.utf8))); blanksBefore = "" }
                position += 1
                let name = try name()
                try expect("}")
                nodes.append(.variable(CompiledTemplates.Name(name), escaped: false))
            case "&":
                if !blanksBefore.isEmpty { nodes.append(.text(Array(blanksBefore.utf8))); blanksBefore = "" }
                position += 1
                nodes.append(.variable(CompiledTemplates.Name(try name()), escaped: false))
            case ">":
                position += 1
                skipWhitespace()
                guard current != "*" else { throw CompiledTemplates.Unsupported() }
                var partial = ""
                while !atEnd, Self.partialNameCharacters.contains(current) { partial.append(current); position += 1 }
                guard !partial.isEmpty else { throw CompiledTemplates.Unsupported() }
                skipWhitespace()
                try expect("}}")
                // swift-mustache indents every line of an indented partial; that is left to it.
                guard blanksBefore.isEmpty else { throw CompiledTemplates.Unsupported() }
                nextNewLine = standalone()
                nodes.append(.partial(partial))
            case "<", "$", "=", "%":
                throw CompiledTemplates.Unsupported()
            default:
                if !blanksBefore.isEmpty { nodes.append(.text(Array(blanksBefore.utf8))); blanksBefore = "" }
                nodes.append(.variable(CompiledTemplates.Name(try name()), escaped: true))
            }
            newLine = nextNewLine
        }
        guard sectionName == nil else { throw CompiledTemplates.Unsupported() }
        return (nodes, nil)
    }
}
