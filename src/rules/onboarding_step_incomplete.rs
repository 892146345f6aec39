//! JC416: every onboarding plan step is owned and dated.

use std::collections::HashMap;

use super::{Context, Rule, common};
use crate::codes::{Code, Phase};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::PlanStep;

pub static RULE: Rule = Rule {
    code: Code {
        code: "JC416",
        name: "onboarding-step-incomplete",
        severity: Severity::Error,
        phase: Phase::Rule,
        summary: "an onboarding plan step has no single owner, no due day or no pillar, or is due before a step it depends on",
        doc: r#"## What it checks
Every step of `onboarding.plan` has exactly one `owner`, a `due_day` (days
after kickoff) and a `pillar`, and is not due before a step it
`depends_on`.

## Why
The handoff is auditable only if every step has an owner and a date: week 1
discovery and risk register, weeks 2–4 tooling rollout and communication
cadence, day 30–60 the first QBR and roadmap. The PSA tasks generated from
the plan take their assignee and due date from here.

## Example
```yaml
plan:
  - id: tooling-rollout
    name: RMM and EDR rollout
    pillar: delivery_execution
    owner: sam
    # no due_day
```

## How to fix
Add the missing `owner`, `due_day` or `pillar`; move a step's `due_day` to
on or after the steps it depends on.
"#,
    },
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(onboarding) = &ctx.journey.onboarding else {
        return;
    };
    let by_id: HashMap<&str, &PlanStep> =
        onboarding.plan.iter().map(|s| (s.id.as_str(), s)).collect();
    for step in &onboarding.plan {
        common::single_owner(
            &RULE.code,
            &format!("plan step `{}`", step.id),
            &step.owner,
            &step.id,
            out,
        );
        if step.due_day.is_none() {
            out.push(
                Diagnostic::new(
                    &RULE.code,
                    format!("plan step `{}` has no due day", step.id),
                    step.id.span,
                    "no `due_day`",
                )
                .with_help(
                    "add `due_day:` with the number of days after kickoff, such as `5` for week 1",
                ),
            );
        }
        if step.pillar.is_none() {
            out.push(
                Diagnostic::new(&RULE.code, format!("plan step `{}` has no pillar", step.id), step.id.span, "no `pillar`")
                    .with_help("add `pillar:` with `sales_promise`, `delivery_execution` or `client_requirements`"),
            );
        }
        let Some(due) = &step.due_day else { continue };
        for dep in &step.depends_on {
            let Some(before) = by_id.get(dep.as_str()) else {
                continue;
            };
            let Some(before_due) = &before.due_day else {
                continue;
            };
            // Compare calendar days; a count of business days is a range of
            // calendar days, so report only a step that is surely early.
            let (_, latest) = calendar_days(
                due.value,
                step.business_days.as_ref().is_some_and(|b| b.value),
            );
            let (earliest_dep, _) = calendar_days(
                before_due.value,
                before.business_days.as_ref().is_some_and(|b| b.value),
            );
            if latest < earliest_dep {
                out.push(
                    Diagnostic::new(
                        &RULE.code,
                        format!(
                            "plan step `{}` is due on day {} but depends on `{}`, due on day {}",
                            step.id, due.value, dep, before_due.value
                        ),
                        due.span,
                        "due before the step it depends on",
                    )
                    .with_secondary(before_due.span, "the dependency is due later")
                    .with_help("move this step's `due_day` to on or after its dependencies'"),
                );
            }
        }
    }
}

/// The earliest and latest calendar day a due day can fall on. Business
/// days skip weekends, and the weekday of kickoff is not known here: `n`
/// business days are at least `n` and at most `n + 2 * ceil(n / 5) + 2`
/// calendar days.
fn calendar_days(due_day: u32, business_days: bool) -> (u32, u32) {
    if business_days {
        (due_day, due_day + 2 * due_day.div_ceil(5) + 2)
    } else {
        (due_day, due_day)
    }
}
