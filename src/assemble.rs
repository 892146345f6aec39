//! Assembling one journey from the files of its directory.
//!
//! Lists are joined in file order (files are sorted by name, so the result
//! does not depend on the file system). Single-valued sections must appear in
//! one file only; a second definition is reported at the second, with the
//! first as a secondary label.

use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::model::{Journey, Spanned};
use crate::source::{FileId, Span};

/// Merge the parts of a journey. `first_file` is where journey-wide
/// problems are reported when no header exists.
pub fn assemble(parts: Vec<(FileId, Journey)>, first_file: FileId) -> (Journey, Vec<Diagnostic>) {
    let mut journey = Journey::default();
    let mut diagnostics = Vec::new();

    for (_, part) in parts {
        let Journey {
            schema: _,
            // Overlay envelopes never reach assembly: `crate::overlay`
            // applies them to the node tree first, and reports them in a
            // journey that is not an overlay.
            overlay: _,
            add: _,
            replace: _,
            update: _,
            remove: _,
            journey: header,
            segment,
            teams,
            owners,
            systems,
            drop_off_reasons,
            stages,
            committee,
            proof_assets,
            events,
            touchpoints,
            moments_of_truth,
            backlog,
            qualification,
            onboarding,
            roi,
            governance,
            baseline,
            service_packages,
            sla_tiers,
            approved_changes,
        } = part;

        once(&mut journey.journey, header, "journey", &mut diagnostics);
        once(&mut journey.segment, segment, "segment", &mut diagnostics);
        once(
            &mut journey.qualification,
            qualification,
            "qualification",
            &mut diagnostics,
        );
        once(
            &mut journey.onboarding,
            onboarding,
            "onboarding",
            &mut diagnostics,
        );
        once(&mut journey.roi, roi, "roi", &mut diagnostics);
        once(
            &mut journey.governance,
            governance,
            "governance",
            &mut diagnostics,
        );

        journey.teams.extend(teams);
        journey.owners.extend(owners);
        journey.systems.extend(systems);
        journey.drop_off_reasons.extend(drop_off_reasons);
        journey.stages.extend(stages);
        journey.committee.extend(committee);
        journey.proof_assets.extend(proof_assets);
        journey.events.extend(events);
        journey.touchpoints.extend(touchpoints);
        journey.moments_of_truth.extend(moments_of_truth);
        journey.backlog.extend(backlog);
        journey.baseline.extend(baseline);
        journey.service_packages.extend(service_packages);
        journey.sla_tiers.extend(sla_tiers);
        journey.approved_changes.extend(approved_changes);
    }

    if journey.journey.is_none() {
        diagnostics.push(
            Diagnostic::new(
                &codes::MISSING_HEADER,
                "this journey has no `journey:` header",
                Span::file_start(first_file),
                "no file of this journey names it",
            )
            .with_help(
                "add a `journey:` section with `id:` and `name:` to the journey's main file",
            ),
        );
    }
    (journey, diagnostics)
}

fn once<T>(
    slot: &mut Option<Spanned<T>>,
    value: Option<Spanned<T>>,
    section: &str,
    out: &mut Vec<Diagnostic>,
) {
    let Some(value) = value else { return };
    match slot {
        None => *slot = Some(value),
        Some(first) => out.push(
            Diagnostic::new(
                &codes::SECTION_TWICE,
                format!("section `{section}` is defined in two files"),
                value.span,
                "second definition",
            )
            .with_secondary(first.span, "first definition")
            .with_help(format!(
                "keep `{section}` in one file of the journey and delete the other"
            )),
        ),
    }
}
