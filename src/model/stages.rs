//! Stages, drop-off reasons and the buying committee.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Date, Id, Spanned, Text};

/// A stage of the journey: where an account is, with the observable triggers
/// that move it in and out.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub id: Id,
    /// The id this stage had before it was renamed (an old id that no longer
    /// exists). `journeyc diff` then reports one rename, with the mapping of
    /// old CRM values to new ones, instead of a removal and an addition.
    /// Remove it once every system has been migrated.
    pub renamed_from: Option<Id>,
    pub name: Text,
    /// Which of the six stages of the MSP journey spine this is. Stages a
    /// team adds on top of the spine leave it out.
    pub spine: Option<Spanned<SpineStage>>,
    /// The stage every account starts in. Exactly one stage has it.
    #[serde(default)]
    pub start: Option<Spanned<bool>>,
    /// The journey may end in this stage (a renewal loop or an exit).
    #[serde(default)]
    pub end: Option<Spanned<bool>>,
    pub description: Option<Text>,
    /// Deal probability for the CRM pipeline, from 0 to 1.
    #[schemars(range(min = 0.0, max = 1.0))]
    pub probability: Option<Spanned<f64>>,
    /// Observable triggers that move an account into this stage.
    #[serde(default)]
    pub entry_criteria: Vec<Criterion>,
    /// Observable triggers that move an account out of this stage.
    #[serde(default)]
    pub exit_criteria: Vec<Criterion>,
    /// The stages an account may move on to. Transitions are declared, never
    /// implied by the order of stages.
    #[serde(default)]
    pub transitions: Vec<Transition>,
    /// How accounts drop out of this stage, and why.
    #[serde(default)]
    pub exit_paths: Vec<ExitPath>,
}

impl Stage {
    pub fn is_start(&self) -> bool {
        self.start.as_ref().is_some_and(|s| s.value)
    }

    pub fn is_end(&self) -> bool {
        self.end.as_ref().is_some_and(|s| s.value)
    }
}

/// The six stages of the minimum viable MSP journey, in order.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum SpineStage {
    /// The prospect recognises a problem.
    Awareness,
    /// Choosing a path: outsource or in-house, MSP or MSSP.
    Consideration,
    /// Proposal, risk assessment, references, MSA/SOW signed.
    Decision,
    /// The Sales to Service handoff: discovery, standardisation.
    Onboarding,
    /// Ongoing service: tickets, projects, vCIO alignment, QBRs.
    Delivery,
    /// Relationship review, re-scoping, competitor defence or termination.
    Renewal,
}

impl SpineStage {
    pub const ALL: [SpineStage; 6] = [
        SpineStage::Awareness,
        SpineStage::Consideration,
        SpineStage::Decision,
        SpineStage::Onboarding,
        SpineStage::Delivery,
        SpineStage::Renewal,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SpineStage::Awareness => "awareness",
            SpineStage::Consideration => "consideration",
            SpineStage::Decision => "decision",
            SpineStage::Onboarding => "onboarding",
            SpineStage::Delivery => "delivery",
            SpineStage::Renewal => "renewal",
        }
    }
}

/// An exact, observable trigger, such as "MSA signed date logged in CRM".
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// The trigger, in words.
    pub criterion: Text,
    /// The event that records it (an id from `events`).
    pub event: Option<Id>,
}

/// A declared move from one stage to another.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Transition {
    /// The stage the account moves to (an id from `stages`).
    pub to: Id,
    /// When the move happens, in words.
    pub when: Option<Text>,
}

/// A way out of a stage: a drop-off with its reason.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExitPath {
    /// Why the account leaves (an id from `drop_off_reasons`).
    pub reason: Id,
    /// How the drop-off shows, such as "no reply to the proposal in 30 days".
    pub signal: Option<Text>,
    /// A stage the account may re-enter later, such as a nurture loop back to
    /// awareness (an id from `stages`).
    pub return_to: Option<Id>,
}

/// A reason accounts drop out: no budget, wrong fit, lost to competitor, …
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DropOffReason {
    pub id: Id,
    /// The label shown in the CRM pick list.
    pub label: Text,
    pub description: Option<Text>,
}

/// A role of the buying committee, with its fear and the proof it needs.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CommitteeRole {
    pub id: Id,
    /// The id this role had before it was renamed (an old id that no longer
    /// exists). `journeyc diff` then reports one rename, with the mapping of
    /// old CRM values to new ones, instead of a removal and an addition.
    /// Remove it once every system has been migrated.
    pub renamed_from: Option<Id>,
    /// The role's title, such as "CFO" or "IT Manager".
    pub name: Text,
    /// The role's key fear or question.
    pub fear: Option<Text>,
    /// What the role asks before saying yes.
    pub key_question: Option<Text>,
    /// The proof assets the role needs, stage by stage.
    #[serde(default)]
    pub proof: Vec<ProofNeed>,
}

/// The proof a committee role needs in one stage.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProofNeed {
    /// The stage (an id from `stages`).
    pub stage: Id,
    /// The proof assets (ids from `proof_assets`).
    pub assets: Vec<Id>,
}

/// A piece of proof: SLA with penalties, SOC 2 report, case study, …
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProofAsset {
    pub id: Id,
    pub name: Text,
    /// Who keeps it current (an id from `owners`).
    pub owner: Option<Id>,
    /// When it must next be reviewed.
    pub review_by: Option<Spanned<Date>>,
    /// Where it is kept, such as a document library path.
    pub location: Option<Text>,
}
