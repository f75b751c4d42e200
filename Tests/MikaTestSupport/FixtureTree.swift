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
