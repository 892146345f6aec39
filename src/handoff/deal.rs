//! The deal file: what Sales signed and promised, and who is involved, for
//! one client. It is read like a journey file (spans on every value) and
//! published as `schemas/deal.schema.json`, generated from these types.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::{Date, Id, Spanned, Text};

/// A signed deal, handed from Sales to Service.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "journeyc deal file")]
pub struct Deal {
    /// The JSON Schema of this file, for editors. journeyc ignores it.
    #[serde(rename = "$schema")]
    pub schema: Option<String>,
    /// Stable id of the deal, such as `acme-credit-union-2026`.
    pub id: Id,
    /// The client's name.
    pub client: Text,
    /// The segment the client belongs to (the journey's `segment` id).
    pub segment: Id,
    /// Managed seats sold.
    pub seats: Spanned<u32>,
    /// When the MSA/SOW was signed.
    pub signed_on: Spanned<Date>,
    /// When onboarding starts: day 0 of the 90-day plan.
    pub kickoff_on: Spanned<Date>,
    /// The service package sold (an id from the journey's `service_packages`).
    pub package: Id,
    /// The SLA tier promised (an id from the journey's `sla_tiers`).
    pub sla_tier: Id,
    /// What is in scope, in words.
    #[serde(default)]
    pub scope: Vec<Text>,
    /// The security posture Sales described: controls, evidence, commitments.
    #[serde(default)]
    pub security_posture: Vec<Text>,
    /// The return Sales predicted for the client.
    pub predicted_roi: Option<Spanned<PredictedRoi>>,
    /// Everything Sales promised, each traced to the plan step that delivers it.
    #[serde(default)]
    pub promises: Vec<Promise>,
    /// The client's people, by committee role.
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// The MSP people assigned to this client, replacing the journey's owners.
    #[serde(default)]
    pub team: Vec<Assignment>,
}

/// The return Sales predicted.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PredictedRoi {
    /// What the client is told the service will save or earn per year.
    pub annual_benefit: Spanned<f64>,
    /// Months until the client's investment pays back.
    pub payback_months: Option<Spanned<u32>>,
    /// The promise in words, as Sales made it.
    pub summary: Option<Text>,
}

/// One promise Sales made.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Promise {
    pub id: Id,
    /// The promise, as the client heard it.
    pub promise: Text,
    /// The onboarding plan step whose deliverable fulfils it (an id from the
    /// journey's `onboarding.plan`).
    pub fulfilled_by: Option<Id>,
}

/// A person at the client.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Their committee role (an id from the journey's `committee`).
    pub role: Id,
    pub name: Text,
    pub title: Option<Text>,
    pub email: Option<Text>,
    pub phone: Option<Text>,
}

/// An MSP person assigned to the client in place of a journey owner.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Assignment {
    /// The journey owner this person stands in for (an id from `owners`).
    pub owner: Id,
    pub name: Text,
    pub email: Option<Text>,
}
