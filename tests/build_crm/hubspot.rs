//! HubSpot: the property groups, property batches and deal pipeline,
//! validated against the v3 and 2026-03 request schemas and HubSpot's
//! type/fieldType table, with its naming rules and limits.

use std::collections::BTreeSet;

use journeyc::build::Target;
use journeyc::model::{DropOffReason, Ident, Spanned};
use serde_json::{Value, json};

use super::support::{load_journey, root};
use super::{
    EXAMPLE, assert_reported, assert_valid, build, example_files, hubspot_properties, json_file,
    problems, span_at, str_of,
};

/// Validates instances against one component schema of a HubSpot OpenAPI
/// document. OpenAPI 3.0 schemas are read as draft 4, which ignores the
/// OpenAPI-only keywords (`example`, `format: int32`).
fn openapi_validator(document: &str, component: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join("tests/vendor/hubspot").join(document))
        .expect("read the HubSpot OpenAPI document");
    let spec: Value = serde_json::from_str(&text).expect("the OpenAPI document is JSON");
    assert!(
        spec["components"]["schemas"].get(component).is_some(),
        "{document} defines `{component}`"
    );
    let registry = jsonschema::Registry::new()
        .draft(jsonschema::Draft::Draft4)
        .add("urn:spec", spec)
        .expect("register the OpenAPI document")
        .prepare()
        .expect("the OpenAPI document resolves");
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .with_registry(&registry)
        .build(&json!({ "$ref": format!("urn:spec#/components/schemas/{component}") }))
        .expect("the component schema compiles")
}

const HUBSPOT_VERSIONS: [&str; 2] = ["v3", "2026-03"];
const HUBSPOT_OBJECTS: [&str; 2] = ["deals", "contacts"];

#[test]
fn hubspot_bodies_validate_against_both_api_versions() {
    let files = example_files(Target::Hubspot);
    let paths: BTreeSet<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(
        paths,
        BTreeSet::from([
            "hubspot/contacts.properties.json",
            "hubspot/contacts.property-group.json",
            "hubspot/deal-pipeline.json",
            "hubspot/deals.properties.json",
            "hubspot/deals.property-group.json",
        ])
    );

    for version in HUBSPOT_VERSIONS {
        let properties = format!("hubspot-properties-{version}.openapi.json");
        let group = openapi_validator(&properties, "PropertyGroupCreate");
        let batch = openapi_validator(&properties, "BatchInputPropertyCreate");
        let pipeline = openapi_validator(
            &format!("hubspot-pipelines-{version}.openapi.json"),
            "PipelineInput",
        );
        for object in HUBSPOT_OBJECTS {
            let path = format!("hubspot/{object}.property-group.json");
            assert_valid(
                &group,
                &json_file(&files, &path),
                &format!("{path} ({version})"),
            );
            let path = format!("hubspot/{object}.properties.json");
            assert_valid(
                &batch,
                &json_file(&files, &path),
                &format!("{path} ({version})"),
            );
        }
        let path = "hubspot/deal-pipeline.json";
        assert_valid(
            &pipeline,
            &json_file(&files, path),
            &format!("{path} ({version})"),
        );
    }
}

/// The validators are not vacuous: the mistakes HubSpot refuses are caught.
#[test]
fn the_hubspot_validators_reject_what_hubspot_refuses() {
    let files = example_files(Target::Hubspot);

    let mut properties = json_file(&files, "hubspot/deals.properties.json");
    properties["inputs"][0]["options"][0]
        .as_object_mut()
        .expect("the first property has options")
        .remove("displayOrder");
    let strict = openapi_validator(
        "hubspot-properties-2026-03.openapi.json",
        "BatchInputPropertyCreate",
    );
    assert!(
        !strict.is_valid(&properties),
        "2026-03 requires an option's displayOrder"
    );

    let mut properties = json_file(&files, "hubspot/deals.properties.json");
    properties["inputs"][0]["fieldType"] = json!("dropdown");
    let v3 = openapi_validator(
        "hubspot-properties-v3.openapi.json",
        "BatchInputPropertyCreate",
    );
    assert!(!v3.is_valid(&properties), "`dropdown` is not a fieldType");

    let mut pipeline = json_file(&files, "hubspot/deal-pipeline.json");
    pipeline["stages"][0]["metadata"]["probability"] = json!(0.1);
    let v3 = openapi_validator("hubspot-pipelines-v3.openapi.json", "PipelineInput");
    assert!(!v3.is_valid(&pipeline), "metadata values are strings");
}

/// HubSpot's table of the `fieldType`s each `type` may be shown as
/// (developers.hubspot.com/docs/api/crm/properties; vendor-formats §1.2).
/// The OpenAPI schemas list both enums independently, so they cannot catch
/// a wrong pair.
const HUBSPOT_PAIRS: &[(&str, &[&str])] = &[
    ("bool", &["booleancheckbox", "calculation_equation"]),
    (
        "enumeration",
        &[
            "booleancheckbox",
            "checkbox",
            "radio",
            "select",
            "calculation_equation",
        ],
    ),
    ("date", &["date"]),
    ("datetime", &["date"]),
    (
        "string",
        &[
            "text",
            "textarea",
            "file",
            "html",
            "phonenumber",
            "calculation_equation",
        ],
    ),
    ("number", &["number", "calculation_equation"]),
    ("phone_number", &["phonenumber"]),
];

#[test]
fn hubspot_types_and_field_types_are_allowed_pairs() {
    let files = example_files(Target::Hubspot);
    for object in HUBSPOT_OBJECTS {
        for property in hubspot_properties(&files, object) {
            let (data_type, field_type) =
                (str_of(&property, "type"), str_of(&property, "fieldType"));
            let allowed = HUBSPOT_PAIRS
                .iter()
                .find(|(t, _)| *t == data_type)
                .map_or(&[][..], |(_, fields)| *fields);
            assert!(
                allowed.contains(&field_type),
                "{object} property {} pairs type `{data_type}` with fieldType `{field_type}`",
                property["name"]
            );
            if data_type == "enumeration" || data_type == "bool" {
                let options = property["options"].as_array().map_or(0, Vec::len);
                assert!(options > 0, "{} needs options", property["name"]);
            }
        }
    }
}

/// `^[a-z][a-z0-9_]{0,99}$`, written out because the crate has no regex.
fn is_hubspot_name(name: &str) -> bool {
    name.len() <= 100
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

#[test]
fn hubspot_names_labels_and_options_follow_the_vendor_rules() {
    let files = example_files(Target::Hubspot);
    for object in HUBSPOT_OBJECTS {
        let group = json_file(&files, &format!("hubspot/{object}.property-group.json"));
        assert!(
            is_hubspot_name(str_of(&group, "name")),
            "group name {}",
            group["name"]
        );

        let mut labels = BTreeSet::new();
        for property in hubspot_properties(&files, object) {
            let name = str_of(&property, "name");
            assert!(
                is_hubspot_name(name) && name.starts_with("msp_"),
                "property name `{name}`"
            );
            assert_eq!(
                property["groupName"], group["name"],
                "{name} is in the journey group"
            );
            assert!(
                labels.insert(str_of(&property, "label").to_lowercase()),
                "label of {name} is unique"
            );

            let options = property["options"].as_array().cloned().unwrap_or_default();
            assert!(options.len() <= 5_000, "{name} has at most 5,000 options");
            let mut values = BTreeSet::new();
            let mut option_labels = BTreeSet::new();
            for (order, option) in options.iter().enumerate() {
                assert!(
                    values.insert(str_of(option, "value")),
                    "{name}: option values are unique"
                );
                assert!(
                    option_labels.insert(str_of(option, "label")),
                    "{name}: option labels are unique"
                );
                assert_eq!(
                    option["displayOrder"],
                    json!(order),
                    "{name}: options are in order"
                );
                let size: usize = ["label", "value", "description"]
                    .iter()
                    .map(|k| option[k].as_str().map_or(0, |s| s.chars().count()))
                    .sum();
                assert!(
                    size <= 3_000,
                    "{name}: option {} is at most 3,000 characters",
                    option["value"]
                );
            }
        }
    }
}

fn property<'p>(properties: &'p [Value], name: &str) -> &'p Value {
    properties
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("no property `{name}`"))
}

fn option_values(property: &Value) -> Vec<&str> {
    property["options"]
        .as_array()
        .expect("the property has options")
        .iter()
        .map(|o| str_of(o, "value"))
        .collect()
}

#[test]
fn hubspot_properties_carry_the_journey() {
    let (mut sources, journey) = load_journey(EXAMPLE);
    let files = build(&journey, &mut sources, Target::Hubspot);
    let stage_ids = [
        "awareness",
        "consideration",
        "decision",
        "onboarding",
        "delivery",
        "renewal",
    ];

    for object in HUBSPOT_OBJECTS {
        let properties = hubspot_properties(&files, object);
        let stage = property(&properties, "msp_journey_stage");
        assert_eq!(
            option_values(stage),
            stage_ids,
            "{object}: stages in journey order"
        );
        assert_eq!(
            stage["options"][2]["label"], "Decision / Contract",
            "labels are stage names"
        );

        for id in stage_ids {
            let date = property(&properties, &format!("msp_{id}_entry_date"));
            assert_eq!(
                (str_of(date, "type"), str_of(date, "fieldType")),
                ("date", "date")
            );
        }

        let reasons: Vec<&str> = journey
            .drop_off_reasons
            .iter()
            .map(|r| r.id.as_str())
            .collect();
        assert_eq!(
            option_values(property(&properties, "msp_drop_off_reason")),
            reasons
        );
        let trigger = option_values(property(&properties, "msp_trigger_event"));
        assert_eq!(
            trigger.first(),
            Some(&"compliance_deadline"),
            "triggers come from the events"
        );
        assert_eq!(trigger.len(), 9, "each trigger value once");

        for flag in ["msp_cfo_qualified", "msp_it_qualified", "msp_qualified"] {
            assert_eq!(property(&properties, flag)["type"], "bool", "{flag}");
        }
        for score in ["msp_fit_score", "msp_intent_score", "msp_committee_score"] {
            assert_eq!(property(&properties, score)["type"], "number", "{score}");
        }
        let cfo = property(&properties, "msp_cfo_qualified");
        assert!(str_of(cfo, "description").starts_with("The CFO or Controller accepts"));
    }

    let contacts = hubspot_properties(&files, "contacts");
    let roles: Vec<&str> = journey.committee.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        option_values(property(&contacts, "msp_committee_role")),
        roles
    );
    let deals = hubspot_properties(&files, "deals");
    assert!(
        deals.iter().all(|p| p["name"] != "msp_committee_role"),
        "a role belongs to a contact"
    );
}

#[test]
fn the_hubspot_pipeline_follows_the_journey_with_closing_stages() {
    let files = example_files(Target::Hubspot);
    let pipeline = json_file(&files, "hubspot/deal-pipeline.json");
    assert_eq!(pipeline["label"], "Finance firms, 20 to 150 seats (US)");

    let stages = pipeline["stages"].as_array().expect("stages is a list");
    let rows: Vec<(&str, &str, &str)> = stages
        .iter()
        .map(|s| {
            (
                str_of(s, "label"),
                str_of(&s["metadata"], "probability"),
                str_of(&s["metadata"], "isClosed"),
            )
        })
        .collect();
    // The journey's probabilities are 0.02, 0.10, 0.40, 1.0, 1.0 and 0.85:
    // open stages round to tenths within 0.1..=0.9, 1.0 closes as won.
    assert_eq!(
        rows,
        [
            ("Awareness", "0.1", "false"),
            ("Consideration", "0.1", "false"),
            ("Decision / Contract", "0.4", "false"),
            ("Onboarding", "1.0", "true"),
            ("Delivery", "1.0", "true"),
            ("Renewal / Exit", "0.9", "false"),
            ("Closed lost", "0.0", "true"),
        ]
    );
    for (order, stage) in stages.iter().enumerate() {
        assert_eq!(stage["displayOrder"], json!(order));
    }
}

#[test]
fn more_options_than_hubspot_allows_is_a_limit_problem() {
    let (mut sources, mut journey) = load_journey(EXAMPLE);
    for n in 0..5_000u32 {
        journey.drop_off_reasons.push(DropOffReason {
            id: Spanned::new(Ident(format!("reason-{n}")), span_at(10_000 + 2 * n)),
            label: Spanned::new(format!("Reason {n}"), span_at(10_001 + 2 * n)),
            description: None,
        });
    }
    // The example has 10 reasons, so the 5,001st is `reason-4990`.
    let over = journey.drop_off_reasons[5_000].label.span;
    let problems = problems(&journey, &mut sources, Target::Hubspot);
    assert_reported(
        &problems,
        "JC503",
        over,
        "has 5010 values, more than the 5000 allowed",
    );
}
