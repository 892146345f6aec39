//! Derived views of a journey that several emitters need: stages in journey
//! order, lookups by id, the onboarding plan in PSA order and the ROI figures.
//! Computed once per build so emitters agree with each other.

use std::collections::{HashMap, HashSet, VecDeque};

use serde::Serialize;

use crate::model::{CommitteeRole, Event, Journey, Owner, PlanStep, Stage, System, Touchpoint};

pub struct View<'a> {
    pub journey: &'a Journey,
    /// Stages from the start stage outwards (breadth-first along declared
    /// transitions, in declaration order), then any the walk did not reach.
    pub stages: Vec<&'a Stage>,
    /// Onboarding plan steps by due day, ties in declaration order: the order
    /// in which the PSA should list them.
    pub plan: Vec<&'a PlanStep>,
    pub roi: Option<RoiFigures>,
    owners: HashMap<&'a str, &'a Owner>,
    systems: HashMap<&'a str, &'a System>,
    events: HashMap<&'a str, &'a Event>,
    roles: HashMap<&'a str, &'a CommitteeRole>,
    stages_by_id: HashMap<&'a str, &'a Stage>,
}

impl<'a> View<'a> {
    pub fn new(journey: &'a Journey) -> View<'a> {
        let stages_by_id: HashMap<&str, &Stage> = journey
            .stages
            .iter()
            .rev()
            .map(|s| (s.id.as_str(), s))
            .collect();

        let mut stages = Vec::with_capacity(journey.stages.len());
        let mut seen = HashSet::new();
        let mut queue: VecDeque<&Stage> = journey
            .stages
            .iter()
            .filter(|s| s.is_start())
            .take(1)
            .collect();
        while let Some(stage) = queue.pop_front() {
            if !seen.insert(stage.id.as_str()) {
                continue;
            }
            stages.push(stage);
            for t in &stage.transitions {
                if let Some(next) = stages_by_id.get(t.to.as_str()) {
                    queue.push_back(next);
                }
            }
        }
        for stage in &journey.stages {
            if seen.insert(stage.id.as_str()) {
                stages.push(stage);
            }
        }

        let mut plan: Vec<&PlanStep> = journey.onboarding.iter().flat_map(|o| &o.plan).collect();
        plan.sort_by_key(|s| calendar_estimate(s));

        View {
            journey,
            stages,
            plan,
            roi: journey.roi.as_ref().map(|r| RoiFigures::compute(r)),
            owners: journey
                .owners
                .iter()
                .rev()
                .map(|o| (o.id.as_str(), o))
                .collect(),
            systems: journey
                .systems
                .iter()
                .rev()
                .map(|s| (s.id.as_str(), s))
                .collect(),
            events: journey
                .events
                .iter()
                .rev()
                .map(|e| (e.id.as_str(), e))
                .collect(),
            roles: journey
                .committee
                .iter()
                .rev()
                .map(|r| (r.id.as_str(), r))
                .collect(),
            stages_by_id,
        }
    }

    pub fn owner(&self, id: &str) -> Option<&'a Owner> {
        self.owners.get(id).copied()
    }

    pub fn system(&self, id: &str) -> Option<&'a System> {
        self.systems.get(id).copied()
    }

    pub fn event(&self, id: &str) -> Option<&'a Event> {
        self.events.get(id).copied()
    }

    pub fn role(&self, id: &str) -> Option<&'a CommitteeRole> {
        self.roles.get(id).copied()
    }

    pub fn stage(&self, id: &str) -> Option<&'a Stage> {
        self.stages_by_id.get(id).copied()
    }

    /// The touchpoints of a stage, in declaration order.
    pub fn touchpoints_of<'s>(
        &'s self,
        stage: &'s str,
    ) -> impl Iterator<Item = &'a Touchpoint> + 's {
        self.journey
            .touchpoints
            .iter()
            .filter(move |t| t.stage.as_ref().is_some_and(|s| s.as_str() == stage))
    }
}

/// The calendar day a step falls due, for ordering: `n` business days from
/// a kickoff on a Monday take `n + 2 * floor(n / 5)` calendar days. Steps with
/// no due day sort last.
fn calendar_estimate(step: &PlanStep) -> u32 {
    match (&step.due_day, &step.business_days) {
        (None, _) => u32::MAX,
        (Some(d), Some(b)) if b.value => d.value + 2 * (d.value / 5),
        (Some(d), _) => d.value,
    }
}

/// The ROI model's outputs, from the formulas in the domain reference.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct RoiFigures {
    /// revenue × gross margin × (baseline churn − target churn)
    pub churn_reduction: f64,
    /// additional deals × average contract value × gross margin
    pub conversion_lift: f64,
    pub expansion_revenue: f64,
    pub onboarding_failure_savings: f64,
    /// The sum of the four gains above.
    pub net_benefit: f64,
    /// The sum of the listed costs.
    pub cost: f64,
    /// (net benefit − cost) / cost × 100; `None` when there is no cost.
    pub roi_percent: Option<f64>,
}

impl RoiFigures {
    pub fn compute(roi: &crate::model::Roi) -> RoiFigures {
        let churn_reduction = roi.annual_revenue.value
            * roi.gross_margin.value
            * (roi.baseline_churn.value - roi.target_churn.value);
        let conversion_lift =
            roi.additional_deals.value * roi.average_contract_value.value * roi.gross_margin.value;
        let expansion_revenue = roi.expansion_revenue.as_ref().map_or(0.0, |v| v.value);
        let onboarding_failure_savings = roi
            .onboarding_failure_savings
            .as_ref()
            .map_or(0.0, |v| v.value);
        let net_benefit =
            churn_reduction + conversion_lift + expansion_revenue + onboarding_failure_savings;
        let cost: f64 = roi.costs.iter().map(|c| c.amount.value).sum();
        let roi_percent = (cost > 0.0).then(|| (net_benefit - cost) / cost * 100.0);
        RoiFigures {
            churn_reduction,
            conversion_lift,
            expansion_revenue,
            onboarding_failure_savings,
            net_benefit,
            cost,
            roi_percent,
        }
    }
}
