//! Comparing the journey event schema: events and their fields, which
//! whatever sends events (forms, workflows, integrations) must match.

use std::collections::BTreeSet;

use super::{StageMap, at_new, at_old, pair, renamed_stage, show_system};
use crate::build::Artifact;
use crate::diff::checks::*;
use crate::diff::{Change, Place};
use crate::model::{Event, EventField, Id, Journey};

/// The path of an event's JSON Schema, when the build produced it.
fn schema_path(artifacts: &[Artifact], event: &Id) -> Option<String> {
    built(artifacts, format!("events/schemas/{event}.schema.json"))
}

/// `path` when the build produced it.
fn built(artifacts: &[Artifact], path: String) -> Option<String> {
    artifacts.iter().any(|a| a.path == path).then_some(path)
}

fn with_artifact(change: Change, path: Option<String>) -> Change {
    match path {
        Some(p) => change.in_artifact(p),
        None => change,
    }
}

pub(super) fn compare(
    old: &Journey,
    new: &Journey,
    stages: &StageMap,
    (old_files, new_files): (&[Artifact], &[Artifact]),
    out: &mut Vec<Change>,
) {
    let paired = pair(
        &old.events,
        &new.events,
        |e: &Event| e.id.as_str(),
        |e: &Event| e.renamed_from.as_ref().map(|f| f.as_str()),
    );
    for e in &paired.added {
        let change = Change::new(
            &EVENT_ADDED,
            format!("event {}", e.id),
            format!("new event `{}` (\"{}\")", e.id, e.name),
        )
        .at(at_new(&e.id));
        out.push(with_artifact(change, schema_path(new_files, &e.id)));
    }
    for e in &paired.removed {
        let change = Change::new(
            &EVENT_REMOVED,
            format!("event {}", e.id),
            format!(
                "the event `{}` (\"{}\") is gone from the event schema: whatever still sends it \
                 (forms, workflows, integrations) fails validation; stop sending it first",
                e.id, e.name
            ),
        )
        .at(at_old(&e.id));
        out.push(with_artifact(change, schema_path(old_files, &e.id)));
    }
    for (o, n) in &paired.renamed {
        let change = Change::new(
            &EVENT_RENAMED,
            format!("event {} → {}", o.id, n.id),
            format!(
                "the event `{}` is now `{}`: switch every sender to the new id at the same time \
                 as the schema, and keep reports reading both ids for the transition",
                o.id, n.id
            ),
        )
        .at(at_new(&n.id));
        out.push(with_artifact(change, schema_path(new_files, &n.id)));
    }
    for (o, n) in &paired.both {
        // Where an event belongs shows in the tracking plan's labels; its
        // fields in its schema.
        let plan = built(new_files, "events/tracking-plan.json".to_owned());
        let mut placed = Vec::new();
        placement(o, n, (old, new), stages, &mut placed);
        out.extend(placed.into_iter().map(|c| with_artifact(c, plan.clone())));
        let path = schema_path(new_files, &n.id);
        let mut fields = Vec::new();
        event_fields(o, n, &mut fields);
        out.extend(fields.into_iter().map(|c| with_artifact(c, path.clone())));
    }
}

/// Where an event belongs: its stage (seen through stage renames, so a
/// renamed stage does not move its events) and the system that logs it.
fn placement(
    o: &Event,
    n: &Event,
    (old, new): (&Journey, &Journey),
    stages: &StageMap,
    out: &mut Vec<Change>,
) {
    let before = renamed_stage(o.stage.as_ref(), stages);
    let after = n.stage.as_ref().map(|s| s.to_string());
    if before != after {
        out.push(
            Change::new(
                &EVENT_STAGE_CHANGED,
                format!("event {}", n.id),
                format!(
                    "the event `{}` moved from stage `{}` to `{}`: the tracking plan and the \
                     traceability table file it under the new stage, and reports that count \
                     it by stage move with it",
                    n.id,
                    before.as_deref().unwrap_or("none"),
                    after.as_deref().unwrap_or("none"),
                ),
            )
            .at(n.stage.as_ref().map_or(at_new(&n.id), at_new)),
        );
    }
    let (before, after) = (
        o.system.as_ref().map(|s| s.to_string()),
        n.system.as_ref().map(|s| s.to_string()),
    );
    if before != after {
        out.push(
            Change::new(
                &EVENT_SYSTEM_CHANGED,
                format!("event {}", n.id),
                format!(
                    "the event `{}` is now logged in {} instead of {}: whatever records it must \
                     write it to the new system, and reports reading the old one stop seeing it",
                    n.id,
                    show_system(after.as_deref(), new),
                    show_system(before.as_deref(), old)
                ),
            )
            .at(n.system.as_ref().map_or(at_new(&n.id), at_new)),
        );
    }
}

fn event_fields(old: &Event, new: &Event, out: &mut Vec<Change>) {
    let paired = pair(
        &old.fields,
        &new.fields,
        |f: &EventField| f.id.as_str(),
        |f: &EventField| f.renamed_from.as_ref().map(|r| r.as_str()),
    );
    let event = &new.id;
    for f in &paired.added {
        let (check, tail) = if f.is_required() {
            (
                &REQUIRED_EVENT_FIELD_ADDED,
                ": it is required, so every sender must fill it before the new schema is enforced",
            )
        } else {
            (&EVENT_FIELD_ADDED, "")
        };
        out.push(
            Change::new(
                check,
                format!("event {event} field {}", f.id),
                format!("the event `{event}` has a new field `{}`{tail}", f.id),
            )
            .at(at_new(&f.id)),
        );
    }
    for f in &paired.removed {
        out.push(
            Change::new(
                &EVENT_FIELD_REMOVED,
                format!("event {event} field {}", f.id),
                format!(
                    "the field `{}` of event `{event}` is gone: records that carry it fail the new \
                     schema, and reports reading it go empty; stop sending it first",
                    f.id
                ),
            )
            .at(at_old(&f.id)),
        );
    }
    for (o, n) in &paired.renamed {
        out.push(
            Change::new(
                &EVENT_FIELD_RENAMED,
                format!("event {event} field {} → {}", o.id, n.id),
                format!(
                    "the field `{}` of event `{event}` is now `{}`: senders must switch to the \
                     new name, and stored records keep the old one",
                    o.id, n.id
                ),
            )
            .at(at_new(&n.id)),
        );
    }
    for (o, n) in &paired.both {
        if o.field_type.value != n.field_type.value {
            out.push(
                Change::new(
                    &EVENT_FIELD_TYPE_CHANGED,
                    format!("event {event} field {}", n.id),
                    format!(
                        "the field `{}` of event `{event}` changed type from {} to {}: existing \
                         records and senders no longer match the schema",
                        n.id,
                        field_type(&o.field_type.value),
                        field_type(&n.field_type.value)
                    ),
                )
                .at(Place::new(n.field_type.span)),
            );
        }
        field_values(event, o, n, out);
        let place = n
            .required
            .as_ref()
            .map_or(at_new(&n.id), |r| Place::new(r.span));
        match (o.is_required(), n.is_required()) {
            (false, true) => out.push(
                Change::new(
                    &EVENT_FIELD_MADE_REQUIRED,
                    format!("event {event} field {}", n.id),
                    format!(
                        "the field `{}` of event `{event}` is now required: senders that leave it \
                         out fail validation",
                        n.id
                    ),
                )
                .at(place),
            ),
            (true, false) => out.push(
                Change::new(
                    &EVENT_FIELD_MADE_OPTIONAL,
                    format!("event {event} field {}", n.id),
                    format!("the field `{}` of event `{event}` is now optional", n.id),
                )
                .at(place),
            ),
            _ => {}
        }
    }
}

/// The allowed values of an `enum` field, compared as written.
fn field_values(event: &Id, old: &EventField, new: &EventField, out: &mut Vec<Change>) {
    let before: BTreeSet<&str> = old.values.iter().map(|v| v.value.as_str()).collect();
    let after: BTreeSet<&str> = new.values.iter().map(|v| v.value.as_str()).collect();
    let field = &new.id;
    for value in new
        .values
        .iter()
        .filter(|v| !before.contains(v.value.as_str()))
    {
        out.push(
            Change::new(
                &EVENT_FIELD_VALUE_ADDED,
                format!("event {event} field {field} = {}", value.value),
                format!(
                    "the field `{field}` of event `{event}` may now be `{}`",
                    value.value
                ),
            )
            .at(Place::new(value.span)),
        );
    }
    for value in old
        .values
        .iter()
        .filter(|v| !after.contains(v.value.as_str()))
    {
        out.push(
            Change::new(
                &EVENT_FIELD_VALUE_REMOVED,
                format!("event {event} field {field} = {}", value.value),
                format!(
                    "the field `{field}` of event `{event}` may no longer be `{}`: senders that \
                     still send it fail validation, and stored records holding it no longer \
                     match the schema; map them to another value first",
                    value.value
                ),
            )
            .at(Place::old(value.span)),
        );
    }
}

fn field_type(t: &crate::model::FieldType) -> String {
    serde_json::to_value(t)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| format!("{t:?}").to_lowercase())
}
