import Foundation
import Yams

/// The pixel size of a PNG, GIF, JPEG or SVG (its `viewBox`, else `width`/`height`), read from the file's bytes.
public enum ImageSize {
    public static func of(_ data: Data) -> PixelSize? {
        let bytes = [UInt8](data.prefix(1 << 20))
        if bytes.count >= 24, bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), bytes[12...15].elementsEqual("IHDR".utf8) {
            return size(big(bytes, 16), big(bytes, 20))
        }
        if bytes.count >= 10, bytes.starts(with: Array("GIF8".utf8)) {
            return size(Int(bytes[6]) | Int(bytes[7]) << 8, Int(bytes[8]) | Int(bytes[9]) << 8)
        }
        if bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 { return jpeg(bytes) }
        if let text = String(data: data.prefix(8192), encoding: .utf8), text.contains("<svg") { return svg(text) }
        return nil
    }

    static func size(_ width: Int, _ height: Int) -> PixelSize? {
        width > 0 && height > 0 && width < 100_000 && height < 100_000 ? PixelSize(width: width, height: height) : nil
    }

    static func big(_ bytes: [UInt8], _ offset: Int) -> Int {
        Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
    }

    /// The first start-of-frame marker (SOF0–SOF15 except DHT, JPG, DAC) holds height and width.
    static func jpeg(_ bytes: [UInt8]) -> PixelSize? {
        var index = 2
        while index + 9 < bytes.count {
            guard bytes[index] == 0xFF else { return nil }
            let marker = bytes[index + 1]
            if marker == 0xFF { index += 1; continue }
            let length = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            if (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker) {
                return size(Int(bytes[index + 7]) << 8 | Int(bytes[index + 8]), Int(bytes[index + 5]) << 8 | Int(bytes[index + 6]))
            }
            guard length >= 2 else { return nil }
            index += 2 + length
        }
        return nil
    }

    static func svg(_ text: String) -> PixelSize? {
        guard let start = text.range(of: "<svg") else { return nil }
        let tag = text[start.upperBound...].prefix { $0 != ">" }
        func attribute(_ name: String) -> String? {
            for quote in ["\"", "'"] {
                if let range = tag.range(of: " \(name)=\(quote)") ?? tag.range(of: "\n\(name)=\(quote)") {
                    return String(tag[range.upperBound...].prefix { String($0) != quote })
                }
            }
            return nil
        }
        if let box = attribute("viewBox") {
            let numbers = box.split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Double($0) }
            if numbers.count == 4 { return size(Int(numbers[2].rounded()), Int(numbers[3].rounded())) }
        }
        if let width = attribute("width").flatMap({ Double($0.filter { $0.isNumber || $0 == "." }) }),
           let height = attribute("height").flatMap({ Double($0.filter { $0.isNumber || $0 == "." }) }) {
            return size(Int(width.rounded()), Int(height.rounded()))
        }
        return nil
    }
}

/// Reads a ```` ```hotspots ```` block: a YAML list of `{x, y, width, height, label}` in image pixels.
enum HotspotParser {
    static let keys = ["x", "y", "width", "height", "label"]

    static func parse(_ yaml: String, file: String, lineOffset: Int, diagnostics: inout [Diagnostic]) -> [Hotspot]? {
        let node: Yams.Node?
        do {
            node = try Yams.compose(yaml: yaml, .basic, .default, .utf8)
        } catch {
            diagnostics.append(Diagnostic(.error, id: "hotspots.syntax", file: file, line: lineOffset + 1,
                                          message: "the hotspots block is not a YAML list",
                                          hint: "write one line per hotspot: - {x: 120, y: 40, width: 200, height: 30, label: \"Menü öffnen\"}"))
            return nil
        }
        guard let list = node?.sequence, !list.isEmpty else {
            diagnostics.append(Diagnostic(.error, id: "hotspots.syntax", file: file, line: lineOffset + 1,
                                          message: "the hotspots block lists no hotspot",
                                          hint: "write one line per hotspot: - {x: 120, y: 40, width: 200, height: 30, label: \"Menü öffnen\"}"))
            return nil
        }
        var hotspots: [Hotspot] = []
        for (index, item) in list.enumerated() {
            let line = (item.mark?.line ?? 1) + lineOffset
            guard let mapping = item.mapping else {
                diagnostics.append(Diagnostic(.error, id: "hotspots.syntax", file: file, line: line, column: item.mark?.column ?? 1,
                                              message: "hotspot \(index + 1) is not a mapping",
                                              hint: "write - {x: 120, y: 40, width: 200, height: 30, label: \"…\"}"))
                continue
            }
            let reader = FieldReader(mapping: mapping, file: file, lineOffset: lineOffset)
            func number(_ key: String) -> Double? {
                guard let text = reader.string(key, required: true, what: "the hotspot"), let value = Double(text),
                      value.isFinite, value >= 0 else {
                    if reader.has(key) {
                        reader.report(.error, "hotspots.syntax", at: reader.node(key), "'\(key)' must be a number of pixels, 0 or more")
                    }
                    return nil
                }
                return value
            }
            let x = number("x"), y = number("y"), width = number("width"), height = number("height")
            let label = reader.string("label", required: true, what: "the hotspot")
            if let width, let height, width == 0 || height == 0 {
                reader.report(.error, "hotspots.syntax", at: reader.node(width == 0 ? "width" : "height"),
                              "a hotspot needs a width and a height above 0")
            }
            reader.finish(known: keys, what: "a hotspot")
            diagnostics += reader.diagnostics
            if let x, let y, let width, let height, let label, width > 0, height > 0 {
                hotspots.append(Hotspot(number: hotspots.count + 1, x: x, y: y, width: width, height: height, label: label, line: line))
            }
        }
        return hotspots
    }
}
