//! JC306: onboarding plan dependencies do not loop.

use std::collections::{HashMap, HashSet};

use petgraph::algo::tarjan_scc;
use petgraph::graph::DiGraph;

use super::{Context, Rule};
use crate::codes::{Code, Phase};
use crate::diagnostic::{Diagnostic, Severity};

pub static RULE: Rule = Rule {
    code: Code {
        code: "JC306",
        name: "plan-dependency-cycle",
        severity: Severity::Error,
        phase: Phase::Rule,
        summary: "onboarding plan steps depend on each other in a loop",
        doc: r#"## What it checks
The `depends_on` lists of the onboarding plan form no loop: no step depends,
directly or through other steps, on itself.

## Why
Steps in a loop can never start: each waits for another. In the PSA project
template generated from the plan, the tasks would block each other and the
90-day plan would stall on day one.

## Example
```yaml
plan:
  - id: discovery
    depends_on: [risk-register]
  - id: risk-register
    depends_on: [discovery]      # loops back
```

## How to fix
Decide which step really comes first and remove the dependency that points
back to it.
"#,
    },
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(onboarding) = &ctx.journey.onboarding else {
        return;
    };
    let plan = &onboarding.plan;
    let mut graph = DiGraph::<usize, ()>::new();
    let mut nodes = HashMap::new();
    for (i, step) in plan.iter().enumerate() {
        nodes
            .entry(step.id.as_str())
            .or_insert_with(|| graph.add_node(i));
    }
    for step in plan {
        let from = nodes[step.id.as_str()];
        for dep in &step.depends_on {
            if let Some(&to) = nodes.get(dep.as_str()) {
                graph.add_edge(from, to, ());
            }
        }
    }

    for component in tarjan_scc(&graph) {
        let looped = component.len() > 1 || graph.contains_edge(component[0], component[0]);
        if !looped {
            continue;
        }
        let mut steps: Vec<usize> = component.iter().map(|&n| graph[n]).collect();
        steps.sort_unstable();
        let ids: HashSet<&str> = steps.iter().map(|&i| plan[i].id.as_str()).collect();
        // Each step's dependency that stays inside the loop: the links to cut.
        let link = |i: usize| {
            let step = &plan[i];
            step.depends_on
                .iter()
                .find(|d| ids.contains(d.as_str()))
                .map_or(step.id.span, |d| d.span)
        };
        let names: Vec<String> = steps.iter().map(|&i| format!("`{}`", plan[i].id)).collect();
        let message = match names.as_slice() {
            [only] => format!("onboarding step {only} depends on itself"),
            _ => format!(
                "onboarding steps {} depend on each other in a loop",
                names.join(", ")
            ),
        };
        let mut d = Diagnostic::new(
            &RULE.code,
            message,
            link(steps[0]),
            "this dependency is part of the loop",
        )
        .with_help("remove the dependency that points back to a step that must come first");
        for &i in &steps[1..] {
            d = d.with_secondary(link(i), "and this one");
        }
        out.push(d);
    }
}
