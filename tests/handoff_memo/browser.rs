//! The HTML memo in a real browser: headless Chromium loads it without
//! console errors, shows every promise and contact, and prints it with a
//! page per pillar.

use super::support::{TempDir, chromium, console_lines, rendered_dom, require_tool};
use super::{example_memo, html_text, step_name};

#[test]
fn the_html_memo_loads_in_headless_chromium_without_console_errors_and_prints() {
    if !require_tool("chromium") {
        return;
    }
    let (journey, deal, files) = example_memo("Acme Credit Union");
    let dir = TempDir::new("handoff-memo-chromium");
    let page = dir.write("memo.html", &files["memo.html"]);
    let url = format!("file://{}", page.display());

    let dom = rendered_dom(&page, &dir.path().join("profile-dom"));
    assert!(
        dom.contains("<h1>Acme Credit Union</h1>"),
        "the page did not render:\n{dom}"
    );
    for promise in &deal.promises {
        assert!(
            dom.contains(&format!("<tr id=\"promise-{}\">", promise.id)),
            "promise `{}` not shown",
            promise.id
        );
    }
    for contact in &deal.contacts {
        assert!(
            dom.contains(contact.name.as_str()),
            "contact `{}` not shown",
            contact.name.as_str()
        );
    }
    assert!(dom.contains(&html_text(step_name(&journey, "tooling-rolled-out"))));

    let pdf = dir.path().join("memo.pdf");
    let run = chromium(&dir.path().join("profile-pdf"))
        .args([
            "--no-pdf-header-footer",
            &format!("--print-to-pdf={}", pdf.display()),
            &url,
        ])
        .output()
        .expect("run chromium");
    assert!(
        run.status.success() && console_lines(&String::from_utf8_lossy(&run.stderr)).is_empty()
    );
    let pdf = std::fs::read(&pdf).expect("a PDF was written");
    assert!(pdf.starts_with(b"%PDF"), "printing produced no PDF");
    // A page for the header and sales promise, then one per pillar and one
    // for what to watch: the print style's page breaks took effect.
    let pages = pdf
        .windows(b"/Type /Page\n".len())
        .filter(|w| w.starts_with(b"/Type /Page") && !w.starts_with(b"/Type /Pages"))
        .count();
    assert!(
        pages >= 4,
        "expected a page per pillar and one for the trust moments, got {pages}"
    );
}
