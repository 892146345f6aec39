//! Handoff memos and dated onboarding checklists for a signed deal.
//!
//! `journeyc handoff DEAL.yaml --journey PATH --out DIR` reads a small deal
//! file, checks it against the (already checked) journey with the same kind
//! of diagnostics as `check`, and generates everything the journey says must
//! happen for that client: the handoff memo, the dated 90-day checklist in
//! several formats, and a calendar of milestones.
//!
//! ```text
//! deal.yaml ─▶ load + schema (schemas/deal.schema.json) ─▶ Deal
//!          ─▶ prepare (validate against the journey, date the plan) ─▶ Prepared
//!          ─▶ memo, checklist, calendar ─▶ Vec<Artifact>
//! ```

mod calendar;
mod checklist;
pub mod deal;
mod load;
mod memo;
mod prepare;

pub use load::load_deal;
pub use prepare::{person, prepare};

use crate::build::{Artifact, Output, Templates, View};
use crate::dates::CivilDate;
use crate::diagnostic::{self, Diagnostic};
use crate::model::{Journey, PlanStep, ServicePackage, SlaTier};
use crate::source::{FileId, SourceSet};
use deal::Deal;

/// A person resolved for this client: an MSP owner (the deal's team member
/// standing in for a journey owner, or the journey owner) or a client
/// contact.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Person {
    pub name: String,
    pub email: Option<String>,
}

/// One step of the 90-day plan, dated for this client.
#[derive(Clone, Debug)]
pub struct DatedStep<'a> {
    pub step: &'a PlanStep,
    /// Kickoff plus the step's due day (business days where it says so).
    pub due: CivilDate,
    pub owner: Person,
}

/// A deal checked against its journey, with everything the generators need
/// resolved: the package and SLA tier sold, the plan dated from kickoff.
pub struct Prepared<'a> {
    pub journey: &'a Journey,
    pub deal: &'a Deal,
    pub view: View<'a>,
    pub signed: CivilDate,
    pub kickoff: CivilDate,
    pub package: &'a ServicePackage,
    pub sla: &'a SlaTier,
    /// The plan in PSA order (by due date, ties in declaration order).
    pub steps: Vec<DatedStep<'a>>,
}

/// Everything `journeyc handoff` produces for a deal that checks cleanly.
pub struct Handoff {
    pub deal: Deal,
    /// Named relative to the output directory.
    pub artifacts: Vec<Artifact>,
}

/// The whole pipeline for one deal: read the deal in `deal_file` (see
/// [`load_deal`]), check it against `journey`, which must have checked
/// without errors, and generate every document. A deal with any problem
/// yields all of them, sorted, and no document.
pub fn handoff(
    journey: &Journey,
    deal_file: FileId,
    templates: &Templates,
    sources: &mut SourceSet,
) -> Result<Handoff, Vec<Diagnostic>> {
    let (deal, problems) = load_deal(sources, deal_file);
    let Some(deal) = deal else {
        return Err(problems);
    };

    let artifacts = {
        let prepared = prepare(journey, &deal).map_err(|mut problems| {
            diagnostic::sort(&mut problems);
            problems
        })?;
        generate(&prepared, templates, sources)?
    };
    Ok(Handoff { deal, artifacts })
}

/// Generate every handoff document for a prepared deal: the memo, the dated
/// checklist in each format and the milestone calendar. Files are named
/// relative to the output directory.
pub fn generate(
    prepared: &Prepared<'_>,
    templates: &Templates,
    sources: &mut SourceSet,
) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
    let mut out = Output::default();
    memo::emit(prepared, templates, sources, &mut out);
    checklist::emit(prepared, &mut out);
    calendar::emit(prepared, &mut out);
    out.finish()
}
