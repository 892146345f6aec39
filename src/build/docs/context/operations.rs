//! The operating sections of the context: qualification, onboarding, the
//! ROI scoreboard, governance and the baseline.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Builder;
use crate::build::docs::text;
use crate::build::view::RoiFigures;
use crate::model::{
    BaselineMetric, Cadence, ExperimentKind, Governance, IntentSignal, Onboarding, PillarKind,
    Qualification, Roi, Signal, Spanned,
};

#[derive(Serialize)]
pub(super) struct QualificationDoc {
    fit_points: Option<u32>,
    fit_criteria: Vec<String>,
    intent: Vec<IntentDoc>,
    committee: Option<CoverageDoc>,
    threshold: Option<u32>,
    cfo_qualified: Option<SignalDoc>,
    it_qualified: Option<SignalDoc>,
}

#[derive(Serialize)]
pub(super) struct IntentDoc {
    id: String,
    name: String,
    stage: String,
    stage_name: String,
    event_name: Option<String>,
    points: u32,
    triggers_handoff: bool,
}

#[derive(Serialize)]
pub(super) struct CoverageDoc {
    multiplier: String,
    window_days: u32,
    roles: Vec<String>,
}

#[derive(Serialize)]
pub(super) struct SignalDoc {
    description: String,
    event_name: Option<String>,
}

#[derive(Serialize)]
pub(super) struct OnboardingDoc {
    pillars: Vec<PillarDoc>,
    plan: Vec<PlanStepDoc>,
    phases: Vec<PhaseDoc>,
    metrics: Vec<MetricDoc>,
}

#[derive(Serialize)]
pub(super) struct PillarDoc {
    pillar: &'static str,
    label: &'static str,
    covers: Vec<String>,
    deliverable: Option<String>,
    owner: Option<String>,
}

#[derive(Serialize, Clone)]
pub(super) struct PlanStepDoc {
    id: String,
    name: String,
    pillar: Option<&'static str>,
    pillar_label: Option<&'static str>,
    owner: Option<String>,
    due_day: Option<u32>,
    business_days: bool,
    /// `day 14`, `business day 4` or `not scheduled`.
    due: String,
    depends_on: Vec<String>,
    deliverable: Option<String>,
    touchpoint_name: Option<String>,
    milestone: bool,
}

#[derive(Serialize)]
pub(super) struct PhaseDoc {
    name: &'static str,
    steps: Vec<PlanStepDoc>,
}

#[derive(Serialize)]
pub(super) struct MetricDoc {
    id: String,
    name: String,
    target: Option<String>,
}

#[derive(Serialize)]
pub(super) struct RoiDoc {
    currency: String,
    annual_revenue: String,
    gross_margin: String,
    baseline_churn: String,
    target_churn: String,
    additional_deals: String,
    average_contract_value: String,
    churn_reduction: String,
    conversion_lift: String,
    expansion_revenue: String,
    onboarding_failure_savings: String,
    net_benefit: String,
    cost: String,
    /// Net benefit minus cost.
    net_return: String,
    roi_percent: String,
    costs: Vec<CostDoc>,
    /// The same figures as plain numbers, unrounded.
    values: RoiFigures,
}

#[derive(Serialize)]
pub(super) struct CostDoc {
    item: String,
    amount: String,
}

#[derive(Serialize)]
pub(super) struct GovernanceDoc {
    board_kpi: Option<BoardKpiDoc>,
    reviews_by_cadence: Vec<CadenceGroup>,
    experiments: Vec<ExperimentDoc>,
}

#[derive(Serialize)]
pub(super) struct BoardKpiDoc {
    name: String,
    description: Option<String>,
    cadence: &'static str,
    owner: Option<String>,
}

#[derive(Serialize)]
pub(super) struct CadenceGroup {
    cadence: &'static str,
    reviews: Vec<ReviewDoc>,
}

#[derive(Serialize)]
pub(super) struct ReviewDoc {
    id: String,
    name: String,
    owner: Option<String>,
    agenda: Vec<String>,
}

#[derive(Serialize)]
pub(super) struct ExperimentDoc {
    id: String,
    name: String,
    kind: &'static str,
    hypothesis: Option<String>,
    owner: Option<String>,
    kpi: Option<String>,
}

#[derive(Serialize)]
pub(super) struct BaselineDoc {
    id: String,
    name: String,
    value: String,
    unit: Option<String>,
    captured_on: Option<String>,
}

impl Builder<'_, '_> {
    pub(super) fn qualification(&self, q: &Qualification) -> QualificationDoc {
        let mut intent: Vec<&IntentSignal> = q.intent.iter().collect();
        intent.sort_by_key(|s| {
            self.stage_index
                .get(s.stage.as_str())
                .copied()
                .unwrap_or(usize::MAX)
        });
        let signal = |s: &Option<Spanned<Signal>>| {
            s.as_ref().map(|s| SignalDoc {
                description: self.text(&s.description),
                event_name: s.event.as_ref().map(|e| self.event_name(e)),
            })
        };
        QualificationDoc {
            fit_points: q.fit.as_ref().map(|f| f.points.value),
            fit_criteria: q
                .fit
                .as_ref()
                .map(|f| self.texts(&f.criteria))
                .unwrap_or_default(),
            intent: intent
                .into_iter()
                .map(|s| IntentDoc {
                    id: s.id.to_string(),
                    name: self.text(&s.name),
                    stage: s.stage.to_string(),
                    stage_name: self.stage_name(&s.stage),
                    event_name: s.event.as_ref().map(|e| self.event_name(e)),
                    points: s.points.value,
                    triggers_handoff: s.triggers_handoff.as_ref().is_some_and(|t| t.value),
                })
                .collect(),
            committee: q.committee.as_ref().map(|c| CoverageDoc {
                multiplier: text::number(c.multiplier.value, 2, true),
                window_days: c.window_days.value,
                roles: c.roles.iter().map(|r| self.role_name(r)).collect(),
            }),
            threshold: q.threshold.as_ref().map(|t| t.value),
            cfo_qualified: signal(&q.cfo_qualified),
            it_qualified: signal(&q.it_qualified),
        }
    }

    pub(super) fn onboarding(&self, onboarding: &Onboarding) -> OnboardingDoc {
        let names: BTreeMap<&str, &str> = onboarding
            .plan
            .iter()
            .rev()
            .map(|s| (s.id.as_str(), s.name.as_str()))
            .collect();
        let plan: Vec<PlanStepDoc> = self
            .view
            .plan
            .iter()
            .map(|s| {
                let business_days = s.business_days.as_ref().is_some_and(|b| b.value);
                let due_day = s.due_day.as_ref().map(|d| d.value);
                PlanStepDoc {
                    id: s.id.to_string(),
                    name: self.text(&s.name),
                    pillar: s.pillar.as_ref().map(|p| p.as_str()),
                    pillar_label: s.pillar.as_ref().map(|p| pillar_label(p.value)),
                    owner: self.owners(&s.owner),
                    due_day,
                    business_days,
                    due: match (due_day, business_days) {
                        (Some(d), true) => format!("business day {d}"),
                        (Some(d), false) => format!("day {d}"),
                        (None, _) => "not scheduled".to_owned(),
                    },
                    depends_on: s
                        .depends_on
                        .iter()
                        .map(|d| self.text(names.get(d.as_str()).copied().unwrap_or(d.as_str())))
                        .collect(),
                    deliverable: self.opt_text(&s.deliverable),
                    touchpoint_name: s.touchpoint.as_ref().map(|t| self.touchpoint_name(t)),
                    milestone: s.milestone.as_ref().is_some_and(|m| m.value),
                }
            })
            .collect();

        let phases = PHASES
            .iter()
            .enumerate()
            .map(|(i, name)| PhaseDoc {
                name,
                steps: plan
                    .iter()
                    .filter(|s| phase(s.due_day, s.business_days) == i)
                    .cloned()
                    .collect(),
            })
            .filter(|p| !p.steps.is_empty())
            .collect();

        OnboardingDoc {
            pillars: onboarding
                .pillars
                .iter()
                .map(|p| PillarDoc {
                    pillar: p.pillar.as_str(),
                    label: pillar_label(p.pillar.value),
                    covers: self.texts(&p.covers),
                    deliverable: self.opt_text(&p.deliverable),
                    owner: p.owner.as_ref().map(|o| self.owner(o)),
                })
                .collect(),
            plan,
            phases,
            metrics: onboarding
                .metrics
                .iter()
                .map(|m| MetricDoc {
                    id: m.id.to_string(),
                    name: self.text(&m.name),
                    target: self.opt_text(&m.target),
                })
                .collect(),
        }
    }

    pub(super) fn roi(&self, roi: &Roi, figures: &RoiFigures) -> RoiDoc {
        let money = |v: f64| text::money(v, &self.currency);
        RoiDoc {
            currency: self.currency.clone(),
            annual_revenue: money(roi.annual_revenue.value),
            gross_margin: text::percent(roi.gross_margin.value),
            baseline_churn: text::percent(roi.baseline_churn.value),
            target_churn: text::percent(roi.target_churn.value),
            additional_deals: text::number(roi.additional_deals.value, 2, true),
            average_contract_value: money(roi.average_contract_value.value),
            churn_reduction: money(figures.churn_reduction),
            conversion_lift: money(figures.conversion_lift),
            expansion_revenue: money(figures.expansion_revenue),
            onboarding_failure_savings: money(figures.onboarding_failure_savings),
            net_benefit: money(figures.net_benefit),
            cost: money(figures.cost),
            net_return: money(figures.net_benefit - figures.cost),
            roi_percent: figures.roi_percent.map_or_else(
                || "n/a (no cost listed)".to_owned(),
                |p| format!("{}%", text::number(p, 1, false)),
            ),
            costs: roi
                .costs
                .iter()
                .map(|c| CostDoc {
                    item: self.text(&c.item),
                    amount: money(c.amount.value),
                })
                .collect(),
            values: figures.clone(),
        }
    }

    pub(super) fn governance(&self, g: &Governance) -> GovernanceDoc {
        let cadences = [
            Cadence::Weekly,
            Cadence::Monthly,
            Cadence::Quarterly,
            Cadence::Yearly,
        ];
        GovernanceDoc {
            board_kpi: g.board_kpi.as_ref().map(|k| BoardKpiDoc {
                name: self.text(&k.name),
                description: self.opt_text(&k.description),
                cadence: cadence_name(k.cadence.value),
                owner: k.owner.as_ref().map(|o| self.owner(o)),
            }),
            reviews_by_cadence: cadences
                .into_iter()
                .map(|c| CadenceGroup {
                    cadence: cadence_name(c),
                    reviews: g
                        .reviews
                        .iter()
                        .filter(|r| r.cadence.value == c)
                        .map(|r| ReviewDoc {
                            id: r.id.to_string(),
                            name: self.text(&r.name),
                            owner: r.owner.as_ref().map(|o| self.owner(o)),
                            agenda: self.texts(&r.agenda),
                        })
                        .collect(),
                })
                .filter(|group| !group.reviews.is_empty())
                .collect(),
            experiments: g
                .experiments
                .iter()
                .map(|e| ExperimentDoc {
                    id: e.id.to_string(),
                    name: self.text(&e.name),
                    kind: experiment_kind(e.kind.value),
                    hypothesis: self.opt_text(&e.hypothesis),
                    owner: self.owners(&e.owner),
                    kpi: self.opt_text(&e.kpi),
                })
                .collect(),
        }
    }

    pub(super) fn baseline(&self, metric: &BaselineMetric) -> BaselineDoc {
        let unit = metric.unit.as_ref().map(|u| u.as_str());
        let value = match unit {
            Some("ratio") => text::percent(metric.value.value),
            Some(u) if u == self.currency && !u.is_empty() => {
                text::money(metric.value.value, &self.currency)
            }
            _ => text::number(metric.value.value, 2, true),
        };
        BaselineDoc {
            id: metric.id.to_string(),
            name: self.text(&metric.name),
            value,
            unit: unit.map(|u| self.text(u)),
            captured_on: metric.captured_on.as_ref().map(|d| d.value.0.clone()),
        }
    }
}

/// The phases of the 90-day plan from the domain reference, in order.
const PHASES: [&str; 6] = [
    "Week 1",
    "Weeks 2–4",
    "Days 29–60",
    "Days 61–90",
    "After day 90",
    "Not scheduled",
];

/// The index in [`PHASES`] of a step's due day. Business days count as the
/// latest calendar day they can fall on (two weekend days per started five),
/// so a step due on business day 5 is still in week 1.
fn phase(due_day: Option<u32>, business_days: bool) -> usize {
    let Some(day) = due_day else {
        return 5;
    };
    let calendar = if business_days {
        day + 2 * day.div_ceil(5)
    } else {
        day
    };
    match calendar {
        0..=7 => 0,
        8..=28 => 1,
        29..=60 => 2,
        61..=90 => 3,
        _ => 4,
    }
}

fn pillar_label(pillar: PillarKind) -> &'static str {
    match pillar {
        PillarKind::SalesPromise => "Sales promise",
        PillarKind::DeliveryExecution => "Delivery execution",
        PillarKind::ClientRequirements => "Client requirements",
    }
}

fn cadence_name(cadence: Cadence) -> &'static str {
    match cadence {
        Cadence::Weekly => "weekly",
        Cadence::Monthly => "monthly",
        Cadence::Quarterly => "quarterly",
        Cadence::Yearly => "yearly",
    }
}

fn experiment_kind(kind: ExperimentKind) -> &'static str {
    match kind {
        ExperimentKind::Acquisition => "acquisition",
        ExperimentKind::Onboarding => "onboarding",
        ExperimentKind::Retention => "retention",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_phases_follow_the_90_day_plan() {
        let name = |day, business| PHASES[phase(day, business)];
        assert_eq!(name(Some(0), false), "Week 1");
        assert_eq!(name(Some(5), true), "Week 1");
        assert_eq!(name(Some(6), true), "Weeks 2–4");
        assert_eq!(name(Some(28), false), "Weeks 2–4");
        assert_eq!(name(Some(30), false), "Days 29–60");
        assert_eq!(name(Some(90), false), "Days 61–90");
        assert_eq!(name(Some(120), false), "After day 90");
        assert_eq!(name(None, false), "Not scheduled");
    }
}
