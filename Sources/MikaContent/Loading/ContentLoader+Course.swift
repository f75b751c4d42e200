import Foundation
import MikaMarkdown

extension ContentLoader {
    static let courseKeys = ["title", "description", "outcomes", "workload", "level", "audience", "phases",
                             "license", "licence", "authors", "contributors", "language", "keywords", "order",
                             "date_created", "date_published", "date_modified", "license_policy", "packages", "subjects"]
    static let phaseKeys = ["id", "kind", "title", "duration", "description"]

    /// Reads `course.yml`; the modules are read afterwards, for all courses at once.
    func loadCourse(_ slug: String, settings: SiteSettings, files: Set<String>,
                    diagnostics: inout [Diagnostic]) -> (order: Int, course: Course)? {
        let path = "courses/\(slug)/course.yml"
        guard Self.isSlug(slug) else {
            diagnostics.append(Diagnostic(.error, id: "course.folder-name", file: display("courses/\(slug)"),
                                          message: "course folder '\(slug)' is not a valid URL slug",
                                          hint: "rename it to lower-case letters, digits and dashes, e.g. '\(slug.slugified)'"))
            return nil
        }
        guard files.contains(path) else {
            diagnostics.append(Diagnostic(.error, id: "course.missing-course-yml", file: display("courses/\(slug)"),
                                          message: "course folder has no course.yml",
                                          hint: "create \(display(path)) with at least 'title:'"))
            return nil
        }
        guard let text = read(path, diagnostics: &diagnostics),
              let reader = FieldReader.parse(text, file: display(path), lineOffset: 0, what: "course.yml",
                                             diagnostics: &diagnostics) else { return nil }
        let title = reader.string("title", required: true, what: "course.yml")
        let phases = loadPhases(reader)
        let courseLicense = license(from: reader) ?? settings.license
        let authors = reader.people("authors") ?? settings.authors
        let language = reader.string("language") ?? settings.language
        let order = reader.int("order", range: 0...9999) ?? 0
        let course = Course(
            slug: slug, sourcePath: path, title: title ?? slug, description: reader.string("description"),
            outcomes: reader.stringList("outcomes"), workload: reader.duration("workload"),
            levels: reader.vocabulary("level", table: Vocabularies.educationalLevels),
            audience: reader.vocabulary("audience", table: Vocabularies.audiences), phases: phases,
            license: courseLicense ?? "", authors: authors, language: language,
            keywords: reader.stringList("keywords"), contributors: reader.people("contributors") ?? [],
            dates: dates(from: reader), modules: [],
            licensePolicy: licensePolicy(from: reader) ?? settings.licensePolicy,
            licenseLine: reader.firstPresent(["license", "licence"]).map { reader.keyLocation($0).line })
        var withPackages = course
        withPackages.subjects = reader.vocabulary("subjects", table: Vocabularies.subjects)
        withPackages.packageFormats = packageFormats(reader) ?? settings.packages.formats
        reader.finish(known: Self.courseKeys, what: "course.yml")
        diagnostics += reader.diagnostics
        return (order, withPackages)
    }

    private func loadPhases(_ reader: FieldReader) -> [Phase] {
        guard let node = reader.node("phases") else { return [] }
        guard let list = node.sequence else {
            reader.report(.error, "course.phases-not-a-list", at: reader.keyNode("phases"), "'phases' must be a list",
                          hint: "write each phase as '- kind: präsenz-workshop' with 'title:' below it")
            return []
        }
        var phases: [Phase] = []
        for item in list {
            guard let mapping = item.mapping else {
                reader.report(.error, "course.invalid-phase", at: item, "a phase must be a mapping with kind and title")
                continue
            }
            let phaseReader = FieldReader(mapping: mapping, file: reader.file, lineOffset: reader.lineOffset)
            let kind = phaseReader.vocabulary("kind", as: PhaseKind.self, required: true, what: "a phase")
            let title = phaseReader.string("title", required: true, what: "a phase")
            let id = phaseReader.string("id") ?? title?.slugified
            phaseReader.finish(known: Self.phaseKeys, what: "a phase")
            if let kind, let title, let id {
                if phases.contains(where: { $0.id == id }) {
                    phaseReader.report(.error, "course.duplicate-phase", at: phaseReader.node("id") ?? phaseReader.node("title"),
                                       "two phases have the id '\(id)'", hint: "give each phase its own 'id:'")
                }
                phases.append(Phase(id: id, kind: kind, title: title, duration: phaseReader.string("duration"),
                                    description: phaseReader.string("description"),
                                    location: phaseReader.sourceLocation(of: item)))
            }
            reader.absorb(phaseReader)
        }
        return phases
    }

    func checkDuplicateSlugs(_ course: Course, diagnostics: inout [Diagnostic]) {
        var firstBySlug: [String: Module] = [:]
        for module in course.modules {
            if let first = firstBySlug[module.slug] {
                diagnostics.append(Diagnostic(
                    .error, id: "module.duplicate-slug", file: display(module.sourcePath), line: 1,
                    message: "module slug '\(module.slug)' is already used by \((first.sourcePath as NSString).lastPathComponent)",
                    hint: "rename one of the files; the part after 'NN-' becomes the page URL"))
            } else {
                firstBySlug[module.slug] = module
            }
        }
    }
}
