import Mustache

// Templates look fields up by name; a switch is much faster than swift-mustache's Mirror reflection, which
// dominated page rendering. `ContextFieldTests` checks that every stored property is reachable here.

extension PageInfo: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": return self.title
        case "description": return self.description
        case "language": return self.language
        case "siteTitle": return self.siteTitle
        case "root": return self.root
        case "home": return self.home
        case "credits": return self.credits
        case "t": return self.t
        case "canonicalURL": return self.canonicalURL
        case "generator": return self.generator
        case "metadataHead": return self.metadataHead
        case "scripts": return self.scripts
        case "packageFormat": return self.packageFormat
        case "mastery": return self.mastery
        case "inlineStyle": return self.inlineStyle
        case "documentTitle": return self.documentTitle
        case "legalLinks": return self.legalLinks
        case "logo": return self.logo
        case "favicon": return self.favicon
        case "beacon": return self.beacon
        case "toolsLink": return self.toolsLink
        default: return nil
        }
    }
}

extension PageInfo.BeaconInfo: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "url": return url
        case "key": return key
        case "path": return path
        case "salt": return salt
        default: return nil
        }
    }
}

extension Crumb: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": return self.title
        case "url": return self.url
        default: return nil
        }
    }
}

extension NavLink: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": return self.title
        case "url": return self.url
        default: return nil
        }
    }
}

extension AttributionView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": return self.title
        case "authors": return self.authors
        case "licenseName": return self.licenseName
        case "licenseURL": return self.licenseURL
        case "sourceURL": return self.sourceURL
        case "publisher": return self.publisher
        default: return nil
        }
    }
}

extension Badge: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": return self.label
        case "kind": return self.kind
        case "icon": return self.icon
        default: return nil
        }
    }
}

extension HomeContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": return self.page
        case "t": return self.page.t
        case "siteDescription": return self.siteDescription
        case "courses": return self.courses
        case "attribution": return self.attribution
        default: return nil
        }
    }
}

extension HomeContext.CourseCard: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": return self.title
        case "description": return self.description
        case "url": return self.url
        case "moduleCount": return self.moduleCount
        case "moduleCountLabel": return self.moduleCountLabel
        case "workload": return self.workload
        case "level": return self.level
        default: return nil
        }
    }
}

extension ModuleItem: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": return self.title
        case "summary": return self.summary
        case "url": return self.url
        case "number": return self.number
        case "duration": return self.duration
        case "badges": return self.badges
        default: return nil
        }
    }
}

extension CourseContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": return self.page
        case "t": return self.page.t
        case "breadcrumb": return self.breadcrumb
        case "title": return self.title
        case "description": return self.description
        case "outcomes": return self.outcomes
        case "hasOutcomes": return self.hasOutcomes
        case "facts": return self.facts
        case "phases": return self.phases
        case "unphasedModules": return self.unphasedModules
        case "hasUnphasedModules": return self.hasUnphasedModules
        case "steps": return self.steps
        case "firstModule": return self.firstModule
        case "startLabel": return self.startLabel
        case "attribution": return self.attribution
        case "packages": return self.packages
        case "hasPackages": return self.hasPackages
        case "legend": return self.legend
        case "hasLegend": return !self.legend.isEmpty
        default: return nil
        }
    }
}

extension CourseContext.Fact: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "term": return self.term
        case "value": return self.value
        default: return nil
        }
    }
}

extension CourseContext.PhaseView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "number": return self.number
        case "phaseLabel": return self.phaseLabel
        case "id": return self.id
        case "title": return self.title
        case "kind": return self.kind
        case "kindClass": return self.kindClass
        case "timeframe": return self.timeframe
        case "about": return self.about
        case "modules": return self.modules
        case "hasModules": return self.hasModules
        case "icon": return self.icon
        default: return nil
        }
    }
}

extension CourseContext.StepView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "number": return self.number
        case "label": return self.label
        case "modules": return self.modules
        case "hasModules": return self.hasModules
        default: return nil
        }
    }
}

extension ModulePageContext: MustacheParent {
    /// The page's fields by name: a module page looks up about fifty names, and a `switch` compared each with up to
    /// forty strings (every name the page does not hold, with all of them).
    private static let fields: [String: (ModulePageContext) -> Any?] = [
        "page": { $0.page },
        "t": { $0.page.t },
        "noBreadcrumb": { $0.noBreadcrumb },
        "breadcrumb": { $0.breadcrumb },
        "title": { $0.title },
        "summary": { $0.summary },
        "badges": { $0.badges },
        "duration": { $0.duration },
        "durationISO": { $0.durationISO },
        "position": { $0.position },
        "objectives": { $0.objectives },
        "hasObjectives": { $0.hasObjectives },
        "toc": { $0.toc },
        "hasTOC": { $0.hasTOC },
        "body": { $0.body },
        "previous": { $0.previous },
        "next": { $0.next },
        "hasPager": { $0.hasPager },
        "courseURL": { $0.courseURL },
        "courseTitle": { $0.courseTitle },
        "attribution": { $0.attribution },
        "tool": { $0.tool },
        "hasTool": { $0.hasTool },
        "toolPage": { $0.toolPage },
        "toolURL": { $0.toolURL },
        "toolID": { $0.toolID },
        "toolBadges": { $0.toolBadges },
        "hasToolBadges": { $0.hasToolBadges },
        "isGuide": { $0.isGuide },
        "mediaCredits": { $0.mediaCredits },
        "hasMediaCredits": { $0.hasMediaCredits },
        "sources": { $0.sources },
        "hasSources": { $0.hasSources },
        "outline": { $0.outline },
        "hasOutline": { $0.hasOutline },
        "isLast": { $0.isLast },
        "deliverable": { $0.deliverable },
    ]

    func child(named name: String) -> Any? { Self.fields[name]?(self) }
}

extension ModulePageContext.TocEntry: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "text": return self.text
        case "id": return self.id
        case "isSub": return self.isSub
        default: return nil
        }
    }
}

extension QuizContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": return self.id
        case "title": return self.title
        case "passPercent": return self.passPercent
        case "totalPoints": return self.totalPoints
        case "questionCount": return self.questionCount
        case "questions": return self.questions
        case "summary": return self.summary
        case "scriptTexts": return self.scriptTexts
        case "t": return self.t
        case "scoring": return self.scoring
        default: return nil
        }
    }
}

extension QuizContext.ScriptText: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": return self.name
        case "text": return self.text
        default: return nil
        }
    }
}

extension QuizContext.Question: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "number": return self.number
        case "questionLabel": return self.questionLabel
        case "kind": return self.kind
        case "name": return self.name
        case "prompt": return self.prompt
        case "points": return self.points
        case "pointsLabel": return self.pointsLabel
        case "isChoice": return self.isChoice
        case "isShort": return self.isShort
        case "inputType": return self.inputType
        case "hint": return self.hint
        case "options": return self.options
        case "answersJSON": return self.answersJSON
        case "feedbackCorrect": return self.feedbackCorrect
        case "feedbackIncorrect": return self.feedbackIncorrect
        case "solution": return self.solution
        default: return nil
        }
    }
}

extension QuizContext.Option: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": return self.id
        case "value": return self.value
        case "text": return self.text
        case "correct": return self.correct
        case "feedback": return self.feedback
        default: return nil
        }
    }
}

extension Objective: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": return self.id
        case "text": return self.text
        default: return nil
        }
    }
}

extension CourseContext.PackageLink: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "url": return self.url
        case "label": return self.label
        case "fileName": return self.fileName
        default: return nil
        }
    }
}

extension CourseContext.LegendEntry: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "kindClass": return self.kindClass
        case "label": return self.label
        case "icon": return self.icon
        default: return nil
        }
    }
}
