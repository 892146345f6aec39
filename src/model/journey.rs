//! The top level of a journey and who and what it refers to: the segment,
//! teams, owners and systems of record.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    ApprovedChange, BacklogItem, BaselineMetric, CommitteeRole, DropOffReason, Event, Governance,
    Id, MomentOfTruth, Onboarding, OverlayBase, OverlayItems, OverlayRemovals, OverlayUpdates,
    ProofAsset, Qualification, Roi, ServicePackage, SlaTier, Spanned, Stage, Text, Touchpoint,
};

/// A customer journey for one segment, written as code. A journey lives in
/// one directory; its sections may be spread over several `*.journey.yaml`
/// files there. Lists are joined across files; every other section is written
/// in one file only.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "journeyc journey file")]
pub struct Journey {
    /// The JSON Schema of this file, for editors. journeyc ignores it.
    #[serde(rename = "$schema")]
    pub schema: Option<String>,
    /// Only in a segment overlay: the base journey this journey changes.
    /// The overlay's other sections then change the base by id: a
    /// single-valued section written here replaces the base's, and `add`,
    /// `replace`, `update` and `remove` change list items.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overlay: Option<Spanned<OverlayBase>>,
    /// Only in an overlay: new items, by list section.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub add: Option<Spanned<OverlayItems>>,
    /// Only in an overlay: items that replace the base item with the same id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replace: Option<Spanned<OverlayItems>>,
    /// Only in an overlay: changes to some fields of base items (by id) and
    /// of single-valued sections.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub update: Option<Spanned<OverlayUpdates>>,
    /// Only in an overlay: ids of base items to drop, by list section.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remove: Option<Spanned<OverlayRemovals>>,
    /// The journey's name and id. Exactly one file of a journey has it.
    pub journey: Option<Spanned<Header>>,
    /// The segment this journey is for, with its ideal customer profile.
    pub segment: Option<Spanned<Segment>>,
    /// Teams that own parts of the journey.
    #[serde(default)]
    pub teams: Vec<Team>,
    /// People who own stages, touchpoints, moments of truth and plan steps.
    #[serde(default)]
    pub owners: Vec<Owner>,
    /// Systems of record: the CRM, the PSA, web analytics and others.
    #[serde(default)]
    pub systems: Vec<System>,
    /// Why accounts leave the journey; used by stage exit paths and as the
    /// lost-reason pick list in the CRM.
    #[serde(default)]
    pub drop_off_reasons: Vec<DropOffReason>,
    /// The stages of the journey, with criteria, transitions and exit paths.
    #[serde(default)]
    pub stages: Vec<Stage>,
    /// The buying committee: the roles that decide together.
    #[serde(default)]
    pub committee: Vec<CommitteeRole>,
    /// Proof assets the committee roles need (SOC 2 report, SLA, case study).
    #[serde(default)]
    pub proof_assets: Vec<ProofAsset>,
    /// The journey event schema: every event, where it is logged, its fields.
    #[serde(default)]
    pub events: Vec<Event>,
    /// Every interaction across the lifecycle, not only marketing.
    #[serde(default)]
    pub touchpoints: Vec<Touchpoint>,
    /// The touchpoints that change the odds of purchase, renewal or expansion.
    #[serde(default)]
    pub moments_of_truth: Vec<MomentOfTruth>,
    /// Fixes that come out of the heat map, by kind and priority.
    #[serde(default)]
    pub backlog: Vec<BacklogItem>,
    /// How a lead becomes a managed-services qualified lead.
    pub qualification: Option<Spanned<Qualification>>,
    /// The Sales to Service handoff and the 90-day onboarding plan.
    pub onboarding: Option<Spanned<Onboarding>>,
    /// Inputs of the ROI model.
    pub roi: Option<Spanned<Roi>>,
    /// Board KPI, review cadences and experiments.
    pub governance: Option<Spanned<Governance>>,
    /// Metrics captured before changes, to compare results against.
    #[serde(default)]
    pub baseline: Vec<BaselineMetric>,
    /// The service packages the MSP sells in this segment.
    #[serde(default)]
    pub service_packages: Vec<ServicePackage>,
    /// SLA tiers with response targets and financial penalties.
    #[serde(default)]
    pub sla_tiers: Vec<SlaTier>,
    /// Changes `journeyc diff` reports that the team has approved, such as a
    /// stage removed on purpose: still reported, no longer failing
    /// `--fail-on`. Remove an approval once its change has merged.
    #[serde(default)]
    pub approved_changes: Vec<ApprovedChange>,
}

/// The journey's identity.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Header {
    /// Stable id of the journey, such as `finance-20-150`.
    pub id: Id,
    /// Name people read, such as "Finance firms, 20 to 150 seats".
    pub name: Text,
    /// What the journey covers and who maintains it.
    pub description: Option<Text>,
    /// The owner accountable for keeping the journey current.
    pub owner: Option<Id>,
}

/// The segment a journey is made for. General maps are too vague to act on.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Segment {
    pub id: Id,
    pub name: Text,
    pub description: Option<Text>,
    /// The firmographic ideal customer profile used by qualification.
    pub icp: Option<Spanned<Icp>>,
}

/// Ideal customer profile: the firmographics of a good fit.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Icp {
    /// Employee range, inclusive.
    pub employees: Option<Spanned<Range>>,
    /// Managed seats (endpoints or users) range, inclusive.
    pub seats: Option<Spanned<Range>>,
    /// Industries, such as `finance`, `healthcare`, `legal`.
    #[serde(default)]
    pub verticals: Vec<Text>,
    /// Regions served, such as `us-northeast`.
    #[serde(default)]
    pub regions: Vec<Text>,
    /// Other traits of a good fit, in words.
    #[serde(default)]
    pub traits: Vec<Text>,
}

/// An inclusive range of whole numbers.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Range {
    pub min: Spanned<u32>,
    pub max: Spanned<u32>,
}

/// A team, such as Marketing, Sales or Service.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Team {
    pub id: Id,
    pub name: Text,
    /// The function the team performs.
    pub function: Option<Spanned<Function>>,
}

/// A person who owns parts of the journey.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Owner {
    pub id: Id,
    pub name: Text,
    /// The team the person belongs to (an id from `teams`).
    pub team: Option<Id>,
    /// Job title, such as "Service Delivery Manager".
    pub title: Option<Text>,
    pub email: Option<Text>,
}

/// The function that runs a touchpoint or that a team performs.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Function {
    Marketing,
    Sales,
    Service,
    Legal,
    Finance,
    Vcio,
    Security,
    Operations,
    Leadership,
}

/// A system of record, such as the CRM or the PSA.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct System {
    pub id: Id,
    pub name: Text,
    /// What the system is for.
    pub kind: Spanned<SystemKind>,
    /// The product, which decides the artifacts journeyc generates for it.
    pub product: Spanned<Product>,
}

/// What a system of record is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SystemKind {
    /// Commercial records: opportunities, contact roles, lost reasons.
    Crm,
    /// Professional services automation: tickets, projects, onboarding tasks.
    Psa,
    /// Content engagement tied to a contact.
    WebAnalytics,
    /// E-mail and nurture programmes.
    MarketingAutomation,
    /// Documentation and knowledge base.
    Documentation,
    /// Any other system of record.
    Other,
}

/// The product behind a system of record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Product {
    /// HubSpot CRM or Marketing Hub.
    Hubspot,
    /// Salesforce Sales Cloud.
    Salesforce,
    /// ConnectWise PSA (Manage).
    Connectwise,
    /// Datto Autotask PSA.
    Autotask,
    /// HaloPSA.
    Halopsa,
    /// Google Analytics 4.
    Ga4,
    /// Segment (Twilio).
    Segment,
    /// Any other product; journeyc generates nothing product-specific for it.
    Other,
}
