//! The context every documentation template receives.
//!
//! Templates are overridable by users (`--templates DIR`), so the context is
//! a documented interface: `docs/templates.md` lists every field below, and a
//! test keeps the two in agreement. It carries the journey as written plus
//! what a reader needs resolved: stages in journey order, names instead of
//! ids, proof per role and stage, heat classes, the ROI figures formatted in
//! the journey's currency. Every text except `journey` is escaped for the
//! syntax of the document (see [`Syntax`]); every list is in a fixed order so
//! the documents are the same bytes on every build.

mod operations;

use std::collections::BTreeMap;

use serde::Serialize;

use super::text::{self, Syntax};
use crate::build::View;
use crate::model::{
    BacklogItem, CommitteeRole, Criterion, DropOffReason, FixKind, Function, Heat, Id, Journey,
    MomentOfTruth, OwnerRefs, ProofAsset, Range, Segment, Spanned, Stage, Touchpoint,
};
use operations::{BaselineDoc, GovernanceDoc, OnboardingDoc, QualificationDoc, RoiDoc};

#[derive(Serialize)]
pub struct Context<'a> {
    /// The journey model as written, unescaped.
    journey: &'a Journey,
    title: String,
    id: String,
    description: Option<String>,
    maintainer: Option<String>,
    segment: Option<SegmentDoc>,
    currency: String,
    stages: Vec<StageDoc>,
    edges: Vec<EdgeDoc>,
    committee: Vec<RoleDoc>,
    proof_assets: Vec<AssetDoc>,
    touchpoints: Vec<TouchpointDoc>,
    moments_of_truth: Vec<MomentDoc>,
    backlog: Vec<BacklogDoc>,
    backlog_by_kind: Vec<BacklogGroup>,
    qualification: Option<QualificationDoc>,
    onboarding: Option<OnboardingDoc>,
    roi: Option<RoiDoc>,
    governance: Option<GovernanceDoc>,
    baseline: Vec<BaselineDoc>,
}

#[derive(Serialize)]
struct SegmentDoc {
    id: String,
    name: String,
    description: Option<String>,
    employees: Option<String>,
    seats: Option<String>,
    verticals: Vec<String>,
    regions: Vec<String>,
    traits: Vec<String>,
}

#[derive(Serialize)]
struct StageDoc {
    id: String,
    /// A node name safe in every diagram syntax (`s1`, `s2`, … in journey
    /// order): ids such as `end` are keywords in Mermaid.
    node: String,
    name: String,
    spine: Option<&'static str>,
    start: bool,
    end: bool,
    description: Option<String>,
    probability: Option<String>,
    entry_criteria: Vec<CriterionDoc>,
    exit_criteria: Vec<CriterionDoc>,
    transitions: Vec<TransitionDoc>,
    exit_paths: Vec<ExitPathDoc>,
    touchpoints: Vec<TouchpointDoc>,
    owners: Vec<String>,
    systems: Vec<String>,
}

#[derive(Serialize)]
struct CriterionDoc {
    criterion: String,
    event: Option<String>,
    event_name: Option<String>,
    system: Option<String>,
}

#[derive(Serialize)]
struct TransitionDoc {
    to: String,
    to_name: String,
    when: Option<String>,
}

#[derive(Serialize)]
struct ExitPathDoc {
    reason: String,
    reason_label: String,
    signal: Option<String>,
    return_to: Option<String>,
    return_to_name: Option<String>,
}

#[derive(Serialize)]
struct EdgeDoc {
    from: String,
    to: String,
    from_node: String,
    to_node: String,
    /// `transition` for a declared move, `return` for exit paths that
    /// re-enter an earlier stage (one edge per pair of stages).
    kind: &'static str,
    label: String,
}

#[derive(Serialize)]
struct RoleDoc {
    id: String,
    name: String,
    fear: Option<String>,
    key_question: Option<String>,
    /// One cell per stage, in `stages` order, so a template can draw the
    /// roles × stages matrix row by row.
    proof: Vec<ProofCell>,
}

#[derive(Serialize)]
struct ProofCell {
    stage: String,
    stage_name: String,
    assets: Vec<AssetDoc>,
}

#[derive(Serialize, Clone)]
struct AssetDoc {
    id: String,
    name: String,
    owner: Option<String>,
    review_by: Option<String>,
    location: Option<String>,
}

#[derive(Serialize, Clone)]
struct TouchpointDoc {
    id: String,
    name: String,
    stage: Option<String>,
    stage_name: Option<String>,
    function: Option<&'static str>,
    artifact: Option<String>,
    owner: Option<String>,
    system: Option<String>,
    event: Option<String>,
    event_name: Option<String>,
    primary_role: Option<String>,
    roles: Vec<String>,
    trigger: Option<String>,
    description: Option<String>,
    trust_moment: bool,
    heat: Option<HeatDoc>,
    /// CSS classes for the heat map: `heat-pain-N` or `heat-delight-N` for
    /// the stronger of the two scores, `heat-even` on a tie, `heat-none`
    /// unscored; plus `heat-mot` when the moment-of-truth score is 4 or 5.
    heat_class: String,
    /// The moment of truth defined on this touchpoint, if any.
    moment_of_truth: Option<String>,
    top_priority: bool,
}

#[derive(Serialize, Clone)]
struct HeatDoc {
    pain: u8,
    delight: u8,
    moment_of_truth: u8,
    evidence: Option<String>,
}

#[derive(Serialize)]
struct MomentDoc {
    id: String,
    touchpoint: String,
    touchpoint_name: String,
    stage_name: Option<String>,
    owner: Option<String>,
    kpi: Option<String>,
    next_action: Option<String>,
    top_priority: bool,
    heat: Option<HeatDoc>,
}

#[derive(Serialize, Clone)]
struct BacklogDoc {
    id: String,
    title: String,
    kind: &'static str,
    kind_label: &'static str,
    priority: Option<u32>,
    touchpoint: Option<String>,
    touchpoint_name: Option<String>,
    moment_of_truth: Option<String>,
    owner: Option<String>,
    description: Option<String>,
}

#[derive(Serialize)]
struct BacklogGroup {
    kind: &'static str,
    label: &'static str,
    items: Vec<BacklogDoc>,
}

impl<'a> Context<'a> {
    /// The context for a document written in `syntax`.
    pub fn new(view: &View<'a>, syntax: Syntax) -> Context<'a> {
        let b = Builder::new(view, syntax);
        let journey = view.journey;
        let header = journey.journey.as_ref();
        let touchpoints: Vec<TouchpointDoc> = b
            .touchpoints_in_journey_order()
            .into_iter()
            .map(|t| b.touchpoint(t))
            .collect();
        let backlog = b.backlog();
        Context {
            journey,
            title: header
                .map(|h| b.text(&h.name))
                .or_else(|| journey.segment.as_ref().map(|s| b.text(&s.name)))
                .unwrap_or_else(|| "Customer journey".to_owned()),
            id: header.map(|h| h.id.to_string()).unwrap_or_default(),
            description: header.and_then(|h| b.opt_text(&h.description)),
            maintainer: header.and_then(|h| h.owner.as_ref()).map(|o| b.owner(o)),
            segment: journey.segment.as_ref().map(|s| b.segment(s)),
            currency: b.currency.clone(),
            stages: view
                .stages
                .iter()
                .enumerate()
                .map(|(i, s)| b.stage(i, s))
                .collect(),
            edges: b.edges(),
            committee: journey.committee.iter().map(|r| b.role(r)).collect(),
            proof_assets: journey.proof_assets.iter().map(|a| b.asset(a)).collect(),
            touchpoints,
            moments_of_truth: b.moments_of_truth(),
            backlog_by_kind: group_backlog(&backlog),
            backlog,
            qualification: journey.qualification.as_ref().map(|q| b.qualification(q)),
            onboarding: journey.onboarding.as_ref().map(|o| b.onboarding(o)),
            roi: journey
                .roi
                .as_ref()
                .zip(view.roi.as_ref())
                .map(|(r, f)| b.roi(r, f)),
            governance: journey.governance.as_ref().map(|g| b.governance(g)),
            baseline: journey.baseline.iter().map(|m| b.baseline(m)).collect(),
        }
    }
}

/// Looks ids up and escapes text while the context is assembled.
struct Builder<'v, 'a> {
    view: &'v View<'a>,
    syntax: Syntax,
    currency: String,
    /// Lookups by id (moments by their touchpoint's id) that the View does
    /// not offer. Only looked up, never iterated: documents follow the
    /// journey's own order.
    assets: BTreeMap<&'a str, &'a ProofAsset>,
    touchpoints: BTreeMap<&'a str, &'a Touchpoint>,
    reasons: BTreeMap<&'a str, &'a DropOffReason>,
    moments: BTreeMap<&'a str, &'a MomentOfTruth>,
    /// Position of each stage in journey order.
    stage_index: BTreeMap<&'a str, usize>,
}

impl<'v, 'a> Builder<'v, 'a> {
    fn new(view: &'v View<'a>, syntax: Syntax) -> Builder<'v, 'a> {
        let journey = view.journey;
        let currency = journey
            .roi
            .as_ref()
            .and_then(|r| r.currency.as_ref())
            .map(|c| syntax.escape(c))
            .unwrap_or_default();
        Builder {
            view,
            syntax,
            currency,
            // The first definition wins, as in the View's lookups.
            assets: journey
                .proof_assets
                .iter()
                .rev()
                .map(|a| (a.id.as_str(), a))
                .collect(),
            touchpoints: journey
                .touchpoints
                .iter()
                .rev()
                .map(|t| (t.id.as_str(), t))
                .collect(),
            reasons: journey
                .drop_off_reasons
                .iter()
                .rev()
                .map(|r| (r.id.as_str(), r))
                .collect(),
            moments: journey
                .moments_of_truth
                .iter()
                .rev()
                .map(|m| (m.touchpoint.as_str(), m))
                .collect(),
            stage_index: view
                .stages
                .iter()
                .enumerate()
                .rev()
                .map(|(i, s)| (s.id.as_str(), i))
                .collect(),
        }
    }

    fn text(&self, text: &str) -> String {
        self.syntax.escape(text)
    }

    fn opt_text(&self, text: &Option<Spanned<String>>) -> Option<String> {
        text.as_ref().map(|t| self.text(t))
    }

    fn texts(&self, texts: &[Spanned<String>]) -> Vec<String> {
        texts.iter().map(|t| self.text(t)).collect()
    }

    /// An owner's name; the id when it does not resolve (`check` reports
    /// that, and a document with the id is still more useful than none).
    fn owner(&self, id: &Id) -> String {
        self.name_of(id, self.view.owner(id.as_str()).map(|o| o.name.as_str()))
    }

    /// The owners of an item that should have exactly one, joined.
    fn owners(&self, owners: &Option<Spanned<OwnerRefs>>) -> Option<String> {
        let ids = &owners.as_ref()?.value.0;
        (!ids.is_empty()).then(|| {
            ids.iter()
                .map(|o| self.owner(o))
                .collect::<Vec<_>>()
                .join(", ")
        })
    }

    /// A name found by id, escaped; the id itself when it does not resolve.
    fn name_of(&self, id: &Id, name: Option<&str>) -> String {
        self.text(name.unwrap_or(id.as_str()))
    }

    fn stage_name(&self, id: &Id) -> String {
        self.name_of(id, self.view.stage(id.as_str()).map(|s| s.name.as_str()))
    }

    fn system_name(&self, id: &Id) -> String {
        self.name_of(id, self.view.system(id.as_str()).map(|s| s.name.as_str()))
    }

    fn event_name(&self, id: &Id) -> String {
        self.name_of(id, self.view.event(id.as_str()).map(|e| e.name.as_str()))
    }

    fn role_name(&self, id: &Id) -> String {
        self.name_of(id, self.view.role(id.as_str()).map(|r| r.name.as_str()))
    }

    fn touchpoint_name(&self, id: &Id) -> String {
        self.name_of(
            id,
            self.touchpoints.get(id.as_str()).map(|t| t.name.as_str()),
        )
    }

    fn reason_label(&self, id: &Id) -> String {
        self.name_of(id, self.reasons.get(id.as_str()).map(|r| r.label.as_str()))
    }

    fn segment(&self, segment: &Segment) -> SegmentDoc {
        let icp = segment.icp.as_ref();
        let range = |r: &Option<Spanned<Range>>| {
            r.as_ref().map(|r| {
                format!(
                    "{}–{}",
                    text::number(f64::from(r.min.value), 0, false),
                    text::number(f64::from(r.max.value), 0, false)
                )
            })
        };
        SegmentDoc {
            id: segment.id.to_string(),
            name: self.text(&segment.name),
            description: self.opt_text(&segment.description),
            employees: icp.and_then(|i| range(&i.employees)),
            seats: icp.and_then(|i| range(&i.seats)),
            verticals: icp.map(|i| self.texts(&i.verticals)).unwrap_or_default(),
            regions: icp.map(|i| self.texts(&i.regions)).unwrap_or_default(),
            traits: icp.map(|i| self.texts(&i.traits)).unwrap_or_default(),
        }
    }

    fn stage(&self, index: usize, stage: &Stage) -> StageDoc {
        let touchpoints: Vec<&Touchpoint> = self.view.touchpoints_of(stage.id.as_str()).collect();

        // Owners in the order their touchpoints appear; systems in the order
        // the journey declares them.
        let mut owners: Vec<String> = Vec::new();
        for owner in touchpoints.iter().filter_map(|t| self.owners(&t.owner)) {
            if !owners.contains(&owner) {
                owners.push(owner);
            }
        }
        let events_here = self
            .view
            .journey
            .events
            .iter()
            .filter(|e| e.stage.as_ref().is_some_and(|s| s.value == stage.id.value));
        let used: Vec<&str> = touchpoints
            .iter()
            .filter_map(|t| t.system.as_ref())
            .chain(events_here.filter_map(|e| e.system.as_ref()))
            .map(|s| s.as_str())
            .collect();
        let systems = self
            .view
            .journey
            .systems
            .iter()
            .filter(|s| used.contains(&s.id.as_str()))
            .map(|s| self.text(&s.name))
            .collect();

        StageDoc {
            id: stage.id.to_string(),
            node: format!("s{}", index + 1),
            name: self.text(&stage.name),
            spine: stage.spine.as_ref().map(|s| s.as_str()),
            start: stage.is_start(),
            end: stage.is_end(),
            description: self.opt_text(&stage.description),
            probability: stage.probability.as_ref().map(|p| text::percent(p.value)),
            entry_criteria: stage
                .entry_criteria
                .iter()
                .map(|c| self.criterion(c))
                .collect(),
            exit_criteria: stage
                .exit_criteria
                .iter()
                .map(|c| self.criterion(c))
                .collect(),
            transitions: stage
                .transitions
                .iter()
                .map(|t| TransitionDoc {
                    to: t.to.to_string(),
                    to_name: self.stage_name(&t.to),
                    when: self.opt_text(&t.when),
                })
                .collect(),
            exit_paths: stage
                .exit_paths
                .iter()
                .map(|p| ExitPathDoc {
                    reason: p.reason.to_string(),
                    reason_label: self.reason_label(&p.reason),
                    signal: self.opt_text(&p.signal),
                    return_to: p.return_to.as_ref().map(|r| r.to_string()),
                    return_to_name: p.return_to.as_ref().map(|r| self.stage_name(r)),
                })
                .collect(),
            touchpoints: touchpoints
                .into_iter()
                .map(|t| self.touchpoint(t))
                .collect(),
            owners,
            systems,
        }
    }

    fn criterion(&self, criterion: &Criterion) -> CriterionDoc {
        let event = criterion.event.as_ref();
        CriterionDoc {
            criterion: self.text(&criterion.criterion),
            event: event.map(|e| e.to_string()),
            event_name: event.map(|e| self.event_name(e)),
            system: event
                .and_then(|e| self.view.event(e.as_str()))
                .and_then(|e| e.system.as_ref())
                .map(|s| self.system_name(s)),
        }
    }

    /// Transitions, then the exit paths that return to a stage, one dashed
    /// edge per pair of stages with every reason on its label.
    fn edges(&self) -> Vec<EdgeDoc> {
        let node = |id: &str| {
            self.stage_index
                .get(id)
                .map_or_else(|| id.to_owned(), |i| format!("s{}", i + 1))
        };
        let mut edges = Vec::new();
        for stage in &self.view.stages {
            for t in &stage.transitions {
                edges.push(EdgeDoc {
                    from: stage.id.to_string(),
                    to: t.to.to_string(),
                    from_node: node(stage.id.as_str()),
                    to_node: node(t.to.as_str()),
                    kind: "transition",
                    label: t.when.as_ref().map(|w| self.text(w)).unwrap_or_default(),
                });
            }
        }
        for stage in &self.view.stages {
            let mut returns: Vec<(&str, Vec<String>)> = Vec::new();
            for path in &stage.exit_paths {
                let Some(to) = path.return_to.as_ref() else {
                    continue;
                };
                let label = self.reason_label(&path.reason);
                match returns.iter_mut().find(|(t, _)| *t == to.as_str()) {
                    Some((_, labels)) => labels.push(label),
                    None => returns.push((to.as_str(), vec![label])),
                }
            }
            for (to, labels) in returns {
                edges.push(EdgeDoc {
                    from: stage.id.to_string(),
                    to: to.to_owned(),
                    from_node: node(stage.id.as_str()),
                    to_node: node(to),
                    kind: "return",
                    label: labels.join(", "),
                });
            }
        }
        edges
    }

    fn role(&self, role: &CommitteeRole) -> RoleDoc {
        let proof = self
            .view
            .stages
            .iter()
            .map(|stage| ProofCell {
                stage: stage.id.to_string(),
                stage_name: self.text(&stage.name),
                assets: role
                    .proof
                    .iter()
                    .filter(|p| p.stage.value == stage.id.value)
                    .flat_map(|p| &p.assets)
                    .map(|a| match self.assets.get(a.as_str()) {
                        Some(asset) => self.asset(asset),
                        None => AssetDoc {
                            id: a.to_string(),
                            name: a.to_string(),
                            owner: None,
                            review_by: None,
                            location: None,
                        },
                    })
                    .collect(),
            })
            .collect();
        RoleDoc {
            id: role.id.to_string(),
            name: self.text(&role.name),
            fear: self.opt_text(&role.fear),
            key_question: self.opt_text(&role.key_question),
            proof,
        }
    }

    fn asset(&self, asset: &ProofAsset) -> AssetDoc {
        AssetDoc {
            id: asset.id.to_string(),
            name: self.text(&asset.name),
            owner: asset.owner.as_ref().map(|o| self.owner(o)),
            review_by: asset.review_by.as_ref().map(|d| d.value.0.clone()),
            location: self.opt_text(&asset.location),
        }
    }

    /// Touchpoints stage by stage in journey order, then any whose stage is
    /// unknown, each group in declaration order.
    fn touchpoints_in_journey_order(&self) -> Vec<&'a Touchpoint> {
        let mut touchpoints: Vec<&Touchpoint> = self.view.journey.touchpoints.iter().collect();
        touchpoints.sort_by_key(|t| {
            t.stage
                .as_ref()
                .and_then(|s| self.stage_index.get(s.as_str()).copied())
                .unwrap_or(usize::MAX)
        });
        touchpoints
    }

    fn touchpoint(&self, t: &Touchpoint) -> TouchpointDoc {
        let moment = self.moments.get(t.id.as_str());
        TouchpointDoc {
            id: t.id.to_string(),
            name: self.text(&t.name),
            stage: t.stage.as_ref().map(|s| s.to_string()),
            stage_name: t.stage.as_ref().map(|s| self.stage_name(s)),
            function: t.function.as_ref().map(|f| function_label(f.value)),
            artifact: self.opt_text(&t.artifact),
            owner: self.owners(&t.owner),
            system: t.system.as_ref().map(|s| self.system_name(s)),
            event: t.event.as_ref().map(|e| e.to_string()),
            event_name: t.event.as_ref().map(|e| self.event_name(e)),
            primary_role: t.primary_role.as_ref().map(|r| self.role_name(r)),
            roles: t.roles.iter().map(|r| self.role_name(r)).collect(),
            trigger: self.opt_text(&t.trigger),
            description: self.opt_text(&t.description),
            trust_moment: t.is_trust_moment(),
            heat: t.heat.as_ref().map(|h| self.heat(h)),
            heat_class: heat_class(t.heat.as_ref().map(|h| &h.value)),
            moment_of_truth: moment.map(|m| m.id.to_string()),
            top_priority: moment.is_some_and(|m| m.is_top_priority()),
        }
    }

    fn heat(&self, heat: &Heat) -> HeatDoc {
        HeatDoc {
            pain: heat.pain.value,
            delight: heat.delight.value,
            moment_of_truth: heat.moment_of_truth.value,
            evidence: self.opt_text(&heat.evidence),
        }
    }

    /// Top-priority moments first, each group in declaration order.
    fn moments_of_truth(&self) -> Vec<MomentDoc> {
        let mut moments: Vec<&MomentOfTruth> = self.view.journey.moments_of_truth.iter().collect();
        moments.sort_by_key(|m| !m.is_top_priority());
        moments
            .into_iter()
            .map(|m| {
                let touchpoint = self.touchpoints.get(m.touchpoint.as_str());
                MomentDoc {
                    id: m.id.to_string(),
                    touchpoint: m.touchpoint.to_string(),
                    touchpoint_name: self.touchpoint_name(&m.touchpoint),
                    stage_name: touchpoint
                        .and_then(|t| t.stage.as_ref())
                        .map(|s| self.stage_name(s)),
                    owner: self.owners(&m.owner),
                    kpi: self.opt_text(&m.kpi),
                    next_action: self.opt_text(&m.next_action),
                    top_priority: m.is_top_priority(),
                    heat: touchpoint
                        .and_then(|t| t.heat.as_ref())
                        .map(|h| self.heat(h)),
                }
            })
            .collect()
    }

    /// By priority (unprioritised last), then by kind, then as declared.
    fn backlog(&self) -> Vec<BacklogDoc> {
        let mut items: Vec<&BacklogItem> = self.view.journey.backlog.iter().collect();
        items.sort_by_key(|i| {
            (
                i.priority.as_ref().map_or(u32::MAX, |p| p.value),
                i.kind.value,
            )
        });
        items
            .into_iter()
            .map(|i| BacklogDoc {
                id: i.id.to_string(),
                title: self.text(&i.title),
                kind: fix_kind(i.kind.value).0,
                kind_label: fix_kind(i.kind.value).1,
                priority: i.priority.as_ref().map(|p| p.value),
                touchpoint: i.touchpoint.as_ref().map(|t| t.to_string()),
                touchpoint_name: i.touchpoint.as_ref().map(|t| self.touchpoint_name(t)),
                moment_of_truth: i.moment_of_truth.as_ref().map(|m| m.to_string()),
                owner: i.owner.as_ref().map(|o| self.owner(o)),
                description: self.opt_text(&i.description),
            })
            .collect()
    }
}

/// The heat-map classes of a touchpoint (see [`TouchpointDoc::heat_class`]).
fn heat_class(heat: Option<&Heat>) -> String {
    let Some(heat) = heat else {
        return "heat-none".to_owned();
    };
    let (pain, delight) = (heat.pain.value.min(5), heat.delight.value.min(5));
    let mut class = match pain.cmp(&delight) {
        std::cmp::Ordering::Greater => format!("heat-pain-{pain}"),
        std::cmp::Ordering::Less => format!("heat-delight-{delight}"),
        std::cmp::Ordering::Equal if pain == 0 => "heat-none".to_owned(),
        std::cmp::Ordering::Equal => "heat-even".to_owned(),
    };
    if heat.moment_of_truth.value >= 4 {
        class.push_str(" heat-mot");
    }
    class
}

fn function_label(function: Function) -> &'static str {
    match function {
        Function::Marketing => "Marketing",
        Function::Sales => "Sales",
        Function::Service => "Service",
        Function::Legal => "Legal",
        Function::Finance => "Finance",
        Function::Vcio => "vCIO",
        Function::Security => "Security",
        Function::Operations => "Operations",
        Function::Leadership => "Leadership",
    }
}

/// A fix kind's name and what it covers.
fn fix_kind(kind: FixKind) -> (&'static str, &'static str) {
    match kind {
        FixKind::Quick => ("quick", "Quick fixes (process, copy)"),
        FixKind::System => ("system", "System fixes (tooling, instrumentation)"),
        FixKind::Structural => ("structural", "Structural fixes (packaging, pricing)"),
    }
}

fn group_backlog(items: &[BacklogDoc]) -> Vec<BacklogGroup> {
    [FixKind::Quick, FixKind::System, FixKind::Structural]
        .into_iter()
        .map(|kind| {
            let (kind, label) = fix_kind(kind);
            BacklogGroup {
                kind,
                label,
                items: items.iter().filter(|i| i.kind == kind).cloned().collect(),
            }
        })
        .filter(|group| !group.items.is_empty())
        .collect()
}
