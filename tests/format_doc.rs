//! The annotated example in `docs/format.md` must pass `journeyc check`, so
//! the format reference cannot drift from what the checker accepts.

use journeyc::source::{SourceFile, SourceSet};

/// The line that marks the checked example in the document.
const MARKER: &str = "<!-- checked-example -->";

/// The line that marks the overlay example, checked as an overlay of
/// `examples/msp-finance`.
const OVERLAY_MARKER: &str = "<!-- checked-overlay-example -->";

/// The first ```yaml fenced block after the line holding [`MARKER`], with
/// the line number in `doc` of its first line.
fn checked_example(doc: &str) -> Option<(usize, String)> {
    block_after(doc, MARKER)
}

/// The first ```yaml fenced block after the line holding `marker`.
fn block_after(doc: &str, marker: &str) -> Option<(usize, String)> {
    let mut lines = doc
        .lines()
        .enumerate()
        .skip_while(|(_, line)| !line.contains(marker));
    lines.next()?;
    let (fence, _) = lines.find(|(_, line)| line.trim_start().starts_with("```yaml"))?;
    let mut block = String::new();
    for (_, line) in lines {
        if line.trim_start().starts_with("```") {
            return Some((fence + 2, block));
        }
        block.push_str(line);
        block.push('\n');
    }
    None // the fence is never closed
}

#[test]
fn annotated_example_in_format_reference_passes_check() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/format.md");
    let doc = std::fs::read_to_string(path).expect("docs/format.md is readable");
    let (first_line, example) = checked_example(&doc)
        .expect("docs/format.md has a closed ```yaml block after `<!-- checked-example -->`");

    let mut sources = SourceSet::new();
    let id = sources.add(SourceFile::new("example.journey.yaml", example));
    assert_checks_cleanly(&sources, &[id], "the checked example", first_line);
}

/// Check the files as one journey and fail with every problem found.
fn assert_checks_cleanly(
    sources: &SourceSet,
    files: &[journeyc::source::FileId],
    what: &str,
    first_line: usize,
) {
    let checked = journeyc::check_journey(sources, files, Vec::new());
    let problems: Vec<String> = checked
        .diagnostics
        .iter()
        .map(|d| journeyc::render::concise(sources, d))
        .collect();
    assert!(
        problems.is_empty(),
        "{what} in docs/format.md has {} problem(s) \
         (line 1 of the example is line {first_line} of docs/format.md):\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert!(!checked.rules_skipped, "the rules did not run on {what}");
}

#[test]
fn overlay_example_in_format_reference_passes_check() {
    let root = env!("CARGO_MANIFEST_DIR");
    let doc = std::fs::read_to_string(format!("{root}/docs/format.md")).expect("docs/format.md");
    let (first_line, example) = block_after(&doc, OVERLAY_MARKER)
        .expect("docs/format.md has a closed ```yaml block after the overlay marker");

    // The layout the example's `base:` expects: the overlay two folders
    // below a copy of the finance example.
    let mut sources = SourceSet::new();
    let mut files = vec![sources.add(SourceFile::new(
        "journeys/segments/clinics/overlay.journey.yaml",
        example,
    ))];
    let mut base: Vec<_> = std::fs::read_dir(format!("{root}/examples/msp-finance"))
        .expect("the finance example")
        .map(|e| e.expect("directory entry").path())
        .collect();
    base.sort();
    for path in base {
        let name = path
            .file_name()
            .expect("file name")
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(&path).expect("example file");
        files.push(sources.add(SourceFile::new(format!("journeys/finance/{name}"), text)));
    }
    assert_checks_cleanly(&sources, &files, "the overlay example", first_line);
}

#[test]
fn extraction_takes_the_first_yaml_block_after_the_marker() {
    let doc = "```yaml\nbefore: 1\n```\n<!-- checked-example -->\ntext\n```yaml\na: 1\n```\n```yaml\nb: 2\n```\n";
    assert_eq!(checked_example(doc), Some((7, "a: 1\n".to_owned())));
    assert_eq!(checked_example("no marker here"), None);
    assert_eq!(
        checked_example("<!-- checked-example -->\n```yaml\nopen: 1\n"),
        None
    );
}
