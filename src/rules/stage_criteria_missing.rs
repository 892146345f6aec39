//! JC402: every stage has entry and exit criteria.

use super::{Context, Rule};
use crate::codes::{Code, Phase};
use crate::diagnostic::{Diagnostic, Severity};

pub static RULE: Rule = Rule {
    code: Code {
        code: "JC402",
        name: "stage-criteria-missing",
        severity: Severity::Error,
        phase: Phase::Rule,
        summary: "a stage has no entry criteria or no exit criteria",
        doc: r#"## What it checks
Every stage lists at least one `entry_criteria` and one `exit_criteria`
item.

## Why
Criteria are the exact, observable triggers that move an account in and out
("MSA signed date logged in CRM"). Without them, each team decides for itself
when an account has moved, and stage reports stop meaning anything.

## Example
```yaml
- id: decision
  entry_criteria:
    - criterion: Proposal requested
  # no exit_criteria
```

## How to fix
Add the trigger that someone could verify in the CRM or PSA, and name the
event that records it with `event:`.
"#,
    },
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for stage in &ctx.journey.stages {
        for (missing, key) in [
            (stage.entry_criteria.is_empty(), "entry_criteria"),
            (stage.exit_criteria.is_empty(), "exit_criteria"),
        ] {
            if missing {
                out.push(
                    Diagnostic::new(&RULE.code, format!("stage `{}` has no `{key}`", stage.id), stage.id.span, format!("no `{key}` for this stage"))
                        .with_help(format!("add `{key}:` with the observable trigger, such as `- criterion: MSA signed date logged in CRM`")),
                );
            }
        }
    }
}
