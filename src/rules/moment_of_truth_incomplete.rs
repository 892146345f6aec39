//! JC408: every moment of truth has one KPI and one next action.

use super::{Context, Rule};
use crate::codes::{Code, Phase};
use crate::diagnostic::{Diagnostic, Severity};

pub static RULE: Rule = Rule {
    code: Code {
        code: "JC408",
        name: "moment-of-truth-incomplete",
        severity: Severity::Error,
        phase: Phase::Rule,
        summary: "a moment of truth has no KPI or no next action",
        doc: r#"## What it checks
Every entry of `moments_of_truth` has a `kpi:` and a `next_action:`.

## Why
A moment of truth without a measurable KPI cannot be improved on purpose, and
one without a next action is an observation, not a plan. The heat map is a
hypothesis; the KPI is how it gets tested.

## Example
```yaml
- id: first-qbr
  touchpoint: first-qbr
  owner: alex
  kpi: Share of first QBRs held by day 60
  # no next_action
```

## How to fix
Add the one KPI that shows whether the moment goes well, and the one next
action its owner takes.
"#,
    },
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for m in &ctx.journey.moments_of_truth {
        for (missing, key, example) in [
            (
                m.kpi.is_none(),
                "kpi",
                "`kpi: Time to first response under 1 hour`",
            ),
            (
                m.next_action.is_none(),
                "next_action",
                "`next_action: Publish the escalation path at kickoff`",
            ),
        ] {
            if missing {
                out.push(
                    Diagnostic::new(
                        &RULE.code,
                        format!("moment of truth `{}` has no `{key}`", m.id),
                        m.id.span,
                        format!("no `{key}` here"),
                    )
                    .with_help(format!("add one `{key}`, such as {example}")),
                );
            }
        }
    }
}
