//! Checking a deal against its journey and resolving what the generators
//! need. Every problem is a diagnostic at the deal value that causes it; all
//! of them are reported in one run, and a deal with any error produces no
//! documents.

use std::collections::HashSet;

use super::deal::Deal;
use super::{DatedStep, Person, Prepared};
use crate::build::View;
use crate::codes;
use crate::dates::CivilDate;
use crate::diagnostic::Diagnostic;
use crate::model::{Id, Journey};
use crate::suggest::closest;

/// Check `deal` against `journey` (which must have checked cleanly) and
/// resolve it.
pub fn prepare<'a>(journey: &'a Journey, deal: &'a Deal) -> Result<Prepared<'a>, Vec<Diagnostic>> {
    let mut problems = Vec::new();

    let segment = journey
        .segment
        .as_ref()
        .map(|s| s.id.as_str())
        .unwrap_or_default();
    if deal.segment.as_str() != segment {
        problems.push(
            Diagnostic::new(
                &codes::DEAL_MISMATCH,
                format!("segment `{}` is not the journey's segment", deal.segment),
                deal.segment.span,
                format!("the journey is for segment `{segment}`"),
            )
            .with_help(format!(
                "write `segment: {segment}`, or hand the deal over with the journey of its segment"
            )),
        );
    }

    let package = journey
        .service_packages
        .iter()
        .find(|p| p.id.value == deal.package.value);
    if package.is_none() {
        problems.push(unknown(
            &deal.package,
            "service package",
            journey.service_packages.iter().map(|p| p.id.as_str()),
        ));
    }
    let sla = journey
        .sla_tiers
        .iter()
        .find(|t| t.id.value == deal.sla_tier.value);
    if sla.is_none() {
        problems.push(unknown(
            &deal.sla_tier,
            "SLA tier",
            journey.sla_tiers.iter().map(|t| t.id.as_str()),
        ));
    }

    for member in &deal.team {
        if !journey
            .owners
            .iter()
            .any(|o| o.id.value == member.owner.value)
        {
            problems.push(unknown(
                &member.owner,
                "owner",
                journey.owners.iter().map(|o| o.id.as_str()),
            ));
        }
    }

    let mut covered = HashSet::new();
    for contact in &deal.contacts {
        if journey
            .committee
            .iter()
            .any(|r| r.id.value == contact.role.value)
        {
            covered.insert(contact.role.as_str());
        } else {
            problems.push(unknown(
                &contact.role,
                "committee role",
                journey.committee.iter().map(|r| r.id.as_str()),
            ));
        }
    }
    for role in &journey.committee {
        if !covered.contains(role.id.as_str()) {
            problems.push(
                Diagnostic::new(
                    &codes::DEAL_INCOMPLETE,
                    format!(
                        "no client contact is named for committee role `{}`",
                        role.id
                    ),
                    deal.client.span,
                    format!("this client has no {}", role.name.as_str()),
                )
                .with_help(format!(
                    "add a contact with `role: {}` under `contacts`",
                    role.id
                )),
            );
        }
    }

    let plan: Vec<&crate::model::PlanStep> =
        journey.onboarding.iter().flat_map(|o| &o.plan).collect();
    for promise in &deal.promises {
        match &promise.fulfilled_by {
            None => problems.push(
                Diagnostic::new(
                    &codes::DEAL_INCOMPLETE,
                    format!("promise `{}` has no deliverable", promise.id),
                    promise.id.span,
                    "no `fulfilled_by` plan step",
                )
                .with_help("add `fulfilled_by:` with the onboarding plan step whose deliverable keeps this promise"),
            ),
            Some(step) if !plan.iter().any(|s| s.id.value == step.value) => {
                problems.push(unknown(step, "onboarding plan step", plan.iter().map(|s| s.id.as_str())));
            }
            Some(_) => {}
        }
    }

    let signed = date(&deal.signed_on.value.0, deal.signed_on.span, &mut problems);
    let kickoff = date(
        &deal.kickoff_on.value.0,
        deal.kickoff_on.span,
        &mut problems,
    );
    if let (Some(signed), Some(kickoff)) = (signed, kickoff)
        && kickoff < signed
    {
        {
            problems.push(
                Diagnostic::new(
                    &codes::DEAL_INCOMPLETE,
                    format!("the kickoff on {kickoff} is before the signature on {signed}"),
                    deal.kickoff_on.span,
                    "kickoff before signature",
                )
                .with_secondary(deal.signed_on.span, "signed here")
                .with_help(
                    "correct one of the two dates: onboarding starts after the MSA/SOW is signed",
                ),
            );
        }
    }

    let (Some(package), Some(sla), Some(signed), Some(kickoff)) = (package, sla, signed, kickoff)
    else {
        return Err(problems);
    };
    if !problems.is_empty() {
        return Err(problems);
    }

    let view = View::new(journey);
    let mut steps: Vec<DatedStep<'a>> = view
        .plan
        .iter()
        .map(|step| {
            let days = step.due_day.as_ref().map_or(0, |d| d.value);
            let business = step.business_days.as_ref().is_some_and(|b| b.value);
            let due = if business {
                kickoff.add_business_days(days)
            } else {
                kickoff.add_days(i64::from(days))
            };
            let owner = step.owner.as_ref().and_then(|o| o.0.first()).map_or_else(
                || Person {
                    name: "unassigned".into(),
                    email: None,
                },
                |id| person(journey, deal, id),
            );
            DatedStep { step, due, owner }
        })
        .collect();
    // Business days can reorder steps once dated; the sort is stable.
    steps.sort_by_key(|s| s.due);

    Ok(Prepared {
        journey,
        deal,
        view,
        signed,
        kickoff,
        package,
        sla,
        steps,
    })
}

/// The person behind a journey owner id for this deal: the team member the
/// deal assigns, or the journey's owner.
pub fn person(journey: &Journey, deal: &Deal, owner: &Id) -> Person {
    if let Some(member) = deal.team.iter().find(|m| m.owner.value == owner.value) {
        return Person {
            name: member.name.value.clone(),
            email: member.email.as_ref().map(|e| e.value.clone()),
        };
    }
    match journey.owners.iter().find(|o| o.id.value == owner.value) {
        Some(o) => Person {
            name: o.name.value.clone(),
            email: o.email.as_ref().map(|e| e.value.clone()),
        },
        None => Person {
            name: owner.to_string(),
            email: None,
        },
    }
}

fn unknown<'i>(id: &Id, noun: &str, known: impl Iterator<Item = &'i str>) -> Diagnostic {
    let known: Vec<&str> = known.collect();
    let help = match closest(id.as_str(), known.iter().copied()) {
        Some(s) => format!("did you mean `{s}`?"),
        None if known.is_empty() => {
            format!("the journey defines no {noun}; add it to the journey first")
        }
        None => format!(
            "the journey defines: {}",
            known
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Diagnostic::new(
        &codes::DEAL_MISMATCH,
        format!("unknown {noun} `{id}`"),
        id.span,
        format!("the journey has no {noun} with this id"),
    )
    .with_help(help)
}

fn date(
    text: &str,
    span: crate::source::Span,
    problems: &mut Vec<Diagnostic>,
) -> Option<CivilDate> {
    let parsed = CivilDate::parse(text);
    if parsed.is_none() {
        problems.push(
            Diagnostic::new(
                &codes::DEAL_INCOMPLETE,
                format!("`{text}` is not a calendar date"),
                span,
                "no such day",
            )
            .with_help("write a real date as YYYY-MM-DD; February has 29 days only in leap years"),
        );
    }
    parsed
}
