//! JC405: every touchpoint belongs to a stage.

use super::{Context, Rule};
use crate::codes::{Code, Phase};
use crate::diagnostic::{Diagnostic, Severity};

pub static RULE: Rule = Rule {
    code: Code {
        code: "JC405",
        name: "touchpoint-without-stage",
        severity: Severity::Error,
        phase: Phase::Rule,
        summary: "a touchpoint does not say which stage it belongs to",
        doc: r#"## What it checks
Every touchpoint has `stage:` naming one of the journey's stages.

## Why
Every touchpoint record must carry a stage: that is how the heat map, the
stage-gate one-pager and the stage reports in the CRM place it. A touchpoint
without a stage is invisible in all of them.

## Example
```yaml
- id: security-questionnaire
  name: Security questionnaire
  # no stage
```

## How to fix
Add `stage:` with the id of the stage in which the interaction happens.
"#,
    },
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for t in &ctx.journey.touchpoints {
        if t.stage.is_none() {
            out.push(
                Diagnostic::new(
                    &RULE.code,
                    format!("touchpoint `{}` has no stage", t.id),
                    t.id.span,
                    "no `stage` for this touchpoint",
                )
                .with_help("add `stage:` with the id of the stage in which it happens"),
            );
        }
    }
}
