//! The outer layer: everything that touches files, the terminal and the
//! environment. One file per subcommand, each with one `run` function.

pub mod build;
pub mod check;
pub mod diff;
pub mod discover;
pub mod explain;
pub mod explain_value;
pub mod handoff;
pub mod init;
pub mod output;
pub mod policy;
pub mod read;
pub mod schema;

use std::io::IsTerminal;

use journeyc::render::Style;

/// Colour only on a terminal, and never when `NO_COLOR` is set to anything
/// but the empty string.
pub fn style_for_stdout() -> Style {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let color = !no_color && std::io::stdout().is_terminal();
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<usize>().ok())
        .filter(|w| *w >= 40)
        .unwrap_or(100);
    Style { color, width }
}

/// The environment variable that fixes "today" for rules about dates, as
/// `YYYY-MM-DD`, so a run can be repeated exactly (tests, a re-run of an old
/// CI job).
pub const TODAY_VARIABLE: &str = "JOURNEYC_TODAY";

/// The day journeys are checked on: `JOURNEYC_TODAY` when set, else the
/// system clock's date in UTC. A malformed `JOURNEYC_TODAY` is a usage error
/// rather than silently ignored.
pub fn today() -> Result<journeyc::dates::CivilDate, String> {
    use journeyc::dates::CivilDate;
    if let Some(value) = std::env::var_os(TODAY_VARIABLE) {
        let text = value.to_string_lossy();
        return CivilDate::parse(text.trim()).ok_or_else(|| {
            format!(
                "{TODAY_VARIABLE} is `{text}`, not a date: write it as YYYY-MM-DD, such as \
                 2027-01-31, or unset it to use today's date"
            )
        });
    }
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Ok(CivilDate::from_unix_days(
        i64::try_from(seconds / 86_400).unwrap_or(0),
    ))
}
