//! The envelope of a segment overlay: the keys that only an overlay file has.
//!
//! An overlay is a journey that names a base journey and changes it by id
//! (see `crate::overlay`). The changes are applied to the YAML node tree
//! before the journey is read into the model, so these types exist for the
//! published schema (editors complete and check overlay files with it) and
//! for the structural check of the overlay file itself. Items under `add`
//! and `replace` are whole items, checked like any journey item; items under
//! `update` carry an `id` and only the fields that change, which are checked
//! once they are merged into the base item.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    ApprovedChange, BacklogItem, BaselineMetric, CommitteeRole, DropOffReason, Event, Id,
    MomentOfTruth, Owner, ProofAsset, ServicePackage, SlaTier, Stage, System, Team, Text,
    Touchpoint,
};

/// Which journey an overlay changes.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OverlayBase {
    /// The base journey's directory, relative to this file's directory, such
    /// as `../../msp-finance`. The base may itself be an overlay.
    pub base: Text,
}

/// Whole items, by list section: under `add` they are new (their id must not
/// exist in the base), under `replace` they take the place of the base item
/// with the same id.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OverlayItems {
    #[serde(default)]
    pub teams: Vec<Team>,
    #[serde(default)]
    pub owners: Vec<Owner>,
    #[serde(default)]
    pub systems: Vec<System>,
    #[serde(default)]
    pub drop_off_reasons: Vec<DropOffReason>,
    #[serde(default)]
    pub stages: Vec<Stage>,
    #[serde(default)]
    pub committee: Vec<CommitteeRole>,
    #[serde(default)]
    pub proof_assets: Vec<ProofAsset>,
    #[serde(default)]
    pub events: Vec<Event>,
    #[serde(default)]
    pub touchpoints: Vec<Touchpoint>,
    #[serde(default)]
    pub moments_of_truth: Vec<MomentOfTruth>,
    #[serde(default)]
    pub backlog: Vec<BacklogItem>,
    #[serde(default)]
    pub baseline: Vec<BaselineMetric>,
    #[serde(default)]
    pub service_packages: Vec<ServicePackage>,
    #[serde(default)]
    pub sla_tiers: Vec<SlaTier>,
    #[serde(default)]
    pub approved_changes: Vec<ApprovedChange>,
}

/// Changes to some fields of a base item, found by its `id`. Every field
/// given replaces the base item's field of the same name; fields not given
/// are kept. A list field is replaced as a whole.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
pub struct ItemUpdate {
    /// The id of the base item to change.
    pub id: Id,
}

/// Changes to some fields of a single-valued section. Every field given
/// replaces the base section's field of the same name; the others are kept.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
pub struct SectionUpdate {}

/// Field updates, by section: a list of items by id for list sections, the
/// changed fields for single-valued sections.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OverlayUpdates {
    pub journey: Option<SectionUpdate>,
    pub segment: Option<SectionUpdate>,
    pub qualification: Option<SectionUpdate>,
    pub onboarding: Option<SectionUpdate>,
    pub roi: Option<SectionUpdate>,
    pub governance: Option<SectionUpdate>,
    #[serde(default)]
    pub teams: Vec<ItemUpdate>,
    #[serde(default)]
    pub owners: Vec<ItemUpdate>,
    #[serde(default)]
    pub systems: Vec<ItemUpdate>,
    #[serde(default)]
    pub drop_off_reasons: Vec<ItemUpdate>,
    #[serde(default)]
    pub stages: Vec<ItemUpdate>,
    #[serde(default)]
    pub committee: Vec<ItemUpdate>,
    #[serde(default)]
    pub proof_assets: Vec<ItemUpdate>,
    #[serde(default)]
    pub events: Vec<ItemUpdate>,
    #[serde(default)]
    pub touchpoints: Vec<ItemUpdate>,
    #[serde(default)]
    pub moments_of_truth: Vec<ItemUpdate>,
    #[serde(default)]
    pub backlog: Vec<ItemUpdate>,
    #[serde(default)]
    pub baseline: Vec<ItemUpdate>,
    #[serde(default)]
    pub service_packages: Vec<ItemUpdate>,
    #[serde(default)]
    pub sla_tiers: Vec<ItemUpdate>,
    #[serde(default)]
    pub approved_changes: Vec<ItemUpdate>,
}

/// Ids of base items to drop, by list section.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OverlayRemovals {
    #[serde(default)]
    pub teams: Vec<Id>,
    #[serde(default)]
    pub owners: Vec<Id>,
    #[serde(default)]
    pub systems: Vec<Id>,
    #[serde(default)]
    pub drop_off_reasons: Vec<Id>,
    #[serde(default)]
    pub stages: Vec<Id>,
    #[serde(default)]
    pub committee: Vec<Id>,
    #[serde(default)]
    pub proof_assets: Vec<Id>,
    #[serde(default)]
    pub events: Vec<Id>,
    #[serde(default)]
    pub touchpoints: Vec<Id>,
    #[serde(default)]
    pub moments_of_truth: Vec<Id>,
    #[serde(default)]
    pub backlog: Vec<Id>,
    #[serde(default)]
    pub baseline: Vec<Id>,
    #[serde(default)]
    pub service_packages: Vec<Id>,
    #[serde(default)]
    pub sla_tiers: Vec<Id>,
    #[serde(default)]
    pub approved_changes: Vec<Id>,
}
