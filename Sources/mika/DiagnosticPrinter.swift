import Foundation
import MikaContent

/// Prints diagnostics to standard error, coloured on a terminal unless NO_COLOR is set.
struct DiagnosticPrinter {
    enum Stream { case standardError, standardOutput }

    let useColor: Bool
    let stream: Stream

    init(stream: Stream = .standardError) {
        self.stream = stream
        let descriptor = stream == .standardError ? STDERR_FILENO : STDOUT_FILENO
        useColor = isatty(descriptor) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    func print(_ diagnostic: Diagnostic) {
        var text = diagnostic.formatted
        if useColor {
            let color = diagnostic.severity == .error ? "\u{1B}[1;31m" : diagnostic.severity == .warning ? "\u{1B}[1;33m" : "\u{1B}[1;36m"
            let label = "\(diagnostic.severity.rawValue):"
            if let range = text.range(of: " " + label) {
                text.replaceSubrange(range, with: " " + color + label + "\u{1B}[0m")
            }
        }
        (stream == .standardError ? FileHandle.standardError : FileHandle.standardOutput).write(Data((text + "\n").utf8))
    }

    func summary(_ text: String) {
        FileHandle.standardError.write(Data(("mika: " + text + "\n").utf8))
    }
}
