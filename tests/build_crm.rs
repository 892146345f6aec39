//! The CRM targets: HubSpot request bodies and Salesforce source-format
//! metadata, built from the shipped example and from small changes to it.
//!
//! Every HubSpot body is validated against the request schemas of both
//! HubSpot API versions kept in `tests/vendor/hubspot/`, and every
//! Salesforce file against the Metadata XSD (with `xmllint`), the
//! `sfdx-project.json` schema and the metadata registry kept in
//! `tests/vendor/salesforce/` (see the `SOURCE.md` files there). The tests
//! also prove what the schemas cannot: HubSpot's type/fieldType pairs, both
//! vendors' naming rules, the pipeline's order and probabilities, and that a
//! journey value a vendor would refuse is a JC502 or JC503 diagnostic at
//! that value. The vendor-specific tests are in `build_crm/`; this file
//! holds what they share and the checks that concern both vendors.

mod support;

// A test crate's root resolves modules beside it, like a `mod.rs`.
#[path = "build_crm/hubspot.rs"]
mod hubspot;
#[path = "build_crm/salesforce.rs"]
mod salesforce;

use std::collections::{BTreeMap, BTreeSet};

use journeyc::build::Target;
use journeyc::diagnostic::Diagnostic;
use journeyc::model::{Ident, Spanned, Stage};
use journeyc::source::{Pos, Span};
use serde_json::Value;
use support::{build_problems as problems, build_target as build, load_journey};

const EXAMPLE: &str = "examples/msp-finance";

fn text(files: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    let bytes = files
        .get(path)
        .unwrap_or_else(|| panic!("{path} was not generated"));
    assert_eq!(bytes.last(), Some(&b'\n'), "{path} ends with a newline");
    String::from_utf8(bytes.clone()).unwrap_or_else(|e| panic!("{path} is not UTF-8: {e}"))
}

fn json_file(files: &BTreeMap<String, Vec<u8>>, path: &str) -> Value {
    serde_json::from_str(&text(files, path)).unwrap_or_else(|e| panic!("{path} is not JSON: {e}"))
}

fn example_files(target: Target) -> BTreeMap<String, Vec<u8>> {
    let (mut sources, journey) = load_journey(EXAMPLE);
    build(&journey, &mut sources, target)
}

/// A place in a journey file no real value occupies, for values the tests
/// add to the model.
fn span_at(line: u32) -> Span {
    Span::new(
        journeyc::source::FileId(0),
        Pos { line, col: 1 },
        Pos { line, col: 2 },
    )
}

/// A copy of a stage under a new id and name, at its own place.
fn stage_like(model: &Stage, id: &str, name: &str, line: u32) -> Stage {
    let mut stage = model.clone();
    stage.id = Spanned::new(Ident(id.to_owned()), span_at(line));
    stage.name = Spanned::new(name.to_owned(), span_at(line + 1));
    stage.start = None;
    stage.end = None;
    stage.transitions.clear();
    stage
}

fn assert_reported(problems: &[Diagnostic], code: &str, span: Span, headline: &str) {
    assert!(
        problems
            .iter()
            .any(|d| d.code.code == code && d.primary.span == span && d.message.contains(headline)),
        "expected {code} containing {headline:?} at {span:?}, got:\n{problems:#?}"
    );
}

fn assert_valid(validator: &jsonschema::Validator, instance: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} is invalid:\n{}",
        errors.join("\n")
    );
}

fn hubspot_properties(files: &BTreeMap<String, Vec<u8>>, object: &str) -> Vec<Value> {
    let batch = json_file(files, &format!("hubspot/{object}.properties.json"));
    batch["inputs"]
        .as_array()
        .expect("inputs is a list")
        .clone()
}

fn str_of<'v>(value: &'v Value, key: &str) -> &'v str {
    value[key]
        .as_str()
        .unwrap_or_else(|| panic!("`{key}` is a string in {value}"))
}

#[test]
fn duplicate_and_reserved_stage_names_are_reported_at_the_name() {
    let (mut sources, mut journey) = load_journey(EXAMPLE);
    journey.stages[4].name.value = "onboarding".to_owned();
    journey.stages[5].name.value = "Closed Lost".to_owned();
    let first = journey.stages[3].name.span;
    let (second, reserved) = (journey.stages[4].name.span, journey.stages[5].name.span);

    for target in [Target::Hubspot, Target::Salesforce] {
        let problems = problems(&journey, &mut sources, target);
        assert_reported(
            &problems,
            "JC502",
            second,
            "label `onboarding` is used twice",
        );
        let duplicate = problems
            .iter()
            .find(|d| d.primary.span == second)
            .expect("the duplicate is reported");
        assert_eq!(
            duplicate.secondary.first().map(|l| l.span),
            Some(first),
            "points at the first use"
        );
        assert_reported(&problems, "JC502", reserved, "label `Closed");
        assert!(
            problems.iter().all(|d| d.code.code == "JC502"),
            "nothing else is wrong: {problems:#?}"
        );
        let places: BTreeSet<_> = problems.iter().map(|d| d.primary.span).collect();
        assert_eq!(
            places.len(),
            problems.len(),
            "one problem per place: {problems:#?}"
        );
    }
}

#[test]
fn a_pipeline_without_a_won_stage_gets_one_and_missing_probabilities_count_as_lowest() {
    let (mut sources, mut journey) = load_journey(EXAMPLE);
    journey.stages[0].probability = None;
    for stage in &mut journey.stages {
        if let Some(p) = stage.probability.as_mut().filter(|p| p.value >= 1.0) {
            p.value = 0.95;
        }
    }

    let files = build(&journey, &mut sources, Target::Hubspot);
    let pipeline = json_file(&files, "hubspot/deal-pipeline.json");
    let rows: Vec<(&str, &str, &str)> = pipeline["stages"]
        .as_array()
        .expect("stages is a list")
        .iter()
        .map(|s| {
            let metadata = &s["metadata"];
            (
                str_of(s, "label"),
                str_of(metadata, "probability"),
                str_of(metadata, "isClosed"),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("Awareness", "0.1", "false"),
            ("Consideration", "0.1", "false"),
            ("Decision / Contract", "0.4", "false"),
            ("Onboarding", "0.9", "false"),
            ("Delivery", "0.9", "false"),
            ("Renewal / Exit", "0.9", "false"),
            ("Closed won", "1.0", "true"),
            ("Closed lost", "0.0", "true"),
        ]
    );

    let files = build(&journey, &mut sources, Target::Salesforce);
    let xml = text(&files, salesforce::STAGES_FILE);
    assert_eq!(
        salesforce::stage_rows(&xml),
        [
            "Awareness, 0, false, false, Pipeline",
            "Consideration, 10, false, false, Pipeline",
            "Decision / Contract, 40, false, false, Pipeline",
            "Onboarding, 95, false, false, Forecast",
            "Delivery, 95, false, false, Forecast",
            "Renewal / Exit, 85, false, false, BestCase",
            "Closed Won, 100, true, true, Closed",
            "Closed Lost, 0, true, false, Omitted",
        ]
    );
}

#[test]
fn without_trigger_values_the_trigger_event_is_text() {
    let (mut sources, mut journey) = load_journey(EXAMPLE);
    for field in journey.events.iter_mut().flat_map(|e| &mut e.fields) {
        if field.id.as_str() == "trigger" {
            field.field_type.value = journeyc::model::FieldType::String;
            field.values.clear();
        }
    }

    let files = build(&journey, &mut sources, Target::Hubspot);
    for object in ["deals", "contacts"] {
        let properties = hubspot_properties(&files, object);
        let trigger = properties
            .iter()
            .find(|p| p["name"] == "msp_trigger_event")
            .expect("a trigger property");
        assert_eq!(
            (str_of(trigger, "type"), str_of(trigger, "fieldType")),
            ("string", "text")
        );
        assert!(
            trigger.get("options").is_none(),
            "a text property has no options"
        );
    }

    let files = build(&journey, &mut sources, Target::Salesforce);
    let path = format!(
        "{}/Contact/fields/MSP_Trigger_Event__c.field-meta.xml",
        salesforce::FIELDS
    );
    let xml = text(&files, &path);
    assert!(
        xml.contains("<length>255</length>") && xml.contains("<type>Text</type>"),
        "{xml}"
    );
    if support::require_tool("xmllint") {
        let (valid, report) = salesforce::xmllint(&files);
        assert!(valid, "a text field validates:\n{report}");
    }
}
