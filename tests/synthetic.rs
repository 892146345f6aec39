//! The synthetic journeys used by the benchmark are valid journeys, so the
//! benchmark measures a full check and not an early exit.

mod support;

use journeyc::source::{SourceFile, SourceSet};

#[test]
fn synthetic_journeys_pass_every_check() {
    for touchpoints in [1, 20, 500] {
        let mut sources = SourceSet::new();
        let id = sources.add(SourceFile::new(
            "synthetic.journey.yaml",
            support::synth::generate(touchpoints),
        ));
        let checked = journeyc::check_journey(&sources, &[id], Vec::new());
        let found: Vec<String> = checked
            .diagnostics
            .iter()
            .map(|d| journeyc::render::concise(&sources, d))
            .collect();
        assert!(
            found.is_empty(),
            "{touchpoints} touchpoints:\n{}",
            found.join("\n")
        );
    }
}
