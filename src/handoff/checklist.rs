//! The dated 90-day onboarding checklist for one client, in the four forms
//! the account team works in. Every plan step appears exactly once in each,
//! in `Prepared::steps` order (by due date, ties in declaration order), with
//! its owner resolved to a person and its due date counted from the kickoff.
//!
//! Files, relative to the handoff output directory:
//!
//! - `checklist.md`: a header (client, deal, signature, kickoff, package, SLA
//!   tier, seats) and a `- [ ]` item per step, grouped by the periods of the
//!   90-day plan: week 1 (days 0–7), weeks 2–4 (days 8–29), days 30–60,
//!   days 61–90, and after day 90 if the plan goes on. The periods count
//!   calendar days from the kickoff to the due date, so a step of "5
//!   business days" lands in week 1 whatever weekday the kickoff is on.
//!   Grouping by period rather than by pillar keeps the list in the order the
//!   work is done; the pillar is on each item.
//! - `checklist.csv`: RFC 4180 (CRLF line ends, a header row, fields quoted
//!   only when they hold a comma, a quote or a line break), one row per step.
//! - `checklist.connectwise.json`: an array of ConnectWise `ServiceTask`
//!   request bodies for the client's onboarding ticket, `priority` 1, 2, …
//!   in due order, owner and due date in `notes` (tasks have no assignee
//!   that journeyc could fill: member ids differ per instance).
//! - `checklist.autotask.json`: Autotask checklist libraries for the client,
//!   in the shape `journeyc build` writes (`{"notes", "libraries": [{"library",
//!   "items"}]}`), with the same conventions: `entityType` is the placeholder
//!   0 until the importer resolves it, items carry no `checklistLibraryID`,
//!   and a library holds at most 40 items, a longer plan being split into
//!   near-equal parts named "(part 1 of 2)" and so on. Text limits the vendor
//!   would refuse (library name 100 characters, description 500, item name
//!   600) are JC502 diagnostics at the deal or journey value to shorten.

use crate::build::psa::{
    ChecklistItem, ChecklistLibrary, LibrariesFile, LibraryEntry, ServiceTask,
};

use super::{DatedStep, Person, Prepared};
use crate::build::psa;
use crate::build::{Output, csv_record};
use crate::diagnostic::Diagnostic;
use crate::model::{PillarKind, Text};

/// The most items in one Autotask checklist library: Autotask documents 100
/// in one build of its docs and 40 in another, so 40 (as `journeyc build`).
const MAX_ITEMS_PER_LIBRARY: usize = 40;
/// Written as `entityType` until the importer reads the instance's picklist.
const ENTITY_TYPE_PLACEHOLDER: i64 = psa::AUTOTASK_ENTITY_TYPE_PLACEHOLDER;
/// `ChecklistLibrary.name`: string(100).
const LIBRARY_NAME_MAX: usize = 100;
/// `ChecklistLibrary.description`: string(500).
const LIBRARY_DESCRIPTION_MAX: usize = 500;
/// `ChecklistLibraryChecklistItem.itemName`: string(600).
const ITEM_NAME_MAX: usize = 600;

pub fn emit(prepared: &Prepared<'_>, out: &mut Output) {
    let rows: Vec<Row<'_>> = prepared
        .steps
        .iter()
        .map(|s| Row::new(prepared, s))
        .collect();

    out.file("checklist.md", markdown(prepared, &rows));
    out.file("checklist.csv", csv(&rows));
    out.json("checklist.connectwise.json", &connectwise(&rows));

    let mut problems = Vec::new();
    let libraries = autotask(prepared, &rows, &mut problems);
    for problem in problems {
        out.problem(problem);
    }
    out.json("checklist.autotask.json", &libraries);
}

/// A plan step with everything every format says about it.
struct Row<'a> {
    dated: &'a DatedStep<'a>,
    pillar: Option<PillarKind>,
    business_days: bool,
    due_day: u32,
    /// The steps it depends on: id and name.
    depends_on: Vec<(&'a str, &'a str)>,
    milestone: bool,
    /// A milestone, or the step carries out a moment that shapes trust.
    important: bool,
}

impl<'a> Row<'a> {
    fn new(prepared: &Prepared<'a>, dated: &'a DatedStep<'a>) -> Row<'a> {
        let step = dated.step;
        let depends_on = step
            .depends_on
            .iter()
            .map(|id| {
                let name = prepared
                    .steps
                    .iter()
                    .find(|s| s.step.id.value == id.value)
                    .map_or(id.as_str(), |s| s.step.name.as_str());
                (id.as_str(), name)
            })
            .collect();
        let milestone = step.milestone.as_ref().is_some_and(|m| m.value);
        let trust_moment = step.touchpoint.as_ref().is_some_and(|id| {
            prepared
                .journey
                .touchpoints
                .iter()
                .any(|t| t.id.value == id.value && t.is_trust_moment())
        });
        Row {
            dated,
            pillar: step.pillar.as_ref().map(|p| p.value),
            business_days: step.business_days.as_ref().is_some_and(|b| b.value),
            due_day: step.due_day.as_ref().map_or(0, |d| d.value),
            depends_on,
            milestone,
            important: milestone || trust_moment,
        }
    }

    fn id(&self) -> &'a str {
        self.dated.step.id.as_str()
    }

    fn name(&self) -> &'a str {
        self.dated.step.name.as_str()
    }

    fn deliverable(&self) -> Option<&'a str> {
        self.dated.step.deliverable.as_ref().map(|d| d.as_str())
    }

    fn owner(&self) -> &Person {
        &self.dated.owner
    }

    /// "Friday 2026-12-04".
    fn due_date(&self) -> String {
        format!("{} {}", self.dated.due.weekday().name(), self.dated.due)
    }

    /// "day 4, business days": the due day as the plan counts it.
    fn due_rule(&self) -> String {
        let unit = if self.business_days {
            "business"
        } else {
            "calendar"
        };
        format!("day {}, {unit} days", self.due_day)
    }

    /// Owner, due date and deliverable in one line, for the PSA texts.
    fn summary(&self) -> String {
        let mut text = format!(
            "{}. Owner: {}. Due {} ({}).",
            self.name(),
            contact(self.owner()),
            self.due_date(),
            self.due_rule()
        );
        if let Some(deliverable) = self.deliverable() {
            text.push_str(&format!(" Deliverable: {deliverable}."));
        }
        text
    }
}

/// "Name <email>", or the name alone.
fn contact(person: &Person) -> String {
    match &person.email {
        Some(email) => format!("{} <{email}>", person.name),
        None => person.name.clone(),
    }
}

fn pillar_title(pillar: Option<PillarKind>) -> &'static str {
    match pillar {
        Some(PillarKind::SalesPromise) => "Sales promise",
        Some(PillarKind::DeliveryExecution) => "Delivery execution",
        Some(PillarKind::ClientRequirements) => "Client requirements",
        None => "No pillar",
    }
}

// ------------------------------------------------------------------ Markdown

/// The period of the 90-day plan a due date falls in, by calendar days since
/// the kickoff.
fn period(days_after_kickoff: i64) -> &'static str {
    match days_after_kickoff {
        ..=7 => "Week 1 (days 0–7)",
        8..=29 => "Weeks 2–4 (days 8–29)",
        30..=60 => "Days 30–60",
        61..=90 => "Days 61–90",
        _ => "After day 90",
    }
}

fn markdown(prepared: &Prepared<'_>, rows: &[Row<'_>]) -> String {
    let deal = prepared.deal;
    let journey = prepared.journey.journey.as_ref();
    let mut md = format!(
        "# Onboarding checklist: {}\n\n",
        md_text(deal.client.as_str())
    );

    md.push_str("| | |\n| --- | --- |\n");
    let mut fact = |label: &str, value: String| md.push_str(&format!("| {label} | {value} |\n"));
    fact("Client", md_text(deal.client.as_str()));
    fact("Deal", format!("`{}`", deal.id));
    fact(
        "Signed",
        format!("{} {}", prepared.signed.weekday().name(), prepared.signed),
    );
    fact(
        "Kickoff (day 0)",
        format!("{} {}", prepared.kickoff.weekday().name(), prepared.kickoff),
    );
    fact(
        "Service package",
        format!(
            "{} (`{}`)",
            md_text(prepared.package.name.as_str()),
            prepared.package.id
        ),
    );
    fact(
        "SLA tier",
        format!(
            "{} (`{}`)",
            md_text(prepared.sla.name.as_str()),
            prepared.sla.id
        ),
    );
    fact("Seats", deal.seats.value.to_string());
    if let Some(header) = journey {
        fact(
            "Journey",
            format!("{} (`{}`)", md_text(header.name.as_str()), header.id),
        );
    }

    let milestones = rows.iter().filter(|r| r.milestone).count();
    md.push_str(&format!(
        "\n{} steps, {milestones} of them milestones to tell the client about. Due dates count \
         from the kickoff (day 0); business days skip Saturdays and Sundays, not public \
         holidays. Generated by journeyc from the journey and the deal file: regenerate \
         instead of editing.\n",
        rows.len()
    ));

    let mut current = None;
    for row in rows {
        let heading = period(prepared.kickoff.days_until(row.dated.due));
        if current != Some(heading) {
            md.push_str(&format!("\n## {heading}\n\n"));
            current = Some(heading);
        }
        let flag = if row.milestone { " — milestone" } else { "" };
        md.push_str(&format!("- [ ] **{}**{flag}\n", md_text(row.name())));
        md.push_str(&format!(
            "  - Due: {} ({})\n",
            row.due_date(),
            row.due_rule()
        ));
        let owner = row.owner();
        let email = owner
            .email
            .as_ref()
            .map_or_else(String::new, |e| format!(" ({})", md_text(e)));
        md.push_str(&format!("  - Owner: {}{email}\n", md_text(&owner.name)));
        md.push_str(&format!("  - Pillar: {}\n", pillar_title(row.pillar)));
        if !row.depends_on.is_empty() {
            let names: Vec<String> = row
                .depends_on
                .iter()
                .map(|(_, name)| md_text(name))
                .collect();
            md.push_str(&format!("  - After: {}\n", names.join("; ")));
        }
        if let Some(deliverable) = row.deliverable() {
            md.push_str(&format!("  - Deliverable: {}\n", md_text(deliverable)));
        }
        md.push_str(&format!("  - Plan step: `{}`\n", row.id()));
    }
    md
}

/// Deal and journey text on one Markdown line: `|` would end a table cell
/// and `<` would open raw HTML that some renderers run.
fn md_text(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    line.replace('|', "\\|").replace('<', "&lt;")
}

// ---------------------------------------------------------------------- CSV

const CSV_HEADER: [&str; 12] = [
    "step_id",
    "name",
    "pillar",
    "owner_name",
    "owner_email",
    "due_date",
    "due_weekday",
    "due_day",
    "business_days",
    "depends_on",
    "deliverable",
    "milestone",
];

fn csv(rows: &[Row<'_>]) -> String {
    let mut csv = String::new();
    csv_record(&mut csv, CSV_HEADER.iter().map(|h| (*h).to_owned()));
    for row in rows {
        let depends_on: Vec<&str> = row.depends_on.iter().map(|(id, _)| *id).collect();
        csv_record(
            &mut csv,
            [
                row.id().to_owned(),
                row.name().to_owned(),
                row.pillar.map_or("", PillarKind::as_str).to_owned(),
                row.owner().name.clone(),
                row.owner().email.clone().unwrap_or_default(),
                row.dated.due.to_string(),
                row.dated.due.weekday().name().to_owned(),
                row.due_day.to_string(),
                row.business_days.to_string(),
                depends_on.join(";"),
                row.deliverable().unwrap_or_default().to_owned(),
                row.milestone.to_string(),
            ],
        );
    }
    csv
}

// --------------------------------------------------------------- ConnectWise

fn connectwise(rows: &[Row<'_>]) -> Vec<ServiceTask> {
    rows.iter()
        .zip(1..)
        .map(|(row, priority)| {
            let mut notes = row.summary();
            if row.milestone {
                notes.push_str(" Milestone: tell the client when it is done.");
            }
            notes.push_str(&format!(" Plan step: {}.", row.id()));
            ServiceTask {
                notes,
                priority,
                closed_flag: false,
            }
        })
        .collect()
}

// ------------------------------------------------------------------ Autotask

const AUTOTASK_NOTES: &[&str] = &[
    "Generated by journeyc from the journey and the deal file; regenerate instead of editing.",
    "entityType is a placeholder (0): before loading, replace it with the picklist value for the \
     entity the library is for, read from GET /V1.0/ChecklistLibraries/entityInformation/fields.",
    "Items have no checklistLibraryID: set it to the itemId returned when their library is \
     created, then POST them in order.",
];

fn autotask(
    prepared: &Prepared<'_>,
    rows: &[Row<'_>],
    problems: &mut Vec<Diagnostic>,
) -> LibrariesFile {
    let deal = prepared.deal;
    let items: Vec<ChecklistItem> = rows
        .iter()
        .map(|row| {
            let item_name = row.summary();
            if item_name.chars().count() > ITEM_NAME_MAX {
                // The longest journey text in the name is the one worth shortening.
                let step = row.dated.step;
                let (at, what) = match &step.deliverable {
                    Some(d) if d.chars().count() > step.name.chars().count() => {
                        (d, "plan step deliverable")
                    }
                    _ => (&step.name, "plan step name"),
                };
                problems.push(too_long(at, what, "item name", &item_name, ITEM_NAME_MAX));
            }
            ChecklistItem {
                item_name,
                is_important: row.important,
                position: 0,
            }
        })
        .collect();

    let parts = psa::split_evenly(items, MAX_ITEMS_PER_LIBRARY);
    let count = parts.len();
    let base = format!("Onboarding: {}", deal.client.as_str());
    let name = |part: usize| {
        if count == 1 {
            base.clone()
        } else {
            format!("{base} (part {part} of {count})")
        }
    };
    let description = format!(
        "The 90-day onboarding plan for {} (deal `{}`), kickoff {}, by due date.",
        deal.client.as_str(),
        deal.id,
        prepared.kickoff
    );
    // The last part has the longest name; checking it covers the others.
    let longest = name(count);
    if longest.chars().count() > LIBRARY_NAME_MAX {
        problems.push(too_long(
            &deal.client,
            "client name",
            "library name",
            &longest,
            LIBRARY_NAME_MAX,
        ));
    }
    if description.chars().count() > LIBRARY_DESCRIPTION_MAX {
        problems.push(too_long(
            &deal.client,
            "client name",
            "library description",
            &description,
            LIBRARY_DESCRIPTION_MAX,
        ));
    }

    let libraries = parts
        .into_iter()
        .zip(1..)
        .map(|(mut items, part)| {
            for (item, position) in items.iter_mut().zip(1..) {
                item.position = position;
            }
            LibraryEntry {
                library: ChecklistLibrary {
                    name: name(part),
                    description: description.clone(),
                    entity_type: ENTITY_TYPE_PLACEHOLDER,
                    is_active: true,
                },
                items,
            }
        })
        .collect();
    LibrariesFile {
        notes: AUTOTASK_NOTES.iter().map(|n| (*n).to_owned()).collect(),
        libraries,
    }
}

/// A deal or journey value makes an Autotask text longer than the vendor
/// accepts: reported at that value.
fn too_long(at: &Text, what: &str, field: &str, value: &str, max: usize) -> Diagnostic {
    psa::too_long(
        "Autotask",
        at,
        what,
        &format!("Autotask checklist {field}"),
        value,
        max,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(fields: &[&str]) -> String {
        let mut csv = String::new();
        csv_record(&mut csv, fields.iter().map(|f| (*f).to_owned()));
        csv
    }

    #[test]
    fn csv_quotes_only_what_needs_quoting() {
        assert_eq!(
            record(&["plain", "a,b", "say \"hi\"", "two\nlines", ""]),
            "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n"
        );
    }

    #[test]
    fn periods_follow_the_90_day_plan() {
        let names: Vec<&str> = [0, 7, 8, 29, 30, 60, 61, 90, 91]
            .into_iter()
            .map(period)
            .collect();
        assert_eq!(
            names,
            [
                "Week 1 (days 0–7)",
                "Week 1 (days 0–7)",
                "Weeks 2–4 (days 8–29)",
                "Weeks 2–4 (days 8–29)",
                "Days 30–60",
                "Days 30–60",
                "Days 61–90",
                "Days 61–90",
                "After day 90"
            ]
        );
    }

    #[test]
    fn splits_into_near_equal_parts_in_order() {
        let sizes = |n: usize| -> Vec<usize> {
            psa::split_evenly((0..n).collect(), 40)
                .iter()
                .map(Vec::len)
                .collect()
        };
        assert_eq!(sizes(0), Vec::<usize>::new());
        assert_eq!(sizes(40), [40]);
        assert_eq!(sizes(41), [21, 20]);
        assert_eq!(sizes(81), [27, 27, 27]);
        let flat: Vec<usize> = psa::split_evenly((0..83).collect(), 40)
            .into_iter()
            .flatten()
            .collect();
        assert_eq!(flat, (0..83).collect::<Vec<_>>());
    }

    #[test]
    fn markdown_text_stays_on_one_line_and_out_of_html() {
        assert_eq!(md_text("a |b|\n <script>"), "a \\|b\\| &lt;script>");
    }
}
