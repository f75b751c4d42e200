import Foundation

/// A folder of files written from a dictionary, removed when the test is done.
public final class FixtureTree {
    public let root: URL

    /// `files` maps relative paths to contents.
    public init(_ files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("mika-fixture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try add(files)
    }

    public func add(_ files: [String: String]) throws {
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    public func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// A minimal valid site: site.yml, one course with phases and two modules.
    public static let minimalSite: [String: String] = [
        "content/site.yml": """
        title: Testcampus
        base_url: https://example.org/campus/
        license: CC-BY-SA-4.0
        authors: [Site Team]
        impressum: https://example.org/impressum
        datenschutz: https://example.org/datenschutz
        barrierefreiheit: https://example.org/barrierefreiheit
        """,
        "content/courses/kurs/course.yml": """
        title: Testkurs
        description: Ein Kurs zum Testen.
        phases:
          - id: start
            kind: präsenz-workshop
            title: Auftakt
            duration: 4 Std.
        """,
        "content/courses/kurs/01-erstes.md": """
        ---
        title: Erstes Modul
        type: theory
        step: informieren
        phase: start
        duration: 45 min
        ---

        ## Einstieg

        Weiter zum [zweiten Modul](02-zweites.md#ziel).
        """,
        "content/courses/kurs/02-zweites.md": """
        ---
        title: Zweites Modul
        type: project
        step: ausfuehren
        ---

        ## Ziel

        Text.
        """,
    ]

    /// The repository's root folder, found from this source file.
    public static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
}

extension FixtureTree {
    /// A valid PNG of one colour (deflate "stored" blocks, so no zlib is needed), for tests that read image sizes.
    public static func png(width: Int, height: Int) -> Data {
        var raw: [UInt8] = []
        for _ in 0..<height { raw.append(0); for _ in 0..<width { raw += [200, 220, 240] } }
        var zlib: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let count = min(65_535, raw.count - offset)
            let last: UInt8 = offset + count >= raw.count ? 1 : 0
            zlib += [last, UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
            zlib += raw[offset..<(offset + count)]
            offset += count
        } while offset < raw.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in raw { a = (a + UInt32(byte)) % 65_521; b = (b + a) % 65_521 }
        zlib += bigEndian((b << 16) | a)
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        func chunk(_ type: String, _ data: [UInt8]) {
            let body = Array(type.utf8) + data
            png += bigEndian(UInt32(data.count)) + body + bigEndian(crc32(body))
        }
        chunk("IHDR", bigEndian(UInt32(width)) + bigEndian(UInt32(height)) + [8, 2, 0, 0, 0])
        chunk("IDAT", zlib)
        chunk("IEND", [])
        return Data(png)
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    private static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
