import ArgumentParser
import MikaContent

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain a diagnostic: what its rule is, why, and what to do.",
        discussion: "Without an id, lists every diagnostic id with its rule.")

    @Argument(help: "A diagnostic id as printed in brackets or by --format json, e.g. a11y.link-text.")
    var id: String?

    func run() throws {
        guard let id else {
            for kind in DiagnosticRegistry.all { print("\(kind.id)  \(kind.summary)") }
            return
        }
        guard let kind = DiagnosticRegistry.kind(id) else {
            let ids = DiagnosticRegistry.all.map(\.id)
            throw ValidationError("unknown diagnostic '\(id)'; \(NearMiss.hint(for: id, allowed: ids))")
        }
        print("\(kind.id): \(kind.summary)\n\n\(kind.help)\n")
        print(kind.adjustable
              ? "Its severity can be changed in site.yml, e.g.\n  diagnostics:\n    \(kind.id): warning   # error, warning, note or ignore"
              : "It stops the content from being read, so it is always an error.")
    }
}
