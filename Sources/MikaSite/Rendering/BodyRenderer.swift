import MikaContent
import MikaMarkdown

/// Fills the holes of a module body for one page of one output: links through the output's resolver, figures with
/// their TULLU captions, quizzes through the theme's quiz template, embeds as two-click placeholders.
struct BodyRenderer {
    var site: Site
    var theme: Theme
    var resolver: LinkResolver

    func html(of module: Module, in directory: String) -> String {
        let body = module.body
        func url(_ link: BodyLink) -> String { resolver.url(of: link.target, from: directory) + link.suffix }
        return body.html(
            link: url,
            figure: { figure(
                $0, url: { index in body.links.indices.contains(index) ? url(body.links[index]) : "" }) },
            quiz: { index in
                module.quizzes.indices.contains(index)
                    ? theme.render(QuizContext(quiz: module.quizzes[index]), template: "quiz") : ""
            },
            embed: { index in
                module.outline.embeds.indices.contains(index) ? Self.embed(module.outline.embeds[index]) : ""
            })
    }

    private func figure(_ figure: Figure, url: (Int) -> String) -> String {
        let caption = site.mediaLicenses[figure.source].map { "<figcaption>\(Attribution($0).html)</figcaption>" } ?? ""
        let source = url(figure.link).htmlEscaped
        switch figure.kind {
        case .video:
            let track = figure.captionsLink.map {
                "<track kind=\"captions\" src=\"\(url($0).htmlEscaped)\" srclang=\"de\" label=\"Deutsch\" default>"
            } ?? ""
            return "<figure class=\"media media-video\"><video controls preload=\"none\" src=\"\(source)\">"
                + track + "<a href=\"\(source)\">Video herunterladen: \(figure.text.htmlEscaped)</a></video>"
                + caption + "</figure>"
        case .image:
            return "<figure class=\"media\"><img src=\"\(source)\" alt=\"\(figure.text.htmlEscaped)\">" + caption + "</figure>"
        }
    }

    /// A two-click placeholder: nothing is requested from the provider until the reader presses the button.
    static func embed(_ embed: Embed) -> String {
        let url = embed.url.htmlEscaped, title = embed.title.htmlEscaped, provider = embed.provider.htmlEscaped
        return """
        <figure class="two-click" data-embed-src="\(url)" data-embed-title="\(title)">
        <div class="two-click-notice">
        <p>Hier ist ein Inhalt von <strong>\(provider)</strong> eingebunden: „\(title)“. Erst wenn Sie ihn laden, \
        überträgt Ihr Browser Daten (zum Beispiel Ihre IP-Adresse) an \(provider).</p>
        <p><button type="button" class="two-click-load" hidden>Inhalt von \(provider) laden</button> \
        <a href="\(url)" rel="noopener noreferrer">„\(title)“ direkt bei \(provider) öffnen</a></p>
        </div>
        </figure>
        """
    }
}
