//! Reference resolution: which ids a journey defines and where it uses them.
//!
//! The [`Index`] lists every definition by kind and every reference with the
//! kind it must resolve to. Rules decide what is wrong (a duplicate, an
//! unresolved reference); this module only collects, so adding a new
//! reference to the format means adding one line to [`Index::build`].

use std::collections::HashMap;

use crate::model::{Id, Journey, OwnerRefs, Spanned};

/// The kinds of thing a journey gives an id to. Ids are unique per kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Team,
    Owner,
    System,
    DropOffReason,
    Stage,
    CommitteeRole,
    ProofAsset,
    Event,
    Touchpoint,
    MomentOfTruth,
    BacklogItem,
    IntentSignal,
    PlanStep,
    OnboardingMetric,
    Review,
    Experiment,
    BaselineMetric,
    ServicePackage,
    SlaTier,
    ApprovedChange,
}

impl Kind {
    /// The word users know, for messages.
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Team => "team",
            Kind::Owner => "owner",
            Kind::System => "system",
            Kind::DropOffReason => "drop-off reason",
            Kind::Stage => "stage",
            Kind::CommitteeRole => "committee role",
            Kind::ProofAsset => "proof asset",
            Kind::Event => "event",
            Kind::Touchpoint => "touchpoint",
            Kind::MomentOfTruth => "moment of truth",
            Kind::BacklogItem => "backlog item",
            Kind::IntentSignal => "intent signal",
            Kind::PlanStep => "onboarding plan step",
            Kind::OnboardingMetric => "onboarding metric",
            Kind::Review => "review",
            Kind::Experiment => "experiment",
            Kind::BaselineMetric => "baseline metric",
            Kind::ServicePackage => "service package",
            Kind::SlaTier => "SLA tier",
            Kind::ApprovedChange => "approved change",
        }
    }

    /// The top-level section where things of this kind are defined.
    pub fn section(self) -> &'static str {
        match self {
            Kind::Team => "teams",
            Kind::Owner => "owners",
            Kind::System => "systems",
            Kind::DropOffReason => "drop_off_reasons",
            Kind::Stage => "stages",
            Kind::CommitteeRole => "committee",
            Kind::ProofAsset => "proof_assets",
            Kind::Event => "events",
            Kind::Touchpoint => "touchpoints",
            Kind::MomentOfTruth => "moments_of_truth",
            Kind::BacklogItem => "backlog",
            Kind::IntentSignal => "qualification.intent",
            Kind::PlanStep => "onboarding.plan",
            Kind::OnboardingMetric => "onboarding.metrics",
            Kind::Review => "governance.reviews",
            Kind::Experiment => "governance.experiments",
            Kind::BaselineMetric => "baseline",
            Kind::ServicePackage => "service_packages",
            Kind::SlaTier => "sla_tiers",
            Kind::ApprovedChange => "approved_changes",
        }
    }
}

/// Where a reference appears, so rules can treat some specially (a
/// transition to an unknown stage has a rule of its own).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Site {
    Transition,
    Other,
}

/// A use of an id.
#[derive(Debug)]
pub struct Reference<'a> {
    pub kind: Kind,
    pub id: &'a Id,
    pub site: Site,
}

/// Definitions and references of one journey.
#[derive(Debug, Default)]
pub struct Index<'a> {
    /// Every definition in file order, duplicates included.
    pub definitions: Vec<(Kind, &'a Id)>,
    /// The first definition of each id, by kind.
    first: HashMap<Kind, HashMap<&'a str, &'a Id>>,
    pub references: Vec<Reference<'a>>,
}

impl<'a> Index<'a> {
    pub fn build(j: &'a Journey) -> Index<'a> {
        let mut ix = Index::default();

        if let Some(h) = &j.journey {
            ix.refer_opt(Kind::Owner, &h.owner);
        }
        for t in &j.teams {
            ix.define(Kind::Team, &t.id);
        }
        for o in &j.owners {
            ix.define(Kind::Owner, &o.id);
            ix.refer_opt(Kind::Team, &o.team);
        }
        for s in &j.systems {
            ix.define(Kind::System, &s.id);
        }
        for r in &j.drop_off_reasons {
            ix.define(Kind::DropOffReason, &r.id);
        }
        for s in &j.stages {
            ix.define(Kind::Stage, &s.id);
            for c in s.entry_criteria.iter().chain(&s.exit_criteria) {
                ix.refer_opt(Kind::Event, &c.event);
            }
            for t in &s.transitions {
                ix.references.push(Reference {
                    kind: Kind::Stage,
                    id: &t.to,
                    site: Site::Transition,
                });
            }
            for p in &s.exit_paths {
                ix.refer(Kind::DropOffReason, &p.reason);
                ix.refer_opt(Kind::Stage, &p.return_to);
            }
        }
        for r in &j.committee {
            ix.define(Kind::CommitteeRole, &r.id);
            for need in &r.proof {
                ix.refer(Kind::Stage, &need.stage);
                ix.refer_all(Kind::ProofAsset, &need.assets);
            }
        }
        for a in &j.proof_assets {
            ix.define(Kind::ProofAsset, &a.id);
            ix.refer_opt(Kind::Owner, &a.owner);
        }
        for e in &j.events {
            ix.define(Kind::Event, &e.id);
            ix.refer_opt(Kind::System, &e.system);
            ix.refer_opt(Kind::Stage, &e.stage);
        }
        for t in &j.touchpoints {
            ix.define(Kind::Touchpoint, &t.id);
            ix.refer_opt(Kind::Stage, &t.stage);
            ix.refer_owners(&t.owner);
            ix.refer_opt(Kind::System, &t.system);
            ix.refer_opt(Kind::Event, &t.event);
            ix.refer_opt(Kind::CommitteeRole, &t.primary_role);
            ix.refer_all(Kind::CommitteeRole, &t.roles);
        }
        for m in &j.moments_of_truth {
            ix.define(Kind::MomentOfTruth, &m.id);
            ix.refer(Kind::Touchpoint, &m.touchpoint);
            ix.refer_owners(&m.owner);
        }
        for b in &j.backlog {
            ix.define(Kind::BacklogItem, &b.id);
            ix.refer_opt(Kind::Touchpoint, &b.touchpoint);
            ix.refer_opt(Kind::MomentOfTruth, &b.moment_of_truth);
            ix.refer_opt(Kind::Owner, &b.owner);
        }
        if let Some(q) = &j.qualification {
            for s in &q.intent {
                ix.define(Kind::IntentSignal, &s.id);
                ix.refer(Kind::Stage, &s.stage);
                ix.refer_opt(Kind::Event, &s.event);
            }
            if let Some(c) = &q.committee {
                ix.refer_all(Kind::CommitteeRole, &c.roles);
            }
            for signal in [&q.cfo_qualified, &q.it_qualified].into_iter().flatten() {
                ix.refer_opt(Kind::Event, &signal.event);
            }
        }
        if let Some(o) = &j.onboarding {
            for p in &o.pillars {
                ix.refer_opt(Kind::Owner, &p.owner);
            }
            for s in &o.plan {
                ix.define(Kind::PlanStep, &s.id);
                ix.refer_owners(&s.owner);
                ix.refer_all(Kind::PlanStep, &s.depends_on);
                ix.refer_opt(Kind::Touchpoint, &s.touchpoint);
            }
            for m in &o.metrics {
                ix.define(Kind::OnboardingMetric, &m.id);
            }
        }
        if let Some(g) = &j.governance {
            if let Some(k) = &g.board_kpi {
                ix.refer_opt(Kind::Owner, &k.owner);
            }
            for r in &g.reviews {
                ix.define(Kind::Review, &r.id);
                ix.refer_opt(Kind::Owner, &r.owner);
            }
            for e in &g.experiments {
                ix.define(Kind::Experiment, &e.id);
                ix.refer_owners(&e.owner);
            }
        }
        for b in &j.baseline {
            ix.define(Kind::BaselineMetric, &b.id);
        }
        for p in &j.service_packages {
            ix.define(Kind::ServicePackage, &p.id);
            ix.refer_opt(Kind::SlaTier, &p.sla_tier);
        }
        for t in &j.sla_tiers {
            ix.define(Kind::SlaTier, &t.id);
        }
        for a in &j.approved_changes {
            ix.define(Kind::ApprovedChange, &a.id);
            ix.refer(Kind::Owner, &a.approved_by);
        }
        ix
    }

    fn define(&mut self, kind: Kind, id: &'a Id) {
        self.definitions.push((kind, id));
        self.first
            .entry(kind)
            .or_default()
            .entry(id.as_str())
            .or_insert(id);
    }

    fn refer(&mut self, kind: Kind, id: &'a Id) {
        self.references.push(Reference {
            kind,
            id,
            site: Site::Other,
        });
    }

    fn refer_opt(&mut self, kind: Kind, id: &'a Option<Id>) {
        if let Some(id) = id {
            self.refer(kind, id);
        }
    }

    fn refer_all(&mut self, kind: Kind, ids: &'a [Id]) {
        for id in ids {
            self.refer(kind, id);
        }
    }

    fn refer_owners(&mut self, owners: &'a Option<Spanned<OwnerRefs>>) {
        for id in owners.iter().flat_map(|o| &o.0) {
            self.refer(Kind::Owner, id);
        }
    }

    /// The first definition of an id of a kind.
    pub fn get(&self, kind: Kind, id: &str) -> Option<&'a Id> {
        self.first.get(&kind).and_then(|m| m.get(id)).copied()
    }

    pub fn contains(&self, kind: Kind, id: &str) -> bool {
        self.get(kind, id).is_some()
    }

    /// All defined ids of a kind, for suggestions.
    pub fn ids(&self, kind: Kind) -> impl Iterator<Item = &'a str> + '_ {
        self.first
            .get(&kind)
            .into_iter()
            .flat_map(|m| m.keys().copied())
    }
}
