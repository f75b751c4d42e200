/// A JSON value written with sorted keys and two-space indentation. Foundation's JSONEncoder cost an eighth of
/// a build of a large site; this writes the same data directly.
public indirect enum JSONValue: Equatable, Sendable {
    case string(String)
    case number(Int)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Pretty-printed text with a final newline.
    public var text: String {
        var output = ""
        write(to: &output, indent: 0)
        output.append("\n")
        return output
    }

    private func write(to output: inout String, indent: Int) {
        switch self {
        case .string(let string): Self.writeString(string, to: &output)
        case .number(let number): output.append(String(number))
        case .bool(let bool): output.append(bool ? "true" : "false")
        case .array(let items):
            guard !items.isEmpty else { output.append("[]"); return }
            output.append("[\n")
            for (index, item) in items.enumerated() {
                output.append(String(repeating: " ", count: indent + 2))
                item.write(to: &output, indent: indent + 2)
                output.append(index + 1 < items.count ? ",\n" : "\n")
            }
            output.append(String(repeating: " ", count: indent) + "]")
        case .object(let members):
            guard !members.isEmpty else { output.append("{}"); return }
            output.append("{\n")
            let keys = members.keys.sorted()
            for (index, key) in keys.enumerated() {
                output.append(String(repeating: " ", count: indent + 2))
                Self.writeString(key, to: &output)
                output.append(": ")
                members[key]!.write(to: &output, indent: indent + 2)
                output.append(index + 1 < keys.count ? ",\n" : "\n")
            }
            output.append(String(repeating: " ", count: indent) + "}")
        }
    }

    /// RFC 8259 string escaping: quote, backslash and control characters; everything else as UTF-8.
    private static func writeString(_ string: String, to output: inout String) {
        output.append("\"")
        defer { output.append("\"") }
        guard string.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
            output.append(string)
            return
        }
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": output.append("\\\"")
            case "\\": output.append("\\\\")
            case "\n": output.append("\\n")
            case "\r": output.append("\\r")
            case "\t": output.append("\\t")
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default: output.unicodeScalars.append(scalar)
            }
        }
    }
}

extension JSONValue {
    /// An object from optional members; nil values are left out.
    public static func object(_ members: [(String, JSONValue?)]) -> JSONValue {
        var result: [String: JSONValue] = [:]
        for (key, value) in members { if let value { result[key] = value } }
        return .object(result)
    }

    /// `.array` of the values, or nil for an empty list (AMB leaves empty lists out).
    public static func list<T>(_ items: [T], _ transform: (T) -> JSONValue) -> JSONValue? {
        items.isEmpty ? nil : .array(items.map(transform))
    }
}
