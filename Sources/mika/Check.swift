import ArgumentParser
import Foundation
import MikaCheck
import MikaContent
import MikaSite

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check licences, attribution, accessibility and data protection before publishing.",
        discussion: """
        The same checks run in `mika build`, which refuses to publish when one reports an error.
        Exit status: 0 clean (warnings allowed unless --strict), 1 findings, 2 could not run.
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case human, json, sarif
    }

    @Option(name: .long, help: "The content folder with site.yml and courses/.")
    var content: String = "content"

    @Option(name: .long, help: "Output format: human, json or sarif (SARIF 2.1.0).")
    var format: Format = .human

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    func run() throws {
        let (loaded, loadDiagnostics) = ContentLoader(contentDirectory: URL(fileURLWithPath: content), displayPath: content).load()
        var diagnostics = loadDiagnostics
        if let site = loaded { diagnostics += ContentChecks(site: site, contentPath: content).run() }
        let policy = DiagnosticPolicy(strict: strict, overrides: loaded?.diagnosticOverrides ?? [:])
        diagnostics = DiagnosticEngine(policy: policy).process(diagnostics)
        switch format {
        case .human:
            let printer = DiagnosticPrinter(stream: .standardOutput)
            diagnostics.forEach(printer.print)
            let summary = DiagnosticEngine.Summary(diagnostics)
            print(summary.errors + summary.warnings == 0 ? "mika check: no findings" : "mika check: \(summary.text)")
        case .json:
            print(CheckReport.json(diagnostics), terminator: "")
        case .sarif:
            print(CheckReport.sarif(diagnostics, version: MikaVersion.current), terminator: "")
        }
        if loaded == nil { throw ExitCode(2) }
        if diagnostics.hasErrors { throw ExitCode.failure }
    }
}
