//! JC204: an approved change names a kind of change `journeyc diff` reports.

use super::{Context, Rule};
use crate::codes::{Code, Phase};
use crate::diagnostic::{Diagnostic, Severity};
use crate::diff::CHECKS;

pub static RULE: Rule = Rule {
    code: Code {
        code: "JC204",
        name: "approved-change-unknown",
        severity: Severity::Error,
        phase: Phase::Rule,
        summary: "an approved change names a kind of change `journeyc diff` does not report",
        doc: r#"## What it checks
Every entry of `approved_changes` names its kind of change with `change:`,
using an id from `journeyc diff --list-checks` such as `stage-removed` or
`picklist-value-removed`.

## Why
An approval lets a breaking change through `journeyc diff --fail-on`. One
that names a kind of change that does not exist approves nothing, so the pull
request it was written for still fails, and nobody can tell from the file
what was meant to be approved.

## Example
```yaml
approved_changes:
  - id: retire-pilot
    change: stage-deleted        # the kind is called `stage-removed`
    subject: stage pilot
    approved_by: dana
    reason: The pilot stage is merged into Decision; open deals moved on 2026-12-10
```

## How to fix
Copy the kind and the subject from the output of `journeyc diff`: each
change is printed as `kind: subject`.
"#,
    },
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for approval in &ctx.journey.approved_changes {
        let wanted = approval.change.as_str();
        if CHECKS.iter().any(|c| c.id == wanted) {
            continue;
        }
        let help = match crate::suggest::closest(wanted, CHECKS.iter().map(|c| c.id)) {
            Some(near) => format!("did you mean `{near}`?"),
            None => "`journeyc diff --list-checks` lists every kind of change; copy the kind \
                     from the output of `journeyc diff`, where each change reads `kind: subject`"
                .to_owned(),
        };
        out.push(
            Diagnostic::new(
                &RULE.code,
                format!("`{wanted}` is not a kind of change `journeyc diff` reports"),
                approval.change.span,
                "no change has this kind",
            )
            .with_help(help),
        );
    }
}
