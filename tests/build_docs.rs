//! The documentation target on the shipped example: the handbook's content,
//! the stage graph in Mermaid and DOT, escaping of journey text in every
//! syntax, template overrides and their errors, the documented template
//! variables, and the HTML journey map in a real headless browser.

mod support;

#[path = "build_docs/browser.rs"]
mod browser;

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use journeyc::build::{Target, Templates};
use journeyc::diagnostic::Diagnostic;
use journeyc::model::Journey;
use journeyc::source::SourceSet;
use support::{TempDir, load_journey, require_tool, root};

/// The documents of a journey by output path.
fn render(
    journey: &Journey,
    templates: &Templates,
    sources: &mut SourceSet,
) -> Result<BTreeMap<String, String>, Vec<Diagnostic>> {
    let artifacts = journeyc::build::build(journey, &[Target::Docs], templates, sources)?;
    Ok(artifacts
        .into_iter()
        .map(|a| {
            (
                a.path,
                String::from_utf8(a.contents).expect("documents are UTF-8"),
            )
        })
        .collect())
}

/// The documents of the shipped example, with the journey they came from.
fn example() -> (Journey, BTreeMap<String, String>) {
    let (mut sources, journey) = load_journey("examples/msp-finance");
    let docs = render(&journey, &Templates::default(), &mut sources).unwrap_or_else(|problems| {
        let lines: Vec<String> = problems
            .iter()
            .map(|d| journeyc::render::concise(&sources, d))
            .collect();
        panic!(
            "the example's documents do not render:\n{}",
            lines.join("\n")
        )
    });
    (journey, docs)
}

/// The text of a Markdown section, from its `## ` heading to the next.
fn section<'t>(markdown: &'t str, heading: &str) -> &'t str {
    let start = markdown
        .find(&format!("\n## {heading}\n"))
        .unwrap_or_else(|| panic!("the handbook has no section `{heading}`"));
    let rest = &markdown[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |i| i + 3);
    &rest[..end]
}

fn owner_name<'j>(journey: &'j Journey, id: &str) -> &'j str {
    journey
        .owners
        .iter()
        .find(|o| o.id.as_str() == id)
        .map(|o| o.name.as_str())
        .unwrap_or_else(|| panic!("owner `{id}` is not defined"))
}

#[test]
fn the_documentation_target_writes_four_documents_ending_in_one_newline() {
    let (_, docs) = example();

    let paths: Vec<&str> = docs.keys().map(String::as_str).collect();
    assert_eq!(
        paths,
        [
            "docs/handbook.md",
            "docs/journey-map.html",
            "docs/stage-graph.dot",
            "docs/stage-graph.mmd"
        ]
    );
    for (path, text) in &docs {
        assert!(
            text.ends_with('\n') && !text.ends_with("\n\n"),
            "{path} must end in exactly one newline"
        );
    }
}

#[test]
fn the_handbook_covers_every_stage_touchpoint_moment_of_truth_and_plan_step() {
    let (journey, docs) = example();
    let handbook = &docs["docs/handbook.md"];

    let headings: Vec<&str> = handbook.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        headings,
        [
            "## Contents",
            "## Stage gates",
            "## Buying committee",
            "## Touchpoint inventory",
            "## Heat map",
            "## Moments of truth and backlog",
            "## Qualification model",
            "## Onboarding: the 90-day plan",
            "## ROI scoreboard",
            "## Governance calendar",
            "## Baseline",
        ]
    );

    let gates = section(handbook, "Stage gates");
    for stage in &journey.stages {
        assert!(
            gates.contains(&format!(". {}", stage.name.as_str())),
            "stage `{}` has no gate",
            stage.id
        );
        for criterion in stage.entry_criteria.iter().chain(&stage.exit_criteria) {
            assert!(
                gates.contains(criterion.criterion.as_str()),
                "criterion missing: {}",
                criterion.criterion
            );
        }
        for path in &stage.exit_paths {
            let reason = journey
                .drop_off_reasons
                .iter()
                .find(|r| r.id.value == path.reason.value);
            let label = reason.expect("reason is defined").label.as_str();
            assert!(
                gates.contains(&format!("| {label} |")),
                "drop-off `{label}` missing"
            );
        }
    }

    // Every touchpoint is in the inventory on one row with its owner's name.
    let inventory = section(handbook, "Touchpoint inventory");
    for touchpoint in &journey.touchpoints {
        let row = inventory
            .lines()
            .find(|l| l.starts_with(&format!("| {}", touchpoint.name.as_str())))
            .unwrap_or_else(|| panic!("touchpoint `{}` is not in the inventory", touchpoint.id));
        let owner = &touchpoint
            .owner
            .as_ref()
            .expect("the example's touchpoints are owned")
            .0[0];
        assert!(
            row.contains(&format!("| {} |", owner_name(&journey, owner.as_str()))),
            "{row}"
        );
        assert!(
            section(handbook, "Heat map").contains(&format!("| {} |", touchpoint.name.as_str()))
        );
    }

    let moments = section(handbook, "Moments of truth and backlog");
    for moment in &journey.moments_of_truth {
        assert!(
            moments.contains(&format!("`{}`", moment.id)),
            "moment `{}` missing",
            moment.id
        );
        assert!(moments.contains(moment.kpi.as_ref().expect("kpi").as_str()));
        assert!(moments.contains(moment.next_action.as_ref().expect("next action").as_str()));
    }
    for item in &journey.backlog {
        assert!(
            moments.contains(item.title.as_str()),
            "backlog item `{}` missing",
            item.id
        );
    }

    // Plan steps appear in PSA order: by due day, ties as declared.
    let plan = section(handbook, "Onboarding: the 90-day plan");
    let mut steps: Vec<_> = journey
        .onboarding
        .as_ref()
        .expect("onboarding")
        .plan
        .iter()
        .collect();
    steps.sort_by_key(|s| s.due_day.as_ref().map_or(u32::MAX, |d| d.value));
    let listed: Vec<String> = plan
        .lines()
        .filter(|l| l.starts_with("| day ") || l.starts_with("| business day "))
        .map(|l| {
            let step = l.split(" | ").nth(1).expect("a step cell");
            step.trim_end_matches(" (milestone)")
                .trim_matches('*')
                .to_owned()
        })
        .collect();
    let expected: Vec<&str> = steps.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(listed, expected, "plan steps in PSA order");
    assert!(plan.contains("| business day 4 | **Technical discovery complete** (milestone) |"));
    assert!(
        plan.contains("| Tom Kowalski |"),
        "plan owners are names, not ids"
    );
}

#[test]
fn the_roi_scoreboard_shows_the_computed_figures_in_the_journey_currency() {
    let (_, docs) = example();
    let roi = section(&docs["docs/handbook.md"], "ROI scoreboard");

    // The figures from the comment in examples/msp-finance/operations.journey.yaml.
    for figure in [
        "| Churn reduction | revenue USD 4,500,000 × gross margin 51% × (churn 14% − 9%) | USD 114,750 |",
        "| Conversion lift | 2 more deals × ACV USD 118,800 × gross margin 51% | USD 121,176 |",
        "| Expansion revenue | as estimated | USD 90,000 |",
        "| Onboarding-failure savings | as estimated | USD 36,000 |",
        "| **Net benefit** | | **USD 361,926** |",
        "| **Total cost** | **USD 72,800** |",
        "**Net benefit after cost: USD 289,126. ROI: 397.2%.**",
    ] {
        assert!(
            roi.contains(figure),
            "missing from the scoreboard: {figure}\n{roi}"
        );
    }
}

/// The Mermaid node of each stage, from its declaration line.
fn mermaid_nodes(mermaid: &str, journey: &Journey) -> BTreeMap<String, String> {
    journey
        .stages
        .iter()
        .map(|stage| {
            let label = format!("\"{}\"", stage.name.as_str());
            let line = mermaid
                .lines()
                .map(str::trim)
                .find(|l| {
                    l.ends_with(&format!("[{label}]")) || l.ends_with(&format!("([{label}])"))
                })
                .unwrap_or_else(|| panic!("stage `{}` is not a Mermaid node", stage.id));
            let node = line
                .split(['[', '('])
                .next()
                .expect("a node name")
                .to_owned();
            (stage.id.to_string(), node)
        })
        .collect()
}

#[test]
fn the_stage_graph_diagrams_name_every_stage_and_edge() {
    let (journey, docs) = example();
    let mermaid = &docs["docs/stage-graph.mmd"];
    let dot = &docs["docs/stage-graph.dot"];
    let mermaid_lines: Vec<&str> = mermaid.lines().map(str::trim).collect();
    let dot_lines: Vec<&str> = dot.lines().map(str::trim).collect();

    assert_eq!(mermaid_lines[0], "flowchart LR");
    let nodes = mermaid_nodes(mermaid, &journey);
    for stage in &journey.stages {
        let node = &nodes[stage.id.as_str()];
        assert!(
            dot_lines.iter().any(|l| l.starts_with(&format!(
                "\"{}\" [label=\"{}\"",
                stage.id,
                stage.name.as_str()
            ))),
            "stage `{}` is not a DOT node",
            stage.id
        );
        if stage.is_start() {
            assert!(mermaid_lines.contains(&format!("journey_start((\" \")) --> {node}").as_str()));
            assert!(mermaid_lines.contains(&format!("class {node} startStage").as_str()));
            assert!(dot_lines.contains(&format!("journey_start -> \"{}\";", stage.id).as_str()));
        }
        if stage.is_end() {
            assert!(mermaid_lines.contains(&format!("class {node} endStage").as_str()));
            assert!(dot.contains(&format!(
                "\"{}\" [label=\"{}\", fillcolor=\"#e0e7ff\", color=\"#4338ca\", peripheries=2];",
                stage.id,
                stage.name.as_str()
            )));
        }

        // Transitions are solid.
        for t in &stage.transitions {
            let to = &nodes[t.to.as_str()];
            assert!(
                mermaid_lines.contains(&format!("{node} --> {to}").as_str()),
                "{node} --> {to}"
            );
            assert!(dot_lines.contains(&format!("\"{}\" -> \"{}\";", stage.id, t.to).as_str()));
        }

        // Exit paths that return are dashed and carry their reasons.
        for path in stage.exit_paths.iter().filter(|p| p.return_to.is_some()) {
            let back = path.return_to.as_ref().expect("filtered").as_str();
            let label = journey
                .drop_off_reasons
                .iter()
                .find(|r| r.id.value == path.reason.value)
                .expect("reason")
                .label
                .as_str();
            let to = &nodes[back];
            assert!(
                mermaid_lines
                    .iter()
                    .any(|l| l.starts_with(&format!("{node} -.->|\""))
                        && l.ends_with(&format!("\"| {to}"))
                        && l.contains(label)),
                "no dashed Mermaid edge {node} -> {to} for `{label}`"
            );
            assert!(
                dot_lines.iter().any(|l| l
                    .starts_with(&format!("\"{}\" -> \"{back}\" [style=dashed", stage.id))
                    && l.contains(label)),
                "no dashed DOT edge {} -> {back} for `{label}`",
                stage.id
            );
        }
    }

    // Mermaid numbers links in the order they are written; the dashed
    // returns must be the links that are coloured red.
    let links: Vec<&str> = mermaid_lines
        .iter()
        .copied()
        .filter(|l| l.contains("-->") || l.contains("-.->"))
        .collect();
    let red: BTreeSet<usize> = mermaid_lines
        .iter()
        .filter_map(|l| l.strip_prefix("linkStyle "))
        .map(|l| {
            l.split(' ')
                .next()
                .expect("index")
                .parse()
                .expect("a link number")
        })
        .collect();
    let dashed: BTreeSet<usize> = links
        .iter()
        .enumerate()
        .filter(|(_, l)| l.contains("-.->"))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(red, dashed);
}

#[test]
fn graphviz_lays_out_the_stage_graph() {
    if !require_tool("dot") {
        return;
    }
    let (journey, docs) = example();
    let svg = graphviz_svg(&docs["docs/stage-graph.dot"]);
    for stage in &journey.stages {
        assert!(
            svg.contains(&format!(">{}</text>", xml_text(stage.name.as_str()))),
            "`{}` not drawn",
            stage.id
        );
    }
}

/// Run `dot -Tsvg` on a graph and return the SVG; fails on any complaint.
fn graphviz_svg(graph: &str) -> String {
    let dir = TempDir::new("docs-dot");
    let file = dir.write("stage-graph.dot", graph);
    let output = Command::new("dot")
        .arg("-Tsvg")
        .arg(&file)
        .output()
        .expect("run dot");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stderr.trim().is_empty(),
        "dot rejected the graph:\n{stderr}\n{graph}"
    );
    String::from_utf8(output.stdout).expect("SVG is UTF-8")
}

/// How XML and HTML serializers write text content.
fn xml_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The example with markup and quoting characters in a stage name, a
/// touchpoint name and the title.
fn hostile_journey() -> (SourceSet, Journey) {
    let (sources, mut journey) = load_journey("examples/msp-finance");
    journey.stages[0].name.value = r#"Aware "ness" \N <b>#1</b> | `x"#.to_owned();
    journey.touchpoints[0].name.value = r#"<script>alert("x")</script> | done"#.to_owned();
    journey.journey.as_mut().expect("header").value.name.value = "<i>Finance</i> & co".to_owned();
    (sources, journey)
}

#[test]
fn journey_text_is_escaped_for_the_syntax_of_each_document() {
    let (mut sources, journey) = hostile_journey();
    let docs = render(&journey, &Templates::default(), &mut sources).expect("documents render");

    let html = &docs["docs/journey-map.html"];
    assert!(
        html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;&#x2f;script&gt; | done"),
        "touchpoint not escaped"
    );
    assert!(html.contains("<title>&lt;i&gt;Finance&lt;&#x2f;i&gt; &amp; co — journey map</title>"));
    assert!(!html.contains("<script") && !html.contains("<i>Finance") && !html.contains("<b>#1"));

    let handbook = &docs["docs/handbook.md"];
    assert!(
        handbook.contains("| &lt;script>alert(\"x\")&lt;/script> \\| done |"),
        "Markdown cell not escaped"
    );
    assert!(
        !handbook.contains("<script") && !handbook.contains("<b>#1") && !handbook.contains("<i>")
    );

    let mermaid = &docs["docs/stage-graph.mmd"];
    assert!(
        mermaid.contains(
            r##"s1(["Aware #quot;ness#quot; \N #lt;b#gt;#35;1#lt;/b#gt; #124; #96;x"])"##
        ),
        "{mermaid}"
    );

    let dot = &docs["docs/stage-graph.dot"];
    assert!(
        dot.contains(r#""awareness" [label="Aware \"ness\" \\N <b>#1</b> | `x""#),
        "{dot}"
    );
    if require_tool("dot") {
        let svg = graphviz_svg(dot);
        assert!(
            svg.contains(&xml_text(r#"Aware "ness" \N <b>#1</b> | `x"#).replace('"', "&quot;")),
            "label drawn as written"
        );
    }
}

#[test]
fn an_overridden_html_template_is_still_escaped() {
    let (mut sources, journey) = hostile_journey();
    let mut templates = Templates::default();
    assert!(templates.add_override(
        "journey-map.html",
        "mine/journey-map.html".into(),
        "<h1>{{ title }}</h1>\n".into()
    ));

    let docs = render(&journey, &templates, &mut sources).expect("documents render");

    assert_eq!(
        docs["docs/journey-map.html"],
        "<h1>&lt;i&gt;Finance&lt;&#x2f;i&gt; &amp; co</h1>\n"
    );
}

#[test]
fn a_template_override_with_a_typo_is_a_jc501_at_the_template_line() {
    let (mut sources, journey) = load_journey("examples/msp-finance");
    let mut templates = Templates::default();
    let text = "# {{ title }}\n\n{% for stage in stages %}\n- {{ stage.nmae }}\n{% endfor %}\n";
    assert!(templates.add_override("handbook.md", "house/handbook.md".into(), text.into()));

    let problems =
        render(&journey, &templates, &mut sources).expect_err("the typo stops the build");

    let lines: Vec<String> = problems
        .iter()
        .map(|d| journeyc::render::concise(&sources, d))
        .collect();
    assert_eq!(problems.len(), 1, "{lines:?}");
    assert_eq!(problems[0].code.code, "JC501");
    assert!(
        lines[0]
            .starts_with("house/handbook.md:4:1: error[JC501] template `house/handbook.md` failed"),
        "{}",
        lines[0]
    );
}

#[test]
fn journeyc_build_reports_a_broken_template_override_and_writes_nothing() {
    let dir = TempDir::new("docs-override");
    dir.write(
        "templates/stage-graph.dot",
        "digraph {\n  label=\"{{ title }}\";\n  {{ stagse }}\n}\n",
    );
    let out = dir.path().join("out");
    let templates = dir.path().join("templates");

    let run = support::journeyc(
        &root(),
        &[
            "build",
            "examples/msp-finance",
            "--target",
            "docs",
            "--out",
            out.to_str().expect("UTF-8 path"),
            "--templates",
            templates.to_str().expect("UTF-8 path"),
        ],
    );

    assert_ne!(run.code, 0, "{}", run.stdout);
    assert!(run.stdout.contains("error[JC501]"), "{}", run.stdout);
    assert!(
        run.stdout.contains("stage-graph.dot:3:"),
        "the message names the file and line:\n{}",
        run.stdout
    );
    assert!(!out.exists(), "nothing is written when a template fails");
}

/// The variable paths `docs/templates.md` documents, such as
/// `stages[].entry_criteria[].event`.
fn documented_variables() -> Vec<String> {
    let doc =
        std::fs::read_to_string(root().join("docs/templates.md")).expect("read docs/templates.md");
    let variables = doc
        .split_once("\n## Variables\n")
        .expect("a Variables section")
        .1;
    let variables = variables.split("\n## ").next().unwrap_or(variables);
    variables
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split_once('`'))
        .map(|(path, _)| path.to_owned())
        .collect()
}

#[test]
fn docs_templates_md_lists_exactly_the_variables_templates_receive() {
    let documented = documented_variables();
    assert!(
        documented.len() > 200,
        "the Variables tables were not found"
    );

    let text = support::template_probe::probe_template(&documented);

    let (mut sources, journey) = load_journey("examples/msp-finance");
    let mut templates = Templates::default();
    assert!(templates.add_override("handbook.md", "probe/handbook.md".into(), text));
    let docs = render(&journey, &templates, &mut sources).unwrap_or_else(|problems| {
        let lines: Vec<String> = problems
            .iter()
            .map(|d| journeyc::render::concise(&sources, d))
            .collect();
        panic!(
            "a documented variable does not exist:\n{}",
            lines.join("\n")
        )
    });
    let probe = &docs["docs/handbook.md"];

    let reached: BTreeSet<&str> = probe
        .lines()
        .filter_map(|l| l.strip_prefix("HAS "))
        .collect();
    let unreached: Vec<&String> = documented
        .iter()
        .filter(|p| !reached.contains(p.as_str()))
        .collect();
    assert!(
        unreached.is_empty(),
        "documented but missing (or never reached in the example): {unreached:?}"
    );

    let documented_names: BTreeSet<String> = documented
        .iter()
        .map(|p| p.trim_end_matches("[]").to_owned())
        .collect();
    let undocumented: BTreeSet<&str> = probe
        .lines()
        .filter_map(|l| l.strip_prefix("KEY "))
        .filter(|k| !documented_names.contains(*k))
        .collect();
    assert!(
        undocumented.is_empty(),
        "fields missing from docs/templates.md: {undocumented:?}"
    );
}

#[test]
fn docs_templates_md_names_every_shipped_template() {
    let doc =
        std::fs::read_to_string(root().join("docs/templates.md")).expect("read docs/templates.md");
    for (name, _) in journeyc::build::templates::EMBEDDED {
        // The handoff memo templates write `memo.*` for `journeyc handoff`.
        let writes = match name.strip_prefix("handoff-memo") {
            Some(extension) => format!("memo{extension}"),
            None => format!("docs/{name}"),
        };
        assert!(
            doc.contains(&format!("| `{name}` | `{writes}` |")),
            "`{name}` is not documented"
        );
        assert!(
            root().join("templates").join(name).is_file(),
            "templates/{name} is not shipped"
        );
    }
}

#[test]
fn the_journey_map_is_self_contained() {
    let (_, docs) = example();
    let html = &docs["docs/journey-map.html"];

    for outside in [
        "<script", "<link", "@import", "url(", "src=", "http://", "https://",
    ] {
        assert!(
            !html.contains(outside),
            "the map must not load anything: found `{outside}`"
        );
    }
    assert!(html.contains("@media print") && html.contains("@page { size: landscape;"));
}
