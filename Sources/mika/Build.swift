import ArgumentParser
import Dispatch
import Foundation
import MikaContent
import MikaSite

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site from the content folder into the output folder.",
        discussion: """
        The site is built in a staging folder next to the output and replaces it only when the build has no
        errors; on an error or an interruption the previous output stays untouched.
        Exit status: 0 built, 1 errors in the content (nothing published), 130/143 interrupted.
        """)

    @OptionGroup var source: SourceOptions

    @Option(name: .long, help: "The output folder; replaced as a whole on success.")
    var out: String = "site"

    @Flag(name: .long, help: "Print only diagnostics, no progress.")
    var quiet = false

    @Flag(name: .long, help: "Treat warnings as errors: publish nothing while there is one.")
    var strict = false

    @Flag(name: .customLong("no-packages"), help: "Leave out the LMS packages (pakete/), e.g. for a quick preview.")
    var noPackages = false

    @Flag(name: .long, help: "Print how long each build step took (for benchmarks).")
    var timings = false

    func validate() throws {
        if out.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--out is empty (an unset variable?); pass the folder for the site, e.g. --out site")
        }
    }

    func run() throws {
        let options = source.buildOptions(output: out, strict: strict)
        let output = options.makeOutput(displayName: out)
        let signalSources = installSignalHandlers(output)
        defer { signalSources.forEach { $0.cancel() } }

        let start = DispatchTime.now()
        let outputs = noPackages ? SiteOutputs.standard.filter { !($0 is PackagesOutput) } : SiteOutputs.standard
        let clock = StepClock()
        var builder = SiteBuilder(options: options, outputs: outputs, progress: { line in
            clock.begin(line)
            if !quiet {
                print(line)
                fflush(stdout)
            }
        })
        builder.keepsModelUntilExit = true  // the process ends after this build
        let report = builder.build(into: output)
        clock.begin(nil)
        if timings { print(clock.table, terminator: "") }
        let console = DiagnosticPrinter()
        for diagnostic in report.diagnostics { console.print(diagnostic) }
        if output.wasCancelled {
            FileHandle.standardError.write(Data("mika: interrupted; \(out)/ left unchanged\n".utf8))
            throw ExitCode(128 + (output.cancellingSignal ?? SIGINT))
        }
        let summary = DiagnosticEngine.Summary(report.diagnostics)
        let warnings = summary.warnings
        guard report.published else {
            console.summary("build failed: \(summary.text); \(out)/ left unchanged")
            throw ExitCode.failure
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        if !quiet {
            print("Built \(report.pagesWritten) pages and copied \(report.filesCopied) files into \(out)/ in "
                  + String(format: "%.2f s", seconds) + (warnings > 0 ? " (\(warnings) warnings)" : ""))
        }
    }

    /// Wall time per build step, from one progress line to the next.
    final class StepClock: @unchecked Sendable {
        private var current: (name: String, start: UInt64)?
        private var steps: [(name: String, seconds: Double)] = []

        func begin(_ line: String?) {
            let now = DispatchTime.now().uptimeNanoseconds
            if let current { steps.append((current.name, Double(now - current.start) / 1e9)) }
            current = line.map { ($0.replacingOccurrences(of: #"^\[\d+/\d+\] "#, with: "", options: .regularExpression), now) }
        }

        var table: String {
            steps.map { String(format: "%8.3f s  ", $0.seconds) + $0.name + "\n" }.joined()
                + String(format: "%8.3f s  total\n", steps.reduce(0) { $0 + $1.seconds })
        }
    }

    /// On SIGINT/SIGTERM: stop the build, remove the staging folder, keep the old output.
    private func installSignalHandlers(_ output: OutputDirectory) -> [DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { (number: Int32) -> DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if output.cancel(signal: number) {
                    FileHandle.standardError.write(Data("mika: interrupted; \(out)/ left unchanged\n".utf8))
                    Foundation.exit(128 + number)
                }
            }
            source.resume()
            return source
        }
    }
}
