//! The journey event schema, touchpoints, the heat map, moments of truth and
//! the backlog.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Function, Id, OwnerRefs, Spanned, Text};

/// An event of the journey event schema: what is logged, where, with which
/// fields.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: Id,
    /// The id this event had before it was renamed (an old id that no longer
    /// exists). `journeyc diff` then reports one rename, with the mapping of
    /// old CRM values to new ones, instead of a removal and an addition.
    /// Remove it once every system has been migrated.
    pub renamed_from: Option<Id>,
    pub name: Text,
    /// The system that logs it (an id from `systems`).
    pub system: Option<Id>,
    /// The stage it belongs to (an id from `stages`).
    pub stage: Option<Id>,
    pub description: Option<Text>,
    /// Exactly where it is logged, such as "Deal property MSA signed date".
    pub location: Option<Text>,
    /// A critical event appears in the data-traceability table.
    #[serde(default)]
    pub critical: Option<Spanned<bool>>,
    /// The fields every record of this event carries. Every event carries
    /// `stage`, `primary_role` and `trigger`.
    #[serde(default)]
    pub fields: Vec<EventField>,
}

/// A field of an event record.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventField {
    /// Field name, such as `msa_signed_date`.
    pub id: Id,
    /// The id this field had before it was renamed (an old id that no longer
    /// exists). `journeyc diff` then reports one rename, with the mapping of
    /// old CRM values to new ones, instead of a removal and an addition.
    /// Remove it once every system has been migrated.
    pub renamed_from: Option<Id>,
    #[serde(rename = "type")]
    pub field_type: Spanned<FieldType>,
    /// Whether every record must carry it. Defaults to true.
    pub required: Option<Spanned<bool>>,
    pub description: Option<Text>,
    /// The allowed values of an `enum` field.
    #[serde(default)]
    pub values: Vec<Text>,
}

impl EventField {
    pub fn is_required(&self) -> bool {
        self.required.as_ref().is_none_or(|r| r.value)
    }
}

/// The type of an event field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    String,
    Number,
    Integer,
    Boolean,
    Date,
    Datetime,
    Enum,
}

/// An interaction with the client, with the artifact it produces and the one
/// person who owns it.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Touchpoint {
    pub id: Id,
    /// The id this touchpoint had before it was renamed (an old id that no longer
    /// exists). `journeyc diff` then reports one rename, with the mapping of
    /// old CRM values to new ones, instead of a removal and an addition.
    /// Remove it once every system has been migrated.
    pub renamed_from: Option<Id>,
    pub name: Text,
    /// The stage it happens in (an id from `stages`).
    pub stage: Option<Id>,
    /// The function that runs it.
    pub function: Option<Spanned<Function>>,
    /// What it produces, such as "Assessment report".
    pub artifact: Option<Text>,
    /// The one person who owns it (an id from `owners`).
    pub owner: Option<Spanned<OwnerRefs>>,
    /// The system of record that logs it (an id from `systems`).
    pub system: Option<Id>,
    /// The event logged when it happens (an id from `events`).
    pub event: Option<Id>,
    /// The committee role it is mainly for (an id from `committee`).
    pub primary_role: Option<Id>,
    /// All committee roles involved (ids from `committee`).
    #[serde(default)]
    pub roles: Vec<Id>,
    /// What typically sets it off: a compliance deadline, a critical incident,
    /// a leadership change.
    pub trigger: Option<Text>,
    /// Heat-map scores.
    pub heat: Option<Spanned<Heat>>,
    /// A moment that shapes trust, such as the first high-severity incident.
    #[serde(default)]
    pub trust_moment: Option<Spanned<bool>>,
    pub description: Option<Text>,
}

impl Touchpoint {
    pub fn is_trust_moment(&self) -> bool {
        self.trust_moment.as_ref().is_some_and(|t| t.value)
    }
}

/// Heat-map scores from 0 (none) to 5 (severe). A hypothesis until validated
/// by interviews and lost-deal analysis.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Heat {
    /// Friction, delay, anxiety.
    #[schemars(range(max = 5))]
    pub pain: Spanned<u8>,
    /// Measurably beyond expectation.
    #[schemars(range(max = 5))]
    pub delight: Spanned<u8>,
    /// How much it changes the probability of purchase, renewal or expansion.
    #[schemars(range(max = 5))]
    pub moment_of_truth: Spanned<u8>,
    /// Where the scores come from: interviews, lost-deal analysis, surveys.
    pub evidence: Option<Text>,
}

/// A moment of truth: one owner, one KPI, one next action.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MomentOfTruth {
    pub id: Id,
    /// The touchpoint (an id from `touchpoints`).
    pub touchpoint: Id,
    /// The one person who owns it (an id from `owners`); never shared.
    pub owner: Option<Spanned<OwnerRefs>>,
    /// The one measurable KPI.
    pub kpi: Option<Text>,
    /// The one next action.
    pub next_action: Option<Text>,
    /// Among the top five to act on now.
    #[serde(default)]
    pub top_priority: Option<Spanned<bool>>,
}

impl MomentOfTruth {
    pub fn is_top_priority(&self) -> bool {
        self.top_priority.as_ref().is_some_and(|t| t.value)
    }
}

/// A fix that came out of the heat map.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BacklogItem {
    pub id: Id,
    pub title: Text,
    /// The kind of fix, by impact.
    pub kind: Spanned<FixKind>,
    /// 1 is the most urgent.
    #[schemars(range(min = 1))]
    pub priority: Option<Spanned<u32>>,
    /// The touchpoint it improves (an id from `touchpoints`).
    pub touchpoint: Option<Id>,
    /// The moment of truth it improves (an id from `moments_of_truth`).
    pub moment_of_truth: Option<Id>,
    /// Who delivers it (an id from `owners`).
    pub owner: Option<Id>,
    pub description: Option<Text>,
}

/// Kinds of fix, by impact.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum FixKind {
    /// Process and copy.
    Quick,
    /// Tooling and instrumentation.
    System,
    /// Packaging and pricing.
    Structural,
}
