//! The dated onboarding checklist (`checklist.md`, `.csv`,
//! `.connectwise.json`, `.autotask.json`) and the milestone calendar
//! (`milestones.ics`) of `journeyc handoff`.
//!
//! Deals are built in code on the shipped example journey, with kickoffs
//! chosen to cross month ends, weekends and the 2028 leap day. Expected due
//! dates are written out by hand (worked out on a calendar, not with the
//! crate's date code), so a wrong date computation cannot agree with itself.
//! The calendar is read back with the `icalendar` crate's parser; the PSA
//! payloads are validated against the vendor extracts in `tests/vendor/`.

mod support;

#[path = "handoff_checklist/calendar.rs"]
mod calendar;
#[path = "handoff_checklist/psa.rs"]
mod psa;

use std::collections::BTreeMap;

use journeyc::build::Templates;
use journeyc::handoff::deal::{Assignment, Contact, Deal};
use journeyc::model::{Date, Ident, Journey, PlanStep, Spanned};
use journeyc::source::{SourceSet, Span};
use support::load_journey;

const EXAMPLE: &str = "examples/msp-finance";

/// A client name with every character iCalendar TEXT and CSV must escape or
/// quote, and non-ASCII letters, long enough that calendar lines fold.
const AWKWARD_CLIENT: &str = "Caisse Populaire Déjà-Vü; \"Crédit\", Mutuel \\ Ōtsu";

/// The team member standing in for `jorge-mendes`, with a comma and quotes
/// for the CSV.
const STAND_IN: &str = "Jo \"JM\" Mendes, Jr.";
const STAND_IN_EMAIL: &str = "jm@client-msp.example";

fn spanned<T>(value: T) -> Spanned<T> {
    Spanned::new(value, Span::default())
}

fn id(text: &str) -> Spanned<Ident> {
    spanned(Ident(text.to_owned()))
}

/// A deal on the example journey: every committee role has a contact, and
/// `jorge-mendes` is replaced by [`STAND_IN`].
fn deal(journey: &Journey, client: &str, signed: &str, kickoff: &str) -> Deal {
    let segment = journey.segment.as_ref().expect("the example has a segment");
    Deal {
        schema: None,
        id: id("test-deal"),
        client: spanned(client.to_owned()),
        segment: id(segment.id.as_str()),
        seats: spanned(60),
        signed_on: spanned(Date(signed.to_owned())),
        kickoff_on: spanned(Date(kickoff.to_owned())),
        package: id("managed-secure-plus"),
        sla_tier: id("gold"),
        scope: Vec::new(),
        security_posture: Vec::new(),
        predicted_roi: None,
        promises: Vec::new(),
        contacts: journey
            .committee
            .iter()
            .map(|role| Contact {
                role: id(role.id.as_str()),
                name: spanned(format!("Contact for {}", role.id)),
                title: None,
                email: None,
                phone: None,
            })
            .collect(),
        team: vec![Assignment {
            owner: id("jorge-mendes"),
            name: spanned(STAND_IN.to_owned()),
            email: Some(spanned(STAND_IN_EMAIL.to_owned())),
        }],
    }
}

/// The handoff files for `deal`, by path.
fn generate(journey: &Journey, deal: &Deal, sources: &mut SourceSet) -> BTreeMap<String, String> {
    let prepared = journeyc::handoff::prepare(journey, deal).unwrap_or_else(|problems| {
        let lines: Vec<String> = problems
            .iter()
            .map(|d| journeyc::render::concise(sources, d))
            .collect();
        panic!("the deal does not check:\n{}", lines.join("\n"))
    });
    let artifacts = journeyc::handoff::generate(&prepared, &Templates::default(), sources)
        .unwrap_or_else(|problems| {
            let lines: Vec<String> = problems
                .iter()
                .map(|d| journeyc::render::concise(sources, d))
                .collect();
            panic!("the handoff is refused:\n{}", lines.join("\n"))
        });
    artifacts
        .into_iter()
        .map(|a| {
            (
                a.path,
                String::from_utf8(a.contents).expect("every handoff file is UTF-8"),
            )
        })
        .collect()
}

fn file<'f>(files: &'f BTreeMap<String, String>, path: &str) -> &'f str {
    files
        .get(path)
        .unwrap_or_else(|| panic!("{path} was not generated"))
}

fn plan(journey: &Journey) -> &[PlanStep] {
    &journey
        .onboarding
        .as_ref()
        .expect("the example has an onboarding plan")
        .plan
}

fn is_milestone(step: &PlanStep) -> bool {
    step.milestone.as_ref().is_some_and(|m| m.value)
}

/// One kickoff and the due date of each example plan step: (step, due day,
/// counted in business days, due date, weekday).
struct Case {
    signed: &'static str,
    kickoff: &'static str,
    due: [(&'static str, u32, bool, &'static str, &'static str); 14],
}

const CASES: [Case; 3] = [
    // A Friday kickoff, three days before the end of November: business days
    // cross the weekend and the month end, calendar days the year end.
    Case {
        signed: "2026-11-20",
        kickoff: "2026-11-27",
        due: [
            ("handoff-memo-signed", 0, false, "2026-11-27", "Friday"),
            ("kickoff-held", 0, false, "2026-11-27", "Friday"),
            (
                "access-checklist-complete",
                2,
                true,
                "2026-12-01",
                "Tuesday",
            ),
            (
                "staff-announcement-sent",
                3,
                true,
                "2026-12-02",
                "Wednesday",
            ),
            ("discovery-complete", 4, true, "2026-12-03", "Thursday"),
            ("risk-register-published", 5, true, "2026-12-04", "Friday"),
            (
                "communication-cadence-agreed",
                10,
                false,
                "2026-12-07",
                "Monday",
            ),
            ("rmm-edr-deployed", 14, false, "2026-12-11", "Friday"),
            ("mfa-enforced", 21, false, "2026-12-18", "Friday"),
            ("tooling-rolled-out", 28, false, "2026-12-25", "Friday"),
            (
                "implementation-roadmap-delivered",
                30,
                false,
                "2026-12-27",
                "Sunday",
            ),
            (
                "onboarding-nps-collected",
                45,
                false,
                "2027-01-11",
                "Monday",
            ),
            ("first-qbr-held", 60, false, "2027-01-26", "Tuesday"),
            ("onboarding-closed", 90, false, "2027-02-25", "Thursday"),
        ],
    },
    // A Friday kickoff before the 2028 leap day: two business days land on
    // 29 February, calendar days count it.
    Case {
        signed: "2028-02-25",
        kickoff: "2028-02-25",
        due: [
            ("handoff-memo-signed", 0, false, "2028-02-25", "Friday"),
            ("kickoff-held", 0, false, "2028-02-25", "Friday"),
            (
                "access-checklist-complete",
                2,
                true,
                "2028-02-29",
                "Tuesday",
            ),
            (
                "staff-announcement-sent",
                3,
                true,
                "2028-03-01",
                "Wednesday",
            ),
            ("discovery-complete", 4, true, "2028-03-02", "Thursday"),
            ("risk-register-published", 5, true, "2028-03-03", "Friday"),
            (
                "communication-cadence-agreed",
                10,
                false,
                "2028-03-06",
                "Monday",
            ),
            ("rmm-edr-deployed", 14, false, "2028-03-10", "Friday"),
            ("mfa-enforced", 21, false, "2028-03-17", "Friday"),
            ("tooling-rolled-out", 28, false, "2028-03-24", "Friday"),
            (
                "implementation-roadmap-delivered",
                30,
                false,
                "2028-03-26",
                "Sunday",
            ),
            (
                "onboarding-nps-collected",
                45,
                false,
                "2028-04-10",
                "Monday",
            ),
            ("first-qbr-held", 60, false, "2028-04-25", "Tuesday"),
            ("onboarding-closed", 90, false, "2028-05-25", "Thursday"),
        ],
    },
    // A Saturday kickoff at the end of January 2027: business days start on
    // Monday, calendar days cross a 28-day February.
    Case {
        signed: "2027-01-15",
        kickoff: "2027-01-30",
        due: [
            ("handoff-memo-signed", 0, false, "2027-01-30", "Saturday"),
            ("kickoff-held", 0, false, "2027-01-30", "Saturday"),
            (
                "access-checklist-complete",
                2,
                true,
                "2027-02-02",
                "Tuesday",
            ),
            (
                "staff-announcement-sent",
                3,
                true,
                "2027-02-03",
                "Wednesday",
            ),
            ("discovery-complete", 4, true, "2027-02-04", "Thursday"),
            ("risk-register-published", 5, true, "2027-02-05", "Friday"),
            (
                "communication-cadence-agreed",
                10,
                false,
                "2027-02-09",
                "Tuesday",
            ),
            ("rmm-edr-deployed", 14, false, "2027-02-13", "Saturday"),
            ("mfa-enforced", 21, false, "2027-02-20", "Saturday"),
            ("tooling-rolled-out", 28, false, "2027-02-27", "Saturday"),
            (
                "implementation-roadmap-delivered",
                30,
                false,
                "2027-03-01",
                "Monday",
            ),
            (
                "onboarding-nps-collected",
                45,
                false,
                "2027-03-16",
                "Tuesday",
            ),
            ("first-qbr-held", 60, false, "2027-03-31", "Wednesday"),
            ("onboarding-closed", 90, false, "2027-04-30", "Friday"),
        ],
    },
];

/// The example plan is the one the expected dates were worked out for.
fn assert_plan_matches(journey: &Journey, case: &Case) {
    let steps = plan(journey);
    assert_eq!(
        steps.len(),
        case.due.len(),
        "the example plan has {} steps",
        case.due.len()
    );
    for (step_id, day, business, _, _) in case.due {
        let step = steps
            .iter()
            .find(|s| s.id.as_str() == step_id)
            .unwrap_or_else(|| panic!("the example plan has `{step_id}`"));
        assert_eq!(
            step.due_day.as_ref().map(|d| d.value),
            Some(day),
            "`{step_id}` due day"
        );
        assert_eq!(
            step.business_days.as_ref().is_some_and(|b| b.value),
            business,
            "`{step_id}` business days"
        );
    }
}

// ---------------------------------------------------------------------- CSV

/// A strict RFC 4180 reader: CRLF record ends, quoted fields with doubled
/// quotes, nothing after a closing quote but a comma or the record end.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut at_field_start = true;
    while let Some(c) = chars.next() {
        match c {
            '"' if at_field_start => {
                loop {
                    match chars.next().expect("a quoted field is closed") {
                        '"' if chars.peek() == Some(&'"') => {
                            chars.next();
                            field.push('"');
                        }
                        '"' => break,
                        other => field.push(other),
                    }
                }
                assert!(
                    matches!(chars.peek(), Some(',' | '\r')),
                    "a closing quote ends its field"
                );
                at_field_start = false;
            }
            '"' => panic!("a quote inside an unquoted field: {field}"),
            ',' => {
                record.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\r' => {
                assert_eq!(chars.next(), Some('\n'), "records end in CRLF");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                at_field_start = true;
            }
            '\n' => panic!("a bare LF outside quotes"),
            other => {
                field.push(other);
                at_field_start = false;
            }
        }
    }
    assert!(
        record.is_empty() && field.is_empty(),
        "the last record ends in CRLF"
    );
    records
}

/// The CSV as maps from header to value.
fn csv_rows(text: &str) -> Vec<BTreeMap<String, String>> {
    let records = read_csv(text);
    let header = &records[0];
    records[1..]
        .iter()
        .map(|r| {
            assert_eq!(
                r.len(),
                header.len(),
                "every record has every column: {r:?}"
            );
            header.iter().cloned().zip(r.iter().cloned()).collect()
        })
        .collect()
}

#[test]
fn due_dates_cross_month_ends_weekends_and_leap_days() {
    let (mut sources, journey) = load_journey(EXAMPLE);
    for case in &CASES {
        assert_plan_matches(&journey, case);
        let deal = deal(&journey, "Acme Credit Union", case.signed, case.kickoff);
        let files = generate(&journey, &deal, &mut sources);
        let rows = csv_rows(file(&files, "checklist.csv"));
        let markdown = file(&files, "checklist.md");

        for (step_id, day, business, date, weekday) in case.due {
            let row = rows
                .iter()
                .find(|r| r["step_id"] == step_id)
                .unwrap_or_else(|| panic!("`{step_id}` is in the CSV"));
            assert_eq!(
                (row["due_date"].as_str(), row["due_weekday"].as_str()),
                (date, weekday),
                "`{step_id}` from a kickoff on {}",
                case.kickoff
            );
            assert_eq!(row["due_day"], day.to_string());
            assert_eq!(row["business_days"], business.to_string());
            let unit = if business { "business" } else { "calendar" };
            let item = format!("  - Due: {weekday} {date} (day {day}, {unit} days)\n");
            assert!(
                markdown.contains(&item),
                "the checklist shows `{item}`:\n{markdown}"
            );
        }

        // Rows are in due order.
        let dates: Vec<&str> = rows.iter().map(|r| r["due_date"].as_str()).collect();
        assert!(dates.is_sorted(), "rows in due order: {dates:?}");
    }
}

#[test]
fn csv_quotes_fields_and_resolves_owners() {
    let (mut sources, journey) = load_journey(EXAMPLE);
    let case = &CASES[0];
    let files = generate(
        &journey,
        &deal(&journey, AWKWARD_CLIENT, case.signed, case.kickoff),
        &mut sources,
    );
    let text = file(&files, "checklist.csv");

    let records = read_csv(text);
    assert_eq!(
        records[0],
        [
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
            "milestone"
        ]
    );
    let rows = csv_rows(text);
    for step in plan(&journey) {
        let row = rows
            .iter()
            .find(|r| r["step_id"] == step.id.as_str())
            .expect("each step has a row");
        assert_eq!(row["name"], step.name.as_str());
        assert_eq!(
            row["pillar"],
            step.pillar.as_ref().expect("pillar").value.as_str()
        );
        assert_eq!(
            row["deliverable"],
            step.deliverable.as_ref().map_or("", |d| d.as_str())
        );
        assert_eq!(row["milestone"], is_milestone(step).to_string());
        let depends: Vec<&str> = step.depends_on.iter().map(|d| d.as_str()).collect();
        assert_eq!(row["depends_on"], depends.join(";"));

        let owner = &step.owner.as_ref().expect("owner").0[0];
        if owner.as_str() == "jorge-mendes" {
            // The deal's team member replaces the journey owner, and the
            // quotes and comma of the name survive.
            assert_eq!(
                (row["owner_name"].as_str(), row["owner_email"].as_str()),
                (STAND_IN, STAND_IN_EMAIL)
            );
        } else {
            let declared = journey
                .owners
                .iter()
                .find(|o| o.id == *owner)
                .expect("declared owner");
            assert_eq!(row["owner_name"], declared.name.as_str());
            assert_eq!(
                row["owner_email"],
                declared.email.as_ref().map_or("", |e| e.as_str())
            );
        }
    }

    // The stand-in's name is quoted with doubled quotes on the wire.
    assert!(text.contains("\"Jo \"\"JM\"\" Mendes, Jr.\""), "{text}");
}

// ------------------------------------------------------------------ Markdown

#[test]
fn the_markdown_checklist_has_the_header_and_the_plan_periods() {
    let (mut sources, journey) = load_journey(EXAMPLE);
    let case = &CASES[0];
    let files = generate(
        &journey,
        &deal(&journey, "Acme Credit Union", case.signed, case.kickoff),
        &mut sources,
    );
    let markdown = file(&files, "checklist.md");

    for fact in [
        "# Onboarding checklist: Acme Credit Union\n",
        "| Client | Acme Credit Union |\n",
        "| Deal | `test-deal` |\n",
        "| Signed | Friday 2026-11-20 |\n",
        "| Kickoff (day 0) | Friday 2026-11-27 |\n",
        "| Service package | Managed Secure Plus (`managed-secure-plus`) |\n",
        "| SLA tier | Gold (`gold`) |\n",
        "| Seats | 60 |\n",
    ] {
        assert!(
            markdown.contains(fact),
            "the header has `{}`:\n{markdown}",
            fact.trim_end()
        );
    }

    // Periods in order; each step under the period of its due date.
    let headings: Vec<&str> = markdown
        .lines()
        .filter_map(|l| l.strip_prefix("## "))
        .collect();
    assert_eq!(
        headings,
        [
            "Week 1 (days 0–7)",
            "Weeks 2–4 (days 8–29)",
            "Days 30–60",
            "Days 61–90"
        ]
    );
    let period_of = |step_id: &str| {
        let at = markdown
            .find(&format!("Plan step: `{step_id}`"))
            .expect("the step is listed");
        markdown[..at]
            .rfind("\n## ")
            .map(|h| markdown[h + 4..].lines().next().expect("heading"))
            .expect("under a heading")
    };
    assert_eq!(period_of("risk-register-published"), "Week 1 (days 0–7)");
    assert_eq!(period_of("tooling-rolled-out"), "Weeks 2–4 (days 8–29)");
    assert_eq!(period_of("implementation-roadmap-delivered"), "Days 30–60");
    assert_eq!(period_of("first-qbr-held"), "Days 30–60");
    assert_eq!(period_of("onboarding-closed"), "Days 61–90");

    // Owners resolved, milestones flagged, dependencies by name.
    assert!(markdown.contains(&format!("  - Owner: {STAND_IN} ({STAND_IN_EMAIL})\n")));
    assert!(markdown.contains("- [ ] **Technical discovery complete** — milestone\n"));
    assert!(markdown.contains("- [ ] **Onboarding closed**\n"));
    assert!(markdown.contains("  - After: First QBR held; Onboarding NPS collected\n"));
}

#[test]
fn the_same_deal_gives_the_same_bytes() {
    let (mut sources, journey) = load_journey(EXAMPLE);
    let case = &CASES[1];
    let deal = deal(&journey, AWKWARD_CLIENT, case.signed, case.kickoff);
    let first = generate(&journey, &deal, &mut sources);
    let second = generate(&journey, &deal, &mut sources);
    assert_eq!(first, second);
    for path in [
        "checklist.md",
        "checklist.csv",
        "checklist.connectwise.json",
        "checklist.autotask.json",
        "milestones.ics",
    ] {
        assert!(first.contains_key(path), "{path} is written");
    }
}
