//! The documents in a real browser: the HTML journey map in headless
//! Chromium (no console errors, every stage and touchpoint on the page, a
//! screenshot and a PDF come out), and the Mermaid graph drawn by Mermaid.

use journeyc::build::Templates;

use super::support::{TempDir, chromium, console_lines, rendered_dom, require_tool};
use super::{example, hostile_journey, render, xml_text};

/// The map test relies on Chromium logging console messages to stderr; this
/// keeps that check from passing vacuously if a Chromium release changes
/// the log format.
#[test]
fn chromium_logs_a_broken_page_the_way_the_map_test_expects() {
    if !require_tool("chromium") {
        return;
    }
    let dir = TempDir::new("docs-chromium-broken");
    let page = dir.write(
        "broken.html",
        "<!DOCTYPE html><p>broken</p><script>notDefined();</script>\n",
    );

    let run = chromium(&dir.path().join("profile"))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium");

    let stderr = String::from_utf8_lossy(&run.stderr);
    let lines = console_lines(&stderr);
    assert!(
        lines.iter().any(|l| l.contains("notDefined")),
        "the script error was not logged:\n{stderr}"
    );
}

#[test]
fn the_journey_map_loads_in_headless_chromium_and_shows_every_stage_and_touchpoint() {
    if !require_tool("chromium") {
        return;
    }
    let (journey, docs) = example();
    let dir = TempDir::new("docs-chromium");
    let page = dir.write("journey-map.html", &docs["docs/journey-map.html"]);
    let url = format!("file://{}", page.display());

    let dom = rendered_dom(&page, &dir.path().join("profile-dom"));
    assert!(
        dom.contains("<table class=\"map\""),
        "the page did not render:\n{dom}"
    );
    for stage in &journey.stages {
        assert!(
            dom.contains(&format!(
                "<span class=\"name\">{}</span>",
                xml_text(stage.name.as_str())
            )),
            "stage `{}` not shown",
            stage.id
        );
    }
    for touchpoint in &journey.touchpoints {
        assert!(
            dom.contains(&format!("<h3>{}</h3>", xml_text(touchpoint.name.as_str()))),
            "touchpoint `{}` not shown",
            touchpoint.id
        );
    }

    // The page also draws and prints: a screenshot and a PDF come out.
    let shot = dir.path().join("map.png");
    let run = chromium(&dir.path().join("profile-shot"))
        .args([
            "--window-size=1600,1000",
            &format!("--screenshot={}", shot.display()),
            &url,
        ])
        .output()
        .expect("run chromium");
    assert!(
        run.status.success() && console_lines(&String::from_utf8_lossy(&run.stderr)).is_empty()
    );
    let png = std::fs::read(&shot).expect("a screenshot was written");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 20_000,
        "the screenshot is empty"
    );

    let pdf = dir.path().join("map.pdf");
    let run = chromium(&dir.path().join("profile-pdf"))
        .args([
            "--no-pdf-header-footer",
            &format!("--print-to-pdf={}", pdf.display()),
            &url,
        ])
        .output()
        .expect("run chromium");
    assert!(run.status.success(), "printing failed");
    let pdf = std::fs::read(&pdf).expect("a PDF was written");
    assert!(pdf.starts_with(b"%PDF"), "printing produced no PDF");
}

/// Render Mermaid source with the Mermaid library in headless Chromium and
/// return the page after rendering, or `None` when no Mermaid build is
/// available. Mermaid is not vendored (it is a 3.5 MB bundle): point
/// `JOURNEYC_MERMAID_JS` at its `dist/mermaid.min.js`, for example after
/// `npm install --prefix /tmp/mermaid mermaid@11`.
fn render_mermaid(source: &str) -> Option<String> {
    let Some(library) = std::env::var_os("JOURNEYC_MERMAID_JS") else {
        eprintln!("note: JOURNEYC_MERMAID_JS is not set; skipping the Mermaid render check");
        return None;
    };
    if !require_tool("chromium") {
        return None;
    }
    let dir = TempDir::new("docs-mermaid");
    std::fs::copy(&library, dir.path().join("mermaid.min.js")).expect("copy the Mermaid library");
    let escaped = xml_text(source);
    let page = dir.write(
        "graph.html",
        format!(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>\n\
             <pre id=\"graph\">{escaped}</pre><p id=\"status\">pending</p>\n\
             <script src=\"mermaid.min.js\"></script>\n<script>\n\
             const status = document.getElementById('status');\n\
             mermaid.initialize({{ startOnLoad: false }});\n\
             mermaid.render('rendered', document.getElementById('graph').textContent)\n\
               .then(r => {{ document.body.insertAdjacentHTML('beforeend', r.svg); status.textContent = 'rendered'; }})\n\
               .catch(e => {{ status.textContent = 'failed: ' + e; }});\n\
             </script></body></html>\n"
        ),
    );
    let output = chromium(&dir.path().join("profile"))
        .args(["--virtual-time-budget=10000", "--dump-dom"])
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium");
    assert!(output.status.success(), "chromium failed");
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn mermaid_draws_the_stage_graph_with_escaped_labels() {
    let (mut sources, journey) = hostile_journey();
    let docs = render(&journey, &Templates::default(), &mut sources).expect("documents render");

    let Some(dom) = render_mermaid(&docs["docs/stage-graph.mmd"]) else {
        return;
    };

    assert!(
        dom.contains("<p id=\"status\">rendered</p>"),
        "Mermaid rejected the graph:\n{dom}"
    );
    for stage in &journey.stages[1..] {
        assert!(
            dom.contains(&xml_text(stage.name.as_str())),
            "`{}` not drawn",
            stage.id
        );
    }
    assert!(
        dom.contains("Aware \"ness\" \\N &lt;b&gt;#1&lt;/b&gt; | `x"),
        "the quoted name is drawn as written"
    );
}
