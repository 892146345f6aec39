//! Reading a journey's files from disk and printing diagnostics in the
//! human format, shared by every subcommand that checks a journey.

use std::fs;

use journeyc::codes;
use journeyc::diagnostic::Diagnostic;
use journeyc::load::decode;
use journeyc::render;
use journeyc::source::{SourceFile, SourceSet, Span};

use super::discover::JourneyFiles;

/// Files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Read the files of a journey. A file that cannot be decoded gets a
/// diagnostic and lossy text, so its problem still renders with a snippet.
pub fn read_journey(journey: &JourneyFiles) -> Result<(SourceSet, Vec<Diagnostic>), String> {
    let mut sources = SourceSet::new();
    let mut early = Vec::new();
    for path in &journey.files {
        let name = path.display().to_string();
        let size = fs::metadata(path)
            .map_err(|e| format!("cannot read `{name}`: {e}"))?
            .len();
        if size > MAX_FILE_BYTES {
            let id = sources.add(SourceFile::new(name.clone(), String::new()));
            early.push(
                Diagnostic::new(
                    &codes::UNREADABLE_FILE,
                    format!(
                        "the file is too large ({} MiB; the limit is {} MiB)",
                        size >> 20,
                        MAX_FILE_BYTES >> 20
                    ),
                    Span::file_start(id),
                    "not read",
                )
                .with_help("split the journey over several files in the same directory"),
            );
            continue;
        }
        let bytes = fs::read(path).map_err(|e| format!("cannot read `{name}`: {e}"))?;
        let id = sources.add(SourceFile::new(name.clone(), String::new()));
        match decode(id, &bytes) {
            Ok(text) => sources.replace_text(id, text),
            Err(d) => {
                // Show the text around an encoding error; a binary file has
                // nothing worth showing.
                if !bytes.contains(&0) {
                    sources.replace_text(id, String::from_utf8_lossy(&bytes).into_owned());
                }
                early.push(*d);
            }
        }
    }
    Ok((sources, early))
}

/// Print diagnostics, each followed by a blank line, in one write.
pub fn print_diagnostics(sources: &SourceSet, diagnostics: &[Diagnostic], style: render::Style) {
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&render::human(sources, d, style));
        out.push('\n');
    }
    print!("{out}");
}
