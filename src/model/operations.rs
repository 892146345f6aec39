//! Qualification, the onboarding handoff, the ROI model, governance and the
//! baseline: the sections that make the journey operational.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Date, Id, OwnerRefs, Spanned, Text};

/// A managed-services qualified lead needs fit, intent and committee
/// coverage, all three.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Qualification {
    /// Fit: firmographics that match the segment's profile.
    pub fit: Option<Spanned<Fit>>,
    /// Intent: behavioural signals scored by stage.
    #[serde(default)]
    pub intent: Vec<IntentSignal>,
    /// Committee coverage: the multiplier that applies when the named roles
    /// engage within the window.
    pub committee: Option<Spanned<CommitteeCoverage>>,
    /// Score at which a lead is qualified.
    pub threshold: Option<Spanned<u32>>,
    /// The signal that the CFO accepted the cost model.
    pub cfo_qualified: Option<Spanned<Signal>>,
    /// The signal that IT confirmed the technical fit.
    pub it_qualified: Option<Spanned<Signal>>,
}

/// The fit part of qualification.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fit {
    /// Points a lead gets when it matches the ideal customer profile.
    pub points: Spanned<u32>,
    /// Firmographic criteria in words, beyond the segment's profile.
    #[serde(default)]
    pub criteria: Vec<Text>,
}

/// A behavioural signal of intent.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IntentSignal {
    pub id: Id,
    pub name: Text,
    /// The stage whose intent it shows (an id from `stages`).
    pub stage: Id,
    /// The event that records it (an id from `events`).
    pub event: Option<Id>,
    /// Points the signal adds. Awareness signals score low, decision signals
    /// high.
    pub points: Spanned<u32>,
    /// Seeing this signal hands the lead to Sales straight away.
    #[serde(default)]
    pub triggers_handoff: Option<Spanned<bool>>,
}

/// Committee coverage: Finance and IT engaging together.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CommitteeCoverage {
    /// Factor applied to the intent score, such as 1.5.
    pub multiplier: Spanned<f64>,
    /// The window, in days, within which all roles must engage.
    pub window_days: Spanned<u32>,
    /// The roles that must engage (ids from `committee`).
    pub roles: Vec<Id>,
}

/// A qualifying signal such as "CFO accepted the cost model".
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signal {
    pub description: Text,
    /// The event that records it (an id from `events`).
    pub event: Option<Id>,
}

/// The onboarding handoff: three pillars and the 90-day plan.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Onboarding {
    /// The three pillars of the handoff, each with its deliverable.
    #[serde(default)]
    pub pillars: Vec<Pillar>,
    /// The 90-day plan: owned steps due a number of days after kickoff.
    #[serde(default)]
    pub plan: Vec<PlanStep>,
    /// How onboarding is measured.
    #[serde(default)]
    pub metrics: Vec<Metric>,
}

/// One pillar of the handoff.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pillar {
    /// Which pillar this is.
    pub pillar: Spanned<PillarKind>,
    /// What it covers, such as scope, SLAs, security posture, predicted ROI.
    #[serde(default)]
    pub covers: Vec<Text>,
    /// The deliverable, such as "handoff memo / SOW check".
    pub deliverable: Option<Text>,
    /// Who delivers it (an id from `owners`).
    pub owner: Option<Id>,
}

/// The three pillars of the onboarding handoff.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum PillarKind {
    /// What Sales promised: scope, SLAs, security posture, predicted ROI.
    SalesPromise,
    /// Discovery, tooling rollout, standardisation.
    DeliveryExecution,
    /// The client's approvals, access and internal communications.
    ClientRequirements,
}

impl PillarKind {
    pub const ALL: [PillarKind; 3] = [
        PillarKind::SalesPromise,
        PillarKind::DeliveryExecution,
        PillarKind::ClientRequirements,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PillarKind::SalesPromise => "sales_promise",
            PillarKind::DeliveryExecution => "delivery_execution",
            PillarKind::ClientRequirements => "client_requirements",
        }
    }
}

/// A step of the onboarding plan.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanStep {
    pub id: Id,
    pub name: Text,
    /// The pillar the step belongs to.
    pub pillar: Option<Spanned<PillarKind>>,
    /// The one person who owns it (an id from `owners`).
    pub owner: Option<Spanned<OwnerRefs>>,
    /// Due this many days after kickoff (kickoff is day 0).
    #[schemars(range(max = 365))]
    pub due_day: Option<Spanned<u32>>,
    /// Count `due_day` in business days (Monday to Friday).
    #[serde(default)]
    pub business_days: Option<Spanned<bool>>,
    /// Steps that must be done first (ids from the plan). No loops.
    #[serde(default)]
    pub depends_on: Vec<Id>,
    /// What the step produces.
    pub deliverable: Option<Text>,
    /// The touchpoint the step carries out (an id from `touchpoints`).
    pub touchpoint: Option<Id>,
    /// A milestone the client is told about, such as the first QBR.
    #[serde(default)]
    pub milestone: Option<Spanned<bool>>,
}

/// A metric with its target.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Metric {
    pub id: Id,
    pub name: Text,
    /// The target, such as "under 30 days".
    pub target: Option<Text>,
}

/// Inputs of the ROI model. Rates are fractions between 0 and 1; money is in
/// `currency`.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Roi {
    /// ISO 4217 currency code, such as USD.
    pub currency: Option<Text>,
    /// Annual recurring revenue of the segment.
    pub annual_revenue: Spanned<f64>,
    /// Gross margin, as a fraction.
    pub gross_margin: Spanned<f64>,
    /// First-year gross churn before the journey work, as a fraction.
    pub baseline_churn: Spanned<f64>,
    /// Expected churn after it, as a fraction.
    pub target_churn: Spanned<f64>,
    /// Additional deals closed per year thanks to conversion lift.
    pub additional_deals: Spanned<f64>,
    /// Average contract value per year.
    pub average_contract_value: Spanned<f64>,
    /// Expansion revenue per year.
    #[serde(default)]
    pub expansion_revenue: Option<Spanned<f64>>,
    /// Savings from fewer failed onboardings per year.
    #[serde(default)]
    pub onboarding_failure_savings: Option<Spanned<f64>>,
    /// What the journey work costs: workshops, interviews, RevOps hours,
    /// integrations. Be honest.
    #[serde(default)]
    pub costs: Vec<CostItem>,
}

/// One cost of the journey work.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CostItem {
    pub item: Text,
    pub amount: Spanned<f64>,
}

/// Who watches the journey, how often, and what is being tried.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Governance {
    /// The one board-level KPI.
    pub board_kpi: Option<Spanned<BoardKpi>>,
    /// Recurring reviews.
    #[serde(default)]
    pub reviews: Vec<Review>,
    /// Experiments running now: one acquisition, one onboarding, one
    /// retention.
    #[serde(default)]
    pub experiments: Vec<Experiment>,
}

/// A change `journeyc diff` reports that the team has decided to make, such
/// as removing a stage that live deals still use. The approval lives in the
/// journey, so it is reviewed in the same pull request as the change itself;
/// an approved change is still reported, with who approved it and why, but it
/// no longer fails `journeyc diff --fail-on`.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApprovedChange {
    /// Stable id of the approval, such as `retire-pilot-stage`.
    pub id: Id,
    /// The kind of change, as `journeyc diff --list-checks` names it, such
    /// as `stage-removed`.
    pub change: Id,
    /// What changed, exactly as `journeyc diff` prints it after the kind,
    /// such as `stage pilot`.
    pub subject: Text,
    /// Who approved it (an id from `owners`).
    pub approved_by: Id,
    /// Why the change is made and how live records are migrated.
    pub reason: Text,
}

/// The board-level KPI.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BoardKpi {
    pub name: Text,
    pub description: Option<Text>,
    pub cadence: Spanned<Cadence>,
    /// Who reports it (an id from `owners`).
    pub owner: Option<Id>,
}

/// How often something happens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Cadence {
    Weekly,
    Monthly,
    Quarterly,
    Yearly,
}

/// A recurring review.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Review {
    pub id: Id,
    pub name: Text,
    pub cadence: Spanned<Cadence>,
    /// Who runs it (an id from `owners`).
    pub owner: Option<Id>,
    /// What the review looks at.
    #[serde(default)]
    pub agenda: Vec<Text>,
}

/// An experiment with one permanent owner and one KPI.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Experiment {
    pub id: Id,
    pub name: Text,
    pub kind: Spanned<ExperimentKind>,
    pub hypothesis: Option<Text>,
    /// The one permanent owner (an id from `owners`).
    pub owner: Option<Spanned<OwnerRefs>>,
    /// The one KPI.
    pub kpi: Option<Text>,
}

/// The three kinds of experiment run at a time.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ExperimentKind {
    Acquisition,
    Onboarding,
    Retention,
}

/// A metric captured before changes.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BaselineMetric {
    pub id: Id,
    pub name: Text,
    pub value: Spanned<f64>,
    /// Unit, such as "ratio", "days" or "USD".
    pub unit: Option<Text>,
    /// When it was captured.
    pub captured_on: Option<Spanned<Date>>,
}

/// A service package the MSP sells, such as "Managed Secure".
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServicePackage {
    pub id: Id,
    pub name: Text,
    pub description: Option<Text>,
    /// What the package includes, in words.
    #[serde(default)]
    pub includes: Vec<Text>,
    /// The SLA tier the package comes with (an id from `sla_tiers`).
    pub sla_tier: Option<Id>,
}

/// An SLA tier: response targets and the financial penalty when they are
/// missed — the proof a CFO asks for.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SlaTier {
    pub id: Id,
    pub name: Text,
    /// Response and resolution targets by ticket priority.
    #[serde(default)]
    pub targets: Vec<SlaTarget>,
    /// What the client gets when a target is missed.
    pub penalty: Option<Spanned<Penalty>>,
}

/// The targets for one ticket priority.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SlaTarget {
    /// The ticket priority, such as `p1`.
    pub priority: Id,
    pub description: Option<Text>,
    /// First response within this many minutes.
    pub first_response_minutes: Spanned<u32>,
    /// Resolution within this many hours.
    pub resolution_hours: Option<Spanned<u32>>,
}

/// The financial penalty of an SLA tier.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Penalty {
    /// Service credit per missed target, as a percentage of the monthly fee.
    #[schemars(range(min = 0.0, max = 100.0))]
    pub service_credit_percent: Spanned<f64>,
    /// The most the credits can add up to in a month, as a percentage.
    #[schemars(range(min = 0.0, max = 100.0))]
    pub monthly_cap_percent: Option<Spanned<f64>>,
    pub description: Option<Text>,
}
