import ArgumentParser
import MikaSite

@main
struct Mika: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mika",
        abstract: "Turns Markdown course content into a static MIKA-Campus site for open educational resources.",
        version: MikaVersion.current,
        subcommands: [Build.self, Check.self, Metadata.self, Package.self, Analytics.self, Explain.self],
        defaultSubcommand: nil)
}
