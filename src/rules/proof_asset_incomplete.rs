//! JC419: every proof asset has an owner and a date by which it is reviewed.

use super::{Context, Rule};
use crate::codes::{Code, Phase};
use crate::diagnostic::{Diagnostic, Severity};

pub static RULE: Rule = Rule {
    code: Code {
        code: "JC419",
        name: "proof-asset-incomplete",
        severity: Severity::Error,
        phase: Phase::Rule,
        summary: "a proof asset has no owner or no `review_by` date",
        doc: r#"## What it checks
Every entry of `proof_assets` has an `owner:` (who keeps it current) and a
`review_by:` date (when it is next checked).

## Why
Proof assets are what the buying committee signs on: the SLA, the SOC 2
report, the TCO model, the reference list. An asset nobody owns goes stale
unnoticed, and a stale SOC 2 report or an SLA with last year's terms handed to
a CFO or a compliance officer costs the deal or, worse, the trust. The review
date is what lets `journeyc check` warn when it has passed
(`proof-asset-review-overdue`).

## Example
```yaml
proof_assets:
  - id: soc2-report
    name: SOC 2 Type II report
    owner: carmen-ortiz
    # no review_by
```

## How to fix
Name the owner who keeps the asset current and the date of its next review,
such as the end of the SOC 2 report period:
`review_by: 2027-05-31`.
"#,
    },
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for asset in &ctx.journey.proof_assets {
        for (missing, key, help) in [
            (
                asset.owner.is_none(),
                "owner",
                "add `owner:` with the id of the person who keeps it current",
            ),
            (
                asset.review_by.is_none(),
                "review_by",
                "add `review_by:` with the date of its next review, such as `review_by: 2027-05-31`",
            ),
        ] {
            if missing {
                out.push(
                    Diagnostic::new(
                        &RULE.code,
                        format!("proof asset `{}` has no `{key}`", asset.id),
                        asset.id.span,
                        format!("no `{key}` here"),
                    )
                    .with_help(help),
                );
            }
        }
    }
}
