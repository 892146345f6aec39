//! JC404: every touchpoint has exactly one owner.

use super::{Context, Rule, common};
use crate::codes::{Code, Phase};
use crate::diagnostic::{Diagnostic, Severity};

pub static RULE: Rule = Rule {
    code: Code {
        code: "JC404",
        name: "touchpoint-owner-not-single",
        severity: Severity::Error,
        phase: Phase::Rule,
        summary: "a touchpoint has no owner or several owners",
        doc: r#"## What it checks
Every touchpoint has an `owner:` naming exactly one person from `owners`.

## Why
A touchpoint owned by two people is owned by nobody: when the kickoff
meeting slips, each assumes the other is on it. The owner also becomes the
assignee of the PSA task generated from the touchpoint.

## Example
```yaml
- id: kickoff-meeting
  owner: [dana, sam]     # two owners
```

## How to fix
Keep the one person accountable as `owner:`; mention helpers in the
description.
"#,
    },
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for t in &ctx.journey.touchpoints {
        common::single_owner(
            &RULE.code,
            &format!("touchpoint `{}`", t.id),
            &t.owner,
            &t.id,
            out,
        );
    }
}
