/// Every diagnostic mika reports, by id: a one-line summary (the rule, no full stop), a help text for
/// `mika explain`, and whether `site.yml` may change its severity. SARIF's `rules` come from here too.
public struct DiagnosticKind: Sendable, Hashable {
    public var id: String
    public var summary: String
    public var help: String
    /// Check rules and warnings may be made stricter, milder or silent in `site.yml`; problems that stop the
    /// content from being read may not.
    public var adjustable: Bool

    init(_ id: String, _ summary: String, _ help: String, adjustable: Bool = false) {
        self.id = id
        self.summary = summary
        self.help = help
        self.adjustable = adjustable
    }
}

public enum DiagnosticRegistry {
    public static func kind(_ id: String) -> DiagnosticKind? { byID[id] }

    private static let byID = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })

    public static let all: [DiagnosticKind] = [
        // Content folder and files
        .init("content.missing", "The content folder exists",
              "mika reads the folder given with --content (default: content). Run mika in the project folder or pass the path."),
        .init("content.no-courses", "A site has at least one course",
              "Courses are folders courses/<slug>/ with a course.yml and modules named NN-slug.md.", adjustable: true),
        .init("site.missing", "The content folder has a site.yml",
              "site.yml holds the site's settings; it needs at least 'title:'."),
        .init("file.unreadable", "Every content file can be read",
              "Check that the file exists and that mika may read it (permissions)."),
        .init("file.encoding", "Text files are UTF-8",
              "Save Markdown and YAML files as UTF-8 (most editors offer it under 'Save as' or 'Encoding')."),
        .init("file.broken-link", "Symbolic links lead to a file",
              "A symbolic link whose target is missing is skipped. Remove it or restore its target.", adjustable: true),
        .init("file.link-outside-content", "Symbolic links stay inside the content folder",
              "mika never publishes a file through a link that leaves the content folder: it could publish private files. Copy the file into the content folder."),
        .init("file.link-loop", "Folders are reached once",
              "A symbolic link leads back to a folder that is read already (a loop). Remove the link."),
        .init("file.same-name", "File names are unique in Unicode NFC",
              "Two names that differ only in how accents are encoded (NFC/NFD, e.g. from macOS and Windows) become one name on the web. Rename or remove one."),
        // YAML and fields
        .init("yaml.syntax", "Front matter and YAML files are valid YAML",
              "The position points at where the YAML parser stopped. Common causes: a ':' in an unquoted value, tabs for indentation, an unclosed quote or bracket."),
        .init("yaml.duplicate-key", "A key appears once per mapping",
              "YAML keeps only one value per key. Remove or rename the second one."),
        .init("yaml.empty", "YAML files and front matter are not empty",
              "Write at least the required keys, e.g. 'title:'."),
        .init("yaml.not-a-mapping", "YAML files and front matter are mappings of keys to values",
              "Write 'key: value' lines at the top level, not a list or a single value."),
        .init("front-matter.missing", "A module starts with front matter",
              "Start the module file with a line '---', then 'title: …', then another '---'."),
        .init("front-matter.unterminated", "Front matter is closed by '---'",
              "End the front matter with a line of three dashes."),
        .init("field.unknown-key", "Every key is a known one",
              "Unknown keys are ignored; the hint names the nearest known key. Check the spelling.", adjustable: true),
        .init("field.missing", "Required fields are present", "Add the field named in the message."),
        .init("field.empty", "Required fields have a value", "Write a value after the key."),
        .init("field.not-text", "Text fields hold text", "Write 'key: value' on one line; quote values that contain ': '."),
        .init("field.unknown-value", "Fields with fixed values use one of them",
              "The hint lists the allowed values and the nearest one to what was written."),
        .init("field.invalid-bool", "Switches are true or false", "Write true or false (also ja/nein)."),
        .init("field.invalid-number", "Numbers are whole numbers in range", "Write a whole number in the range the message names."),
        .init("field.invalid-date", "Dates are written YYYY-MM-DD", "Write dates as 2026-03-01."),
        .init("field.invalid-duration", "Durations are ISO 8601 or German",
              "Write PT45M, PT1H30M, 45 min, 1,5 Std. or 1 h 30 min."),
        .init("field.invalid-person", "People are names or mappings with a name",
              "Write a name, or {name: …, type: person|organization, id: …, url: …}."),
        .init("field.invalid-url", "Web addresses are http(s) URLs",
              "Only https:// and http:// addresses reach pages and metadata: other schemes (javascript:, data:) could run script."),
        .init("person.invalid-identifier", "Person identifiers are full URIs with valid check digits",
              "ORCID, GND and ROR identifiers are checked for form and check digit; copy them from orcid.org, d-nb.info/gnd or ror.org as https URIs."),
        // Site and courses
        .init("site.invalid-base-url", "base_url is an absolute http(s) URL", "Write e.g. base_url: https://campus.example.org/."),
        .init("site.invalid-email", "contact_email is an e-mail address", "Write e.g. contact_email: oer@example.org."),
        .init("site.oai-needs-contact", "The OAI-PMH static repository names a contact",
              "OAI-PMH requires an adminEmail: add contact_email and base_url to site.yml."),
        .init("site.no-base-url", "The site has a base URL",
              "Metadata needs absolute URLs: without base_url no JSON-LD, OAI-DC, sitemap or feed is written.", adjustable: true),
        .init("course.missing-course-yml", "Every course folder has a course.yml", "Add courses/<slug>/course.yml with at least 'title:'."),
        .init("course.folder-name", "Course folder names are slugs",
              "The folder name becomes the course's address: use a-z, 0-9 and '-'."),
        .init("course.phases-not-a-list", "A course's phases are a list", "Write each phase as '- {id, kind, title}'."),
        .init("course.invalid-phase", "A phase is a mapping with kind and title", "Write '- {kind: selbstlernphase, title: …}'."),
        .init("course.duplicate-phase", "Phase ids are unique in a course", "Give each phase its own id."),
        // Modules
        .init("module.file-name", "Module files are named NN-slug.md",
              "The slug becomes the page address and may hold only a-z, 0-9 and '-'; the hint names a name that works."),
        .init("module.duplicate-slug", "Module slugs are unique in a course", "Two files NN-slug.md with the same slug would share one page. Rename one."),
        .init("module.unknown-phase", "A module's phase is one of the course's phases",
              "Name the id of a phase declared under 'phases:' in course.yml, or its kind when only one phase has it."),
        .init("markdown.raw-html", "Raw HTML is written as Markdown",
              "Raw HTML is shown as text unless site.yml sets allow_raw_html: true (which trusts every author).", adjustable: true),
        .init("markdown.active-raw-html", "Allowed raw HTML runs no script",
              "With allow_raw_html: true, HTML is published as written; event handlers, srcdoc and javascript: URLs run script in the site.", adjustable: true),
        .init("link.unsafe-url", "Links use safe schemes",
              "javascript:, vbscript:, file: and data: (except images) links are never published."),
        .init("link.absolute-path", "Links inside the site are relative",
              "A link that starts with '/' breaks when the site is served from a sub-path. Link to the module's .md file or the file's path.", adjustable: true),
        .init("link.outside-content", "Links stay inside the content folder", "Keep linked files in the content folder, e.g. in media/."),
        .init("link.broken", "Links lead to a module or file", "Correct the path; the hint names the nearest module file."),
        .init("link.unpublished-file", "Links lead to published files", "YAML, licence and TOML files are not published; link to a page or a medium."),
        .init("image.missing", "Images exist", "Add the file at the path named, or correct the path."),
        // Quizzes, embeds, tools
        .init("quiz.invalid-question", "A question is a mapping", "Write '- type: single' with question and options."),
        .init("quiz.unknown-type", "Question types are single, multiple or short", "Use one of the three types."),
        .init("quiz.no-questions", "A quiz has questions", "Add 'questions:' with at least one question."),
        .init("quiz.too-few-options", "Choice questions have two options or more", "Add options."),
        .init("quiz.no-correct-option", "Choice questions have a correct option", "Mark one option 'correct: true'."),
        .init("quiz.single-needs-one-correct", "Single-choice questions have exactly one correct option",
              "Mark one option correct, or make the question type: multiple."),
        .init("quiz.no-answers", "Short-answer questions list accepted answers", "Add 'answers: [Antwort, Variante]'."),
        .init("quiz.module-without-quiz", "A module of type quiz has a quiz block", "Add a fenced block ```quiz, or choose another type."),
        .init("embed.insecure-url", "Embeds are loaded over https", "Use the https address of the player."),
        .init("tool.syntax", "Tool facts are a mapping", "Write 'tool:' with name, url, cost, login and data_protection."),
        // Licences and media
        .init("license.missing", "Every module has a licence", "Set 'license:' in the module, course.yml or site.yml."),
        .init("license.unknown", "Licences are known SPDX identifiers",
              "Write an SPDX id such as CC-BY-SA-4.0, CC-BY-4.0 or CC0-1.0, or LicenseRef-… for other terms."),
        .init("license.based-on-syntax", "Adapted works are listed as mappings", "Give title, author, license, source and changes for each work."),
        .init("license.policy-syntax", "license_policy is a mapping", "Write allowed: [...], allow_nc: false, allow_nd: false."),
        .init("license.adaptation", "Adaptations respect their sources' licences",
              "The CC compatibility chart decides which licence an adaptation may have; ND works cannot be adapted.", adjustable: true),
        .init("license.course-more-open", "A course is not licensed more openly than an adapted part",
              "License the course like its most restrictive adaptation, or replace the part.", adjustable: true),
        .init("license.policy", "Licences follow the licence policy",
              "site.yml or course.yml sets which licences are accepted (default: CC0, CC BY, CC BY-SA).", adjustable: true),
        .init("license.media-missing", "Every medium has a licence",
              "Add a sidecar file.png.license with SPDX-FileCopyrightText and SPDX-License-Identifier, or a REUSE.toml annotation.", adjustable: true),
        .init("license.media-incomplete", "A medium's licence names author and licence", "Fill in SPDX-FileCopyrightText and SPDX-License-Identifier.", adjustable: true),
        .init("license.third-party-source", "Third-party media name their source",
              "Media by someone other than the site's or course's authors need 'Source:' (Ursprungsort, TULLU).", adjustable: true),
        .init("license.nd-changed", "ND media are not changed", "A medium under a NoDerivatives licence may be shown only unchanged.", adjustable: true),
        .init("media.license-syntax", "Sidecar lines are 'Key: value'", "Write e.g. 'SPDX-License-Identifier: CC-BY-4.0'."),
        .init("media.unknown-key", "Sidecar and REUSE.toml keys are known ones",
              "Known keys: SPDX-FileCopyrightText, SPDX-License-Identifier, Title, Source, Changed.", adjustable: true),
        .init("media.orphan-license", "Licence files belong to a file", "Remove the .license file or restore its file.", adjustable: true),
        .init("media.active-content", "Media files run no script in the site",
              "SVG with scripts or event handlers and HTML or JavaScript files would run in the site's origin. Export the SVG again as plain graphics, or set allow_active_media: true.", adjustable: true),
        .init("reuse.syntax", "REUSE.toml is valid", "Write [[annotations]] tables with path = \"…\" and the licence keys."),
        .init("reuse.unknown-key", "REUSE.toml has known top-level keys", "Only 'version' and [[annotations]] are read.", adjustable: true),
        // Accessibility and data protection (mika check)
        .init("a11y.image-alt", "Images have alt text",
              "Describe what the image shows: ![Was zu sehen ist](bild.png); mark decorative images ![dekorativ](bild.png).", adjustable: true),
        .init("a11y.heading-order", "Headings do not skip levels", "The module title is level 1; sections start with ##.", adjustable: true),
        .init("a11y.link-text", "Link texts say where they lead", "Avoid 'hier', 'klicken Sie hier', 'mehr'.", adjustable: true),
        .init("a11y.table-header", "Tables name their columns", "Fill in the header row of the table.", adjustable: true),
        .init("a11y.video-captions", "Videos have captions", "Put a WebVTT file film.vtt beside film.mp4.", adjustable: true),
        .init("privacy.external-content", "Nothing is loaded from other hosts",
              "Readers' browsers would contact that host (DSGVO). Save the file in media/, or use a two-click embed.", adjustable: true),
        .init("privacy.tool-facts", "Click-guides state the tool's facts",
              "Give url, cost, login and data_protection under 'tool:' so readers can judge the tool before they sign up.", adjustable: true),
        // Theme, build, settings
        .init("theme.missing", "The theme folder exists", "Pass --theme DIR with a theme folder, or leave --theme out to use the built-in theme."),
        .init("theme.unreadable", "Theme templates can be read", "Check the file's permissions and encoding (UTF-8)."),
        .init("theme.i18n-syntax", "The theme's UI texts are valid",
              "i18n/<language>.yml maps keys to texts; a key with plural forms has 'one:' and 'other:' below it."),
        .init("theme.template-syntax", "Templates are valid Mustache", "Check that every {{#section}} is closed by {{/section}}."),
        .init("build.output-folder", "The output folder is one mika may replace",
              "mika replaces only a missing or empty folder or a site it built (marker .mika-site), never the content or theme folder."),
        .init("build.io", "The site can be written", "Check free disk space and permissions; the previous site stays as it was."),
        .init("diagnostics.unknown-id", "Severity overrides name known diagnostics",
              "'diagnostics:' in site.yml maps ids (see mika explain) to error, warning, note or ignore.", adjustable: true),
        .init("diagnostics.not-adjustable", "Only adjustable diagnostics change severity",
              "Problems that stop the content from being read stay errors; check rules and warnings can be changed.", adjustable: true),
    ]
}
