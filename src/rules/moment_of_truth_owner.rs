//! JC407: every moment of truth has exactly one owner.

use super::{Context, Rule, common};
use crate::codes::{Code, Phase};
use crate::diagnostic::{Diagnostic, Severity};

pub static RULE: Rule = Rule {
    code: Code {
        code: "JC407",
        name: "moment-of-truth-owner-not-single",
        severity: Severity::Error,
        phase: Phase::Rule,
        summary: "a moment of truth has no owner or several owners",
        doc: r#"## What it checks
Every entry of `moments_of_truth` has an `owner:` naming exactly one person.

## Why
Moments of truth change the odds of purchase, renewal or expansion. Each gets
one owner — never shared — because a shared moment of truth is the one that
gets dropped when both owners are busy.

## Example
```yaml
- id: first-p1-incident
  touchpoint: first-high-severity-incident
  owner: [sam, priya]
```

## How to fix
Choose the one person accountable for the moment and keep only them.
"#,
    },
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for m in &ctx.journey.moments_of_truth {
        common::single_owner(
            &RULE.code,
            &format!("moment of truth `{}`", m.id),
            &m.owner,
            &m.id,
            out,
        );
    }
}
