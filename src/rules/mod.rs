//! The rules: one file per rule, registered in [`RULES`].
//!
//! A rule is a [`Code`] (stable code, kebab-case name, default severity and
//! documentation) plus one check function over the assembled journey. Adding
//! a rule means adding its file here and one line to [`RULES`]; the test
//! suite then insists on a passing and a failing fixture under
//! `tests/rules/<name>/`.

use crate::codes::Code;
use crate::dates::CivilDate;
use crate::diagnostic::Diagnostic;
use crate::graph::StageGraph;
use crate::model::Journey;
use crate::resolve::Index;
use crate::source::Span;

mod approved_change_unknown;
mod committee_decision_proof;
mod committee_size;
mod common;
mod dead_end_stage;
mod duplicate_id;
mod event_journey_fields;
mod event_without_system;
mod experiments_incomplete;
mod missing_section;
mod moment_of_truth_incomplete;
mod moment_of_truth_owner;
mod onboarding_pillar_missing;
mod onboarding_step_incomplete;
mod orphan_stage;
mod plan_dependency_cycle;
mod proof_asset_incomplete;
mod proof_asset_review_overdue;
mod qualification_incomplete;
mod rename_source_defined;
mod roi_input_out_of_range;
mod spine_incomplete;
mod stage_criteria_missing;
mod stage_exit_paths_missing;
mod start_end_stages;
mod too_many_top_priorities;
mod touchpoint_owner;
mod touchpoint_without_stage;
mod touchpoint_without_system;
mod transition_to_unknown_stage;
mod unresolved_reference;

/// What a rule sees: the assembled journey, its index of ids and its stage
/// graph.
pub struct Context<'a> {
    pub journey: &'a Journey,
    pub index: &'a Index<'a>,
    pub graph: &'a StageGraph<'a>,
    /// Where journey-wide findings point: the `journey:` header.
    pub header: Span,
    /// The day the journey is checked on, for rules about dates; `None`
    /// skips them (see [`crate::check_journey_on`]).
    pub today: Option<CivilDate>,
}

pub struct Rule {
    pub code: Code,
    pub check: fn(&Context<'_>, &mut Vec<Diagnostic>),
}

// FIXME: no rule yet for a touchpoint's primary role and trigger; see the
// closing notes of issue 2.

/// Every rule, in code order.
pub static RULES: &[&Rule] = &[
    &unresolved_reference::RULE,
    &duplicate_id::RULE,
    &rename_source_defined::RULE,
    &approved_change_unknown::RULE,
    &transition_to_unknown_stage::RULE,
    &orphan_stage::RULE,
    &dead_end_stage::RULE,
    &start_end_stages::RULE,
    &spine_incomplete::RULE,
    &plan_dependency_cycle::RULE,
    &missing_section::RULE,
    &stage_criteria_missing::RULE,
    &stage_exit_paths_missing::RULE,
    &touchpoint_owner::RULE,
    &touchpoint_without_stage::RULE,
    &touchpoint_without_system::RULE,
    &moment_of_truth_owner::RULE,
    &moment_of_truth_incomplete::RULE,
    &too_many_top_priorities::RULE,
    &event_without_system::RULE,
    &event_journey_fields::RULE,
    &committee_size::RULE,
    &committee_decision_proof::RULE,
    &qualification_incomplete::RULE,
    &onboarding_pillar_missing::RULE,
    &onboarding_step_incomplete::RULE,
    &roi_input_out_of_range::RULE,
    &experiments_incomplete::RULE,
    &proof_asset_incomplete::RULE,
    &proof_asset_review_overdue::RULE,
];

/// Run every rule.
pub fn run(ctx: &Context<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in RULES {
        (rule.check)(ctx, &mut out);
    }
    out
}

/// Find a rule or any other diagnostic code by code (`JC302`) or name
/// (`orphan-stage`), ignoring case.
pub fn find_code(query: &str) -> Option<&'static Code> {
    all_codes().find(|c| c.code.eq_ignore_ascii_case(query) || c.name.eq_ignore_ascii_case(query))
}

/// Every code journeyc can report, in code order.
pub fn all_codes() -> impl Iterator<Item = &'static Code> {
    let mut codes: Vec<&'static Code> = crate::codes::NON_RULE_CODES
        .iter()
        .copied()
        .chain(RULES.iter().map(|r| &r.code))
        .collect();
    codes.sort_by_key(|c| c.code);
    codes.into_iter()
}
