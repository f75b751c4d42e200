/// Writes JSON with two-space indentation, `"key": value` and a final newline, while the values are produced: no
/// tree of values is built, copied and freed (`JSONValue` writes its trees through it too). The caller gives an
/// object's members in sorted key order; debug builds check it.
public struct JSONWriter {
    private var output: [UInt8] = []
    /// For each open object or array: whether a member or item is written yet.
    private var filled: [Bool] = []
    #if DEBUG
    private var lastKeys: [String?] = []
    #endif

    public init(capacity: Int = 2048) {
        output.reserveCapacity(capacity)
    }

    /// The document, with the final newline.
    public mutating func finish() -> [UInt8] {
        output.append(UInt8(ascii: "\n"))
        return output
    }

    // MARK: - Containers

    /// An object; `body` writes its members with `member`.
    public mutating func object(_ body: (inout JSONWriter) -> Void) {
        open(UInt8(ascii: "{"))
        body(&self)
        close(UInt8(ascii: "}"))
    }

    /// An array; `body` writes its items with `item`.
    public mutating func array(_ body: (inout JSONWriter) -> Void) {
        open(UInt8(ascii: "["))
        body(&self)
        close(UInt8(ascii: "]"))
    }

    /// Starts a member of the open object; the value follows.
    public mutating func key(_ key: String) {
        #if DEBUG
        if let last = lastKeys[lastKeys.count - 1] { assert(last < key, "JSON keys out of order: \(last), \(key)") }
        lastKeys[lastKeys.count - 1] = key
        #endif
        separate()
        JSONValue.writeString(key, to: &output)
        output.append(UInt8(ascii: ":"))
        output.append(UInt8(ascii: " "))
    }

    /// Starts an item of the open array; the value follows.
    public mutating func item() {
        separate()
    }

    // MARK: - Values

    public mutating func string(_ value: String) {
        JSONValue.writeString(value, to: &output)
    }

    public mutating func bool(_ value: Bool) {
        output.appendUTF8(value ? "true" : "false")
    }

    public mutating func number(_ value: Int) {
        output.appendUTF8(String(value))
    }

    // MARK: - Shorthands

    /// A member with a text value; nothing when the value is nil.
    public mutating func member(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    /// A member holding an array of `items`, each written by `write`; nothing for an empty list (as `JSONValue.list`).
    /// Inlinable, so it is specialised where it is used (generic across modules it cost 2,700 instructions a call).
    @inlinable
    public mutating func member<T>(_ name: String, list items: [T], _ write: (inout JSONWriter, T) -> Void) {
        guard !items.isEmpty else { return }
        key(name)
        array { json in
            for value in items {
                json.item()
                write(&json, value)
            }
        }
    }

    /// A member holding an array of texts, `[]` when there are none (as `JSONValue.array`).
    public mutating func member(_ name: String, strings: [String]) {
        key(name)
        array { json in
            for text in strings {
                json.item()
                json.string(text)
            }
        }
    }

    /// A member holding an object; `body` writes its members.
    public mutating func member(_ name: String, object body: (inout JSONWriter) -> Void) {
        key(name)
        object(body)
    }

    /// A member holding `{"key": "text", …}` with sorted keys (language maps such as `prefLabel`).
    public mutating func member(_ name: String, texts: [String: String]) {
        key(name)
        object { json in
            for (key, text) in texts.sorted(by: { $0.key < $1.key }) { json.member(key, text) }
        }
    }

    // MARK: - Layout

    private mutating func open(_ bracket: UInt8) {
        output.append(bracket)
        filled.append(false)
        #if DEBUG
        lastKeys.append(nil)
        #endif
    }

    private mutating func close(_ bracket: UInt8) {
        if filled.removeLast() {
            output.append(UInt8(ascii: "\n"))
            indent()
        }
        output.append(bracket)
        #if DEBUG
        lastKeys.removeLast()
        #endif
    }

    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    /// Two spaces for each open object or array.
    private mutating func indent() {
        let count = 2 * filled.count
        if count <= Self.spaces.count {
            Self.spaces.withUnsafeBufferPointer { output.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<count])) }
        } else {
            output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
        }
    }

    /// `,` after the previous member or item, then a new line indented to the open container's depth.
    private mutating func separate() {
        if filled[filled.count - 1] { output.append(UInt8(ascii: ",")) } else { filled[filled.count - 1] = true }
        output.append(UInt8(ascii: "\n"))
        indent()
    }
}
