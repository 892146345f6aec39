//! Golden files of the handoff for the example deal: the memo, the checklist
//! in every format and the calendar, compared byte for byte.
//!
//! Regenerate with `JOURNEYC_BLESS=1 cargo test --test handoff_golden` and
//! review the diff before committing.

mod support;

use journeyc::build::Templates;
use journeyc::source::SourceFile;
use support::{assert_golden, load_journey, root};

const DEAL: &str = "examples/deals/acme-credit-union.deal.yaml";

#[test]
fn the_example_deal_matches_its_golden_files() {
    let (mut sources, journey) = load_journey("examples/msp-finance");
    let text = std::fs::read_to_string(root().join(DEAL)).expect("read the example deal");
    let deal_file = sources.add(SourceFile::new(DEAL, text));
    let handoff =
        journeyc::handoff::handoff(&journey, deal_file, &Templates::default(), &mut sources)
            .unwrap_or_else(|problems| {
                let lines: Vec<String> = problems
                    .iter()
                    .map(|d| journeyc::render::concise(&sources, d))
                    .collect();
                panic!("the example deal does not hand off:\n{}", lines.join("\n"))
            });

    let names: Vec<&str> = handoff.artifacts.iter().map(|a| a.path.as_str()).collect();
    assert_eq!(
        names,
        [
            "checklist.autotask.json",
            "checklist.connectwise.json",
            "checklist.csv",
            "checklist.md",
            "memo.html",
            "memo.md",
            "milestones.ics"
        ]
    );
    for artifact in &handoff.artifacts {
        let text = String::from_utf8(artifact.contents.clone()).expect("handoff files are UTF-8");
        assert_golden(
            format!("tests/golden/acme-credit-union/{}", artifact.path),
            &text,
        );
    }
}
