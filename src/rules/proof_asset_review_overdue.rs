//! JC420: a proof asset's `review_by` date has passed.

use super::{Context, Rule};
use crate::codes::{Code, Phase};
use crate::dates::CivilDate;
use crate::diagnostic::{Diagnostic, Severity};

pub static RULE: Rule = Rule {
    code: Code {
        code: "JC420",
        name: "proof-asset-review-overdue",
        severity: Severity::Warning,
        phase: Phase::Rule,
        summary: "a proof asset's `review_by` date has passed",
        doc: r#"## What it checks
A proof asset whose `review_by` date is before today. Today is the date of
the machine that runs journeyc (in UTC), or the date in the environment
variable `JOURNEYC_TODAY` (`YYYY-MM-DD`) when it is set, so that a run can be
repeated exactly.

## Why
The committee signs on the proof it is shown. A SOC 2 report past its period,
an SLA with old service credits, a reference who has left: each is a promise
the MSP can no longer keep, found by the client's compliance officer instead
of by the team.

## Example
```yaml
proof_assets:
  - id: soc2-report
    name: SOC 2 Type II report
    owner: carmen-ortiz
    review_by: 2026-05-31        # the report period has ended
```

## How to fix
Review the asset with its owner, update it if needed, and set `review_by` to
the date of the next review. The finding is a warning, so it does not fail
`journeyc check` on its own; to make the review date a gate, set
`proof-asset-review-overdue = "error"` under `[rules]` in `journeyc.toml`, or
run `journeyc check --fail-on warning`.
"#,
    },
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(today) = ctx.today else { return };
    for asset in &ctx.journey.proof_assets {
        let Some(review_by) = &asset.review_by else {
            continue;
        };
        // The schema checks the shape; an impossible date such as
        // 2027-02-30 cannot be judged and is left alone here.
        let Some(due) = CivilDate::parse(&review_by.value.0) else {
            continue;
        };
        let late = due.days_until(today);
        if late <= 0 {
            continue;
        }
        let owner = asset
            .owner
            .as_ref()
            .map_or_else(|| "its owner".to_owned(), |o| format!("`{o}`"));
        out.push(
            Diagnostic::new(
                &RULE.code,
                format!(
                    "proof asset `{}` was due for review on {} ({late} {} ago)",
                    asset.id,
                    review_by.value.0,
                    if late == 1 { "day" } else { "days" }
                ),
                review_by.span,
                "this date has passed",
            )
            .with_help(format!(
                "review the asset with {owner}, update it if needed, and set `review_by` to the \
                 date of its next review"
            )),
        );
    }
}
