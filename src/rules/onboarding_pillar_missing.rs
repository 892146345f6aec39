//! JC415: the onboarding handoff covers all three pillars.

use super::{Context, Rule};
use crate::codes::{Code, Phase};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::PillarKind;

pub static RULE: Rule = Rule {
    code: Code {
        code: "JC415",
        name: "onboarding-pillar-missing",
        severity: Severity::Error,
        phase: Phase::Rule,
        summary: "the onboarding handoff misses a pillar, or a pillar has no deliverable or no plan step",
        doc: r#"## What it checks
`onboarding.pillars` has each of the three pillars — `sales_promise`,
`delivery_execution`, `client_requirements` — once, each with a
`deliverable`, and the 90-day plan has at least one step for each pillar.

## Why
The handoff from Sales to Service is the most fragile point of the journey.
The sales promise (scope, SLAs, security posture, predicted ROI) becomes the
handoff memo; delivery execution becomes the implementation roadmap; the
client's requirements (approvals, access, internal communications) become the
access checklist. Drop one and it is the part that fails the first 90 days.

## How to fix
Add the missing pillar with its deliverable, and plan steps with
`pillar:` set to it.
"#,
    },
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(onboarding) = &ctx.journey.onboarding else {
        return;
    };
    if onboarding.plan.is_empty() {
        out.push(
            Diagnostic::new(&RULE.code, "the onboarding handoff has no 90-day plan", onboarding.span, "no `plan` steps")
                .with_help("add `plan:` with owned, dated steps for each pillar: discovery in week 1, tooling rollout in weeks 2–4, the first QBR by day 60"),
        );
    }
    for kind in PillarKind::ALL {
        let pillars: Vec<_> = onboarding
            .pillars
            .iter()
            .filter(|p| p.pillar.value == kind)
            .collect();
        match pillars.as_slice() {
            [] => out.push(
                Diagnostic::new(
                    &RULE.code,
                    format!("the onboarding handoff has no `{}` pillar", kind.as_str()),
                    onboarding.span,
                    "in this onboarding section",
                )
                .with_help(format!(
                    "add `- pillar: {}` under `pillars` with its deliverable",
                    kind.as_str()
                )),
            ),
            [first, rest @ ..] => {
                for extra in rest {
                    out.push(
                        Diagnostic::new(
                            &RULE.code,
                            format!("pillar `{}` is listed twice", kind.as_str()),
                            extra.pillar.span,
                            "second entry",
                        )
                        .with_secondary(first.pillar.span, "first entry")
                        .with_help("merge the two entries into one"),
                    );
                }
                if first.deliverable.is_none() {
                    out.push(
                        Diagnostic::new(&RULE.code, format!("pillar `{}` has no deliverable", kind.as_str()), first.pillar.span, "no `deliverable`")
                            .with_help("add `deliverable:`, such as the handoff memo, the implementation roadmap or the access checklist"),
                    );
                }
            }
        }
        let planned = onboarding
            .plan
            .iter()
            .any(|s| s.pillar.as_ref().is_some_and(|p| p.value == kind));
        if !onboarding.plan.is_empty() && !planned {
            out.push(
                Diagnostic::new(
                    &RULE.code,
                    format!("no plan step carries out pillar `{}`", kind.as_str()),
                    onboarding.span,
                    "in this onboarding plan",
                )
                .with_help(format!("add a plan step with `pillar: {}`", kind.as_str())),
            );
        }
    }
}
