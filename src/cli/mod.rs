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
