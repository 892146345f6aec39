//! JC411: every event carries stage, primary role and trigger.

use super::{Context, Rule};
use crate::codes::{Code, Phase};
use crate::diagnostic::{Diagnostic, Severity};

/// The fields every journey event record carries.
pub const JOURNEY_FIELDS: [&str; 3] = ["stage", "primary_role", "trigger"];

pub static RULE: Rule = Rule {
    code: Code {
        code: "JC411",
        name: "event-missing-journey-fields",
        severity: Severity::Error,
        phase: Phase::Rule,
        summary: "an event lacks a required `stage`, `primary_role` or `trigger` field",
        doc: r#"## What it checks
Every event lists the fields `stage`, `primary_role` and `trigger` among its
`fields`, each required (`required` left out or `true`), and says which stage
it belongs to with `stage:`.

## Why
The journey event schema ties every record to the lifecycle: the stage it
happened in, the committee role it concerned and what set it off (a
compliance deadline, a critical incident, a leadership change). Without them,
events cannot be joined across CRM, PSA and analytics.

## Example
```yaml
- id: msa-signed
  system: crm
  stage: decision
  fields:
    - { id: stage, type: string }
    - { id: primary_role, type: string }
    # no trigger
```

## How to fix
Add the missing field with `required` left out, and `stage:` if missing.
"#,
    },
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for e in &ctx.journey.events {
        if e.stage.is_none() {
            out.push(
                Diagnostic::new(
                    &RULE.code,
                    format!("event `{}` has no stage", e.id),
                    e.id.span,
                    "no `stage` for this event",
                )
                .with_help("add `stage:` with the id of the stage the event belongs to"),
            );
        }
        for name in JOURNEY_FIELDS {
            match e.fields.iter().find(|f| f.id.as_str() == name) {
                None => out.push(
                    Diagnostic::new(
                        &RULE.code,
                        format!("event `{}` has no `{name}` field", e.id),
                        e.id.span,
                        format!("`{name}` missing from this event's fields"),
                    )
                    .with_help(format!(
                        "add `- {{ id: {name}, type: string }}` to its `fields`"
                    )),
                ),
                Some(f) if !f.is_required() => out.push(
                    Diagnostic::new(
                        &RULE.code,
                        format!("field `{name}` of event `{}` is optional", e.id),
                        f.required.as_ref().map_or(f.id.span, |r| r.span),
                        "every record must carry it",
                    )
                    .with_help(
                        "remove `required: false`: every journey event record carries this field",
                    ),
                ),
                Some(_) => {}
            }
        }
    }
}
