import ArgumentParser
import Foundation
import MikaSite

/// Where a site is read from: the options `build` and `package` share.
struct SourceOptions: ParsableArguments {
    @Option(name: .long, help: "The content folder with site.yml and courses/.")
    var content: String = "content"

    @Option(name: .long, help: "A theme folder overriding the built-in theme file by file (default: themes/default beside the content folder, if there is one).")
    var theme: String?

    @Option(name: .customLong("base-url"), help: "Absolute URL the site is served from (overrides site.yml).")
    var baseURL: String?

    func validate() throws {
        if let baseURL, URL(string: baseURL)?.scheme.map({ ["http", "https"].contains($0) }) != true {
            throw ValidationError("--base-url must be an absolute http(s) URL, e.g. https://campus.example.org/")
        }
    }

    /// Build options for these sources writing to `output`.
    func buildOptions(output: String, strict: Bool) -> BuildOptions {
        let contentURL = URL(fileURLWithPath: content)
        var options = BuildOptions(contentDirectory: contentURL, themeDirectory: themeDirectory(contentURL),
                                   outputDirectory: URL(fileURLWithPath: output), baseURL: baseURL)
        options.strict = strict
        return options
    }

    /// `--theme`, else `themes/default` beside the content folder, else nil: the built-in theme. A project's
    /// theme overrides the built-in one file by file.
    private func themeDirectory(_ contentURL: URL) -> URL? {
        if let theme { return URL(fileURLWithPath: theme) }
        let besideContent = contentURL.standardizedFileURL.deletingLastPathComponent()
            .appendingPathComponent("themes/default")
        return FileManager.default.fileExists(atPath: besideContent.path) ? besideContent : nil
    }
}
