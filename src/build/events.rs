//! The journey event schema as files that analytics and data teams load:
//! one JSON Schema per event, a Segment tracking plan, and the
//! data-traceability table that says where each event is logged.
//!
//! ```text
//! events/schemas/<event-id>.schema.json   one draft-07 JSON Schema per event
//! events/tracking-plan.json               Segment Public API rules body
//! events/traceability.md                  traceability table, for people
//! events/traceability.csv                 the same table, RFC 4180 CSV
//! ```
//!
//! What an event schema says, and why:
//! - It describes one record of the event: a JSON object whose properties
//!   are the event's `fields`, by their ids as written.
//! - `$id` is `urn:journeyc:<journey-id>:event:<event-id>`: stable wherever
//!   the files are published, and unique across journeys. `title` is the
//!   event's name; `description` is its description or, when it has none,
//!   the system and exact place where it is logged.
//! - Field types: `string`, `number`, `integer` and `boolean` map to the
//!   JSON types of the same name; `date` to a string of format `date`,
//!   `datetime` to a string of format `date-time`; `enum` to a string that
//!   must be one of the field's `values`.
//! - `required` lists `stage`, `primary_role` and `trigger` whatever the
//!   field says (rule JC411 already insists on it), then every other field
//!   not marked `required: false`, in the order written.
//! - `stage` and `primary_role` declared as a plain `string` are narrowed to
//!   the journey's stage ids (in journey order) and committee role ids: a
//!   record with a stage the journey does not have is wrong, and the
//!   journey already holds the list. Declared as `enum`, the author's own
//!   values are kept, since an event may allow only some stages. `trigger`
//!   stays free text: the journey has no list of triggers. A journey field
//!   an event forgot (possible only when `check` was skipped) is added as a
//!   string so the schema still carries all three.
//! - `additionalProperties` is false: a record with a field the journey does
//!   not declare, such as a misspelt `primary-role`, is rejected instead of
//!   silently passing. A field id written twice keeps its first definition.
//!
//! The tracking plan wraps the same record schema the way Segment's Public
//! API expects: one `TRACK` rule per event, keyed by the event's name, whose
//! `jsonSchema` holds the record under `properties.properties` and leaves
//! `context` and `traits` open. Segment keys rules by name, so two events
//! with one name are refused (JC502).
//!
//! The traceability table lists every event once, in journey order (by the
//! stage it belongs to, then as written), with its system, the exact
//! location, its stage, whether it is critical and its fields.
//!
//! Events logged in Google Analytics 4 must also obey GA4's naming rules:
//! the event id in snake_case is the GA4 event name (a letter first, at most
//! 40 characters, not reserved), each field is a parameter (at most 25, with
//! names under the same rules) and enum values are string values of at most
//! 100 characters. Breaking them is JC502 or JC503 at the id or field.

mod ga4;

use std::collections::{BTreeSet, HashMap};

use serde_json::{Map, Value, json};

use super::{Emit, View, csv_record};
use crate::codes;
use crate::diagnostic::{Diagnostic, shorten};
use crate::model::{Event, EventField, FieldType, Product};

const DRAFT_07: &str = "http://json-schema.org/draft-07/schema#";

/// The fields every event record carries (see rule JC411), with the
/// description used when the journey gives none.
const JOURNEY_FIELDS: [(&str, &str); 3] = [
    (
        "stage",
        "The journey stage the account was in when this was recorded.",
    ),
    (
        "primary_role",
        "The buying-committee role this record mainly concerns.",
    ),
    (
        "trigger",
        "What set this off, such as a compliance deadline, a critical incident or a leadership change.",
    ),
];

pub fn emit(emit: Emit<'_, '_>) {
    let Emit { view, out, .. } = emit;
    let journey_id = view
        .journey
        .journey
        .as_ref()
        .map_or("journey", |h| h.id.as_str());
    let events = in_journey_order(view);

    let mut rules = Vec::with_capacity(events.len());
    for event in &events {
        let record = record_schema(view, event);
        let description = describe(view, event);

        let mut schema = Map::new();
        schema.insert("$schema".into(), DRAFT_07.into());
        schema.insert(
            "$id".into(),
            format!("urn:journeyc:{journey_id}:event:{}", event.id).into(),
        );
        schema.insert("title".into(), event.name.as_str().into());
        if let Some(text) = &description {
            schema.insert("description".into(), text.as_str().into());
        }
        schema.extend(record.clone());
        out.json(format!("events/schemas/{}.schema.json", event.id), &schema);

        rules.push(segment_rule(event, &record, description));
    }
    out.json("events/tracking-plan.json", &json!({ "rules": rules }));

    let rows: Vec<Row> = events.iter().map(|e| Row::of(view, e)).collect();
    // FIXME: built in code, not from a template, so `--templates` cannot
    // change it (nor the PSA IMPORT.md files).
    out.file("events/traceability.md", markdown(view, &rows));
    out.file("events/traceability.csv", csv(&rows));

    for problem in duplicate_names(&events)
        .into_iter()
        .chain(ga4::problems(view, &events))
    {
        out.problem(problem);
    }
}

/// Events by the position of their stage in the journey, then as written.
/// Events without a known stage come last.
fn in_journey_order<'a>(view: &View<'a>) -> Vec<&'a Event> {
    let position: HashMap<&str, usize> = view
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let mut events: Vec<&Event> = view.journey.events.iter().collect();
    // A stable sort keeps the written order within a stage.
    events.sort_by_key(|e| {
        e.stage
            .as_ref()
            .and_then(|s| position.get(s.as_str()).copied())
            .unwrap_or(usize::MAX)
    });
    events
}

/// The event's description, or where it is logged when it has none.
fn describe(view: &View<'_>, event: &Event) -> Option<String> {
    if let Some(text) = &event.description {
        return Some(text.trim().to_owned());
    }
    let system = event.system.as_ref().and_then(|s| view.system(s.as_str()));
    match (system, &event.location) {
        (Some(system), Some(location)) => Some(format!(
            "Logged in {}: {}",
            system.name.as_str(),
            location.trim()
        )),
        (Some(system), None) => Some(format!("Logged in {}.", system.name.as_str())),
        (None, Some(location)) => Some(format!("Logged at: {}", location.trim())),
        (None, None) => None,
    }
}

/// The schema of one record: an object with the event's fields. Shared by
/// the event schema file and the tracking-plan rule.
fn record_schema(view: &View<'_>, event: &Event) -> Map<String, Value> {
    let mut properties = Map::new();
    let mut required = Vec::new();

    // Journey fields the event forgot still belong in every record.
    for (name, description) in JOURNEY_FIELDS {
        if !event.fields.iter().any(|f| f.id.as_str() == name) {
            let mut schema = Map::new();
            schema.insert("type".into(), "string".into());
            if let Some(ids) = journey_ids(view, name) {
                schema.insert("enum".into(), ids.into());
            }
            schema.insert("description".into(), description.into());
            properties.insert(name.to_owned(), schema.into());
            required.push(name.to_owned());
        }
    }

    for field in &event.fields {
        let name = field.id.as_str();
        if properties.contains_key(name) {
            continue;
        }
        properties.insert(name.to_owned(), field_schema(view, field).into());
        let journey_field = JOURNEY_FIELDS.iter().any(|(n, _)| *n == name);
        if journey_field || field.is_required() {
            required.push(name.to_owned());
        }
    }

    let mut record = Map::new();
    record.insert("type".into(), "object".into());
    record.insert("properties".into(), properties.into());
    record.insert("required".into(), required.into());
    record.insert("additionalProperties".into(), false.into());
    record
}

/// The JSON Schema of one field's values.
fn field_schema(view: &View<'_>, field: &EventField) -> Map<String, Value> {
    let mut schema = Map::new();
    let (json_type, format) = match field.field_type.value {
        FieldType::String => ("string", None),
        FieldType::Number => ("number", None),
        FieldType::Integer => ("integer", None),
        FieldType::Boolean => ("boolean", None),
        FieldType::Date => ("string", Some("date")),
        FieldType::Datetime => ("string", Some("date-time")),
        FieldType::Enum => ("string", None),
    };
    schema.insert("type".into(), json_type.into());
    if let Some(format) = format {
        schema.insert("format".into(), format.into());
    }

    match field.field_type.value {
        FieldType::Enum => {
            // Draft-07 does not forbid repeats in `enum`, but they would say
            // nothing and confuse code generators; keep the first of each.
            let mut seen = BTreeSet::new();
            let values: Vec<&str> = field
                .values
                .iter()
                .map(|v| v.as_str())
                .filter(|v| seen.insert(*v))
                .collect();
            schema.insert("enum".into(), values.into());
        }
        FieldType::String => {
            if let Some(ids) = journey_ids(view, field.id.as_str()) {
                schema.insert("enum".into(), ids.into());
            }
        }
        _ => {}
    }

    let default = JOURNEY_FIELDS
        .iter()
        .find(|(n, _)| *n == field.id.as_str())
        .map(|(_, d)| *d);
    if let Some(description) = field.description.as_ref().map(|d| d.trim()).or(default) {
        schema.insert("description".into(), description.into());
    }
    schema
}

/// The journey's own ids that a journey field's values must be one of:
/// stage ids in journey order for `stage`, committee role ids as written
/// for `primary_role`. None for other fields, or when the journey has no
/// such ids (an empty `enum` would reject every record).
fn journey_ids(view: &View<'_>, field: &str) -> Option<Vec<String>> {
    let ids: Vec<String> = match field {
        "stage" => view.stages.iter().map(|s| s.id.to_string()).collect(),
        "primary_role" => view
            .journey
            .committee
            .iter()
            .map(|r| r.id.to_string())
            .collect(),
        _ => return None,
    };
    (!ids.is_empty()).then_some(ids)
}

/// One rule of the Segment tracking plan (vendor formats §5.1): the record
/// schema under `properties.properties`, in a draft-07 schema of the whole
/// Segment payload.
fn segment_rule(event: &Event, record: &Map<String, Value>, description: Option<String>) -> Value {
    let mut labels = Map::new();
    if let Some(stage) = &event.stage {
        labels.insert("stage".into(), stage.as_str().into());
    }
    if let Some(system) = &event.system {
        labels.insert("system".into(), system.as_str().into());
    }

    let mut schema = Map::new();
    schema.insert("$schema".into(), DRAFT_07.into());
    if let Some(text) = description {
        schema.insert("description".into(), text.into());
    }
    if !labels.is_empty() {
        schema.insert("labels".into(), labels.into());
    }
    schema.insert("type".into(), "object".into());
    schema.insert(
        "properties".into(),
        json!({
            "properties": record,
            "context": { "type": "object" },
            "traits": { "type": "object" },
        }),
    );
    schema.insert("required".into(), json!(["properties"]));

    json!({
        "type": "TRACK",
        "key": event.name.as_str(),
        "version": 1,
        "jsonSchema": schema,
    })
}

/// Segment identifies a tracking-plan rule by its event name: a second
/// event with the same name would replace the first on import.
fn duplicate_names(events: &[&Event]) -> Vec<Diagnostic> {
    let mut first: HashMap<&str, &Event> = HashMap::new();
    let mut problems = Vec::new();
    // Report in the order written, so the earlier event is the one kept.
    let mut written: Vec<&Event> = events.to_vec();
    written.sort_by_key(|e| (e.name.span.file, e.name.span.start));
    for event in written {
        let name = event.name.as_str();
        match first.get(name) {
            None => {
                first.insert(name, event);
            }
            Some(earlier) => problems.push(
                Diagnostic::new(
                    &codes::VENDOR_NAME,
                    format!("events `{}` and `{}` have the same name `{}`", earlier.id, event.id, shorten(name)),
                    event.name.span,
                    "already the name of another event",
                )
                .with_secondary(earlier.name.span, "first used here")
                .with_help("Segment keys its tracking plan by event name; give each event a name of its own"),
            ),
        }
    }
    problems
}

/// One line of the data-traceability table.
struct Row {
    event_id: String,
    event_name: String,
    system_id: String,
    system_name: String,
    product: &'static str,
    location: String,
    stage_id: String,
    stage_name: String,
    critical: bool,
    /// Field ids in the order written; optional ones are marked.
    fields: Vec<(String, bool)>,
}

impl Row {
    fn of(view: &View<'_>, event: &Event) -> Row {
        let system = event.system.as_ref().and_then(|s| view.system(s.as_str()));
        let stage = event.stage.as_ref().and_then(|s| view.stage(s.as_str()));
        let mut seen = BTreeSet::new();
        Row {
            event_id: event.id.to_string(),
            event_name: event.name.trim().to_owned(),
            system_id: event
                .system
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            system_name: system.map(|s| s.name.trim().to_owned()).unwrap_or_default(),
            product: system.map_or("", |s| product_name(s.product.value)),
            location: event
                .location
                .as_ref()
                .map(|l| l.trim().to_owned())
                .unwrap_or_default(),
            stage_id: event
                .stage
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            stage_name: stage.map(|s| s.name.trim().to_owned()).unwrap_or_default(),
            critical: event.critical.as_ref().is_some_and(|c| c.value),
            fields: event
                .fields
                .iter()
                .filter(|f| seen.insert(f.id.as_str()))
                .map(|f| {
                    let journey_field = JOURNEY_FIELDS.iter().any(|(n, _)| *n == f.id.as_str());
                    (f.id.to_string(), journey_field || f.is_required())
                })
                .collect(),
        }
    }
}

/// The product as people name it.
fn product_name(product: Product) -> &'static str {
    match product {
        Product::Hubspot => "HubSpot",
        Product::Salesforce => "Salesforce",
        Product::Connectwise => "ConnectWise PSA",
        Product::Autotask => "Autotask PSA",
        Product::Halopsa => "HaloPSA",
        Product::Ga4 => "Google Analytics 4",
        Product::Segment => "Segment",
        Product::Other => "other",
    }
}

fn markdown(view: &View<'_>, rows: &[Row]) -> String {
    let journey_name = view
        .journey
        .journey
        .as_ref()
        .map_or("the journey", |h| h.name.trim());
    let critical = rows.iter().filter(|r| r.critical).count();

    let mut text = format!("# Data traceability: {}\n\n", cell(journey_name));
    text.push_str(&format!(
        "Where each journey event is logged, so every team reads the same record. \
         {} events, {critical} of them critical. Every record carries `stage`, \
         `primary_role` and `trigger`; optional fields are marked. Generated by \
         journeyc from the journey's `events`: change the journey, not this file.\n\n",
        rows.len()
    ));
    text.push_str("| Event | System | Product | Exact location | Stage | Critical | Fields |\n");
    text.push_str("| --- | --- | --- | --- | --- | --- | --- |\n");
    for row in rows {
        let fields: Vec<String> = row
            .fields
            .iter()
            .map(|(id, required)| {
                if *required {
                    format!("`{id}`")
                } else {
                    format!("`{id}` (optional)")
                }
            })
            .collect();
        let or_dash = |s: &str| {
            if s.is_empty() {
                "—".to_owned()
            } else {
                cell(s)
            }
        };
        text.push_str(&format!(
            "| {} (`{}`) | {} | {} | {} | {} | {} | {} |\n",
            cell(&row.event_name),
            row.event_id,
            or_dash(&row.system_name),
            or_dash(row.product),
            or_dash(&row.location),
            or_dash(&row.stage_name),
            if row.critical { "yes" } else { "no" },
            or_dash(&fields.join(", ")),
        ));
    }
    text
}

/// Text made safe for one cell of a Markdown table: line breaks would end
/// the row and a bare `|` would start a new cell.
fn cell(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

/// The table as RFC 4180 CSV: a header line, CRLF line ends, and fields
/// quoted when they hold a comma, a quote or a line break.
fn csv(rows: &[Row]) -> String {
    const HEADER: [&str; 10] = [
        "event_id",
        "event",
        "system_id",
        "system",
        "product",
        "location",
        "stage_id",
        "stage",
        "critical",
        "fields",
    ];
    let mut text = String::new();
    csv_record(&mut text, HEADER);
    for row in rows {
        let fields: Vec<String> = row
            .fields
            .iter()
            .map(|(id, required)| {
                if *required {
                    id.clone()
                } else {
                    format!("{id} (optional)")
                }
            })
            .collect();
        let fields = fields.join(", ");
        csv_record(
            &mut text,
            [
                row.event_id.as_str(),
                &row.event_name,
                &row.system_id,
                &row.system_name,
                row.product,
                &row.location,
                &row.stage_id,
                &row.stage_name,
                if row.critical { "true" } else { "false" },
                &fields,
            ],
        );
    }
    text
}
