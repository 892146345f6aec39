//! JC410: every event names the system that logs it.

use super::{Context, Rule};
use crate::codes::{Code, Phase};
use crate::diagnostic::{Diagnostic, Severity};

pub static RULE: Rule = Rule {
    code: Code {
        code: "JC410",
        name: "event-without-system",
        severity: Severity::Error,
        phase: Phase::Rule,
        summary: "an event does not name the system that logs it",
        doc: r#"## What it checks
Every entry of `events` has `system:` naming one of the journey's `systems`.

## Why
Data traceability: for each event the team must know exactly where it is
logged — the MSA signing date in the CRM, the technical kickoff in the PSA,
whitepaper downloads in web analytics. An event without a system is logged
nowhere, or in a different place by each team.

## How to fix
Add `system:` with the id of the system, and `location:` with the exact
field or object where the event is recorded.
"#,
    },
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for e in &ctx.journey.events {
        if e.system.is_none() {
            out.push(
                Diagnostic::new(
                    &RULE.code,
                    format!("event `{}` has no system", e.id),
                    e.id.span,
                    "no `system` logs this event",
                )
                .with_help(
                    "add `system:` with the id of the CRM, PSA or analytics system that logs it",
                ),
            );
        }
    }
}
