//! The milestone calendar, read back by the `icalendar` crate's parser:
//! every milestone on its date, folding and escaping that round-trip.

use std::str::FromStr;

use icalendar::{Component, DatePerhapsTime};
use journeyc::model::PlanStep;

use super::{
    AWKWARD_CLIENT, CASES, EXAMPLE, STAND_IN, STAND_IN_EMAIL, deal, file, generate, is_milestone,
    plan,
};
use crate::support::load_journey;

/// An event's all-day date, as the parser read it.
fn all_day(value: Option<DatePerhapsTime>, what: &str) -> String {
    match value {
        Some(DatePerhapsTime::Date(date)) => date.to_string(),
        other => panic!("{what} is not an all-day date: {other:?}"),
    }
}

fn next_day(date: &str) -> String {
    // Only the dates of CASES are asked for; each is written out.
    match date {
        "2026-11-27" => "2026-11-28",
        "2026-12-03" => "2026-12-04",
        "2026-12-25" => "2026-12-26",
        "2027-01-26" => "2027-01-27",
        "2028-02-25" => "2028-02-26",
        "2028-03-02" => "2028-03-03",
        "2028-03-24" => "2028-03-25",
        "2028-04-25" => "2028-04-26",
        "2027-01-30" => "2027-01-31",
        "2027-02-04" => "2027-02-05",
        "2027-02-27" => "2027-02-28",
        "2027-03-31" => "2027-04-01",
        other => panic!("no next day written out for {other}"),
    }
    .to_owned()
}

#[test]
fn the_calendar_is_read_by_a_real_parser_with_every_milestone_on_its_date() {
    let (mut sources, journey) = load_journey(EXAMPLE);
    let milestones: Vec<&PlanStep> = plan(&journey).iter().filter(|s| is_milestone(s)).collect();
    assert!(milestones.len() >= 3, "the example marks its milestones");

    for case in &CASES {
        let files = generate(
            &journey,
            &deal(&journey, AWKWARD_CLIENT, case.signed, case.kickoff),
            &mut sources,
        );
        let ics = file(&files, "milestones.ics");
        let calendar = icalendar::Calendar::from_str(ics)
            .unwrap_or_else(|e| panic!("the parser refuses it: {e}\n{ics}"));
        let unfolded = icalendar::parser::unfold(ics);
        let parsed = icalendar::parser::read_calendar(&unfolded).expect("parses");
        for (name, value) in [
            ("VERSION", "2.0"),
            ("CALSCALE", "GREGORIAN"),
            ("METHOD", "PUBLISH"),
        ] {
            let property = parsed.properties.iter().find(|p| p.name == name);
            assert_eq!(property.map(|p| p.val.as_str()), Some(value), "{name}");
        }
        assert!(
            parsed.properties.iter().any(|p| p.name == "PRODID"),
            "PRODID is set"
        );

        let events: Vec<&icalendar::Event> = calendar.events().collect();
        assert_eq!(
            events.len(),
            milestones.len() + 1,
            "the kickoff and one event per milestone"
        );
        let stamp = format!("{}T00:00:00Z", case.signed);
        for event in &events {
            let timestamp = event.get_timestamp().expect("DTSTAMP is set");
            assert_eq!(
                timestamp.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
                stamp,
                "DTSTAMP is the signature"
            );
        }

        let kickoff = events
            .iter()
            .find(|e| e.get_uid() == Some("test-deal.kickoff@journeyc"))
            .expect("the kickoff has an event");
        assert_eq!(
            all_day(kickoff.get_start(), "kickoff DTSTART"),
            case.kickoff
        );
        assert_eq!(
            all_day(kickoff.get_end(), "kickoff DTEND"),
            next_day(case.kickoff)
        );
        assert_eq!(
            kickoff.get_summary(),
            Some(format!("{AWKWARD_CLIENT}: onboarding kickoff").as_str())
        );

        for step in &milestones {
            let uid = format!("test-deal-{}@journeyc", step.id);
            let matching: Vec<&&icalendar::Event> = events
                .iter()
                .filter(|e| e.get_uid() == Some(uid.as_str()))
                .collect();
            assert_eq!(matching.len(), 1, "one event for `{}`", step.id);
            let event = matching[0];
            let (_, _, _, date, _) = case
                .due
                .iter()
                .find(|(id, ..)| *id == step.id.as_str())
                .expect("the case dates every step");
            assert_eq!(
                all_day(event.get_start(), "DTSTART"),
                *date,
                "`{}` from {}",
                step.id,
                case.kickoff
            );
            assert_eq!(
                all_day(event.get_end(), "DTEND"),
                next_day(date),
                "`{}` ends the next day",
                step.id
            );

            // TEXT escaping and line folding round-trip through the parser.
            let summary = format!("{AWKWARD_CLIENT}: {}", step.name.as_str());
            assert_eq!(event.get_summary(), Some(summary.as_str()));
            let description = event.get_description().expect("DESCRIPTION is set");
            let owner = &step.owner.as_ref().expect("owner").0[0];
            let owner_line = if owner.as_str() == "jorge-mendes" {
                format!("Owner: {STAND_IN} <{STAND_IN_EMAIL}>")
            } else {
                let declared = journey
                    .owners
                    .iter()
                    .find(|o| o.id == *owner)
                    .expect("declared owner");
                format!(
                    "Owner: {} <{}>",
                    declared.name.as_str(),
                    declared.email.as_ref().expect("email").as_str()
                )
            };
            let lines: Vec<&str> = description.lines().collect();
            assert_eq!(lines[0], owner_line, "{description}");
            let deliverable = step
                .deliverable
                .as_ref()
                .expect("milestones have deliverables");
            assert_eq!(lines[1], format!("Deliverable: {}", deliverable.as_str()));
        }
    }
}

#[test]
fn calendar_lines_are_crlf_folded_at_75_octets_and_never_split_a_character() {
    let (mut sources, journey) = load_journey(EXAMPLE);
    let case = &CASES[1];
    let files = generate(
        &journey,
        &deal(&journey, AWKWARD_CLIENT, case.signed, case.kickoff),
        &mut sources,
    );
    let bytes = file(&files, "milestones.ics").as_bytes();

    assert!(bytes.ends_with(b"\r\n"), "the last line ends in CRLF");
    let lines: Vec<&[u8]> = bytes[..bytes.len() - 1].split(|b| *b == b'\n').collect();
    let mut folded = 0;
    let mut folded_after_multibyte = false;
    for (n, line) in lines.iter().enumerate() {
        let line = line
            .strip_suffix(b"\r")
            .unwrap_or_else(|| panic!("line {} ends in CRLF", n + 1));
        assert!(!line.contains(&b'\r'), "no bare CR on line {}", n + 1);
        assert!(line.len() <= 75, "line {} is {} octets", n + 1, line.len());
        let text = std::str::from_utf8(line)
            .unwrap_or_else(|_| panic!("line {} cuts a UTF-8 character", n + 1));
        if text.starts_with(' ') {
            folded += 1;
            folded_after_multibyte |= !lines[n - 1].is_ascii();
        }
    }
    assert!(folded > 0, "the awkward client name makes lines fold");
    assert!(
        folded_after_multibyte,
        "some folds come after non-ASCII text"
    );

    // Escapes are written as RFC 5545 spells them.
    let unfolded = String::from_utf8(bytes.to_vec())
        .expect("UTF-8")
        .replace("\r\n ", "");
    assert!(
        unfolded.contains("SUMMARY:Caisse Populaire Déjà-Vü\\; \"Crédit\"\\, Mutuel \\\\ Ōtsu: "),
        "{unfolded}"
    );
    assert!(
        unfolded.contains("\\nDeliverable: "),
        "line breaks are written \\n"
    );
}
