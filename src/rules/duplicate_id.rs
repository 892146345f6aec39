//! JC202: ids are unique within their kind.

use std::collections::HashMap;

use super::{Context, Rule};
use crate::codes::{Code, Phase};
use crate::diagnostic::{Diagnostic, Severity};

pub static RULE: Rule = Rule {
    code: Code {
        code: "JC202",
        name: "duplicate-id",
        severity: Severity::Error,
        phase: Phase::Rule,
        summary: "two definitions of the same kind share an id",
        doc: r#"## What it checks
Within each kind of thing that has an id — teams, owners, systems, drop-off
reasons, stages, committee roles, proof assets, events, touchpoints, moments
of truth, backlog items, intent signals, plan steps, onboarding metrics,
reviews, experiments, baseline metrics, and the fields of one event — every
id is used once. The same id may
be used for two different kinds (a stage and an event may both be
`onboarding`).

## Why
References are by id. With two stages called `delivery`, a transition to
`delivery` is ambiguous, and the generated CRM pick list would carry two
options with one value, which HubSpot and Salesforce reject.

## Example
```yaml
touchpoints:
  - id: qbr
    name: First QBR
  - id: qbr            # second touchpoint with the same id
    name: Quarterly QBR
```

## How to fix
Rename one of the two (for example `first-qbr` and `quarterly-qbr`) and update
the references that meant it.
"#,
    },
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<_, &crate::model::Id> = HashMap::new();
    for (kind, id) in &ctx.index.definitions {
        match seen.get(&(*kind, id.as_str())) {
            Some(&first) => out.push(duplicate(kind.noun(), id, first)),
            None => {
                seen.insert((*kind, id.as_str()), id);
            }
        }
    }

    for event in &ctx.journey.events {
        let mut fields: HashMap<&str, &crate::model::Id> = HashMap::new();
        for field in &event.fields {
            match fields.get(field.id.as_str()) {
                Some(&first) => out.push(duplicate("event field", &field.id, first)),
                None => {
                    fields.insert(field.id.as_str(), &field.id);
                }
            }
        }
    }
}

fn duplicate(noun: &str, id: &crate::model::Id, first: &crate::model::Id) -> Diagnostic {
    Diagnostic::new(
        &RULE.code,
        format!("{noun} id `{id}` is used twice"),
        id.span,
        "second definition",
    )
    .with_secondary(first.span, "first definition")
    .with_help("rename one of them and update the references that meant it")
}
