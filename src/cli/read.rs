//! Reading a journey's files from disk — with the files of its base
//! journeys when it is a segment overlay — and printing diagnostics in the
//! human format, shared by every subcommand that checks a journey.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use journeyc::codes;
use journeyc::diagnostic::Diagnostic;
use journeyc::load::decode;
use journeyc::overlay;
use journeyc::render;
use journeyc::source::{FileId, SourceFile, SourceSet, Span};

use super::discover::{JourneyFiles, is_journey_file};

/// Files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Read the files of a journey and, when it is a segment overlay, the files
/// of its base journey (and of the base's base, down the chain) into the
/// same source set, so a diagnostic in a base file renders with its snippet.
/// The journey's own files come first: the library takes the first file's
/// directory as the journey checked (see `journeyc::overlay`).
///
/// A file that cannot be decoded gets a diagnostic and lossy text, so its
/// problem still renders with a snippet. A base that does not exist is not
/// an error here: the library reports it at the `base:` that names it.
pub fn read_journey(journey: &JourneyFiles) -> Result<(SourceSet, Vec<Diagnostic>), String> {
    let mut sources = SourceSet::new();
    let mut early = Vec::new();
    let mut pending: Vec<(String, PathBuf)> = journey
        .files
        .iter()
        .map(|path| (path.display().to_string(), path.clone()))
        .collect();
    let mut seen: BTreeSet<String> = pending
        .iter()
        .map(|(name, _)| overlay::dir_of(name))
        .collect();

    // Each round reads one layer; a base already read is not read again, so
    // a loop of bases ends here and the library reports it.
    for _ in 0..overlay::MAX_CHAIN {
        let mut bases = BTreeSet::new();
        for (name, path) in std::mem::take(&mut pending) {
            let id = read_file(&mut sources, &mut early, name, &path)?;
            let Some(file) = sources.get(id) else {
                continue;
            };
            if let Some(base) = overlay::declared_base(&file.name, &file.text)
                && seen.insert(base.clone())
            {
                bases.insert(base);
            }
        }
        for base in bases {
            pending.extend(base_files(&base));
        }
        if pending.is_empty() {
            break;
        }
    }
    Ok((sources, early))
}

/// The journey files of a base directory, named `<base>/<file>` so the
/// library finds them under the directory the overlay names. A directory
/// that cannot be listed yields nothing.
fn base_files(base: &str) -> Vec<(String, PathBuf)> {
    let Ok(entries) = fs::read_dir(base) else {
        return Vec::new();
    };
    let mut files: Vec<(String, PathBuf)> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| is_journey_file(p))
        .filter_map(|p| {
            let file_name = p.file_name()?.to_str()?.to_owned();
            let name = Path::new(base).join(file_name).display().to_string();
            Some((name, p))
        })
        .collect();
    files.sort();
    files
}

/// Read one file into the source set under `name`.
fn read_file(
    sources: &mut SourceSet,
    early: &mut Vec<Diagnostic>,
    name: String,
    path: &Path,
) -> Result<FileId, String> {
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
        return Ok(id);
    }
    let bytes = fs::read(path).map_err(|e| format!("cannot read `{name}`: {e}"))?;
    let id = sources.add(SourceFile::new(name, String::new()));
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
    Ok(id)
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
