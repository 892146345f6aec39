//! JC406: every touchpoint names its system of record.

use super::{Context, Rule};
use crate::codes::{Code, Phase};
use crate::diagnostic::{Diagnostic, Severity};

pub static RULE: Rule = Rule {
    code: Code {
        code: "JC406",
        name: "touchpoint-without-system",
        severity: Severity::Error,
        phase: Phase::Rule,
        summary: "a touchpoint does not name the system of record that logs it",
        doc: r#"## What it checks
Every touchpoint has `system:` naming one of the journey's `systems`.

## Why
If no system logs a touchpoint, nobody can see that it happened: the lifecycle
stays split between Marketing's, Sales' and Service's records, which is the
problem journey mapping is meant to solve.

## Example
```yaml
- id: escalation-handling
  stage: delivery
  # no system: is it in the PSA or the CRM?
```

## How to fix
Add `system:` with the id of the CRM, PSA or analytics system where the
interaction is recorded.
"#,
    },
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for t in &ctx.journey.touchpoints {
        if t.system.is_none() {
            out.push(
                Diagnostic::new(&RULE.code, format!("touchpoint `{}` has no system of record", t.id), t.id.span, "no `system` for this touchpoint")
                    .with_help("add `system:` with the id of the system that logs it, such as the CRM or the PSA"),
            );
        }
    }
}
