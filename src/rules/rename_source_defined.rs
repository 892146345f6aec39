//! JC203: a `renamed_from` names an old id, not one that is still in use.

use std::collections::HashMap;

use super::{Context, Rule};
use crate::codes::{Code, Phase};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Id;
use crate::resolve::Kind;

pub static RULE: Rule = Rule {
    code: Code {
        code: "JC203",
        name: "rename-source-defined",
        severity: Severity::Error,
        phase: Phase::Rule,
        summary: "a `renamed_from` names an id that is still defined, or one already renamed",
        doc: r#"## What it checks
`renamed_from` on a stage, committee role, touchpoint, event or event field
records the id the item had before it was renamed, so that `journeyc diff`
reports one rename (with the old and new CRM values) instead of a removal and
an addition. The old id must be gone: no other item of the same kind may
still have it, an item cannot be renamed from its own id, and two items
cannot both claim to be the renamed old one.

## Why
The CRM and PSA migration that `journeyc diff` describes for a rename moves
every record from the old value to the new one. If the old id is still
defined, both values stay in the pick list and records would be moved away
from a value that still exists; if two items claim the same old id, nobody
can tell which one the records belong to.

## Example
```yaml
stages:
  - id: consideration
    name: Consideration
  - id: evaluation
    renamed_from: consideration   # but `consideration` is still a stage
```

## How to fix
If the item really was renamed, remove the old item (or change its id).
If it is a new item next to the old one, remove `renamed_from`. Once every
system has been migrated, `renamed_from` can be deleted.
"#,
    },
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let j = ctx.journey;
    let stages = j.stages.iter().map(|s| (&s.id, s.renamed_from.as_ref()));
    let roles = j.committee.iter().map(|r| (&r.id, r.renamed_from.as_ref()));
    let touchpoints = j
        .touchpoints
        .iter()
        .map(|t| (&t.id, t.renamed_from.as_ref()));
    let events = j.events.iter().map(|e| (&e.id, e.renamed_from.as_ref()));
    check_list(Kind::Stage.noun(), stages.collect(), out);
    check_list(Kind::CommitteeRole.noun(), roles.collect(), out);
    check_list(Kind::Touchpoint.noun(), touchpoints.collect(), out);
    check_list(Kind::Event.noun(), events.collect(), out);
    for event in &j.events {
        let fields = event
            .fields
            .iter()
            .map(|f| (&f.id, f.renamed_from.as_ref()));
        check_list("event field", fields.collect(), out);
    }
}

/// One list of items of a kind: `(id, renamed_from)`.
fn check_list(noun: &str, items: Vec<(&Id, Option<&Id>)>, out: &mut Vec<Diagnostic>) {
    // The first definition of each id; `duplicate-id` reports the others.
    let defined: HashMap<&str, &Id> = items
        .iter()
        .rev()
        .map(|&(id, _)| (id.as_str(), id))
        .collect();
    let mut claimed: HashMap<&str, &Id> = HashMap::new();
    for &(id, old) in &items {
        let Some(old) = old else {
            continue;
        };
        if old.as_str() == id.as_str() {
            out.push(
                Diagnostic::new(
                    &RULE.code,
                    format!("{noun} `{id}` is renamed from its own id"),
                    old.span,
                    "the same id as the item's",
                )
                .with_help("write the id the item had before, or remove `renamed_from`"),
            );
            continue;
        }
        if let Some(&other) = defined.get(old.as_str()) {
            out.push(
                Diagnostic::new(
                    &RULE.code,
                    format!("{noun} `{id}` is renamed from `{old}`, which is still defined"),
                    old.span,
                    "this id still exists",
                )
                .with_secondary(other.span, "still defined here")
                .with_help(format!(
                    "if `{old}` was renamed to `{id}`, remove the old {noun}; if `{id}` is new, \
                     remove `renamed_from`"
                )),
            );
            continue;
        }
        if let Some(&first) = claimed.get(old.as_str()) {
            out.push(
                Diagnostic::new(
                    &RULE.code,
                    format!("two {noun}s are renamed from `{old}`"),
                    old.span,
                    "second rename of the same id",
                )
                .with_secondary(first.span, "first rename")
                .with_help(format!(
                    "only one {noun} can take the place of `{old}`: keep `renamed_from` on that \
                     one and remove it from the other"
                )),
            );
            continue;
        }
        claimed.insert(old.as_str(), old);
    }
}
