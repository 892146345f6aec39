//! The handoff memo for a deal built in code on the shipped example journey:
//! every promise traced to its dated step, every pillar step, contact and
//! metric present in both the Markdown and the HTML memo, escaping of deal
//! text, template overrides and their errors, the documented template
//! variables, and the HTML memo in headless Chromium.

mod support;

#[path = "handoff_memo/browser.rs"]
mod browser;

use std::collections::{BTreeMap, BTreeSet};

use journeyc::build::Templates;
use journeyc::diagnostic::Diagnostic;
use journeyc::handoff::deal::{Assignment, Contact, Deal, PredictedRoi, Promise};
use journeyc::model::{
    Date, Id, Ident, Journey, Penalty, PillarKind, ServicePackage, SlaTarget, SlaTier, Spanned,
    SpineStage, Text,
};
use journeyc::source::{SourceSet, Span};
use support::{load_journey, root};

fn text(value: &str) -> Text {
    Spanned::new(value.to_owned(), Span::default())
}

fn id(value: &str) -> Id {
    Spanned::new(Ident(value.to_owned()), Span::default())
}

/// The example journey, with a service package and an SLA tier added if it
/// does not define them yet (the deal must buy one of each).
fn journey() -> (SourceSet, Journey) {
    let (sources, mut journey) = load_journey("examples/msp-finance");
    if journey.sla_tiers.is_empty() {
        let target = |priority: &str, what: &str, response: u32, resolution: u32| SlaTarget {
            priority: id(priority),
            description: Some(text(what)),
            first_response_minutes: Spanned::new(response, Span::default()),
            resolution_hours: Some(Spanned::new(resolution, Span::default())),
        };
        journey.sla_tiers.push(SlaTier {
            id: id("finance-priority"),
            name: text("Finance Priority"),
            targets: vec![
                target("p1", "Outage or security incident", 15, 4),
                target("p2", "A branch or team cannot work", 30, 8),
                target("p3", "One user affected", 120, 24),
            ],
            penalty: Some(Spanned::new(
                Penalty {
                    service_credit_percent: Spanned::new(5.0, Span::default()),
                    monthly_cap_percent: Some(Spanned::new(25.0, Span::default())),
                    description: None,
                },
                Span::default(),
            )),
        });
    }
    if journey.service_packages.is_empty() {
        let tier = journey.sla_tiers[0].id.clone();
        journey.service_packages.push(ServicePackage {
            id: id("managed-secure"),
            name: text("Managed Secure"),
            description: Some(text("Fully managed IT with security operations")),
            includes: vec![text("24×7 service desk"), text("EDR with SOC monitoring")],
            sla_tier: Some(tier),
        });
    }
    (sources, journey)
}

/// A signed deal on the journey: every committee role staffed, a promise
/// kept by a step of each pillar, one journey owner replaced by the account
/// team.
fn deal(journey: &Journey, client: &str) -> Deal {
    let package = &journey.service_packages[0];
    let tier = package
        .sla_tier
        .clone()
        .unwrap_or_else(|| journey.sla_tiers[0].id.clone());
    let names = [
        ("Maria Lopez", "maria.lopez"),
        ("Dev Patel", "dev.patel"),
        ("Hannah Cho", "hannah.cho"),
        ("Owen Brooks", "owen.brooks"),
        ("Ruth Adebayo", "ruth.adebayo"),
        ("Lars Nilsson", "lars.nilsson"),
    ];
    let contacts = journey
        .committee
        .iter()
        .zip(names.iter().cycle())
        .map(|(role, (name, mail))| Contact {
            role: role.id.clone(),
            name: text(name),
            title: Some(text(role.name.as_str())),
            email: Some(text(&format!("{mail}@acme-cu.example"))),
            phone: None,
        })
        .collect();
    let promise = |key: &str, words: &str, step: &str| Promise {
        id: id(key),
        promise: text(words),
        fulfilled_by: Some(id(step)),
    };
    Deal {
        schema: None,
        id: id("acme-credit-union-2026"),
        client: text(client),
        segment: journey.segment.as_ref().expect("a segment").id.clone(),
        seats: Spanned::new(60, Span::default()),
        signed_on: Spanned::new(Date("2026-11-20".into()), Span::default()),
        kickoff_on: Spanned::new(Date("2026-12-03".into()), Span::default()),
        package: package.id.clone(),
        sla_tier: tier,
        scope: vec![
            text("60 managed seats across 3 branches"),
            text("Microsoft 365 tenant | Teams and SharePoint"),
        ],
        security_posture: vec![
            text("MFA for every user, conditional access on admin roles"),
            text("Immutable backups with a 4-hour recovery time"),
        ],
        predicted_roi: Some(Spanned::new(
            PredictedRoi {
                annual_benefit: Spanned::new(184_500.0, Span::default()),
                payback_months: Some(Spanned::new(9, Span::default())),
                summary: Some(text("Fewer outages and no exam findings on access control")),
            },
            Span::default(),
        )),
        promises: vec![
            promise(
                "sow-checked",
                "Scope and SLAs confirmed in writing before kickoff",
                "handoff-memo-signed",
            ),
            promise(
                "mfa-in-three-weeks",
                "MFA enforced for all staff within three weeks",
                "mfa-enforced",
            ),
            promise(
                "exam-ready-risk-register",
                "A risk register the examiner can read in week one",
                "risk-register-published",
            ),
            promise(
                "staff-told",
                "Staff hear about the new service desk from their own COO",
                "staff-announcement-sent",
            ),
            promise(
                "roi-reviewed",
                "The predicted ROI is checked against results at the first QBR",
                "first-qbr-held",
            ),
        ],
        contacts,
        team: vec![Assignment {
            owner: id("tom-kowalski"),
            name: text("Priya Shah"),
            email: Some(text("priya.shah@msp.example")),
        }],
    }
}

/// The memo files for a deal, by output path, or the problems.
fn memo(
    journey: &Journey,
    deal: &Deal,
    templates: &Templates,
    sources: &mut SourceSet,
) -> Result<BTreeMap<String, String>, Vec<Diagnostic>> {
    let prepared = journeyc::handoff::prepare(journey, deal)?;
    let artifacts = journeyc::handoff::generate(&prepared, templates, sources)?;
    Ok(artifacts
        .into_iter()
        .filter(|a| a.path.starts_with("memo."))
        .map(|a| (a.path, String::from_utf8(a.contents).expect("UTF-8")))
        .collect())
}

fn example_memo(client: &str) -> (Journey, Deal, BTreeMap<String, String>) {
    let (mut sources, journey) = journey();
    let deal = deal(&journey, client);
    let files =
        memo(&journey, &deal, &Templates::default(), &mut sources).unwrap_or_else(|problems| {
            let lines: Vec<String> = problems
                .iter()
                .map(|d| journeyc::render::concise(&sources, d))
                .collect();
            panic!("the memo does not render:\n{}", lines.join("\n"))
        });
    (journey, deal, files)
}

/// Text as it appears in the HTML page (minijinja's escaping).
fn html_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
        .replace('/', "&#x2f;")
}

/// Text as it appears in the Markdown memo.
fn md_text(text: &str) -> String {
    text.replace('|', "\\|").replace('<', "&lt;")
}

/// The due date, owner name and pillar of each plan step for this deal.
fn dated_steps(
    journey: &Journey,
    deal: &Deal,
) -> Vec<(String, String, String, Option<PillarKind>)> {
    let prepared =
        journeyc::handoff::prepare(journey, deal).unwrap_or_else(|_| panic!("the deal checks"));
    prepared
        .steps
        .iter()
        .map(|s| {
            (
                s.step.id.to_string(),
                s.due.to_string(),
                s.owner.name.clone(),
                s.step.pillar.as_ref().map(|p| p.value),
            )
        })
        .collect()
}

fn step_name<'j>(journey: &'j Journey, step: &str) -> &'j str {
    journey
        .onboarding
        .iter()
        .flat_map(|o| &o.plan)
        .find(|s| s.id.as_str() == step)
        .map(|s| s.name.as_str())
        .unwrap_or_else(|| panic!("no plan step `{step}`"))
}

/// The text of a Markdown section, from its `## ` heading to the next.
fn section<'t>(markdown: &'t str, heading: &str) -> &'t str {
    let start = markdown
        .find(&format!("\n## {heading}"))
        .unwrap_or_else(|| panic!("the memo has no section `{heading}`"));
    let rest = &markdown[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |i| i + 3);
    &rest[..end]
}

#[test]
fn the_memo_is_written_as_markdown_and_html_ending_in_one_newline() {
    let (_, _, files) = example_memo("Acme Credit Union");

    assert_eq!(
        files.keys().map(String::as_str).collect::<Vec<_>>(),
        ["memo.html", "memo.md"]
    );
    for (path, text) in &files {
        assert!(
            text.ends_with('\n') && !text.ends_with("\n\n"),
            "{path} must end in one newline"
        );
    }
    let headings: Vec<&str> = files["memo.md"]
        .lines()
        .filter(|l| l.starts_with("## "))
        .collect();
    assert_eq!(
        headings,
        [
            "## 1. The sales promise",
            "## 2. Delivery execution: implementation roadmap",
            "## 3. Client requirements: access checklist",
            "## Trust moments to watch",
            "## Onboarding metrics",
            "## Sign-off",
        ]
    );
}

#[test]
fn the_header_names_the_client_dates_package_and_sla_tier() {
    let (journey, deal, files) = example_memo("Acme Credit Union");
    let package = &journey.service_packages[0];
    let tier = journey
        .sla_tiers
        .iter()
        .find(|t| t.id.value == deal.sla_tier.value)
        .expect("tier");
    let md = &files["memo.md"];

    assert!(md.starts_with("# Handoff memo: Acme Credit Union\n"));
    for row in [
        "| Seats | 60 |".to_owned(),
        "| Signed | 2026-11-20 |".to_owned(),
        "| Kickoff | 2026-12-03 (Thursday) |".to_owned(),
        format!("| SLA tier | {} |", md_text(&tier.name)),
    ] {
        assert!(md.contains(&row), "missing `{row}`");
    }
    assert!(md.contains(&format!("| Package | {}", md_text(&package.name))));
    for item in &package.includes {
        assert!(
            md.contains(&format!("- {}\n", md_text(item))),
            "package item `{}` missing",
            item.as_str()
        );
    }
}

#[test]
fn every_promise_line_names_the_step_that_keeps_it_and_its_date() {
    let (journey, deal, files) = example_memo("Acme Credit Union");
    let steps = dated_steps(&journey, &deal);
    let md = section(&files["memo.md"], "1. The sales promise");
    let html = &files["memo.html"];

    for promise in &deal.promises {
        let step = promise.fulfilled_by.as_ref().expect("traced").as_str();
        let (_, due, owner, _) = steps.iter().find(|s| s.0 == step).expect("a dated step");
        let name = step_name(&journey, step);

        let line = md
            .lines()
            .find(|l| l.contains(&md_text(&promise.promise)))
            .unwrap_or_else(|| panic!("promise `{}` is not in the memo", promise.id));
        for part in [name, due.as_str(), owner.as_str()] {
            assert!(
                line.contains(&md_text(part)),
                "the line of `{}` lacks `{part}`: {line}",
                promise.id
            );
        }

        let row_start = html
            .find(&format!("<tr id=\"promise-{}\">", promise.id))
            .expect("a promise row");
        let row = &html[row_start..row_start + html[row_start..].find("</tr>").expect("row end")];
        for part in [promise.promise.as_str(), name, due.as_str(), owner.as_str()] {
            assert!(
                row.contains(&html_text(part)),
                "the HTML row of `{}` lacks `{part}`",
                promise.id
            );
        }
    }
}

#[test]
fn the_sales_promise_shows_the_sla_targets_penalty_scope_security_and_roi() {
    let (journey, deal, files) = example_memo("Acme Credit Union");
    let tier = journey
        .sla_tiers
        .iter()
        .find(|t| t.id.value == deal.sla_tier.value)
        .expect("tier");
    let md = section(&files["memo.md"], "1. The sales promise");

    assert!(!tier.targets.is_empty(), "the tier has targets to show");
    for target in &tier.targets {
        let priority = target.priority.as_str().to_uppercase();
        let line = md
            .lines()
            .find(|l| l.starts_with(&format!("| {priority}")))
            .unwrap_or_else(|| panic!("no row for {priority}"));
        let minutes = target.first_response_minutes.value;
        let response = if minutes.is_multiple_of(60) {
            format!("{} h", minutes / 60)
        } else {
            format!("{minutes} min")
        };
        assert!(line.contains(&format!("| {response} |")), "{line}");
        if let Some(hours) = &target.resolution_hours {
            assert!(line.ends_with(&format!("| {} h |", hours.value)), "{line}");
        }
    }
    let penalty = tier.penalty.as_ref().expect("the tier has a penalty");
    assert!(md.contains(&format!(
        "service credit of {}%",
        penalty.service_credit_percent.value
    )));
    if let Some(cap) = &penalty.monthly_cap_percent {
        assert!(md.contains(&format!("capped at {}% a month", cap.value)));
    }
    for item in deal.scope.iter().chain(&deal.security_posture) {
        assert!(
            md.contains(&format!("- {}\n", md_text(item))),
            "`{}` missing",
            item.as_str()
        );
    }
    assert!(
        md.contains("Annual benefit: USD 184,500; payback in 9 months."),
        "{md}"
    );
}

#[test]
fn every_pillar_step_appears_dated_and_owned_in_its_pillar() {
    let (journey, deal, files) = example_memo("Acme Credit Union");
    let steps = dated_steps(&journey, &deal);
    let md = &files["memo.md"];
    let html = &files["memo.html"];
    let html_section = |id: &str| {
        let start = html
            .find(&format!("<section class=\"pillar\" id=\"{id}\">"))
            .expect("a pillar section");
        &html[start..start + html[start..].find("</section>").expect("section end")]
    };

    let mut seen = BTreeSet::new();
    for (step, due, owner, pillar) in &steps {
        let (md_part, html_part) = match pillar {
            Some(PillarKind::DeliveryExecution) => (
                section(md, "2. Delivery execution"),
                html_section("delivery-execution"),
            ),
            Some(PillarKind::ClientRequirements) => (
                section(md, "3. Client requirements"),
                html_section("client-requirements"),
            ),
            _ => continue,
        };
        seen.insert(*pillar);
        let name = md_text(step_name(&journey, step));
        let line = md_part
            .lines()
            .find(|l| l.contains(&name))
            .unwrap_or_else(|| panic!("step `{step}` is not in its pillar"));
        assert!(
            line.contains(due.as_str()) && line.contains(&md_text(owner)),
            "{line}"
        );
        for part in [step_name(&journey, step), due.as_str(), owner.as_str()] {
            assert!(
                html_part.contains(&html_text(part)),
                "HTML pillar lacks `{part}` of `{step}`"
            );
        }
    }
    assert_eq!(seen.len(), 2, "the example has steps in both pillars");
    // The account team stands in for the journey owner it replaces.
    assert!(
        md.contains("Priya Shah")
            && !section(md, "3. Client requirements").contains("Tom Kowalski")
    );
}

#[test]
fn every_client_contact_is_listed_under_their_committee_role() {
    let (journey, deal, files) = example_memo("Acme Credit Union");
    let md = section(&files["memo.md"], "3. Client requirements");

    assert_eq!(deal.contacts.len(), journey.committee.len());
    for contact in &deal.contacts {
        let role = journey
            .committee
            .iter()
            .find(|r| r.id.value == contact.role.value)
            .expect("role");
        let email = contact.email.as_ref().expect("email");
        let row = format!(
            "| {} | {} | {} | {} |",
            md_text(&role.name),
            md_text(&contact.name),
            md_text(contact.title.as_ref().expect("title")),
            email.as_str()
        );
        assert!(md.contains(&row), "missing `{row}`");
        assert!(files["memo.html"].contains(&html_text(&contact.name)));
    }
}

#[test]
fn trust_moments_after_signature_are_named_with_owners_and_dates() {
    let (journey, deal, files) = example_memo("Acme Credit Union");
    let steps = dated_steps(&journey, &deal);
    let md = section(&files["memo.md"], "Trust moments to watch");

    let after_signature: BTreeSet<&str> = journey
        .stages
        .iter()
        .filter(|s| {
            s.spine
                .as_ref()
                .is_some_and(|p| matches!(p.value, SpineStage::Onboarding | SpineStage::Delivery))
        })
        .map(|s| s.id.as_str())
        .collect();
    let moments: Vec<_> = journey
        .touchpoints
        .iter()
        .filter(|t| {
            t.is_trust_moment()
                && t.stage
                    .as_ref()
                    .is_some_and(|s| after_signature.contains(s.as_str()))
        })
        .collect();
    assert!(
        moments.len() >= 3,
        "the example marks trust moments after signature"
    );

    let mut dated = 0;
    for moment in &moments {
        let line = md
            .lines()
            .find(|l| l.starts_with(&format!("| {} |", md_text(&moment.name))))
            .unwrap_or_else(|| panic!("trust moment `{}` missing", moment.id));
        let step = journey.onboarding.iter().flat_map(|o| &o.plan).find(|s| {
            s.touchpoint
                .as_ref()
                .is_some_and(|t| t.value == moment.id.value)
        });
        match step {
            Some(step) => {
                let (_, due, _, _) = steps
                    .iter()
                    .find(|s| s.0 == step.id.as_str())
                    .expect("dated");
                assert!(line.contains(due.as_str()), "{line}");
                dated += 1;
            }
            None => assert!(line.contains("when it happens"), "{line}"),
        }
    }
    assert!(dated > 0, "some trust moment is carried out by a plan step");
    // Trust moments of the sales stages are not the delivery team's to watch.
    for touchpoint in journey
        .touchpoints
        .iter()
        .filter(|t| t.is_trust_moment() && !moments.iter().any(|m| m.id == t.id))
    {
        assert!(
            !md.contains(&format!("| {} |", md_text(&touchpoint.name))),
            "`{}` listed",
            touchpoint.id
        );
    }
}

#[test]
fn every_onboarding_metric_appears_with_its_target() {
    let (journey, _, files) = example_memo("Acme Credit Union");
    let md = section(&files["memo.md"], "Onboarding metrics");

    let metrics: Vec<_> = journey.onboarding.iter().flat_map(|o| &o.metrics).collect();
    assert!(!metrics.is_empty());
    for metric in metrics {
        let target = metric
            .target
            .as_ref()
            .map_or("—".to_owned(), |t| md_text(t));
        let row = format!("| {} | {target} |", md_text(&metric.name));
        assert!(md.contains(&row), "missing `{row}`");
        assert!(files["memo.html"].contains(&html_text(&metric.name)));
    }
}

#[test]
fn deal_text_is_escaped_in_both_memos() {
    let (_, _, files) = example_memo("<script>alert(1)</script> & Sons | Co");

    let html = &files["memo.html"];
    assert!(!html.contains("<script"), "the client name became markup");
    assert!(html.contains("<h1>&lt;script&gt;alert(1)&lt;&#x2f;script&gt; &amp; Sons | Co</h1>"));

    let md = &files["memo.md"];
    assert!(md.starts_with("# Handoff memo: &lt;script>alert(1)&lt;/script> & Sons \\| Co\n"));
    assert!(md.contains("| Client | &lt;script>alert(1)&lt;/script> & Sons \\| Co |"));
}

#[test]
fn the_html_memo_is_self_contained_and_prints_in_portrait_with_a_page_per_pillar() {
    let (_, _, files) = example_memo("Acme Credit Union");
    let html = &files["memo.html"];

    for outside in [
        "<script", "<link", "<img", "@import", "url(", "src=", "http://", "https://",
    ] {
        assert!(
            !html.contains(outside),
            "the memo must not load anything: found `{outside}`"
        );
    }
    assert!(html.contains("@page { size: portrait;"));
    assert!(html.contains("section.pillar + section.pillar, section.watch { break-before: page;"));
    assert!(html.contains("thead { display: table-header-group; }"));
    assert_eq!(html.matches("<section class=\"pillar\"").count(), 3);
}

#[test]
fn a_template_override_with_an_undefined_variable_is_a_jc501_at_its_line() {
    let (mut sources, journey) = journey();
    let deal = deal(&journey, "Acme Credit Union");
    let mut templates = Templates::default();
    let text = "# {{ client }}\n\n{% for p in promises %}\n- {{ p.step.nmae }}\n{% endfor %}\n";
    assert!(templates.add_override(
        "handoff-memo.md",
        "house/handoff-memo.md".into(),
        text.into()
    ));

    let problems =
        memo(&journey, &deal, &templates, &mut sources).expect_err("the typo stops the handoff");

    let lines: Vec<String> = problems
        .iter()
        .map(|d| journeyc::render::concise(&sources, d))
        .collect();
    assert_eq!(problems.len(), 1, "{lines:?}");
    assert_eq!(problems[0].code.code, "JC501");
    assert!(
        lines[0].starts_with(
            "house/handoff-memo.md:4:1: error[JC501] template `house/handoff-memo.md` failed"
        ),
        "{}",
        lines[0]
    );
}

#[test]
fn a_template_override_replaces_the_html_memo() {
    let (mut sources, journey) = journey();
    let deal = deal(&journey, "<i>Acme</i>");
    let mut templates = Templates::default();
    let text = "<p>{{ client }}: {{ promises | length }} promises, kickoff {{ kickoff }}</p>\n";
    assert!(templates.add_override(
        "handoff-memo.html",
        "house/handoff-memo.html".into(),
        text.into()
    ));

    let files =
        memo(&journey, &deal, &templates, &mut sources).unwrap_or_else(|_| panic!("renders"));

    assert_eq!(
        files["memo.html"],
        "<p>&lt;i&gt;Acme&lt;&#x2f;i&gt;: 5 promises, kickoff 2026-12-03</p>\n"
    );
}

/// The variable paths the handoff memo section of `docs/templates.md`
/// documents, such as `promises[].step.due`.
fn documented_variables() -> Vec<String> {
    let doc =
        std::fs::read_to_string(root().join("docs/templates.md")).expect("read docs/templates.md");
    let section = doc
        .split_once("\n## Handoff memo templates\n")
        .expect("a handoff memo section")
        .1;
    let section = section.split("\n## ").next().unwrap_or(section);
    section
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split_once('`'))
        .map(|(path, _)| path.to_owned())
        .collect()
}

#[test]
fn docs_templates_md_lists_exactly_the_variables_the_memo_templates_receive() {
    let documented = documented_variables();
    assert!(
        documented.len() > 60,
        "the handoff memo variable tables were not found: {documented:?}"
    );

    let probe = support::template_probe::probe_template(&documented);

    let (mut sources, journey) = journey();
    let deal = deal(&journey, "Acme Credit Union");
    let mut templates = Templates::default();
    assert!(templates.add_override("handoff-memo.md", "probe/handoff-memo.md".into(), probe));
    let files = memo(&journey, &deal, &templates, &mut sources).unwrap_or_else(|problems| {
        let lines: Vec<String> = problems
            .iter()
            .map(|d| journeyc::render::concise(&sources, d))
            .collect();
        panic!(
            "a documented variable does not exist:\n{}",
            lines.join("\n")
        )
    });
    let out = &files["memo.md"];

    let reached: BTreeSet<&str> = out.lines().filter_map(|l| l.strip_prefix("HAS ")).collect();
    let unreached: Vec<&String> = documented
        .iter()
        .filter(|p| !reached.contains(p.as_str()))
        .collect();
    assert!(
        unreached.is_empty(),
        "documented but never reached for the example deal: {unreached:?}"
    );

    let names: BTreeSet<String> = documented
        .iter()
        .map(|p| p.trim_end_matches("[]").to_owned())
        .collect();
    let undocumented: BTreeSet<&str> = out
        .lines()
        .filter_map(|l| l.strip_prefix("KEY "))
        .filter(|k| !names.contains(*k))
        .collect();
    assert!(
        undocumented.is_empty(),
        "fields missing from docs/templates.md: {undocumented:?}"
    );
}

#[test]
fn a_promise_without_a_step_is_reported_instead_of_dropped_from_the_memo() {
    let (mut sources, journey) = journey();
    let checked = deal(&journey, "Acme Credit Union");
    let prepared = journeyc::handoff::prepare(&journey, &checked)
        .unwrap_or_else(|_| panic!("the deal checks"));
    // A caller that skips `prepare`'s checks still cannot lose a promise.
    let mut untraced = checked.clone();
    untraced.promises[1].fulfilled_by = None;
    let prepared = journeyc::handoff::Prepared {
        deal: &untraced,
        ..prepared
    };

    let problems = journeyc::handoff::generate(&prepared, &Templates::default(), &mut sources)
        .expect_err("an untraced promise stops the memo");

    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].code.code, "JC602");
    assert!(
        problems[0].message.contains("`mfa-in-three-weeks`"),
        "{}",
        problems[0].message
    );
}
