//! JC302: every stage is reachable from the start stage.

use super::{Context, Rule};
use crate::codes::{Code, Phase};
use crate::diagnostic::{Diagnostic, Severity};

pub static RULE: Rule = Rule {
    code: Code {
        code: "JC302",
        name: "orphan-stage",
        severity: Severity::Error,
        phase: Phase::Rule,
        summary: "a stage cannot be reached from the start stage",
        doc: r#"## What it checks
Following declared transitions (and exit paths' `return_to`) from the stage
marked `start: true`, every stage can be reached.

## Why
A stage no account can enter is dead weight: its touchpoints never happen,
and its CRM pipeline stage stays empty. Usually a transition was forgotten
when the stage was added.

## Example
```yaml
stages:
  - id: awareness
    start: true
    transitions: [{ to: decision }]
  - id: consideration          # nothing leads here
    transitions: [{ to: decision }]
```

## How to fix
Add a transition into the stage from the stage before it, or remove the
stage.
"#,
    },
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(reachable) = ctx.graph.reachable_from_start() else {
        return; // The start-stage rule reports a missing or doubled start.
    };
    for n in ctx.graph.graph.node_indices() {
        if reachable[n.index()] {
            continue;
        }
        let stage = ctx.graph.graph[n];
        out.push(
            Diagnostic::new(
                &RULE.code,
                format!("stage `{}` cannot be reached from the start", stage.id),
                stage.id.span,
                "no transition leads here from the start stage",
            )
            .with_help(
                "add a transition into this stage from the stage before it, or remove the stage",
            ),
        );
    }
}
