import MikaContent
import MikaMarkdown

/// Fills the holes of a module body for one page of one output: links through the output's resolver, figures with
/// their TULLU captions, quizzes through the theme's quiz template, embeds as two-click placeholders.
struct BodyRenderer {
    var site: Site
    var theme: Theme
    var resolver: LinkResolver
    /// UI texts in the module's language.
    var t: UIStrings

    /// The body's HTML as UTF-8 bytes, ready for the page.
    func utf8(of module: Module, in directory: String) -> [UInt8] {
        let body = module.body
        func url(_ link: BodyLink) -> String { resolver.url(of: link.target, from: directory) + link.suffix }
        return body.utf8(
            link: url,
            text: { t.text($0) },
            figure: { figure($0, language: module.language,
                             url: { index in body.links.indices.contains(index) ? url(body.links[index]) : "" }) },
            quiz: { index in
                module.quizzes.indices.contains(index)
                    ? theme.render(QuizContext(quiz: module.quizzes[index], t: t), template: "quiz", language: module.language) : ""
            },
            embed: { index in
                module.outline.embeds.indices.contains(index) ? embed(module.outline.embeds[index]) : ""
            })
    }

    private func figure(_ figure: Figure, language: String, url: (Int) -> String) -> String {
        let caption = site.mediaLicenses[figure.source].map {
            "<figcaption>\(Attribution($0).html(t.attributionLabels))</figcaption>"
        } ?? ""
        let source = url(figure.link).htmlEscaped
        switch figure.kind {
        case .video:
            let track = figure.captionsLink.map {
                "<track kind=\"captions\" src=\"\(url($0).htmlEscaped)\" srclang=\"\(language.htmlEscaped)\" "
                    + "label=\"\(t.text("captions_label").htmlEscaped)\" default>"
            } ?? ""
            return "<figure class=\"media media-video\"><video controls preload=\"none\" src=\"\(source)\">"
                + track + "<a href=\"\(source)\">\(t.text("video_download", ["title": figure.text]).htmlEscaped)</a></video>"
                + caption + "</figure>"
        case .image where !figure.hotspots.isEmpty && figure.pixelSize != nil:
            return screenshot(figure, source: source, caption: caption)
        case .image where figure.source.lowercased().hasSuffix(".svg"):
            // A diagram keeps its labels readable on a phone: it scrolls in its own region, and opens in full.
            let label = t.text("figure_scroll", ["title": figure.text]).htmlEscaped
            return "<figure class=\"media\"><div class=\"media-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"\(label)\">"
                + "<img src=\"\(source)\" alt=\"\(figure.text.htmlEscaped)\"></div>"
                + "<p class=\"media-full\"><a href=\"\(source)\">\(t.text("figure_full").htmlEscaped)</a></p>" + caption + "</figure>"
        case .image:
            return "<figure class=\"media\"><img src=\"\(source)\" alt=\"\(figure.text.htmlEscaped)\">" + caption + "</figure>"
        }
    }

    /// A screenshot with numbered hotspots: markers placed in percent of the image (so they stay on the same pixels
    /// at every width), hidden from screen readers, which read the labels as an ordered list instead.
    private func screenshot(_ figure: Figure, source: String, caption: String) -> String {
        guard let size = figure.pixelSize else { return "" }
        func percent(_ value: Double, _ whole: Int) -> String {
            let scaled = (value / Double(whole) * 100 * 1000).rounded() / 1000
            return scaled == scaled.rounded() ? String(Int(scaled)) + "%" : String(scaled) + "%"
        }
        var html = "<figure class=\"media screenshot\"><div class=\"screenshot-frame\">"
        html += "<img src=\"\(source)\" alt=\"\(figure.text.htmlEscaped)\" width=\"\(size.width)\" height=\"\(size.height)\">"
        for hotspot in figure.hotspots {
            html += "<span class=\"hotspot\" aria-hidden=\"true\" data-hotspot=\"\(hotspot.number)\" style=\"left:\(percent(hotspot.x, size.width));"
                + "top:\(percent(hotspot.y, size.height));width:\(percent(hotspot.width, size.width));"
                + "height:\(percent(hotspot.height, size.height))\"><span class=\"hotspot-number\">\(hotspot.number)</span></span>"
        }
        html += "</div><ol class=\"hotspot-labels\" aria-label=\"\(t.text("hotspots_label", ["title": figure.text]).htmlEscaped)\">"
        for hotspot in figure.hotspots { html += "<li>\(hotspot.label.htmlEscaped)</li>" }
        return html + "</ol>" + caption + "</figure>"
    }

    /// A two-click placeholder: nothing is requested from the provider until the reader presses the button.
    func embed(_ embed: Embed) -> String {
        let url = embed.url.htmlEscaped, title = embed.title.htmlEscaped, provider = embed.provider.htmlEscaped
        let names = ["provider": embed.provider, "title": embed.title]
        // The provider is named in bold where the notice first mentions it.
        var notice = t.text("embed_notice", ["provider": "\u{1}", "title": embed.title]).htmlEscaped
        if let first = notice.range(of: "\u{1}") { notice.replaceSubrange(first, with: "<strong>\(provider)</strong>") }
        notice = notice.replacingOccurrences(of: "\u{1}", with: provider)
        return """
        <figure class="two-click" data-embed-src="\(url)" data-embed-title="\(title)">
        <div class="two-click-notice">
        <p>\(notice)</p>
        <p><button type="button" class="two-click-load" hidden>\(t.text("embed_load", names).htmlEscaped)</button> \
        <a href="\(url)" rel="noopener noreferrer">\(t.text("embed_open", names).htmlEscaped)</a></p>
        </div>
        </figure>
        """
    }
}
