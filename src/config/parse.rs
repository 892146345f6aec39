//! Reading `journeyc.toml` into a [`Config`], with every problem at once.
//!
//! The `toml` crate parses the text into tables whose every key and value
//! carries a byte range; we walk them ourselves instead of deserialising
//! with serde, because serde stops at the first problem and we want to
//! report all of them, each at its own key or value. Byte ranges become our
//! line/column [`Span`]s here.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

use super::codes::{
    CONFIG_DUPLICATE_RULE, CONFIG_INVALID_VALUE, CONFIG_NOT_CONFIGURABLE, CONFIG_SYNTAX,
    CONFIG_UNKNOWN_KEY, CONFIG_UNKNOWN_RULE,
};
use super::{Config, ConfigPath, Glob, Level, Lookup, Override, RuleLevels, lookup};
use crate::diagnostic::{Diagnostic, shorten};
use crate::source::{FileId, Pos, Span};

const TOP_KEYS: [&str; 4] = ["journeys", "baseline", "rules", "overrides"];
const OVERRIDE_KEYS: [&str; 2] = ["paths", "rules"];

/// Read the text of a configuration file. The configuration is usable only
/// when the diagnostics are empty; otherwise it holds what could be read.
///
/// TOML syntax errors are reported alone, at most one per line: the tables
/// recovered from a broken file are guesses, and judging them would add
/// confusing follow-on errors.
pub fn parse(file: FileId, text: &str) -> (Config, Vec<Diagnostic>) {
    let reader = Reader {
        file,
        lines: LineIndex::new(text),
        problems: Vec::new(),
    };
    reader.read(text)
}

struct Reader<'t> {
    file: FileId,
    lines: LineIndex<'t>,
    problems: Vec<Diagnostic>,
}

impl Reader<'_> {
    fn read(mut self, text: &str) -> (Config, Vec<Diagnostic>) {
        let (root, errors) = DeTable::parse_recoverable(text);
        if !errors.is_empty() {
            // After a syntax error the parser resynchronises and often
            // trips again on the same line; one error per line is what
            // helps a reader, the rest are echoes of it.
            let mut lines_seen = Vec::new();
            for error in errors {
                let span = self.span(error.span().unwrap_or(0..0));
                if !lines_seen.contains(&span.start.line) {
                    lines_seen.push(span.start.line);
                    self.problems.push(syntax_problem(error.message(), span));
                }
            }
            crate::diagnostic::sort(&mut self.problems);
            return (Config::default(), self.problems);
        }

        let mut config = Config::default();
        for (key, value) in sorted(root.get_ref()) {
            match key.get_ref().as_ref() {
                "journeys" => config.journeys = self.journeys(value),
                "baseline" => config.baseline = self.baseline(value),
                "rules" => {
                    if let Some(table) =
                        self.table(value, "`rules`", "[rules]\nJC302 = \"warning\"")
                    {
                        config.rules = self.rules(table);
                    }
                }
                "overrides" => config.overrides = self.overrides(value),
                other => self.unknown_key(key, other, &TOP_KEYS, "at the top of `journeyc.toml`"),
            }
        }
        crate::diagnostic::sort(&mut self.problems);
        (config, self.problems)
    }

    /// `journeys = ["journeys", "segments/clinic"]`.
    fn journeys(&mut self, value: &Spanned<DeValue<'_>>) -> Vec<ConfigPath> {
        let Some(items) = self.array(value, "`journeys`", "journeys = [\"journeys\"]") else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(path) if !path.trim().is_empty() => out.push(ConfigPath {
                    path: path.to_string(),
                    span: self.span(item.span()),
                }),
                DeValue::String(_) => self.invalid(
                    item,
                    "an entry of `journeys` is empty",
                    "no folder named",
                    "name a folder relative to the folder of `journeyc.toml`, such as \"journeys\"",
                ),
                other => self.invalid(
                    item,
                    "an entry of `journeys` is not a folder name",
                    &format!("this is {}", kind(other)),
                    "write folder names in double quotes, such as \"journeys\"",
                ),
            }
        }
        out
    }

    /// `baseline = "journeyc-baseline.json"`.
    fn baseline(&mut self, value: &Spanned<DeValue<'_>>) -> Option<ConfigPath> {
        match value.get_ref() {
            DeValue::String(path) if !path.trim().is_empty() => Some(ConfigPath {
                path: path.to_string(),
                span: self.span(value.span()),
            }),
            other => {
                self.invalid(
                    value,
                    "`baseline` is not a file name",
                    &match other {
                        DeValue::String(_) => "an empty name".to_owned(),
                        other => format!("this is {}", kind(other)),
                    },
                    "name the baseline file relative to the folder of `journeyc.toml`, such as \
                     \"journeyc-baseline.json\"",
                );
                None
            }
        }
    }

    /// A `rules` table, at the top or in an override.
    fn rules(&mut self, table: &DeTable<'_>) -> RuleLevels {
        let mut levels = RuleLevels::new();
        let mut first_key: Vec<(&'static str, Span)> = Vec::new();
        for (key, value) in sorted(table) {
            let name = key.get_ref().as_ref();
            let key_span = self.span(key.span());
            let code = match lookup(name) {
                Lookup::Found(code) => code,
                found => {
                    self.problems.push(lookup_problem(name, &found, key_span));
                    continue;
                }
            };
            let Some(level) = self.level(value, name) else {
                continue;
            };
            if let Some((_, first)) = first_key.iter().find(|(c, _)| *c == code.code) {
                self.problems.push(
                    Diagnostic::new(
                        &CONFIG_DUPLICATE_RULE,
                        format!("`{}` ({}) is set twice", code.code, code.name),
                        key_span,
                        "set again here",
                    )
                    .with_secondary(*first, "first set here")
                    .with_help("keep one of the two settings"),
                );
                continue;
            }
            first_key.push((code.code, key_span));
            levels.insert(code.code, level);
        }
        levels
    }

    /// A severity word.
    fn level(&mut self, value: &Spanned<DeValue<'_>>, rule: &str) -> Option<Level> {
        let choices = "choose \"error\", \"warning\" or \"off\"";
        let DeValue::String(word) = value.get_ref() else {
            self.invalid(
                value,
                &format!("the severity of `{}` is not text", shorten(rule)),
                &format!("this is {}", kind(value.get_ref())),
                &format!("{choices}, in double quotes"),
            );
            return None;
        };
        if let Some(level) = Level::from_word(word) {
            return Some(level);
        }
        let help = match crate::suggest::closest(word, Level::WORDS) {
            Some(s) => format!("did you mean \"{s}\"? {choices}"),
            None => choices.to_owned(),
        };
        self.invalid(
            value,
            &format!("`{}` is not a severity", shorten(word)),
            "not one of the choices",
            &help,
        );
        None
    }

    /// `[[overrides]]` entries.
    fn overrides(&mut self, value: &Spanned<DeValue<'_>>) -> Vec<Override> {
        let example =
            "[[overrides]]\npaths = [\"journeys/clinic/**\"]\nrules = { JC404 = \"warning\" }";
        let Some(items) = self.array(value, "`overrides`", example) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            let Some(table) = self.table(item, "an override", example) else {
                continue;
            };
            let mut paths = None;
            let mut rules = None;
            for (key, value) in sorted(table) {
                match key.get_ref().as_ref() {
                    "paths" => paths = Some(self.patterns(value)),
                    "rules" => {
                        rules = self
                            .table(
                                value,
                                "the `rules` of an override",
                                "rules = { JC404 = \"warning\" }",
                            )
                            .map(|t| self.rules(t));
                    }
                    other => self.unknown_key(key, other, &OVERRIDE_KEYS, "in an override"),
                }
            }
            if paths.is_none() {
                self.invalid(
                    item,
                    "an override has no `paths`",
                    "applies to no file",
                    "add `paths = [\"journeys/clinic/**\"]` with the files or folders it is for",
                );
            }
            if rules.is_none() && table.keys().all(|k| k.get_ref() != "rules") {
                self.invalid(
                    item,
                    "an override has no `rules`",
                    "changes nothing",
                    "add `rules = { JC404 = \"warning\" }` with the rules it changes",
                );
            }
            if let (Some(paths), Some(rules)) = (paths, rules) {
                out.push(Override { paths, rules });
            }
        }
        out
    }

    /// The `paths` of an override: a non-empty list of patterns.
    fn patterns(&mut self, value: &Spanned<DeValue<'_>>) -> Vec<Glob> {
        let Some(items) = self.array(value, "`paths`", "paths = [\"journeys/clinic/**\"]") else {
            return Vec::new();
        };
        if items.is_empty() {
            self.invalid(
                value,
                "`paths` is empty",
                "matches no file",
                "list the files or folders the override is for, such as \"journeys/clinic/**\"",
            );
        }
        let mut out = Vec::new();
        for item in items.iter() {
            let DeValue::String(pattern) = item.get_ref() else {
                self.invalid(
                    item,
                    "a path pattern is not text",
                    &format!("this is {}", kind(item.get_ref())),
                    "write patterns in double quotes, such as \"journeys/clinic/**\"",
                );
                continue;
            };
            match Glob::new(pattern) {
                Ok(glob) => out.push(glob),
                Err(reason) => self.invalid(
                    item,
                    &format!("`{}` is not a usable path pattern", shorten(pattern)),
                    &reason,
                    "write patterns relative to the folder of `journeyc.toml` with `/` between \
                     folders; `*` matches within a name, `**` any number of folders, `?` one \
                     character",
                ),
            }
        }
        out
    }

    fn array<'a, 'i>(
        &mut self,
        value: &'a Spanned<DeValue<'i>>,
        what: &str,
        example: &str,
    ) -> Option<&'a DeArray<'i>> {
        if let DeValue::Array(items) = value.get_ref() {
            return Some(items);
        }
        self.invalid(
            value,
            &format!("{what} must be a list"),
            &format!("this is {}", kind(value.get_ref())),
            &format!("write it as `{}`", example.replace('\n', "`, then `")),
        );
        None
    }

    fn table<'a, 'i>(
        &mut self,
        value: &'a Spanned<DeValue<'i>>,
        what: &str,
        example: &str,
    ) -> Option<&'a DeTable<'i>> {
        if let DeValue::Table(table) = value.get_ref() {
            return Some(table);
        }
        self.invalid(
            value,
            &format!("{what} must be a table"),
            &format!("this is {}", kind(value.get_ref())),
            &format!("write it as `{}`", example.replace('\n', "`, then `")),
        );
        None
    }

    fn unknown_key(
        &mut self,
        key: &Spanned<impl AsRef<str>>,
        name: &str,
        known: &[&str],
        place: &str,
    ) {
        let help = match crate::suggest::closest(name, known.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("the keys allowed {place} are {}", list(known)),
        };
        self.problems.push(
            Diagnostic::new(
                &CONFIG_UNKNOWN_KEY,
                format!("unknown key `{}` {place}", shorten(name)),
                self.span(key.span()),
                "not a configuration key",
            )
            .with_help(help),
        );
    }

    fn invalid<T>(&mut self, at: &Spanned<T>, message: &str, label: &str, help: &str) {
        self.problems.push(
            Diagnostic::new(&CONFIG_INVALID_VALUE, message, self.span(at.span()), label)
                .with_help(help),
        );
    }

    fn span(&self, range: Range<usize>) -> Span {
        Span::new(
            self.file,
            self.lines.pos(range.start),
            self.lines.pos(range.end),
        )
    }
}

/// The entries of a table in the order they appear in the file, so that
/// "set twice" points at the second one and problems are found in reading
/// order.
fn sorted<'a, 'i>(
    table: &'a DeTable<'i>,
) -> Vec<(
    &'a Spanned<std::borrow::Cow<'i, str>>,
    &'a Spanned<DeValue<'i>>,
)> {
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(k, _)| k.span().start);
    entries
}

/// The diagnostic for a code or name in a `rules` table that is not a
/// configurable code.
fn lookup_problem(query: &str, found: &Lookup, span: Span) -> Diagnostic {
    let shown = shorten(query);
    match found {
        Lookup::NotConfigurable(code) => Diagnostic::new(
            &CONFIG_NOT_CONFIGURABLE,
            format!("`{shown}` ({}) cannot be relaxed", code.name),
            span,
            format!("a {} problem, not a rule", code.phase.as_str()),
        )
        .with_help(
            "only the rules and `unused-suppression` can be configured: a journey that \
             cannot be read cannot be judged, so fix the journey instead (`journeyc explain` \
             says how)",
        ),
        Lookup::Found(_) | Lookup::Unknown(_) => {
            let help = match found {
                Lookup::Unknown(Some(s)) => format!("did you mean `{s}`?"),
                _ => "`journeyc rules` lists every rule with its code and name".to_owned(),
            };
            Diagnostic::new(
                &CONFIG_UNKNOWN_RULE,
                format!("unknown rule `{shown}`"),
                span,
                "no rule has this code or name",
            )
            .with_help(help)
        }
    }
}

/// A TOML syntax error from the `toml` crate, in our words where we can.
fn syntax_problem(message: &str, span: Span) -> Diagnostic {
    // The crate's messages are lowercase phrases, sometimes followed by a
    // line listing what was expected; the first line is the headline.
    let mut lines = message.lines().map(str::trim).filter(|l| !l.is_empty());
    let headline = lines.next().unwrap_or("invalid TOML").trim_end_matches('.');
    let detail: Vec<&str> = lines.collect();
    let label = if detail.is_empty() {
        "not valid TOML".to_owned()
    } else {
        detail.join("; ")
    };
    Diagnostic::new(
        &CONFIG_SYNTAX,
        format!("invalid TOML: {headline}"),
        span,
        label,
    )
    .with_help(
        "put text in double quotes (\"warning\"), close every `[`, `{` and `\"`, and write one \
         `key = value` per line",
    )
}

/// What a TOML value is, in words for the label.
fn kind(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "text",
        DeValue::Integer(_) | DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "true or false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

fn list(words: &[&str]) -> String {
    let quoted: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
    quoted.join(", ")
}

/// Byte offsets to 1-based line and character column.
struct LineIndex<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    fn new(text: &'t str) -> LineIndex<'t> {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    fn pos(&self, offset: usize) -> Pos {
        let offset = offset.min(self.text.len());
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.starts.get(line).copied().unwrap_or(0);
        let col = self
            .text
            .get(start..offset)
            .map_or(0, |prefix| prefix.chars().count());
        Pos {
            line: line as u32 + 1,
            col: col as u32 + 1,
        }
    }
}
