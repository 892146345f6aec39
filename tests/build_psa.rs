//! The PSA targets: the ConnectWise project template and ticket tasks, and
//! the Autotask checklist libraries, built from the shipped example.
//!
//! Every payload is validated against the vendor extract kept in
//! `tests/vendor/` (see the `SOURCE.md` files there). The tests also prove
//! what the schemas cannot: PSA order follows due days, each plan step and
//! each delivery touchpoint appears exactly once with its owner and due day,
//! and the vendors' text and count limits are enforced, as JC502 diagnostics
//! at the journey value or by splitting a checklist.

mod support;

use std::collections::BTreeMap;

use journeyc::build::Target;
use journeyc::model::{Ident, Journey, Owner, PlanStep, SpineStage, Touchpoint};
use journeyc::source::SourceSet;
use serde_json::{Value, json};
use support::{build_problems, build_target as build, load_journey, root};

const EXAMPLE: &str = "examples/msp-finance";

fn json_file(files: &BTreeMap<String, Vec<u8>>, path: &str) -> Value {
    let bytes = files
        .get(path)
        .unwrap_or_else(|| panic!("{path} was not generated"));
    assert_eq!(bytes.last(), Some(&b'\n'), "{path} ends with a newline");
    serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("{path} is not JSON: {e}"))
}

/// A vendor extract: JSON Schema draft-07 whose `definitions` are the
/// vendor's entities.
struct Extract(Value);

impl Extract {
    fn load(path: &str) -> Extract {
        let text = std::fs::read_to_string(root().join(path)).expect("read the vendor extract");
        Extract(serde_json::from_str(&text).expect("the vendor extract is JSON"))
    }

    /// A validator for one entity of the extract.
    fn validator(&self, entity: &str) -> jsonschema::Validator {
        assert!(
            self.0["definitions"].get(entity).is_some(),
            "the extract defines `{entity}`"
        );
        let schema = json!({
            "$schema": "http://json-schema.org/draft-07/schema#",
            "definitions": self.0["definitions"],
            "allOf": [{ "$ref": format!("#/definitions/{entity}") }],
        });
        jsonschema::draft7::new(&schema).expect("the extract compiles")
    }
}

fn assert_valid(validator: &jsonschema::Validator, instance: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at `{}`", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} does not validate:\n{}\n{instance:#}",
        errors.join("\n")
    );
}

fn array<'v>(value: &'v Value, what: &str) -> &'v Vec<Value> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("{what} is an array"))
}

fn text<'v>(value: &'v Value, what: &str) -> &'v str {
    value
        .as_str()
        .unwrap_or_else(|| panic!("{what} is a string"))
}

fn plan(journey: &Journey) -> &[PlanStep] {
    &journey
        .onboarding
        .as_ref()
        .expect("the example has an onboarding plan")
        .plan
}

fn plan_mut(journey: &mut Journey) -> &mut Vec<PlanStep> {
    &mut journey
        .onboarding
        .as_mut()
        .expect("the example has an onboarding plan")
        .value
        .plan
}

fn due_day(step: &PlanStep) -> u32 {
    step.due_day
        .as_ref()
        .expect("a checked plan step has a due day")
        .value
}

/// "day 4 (business days)", as the notes and item names state it.
fn due_text(step: &PlanStep) -> String {
    let unit = if step.business_days.as_ref().is_some_and(|b| b.value) {
        "business"
    } else {
        "calendar"
    };
    format!("day {} ({unit} days)", due_day(step))
}

fn owner_of<'j>(journey: &'j Journey, step: &PlanStep) -> &'j Owner {
    let refs = &step
        .owner
        .as_ref()
        .expect("a checked plan step has an owner")
        .0;
    assert_eq!(refs.len(), 1, "a checked plan step has one owner");
    journey
        .owners
        .iter()
        .find(|o| o.id == refs[0])
        .expect("the owner is declared")
}

fn email(owner: &Owner) -> &str {
    owner
        .email
        .as_ref()
        .expect("the example's owners have e-mail addresses")
        .as_str()
}

/// The touchpoints of the stages on the delivery spine, read from the
/// journey without the build's help.
fn delivery_touchpoints(journey: &Journey) -> Vec<&Touchpoint> {
    let stages: Vec<&str> = journey
        .stages
        .iter()
        .filter(|s| {
            s.spine
                .as_ref()
                .is_some_and(|k| k.value == SpineStage::Delivery)
        })
        .map(|s| s.id.as_str())
        .collect();
    journey
        .touchpoints
        .iter()
        .filter(|t| {
            t.stage
                .as_ref()
                .is_some_and(|s| stages.contains(&s.as_str()))
        })
        .collect()
}

fn is_trust_moment(journey: &Journey, step: &PlanStep) -> bool {
    step.touchpoint.as_ref().is_some_and(|id| {
        journey
            .touchpoints
            .iter()
            .any(|t| t.id == *id && t.is_trust_moment())
    })
}

/// The example, with its plan made `steps` long by steps added at the end of
/// the 90 days.
fn example_with_plan_of(steps: usize) -> (SourceSet, Journey) {
    let (sources, mut journey) = load_journey(EXAMPLE);
    let plan = plan_mut(&mut journey);
    let template = plan.last().expect("the example plan has steps").clone();
    for n in plan.len()..steps {
        let mut step = template.clone();
        step.id.value = Ident(format!("extra-step-{n}"));
        step.name.value = format!("Extra step {n}");
        step.depends_on.clear();
        step.touchpoint = None;
        step.milestone = None;
        if let Some(day) = step.due_day.as_mut() {
            day.value += n as u32;
        }
        plan.push(step);
    }
    (sources, journey)
}

// ---------------------------------------------------------------- ConnectWise

const CW_EXTRACT: &str = "tests/vendor/connectwise/connectwise-extract.schema.json";

/// The tickets of the project template, with the plan step each is for.
fn cw_tickets(template: &Value) -> Vec<(usize, &Value, &Value)> {
    let mut tickets = Vec::new();
    for (phase_index, phase) in array(&template["phases"], "phases").iter().enumerate() {
        for entry in array(&phase["tickets"], "tickets") {
            tickets.push((phase_index, &entry["ticket"], &entry["tasks"]));
        }
    }
    tickets
}

fn journey_step_of(ticket: &Value) -> String {
    let notes = text(&ticket["notes"], "ticket notes");
    notes
        .lines()
        .find_map(|l| l.strip_prefix("Journey step: "))
        .unwrap_or_else(|| panic!("ticket notes name their journey step: {notes}"))
        .to_owned()
}

#[test]
fn connectwise_payloads_validate_against_the_extract() {
    let (mut sources, journey) = load_journey(EXAMPLE);
    let files = build(&journey, &mut sources, Target::Connectwise);
    let extract = Extract::load(CW_EXTRACT);
    let template_schema = extract.validator("ProjectTemplate");
    let phase_schema = extract.validator("ProjectTemplatePhase");
    let ticket_schema = extract.validator("ProjectTemplateTicket");
    let task_schema = extract.validator("ProjectTemplateTask");
    let service_task_schema = extract.validator("ServiceTask");

    let template = json_file(&files, "connectwise/project-template.json");
    assert_valid(
        &template_schema,
        &template["template"],
        "the project template",
    );
    let phases = array(&template["phases"], "phases");
    assert!(!phases.is_empty(), "the template has phases");
    for phase in phases {
        assert_valid(&phase_schema, &phase["phase"], "a phase");
    }
    let tickets = cw_tickets(&template);
    assert_eq!(
        tickets.len(),
        plan(&journey).len(),
        "one ticket per plan step"
    );
    for (_, ticket, tasks) in &tickets {
        assert_valid(&ticket_schema, ticket, "a ticket");
        for task in array(tasks, "tasks") {
            assert_valid(&task_schema, task, "a ticket's task");
        }
    }

    for path in [
        "connectwise/ticket-tasks/onboarding.json",
        "connectwise/ticket-tasks/delivery.json",
    ] {
        let tasks = json_file(&files, path);
        assert!(!array(&tasks, path).is_empty(), "{path} has tasks");
        for task in array(&tasks, path) {
            assert_valid(&service_task_schema, task, path);
        }
    }
    assert!(
        files.contains_key("connectwise/IMPORT.md"),
        "the import guide is written"
    );

    // The validators are not vacuous: the extract refuses what ConnectWise
    // would refuse.
    assert!(!ticket_schema.is_valid(&json!({ "description": "x".repeat(101) })));
    assert!(!ticket_schema.is_valid(&json!({ "notes": "no description" })));
    assert!(!service_task_schema.is_valid(&json!({ "notes": "task", "colour": "red" })));
}

#[test]
fn connectwise_tickets_follow_due_days_with_owner_and_due_day() {
    let (mut sources, journey) = load_journey(EXAMPLE);
    let files = build(&journey, &mut sources, Target::Connectwise);
    let template = json_file(&files, "connectwise/project-template.json");
    let steps: BTreeMap<&str, &PlanStep> =
        plan(&journey).iter().map(|s| (s.id.as_str(), s)).collect();

    // Every plan step has exactly one ticket.
    let tickets = cw_tickets(&template);
    for step in plan(&journey) {
        let count = tickets
            .iter()
            .filter(|(_, t, _)| journey_step_of(t) == step.id.as_str())
            .count();
        assert_eq!(count, 1, "plan step `{}` has {count} tickets", step.id);
    }

    // Line numbers run 1..=n in due-day order across phases, and each
    // phase lists its tickets in due-day order too.
    let mut by_line: Vec<(u64, &PlanStep)> = tickets
        .iter()
        .map(|(_, t, _)| {
            let line = t["lineNumber"]
                .as_u64()
                .expect("lineNumber is a whole number");
            (line, steps[journey_step_of(t).as_str()])
        })
        .collect();
    by_line.sort_by_key(|(line, _)| *line);
    let lines: Vec<u64> = by_line.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, (1..=plan(&journey).len() as u64).collect::<Vec<_>>());
    let due: Vec<u32> = by_line.iter().map(|(_, s)| due_day(s)).collect();
    assert!(
        due.is_sorted(),
        "tickets by line number are in due-day order: {due:?}"
    );
    for phase in array(&template["phases"], "phases") {
        let due: Vec<u32> = array(&phase["tickets"], "tickets")
            .iter()
            .map(|e| due_day(steps[journey_step_of(&e["ticket"]).as_str()]))
            .collect();
        assert!(
            due.is_sorted(),
            "a phase lists its tickets by due day: {due:?}"
        );
    }

    // Each ticket is the step: its name, owner and due day.
    for (phase, ticket, tasks) in &tickets {
        let step = steps[journey_step_of(ticket).as_str()];
        assert_eq!(
            text(&ticket["description"], "description"),
            step.name.as_str()
        );
        let notes = text(&ticket["notes"], "notes");
        let owner = owner_of(&journey, step);
        let expected_owner = format!("Owner: {} <{}>", owner.name.as_str(), email(owner));
        assert!(
            notes.contains(&expected_owner),
            "`{}` names its owner: {notes}",
            step.id
        );
        assert!(
            notes.contains(&due_text(step)),
            "`{}` states its due day: {notes}",
            step.id
        );
        let wbs = text(&ticket["wbsCode"], "wbsCode");
        assert!(
            wbs.starts_with(&format!("{}.", phase + 1)),
            "ticket {wbs} is numbered in its phase"
        );
        let sequences: Vec<u64> = array(tasks, "tasks")
            .iter()
            .map(|t| t["sequence"].as_u64().expect("sequence"))
            .collect();
        assert_eq!(sequences, (1..=sequences.len() as u64).collect::<Vec<_>>());
    }

    // A phase per pillar, carrying the pillar's deliverable.
    let onboarding = journey.onboarding.as_ref().expect("onboarding");
    for phase in array(&template["phases"], "phases") {
        let notes = text(&phase["phase"]["notes"], "phase notes");
        assert!(
            onboarding
                .pillars
                .iter()
                .filter_map(|p| p.deliverable.as_ref())
                .any(|d| notes.contains(&format!("Deliverable: {}", d.as_str()))),
            "a phase names its pillar's deliverable: {notes}"
        );
    }
}

#[test]
fn connectwise_ticket_tasks_hold_each_step_and_delivery_touchpoint_once_in_order() {
    let (mut sources, journey) = load_journey(EXAMPLE);
    let files = build(&journey, &mut sources, Target::Connectwise);

    let names: Vec<&str> = plan(&journey).iter().map(|s| s.name.as_str()).collect();
    let mut unique = names.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(
        unique.len(),
        names.len(),
        "the example's step names tell the steps apart"
    );

    let onboarding = json_file(&files, "connectwise/ticket-tasks/onboarding.json");
    let tasks = array(&onboarding, "onboarding tasks");
    assert_eq!(tasks.len(), plan(&journey).len());
    let mut previous = 0;
    for (task, priority) in tasks.iter().zip(1..) {
        assert_eq!(
            task["priority"],
            json!(priority),
            "priority is the PSA order"
        );
        let notes = text(&task["notes"], "notes");
        let matching: Vec<&PlanStep> = plan(&journey)
            .iter()
            .filter(|s| notes.starts_with(&format!("{}.", s.name.as_str())))
            .collect();
        assert_eq!(
            matching.len(),
            1,
            "task {priority} is exactly one plan step: {notes}"
        );
        let step = matching[0];
        assert!(
            due_day(step) >= previous,
            "task {priority} is not due before the one above it"
        );
        previous = due_day(step);
        let owner = owner_of(&journey, step);
        assert!(
            notes.contains(owner.name.as_str()) && notes.contains(email(owner)),
            "{notes}"
        );
        assert!(notes.contains(&due_text(step)), "{notes}");
    }
    for step in plan(&journey) {
        let count = tasks
            .iter()
            .filter(|t| text(&t["notes"], "notes").starts_with(&format!("{}.", step.name.as_str())))
            .count();
        assert_eq!(count, 1, "plan step `{}` appears {count} times", step.id);
    }

    let delivery = json_file(&files, "connectwise/ticket-tasks/delivery.json");
    let tasks = array(&delivery, "delivery tasks");
    let expected = delivery_touchpoints(&journey);
    assert!(!expected.is_empty(), "the example has delivery touchpoints");
    assert_eq!(
        tasks.len(),
        expected.len(),
        "one task per delivery touchpoint"
    );
    for ((task, touchpoint), priority) in tasks.iter().zip(&expected).zip(1..) {
        assert_eq!(task["priority"], json!(priority));
        let notes = text(&task["notes"], "notes");
        assert!(
            notes.starts_with(&format!("{}.", touchpoint.name.as_str())),
            "{notes}"
        );
        let owner_id = &touchpoint
            .owner
            .as_ref()
            .expect("a checked touchpoint has an owner")
            .0[0];
        let owner = journey
            .owners
            .iter()
            .find(|o| o.id == *owner_id)
            .expect("declared owner");
        assert!(
            notes.contains(email(owner)),
            "the task names its owner: {notes}"
        );
    }
}

#[test]
fn a_step_name_too_long_for_a_connectwise_ticket_is_reported_at_the_name() {
    let (mut sources, mut journey) = load_journey(EXAMPLE);
    // 100 characters is the limit and still builds.
    plan_mut(&mut journey)[2].name.value = "n".repeat(100);
    build(&journey, &mut sources, Target::Connectwise);

    plan_mut(&mut journey)[2].name.value = "n".repeat(101);
    let problems = build_problems(&journey, &mut sources, Target::Connectwise);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].code.code, "JC502");
    assert_eq!(
        problems[0].primary.span,
        plan(&journey)[2].name.span,
        "points at the step's name"
    );
    assert!(
        problems[0].message.contains("longer than 100 characters"),
        "{}",
        problems[0].message
    );
}

#[test]
fn a_journey_name_too_long_for_a_connectwise_template_is_reported_at_the_name() {
    let (mut sources, mut journey) = load_journey(EXAMPLE);
    let header = journey.journey.as_mut().expect("the example has a header");
    header.value.name.value = "j".repeat(200);
    let problems = build_problems(&journey, &mut sources, Target::Connectwise);
    let header = journey.journey.as_ref().expect("header");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].code.code, "JC502");
    assert_eq!(problems[0].primary.span, header.name.span);
}

// ------------------------------------------------------------------- Autotask

const AT_EXTRACT: &str = "tests/vendor/autotask/autotask-extract.schema.json";
const ONBOARDING_LIBRARY: &str = "Onboarding plan: ";
const DELIVERY_LIBRARY: &str = "Delivery touchpoints: ";

/// The items of the libraries whose name starts with `prefix`, in library
/// order.
fn at_items<'v>(file: &'v Value, prefix: &str) -> Vec<&'v Value> {
    array(&file["libraries"], "libraries")
        .iter()
        .filter(|l| text(&l["library"]["name"], "library name").starts_with(prefix))
        .flat_map(|l| array(&l["items"], "items"))
        .collect()
}

fn item_name(item: &Value) -> &str {
    text(&item["itemName"], "itemName")
}

#[test]
fn autotask_payloads_validate_against_the_extract() {
    // The example runs ConnectWise, not Autotask: asking for the target
    // still builds it.
    let (mut sources, journey) = load_journey(EXAMPLE);
    let files = build(&journey, &mut sources, Target::Autotask);
    let extract = Extract::load(AT_EXTRACT);
    let library_schema = extract.validator("ChecklistLibrary");
    let item_schema = extract.validator("ChecklistLibraryChecklistItem");

    let file = json_file(&files, "autotask/checklist-libraries.json");
    let libraries = array(&file["libraries"], "libraries");
    assert_eq!(
        libraries.len(),
        2,
        "one library for onboarding, one for delivery"
    );
    for entry in libraries {
        assert_valid(&library_schema, &entry["library"], "a checklist library");
        for item in array(&entry["items"], "items") {
            // The importer adds the id Autotask returns for the library;
            // with it, the item is a valid request body.
            assert!(
                item.get("checklistLibraryID").is_none(),
                "the library id is not invented"
            );
            let mut imported = item.clone();
            imported["checklistLibraryID"] = json!(4242);
            assert_valid(&item_schema, &imported, "a checklist item");
        }
    }

    // The placeholder is said out loud, in the file and in the guide.
    let notes = array(&file["notes"], "notes")
        .iter()
        .map(|n| text(n, "note"))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(notes.contains("entityType is a placeholder"), "{notes}");
    assert!(notes.contains("entityInformation"), "{notes}");
    let guide = String::from_utf8(files["autotask/IMPORT.md"].clone()).expect("IMPORT.md is UTF-8");
    assert!(guide.contains("entityInformation/fields"), "{guide}");
    assert!(guide.ends_with('\n'));

    // The validators are not vacuous.
    assert!(!item_schema.is_valid(&json!({ "itemName": "no library id" })));
    assert!(
        !item_schema.is_valid(&json!({ "checklistLibraryID": 1, "itemName": "x".repeat(601) }))
    );
    assert!(!library_schema.is_valid(&json!({ "name": "no entity type", "isActive": true })));
}

#[test]
fn autotask_items_hold_each_step_and_delivery_touchpoint_once_in_order() {
    let (mut sources, journey) = load_journey(EXAMPLE);
    let files = build(&journey, &mut sources, Target::Autotask);
    let file = json_file(&files, "autotask/checklist-libraries.json");

    let items = at_items(&file, ONBOARDING_LIBRARY);
    assert_eq!(items.len(), plan(&journey).len());
    let mut previous = 0;
    for item in &items {
        let name = item_name(item);
        let matching: Vec<&PlanStep> = plan(&journey)
            .iter()
            .filter(|s| name.starts_with(&format!("{}.", s.name.as_str())))
            .collect();
        assert_eq!(
            matching.len(),
            1,
            "the item is exactly one plan step: {name}"
        );
        let step = matching[0];
        assert!(
            due_day(step) >= previous,
            "`{}` is not due before the item above it",
            step.id
        );
        previous = due_day(step);
        let owner = owner_of(&journey, step);
        assert!(
            name.contains(owner.name.as_str()) && name.contains(email(owner)),
            "{name}"
        );
        assert!(name.contains(&due_text(step)), "{name}");
        let important =
            step.milestone.as_ref().is_some_and(|m| m.value) || is_trust_moment(&journey, step);
        assert_eq!(
            item["isImportant"],
            json!(important),
            "isImportant of `{}`",
            step.id
        );
    }
    for step in plan(&journey) {
        let count = items
            .iter()
            .filter(|i| item_name(i).starts_with(&format!("{}.", step.name.as_str())))
            .count();
        assert_eq!(count, 1, "plan step `{}` appears {count} times", step.id);
    }

    let items = at_items(&file, DELIVERY_LIBRARY);
    let expected = delivery_touchpoints(&journey);
    assert_eq!(
        items.len(),
        expected.len(),
        "one item per delivery touchpoint"
    );
    for (item, touchpoint) in items.iter().zip(&expected) {
        assert!(
            item_name(item).starts_with(&format!("{}.", touchpoint.name.as_str())),
            "{}",
            item_name(item)
        );
        assert_eq!(item["isImportant"], json!(touchpoint.is_trust_moment()));
    }

    for entry in array(&file["libraries"], "libraries") {
        let positions: Vec<u64> = array(&entry["items"], "items")
            .iter()
            .map(|i| i["position"].as_u64().expect("position"))
            .collect();
        assert_eq!(
            positions,
            (1..=positions.len() as u64).collect::<Vec<_>>(),
            "positions count from 1"
        );
    }
}

#[test]
fn a_checklist_over_forty_items_is_split_into_parts() {
    let extract = Extract::load(AT_EXTRACT);
    let library_schema = extract.validator("ChecklistLibrary");
    for (steps, parts) in [(40, 1), (41, 2), (81, 3)] {
        let (mut sources, journey) = example_with_plan_of(steps);
        let files = build(&journey, &mut sources, Target::Autotask);
        let file = json_file(&files, "autotask/checklist-libraries.json");
        let libraries: Vec<&Value> = array(&file["libraries"], "libraries")
            .iter()
            .filter(|l| text(&l["library"]["name"], "name").starts_with(ONBOARDING_LIBRARY))
            .collect();
        assert_eq!(
            libraries.len(),
            parts,
            "{steps} steps make {parts} libraries"
        );
        for (entry, part) in libraries.iter().zip(1..) {
            assert_valid(&library_schema, &entry["library"], "a split library");
            let count = array(&entry["items"], "items").len();
            assert!(
                count <= 40,
                "part {part} of {steps} steps has {count} items"
            );
            let name = text(&entry["library"]["name"], "name");
            if parts > 1 {
                assert!(
                    name.ends_with(&format!("(part {part} of {parts})")),
                    "{name}"
                );
            }
        }

        // Nothing lost, nothing doubled, still in due-day order.
        let items = at_items(&file, ONBOARDING_LIBRARY);
        assert_eq!(items.len(), steps);
        let order: Vec<u32> = items
            .iter()
            .map(|i| {
                let step = plan(&journey)
                    .iter()
                    .find(|s| item_name(i).starts_with(&format!("{}.", s.name.as_str())))
                    .expect("every item is a plan step");
                due_day(step)
            })
            .collect();
        assert!(order.is_sorted(), "{order:?}");
        for step in plan(&journey) {
            let count = items
                .iter()
                .filter(|i| item_name(i).starts_with(&format!("{}.", step.name.as_str())))
                .count();
            assert_eq!(
                count, 1,
                "`{}` appears {count} times in {steps} steps",
                step.id
            );
        }
    }
}

#[test]
fn an_item_too_long_for_autotask_is_reported_at_the_longest_text() {
    let (mut sources, mut journey) = load_journey(EXAMPLE);
    let step = &mut plan_mut(&mut journey)[4];
    step.deliverable
        .as_mut()
        .expect("the example step has a deliverable")
        .value = "d".repeat(600);
    let problems = build_problems(&journey, &mut sources, Target::Autotask);
    let step = &plan(&journey)[4];
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].code.code, "JC502");
    let deliverable = step.deliverable.as_ref().expect("deliverable");
    assert_eq!(
        problems[0].primary.span, deliverable.span,
        "points at the deliverable"
    );
}

#[test]
fn a_journey_name_too_long_for_an_autotask_library_is_reported_at_the_name() {
    let (mut sources, mut journey) = load_journey(EXAMPLE);
    let header = journey.journey.as_mut().expect("the example has a header");
    header.value.name.value = "j".repeat(90);
    let problems = build_problems(&journey, &mut sources, Target::Autotask);
    let header = journey.journey.as_ref().expect("header");
    // Both libraries carry the journey name; each is reported.
    assert_eq!(problems.len(), 2, "{problems:?}");
    for problem in &problems {
        assert_eq!(problem.code.code, "JC502");
        assert_eq!(problem.primary.span, header.name.span);
    }
}
