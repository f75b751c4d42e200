import Foundation
import MikaContent
import MikaSite
import MikaTestSupport
import XCTest

/// Builds a content folder with the default theme into a fresh output folder.
class SiteBuildTestCase: XCTestCase {
    var theme: URL { FixtureTree.repositoryRoot.appendingPathComponent("themes/default") }

    func build(content: URL, into output: URL, theme: URL? = nil) -> BuildReport {
        let options = BuildOptions(contentDirectory: content, themeDirectory: theme ?? self.theme, outputDirectory: output)
        return SiteBuilder(options: options).build(into: options.makeOutput())
    }

    /// Every file below a folder, relative path → bytes.
    func files(in folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let root = folder.standardizedFileURL.path + "/"
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [:] }
        for case let url as URL in enumerator where !url.hasDirectoryPath {
            let path = url.standardizedFileURL.path
            result[String(path.dropFirst(root.count))] = try Data(contentsOf: url)
        }
        return result
    }
}
