//! The handoff memo, as Markdown (`memo.md`) and as a print-ready HTML page
//! (`memo.html`), rendered from the templates `handoff-memo.md` and
//! `handoff-memo.html`.
//!
//! The memo is where Service accepts what Sales sold, so its point is
//! traceability: every promise in the deal is shown next to the dated,
//! owned plan step whose deliverable keeps it. Around that it lays out the
//! other two pillars (the implementation roadmap and the client's access
//! checklist with their contacts), the trust moments to watch and the
//! onboarding metrics. Both templates receive the same context, documented
//! in `docs/templates.md`; text is escaped for Markdown in the `.md` one and
//! left to minijinja's HTML escaping in the `.html` one. Lists keep the
//! journey's or the deal's order so the memo is the same bytes on every run.

use minijinja::Value;
use minijinja::value::Serde;
use serde::Serialize;

use super::{DatedStep, Prepared, person};
use crate::build::docs::text;
use crate::build::{Output, Templates};
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::model::{Id, OwnerRefs, PillarKind, PlanStep, Spanned, SpineStage, Text, Touchpoint};
use crate::source::SourceSet;

/// Template name, output file and the syntax its text is escaped for.
const DOCUMENTS: [(&str, &str, Syntax); 2] = [
    ("handoff-memo.md", "memo.md", Syntax::Markdown),
    ("handoff-memo.html", "memo.html", Syntax::Html),
];

pub fn emit(
    prepared: &Prepared<'_>,
    templates: &Templates,
    sources: &mut SourceSet,
    out: &mut Output,
) {
    for (template, path, syntax) in DOCUMENTS {
        let memo = match Memo::new(prepared, syntax) {
            Ok(memo) => memo,
            Err(problems) => {
                // Both documents would report the same problems; once is enough.
                if syntax == Syntax::Markdown {
                    problems.into_iter().for_each(|p| out.problem(p));
                }
                continue;
            }
        };
        match templates.render(template, Value::from(Serde(&memo)), sources) {
            Ok(mut document) => {
                let trimmed = document.trim_end().len();
                document.truncate(trimmed);
                document.push('\n');
                out.file(path, document);
            }
            Err(problem) => out.problem(*problem),
        }
    }
}

/// How text is escaped before a template sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Syntax {
    Markdown,
    /// Left as written: minijinja escapes `.html` templates, and escaping
    /// twice would print `&amp;lt;` on the page.
    Html,
}

impl Syntax {
    /// Text on one line (a table cell cannot hold a line break), escaped.
    fn text(self, text: &str) -> String {
        let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
        match self {
            Syntax::Html => line,
            Syntax::Markdown => {
                // `|` ends a table cell, `<` opens raw HTML that some renderers
                // run, a leading `>` starts a quote. Deal text is prose, not
                // code, so code spans get no special treatment here.
                let mut out = String::with_capacity(line.len());
                for c in line.chars() {
                    match c {
                        '|' => out.push_str("\\|"),
                        '<' => out.push_str("&lt;"),
                        '>' if out.is_empty() => out.push_str("&gt;"),
                        _ => out.push(c),
                    }
                }
                out
            }
        }
    }

    fn opt(self, text: Option<&Text>) -> Option<String> {
        text.map(|t| self.text(t.as_str()))
    }

    fn list(self, texts: &[Text]) -> Vec<String> {
        texts.iter().map(|t| self.text(t.as_str())).collect()
    }
}

/// The context both memo templates receive (see `docs/templates.md`).
#[derive(Serialize)]
struct Memo {
    client: String,
    deal: String,
    journey: String,
    segment: String,
    seats: u32,
    signed: String,
    kickoff: String,
    kickoff_weekday: &'static str,
    package: PackageDoc,
    sla: SlaDoc,
    scope: Vec<String>,
    security_posture: Vec<String>,
    predicted_roi: Option<RoiDoc>,
    promises: Vec<PromiseDoc>,
    sales_promise: PillarDoc,
    delivery_execution: PillarDoc,
    client_requirements: PillarDoc,
    contacts: Vec<ContactDoc>,
    trust_moments: Vec<TrustMomentDoc>,
    metrics: Vec<MetricDoc>,
    plan: Vec<StepDoc>,
}

#[derive(Serialize)]
struct PackageDoc {
    id: String,
    name: String,
    description: Option<String>,
    includes: Vec<String>,
}

#[derive(Serialize)]
struct SlaDoc {
    id: String,
    name: String,
    targets: Vec<TargetDoc>,
    penalty: Option<PenaltyDoc>,
}

#[derive(Serialize)]
struct TargetDoc {
    priority: String,
    description: Option<String>,
    first_response: String,
    first_response_minutes: u32,
    resolution: Option<String>,
    resolution_hours: Option<u32>,
}

#[derive(Serialize)]
struct PenaltyDoc {
    service_credit: String,
    monthly_cap: Option<String>,
    description: Option<String>,
}

#[derive(Serialize)]
struct RoiDoc {
    annual_benefit: String,
    payback_months: Option<u32>,
    summary: Option<String>,
}

#[derive(Serialize)]
struct PromiseDoc {
    id: String,
    promise: String,
    step: StepDoc,
}

#[derive(Serialize)]
struct PillarDoc {
    pillar: &'static str,
    label: &'static str,
    covers: Vec<String>,
    deliverable: Option<String>,
    owner: Option<String>,
    owner_email: Option<String>,
    steps: Vec<StepDoc>,
}

#[derive(Serialize, Clone)]
struct StepDoc {
    id: String,
    name: String,
    pillar: Option<&'static str>,
    owner: String,
    owner_email: Option<String>,
    due: String,
    weekday: &'static str,
    day: String,
    deliverable: Option<String>,
    milestone: bool,
    depends_on: Vec<String>,
    touchpoint: Option<String>,
}

#[derive(Serialize)]
struct ContactDoc {
    role: String,
    role_name: String,
    name: String,
    title: Option<String>,
    email: Option<String>,
    phone: Option<String>,
}

#[derive(Serialize)]
struct TrustMomentDoc {
    id: String,
    name: String,
    stage: String,
    stage_name: String,
    owner: Option<String>,
    owner_email: Option<String>,
    artifact: Option<String>,
    trigger: Option<String>,
    step: Option<String>,
    due: Option<String>,
}

#[derive(Serialize)]
struct MetricDoc {
    id: String,
    name: String,
    target: Option<String>,
}

impl Memo {
    fn new(p: &Prepared<'_>, syntax: Syntax) -> Result<Memo, Vec<Diagnostic>> {
        let (journey, deal) = (p.journey, p.deal);
        let t = |text: &str| syntax.text(text);
        let step_doc = |dated: &DatedStep<'_>| StepDoc::new(p, dated, syntax);

        let mut problems = Vec::new();
        let mut promises = Vec::new();
        for promise in &deal.promises {
            let dated = promise
                .fulfilled_by
                .as_ref()
                .and_then(|id| p.steps.iter().find(|s| s.step.id.value == id.value));
            match dated {
                Some(dated) => promises.push(PromiseDoc {
                    id: promise.id.to_string(),
                    promise: t(&promise.promise),
                    step: step_doc(dated),
                }),
                // `prepare` refuses such a deal; a memo must never drop a
                // promise silently, so a caller that skipped it gets told.
                None => problems.push(
                    Diagnostic::new(
                        &codes::DEAL_INCOMPLETE,
                        format!("promise `{}` is not traced to a plan step", promise.id),
                        promise.id.span,
                        "no plan step keeps this promise",
                    )
                    .with_help("set `fulfilled_by:` to an onboarding plan step of the journey"),
                ),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }

        let pillar = |kind: PillarKind| {
            let declared = journey
                .onboarding
                .iter()
                .flat_map(|o| &o.pillars)
                .find(|d| d.pillar.value == kind);
            let owner = declared
                .and_then(|d| d.owner.as_ref())
                .map(|id| person(journey, deal, id));
            PillarDoc {
                pillar: kind.as_str(),
                label: pillar_label(kind),
                covers: declared.map(|d| syntax.list(&d.covers)).unwrap_or_default(),
                deliverable: declared.and_then(|d| syntax.opt(d.deliverable.as_ref())),
                owner: owner.as_ref().map(|o| t(&o.name)),
                owner_email: owner.and_then(|o| o.email).map(|e| t(&e)),
                steps: p
                    .steps
                    .iter()
                    .filter(|s| s.step.pillar.as_ref().is_some_and(|k| k.value == kind))
                    .map(step_doc)
                    .collect(),
            }
        };

        let currency = journey
            .roi
            .as_ref()
            .and_then(|r| r.currency.as_ref())
            .map_or("", |c| c.as_str());
        let predicted_roi = deal.predicted_roi.as_ref().map(|roi| RoiDoc {
            annual_benefit: t(&text::money(roi.annual_benefit.value, currency)),
            payback_months: roi.payback_months.as_ref().map(|m| m.value),
            summary: syntax.opt(roi.summary.as_ref()),
        });

        let mut contacts = Vec::new();
        for role in &journey.committee {
            for contact in deal
                .contacts
                .iter()
                .filter(|c| c.role.value == role.id.value)
            {
                contacts.push(ContactDoc {
                    role: role.id.to_string(),
                    role_name: t(&role.name),
                    name: t(&contact.name),
                    title: syntax.opt(contact.title.as_ref()),
                    email: syntax.opt(contact.email.as_ref()),
                    phone: syntax.opt(contact.phone.as_ref()),
                });
            }
        }

        let metrics = journey
            .onboarding
            .iter()
            .flat_map(|o| &o.metrics)
            .map(|m| MetricDoc {
                id: m.id.to_string(),
                name: t(&m.name),
                target: syntax.opt(m.target.as_ref()),
            })
            .collect();

        let segment = journey
            .segment
            .as_ref()
            .map_or_else(|| deal.segment.to_string(), |s| t(&s.name));
        let title = journey
            .journey
            .as_ref()
            .map_or_else(|| segment.clone(), |h| t(&h.name));
        Ok(Memo {
            client: t(&deal.client),
            deal: deal.id.to_string(),
            journey: title,
            segment,
            seats: deal.seats.value,
            signed: p.signed.to_string(),
            kickoff: p.kickoff.to_string(),
            kickoff_weekday: p.kickoff.weekday().name(),
            package: PackageDoc {
                id: p.package.id.to_string(),
                name: t(&p.package.name),
                description: syntax.opt(p.package.description.as_ref()),
                includes: syntax.list(&p.package.includes),
            },
            sla: sla_doc(p, syntax),
            scope: syntax.list(&deal.scope),
            security_posture: syntax.list(&deal.security_posture),
            predicted_roi,
            promises,
            sales_promise: pillar(PillarKind::SalesPromise),
            delivery_execution: pillar(PillarKind::DeliveryExecution),
            client_requirements: pillar(PillarKind::ClientRequirements),
            contacts,
            trust_moments: trust_moments(p, syntax),
            metrics,
            plan: p.steps.iter().map(step_doc).collect(),
        })
    }
}

impl StepDoc {
    fn new(p: &Prepared<'_>, dated: &DatedStep<'_>, syntax: Syntax) -> StepDoc {
        let step: &PlanStep = dated.step;
        let plan = p.journey.onboarding.iter().flat_map(|o| &o.plan);
        let depends_on = step
            .depends_on
            .iter()
            .map(|id| {
                plan.clone()
                    .find(|s| s.id.value == id.value)
                    .map_or_else(|| id.to_string(), |s| syntax.text(&s.name))
            })
            .collect();
        let touchpoint = step
            .touchpoint
            .as_ref()
            .and_then(|id| {
                p.journey
                    .touchpoints
                    .iter()
                    .find(|t| t.id.value == id.value)
            })
            .map(|t| syntax.text(&t.name));
        StepDoc {
            id: step.id.to_string(),
            name: syntax.text(&step.name),
            pillar: step.pillar.as_ref().map(|k| k.value.as_str()),
            owner: syntax.text(&dated.owner.name),
            owner_email: dated.owner.email.as_ref().map(|e| syntax.text(e)),
            due: dated.due.to_string(),
            weekday: dated.due.weekday().name(),
            day: relative_day(step),
            deliverable: syntax.opt(step.deliverable.as_ref()),
            milestone: step.milestone.as_ref().is_some_and(|m| m.value),
            depends_on,
            touchpoint,
        }
    }
}

fn sla_doc(p: &Prepared<'_>, syntax: Syntax) -> SlaDoc {
    let targets = p
        .sla
        .targets
        .iter()
        .map(|target| {
            let hours = target.resolution_hours.as_ref().map(|h| h.value);
            TargetDoc {
                priority: syntax.text(&target.priority.to_string().to_uppercase()),
                description: syntax.opt(target.description.as_ref()),
                first_response: minutes(target.first_response_minutes.value),
                first_response_minutes: target.first_response_minutes.value,
                resolution: hours.map(|h| format!("{h} h")),
                resolution_hours: hours,
            }
        })
        .collect();
    let penalty = p.sla.penalty.as_ref().map(|penalty| PenaltyDoc {
        service_credit: percent(penalty.service_credit_percent.value),
        monthly_cap: penalty
            .monthly_cap_percent
            .as_ref()
            .map(|c| percent(c.value)),
        description: syntax.opt(penalty.description.as_ref()),
    });
    SlaDoc {
        id: p.sla.id.to_string(),
        name: syntax.text(&p.sla.name),
        targets,
        penalty,
    }
}

/// Trust-shaping touchpoints of the onboarding and delivery stages, in
/// journey order, each with the date of the plan step that carries it out.
fn trust_moments(p: &Prepared<'_>, syntax: Syntax) -> Vec<TrustMomentDoc> {
    let after_signature = |stage: &str| {
        p.view.stage(stage).is_some_and(|s| match &s.spine {
            Some(spine) => matches!(spine.value, SpineStage::Onboarding | SpineStage::Delivery),
            // A stage off the spine counts when its id says where it sits.
            None => matches!(stage, "onboarding" | "delivery"),
        })
    };
    let mut moments = Vec::new();
    for stage in &p.view.stages {
        if !after_signature(stage.id.as_str()) {
            continue;
        }
        for touchpoint in p
            .view
            .touchpoints_of(stage.id.as_str())
            .filter(|t| t.is_trust_moment())
        {
            let owner = first_owner(touchpoint).map(|id| person(p.journey, p.deal, id));
            let step = p.steps.iter().find(|s| {
                s.step
                    .touchpoint
                    .as_ref()
                    .is_some_and(|t| t.value == touchpoint.id.value)
            });
            moments.push(TrustMomentDoc {
                id: touchpoint.id.to_string(),
                name: syntax.text(&touchpoint.name),
                stage: stage.id.to_string(),
                stage_name: syntax.text(&stage.name),
                owner: owner.as_ref().map(|o| syntax.text(&o.name)),
                owner_email: owner.and_then(|o| o.email).map(|e| syntax.text(&e)),
                artifact: syntax.opt(touchpoint.artifact.as_ref()),
                trigger: syntax.opt(touchpoint.trigger.as_ref()),
                step: step.map(|s| syntax.text(&s.step.name)),
                due: step.map(|s| s.due.to_string()),
            });
        }
    }
    moments
}

fn first_owner(touchpoint: &Touchpoint) -> Option<&Id> {
    touchpoint
        .owner
        .as_ref()
        .and_then(|o: &Spanned<OwnerRefs>| o.0.first())
}

fn pillar_label(kind: PillarKind) -> &'static str {
    match kind {
        PillarKind::SalesPromise => "Sales promise",
        PillarKind::DeliveryExecution => "Delivery execution",
        PillarKind::ClientRequirements => "Client requirements",
    }
}

/// The step's due day as the journey states it: `day 14`, `business day 4`.
fn relative_day(step: &PlanStep) -> String {
    let business = step.business_days.as_ref().is_some_and(|b| b.value);
    match (&step.due_day, business) {
        (None, _) => "kickoff".to_owned(),
        (Some(d), true) => format!("business day {}", d.value),
        (Some(d), false) => format!("day {}", d.value),
    }
}

/// A response time as people quote it: `15 min`, `1 h`, `90 min`.
fn minutes(value: u32) -> String {
    if value >= 60 && value.is_multiple_of(60) {
        format!("{} h", value / 60)
    } else {
        format!("{value} min")
    }
}

/// A percentage with at most two decimals and no trailing zeros: `5%`,
/// `2.5%` (the value is already in percent, unlike `text::percent`).
fn percent(value: f64) -> String {
    format!("{}%", text::number(value, 2, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_read_the_same_on_every_machine() {
        assert_eq!(text::money(250_000.0, "USD"), "USD 250,000");
        assert_eq!(text::money(999.4, ""), "999");
        assert_eq!(text::money(-1_234_567.0, "EUR"), "EUR -1,234,567");
        assert_eq!(percent(5.0), "5%");
        assert_eq!(percent(2.5), "2.5%");
        assert_eq!(minutes(15), "15 min");
        assert_eq!(minutes(120), "2 h");
        assert_eq!(minutes(90), "90 min");
    }

    #[test]
    fn markdown_text_cannot_break_a_table_or_open_html() {
        assert_eq!(Syntax::Markdown.text("a | b\n  c"), "a \\| b c");
        assert_eq!(
            Syntax::Markdown.text("<script>x</script>"),
            "&lt;script>x&lt;/script>"
        );
        assert_eq!(Syntax::Markdown.text("> quote"), "&gt; quote");
        assert_eq!(Syntax::Html.text("<b> & co"), "<b> & co");
    }
}
