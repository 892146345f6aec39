//! JC409: at most five moments of truth are top priority.

use super::{Context, Rule};
use crate::codes::{Code, Phase};
use crate::diagnostic::{Diagnostic, Severity};

/// How many moments of truth a team can work on at once.
const MAX_TOP: usize = 5;

pub static RULE: Rule = Rule {
    code: Code {
        code: "JC409",
        name: "too-many-top-priorities",
        severity: Severity::Error,
        phase: Phase::Rule,
        summary: "more than five moments of truth are marked top priority",
        doc: r#"## What it checks
At most five entries of `moments_of_truth` have `top_priority: true`.

## Why
The top five moments of truth are the ones a team acts on now, each with an
owner, a KPI and a next action. When everything is a priority nothing is:
the sixth dilutes the other five.

## How to fix
Rank the moments of truth and keep `top_priority: true` on the five with the
most effect on purchase, renewal or expansion.
"#,
    },
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let top: Vec<_> = ctx
        .journey
        .moments_of_truth
        .iter()
        .filter(|m| m.is_top_priority())
        .collect();
    if top.len() <= MAX_TOP {
        return;
    }
    for (rank, extra) in top.iter().enumerate().skip(MAX_TOP) {
        let span = extra
            .top_priority
            .as_ref()
            .map_or(extra.id.span, |t| t.span);
        out.push(
            Diagnostic::new(
                &RULE.code,
                format!("{} moments of truth are marked top priority; at most {MAX_TOP} may be", top.len()),
                span,
                format!("top priority number {}", rank + 1),
            )
            .with_help("keep `top_priority: true` on the five that matter most and remove it from the rest"),
        );
    }
}
