//! JC414: qualification defines fit, intent by stage, committee coverage and
//! both CFO and IT signals.

use std::collections::HashSet;

use super::{Context, Rule};
use crate::codes::{Code, Phase};
use crate::diagnostic::{Diagnostic, Severity};

pub static RULE: Rule = Rule {
    code: Code {
        code: "JC414",
        name: "qualification-incomplete",
        severity: Severity::Error,
        phase: Phase::Rule,
        summary: "qualification lacks fit, intent by stage, committee coverage, a threshold or a CFO/IT signal",
        doc: r#"## What it checks
The `qualification` section defines:
- `fit` with its points;
- `intent` signals in at least two stages, at least one of which
  `triggers_handoff` to Sales;
- `committee` coverage with a multiplier above 1, a window of at least one
  day and at least two roles;
- a `threshold`;
- both `cfo_qualified` and `it_qualified` signals.

## Why
A managed-services qualified lead is fit and intent and committee coverage,
all three. Intent must be scored by stage — a whitepaper download is not a
pricing-page visit — and the multiplier applies only when Finance and IT
engage within a window. A lead is CFO-qualified when the cost model is
accepted and IT-qualified when technical fit is confirmed: without both
signals Sales cannot tell a champion from a committee.

## How to fix
Add the part named in the message; see the qualification section of
`docs/format.md`.
"#,
    },
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(q) = &ctx.journey.qualification else {
        return;
    };
    let report = |out: &mut Vec<Diagnostic>, message: String, help: &str| {
        out.push(
            Diagnostic::new(&RULE.code, message, q.span, "in this qualification model")
                .with_help(help.to_owned()),
        );
    };

    if q.fit.is_none() {
        report(
            out,
            "qualification has no `fit`".into(),
            "add `fit:` with the points a lead gets for matching the segment's profile",
        );
    }
    let stages: HashSet<&str> = q.intent.iter().map(|s| s.stage.as_str()).collect();
    if stages.len() < 2 {
        report(
            out,
            "qualification scores intent in fewer than two stages".into(),
            "add `intent:` signals for several stages: low points for awareness, more for consideration, most for decision",
        );
    }
    if !q.intent.is_empty()
        && !q
            .intent
            .iter()
            .any(|s| s.triggers_handoff.as_ref().is_some_and(|t| t.value))
    {
        report(
            out,
            "no intent signal triggers the handoff to Sales".into(),
            "mark decision signals such as a pricing-page visit or a proposal request with `triggers_handoff: true`",
        );
    }
    match &q.committee {
        None => report(
            out,
            "qualification has no `committee` coverage".into(),
            "add `committee:` with `multiplier`, `window_days` and the `roles` that must engage",
        ),
        Some(c) => {
            if c.multiplier.value <= 1.0 {
                out.push(
                    Diagnostic::new(
                        &RULE.code,
                        format!(
                            "committee multiplier `{}` does not raise the score",
                            c.multiplier.value
                        ),
                        c.multiplier.span,
                        "should be above 1",
                    )
                    .with_help("use a multiplier above 1, such as 1.5"),
                );
            }
            if c.window_days.value == 0 {
                out.push(
                    Diagnostic::new(
                        &RULE.code,
                        "the committee window is zero days",
                        c.window_days.span,
                        "no time to engage",
                    )
                    .with_help("use a window such as 30 days"),
                );
            }
            if c.roles.len() < 2 {
                out.push(
                    Diagnostic::new(&RULE.code, "committee coverage names fewer than two roles", c.span, "coverage means several roles")
                        .with_help("name the roles that must engage together, usually the CFO and the IT Manager"),
                );
            }
        }
    }
    if q.threshold.is_none() {
        report(
            out,
            "qualification has no `threshold`".into(),
            "add `threshold:` with the score at which a lead is qualified",
        );
    }
    if q.cfo_qualified.is_none() {
        report(
            out,
            "qualification has no `cfo_qualified` signal".into(),
            "add `cfo_qualified:` with the signal that the cost model was accepted",
        );
    }
    if q.it_qualified.is_none() {
        report(
            out,
            "qualification has no `it_qualified` signal".into(),
            "add `it_qualified:` with the signal that technical fit was confirmed",
        );
    }
}
