//! ConnectWise PSA artifacts: the onboarding plan as a project template and
//! as ticket tasks, and the delivery touchpoints as ticket tasks.
//!
//! Files, relative to the output directory:
//!
//! - `connectwise/project-template.json`: one `ProjectTemplate` (`template`)
//!   with one `ProjectTemplatePhase` per handoff pillar, in the domain's
//!   pillar order (sales promise, delivery execution, client requirements).
//!   Each phase lists its `ProjectTemplateTicket`s, one per plan step, by due
//!   day; each ticket lists its `ProjectTemplateTask`s. Phases, tickets and
//!   tasks are nested because the vendor assigns the ids that link them
//!   (`projectTemplatePhaseId`) only at import time.
//! - `connectwise/ticket-tasks/onboarding.json`: a `ServiceTask` per plan
//!   step, by due day, for shops that run onboarding on one service ticket.
//! - `connectwise/ticket-tasks/delivery.json`: a `ServiceTask` per touchpoint
//!   of the delivery stage(s), in journey order.
//! - `connectwise/IMPORT.md`: the order of the REST calls and what is left to
//!   the importer.
//!
//! Every payload follows the hand extract of the vendor's schema (kept for
//! the tests in `tests/vendor/connectwise/`) and uses only fields it lists. Decisions a reader may look for:
//!
//! - PSA order is `View::plan`: by due day, ties in declaration order. A
//!   ticket's `lineNumber` is its place in that order across phases, so the
//!   workplan can be sorted by due day; within a phase, tickets follow it too.
//! - Owners are not assigned as ConnectWise members: a member reference needs
//!   the instance's member id, which the journey does not know. The owner's
//!   name and e-mail (resolved through `View::owner`) go into the notes with
//!   the due day as the plan counts it, "day 4 (business days)" (day 0 is
//!   the kickoff meeting).
//! - Dependencies are not written as predecessors, because the extract lists
//!   no predecessor fields; they become the first task of the ticket, naming
//!   the steps to finish first. The deliverable and the touchpoint to record
//!   are the other tasks.
//! - `budgetHours` is left out: the journey gives no effort estimates, and a
//!   made-up figure would be worse than none.
//! - ConnectWise states text limits only in its descriptions, so the JSON
//!   Schema does not enforce them; this module does, as JC502 diagnostics at
//!   the journey value: ticket description 100 characters (the step name),
//!   template name 200 (built from the journey name).

use super::psa::ServiceTask;
use serde::Serialize;

use super::{Emit, View, psa};
use crate::diagnostic::Diagnostic;
use crate::model::{PillarKind, PlanStep, Touchpoint};

/// `ProjectTemplate.name`: "Max length: 200".
const TEMPLATE_NAME_MAX: usize = 200;
/// `ProjectTemplateTicket.description`: "Max length: 100".
const TICKET_DESCRIPTION_MAX: usize = 100;

pub fn emit(emit: Emit<'_, '_>) {
    let Emit { view, out, .. } = emit;

    let (template, problems) = project_template(view);
    for problem in problems {
        out.problem(problem);
    }
    out.json("connectwise/project-template.json", &template);

    let onboarding: Vec<ServiceTask> = view
        .plan
        .iter()
        .zip(1..)
        .map(|(step, priority)| ServiceTask::new(step_task_notes(view, step), priority))
        .collect();
    out.json("connectwise/ticket-tasks/onboarding.json", &onboarding);

    let delivery: Vec<ServiceTask> = psa::delivery_touchpoints(view)
        .into_iter()
        .zip(1..)
        .map(|(touchpoint, priority)| {
            ServiceTask::new(touchpoint_task_notes(view, touchpoint), priority)
        })
        .collect();
    out.json("connectwise/ticket-tasks/delivery.json", &delivery);

    out.file(
        "connectwise/IMPORT.md",
        import_guide(&template, onboarding.len(), delivery.len()),
    );
}

/// `connectwise/project-template.json`: the template and its workplan.
#[derive(Serialize)]
struct TemplateFile {
    template: ProjectTemplate,
    phases: Vec<PhaseEntry>,
}

#[derive(Serialize)]
struct PhaseEntry {
    phase: ProjectTemplatePhase,
    tickets: Vec<TicketEntry>,
}

#[derive(Serialize)]
struct TicketEntry {
    ticket: ProjectTemplateTicket,
    tasks: Vec<ProjectTemplateTask>,
}

#[derive(Serialize)]
struct ProjectTemplate {
    name: String,
    description: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ProjectTemplatePhase {
    description: String,
    notes: String,
    wbs_code: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ProjectTemplateTicket {
    description: String,
    notes: String,
    wbs_code: String,
    line_number: u32,
}

#[derive(Serialize)]
struct ProjectTemplateTask {
    description: String,
    sequence: u32,
}

impl ServiceTask {
    fn new(notes: String, priority: u32) -> ServiceTask {
        ServiceTask {
            notes,
            priority,
            closed_flag: false,
        }
    }
}

// FIXME: plan dependencies are not written as ticket predecessors (the
// ConnectWise extract we validate against has no predecessor fields), and
// no members or budget hours are set (instance ids; no effort in the journey).
fn project_template(view: &View<'_>) -> (TemplateFile, Vec<Diagnostic>) {
    let mut problems = Vec::new();

    let journey_name = view.journey.journey.as_ref().map(|h| &h.name);
    let name = format!(
        "{}: onboarding",
        journey_name.map_or("Journey", |n| n.as_str())
    );
    if let Some(journey_name) = journey_name
        && name.chars().count() > TEMPLATE_NAME_MAX
    {
        problems.push(psa::too_long(
            "ConnectWise",
            journey_name,
            "journey name",
            "ConnectWise project template name",
            &name,
            TEMPLATE_NAME_MAX,
        ));
    }
    let journey_id = view
        .journey
        .journey
        .as_ref()
        .map_or("journey", |h| h.id.as_str());
    let last_day = view
        .plan
        .iter()
        .filter_map(|s| s.due_day.as_ref())
        .map(|d| d.value)
        .max();
    let description = format!(
        "Onboarding plan of the journey `{journey_id}`: {} steps{}, day 0 being the kickoff \
         meeting. Generated by journeyc; change the journey file, not this template.",
        view.plan.len(),
        last_day.map_or_else(String::new, |d| format!(" due within {d} days")),
    );

    // Steps without a pillar cannot pass `check` (JC416); if one gets here
    // anyway it goes into a last phase rather than disappear.
    let mut groups: Vec<Option<PillarKind>> = PillarKind::ALL.into_iter().map(Some).collect();
    groups.push(None);

    let mut phases = Vec::new();
    for pillar in groups {
        let steps: Vec<(u32, &PlanStep)> = (1..)
            .zip(view.plan.iter().copied())
            .filter(|(_, s)| s.pillar.as_ref().map(|p| p.value) == pillar)
            .collect();
        if steps.is_empty() {
            continue;
        }
        let phase_number = phases.len() + 1;

        let mut tickets = Vec::new();
        for ((line_number, step), ticket_number) in steps.into_iter().zip(1..) {
            if step.name.chars().count() > TICKET_DESCRIPTION_MAX {
                problems.push(psa::too_long(
                    "ConnectWise",
                    &step.name,
                    "plan step name",
                    "ConnectWise project ticket description",
                    &step.name,
                    TICKET_DESCRIPTION_MAX,
                ));
            }
            tickets.push(TicketEntry {
                ticket: ProjectTemplateTicket {
                    description: step.name.value.clone(),
                    notes: ticket_notes(view, step),
                    wbs_code: format!("{phase_number}.{ticket_number}"),
                    line_number,
                },
                tasks: ticket_tasks(view, step),
            });
        }

        phases.push(PhaseEntry {
            phase: ProjectTemplatePhase {
                description: pillar
                    .map_or("Steps without a pillar", pillar_title)
                    .to_owned(),
                notes: pillar.map_or_else(String::new, |p| phase_notes(view, p)),
                wbs_code: phase_number.to_string(),
            },
            tickets,
        });
    }

    (
        TemplateFile {
            template: ProjectTemplate { name, description },
            phases,
        },
        problems,
    )
}

fn pillar_title(pillar: PillarKind) -> &'static str {
    match pillar {
        PillarKind::SalesPromise => "Sales promise",
        PillarKind::DeliveryExecution => "Delivery execution",
        PillarKind::ClientRequirements => "Client requirements",
    }
}

/// The pillar's deliverable, owner and scope, as the journey states them.
fn phase_notes(view: &View<'_>, kind: PillarKind) -> String {
    let Some(pillar) = view
        .journey
        .onboarding
        .iter()
        .flat_map(|o| &o.pillars)
        .find(|p| p.pillar.value == kind)
    else {
        return String::new();
    };
    let mut lines = Vec::new();
    if let Some(deliverable) = &pillar.deliverable {
        lines.push(format!("Deliverable: {}", deliverable.as_str()));
    }
    if let Some(owner) = &pillar.owner {
        lines.push(format!("Owner: {}", psa::person(view, owner.as_str())));
    }
    if !pillar.covers.is_empty() {
        let covers: Vec<&str> = pillar.covers.iter().map(|c| c.as_str()).collect();
        lines.push(format!("Covers: {}", covers.join("; ")));
    }
    lines.join("\n")
}

fn ticket_notes(view: &View<'_>, step: &PlanStep) -> String {
    let mut lines = vec![
        format!("Owner: {}", psa::owners(view, step.owner.as_ref())),
        format!("Due: {}", psa::due(step)),
    ];
    if step.milestone.as_ref().is_some_and(|m| m.value) {
        lines.push("Milestone: tell the client when it is done".to_owned());
    }
    lines.push(format!("Journey step: {}", step.id));
    lines.join("\n")
}

/// The work of a step, in the order it is done: check the prerequisites,
/// produce the deliverable, record the touchpoint.
fn ticket_tasks(view: &View<'_>, step: &PlanStep) -> Vec<ProjectTemplateTask> {
    let mut descriptions = Vec::new();
    if !step.depends_on.is_empty() {
        let names: Vec<&str> = step
            .depends_on
            .iter()
            .map(|id| {
                view.plan
                    .iter()
                    .find(|s| s.id.as_str() == id.as_str())
                    .map_or(id.as_str(), |s| s.name.as_str())
            })
            .collect();
        descriptions.push(format!("Check these steps are done: {}", names.join("; ")));
    }
    if let Some(deliverable) = &step.deliverable {
        descriptions.push(format!("Deliver: {}", deliverable.as_str()));
    }
    if let Some(touchpoint) = step
        .touchpoint
        .as_ref()
        .and_then(|id| find_touchpoint(view, id.as_str()))
    {
        descriptions.push(format!(
            "Record the touchpoint: {}",
            touchpoint_record(view, touchpoint)
        ));
    }
    descriptions
        .into_iter()
        .zip(1..)
        .map(|(description, sequence)| ProjectTemplateTask {
            description,
            sequence,
        })
        .collect()
}

fn step_task_notes(view: &View<'_>, step: &PlanStep) -> String {
    let mut notes = format!(
        "{}. Owner: {}. Due {}.",
        step.name.as_str(),
        psa::owners(view, step.owner.as_ref()),
        psa::due(step)
    );
    if let Some(deliverable) = &step.deliverable {
        notes.push_str(&format!(" Deliverable: {}.", deliverable.as_str()));
    }
    if step.milestone.as_ref().is_some_and(|m| m.value) {
        notes.push_str(" Milestone: tell the client when it is done.");
    }
    notes
}

fn touchpoint_task_notes(view: &View<'_>, touchpoint: &Touchpoint) -> String {
    let mut notes = format!(
        "{}. Owner: {}.",
        touchpoint.name.as_str(),
        psa::owners(view, touchpoint.owner.as_ref())
    );
    if let Some(artifact) = &touchpoint.artifact {
        notes.push_str(&format!(" Produces: {}.", artifact.as_str()));
    }
    if let Some(trigger) = &touchpoint.trigger {
        notes.push_str(&format!(" Trigger: {}.", trigger.as_str()));
    }
    if let Some(event) = touchpoint
        .event
        .as_ref()
        .and_then(|id| view.event(id.as_str()))
    {
        notes.push_str(&format!(" Logged as: {}.", event_record(view, event)));
    }
    if touchpoint.is_trust_moment() {
        notes.push_str(" A moment that shapes trust.");
    }
    notes
}

fn touchpoint_record(view: &View<'_>, touchpoint: &Touchpoint) -> String {
    match touchpoint
        .event
        .as_ref()
        .and_then(|id| view.event(id.as_str()))
    {
        Some(event) => format!(
            "{} (logged as {})",
            touchpoint.name.as_str(),
            event_record(view, event)
        ),
        None => touchpoint.name.value.clone(),
    }
}

fn event_record(view: &View<'_>, event: &crate::model::Event) -> String {
    let system = event
        .system
        .as_ref()
        .and_then(|id| view.system(id.as_str()));
    match system {
        Some(system) => format!("event `{}` in {}", event.id, system.name.as_str()),
        None => format!("event `{}`", event.id),
    }
}

fn find_touchpoint<'a>(view: &View<'a>, id: &str) -> Option<&'a Touchpoint> {
    view.journey
        .touchpoints
        .iter()
        .find(|t| t.id.as_str() == id)
}

fn import_guide(template: &TemplateFile, onboarding_tasks: usize, delivery_tasks: usize) -> String {
    let tickets: usize = template.phases.iter().map(|p| p.tickets.len()).sum();
    format!(
        "# Importing into ConnectWise PSA

Generated by journeyc from the journey file; rebuild instead of editing.
ConnectWise has no bulk import for templates or ticket tasks, so these files
are REST API request bodies (`application/json`, API 3.0).

## project-template.json

The project template `{name}`:
{phases} phases, one per onboarding pillar, and {tickets} tickets, one per
onboarding plan step.

1. `POST /project/projectTemplates` with `template`; keep the returned `id`.
2. For each entry of `phases`: `POST
   /project/projectTemplates/{{id}}/projectTemplatePhases` with `phase`; keep
   the phase `id`.
3. For each of its `tickets`: set `projectTemplatePhaseId` to that phase id,
   then `POST /project/projectTemplates/{{id}}/projectTemplateTickets` with
   `ticket`; keep the ticket `id`.
4. For each of its `tasks`: `POST
   /project/projectTemplates/{{id}}/projectTemplateTickets/{{ticketId}}/tasks`.

`lineNumber` is the ticket's place in due-day order across all phases.
Owners and due days are in each ticket's `notes` (day 0 is the kickoff
meeting); members are not assigned because member ids differ per instance.
Dependencies between steps are the first task of a ticket, not
predecessors: add predecessors in the workplan if you schedule by them.

## ticket-tasks/onboarding.json

{onboarding_tasks} tasks, one per onboarding plan step in due-day order, for running
onboarding on one service ticket: `POST /service/tickets/{{ticketId}}/tasks`
with each element in turn.

## ticket-tasks/delivery.json

{delivery_tasks} tasks, one per touchpoint of the delivery stage, for the client's
recurring service ticket: `POST /service/tickets/{{ticketId}}/tasks` with
each element in turn.
",
        name = template.template.name,
        phases = template.phases.len(),
    )
}
