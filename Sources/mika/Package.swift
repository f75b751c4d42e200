import ArgumentParser
import Foundation
import MikaContent
import MikaSite

struct Package: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write one course as an LMS package (SCORM 1.2, SCORM 2004 4th edition or IMS Common Cartridge 1.1).",
        discussion: """
        The package is built from the same content and checks as 'mika build' (which writes every course's
        packages into site/pakete/). The file is named <course>-scorm12.zip, <course>-scorm2004.zip or <course>.imscc
        and replaces an older one only when it is complete.
        Exit status: 0 written, 1 errors (nothing written).
        """)

    @Argument(help: "The course: its folder name under courses/.")
    var course: String

    @Option(name: .long, help: "scorm12, scorm2004 or cc.")
    var format: String = "scorm12"

    @Option(name: .long, help: "The folder the package is written into (created if missing).")
    var out: String = "."

    @OptionGroup var source: SourceOptions

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    func validate() throws {
        if PackageFormat(rawValue: format) == nil {
            throw ValidationError("unknown --format '\(format)'; use scorm12, scorm2004 or cc")
        }
        if out.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--out is empty; pass the folder for the package, e.g. --out pakete")
        }
    }

    func run() throws {
        let options = source.buildOptions(output: out, strict: strict)
        let result = SiteBuilder(options: options).package(course: course, format: PackageFormat(rawValue: format)!)
        let console = DiagnosticPrinter()
        for diagnostic in result.report.diagnostics { console.print(diagnostic) }
        guard let data = result.data else {
            console.summary("package failed: \(DiagnosticEngine.Summary(result.report.diagnostics).text); nothing written")
            throw ExitCode.failure
        }
        let folder = URL(fileURLWithPath: out)
        let destination = folder.appendingPathComponent(result.fileName)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let partial = folder.appendingPathComponent(".\(result.fileName).partial-\(getpid())")
            try data.write(to: partial)
            // rename() replaces a file in one step and never a folder.
            guard rename(partial.path, destination.path) == 0 else {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: partial)
                throw ValidationError("cannot write '\(destination.path)': \(reason)")
            }
        } catch let error as ValidationError {
            throw error
        } catch {
            throw ValidationError("cannot write '\(destination.path)': \(error.localizedDescription)")
        }
        print("Wrote \(destination.path) (\(data.count) bytes)")
    }
}
