//! JC401: the journey has every section a trustworthy journey needs.

use super::{Context, Rule};
use crate::codes::{Code, Phase};
use crate::diagnostic::{Diagnostic, Severity};

pub static RULE: Rule = Rule {
    code: Code {
        code: "JC401",
        name: "missing-section",
        severity: Severity::Error,
        phase: Phase::Rule,
        summary: "the journey lacks a section every journey needs",
        doc: r#"## What it checks
Across its files, the journey has each of these sections: `segment`,
`owners`, `systems`, `drop_off_reasons`, `stages`, `committee`,
`proof_assets`, `events`, `touchpoints`, `moments_of_truth`, `backlog`,
`qualification`, `onboarding`, `roi`, `governance` and `baseline`.

## Why
A journey map becomes operational only when all of it is defined once: a map
without qualification cannot tell Sales when to call, one without onboarding
leaves the handoff to memory, one without a baseline cannot show results.

## How to fix
Add the section to one of the journey's files; `journeyc init` writes a
starter with every section, and `docs/format.md` describes each one.
"#,
    },
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let j = ctx.journey;
    let present = [
        ("segment", j.segment.is_some()),
        ("owners", !j.owners.is_empty()),
        ("systems", !j.systems.is_empty()),
        ("drop_off_reasons", !j.drop_off_reasons.is_empty()),
        ("stages", !j.stages.is_empty()),
        ("committee", !j.committee.is_empty()),
        ("proof_assets", !j.proof_assets.is_empty()),
        ("events", !j.events.is_empty()),
        ("touchpoints", !j.touchpoints.is_empty()),
        ("moments_of_truth", !j.moments_of_truth.is_empty()),
        ("backlog", !j.backlog.is_empty()),
        ("qualification", j.qualification.is_some()),
        ("onboarding", j.onboarding.is_some()),
        ("roi", j.roi.is_some()),
        ("governance", j.governance.is_some()),
        ("baseline", !j.baseline.is_empty()),
    ];
    for (section, is_present) in present {
        if !is_present {
            out.push(
                Diagnostic::new(
                    &RULE.code,
                    format!("the journey has no `{section}` section"),
                    ctx.header,
                    "in this journey",
                )
                .with_help(format!(
                    "add `{section}:` to one of the journey's files (see docs/format.md)"
                )),
            );
        }
    }
}
