import Mustache

// Templates look fields up by name in these tables (an array index per lookup); swift-mustache's Mirror reflection
// dominated page rendering. `ContextFieldTests` checks that every stored property is reachable here.

extension PageInfo: TemplateFields {
    static let fields = FieldTable<PageInfo>([
        "title": { $0.title.templateValue },
        "description": { $0.description.templateValue },
        "language": { $0.language.templateValue },
        "siteTitle": { $0.siteTitle.templateValue },
        "root": { $0.root.templateValue },
        "home": { $0.home.templateValue },
        "credits": { $0.credits.templateValue },
        "t": { $0.t.templateValue },
        "canonicalURL": { $0.canonicalURL.templateValue },
        "generator": { $0.generator.templateValue },
        "metadataHead": { $0.metadataHead.templateValue },
        "scripts": { $0.scripts.templateValue },
        "packageFormat": { $0.packageFormat.templateValue },
        "mastery": { $0.mastery.templateValue },
        "inlineStyle": { $0.inlineStyle.templateValue },
        "documentTitle": { $0.documentTitle.templateValue },
        "legalLinks": { $0.legalLinks.templateValue },
        "logo": { $0.logo.templateValue },
        "favicon": { $0.favicon.templateValue },
        "beacon": { $0.beacon.templateValue },
        "toolsLink": { $0.toolsLink.templateValue },
    ])
}

extension PageInfo.BeaconInfo: TemplateFields {
    static let fields = FieldTable<PageInfo.BeaconInfo>([
        "url": { $0.url.templateValue },
        "key": { $0.key.templateValue },
        "path": { $0.path.templateValue },
        "salt": { $0.salt.templateValue },
    ])
}

extension Crumb: TemplateFields {
    static let fields = FieldTable<Crumb>([
        "title": { $0.title.templateValue },
        "url": { $0.url.templateValue },
    ])
}

extension NavLink: TemplateFields {
    static let fields = FieldTable<NavLink>([
        "title": { $0.title.templateValue },
        "url": { $0.url.templateValue },
    ])
}

extension AttributionView: TemplateFields {
    static let fields = FieldTable<AttributionView>([
        "title": { $0.title.templateValue },
        "authors": { $0.authors.templateValue },
        "licenseName": { $0.licenseName.templateValue },
        "licenseURL": { $0.licenseURL.templateValue },
        "sourceURL": { $0.sourceURL.templateValue },
        "publisher": { $0.publisher.templateValue },
    ])
}

extension Badge: TemplateFields {
    static let fields = FieldTable<Badge>([
        "label": { $0.label.templateValue },
        "kind": { $0.kind.templateValue },
        "icon": { $0.icon.templateValue },
    ])
}

extension HomeContext: TemplateFields {
    static let fields = FieldTable<HomeContext>([
        "page": { $0.page.templateValue },
        "t": { $0.page.t.templateValue },
        "siteDescription": { $0.siteDescription.templateValue },
        "courses": { $0.courses.templateValue },
        "attribution": { $0.attribution.templateValue },
    ])
}

extension HomeContext.CourseCard: TemplateFields {
    static let fields = FieldTable<HomeContext.CourseCard>([
        "title": { $0.title.templateValue },
        "description": { $0.description.templateValue },
        "url": { $0.url.templateValue },
        "moduleCount": { $0.moduleCount.templateValue },
        "moduleCountLabel": { $0.moduleCountLabel.templateValue },
        "workload": { $0.workload.templateValue },
        "level": { $0.level.templateValue },
    ])
}

extension ModuleItem: TemplateFields {
    static let fields = FieldTable<ModuleItem>([
        "title": { $0.title.templateValue },
        "summary": { $0.summary.templateValue },
        "url": { $0.url.templateValue },
        "number": { $0.number.templateValue },
        "duration": { $0.duration.templateValue },
        "badges": { $0.badges.templateValue },
    ])
}

extension CourseContext: TemplateFields {
    static let fields = FieldTable<CourseContext>([
        "page": { $0.page.templateValue },
        "t": { $0.page.t.templateValue },
        "breadcrumb": { $0.breadcrumb.templateValue },
        "title": { $0.title.templateValue },
        "description": { $0.description.templateValue },
        "outcomes": { $0.outcomes.templateValue },
        "hasOutcomes": { $0.hasOutcomes.templateValue },
        "facts": { $0.facts.templateValue },
        "phases": { $0.phases.templateValue },
        "unphasedModules": { $0.unphasedModules.templateValue },
        "hasUnphasedModules": { $0.hasUnphasedModules.templateValue },
        "steps": { $0.steps.templateValue },
        "firstModule": { $0.firstModule.templateValue },
        "startLabel": { $0.startLabel.templateValue },
        "attribution": { $0.attribution.templateValue },
        "packages": { $0.packages.templateValue },
        "hasPackages": { $0.hasPackages.templateValue },
        "legend": { $0.legend.templateValue },
        "hasLegend": { (!$0.legend.isEmpty).templateValue },
    ])
}

extension CourseContext.Fact: TemplateFields {
    static let fields = FieldTable<CourseContext.Fact>([
        "term": { $0.term.templateValue },
        "value": { $0.value.templateValue },
    ])
}

extension CourseContext.PhaseView: TemplateFields {
    static let fields = FieldTable<CourseContext.PhaseView>([
        "number": { $0.number.templateValue },
        "phaseLabel": { $0.phaseLabel.templateValue },
        "id": { $0.id.templateValue },
        "title": { $0.title.templateValue },
        "kind": { $0.kind.templateValue },
        "kindClass": { $0.kindClass.templateValue },
        "timeframe": { $0.timeframe.templateValue },
        "about": { $0.about.templateValue },
        "modules": { $0.modules.templateValue },
        "hasModules": { $0.hasModules.templateValue },
        "icon": { $0.icon.templateValue },
    ])
}

extension CourseContext.StepView: TemplateFields {
    static let fields = FieldTable<CourseContext.StepView>([
        "number": { $0.number.templateValue },
        "label": { $0.label.templateValue },
        "modules": { $0.modules.templateValue },
        "hasModules": { $0.hasModules.templateValue },
    ])
}

extension ModulePageContext: TemplateFields {
    static let fields = FieldTable<ModulePageContext>([
        "page": { $0.page.templateValue },
        "t": { $0.page.t.templateValue },
        "noBreadcrumb": { $0.noBreadcrumb.templateValue },
        "breadcrumb": { $0.breadcrumb.templateValue },
        "title": { $0.title.templateValue },
        "summary": { $0.summary.templateValue },
        "badges": { $0.badges.templateValue },
        "duration": { $0.duration.templateValue },
        "durationISO": { $0.durationISO.templateValue },
        "position": { $0.position.templateValue },
        "objectives": { $0.objectives.templateValue },
        "hasObjectives": { $0.hasObjectives.templateValue },
        "toc": { $0.toc.templateValue },
        "hasTOC": { $0.hasTOC.templateValue },
        "body": { $0.body.templateValue },
        "previous": { $0.previous.templateValue },
        "next": { $0.next.templateValue },
        "hasPager": { $0.hasPager.templateValue },
        "courseURL": { $0.courseURL.templateValue },
        "courseTitle": { $0.courseTitle.templateValue },
        "attribution": { $0.attribution.templateValue },
        "tool": { $0.tool.templateValue },
        "hasTool": { $0.hasTool.templateValue },
        "toolPage": { $0.toolPage.templateValue },
        "toolURL": { $0.toolURL.templateValue },
        "toolID": { $0.toolID.templateValue },
        "toolBadges": { $0.toolBadges.templateValue },
        "hasToolBadges": { $0.hasToolBadges.templateValue },
        "isGuide": { $0.isGuide.templateValue },
        "mediaCredits": { $0.mediaCredits.templateValue },
        "hasMediaCredits": { $0.hasMediaCredits.templateValue },
        "sources": { $0.sources.templateValue },
        "hasSources": { $0.hasSources.templateValue },
        "outline": { $0.outline.templateValue },
        "hasOutline": { $0.hasOutline.templateValue },
        "isLast": { $0.isLast.templateValue },
        "deliverable": { $0.deliverable.templateValue },
    ])
}

extension ModulePageContext.TocEntry: TemplateFields {
    static let fields = FieldTable<ModulePageContext.TocEntry>([
        "text": { $0.text.templateValue },
        "id": { $0.id.templateValue },
        "isSub": { $0.isSub.templateValue },
    ])
}

extension QuizContext: TemplateFields {
    static let fields = FieldTable<QuizContext>([
        "id": { $0.id.templateValue },
        "title": { $0.title.templateValue },
        "passPercent": { $0.passPercent.templateValue },
        "totalPoints": { $0.totalPoints.templateValue },
        "questionCount": { $0.questionCount.templateValue },
        "questions": { $0.questions.templateValue },
        "summary": { $0.summary.templateValue },
        "scriptTexts": { $0.scriptTexts.templateValue },
        "t": { $0.t.templateValue },
        "scoring": { $0.scoring.templateValue },
    ])
}

extension QuizContext.ScriptText: TemplateFields {
    static let fields = FieldTable<QuizContext.ScriptText>([
        "name": { $0.name.templateValue },
        "text": { $0.text.templateValue },
    ])
}

extension QuizContext.Question: TemplateFields {
    static let fields = FieldTable<QuizContext.Question>([
        "number": { $0.number.templateValue },
        "questionLabel": { $0.questionLabel.templateValue },
        "kind": { $0.kind.templateValue },
        "name": { $0.name.templateValue },
        "prompt": { $0.prompt.templateValue },
        "points": { $0.points.templateValue },
        "pointsLabel": { $0.pointsLabel.templateValue },
        "isChoice": { $0.isChoice.templateValue },
        "isShort": { $0.isShort.templateValue },
        "inputType": { $0.inputType.templateValue },
        "hint": { $0.hint.templateValue },
        "options": { $0.options.templateValue },
        "answersJSON": { $0.answersJSON.templateValue },
        "feedbackCorrect": { $0.feedbackCorrect.templateValue },
        "feedbackIncorrect": { $0.feedbackIncorrect.templateValue },
        "solution": { $0.solution.templateValue },
    ])
}

extension QuizContext.Option: TemplateFields {
    static let fields = FieldTable<QuizContext.Option>([
        "id": { $0.id.templateValue },
        "value": { $0.value.templateValue },
        "text": { $0.text.templateValue },
        "correct": { $0.correct.templateValue },
        "feedback": { $0.feedback.templateValue },
    ])
}

extension Objective: TemplateFields {
    static let fields = FieldTable<Objective>([
        "id": { $0.id.templateValue },
        "text": { $0.text.templateValue },
    ])
}

extension CourseContext.PackageLink: TemplateFields {
    static let fields = FieldTable<CourseContext.PackageLink>([
        "url": { $0.url.templateValue },
        "label": { $0.label.templateValue },
        "fileName": { $0.fileName.templateValue },
    ])
}

extension CourseContext.LegendEntry: TemplateFields {
    static let fields = FieldTable<CourseContext.LegendEntry>([
        "kindClass": { $0.kindClass.templateValue },
        "label": { $0.label.templateValue },
        "icon": { $0.icon.templateValue },
    ])
}
