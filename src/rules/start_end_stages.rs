//! JC304: one start stage and at least one end stage.

use super::{Context, Rule};
use crate::codes::{Code, Phase};
use crate::diagnostic::{Diagnostic, Severity};

pub static RULE: Rule = Rule {
    code: Code {
        code: "JC304",
        name: "unclear-start-or-end",
        severity: Severity::Error,
        phase: Phase::Rule,
        summary: "the journey does not have exactly one start stage and at least one end stage",
        doc: r#"## What it checks
Exactly one stage is marked `start: true`, and at least one stage is marked
`end: true`.

## Why
Where a journey starts and where it may end cannot be guessed from the order
of stages: transitions are declared, not implied. Reachability checks, the
CRM pipeline order and the documentation all start from the start stage.

## Example
```yaml
stages:
  - id: awareness
    start: true
  - id: referral
    start: true          # a second start
```

## How to fix
Mark the first stage of the spine (usually awareness) `start: true` and
only that one; mark the stage where the journey may end (renewal/exit)
`end: true`.
"#,
    },
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let stages = &ctx.journey.stages;
    if stages.is_empty() {
        return; // The missing-section rule reports a journey without stages.
    }
    let starts: Vec<_> = stages.iter().filter(|s| s.is_start()).collect();
    match starts.as_slice() {
        [] => out.push(
            Diagnostic::new(
                &RULE.code,
                "no stage is marked `start: true`",
                stages[0].id.span,
                "this could be the start stage",
            )
            .with_help(
                "mark the stage every account starts in, usually awareness, with `start: true`",
            ),
        ),
        [_] => {}
        [first, rest @ ..] => {
            for extra in rest {
                out.push(
                    Diagnostic::new(
                        &RULE.code,
                        format!("stage `{}` is a second start stage", extra.id),
                        extra.id.span,
                        "second `start: true`",
                    )
                    .with_secondary(first.id.span, "first start stage")
                    .with_help(
                        "keep `start: true` on one stage only; other ways in are transitions",
                    ),
                );
            }
        }
    }
    if !stages.iter().any(|s| s.is_end()) {
        let last = &stages[stages.len() - 1];
        out.push(
            Diagnostic::new(
                &RULE.code,
                "no stage is marked `end: true`",
                last.id.span,
                "this could be the end stage",
            )
            .with_help(
                "mark the stage where the journey may end, usually renewal/exit, with `end: true`",
            ),
        );
    }
}
