//! The PSA payloads, validated against the vendor extracts in
//! `tests/vendor/`, each plan step exactly once, Autotask libraries split at
//! 40 items.

use std::collections::BTreeMap;

use journeyc::build::Templates;
use journeyc::model::{Ident, PlanStep};
use serde_json::{Value, json};

use super::{AWKWARD_CLIENT, CASES, EXAMPLE, csv_rows, deal, file, generate, is_milestone, plan};
use crate::support::{load_journey, root};

/// A vendor extract: JSON Schema draft-07 whose `definitions` are the
/// vendor's entities.
fn validator(extract: &str, entity: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join(extract)).expect("read the vendor extract");
    let extract: Value = serde_json::from_str(&text).expect("the extract is JSON");
    assert!(
        extract["definitions"].get(entity).is_some(),
        "the extract defines `{entity}`"
    );
    let schema = json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "definitions": extract["definitions"],
        "allOf": [{ "$ref": format!("#/definitions/{entity}") }],
    });
    jsonschema::draft7::new(&schema).expect("the extract compiles")
}

fn assert_valid(validator: &jsonschema::Validator, instance: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{e} at `{}`", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} does not validate:\n{}\n{instance:#}",
        errors.join("\n")
    );
}

fn json_file(files: &BTreeMap<String, String>, path: &str) -> Value {
    serde_json::from_str(file(files, path)).unwrap_or_else(|e| panic!("{path} is not JSON: {e}"))
}

const CW_EXTRACT: &str = "tests/vendor/connectwise/connectwise-extract.schema.json";
const AT_EXTRACT: &str = "tests/vendor/autotask/autotask-extract.schema.json";

#[test]
fn connectwise_tasks_validate_and_hold_each_step_once_in_due_order() {
    let (mut sources, journey) = load_journey(EXAMPLE);
    let case = &CASES[0];
    let files = generate(
        &journey,
        &deal(&journey, AWKWARD_CLIENT, case.signed, case.kickoff),
        &mut sources,
    );
    let schema = validator(CW_EXTRACT, "ServiceTask");

    let tasks = json_file(&files, "checklist.connectwise.json");
    let tasks = tasks.as_array().expect("an array of ServiceTask");
    assert_eq!(tasks.len(), plan(&journey).len(), "one task per plan step");
    for task in tasks {
        assert_valid(&schema, task, "a ServiceTask");
        assert_eq!(task["closedFlag"], json!(false));
    }
    let priorities: Vec<u64> = tasks
        .iter()
        .map(|t| t["priority"].as_u64().expect("priority"))
        .collect();
    assert_eq!(priorities, (1..=tasks.len() as u64).collect::<Vec<_>>());

    // Each step once, in due order, with its owner and dated due day.
    let mut previous = "";
    for (step_id, day, business, date, weekday) in case.due {
        let marker = format!("Plan step: {step_id}.");
        let holding: Vec<&Value> = tasks
            .iter()
            .filter(|t| t["notes"].as_str().is_some_and(|n| n.ends_with(&marker)))
            .collect();
        assert_eq!(holding.len(), 1, "`{step_id}` is in exactly one task");
        let notes = holding[0]["notes"].as_str().expect("notes");
        let unit = if business { "business" } else { "calendar" };
        assert!(
            notes.contains(&format!("Due {weekday} {date} (day {day}, {unit} days).")),
            "{notes}"
        );
        assert!(notes.contains("Owner: "), "{notes}");
        assert!(previous <= date, "tasks in due order");
        previous = date;
    }

    // The validator is not vacuous.
    assert!(!schema.is_valid(&json!({ "notes": "x", "assignee": "someone" })));
}

#[test]
fn autotask_libraries_validate_and_hold_each_step_once() {
    let (mut sources, journey) = load_journey(EXAMPLE);
    let case = &CASES[2];
    let files = generate(
        &journey,
        &deal(&journey, AWKWARD_CLIENT, case.signed, case.kickoff),
        &mut sources,
    );
    let autotask = json_file(&files, "checklist.autotask.json");

    let libraries = autotask["libraries"].as_array().expect("libraries");
    assert_eq!(libraries.len(), 1, "the example plan fits one library");
    assert_eq!(
        libraries[0]["library"]["name"],
        json!(format!("Onboarding: {AWKWARD_CLIENT}"))
    );
    assert_autotask_valid(&autotask);

    let items = libraries[0]["items"].as_array().expect("items");
    for step in plan(&journey) {
        let prefix = format!("{}. Owner: ", step.name.as_str());
        let holding: Vec<&Value> = items
            .iter()
            .filter(|i| {
                i["itemName"]
                    .as_str()
                    .is_some_and(|n| n.starts_with(&prefix))
            })
            .collect();
        assert_eq!(holding.len(), 1, "`{}` is in exactly one item", step.id);
        let touchpoint_trust = step.touchpoint.as_ref().is_some_and(|t| {
            journey
                .touchpoints
                .iter()
                .any(|tp| tp.id == *t && tp.is_trust_moment())
        });
        assert_eq!(
            holding[0]["isImportant"],
            json!(is_milestone(step) || touchpoint_trust),
            "`{}`",
            step.id
        );
    }
}

/// Every library and item validates, items once their library id is added
/// (the importer's job), and positions run 1.. in each library.
fn assert_autotask_valid(autotask: &Value) {
    let library_schema = validator(AT_EXTRACT, "ChecklistLibrary");
    let item_schema = validator(AT_EXTRACT, "ChecklistLibraryChecklistItem");
    for entry in autotask["libraries"].as_array().expect("libraries") {
        assert_valid(&library_schema, &entry["library"], "a library");
        let items = entry["items"].as_array().expect("items");
        assert!(items.len() <= 40, "at most 40 items in a library");
        for (item, position) in items.iter().zip(1..) {
            assert!(
                item.get("checklistLibraryID").is_none(),
                "the importer sets the library id"
            );
            let mut imported = item.clone();
            imported["checklistLibraryID"] = json!(4242);
            assert_valid(&item_schema, &imported, "an item");
            assert_eq!(item["position"], json!(position));
        }
    }
    assert!(
        !item_schema.is_valid(&json!({ "checklistLibraryID": 1, "itemName": "x".repeat(601) }))
    );
}

#[test]
fn a_plan_longer_than_40_steps_is_split_into_near_equal_libraries() {
    let (mut sources, mut journey) = load_journey(EXAMPLE);
    let steps = &mut journey.onboarding.as_mut().expect("onboarding").value.plan;
    let template = steps.last().expect("steps").clone();
    for n in steps.len()..45 {
        let mut step = template.clone();
        step.id.value = Ident(format!("extra-step-{n}"));
        step.name.value = format!("Extra step {n}");
        step.depends_on.clear();
        step.touchpoint = None;
        step.milestone = None;
        plan_day(&mut step, 60 + n as u32);
        steps.push(step);
    }
    let case = &CASES[0];
    let files = generate(
        &journey,
        &deal(&journey, "Acme Credit Union", case.signed, case.kickoff),
        &mut sources,
    );

    let autotask = json_file(&files, "checklist.autotask.json");
    assert_autotask_valid(&autotask);
    let libraries = autotask["libraries"].as_array().expect("libraries");
    let sizes: Vec<usize> = libraries
        .iter()
        .map(|l| l["items"].as_array().expect("items").len())
        .collect();
    assert_eq!(sizes, [23, 22]);
    let names: Vec<&str> = libraries
        .iter()
        .map(|l| l["library"]["name"].as_str().expect("name"))
        .collect();
    assert_eq!(
        names,
        [
            "Onboarding: Acme Credit Union (part 1 of 2)",
            "Onboarding: Acme Credit Union (part 2 of 2)"
        ]
    );

    // All 45 steps, each once, across the parts, in every format.
    let all_items: Vec<&str> = libraries
        .iter()
        .flat_map(|l| l["items"].as_array().expect("items"))
        .map(|i| i["itemName"].as_str().expect("itemName"))
        .collect();
    let markdown = file(&files, "checklist.md");
    let csv = csv_rows(file(&files, "checklist.csv"));
    let tasks = json_file(&files, "checklist.connectwise.json");
    for step in plan(&journey) {
        let prefix = format!("{}. Owner: ", step.name.as_str());
        assert_eq!(
            all_items.iter().filter(|n| n.starts_with(&prefix)).count(),
            1,
            "`{}` in Autotask",
            step.id
        );
        assert_eq!(
            markdown
                .matches(&format!("Plan step: `{}`\n", step.id))
                .count(),
            1,
            "`{}` in Markdown",
            step.id
        );
        assert_eq!(
            csv.iter()
                .filter(|r| r["step_id"] == step.id.as_str())
                .count(),
            1,
            "`{}` in CSV",
            step.id
        );
        let marker = format!("Plan step: {}.", step.id);
        let in_tasks = tasks
            .as_array()
            .expect("tasks")
            .iter()
            .filter(|t| t["notes"].as_str().is_some_and(|n| n.ends_with(&marker)))
            .count();
        assert_eq!(in_tasks, 1, "`{}` in ConnectWise", step.id);
    }
    assert_eq!(csv.len(), 45);
}

fn plan_day(step: &mut PlanStep, day: u32) {
    step.due_day.as_mut().expect("a due day").value = day;
}

#[test]
fn a_client_name_too_long_for_autotask_is_reported_at_the_deal() {
    let (mut sources, journey) = load_journey(EXAMPLE);
    let case = &CASES[0];
    let deal = deal(
        &journey,
        &"Very Long Credit Union ".repeat(5),
        case.signed,
        case.kickoff,
    );
    let prepared =
        journeyc::handoff::prepare(&journey, &deal).unwrap_or_else(|_| panic!("the deal checks"));
    let problems = match journeyc::handoff::generate(&prepared, &Templates::default(), &mut sources)
    {
        Ok(_) => panic!("a 115-character library name was accepted"),
        Err(problems) => problems,
    };
    assert!(
        problems.iter().any(
            |p| p.code.code == "JC502" && p.message.contains("Autotask checklist library name")
        ),
        "{:?}",
        problems.iter().map(|p| &p.message).collect::<Vec<_>>()
    );
}
