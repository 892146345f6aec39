//! The events target: one JSON Schema per journey event, the Segment
//! tracking plan, and the data-traceability table (Markdown and CSV), built
//! from the shipped example and from variations of it.
//!
//! The Segment rule shape is checked against `tests/vendor/events/`, whose
//! `SOURCE.md` names where each file came from.

mod support;

use std::collections::{BTreeMap, BTreeSet};

use journeyc::build::{Target, Templates};
use journeyc::diagnostic::Diagnostic;
use journeyc::model::{FieldType, Ident, Journey, Spanned};
use journeyc::source::{FileId, Pos, SourceSet, Span};
use jsonschema::error::ValidationErrorKind;
use serde_json::{Value, json};

const EXAMPLE: &str = "examples/msp-finance";

/// Build only the events target and return its files by path.
fn build(
    journey: &Journey,
    sources: &mut SourceSet,
) -> Result<BTreeMap<String, Vec<u8>>, Vec<Diagnostic>> {
    let artifacts =
        journeyc::build::build(journey, &[Target::Events], &Templates::default(), sources)?;
    Ok(artifacts
        .into_iter()
        .map(|a| (a.path, a.contents))
        .collect())
}

/// Build a journey that must build cleanly.
fn build_ok(journey: &Journey, sources: &mut SourceSet) -> BTreeMap<String, Vec<u8>> {
    build(journey, sources).unwrap_or_else(|problems| {
        let lines: Vec<String> = problems
            .iter()
            .map(|d| journeyc::render::concise(sources, d))
            .collect();
        panic!("the events target does not build:\n{}", lines.join("\n"))
    })
}

/// Build a journey that must be refused, and return its problems.
fn build_err(journey: &Journey, sources: &mut SourceSet) -> Vec<Diagnostic> {
    match build(journey, sources) {
        Ok(_) => panic!("the events target built, but a problem was expected"),
        Err(problems) => problems,
    }
}

fn json_file(files: &BTreeMap<String, Vec<u8>>, path: &str) -> Value {
    let bytes = files
        .get(path)
        .unwrap_or_else(|| panic!("{path} was not written"));
    serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("{path} is not JSON: {e}"))
}

fn text_file(files: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    let bytes = files
        .get(path)
        .unwrap_or_else(|| panic!("{path} was not written"));
    String::from_utf8(bytes.clone()).unwrap_or_else(|e| panic!("{path} is not UTF-8: {e}"))
}

/// A draft-07 validator that also checks `format` (dates), as the vendors'
/// validators do.
fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(schema)
        .unwrap_or_else(|e| panic!("schema does not compile: {e}\n{schema:#}"))
}

fn assert_draft_07(schema: &Value, what: &str) {
    assert_eq!(
        schema["$schema"], "http://json-schema.org/draft-07/schema#",
        "{what}"
    );
    if let Err(e) = jsonschema::draft7::meta::validate(schema) {
        panic!(
            "{what} is not a valid draft-07 schema: {e} at {}",
            e.instance_path()
        );
    }
    validator(schema);
}

/// Whether validation reports `property` as missing.
fn misses(validator: &jsonschema::Validator, instance: &Value, property: &str) -> bool {
    validator
        .iter_errors(instance)
        .any(|e| matches!(e.kind(), ValidationErrorKind::Required { property: p } if p == property))
}

/// A record of `msa-signed` as the CRM would log it when the MSA is signed.
fn msa_signed_record() -> Value {
    json!({
        "stage": "decision",
        "primary_role": "cfo",
        "trigger": "compliance_deadline",
        "msa_signed_date": "2026-03-12",
        "sow_signed_date": "2026-03-12",
        "term_months": 36,
        "monthly_recurring_revenue": 14250.0,
        "seats": 85,
        "handoff_memo_attached": true
    })
}

fn event_mut<'j>(journey: &'j mut Journey, id: &str) -> &'j mut journeyc::model::Event {
    journey
        .events
        .iter_mut()
        .find(|e| e.id.as_str() == id)
        .unwrap_or_else(|| panic!("the example has no event `{id}`"))
}

fn text(value: &str) -> Spanned<String> {
    Spanned::new(value.to_owned(), Span::default())
}

/// A span no other value has, so a test can tell where a diagnostic points.
fn unique_span(line: u32) -> Span {
    Span::new(FileId(99), Pos { line, col: 1 }, Pos { line, col: 9 })
}

#[test]
fn every_event_schema_is_a_valid_draft_07_schema_that_compiles() {
    let (mut sources, journey) = support::load_journey(EXAMPLE);
    let files = build_ok(&journey, &mut sources);

    let mut ids = BTreeSet::new();
    for event in &journey.events {
        let path = format!("events/schemas/{}.schema.json", event.id);
        let schema = json_file(&files, &path);
        assert_draft_07(&schema, &path);
        assert_eq!(schema["title"], event.name.as_str(), "{path}");
        assert_eq!(schema["additionalProperties"], false, "{path}");
        let id = schema["$id"]
            .as_str()
            .unwrap_or_else(|| panic!("{path} has no $id"));
        assert_eq!(
            id,
            format!("urn:journeyc:finance-20-150:event:{}", event.id)
        );
        assert!(ids.insert(id.to_owned()), "{path}: $id {id} is used twice");
        let required: Vec<&str> = schema["required"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(
            required[..3],
            ["stage", "primary_role", "trigger"],
            "{path}"
        );
    }
    let schema_files = files
        .keys()
        .filter(|p| p.starts_with("events/schemas/"))
        .count();
    assert_eq!(
        schema_files,
        journey.events.len(),
        "one schema per event, no more"
    );
}

#[test]
fn field_types_map_to_json_schema_types_and_formats() {
    let (mut sources, journey) = support::load_journey(EXAMPLE);
    let files = build_ok(&journey, &mut sources);

    let mut seen = BTreeSet::new();
    for event in &journey.events {
        let schema = json_file(&files, &format!("events/schemas/{}.schema.json", event.id));
        for field in &event.fields {
            let property = &schema["properties"][field.id.as_str()];
            let (json_type, format) = match field.field_type.value {
                FieldType::String => ("string", None),
                FieldType::Number => ("number", None),
                FieldType::Integer => ("integer", None),
                FieldType::Boolean => ("boolean", None),
                FieldType::Date => ("string", Some("date")),
                FieldType::Datetime => ("string", Some("date-time")),
                FieldType::Enum => ("string", None),
            };
            let at = format!("{}.{}", event.id, field.id);
            assert_eq!(property["type"], json_type, "{at}");
            assert_eq!(property["format"].as_str(), format, "{at}");
            if field.field_type.value == FieldType::Enum {
                let values: Vec<&str> = field.values.iter().map(|v| v.as_str()).collect();
                assert_eq!(property["enum"], json!(values), "{at}");
            }
            let required = schema["required"].as_array().into_iter().flatten();
            let listed = required.filter(|r| *r == field.id.as_str()).count();
            assert_eq!(
                listed,
                usize::from(field.is_required()),
                "{at}: required once or never"
            );
            seen.insert(format!("{:?}", field.field_type.value));
        }
    }
    assert_eq!(
        seen.len(),
        7,
        "the example exercises every field type: {seen:?}"
    );
}

#[test]
fn a_realistic_record_validates_and_one_without_trigger_is_rejected() {
    let (mut sources, journey) = support::load_journey(EXAMPLE);
    let files = build_ok(&journey, &mut sources);
    let schema = json_file(&files, "events/schemas/msa-signed.schema.json");
    let validator = validator(&schema);

    let record = msa_signed_record();
    if let Err(e) = validator.validate(&record) {
        panic!(
            "a realistic msa-signed record is rejected: {e} at {}",
            e.instance_path()
        );
    }

    let mut without_trigger = record.clone();
    without_trigger
        .as_object_mut()
        .expect("record is an object")
        .remove("trigger");
    assert!(!validator.is_valid(&without_trigger));
    assert!(misses(&validator, &without_trigger, "trigger"));
}

#[test]
fn records_the_journey_does_not_describe_are_rejected() {
    let (mut sources, journey) = support::load_journey(EXAMPLE);
    let files = build_ok(&journey, &mut sources);
    let msa_signed = validator(&json_file(&files, "events/schemas/msa-signed.schema.json"));

    let cases = [
        (
            "stage",
            json!("negotiation"),
            "a stage the journey does not have",
        ),
        ("primary_role", json!("ceo"), "a role outside the committee"),
        (
            "msa_signed_date",
            json!("12/03/2026"),
            "a date not written YYYY-MM-DD",
        ),
        (
            "term_months",
            json!(36.5),
            "a fraction where an integer is declared",
        ),
        (
            "handoff_memo_attached",
            json!("yes"),
            "text where a boolean is declared",
        ),
        (
            "primary-role",
            json!("cfo"),
            "a field the event does not declare",
        ),
    ];
    for (field, value, why) in cases {
        let mut record = msa_signed_record();
        record[field] = value;
        assert!(!msa_signed.is_valid(&record), "accepted {why}: {record}");
    }

    let deal_lost = validator(&json_file(&files, "events/schemas/deal-lost.schema.json"));
    let record = json!({
        "stage": "onboarding",
        "primary_role": "coo-operations",
        "trigger": "leadership_change",
        "closed_lost_reason": "no-decision",
        "closed_lost_detail": "New COO froze all vendor changes, \"revisit in Q3\""
    });
    assert!(
        deal_lost.is_valid(&record),
        "an optional field may be left out"
    );
}

#[test]
fn journey_fields_written_as_plain_strings_take_the_journey_ids() {
    let (mut sources, mut journey) = support::load_journey(EXAMPLE);
    let event = event_mut(&mut journey, "kickoff-held");
    for field in &mut event.fields {
        if ["stage", "primary_role", "trigger"].contains(&field.id.as_str()) {
            field.field_type.value = FieldType::String;
            field.values.clear();
        }
    }
    let stage_ids = [
        "awareness",
        "consideration",
        "decision",
        "onboarding",
        "delivery",
        "renewal",
    ];
    let role_ids = ["cfo", "security-compliance", "coo-operations", "it-manager"];

    let files = build_ok(&journey, &mut sources);
    let schema = json_file(&files, "events/schemas/kickoff-held.schema.json");
    assert_eq!(schema["properties"]["stage"]["enum"], json!(stage_ids));
    assert_eq!(
        schema["properties"]["primary_role"]["enum"],
        json!(role_ids)
    );
    assert_eq!(
        schema["properties"]["trigger"],
        json!({
            "type": "string",
            "description": "What set this off, such as a compliance deadline, a critical incident or a leadership change."
        })
    );
    let record = json!({
        "stage": "onboarding", "primary_role": "it-manager", "trigger": "kickoff booked by the SDM",
        "kickoff_date": "2026-04-02", "days_from_msa_signed": 21, "first_qbr_booked": true
    });
    assert!(validator(&schema).is_valid(&record));
}

#[test]
fn a_journey_field_an_event_forgot_is_still_required() {
    let (mut sources, mut journey) = support::load_journey(EXAMPLE);
    event_mut(&mut journey, "mfa-enforced")
        .fields
        .retain(|f| f.id.as_str() != "trigger");

    let files = build_ok(&journey, &mut sources);
    let schema = json_file(&files, "events/schemas/mfa-enforced.schema.json");
    assert_eq!(schema["properties"]["trigger"]["type"], "string");
    let record = json!({
        "stage": "onboarding", "primary_role": "security-compliance",
        "mfa_coverage": 0.97, "lockout_tickets": 3
    });
    assert!(misses(&validator(&schema), &record, "trigger"));
}

#[test]
fn the_tracking_plan_has_the_segment_rule_shape() {
    let (mut sources, journey) = support::load_journey(EXAMPLE);
    let files = build_ok(&journey, &mut sources);
    let plan = json_file(&files, "events/tracking-plan.json");

    let shape: Value = serde_json::from_str(include_str!(
        "vendor/events/segment-replace-rules.schema.json"
    ))
    .expect("vendor schema is JSON");
    let shape = validator(&shape);
    let errors: Vec<String> = shape
        .iter_errors(&plan)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "tracking plan does not match RuleInputV1:\n{}",
        errors.join("\n")
    );

    let rules = plan["rules"].as_array().expect("rules is an array");
    let keys: BTreeSet<&str> = rules.iter().filter_map(|r| r["key"].as_str()).collect();
    let names: BTreeSet<&str> = journey.events.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(rules.len(), journey.events.len(), "one rule per event");
    assert_eq!(keys, names, "rules are keyed by event name");

    for rule in rules {
        assert_eq!(rule["type"], "TRACK");
        assert_eq!(rule["version"], 1);
        let schema = &rule["jsonSchema"];
        assert_draft_07(schema, &format!("jsonSchema of rule `{}`", rule["key"]));
        assert_eq!(schema["required"], json!(["properties"]));
        assert_eq!(schema["properties"]["properties"]["type"], "object");
    }
}

#[test]
fn a_segment_track_call_validates_against_its_rule() {
    let (mut sources, journey) = support::load_journey(EXAMPLE);
    let files = build_ok(&journey, &mut sources);
    let plan = json_file(&files, "events/tracking-plan.json");
    let rule = plan["rules"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|r| r["key"] == "MSA and SOW signed")
        .expect("a rule for msa-signed");
    let validator = validator(&rule["jsonSchema"]);

    let mut call = json!({
        "type": "track",
        "event": "MSA and SOW signed",
        "userId": "contact-5521",
        "properties": msa_signed_record(),
        "context": { "library": { "name": "analytics-node" } },
        "messageId": "ajs-5a1b"
    });
    assert!(
        validator.is_valid(&call),
        "a Segment track call with a full record is rejected"
    );

    call["properties"]
        .as_object_mut()
        .expect("properties is an object")
        .remove("trigger");
    assert!(misses(&validator, &call, "trigger"));
}

#[test]
fn the_segment_rule_schema_accepts_the_vendor_example_and_refuses_broken_rules() {
    let shape: Value = serde_json::from_str(include_str!(
        "vendor/events/segment-replace-rules.schema.json"
    ))
    .expect("vendor schema is JSON");
    assert_draft_07(&shape, "segment-replace-rules.schema.json");
    let shape = validator(&shape);

    let example: Value = serde_json::from_str(include_str!("vendor/events/segment_rules.json"))
        .expect("vendor example is JSON");
    assert!(
        shape.is_valid(&example),
        "the vendor's own example must pass"
    );

    let broken = [
        json!({ "rules": [{ "type": "TRACK", "key": "A", "jsonSchema": {} }] }),
        json!({ "rules": [{ "type": "TRACK", "version": 1, "jsonSchema": {} }] }),
        json!({ "rules": [{ "type": "EVENT", "key": "A", "version": 1, "jsonSchema": {} }] }),
        json!({ "rules": [{ "type": "TRACK", "key": "A", "version": "1", "jsonSchema": {} }] }),
        json!({ "rules": [{ "type": "TRACK", "key": "A", "version": 1 }] }),
        json!({ "rules": [{ "type": "TRACK", "name": "A", "key": "A", "version": 1, "jsonSchema": {} }] }),
        json!({ "rules": { "events": [] } }),
    ];
    for rule in broken {
        assert!(!shape.is_valid(&rule), "accepted a broken rule: {rule}");
    }
}

/// The event ids in the first column of the Markdown table, one per row.
fn markdown_event_ids(table: &str) -> Vec<String> {
    table
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Event |") && !l.starts_with("| ---"))
        .map(|row| {
            let first = row.split(" | ").next().unwrap_or_default();
            let open = first
                .rfind("(`")
                .unwrap_or_else(|| panic!("no event id in row: {row}"));
            first[open + 2..].trim_end_matches("`)").to_owned()
        })
        .collect()
}

/// A small RFC 4180 reader: records of fields, quoted fields may hold
/// commas, doubled quotes and line breaks; records end with CRLF.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => {
                assert!(
                    field.is_empty(),
                    "a quote inside an unquoted field: {field}"
                );
                quoted = true;
            }
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "a bare CR ends a record");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, '\n') => panic!("a bare LF outside quotes: records must end with CRLF"),
            (false, c) => field.push(c),
        }
    }
    assert!(!quoted, "an unterminated quoted field");
    assert!(
        field.is_empty() && record.is_empty(),
        "the last record has no CRLF"
    );
    records
}

#[test]
fn every_event_appears_in_the_traceability_table_exactly_once() {
    let (mut sources, journey) = support::load_journey(EXAMPLE);
    let files = build_ok(&journey, &mut sources);
    let expected: BTreeSet<String> = journey.events.iter().map(|e| e.id.to_string()).collect();

    let markdown = text_file(&files, "events/traceability.md");
    let in_markdown = markdown_event_ids(&markdown);
    assert_eq!(
        in_markdown.len(),
        journey.events.len(),
        "one Markdown row per event"
    );
    assert_eq!(
        in_markdown.iter().cloned().collect::<BTreeSet<_>>(),
        expected
    );

    let records = parse_csv(&text_file(&files, "events/traceability.csv"));
    let header = &records[0];
    assert_eq!(
        header,
        &[
            "event_id",
            "event",
            "system_id",
            "system",
            "product",
            "location",
            "stage_id",
            "stage",
            "critical",
            "fields"
        ]
    );
    let rows = &records[1..];
    assert!(
        rows.iter().all(|r| r.len() == header.len()),
        "every row has every column"
    );
    let in_csv: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(in_csv.len(), journey.events.len(), "one CSV row per event");
    assert_eq!(
        in_csv
            .iter()
            .map(|s| s.to_string())
            .collect::<BTreeSet<_>>(),
        expected
    );

    // What the table says about each event is what the journey says.
    for row in rows {
        let event = journey
            .events
            .iter()
            .find(|e| e.id.as_str() == row[0])
            .expect("known event");
        assert_eq!(
            row[2],
            event
                .system
                .as_ref()
                .map(|s| s.to_string())
                .unwrap_or_default()
        );
        assert_eq!(
            row[5],
            event
                .location
                .as_ref()
                .map(|l| l.trim())
                .unwrap_or_default()
        );
        assert_eq!(
            row[6],
            event
                .stage
                .as_ref()
                .map(|s| s.to_string())
                .unwrap_or_default()
        );
        let critical = event.critical.as_ref().is_some_and(|c| c.value);
        assert_eq!(row[8], critical.to_string(), "{}", row[0]);
    }
    let kickoff = rows
        .iter()
        .find(|r| r[0] == "kickoff-held")
        .expect("kickoff-held row");
    assert_eq!(kickoff[3], "ConnectWise PSA");
    assert_eq!(kickoff[4], "ConnectWise PSA");
    assert_eq!(kickoff[7], "Onboarding");
    assert_eq!(
        kickoff[9],
        "stage, primary_role, trigger, kickoff_date, days_from_msa_signed, first_qbr_booked"
    );
}

#[test]
fn csv_quotes_commas_quotes_and_line_breaks_and_markdown_keeps_one_row() {
    let (mut sources, mut journey) = support::load_journey(EXAMPLE);
    let location =
        "Deal property \"MSA signed date\", set by Legal\nfrom the e-signature | envelope";
    let name = "MSA, SOW and DPA signed";
    let event = event_mut(&mut journey, "msa-signed");
    event.location = Some(text(location));
    event.name = text(name);

    let files = build_ok(&journey, &mut sources);
    let csv = text_file(&files, "events/traceability.csv");
    let quoted =
        "\"Deal property \"\"MSA signed date\"\", set by Legal\nfrom the e-signature | envelope\"";
    assert!(
        csv.contains(quoted),
        "location is not quoted as RFC 4180 says:\n{csv}"
    );
    assert!(
        csv.contains(",\"MSA, SOW and DPA signed\","),
        "a name with a comma is not quoted"
    );
    assert!(
        csv.contains("\r\nrenewal-window-opened,Renewal window opened,"),
        "plain fields stay bare"
    );

    let records = parse_csv(&csv);
    let row = records
        .iter()
        .find(|r| r[0] == "msa-signed")
        .expect("msa-signed row");
    assert_eq!(row[1], name);
    assert_eq!(row[5], location);

    let markdown = text_file(&files, "events/traceability.md");
    let row = markdown
        .lines()
        .find(|l| l.contains("(`msa-signed`)"))
        .expect("msa-signed row in the Markdown table");
    assert!(
        row.contains("set by Legal from the e-signature \\| envelope"),
        "{row}"
    );
    assert_eq!(markdown_event_ids(&markdown).len(), journey.events.len());
    assert!(markdown.ends_with('\n') && csv.ends_with("\r\n"));
}

#[test]
fn ga4_event_names_ga4_would_refuse_are_reported_at_the_event_id() {
    let cases = [
        ("page-view", "is reserved by GA4"),
        ("4k-tour-watched", "must start with a letter"),
        ("firebase-guide-downloaded", "a prefix GA4 reserves"),
        (
            "exam-readiness-and-vendor-due-diligence-guide",
            "is 45 characters long",
        ),
    ];
    for (id, why) in cases {
        let (mut sources, mut journey) = support::load_journey(EXAMPLE);
        let span = unique_span(7);
        let event = event_mut(&mut journey, "whitepaper-downloaded");
        event.id = Spanned::new(Ident(id.to_owned()), span);

        let problems = build_err(&journey, &mut sources);
        assert_eq!(problems.len(), 1, "{id}: {problems:#?}");
        let problem = &problems[0];
        assert_eq!(problem.code.code, "JC502", "{id}");
        assert_eq!(problem.primary.span, span, "{id}: points at the event id");
        assert!(problem.message.contains(why), "{id}: {}", problem.message);
        assert!(
            problem
                .message
                .contains(&format!("`{}`", id.replace('-', "_"))),
            "{id}"
        );
    }
}

#[test]
fn long_ids_are_fine_for_events_that_ga4_does_not_log() {
    let (mut sources, mut journey) = support::load_journey(EXAMPLE);
    let event = event_mut(&mut journey, "msa-signed");
    event.id = Spanned::new(
        Ident("msa-and-sow-signed-with-data-processing-addendum".into()),
        unique_span(3),
    );
    let files = build_ok(&journey, &mut sources);
    assert!(files.contains_key(
        "events/schemas/msa-and-sow-signed-with-data-processing-addendum.schema.json"
    ));
}

#[test]
fn more_than_25_ga4_parameters_is_reported_at_the_first_field_over_the_limit() {
    let (mut sources, mut journey) = support::load_journey(EXAMPLE);
    let event = event_mut(&mut journey, "pricing-page-viewed");
    let template = event.fields.last().expect("a field to copy").clone();
    let mut n = 0;
    while event.fields.len() < 26 {
        n += 1;
        let mut field = template.clone();
        field.id = Spanned::new(Ident(format!("calculator_input_{n}")), unique_span(100 + n));
        event.fields.push(field);
    }
    let twenty_sixth = event.fields[25].id.span;

    let problems = build_err(&journey, &mut sources);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].code.code, "JC503");
    assert_eq!(problems[0].primary.span, twenty_sixth);
    assert!(
        problems[0].message.contains("26 fields"),
        "{}",
        problems[0].message
    );

    // At exactly 25 GA4 takes them all.
    let (mut sources, mut journey) = support::load_journey(EXAMPLE);
    let event = event_mut(&mut journey, "pricing-page-viewed");
    event.fields.truncate(25);
    while event.fields.len() < 25 {
        n += 1;
        let mut field = template.clone();
        field.id = Spanned::new(Ident(format!("calculator_input_{n}")), unique_span(100 + n));
        event.fields.push(field);
    }
    build_ok(&journey, &mut sources);
}

#[test]
fn ga4_parameter_names_and_values_follow_ga4_rules() {
    let (mut sources, mut journey) = support::load_journey(EXAMPLE);
    let event = event_mut(&mut journey, "security-content-engaged");
    let reserved = unique_span(11);
    let long_value = unique_span(12);
    for field in &mut event.fields {
        match field.id.as_str() {
            "contact_id" => field.id = Spanned::new(Ident("user_id".into()), reserved),
            "content_group" => {
                field.values.push(Spanned::new("x".repeat(101), long_value));
            }
            _ => {}
        }
    }

    let problems = build_err(&journey, &mut sources);
    let found: Vec<(&str, Span)> = problems
        .iter()
        .map(|d| (d.code.code, d.primary.span))
        .collect();
    assert_eq!(
        found,
        [("JC502", reserved), ("JC503", long_value)],
        "{problems:#?}"
    );
}

#[test]
fn two_events_with_one_name_are_refused_because_segment_keys_rules_by_name() {
    let (mut sources, mut journey) = support::load_journey(EXAMPLE);
    let first = event_mut(&mut journey, "proposal-sent").name.span;
    let second = unique_span(40);
    event_mut(&mut journey, "reference-call-held").name =
        Spanned::new("Proposal sent".into(), second);

    let problems = build_err(&journey, &mut sources);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    let problem = &problems[0];
    assert_eq!(problem.code.code, "JC502");
    assert_eq!(problem.primary.span, second);
    assert_eq!(problem.secondary.first().map(|l| l.span), Some(first));
    assert!(
        problem.message.contains("`Proposal sent`"),
        "{}",
        problem.message
    );
}

#[test]
fn the_same_journey_gives_the_same_bytes() {
    let (mut sources, journey) = support::load_journey(EXAMPLE);
    let first = build_ok(&journey, &mut sources);
    let (mut sources, journey) = support::load_journey(EXAMPLE);
    let second = build_ok(&journey, &mut sources);
    assert_eq!(first, second);
    for (path, bytes) in &first {
        assert!(bytes.ends_with(b"\n"), "{path} has no final newline");
    }
}
