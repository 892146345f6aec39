//! JC303: every stage can reach an end.

use petgraph::Direction;
use petgraph::visit::EdgeRef;

use super::{Context, Rule};
use crate::codes::{Code, Phase};
use crate::diagnostic::{Diagnostic, Severity};
use crate::graph::{EdgeKind, StageGraph};

pub static RULE: Rule = Rule {
    code: Code {
        code: "JC303",
        name: "dead-end-stage",
        severity: Severity::Error,
        phase: Phase::Rule,
        summary: "a stage from which no end stage can be reached",
        doc: r#"## What it checks
From every stage, following declared transitions, some stage marked
`end: true` (the renewal loop or an exit) can be reached. An exit path's
`return_to` does not count: it brings back accounts that dropped out, it
does not move on the accounts that stay.

## Why
Accounts that enter a dead end are stuck: no transition moves them on and
nobody is asked to act. In the CRM they pile up in one stage for ever.

## Example
```yaml
stages:
  - id: delivery
    transitions: []      # nothing leads on to renewal
  - id: renewal
    end: true
```

## How to fix
Add a transition to the next stage (for delivery, usually renewal), or mark
the stage `end: true` if the journey may really end there.
"#,
    },
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if ctx.graph.ends.is_empty() {
        return; // The start-and-end rule reports a journey with no end.
    }
    let can_end = can_reach_end_by_transitions(ctx.graph);
    for n in ctx.graph.graph.node_indices() {
        if can_end[n.index()] {
            continue;
        }
        let stage = ctx.graph.graph[n];
        out.push(
            Diagnostic::new(
                &RULE.code,
                format!("stage `{}` is a dead end", stage.id),
                stage.id.span,
                "no end stage can be reached from here",
            )
            .with_help("add a transition towards an end stage, or mark this stage `end: true`"),
        );
    }
}

/// Stages from which an end stage can be reached along declared transitions
/// only. `StageGraph::can_reach_end` also follows re-entries, which would let
/// a stage with no way on escape this rule through a drop-off's `return_to`.
fn can_reach_end_by_transitions(graph: &StageGraph<'_>) -> Vec<bool> {
    let mut seen = vec![false; graph.graph.node_count()];
    let mut todo = graph.ends.clone();
    for end in &todo {
        seen[end.index()] = true;
    }
    while let Some(n) = todo.pop() {
        for edge in graph.graph.edges_directed(n, Direction::Incoming) {
            let from = edge.source();
            if *edge.weight() == EdgeKind::Transition && !seen[from.index()] {
                seen[from.index()] = true;
                todo.push(from);
            }
        }
    }
    seen
}
