import MikaMarkdown

/// A JSON value written with sorted keys and two-space indentation. Foundation's JSONEncoder cost an eighth of
/// a build of a large site; this writes the same data directly.
public indirect enum JSONValue: Equatable, Sendable {
    case string(String)
    case number(Int)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])
    /// An object whose members are sorted by key already (what `object(_:)` makes): written without building,
    /// hashing and sorting a dictionary per object, which cost more than the rest of a record.
    case sortedObject([Member])

    public struct Member: Equatable, Sendable {
        public var key: String
        public var value: JSONValue
    }

    /// Equal when they write the same JSON: an object is the same with either representation.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case let (.string(a), .string(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.bool(a), .bool(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case (.object, .object), (.object, .sortedObject), (.sortedObject, .object), (.sortedObject, .sortedObject):
            return lhs.members == rhs.members
        default: return false
        }
    }

    /// An object's members sorted by key; empty for other values.
    var members: [Member] {
        switch self {
        case .object(let members): return members.map { Member(key: $0.key, value: $0.value) }.sorted { $0.key < $1.key }
        case .sortedObject(let members): return members
        default: return []
        }
    }

    /// Pretty-printed text with a final newline.
    public var text: String { String(decoding: utf8, as: UTF8.self) }

    /// `text` as UTF-8 bytes, for files and pages (no second validation as a `String`).
    public var utf8: [UInt8] {
        var json = JSONWriter(capacity: 4096)
        write(to: &json)
        return json.finish()
    }

    /// The layout is `JSONWriter`'s, so a tree and a document written directly look the same.
    private func write(to json: inout JSONWriter) {
        switch self {
        case .string(let string): json.string(string)
        case .number(let number): json.number(number)
        case .bool(let bool): json.bool(bool)
        case .array(let items):
            json.array { json in
                for item in items {
                    json.item()
                    item.write(to: &json)
                }
            }
        case .object:
            JSONValue.sortedObject(members).write(to: &json)
        case .sortedObject(let members):
            json.object { json in
                for member in members {
                    json.key(member.key)
                    member.value.write(to: &json)
                }
            }
        }
    }

    /// RFC 8259 string escaping: quote, backslash and control characters; everything else as UTF-8.
    static func writeString(_ string: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { bytes in
            // Most strings need no escape: one scan, one copy.
            if !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                output.append(contentsOf: bytes)
                return
            }
            var runStart = 0
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                runStart = index + 1
                switch byte {
                case UInt8(ascii: "\""): output.appendUTF8("\\\"")
                case UInt8(ascii: "\\"): output.appendUTF8("\\\\")
                case UInt8(ascii: "\n"): output.appendUTF8("\\n")
                case UInt8(ascii: "\r"): output.appendUTF8("\\r")
                case UInt8(ascii: "\t"): output.appendUTF8("\\t")
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    output.appendUTF8("\\u00")
                    output.append(hex[Int(byte >> 4)])
                    output.append(hex[Int(byte & 0xF)])
                }
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        output.append(UInt8(ascii: "\""))
    }
}

extension JSONValue {
    /// An object from optional members; nil values are left out.
    public static func object(_ members: [(String, JSONValue?)]) -> JSONValue {
        // Insertion sort: objects have a handful of members, often in order already. An equal key goes after the
        // ones before it, so of a repeated key the last one is kept, as in a dictionary.
        var sorted: [Member] = []
        sorted.reserveCapacity(members.count)
        for (key, value) in members {
            guard let value else { continue }
            var position = sorted.count
            while position > 0 && key < sorted[position - 1].key { position -= 1 }
            if position > 0 && sorted[position - 1].key == key {
                sorted[position - 1].value = value
            } else {
                sorted.insert(Member(key: key, value: value), at: position)
            }
        }
        return .sortedObject(sorted)
    }

    /// `.array` of the values, or nil for an empty list (AMB leaves empty lists out).
    public static func list<T>(_ items: [T], _ transform: (T) -> JSONValue) -> JSONValue? {
        items.isEmpty ? nil : .array(items.map(transform))
    }
}
