//! JC301: transitions lead to stages that exist.

use super::{Context, Rule};
use crate::codes::{Code, Phase};
use crate::diagnostic::{Diagnostic, Severity};
use crate::resolve::{Kind, Site};
use crate::suggest::closest;

pub static RULE: Rule = Rule {
    code: Code {
        code: "JC301",
        name: "transition-to-unknown-stage",
        severity: Severity::Error,
        phase: Phase::Rule,
        summary: "a transition leads to a stage that does not exist",
        doc: r#"## What it checks
Every `transitions: - to:` names a stage defined under `stages`.

## Why
A transition to a stage that does not exist breaks the journey spine: accounts
moved along it land nowhere, and the CRM pipeline generated from the stages
would miss a step.

## Example
```yaml
stages:
  - id: decision
    transitions:
      - to: onbaording     # typo
```

## How to fix
Use the suggested stage id, or add the stage.
"#,
    },
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for reference in &ctx.index.references {
        if reference.site != Site::Transition
            || ctx.index.contains(Kind::Stage, reference.id.as_str())
        {
            continue;
        }
        let wanted = reference.id.as_str();
        let help = match closest(wanted, ctx.index.ids(Kind::Stage)) {
            Some(s) => format!("did you mean `{s}`?"),
            None => "add the stage under `stages`, or lead the transition to an existing stage"
                .to_owned(),
        };
        out.push(
            Diagnostic::new(
                &RULE.code,
                format!("transition to unknown stage `{wanted}`"),
                reference.id.span,
                "no stage has this id",
            )
            .with_help(help),
        );
    }
}
