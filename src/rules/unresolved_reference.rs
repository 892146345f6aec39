//! JC201: every reference resolves.

use super::{Context, Rule};
use crate::codes::{Code, Phase};
use crate::diagnostic::{Diagnostic, Severity};
use crate::resolve::Site;
use crate::suggest::closest;

pub static RULE: Rule = Rule {
    code: Code {
        code: "JC201",
        name: "unresolved-reference",
        severity: Severity::Error,
        phase: Phase::Rule,
        summary: "a reference names an id that is not defined",
        doc: r#"## What it checks
Every id used as a reference — an owner, a stage, a system, an event, a
committee role, a proof asset, a touchpoint, a plan step — must be defined in
its section of the same journey (`owners`, `stages`, `systems`, …).

## Why
A touchpoint whose owner does not exist has no owner in practice: nobody is
accountable, and the CRM field or PSA task generated from it would point at
nobody. Typos in ids are the most common cause.

## Example
```yaml
owners:
  - id: dana
    name: Dana Reyes
touchpoints:
  - id: kickoff
    owner: dnaa        # no owner has this id
```

## How to fix
Use the id suggested in the help, or add the missing definition to its
section. Ids are case-sensitive and use lowercase words joined by `-` or `_`.
"#,
    },
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for reference in &ctx.index.references {
        // Transitions have their own rule, `transition-to-unknown-stage`.
        if reference.site == Site::Transition
            || ctx.index.contains(reference.kind, reference.id.as_str())
        {
            continue;
        }
        let noun = reference.kind.noun();
        let wanted = reference.id.as_str();
        let help = match closest(wanted, ctx.index.ids(reference.kind)) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!(
                "define it under `{}`, or use the id of an existing {noun}",
                reference.kind.section()
            ),
        };
        out.push(
            Diagnostic::new(
                &RULE.code,
                format!("unknown {noun} `{wanted}`"),
                reference.id.span,
                format!("no {noun} has this id"),
            )
            .with_help(help),
        );
    }
}
