//! The iCalendar file of onboarding milestones, `milestones.ics`: the
//! kickoff and every plan step marked `milestone: true`, each an all-day
//! event on its due date, for the account team to import into any calendar.
//!
//! The file follows RFC 5545 and is written by hand rather than through a
//! calendar crate because the little it needs (all-day events, TEXT escaping,
//! line folding) is easier to keep byte-for-byte stable here. Decisions a
//! reader may look for:
//!
//! - `METHOD:PUBLISH`: the file announces dates, it invites nobody, so it has
//!   no organizer or attendees and importing it sends no e-mail.
//! - Each event is all-day: `DTSTART;VALUE=DATE` on the due date and `DTEND`
//!   the day after (the end of an all-day event is exclusive). Events are
//!   `TRANSP:TRANSPARENT` so a milestone does not block anyone's free time.
//! - `UID` is `<deal-id>-<step-id>@journeyc` for a plan step, so importing a
//!   regenerated file updates the events instead of duplicating them. The
//!   kickoff is `<deal-id>.kickoff@journeyc`: ids cannot contain a dot, so it
//!   cannot collide with a step that happens to be called `kickoff`.
//! - `DTSTAMP` is required in every event and is meant to be when the object
//!   was created. The clock would make two runs on the same deal differ (and
//!   break the golden files), so it is the signature date at midnight UTC:
//!   the moment the dates in the file became true for this client.
//! - TEXT values escape `\`, `;`, `,` and line breaks; other control
//!   characters, which TEXT cannot hold, become spaces. Lines end in CRLF and
//!   are folded at 75 octets, only between characters, so a UTF-8 character
//!   is never cut in two.

use super::{DatedStep, Prepared};
use crate::build::Output;
use crate::dates::CivilDate;

/// RFC 5545 §3.1: a content line should be at most 75 octets, excluding the
/// line break.
const MAX_LINE_OCTETS: usize = 75;

pub fn emit(prepared: &Prepared<'_>, out: &mut Output) {
    out.file("milestones.ics", calendar(prepared));
}

/// One all-day event before it is written.
struct Event {
    uid: String,
    date: CivilDate,
    summary: String,
    description: String,
}

fn calendar(prepared: &Prepared<'_>) -> String {
    let deal = prepared.deal;
    let client = deal.client.as_str();

    let mut events = vec![Event {
        uid: format!("{}.kickoff@journeyc", deal.id),
        date: prepared.kickoff,
        summary: format!("{client}: onboarding kickoff"),
        description: format!(
            "Day 0 of the 90-day onboarding plan.\nService package: {}\nSLA tier: {}",
            prepared.package.name.as_str(),
            prepared.sla.name.as_str()
        ),
    }];
    events.extend(
        prepared
            .steps
            .iter()
            .filter(|s| s.step.milestone.as_ref().is_some_and(|m| m.value))
            .map(|s| milestone(prepared, s)),
    );

    let mut ics = String::new();
    line(&mut ics, "BEGIN:VCALENDAR");
    line(&mut ics, "VERSION:2.0");
    line(&mut ics, "PRODID:-//journeyc//onboarding milestones//EN");
    line(&mut ics, "CALSCALE:GREGORIAN");
    line(&mut ics, "METHOD:PUBLISH");
    line(
        &mut ics,
        &format!(
            "X-WR-CALNAME:{}",
            text(&format!("{client}: onboarding milestones"))
        ),
    );
    let stamp = format!("{}T000000Z", prepared.signed.compact());
    for event in &events {
        line(&mut ics, "BEGIN:VEVENT");
        line(&mut ics, &format!("UID:{}", event.uid));
        line(&mut ics, &format!("DTSTAMP:{stamp}"));
        line(
            &mut ics,
            &format!("DTSTART;VALUE=DATE:{}", event.date.compact()),
        );
        line(
            &mut ics,
            &format!("DTEND;VALUE=DATE:{}", event.date.add_days(1).compact()),
        );
        line(&mut ics, &format!("SUMMARY:{}", text(&event.summary)));
        line(
            &mut ics,
            &format!("DESCRIPTION:{}", text(&event.description)),
        );
        line(&mut ics, "TRANSP:TRANSPARENT");
        line(&mut ics, "END:VEVENT");
    }
    line(&mut ics, "END:VCALENDAR");
    ics
}

fn milestone(prepared: &Prepared<'_>, dated: &DatedStep<'_>) -> Event {
    let step = dated.step;
    let owner = match &dated.owner.email {
        Some(email) => format!("{} <{email}>", dated.owner.name),
        None => dated.owner.name.clone(),
    };
    let mut description = format!("Owner: {owner}");
    if let Some(deliverable) = &step.deliverable {
        description.push_str(&format!("\nDeliverable: {}", deliverable.as_str()));
    }
    let day = step.due_day.as_ref().map_or(0, |d| d.value);
    let unit = if step.business_days.as_ref().is_some_and(|b| b.value) {
        "business"
    } else {
        "calendar"
    };
    description.push_str(&format!(
        "\nDue on day {day} of the onboarding plan ({unit} days)\nPlan step: {}",
        step.id
    ));
    Event {
        uid: format!("{}-{}@journeyc", prepared.deal.id, step.id),
        date: dated.due,
        summary: format!("{}: {}", prepared.deal.client.as_str(), step.name.as_str()),
        description,
    }
}

/// A TEXT value (RFC 5545 §3.3.11), escaped.
fn text(value: &str) -> String {
    let value = value.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Append one content line, folded (RFC 5545 §3.1): a break and a space go
/// in before the character that would take the line past 75 octets, and the
/// space counts toward the next line's 75.
fn line(ics: &mut String, content: &str) {
    let mut used = 0;
    for c in content.chars() {
        if used + c.len_utf8() > MAX_LINE_OCTETS {
            ics.push_str("\r\n ");
            used = 1;
        }
        ics.push(c);
        used += c.len_utf8();
    }
    ics.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_specials_and_line_breaks() {
        assert_eq!(text("a\\b;c,d\ne\r\nf\rg"), "a\\\\b\\;c\\,d\\ne\\nf\\ng");
        assert_eq!(text("bell\u{7}tab\t"), "bell tab\t");
    }

    #[test]
    fn folds_at_75_octets_between_characters() {
        // 74 ASCII octets, then a 2-octet character that must not be split.
        let content = format!("{}é{}", "a".repeat(74), "b".repeat(80));
        let mut ics = String::new();
        line(&mut ics, &content);
        let lines: Vec<&str> = ics.split("\r\n").collect();
        assert_eq!(lines[0], "a".repeat(74));
        assert!(lines[1].starts_with(" é"));
        assert!(lines.iter().all(|l| l.len() <= MAX_LINE_OCTETS));
        assert_eq!(ics.replace("\r\n ", ""), format!("{content}\r\n"));
    }

    #[test]
    fn short_lines_are_left_alone() {
        let mut ics = String::new();
        line(&mut ics, &"x".repeat(MAX_LINE_OCTETS));
        assert_eq!(ics, format!("{}\r\n", "x".repeat(MAX_LINE_OCTETS)));
    }
}
