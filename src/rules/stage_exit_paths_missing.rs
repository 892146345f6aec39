//! JC403: every stage models its drop-offs.

use super::{Context, Rule};
use crate::codes::{Code, Phase};
use crate::diagnostic::{Diagnostic, Severity};

pub static RULE: Rule = Rule {
    code: Code {
        code: "JC403",
        name: "stage-exit-paths-missing",
        severity: Severity::Error,
        phase: Phase::Rule,
        summary: "a stage has no exit paths with drop-off reasons",
        doc: r#"## What it checks
Every stage lists at least one `exit_paths` entry naming a drop-off reason.

## Why
Real journeys are not linear: accounts leave at every stage for no budget,
wrong fit, a compliance objection, a competitor or no decision. Without exit
paths the CRM has no mandatory lost reason for that stage and nobody learns
why deals die there.

## Example
```yaml
- id: consideration
  exit_paths:
    - reason: lost-to-competitor
      signal: Prospect chose another MSP after the comparison call
```

## How to fix
Add the ways accounts drop out of the stage, each with a `reason:` from
`drop_off_reasons`.
"#,
    },
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for stage in &ctx.journey.stages {
        if stage.exit_paths.is_empty() {
            out.push(
                Diagnostic::new(&RULE.code, format!("stage `{}` has no exit paths", stage.id), stage.id.span, "no drop-off reasons for this stage")
                    .with_help("add `exit_paths:` with the ways accounts drop out here, such as `- reason: no-budget`"),
            );
        }
    }
}
