import Foundation
@testable import MikaContent
import MikaMarkdown

/// The inputs mika reads from authors, as functions of bytes: libFuzzer drives them (`mika-fuzz`), and
/// `FuzzCorpusTests` replays every committed seed and crash reproducer through them on each test run.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// YAML front matter with every module key (people, dates, durations, vocabularies, based_on, tool).
    case frontMatter = "front-matter"
    /// A module body: Markdown with links, figures with TULLU captions, videos, quizzes and embeds.
    case markdown
    /// `REUSE.toml` annotations with their globs, and `.license` sidecars.
    case reuse

    public func run(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        switch self {
        case .frontMatter:
            _ = FuzzFixture.shared.module("---\n" + text + "\n---\nText mit [Link](02-b.md).\n")
        case .markdown:
            _ = FuzzFixture.shared.module("---\ntitle: Fuzz\nlicense: CC-BY-4.0\n---\n" + text)
            // Raw HTML passed through: its addresses are parsed, resolved and rewritten.
            _ = FuzzFixture.shared.module("---\ntitle: Fuzz\n---\n" + text, rawHTML: true)
            for attribute in HTMLAttributeScanner.attributes(in: text) where attribute.name == "srcset" {
                _ = HTMLAttributeScanner.srcsetCandidates(attribute.value)
            }
        case .reuse:
            var diagnostics: [Diagnostic] = []
            for annotation in REUSETOML.annotations(text, file: "REUSE.toml", diagnostics: &diagnostics) {
                for path in FuzzFixture.paths { _ = annotation.matches(path) }
            }
            _ = MediaLicenseReader.parseSidecar(text, file: "a.png.license", diagnostics: &diagnostics)
            _ = diagnostics.map(\.formatted)
        }
    }
}

/// A small content folder on disk, loaded once, whose course, files and media licences each input is read against.
final class FuzzFixture: @unchecked Sendable {
    static let shared = FuzzFixture()
    static let paths = ["courses/k/bilder/a.png", "courses/k/film.mp4", "media/x/y/z.pdf", "README.md", "a/b/c/d/e/f.svg"]

    let loader: ContentLoader
    let context: ModuleContext

    private init() {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("mika-fuzz-\(getpid())")
        let files = [
            "site.yml": "title: Fuzz\nlicense: CC-BY-SA-4.0\nauthors: [Team]\nallow_raw_html: false\n",
            "courses/k/course.yml": "title: K\nphases:\n  - {id: start, kind: selbstlernphase, title: Start}\n",
            "courses/k/01-a.md": "---\ntitle: A\n---\n",
            "courses/k/02-b.md": "---\ntitle: B\n---\n",
            "courses/k/bilder/a.png": "png",
            "courses/k/bilder/a.png.license": "SPDX-FileCopyrightText: 2024 Team\nSPDX-License-Identifier: CC-BY-4.0\n",
            "courses/k/film.mp4": "mp4", "courses/k/film.vtt": "WEBVTT\n",
            "courses/k/film.mp4.license": "SPDX-FileCopyrightText: Team\nSPDX-License-Identifier: CC0-1.0\n",
            "media/doc.pdf": "pdf", "media/doc.pdf.license": "SPDX-FileCopyrightText: Team\nSPDX-License-Identifier: CC0-1.0\n",
        ]
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? Data(text.utf8).write(to: url)
        }
        loader = ContentLoader(contentDirectory: root, displayPath: "content")
        let (site, _) = loader.load()
        try? FileManager.default.removeItem(at: root)
        guard let course = site?.courses.first else { fatalError("the fuzz fixture does not load") }
        let scanned = Set(files.keys)
        context = ModuleContext(course: course, allowRawHTML: false, files: scanned,
                                moduleFiles: ["courses/k/01-a.md": ("k", "a", 1), "courses/k/02-b.md": ("k", "b", 2)],
                                mediaLicenses: site?.mediaLicenses ?? [:])
    }

    func module(_ text: String, rawHTML: Bool = false) -> ModuleResult {
        var context = self.context
        context.allowRawHTML = rawHTML
        let result = loader.parseModule("courses/k/01-a.md", text: text, context: context)
        _ = result.diagnostics.map(\.formatted)
        return result
    }
}
