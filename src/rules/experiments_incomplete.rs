//! JC418: three experiments, one per kind, each with one owner and one KPI.

use super::{Context, Rule, common};
use crate::codes::{Code, Phase};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::ExperimentKind;

pub static RULE: Rule = Rule {
    code: Code {
        code: "JC418",
        name: "experiments-incomplete",
        severity: Severity::Error,
        phase: Phase::Rule,
        summary: "governance does not run three experiments, one per kind, each with one owner and one KPI",
        doc: r#"## What it checks
`governance.experiments` has exactly three experiments: one `acquisition`,
one `onboarding` and one `retention`; each has exactly one `owner` and a
`kpi`. Governance also names a `board_kpi`.

## Why
Three experiments at a time keeps the journey improving without overloading
the team; one per kind makes sure acquisition, onboarding and retention all
get attention. Each needs one permanent owner and one KPI, or nobody can say
whether it worked.

## How to fix
Keep one experiment of each kind, give each an `owner` and a `kpi`, and
pause the others until one of the three ends.
"#,
    },
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(governance) = &ctx.journey.governance else {
        return;
    };
    if governance.board_kpi.is_none() {
        out.push(
            Diagnostic::new(&RULE.code, "governance has no board-level KPI", governance.span, "no `board_kpi`")
                .with_help("add `board_kpi:`, such as MQL to SQL rate by vertical with first-year gross churn, reported monthly"),
        );
    }
    let experiments = &governance.experiments;
    for kind in [
        ExperimentKind::Acquisition,
        ExperimentKind::Onboarding,
        ExperimentKind::Retention,
    ] {
        let of_kind: Vec<_> = experiments
            .iter()
            .filter(|e| e.kind.value == kind)
            .collect();
        let name = match kind {
            ExperimentKind::Acquisition => "acquisition",
            ExperimentKind::Onboarding => "onboarding",
            ExperimentKind::Retention => "retention",
        };
        match of_kind.as_slice() {
            [] => out.push(
                Diagnostic::new(
                    &RULE.code,
                    format!("no `{name}` experiment is running"),
                    governance.span,
                    "in this governance section",
                )
                .with_help(format!(
                    "add an experiment with `kind: {name}`, an owner and a KPI"
                )),
            ),
            [_] => {}
            [first, rest @ ..] => {
                for extra in rest {
                    out.push(
                        Diagnostic::new(
                            &RULE.code,
                            format!("more than one `{name}` experiment is running"),
                            extra.kind.span,
                            "second experiment of this kind",
                        )
                        .with_secondary(first.kind.span, "first one")
                        .with_help("run one experiment of each kind at a time; pause this one"),
                    );
                }
            }
        }
    }
    for e in experiments {
        common::single_owner(
            &RULE.code,
            &format!("experiment `{}`", e.id),
            &e.owner,
            &e.id,
            out,
        );
        if e.kpi.is_none() {
            out.push(
                Diagnostic::new(
                    &RULE.code,
                    format!("experiment `{}` has no KPI", e.id),
                    e.id.span,
                    "no `kpi`",
                )
                .with_help("add the one `kpi:` that says whether the experiment worked"),
            );
        }
    }
}
