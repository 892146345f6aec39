//! The catalogue of `journeyc diff` checks: one line per kind of change, with
//! its stable id, its level and a one-line summary.
//!
//! The table is the single place a check is declared. Ids are part of the
//! output contract (CI scripts filter on them), so an id is never reused for
//! another meaning; `journeyc diff --list-checks` prints the table.

use super::Level;

/// One kind of change `journeyc diff` reports.
#[derive(Debug, PartialEq, Eq)]
pub struct Check {
    /// Stable kebab-case id, such as `stage-removed`.
    pub id: &'static str,
    /// How much the change matters to live records and templates.
    pub level: Level,
    /// What the check reports, in one line.
    pub summary: &'static str,
}

/// Declares each check as a static and lists them all in [`CHECKS`], so the
/// table and the statics cannot disagree.
macro_rules! checks {
    ($($name:ident, $id:literal, $level:ident, $summary:literal;)*) => {
        $(
            #[doc = $summary]
            pub static $name: Check = Check { id: $id, level: Level::$level, summary: $summary };
        )*
        /// Every check, in the order of the catalogue.
        pub static CHECKS: &[&Check] = &[$(&$name),*];
    };
}

checks! {
    JOURNEY_ADDED, "journey-added", Info, "a journey exists only in the new version";
    JOURNEY_REMOVED, "journey-removed", Breaking, "a journey of the old version is gone";
    STAGE_ADDED, "stage-added", Info, "a new stage";
    STAGE_REMOVED, "stage-removed", Breaking, "a stage is gone: records in it lose their stage";
    STAGE_RENAMED, "stage-renamed", Breaking, "a stage has a new id (declared with `renamed_from`)";
    STAGE_PROBABILITY_CHANGED, "stage-probability-changed", Info, "a stage's deal probability changed, and with it the forecast";
    STAGE_ORDER_CHANGED, "stage-order-changed", Info, "the stages are listed in a different order (pick lists and pipelines follow it)";
    TRANSITION_ADDED, "transition-added", Info, "a new move between two stages";
    TRANSITION_REMOVED, "transition-removed", Warning, "accounts can no longer move between two stages";
    EXIT_PATH_ADDED, "exit-path-added", Info, "a stage has a new way out";
    EXIT_PATH_REMOVED, "exit-path-removed", Warning, "a stage lost a way out";
    EXIT_PATH_CHANGED, "exit-path-changed", Warning, "accounts leaving a stage for a reason return to another stage";
    DROP_OFF_REASON_ADDED, "drop-off-reason-added", Info, "a new reason accounts drop out";
    DROP_OFF_REASON_REMOVED, "drop-off-reason-removed", Breaking, "a drop-off reason is gone: records closed with it keep a reason that no longer exists";
    ENTRY_CRITERIA_ADDED, "entry-criteria-added", Warning, "a stage's entry is tightened by a new criterion";
    ENTRY_CRITERIA_REMOVED, "entry-criteria-removed", Info, "a stage's entry criterion was dropped";
    ENTRY_CRITERIA_CHANGED, "entry-criteria-changed", Warning, "a stage's entry criterion is reworded";
    EXIT_CRITERIA_ADDED, "exit-criteria-added", Warning, "a stage's exit is tightened by a new criterion";
    EXIT_CRITERIA_REMOVED, "exit-criteria-removed", Info, "a stage's exit criterion was dropped";
    EXIT_CRITERIA_CHANGED, "exit-criteria-changed", Warning, "a stage's exit criterion is reworded";
    COMMITTEE_ROLE_ADDED, "committee-role-added", Info, "a new role in the buying committee";
    COMMITTEE_ROLE_REMOVED, "committee-role-removed", Breaking, "a committee role is gone: contacts tagged with it lose their role";
    COMMITTEE_ROLE_RENAMED, "committee-role-renamed", Breaking, "a committee role has a new id (declared with `renamed_from`)";
    TOUCHPOINT_ADDED, "touchpoint-added", Info, "a new touchpoint";
    TOUCHPOINT_REMOVED, "touchpoint-removed", Warning, "a touchpoint is gone";
    TOUCHPOINT_RENAMED, "touchpoint-renamed", Info, "a touchpoint has a new id (declared with `renamed_from`)";
    TOUCHPOINT_STAGE_CHANGED, "touchpoint-stage-changed", Warning, "a touchpoint moved to another stage";
    TOUCHPOINT_OWNER_CHANGED, "touchpoint-owner-changed", Info, "a touchpoint has a new owner";
    TOUCHPOINT_SYSTEM_CHANGED, "touchpoint-system-changed", Warning, "a touchpoint is logged in another system";
    OWNER_ADDED, "owner-added", Info, "a new owner";
    OWNER_REMOVED, "owner-removed", Warning, "an owner is gone";
    MOMENT_OF_TRUTH_ADDED, "moment-of-truth-added", Info, "a new moment of truth";
    MOMENT_OF_TRUTH_REMOVED, "moment-of-truth-removed", Warning, "a moment of truth is gone";
    MOMENT_OF_TRUTH_OWNER_CHANGED, "moment-of-truth-owner-changed", Warning, "a moment of truth changed hands";
    EVENT_ADDED, "event-added", Info, "a new event in the event schema";
    EVENT_REMOVED, "event-removed", Breaking, "an event is gone: whatever sends it breaks";
    EVENT_RENAMED, "event-renamed", Breaking, "an event has a new id (declared with `renamed_from`)";
    EVENT_STAGE_CHANGED, "event-stage-changed", Warning, "an event belongs to another stage";
    EVENT_SYSTEM_CHANGED, "event-system-changed", Warning, "an event is logged in another system";
    EVENT_FIELD_ADDED, "event-field-added", Info, "an event has a new optional field";
    REQUIRED_EVENT_FIELD_ADDED, "required-event-field-added", Warning, "an event has a new required field that every sender must fill";
    EVENT_FIELD_REMOVED, "event-field-removed", Breaking, "an event field is gone";
    EVENT_FIELD_RENAMED, "event-field-renamed", Breaking, "an event field has a new name (declared with `renamed_from`)";
    EVENT_FIELD_TYPE_CHANGED, "event-field-type-changed", Breaking, "an event field has a new type";
    EVENT_FIELD_MADE_REQUIRED, "event-field-made-required", Warning, "an optional event field became required";
    EVENT_FIELD_VALUE_ADDED, "event-field-value-added", Info, "an event's pick-list field allows a new value";
    EVENT_FIELD_VALUE_REMOVED, "event-field-value-removed", Breaking, "an event's pick-list field no longer allows a value that senders and stored records may hold";
    EVENT_FIELD_MADE_OPTIONAL, "event-field-made-optional", Info, "a required event field became optional";
    QUALIFICATION_THRESHOLD_RAISED, "qualification-threshold-raised", Warning, "fewer leads qualify: the score threshold went up";
    QUALIFICATION_THRESHOLD_LOWERED, "qualification-threshold-lowered", Info, "more leads qualify: the score threshold went down";
    QUALIFICATION_SCORING_CHANGED, "qualification-scoring-changed", Warning, "points for fit or an intent signal, or the committee multiplier or window, changed";
    ARTIFACT_ADDED, "artifact-added", Info, "a new generated CRM, PSA or tracking file";
    ARTIFACT_REMOVED, "artifact-removed", Breaking, "a generated CRM, PSA or tracking file is no longer produced";
    CRM_PROPERTY_ADDED, "crm-property-added", Info, "a new CRM property or field";
    CRM_PROPERTY_REMOVED, "crm-property-removed", Breaking, "a CRM property or field is no longer generated";
    CRM_PROPERTY_RENAMED, "crm-property-renamed", Breaking, "a CRM property or field has a new internal name";
    CRM_PROPERTY_TYPE_CHANGED, "crm-property-type-changed", Breaking, "a CRM property or field has a new type";
    PICKLIST_VALUE_ADDED, "picklist-value-added", Info, "a CRM pick list has a new value";
    PICKLIST_VALUE_REMOVED, "picklist-value-removed", Breaking, "a CRM pick list value is gone";
    PICKLIST_VALUE_RENAMED, "picklist-value-renamed", Breaking, "a CRM pick list value has a new internal value";
    PIPELINE_RENAMED, "pipeline-renamed", Breaking, "the HubSpot deal pipeline has a new name (the journey's name)";
    PIPELINE_STAGE_ADDED, "pipeline-stage-added", Info, "the deal pipeline (or Salesforce opportunity stages) has a new stage";
    PIPELINE_STAGE_REMOVED, "pipeline-stage-removed", Breaking, "a deal pipeline or opportunity stage is gone";
    PIPELINE_STAGE_RENAMED, "pipeline-stage-renamed", Breaking, "a deal pipeline or opportunity stage has a new name";
    PSA_TEMPLATE_RENAMED, "psa-template-renamed", Breaking, "a ConnectWise project template or Autotask checklist library has a new name";
    PSA_TASK_ADDED, "psa-task-added", Info, "a PSA template has a new phase, ticket, task or checklist item";
    PSA_TASK_REMOVED, "psa-task-removed", Warning, "a PSA phase, ticket, task or checklist item is gone";
    PSA_TASK_RENAMED, "psa-task-renamed", Warning, "a PSA phase, ticket, task or checklist item has a new name";
    TRACKED_EVENT_ADDED, "tracked-event-added", Info, "the Segment tracking plan has a new event";
    TRACKED_EVENT_REMOVED, "tracked-event-removed", Breaking, "an event name is gone from the Segment tracking plan";
    TRACKED_EVENT_RENAMED, "tracked-event-renamed", Breaking, "an event has a new name in the Segment tracking plan";
}

/// The place of a check in the catalogue (after every check for an unknown
/// id): the order changes are listed in within a level.
pub fn rank(id: &str) -> usize {
    CHECKS
        .iter()
        .position(|c| c.id == id)
        .unwrap_or(CHECKS.len())
}

/// The check with this id.
pub fn find(id: &str) -> Option<&'static Check> {
    CHECKS.iter().copied().find(|c| c.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_kebab_case() {
        let mut seen = std::collections::BTreeSet::new();
        for check in CHECKS {
            assert!(seen.insert(check.id), "duplicate id {}", check.id);
            assert!(
                check.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{} is not kebab-case",
                check.id
            );
        }
        assert_eq!(find("stage-removed"), Some(&STAGE_REMOVED));
        assert_eq!(find("no-such-check"), None);
    }
}
