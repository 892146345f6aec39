//! Inline suppression comments (`# journeyc: ignore[CODE] reason`).
//!
//! Sometimes a finding is right in general and wrong for one line: a stage
//! reached only from a partner portal, a touchpoint shared on purpose. The
//! team says so next to the line, with a reason a reviewer can judge, instead
//! of switching the rule off for the whole repository. Suppressions are read
//! from the text of every file of the run ([`find`]), so they work in files
//! merged from a base journey too, and [`apply`] drops the findings they
//! cover. A suppression that covers nothing is reported, so that stale ones
//! do not pile up and hide the next real problem on that line.
//!
//! A trailing comment covers findings that start on its own line; a comment
//! alone on its line covers the next line that is neither blank nor a
//! comment. A suppression with any problem (no reason, an unknown code, a
//! code that cannot be relaxed) covers nothing, so that the finding it meant
//! to hide stays visible until the comment is fixed.

mod scan;

use std::collections::{HashMap, HashSet};

use crate::codes::{Code, Phase};
use crate::config::{Lookup, lookup};
use crate::diagnostic::{Diagnostic, Severity, shorten};
use crate::source::{FileId, Pos, SourceSet, Span};

pub use scan::{Line, LineKind, scan};

/// JC710: a suppression comment journeyc cannot use.
pub static INVALID_SUPPRESSION: Code = Code {
    code: "JC710",
    name: "invalid-suppression",
    severity: Severity::Error,
    phase: Phase::Config,
    summary: "a `# journeyc: ignore[…]` comment cannot be used",
    doc: r#"## What it checks
A suppression comment is written `# journeyc: ignore[CODE, …] reason`:
one or more rule codes (`JC302`) or names (`orphan-stage`) separated by
commas, then the reason the finding is acceptable. It is reported when
- the reason is missing,
- a code or name is unknown (with the nearest one when it looks like a typo),
- it names a code that cannot be relaxed: problems reading the files, their
  structure or the configuration (only the rules can be suppressed), or
  `unused-suppression` itself,
- the comment starts with `journeyc:` but is not written as above.

An invalid suppression suppresses nothing.

## Why
A suppression hides a finding from every later review; the reason is what
lets a reviewer agree with it, and a misspelt code would hide nothing while
looking as if it did.

## Example
```yaml
- id: partner-portal   # journeyc: ignore[JC302]
```

## How to fix
Add the reason after the codes, correct the code, or remove the comment and
fix the journey:
```yaml
- id: partner-portal   # journeyc: ignore[JC302] reached from the partner portal, outside the journey
```
"#,
};

/// JC711: a suppression that suppressed nothing.
pub static UNUSED_SUPPRESSION: Code = Code {
    code: "JC711",
    name: "unused-suppression",
    severity: Severity::Warning,
    phase: Phase::Config,
    summary: "a suppression comment suppresses nothing",
    doc: r#"## What it checks
Every code named in a `# journeyc: ignore[…]` comment must match a finding
on the line it applies to: its own line for a trailing comment, the next line
that is neither blank nor a comment for a comment on a line of its own.
It is judged only when the rules ran: while a journey has structural
problems, the rules and so the findings they would suppress are missing.

## Why
When the problem is fixed, the suppression stays behind and would silently
hide the next, different problem of the same kind on that line.

## Example
```yaml
stages:
  # journeyc: ignore[JC302] reached from the partner portal
  - id: awareness        # the stage now has a transition into it
```

## How to fix
Delete the code from the comment, or the whole comment when it names no
other code. A team that keeps suppressions on purpose can set
`unused-suppression = "off"` in `journeyc.toml`.
"#,
};

/// How to write a suppression, for help texts.
const SYNTAX: &str = "write `# journeyc: ignore[JC302] why this is acceptable here`, with one or \
                      more rule codes or names separated by commas";

/// One valid suppression comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppression {
    /// Where the comment is, from `#` to the end of the line.
    pub comment: Span,
    /// The line whose findings it covers; `None` when an own-line comment
    /// has no line after it.
    pub target_line: Option<u32>,
    /// The codes it names, each with where it is written.
    pub codes: Vec<(&'static Code, Span)>,
    pub reason: String,
}

/// Every suppression comment of every file, and the problems of those that
/// cannot be used.
pub fn find(sources: &SourceSet) -> (Vec<Suppression>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for (file, source) in sources.iter() {
        let lines = scan(&source.text);
        let texts: Vec<&str> = source
            .text
            .split('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
            .collect();
        for (index, line) in lines.iter().enumerate() {
            let (Some(at), Some(text)) = (line.comment, texts.get(index)) else {
                continue;
            };
            let number = index as u32 + 1;
            let target_line = match line.kind {
                LineKind::Comment => lines[index + 1..]
                    .iter()
                    .position(|l| l.kind == LineKind::Content)
                    .map(|offset| number + 1 + offset as u32),
                LineKind::Content | LineKind::Blank => Some(number),
            };
            let at_line = LineSpans {
                file,
                line: number,
                text,
            };
            match read_directive(&at_line, at) {
                Directive::None => {}
                Directive::Invalid(mut list) => problems.append(&mut list),
                Directive::Valid { codes, reason } => found.push(Suppression {
                    comment: at_line.span(at, text.len()),
                    target_line,
                    codes,
                    reason,
                }),
            }
        }
    }
    (found, problems)
}

/// Drop the findings that a suppression covers and add the problems of the
/// suppressions themselves: the invalid ones always, the unused ones only
/// when `rules_ran` (otherwise the findings they target may simply not have
/// been looked for). The result is sorted.
pub fn apply(
    sources: &SourceSet,
    diagnostics: Vec<Diagnostic>,
    rules_ran: bool,
) -> Vec<Diagnostic> {
    let (suppressions, mut problems) = find(sources);

    let mut by_line: HashMap<(FileId, u32), Vec<usize>> = HashMap::new();
    for (index, s) in suppressions.iter().enumerate() {
        if let Some(line) = s.target_line {
            by_line
                .entry((s.comment.file, line))
                .or_default()
                .push(index);
        }
    }

    let mut used: HashSet<(usize, usize)> = HashSet::new();
    let mut kept: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|d| {
            let at = (d.primary.span.file, d.primary.span.start.line);
            let mut covered = false;
            for &index in by_line.get(&at).map_or(&[][..], Vec::as_slice) {
                for (position, (code, _)) in suppressions[index].codes.iter().enumerate() {
                    if code.code == d.code.code {
                        used.insert((index, position));
                        covered = true;
                    }
                }
            }
            !covered
        })
        .collect();

    if rules_ran {
        for (index, s) in suppressions.iter().enumerate() {
            for (position, (code, span)) in s.codes.iter().enumerate() {
                if !used.contains(&(index, position)) {
                    problems.push(unused(code, *span, s.target_line.is_some()));
                }
            }
        }
    }

    kept.append(&mut problems);
    crate::diagnostic::sort(&mut kept);
    kept
}

fn unused(code: &Code, span: Span, has_target: bool) -> Diagnostic {
    let label = if has_target {
        format!(
            "nothing on the line it applies to is reported as `{}`",
            code.name
        )
    } else {
        "no line follows this comment".to_owned()
    };
    Diagnostic::new(
        &UNUSED_SUPPRESSION,
        format!("unused suppression of `{}` ({})", code.code, code.name),
        span,
        label,
    )
    .with_help(
        "the problem it was written for is gone: delete the code from the comment, or the \
         whole comment if it names nothing else",
    )
}

enum Directive {
    /// An ordinary comment.
    None,
    Invalid(Vec<Diagnostic>),
    Valid {
        codes: Vec<(&'static Code, Span)>,
        reason: String,
    },
}

/// One line of a file, to turn byte offsets within it into spans.
struct LineSpans<'t> {
    file: FileId,
    line: u32,
    text: &'t str,
}

impl LineSpans<'_> {
    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, self.pos(start), self.pos(end))
    }

    fn pos(&self, offset: usize) -> Pos {
        let col = self.text.get(..offset).map_or(0, |p| p.chars().count());
        Pos {
            line: self.line,
            col: col as u32 + 1,
        }
    }
}

/// Read the comment that starts at byte `at` of a line (at its `#`).
fn read_directive(line: &LineSpans<'_>, at: usize) -> Directive {
    let comment = &line.text[at..];
    let whole = line.span(at, line.text.len());
    let body = comment[1..].trim_start();
    let Some(after_prefix) = body.strip_prefix("journeyc:") else {
        return Directive::None;
    };
    let offset_of = |s: &str| line.text.len() - s.len();

    let directive = after_prefix.trim_start();
    let Some(list) = directive.strip_prefix("ignore").map(str::trim_start) else {
        return invalid(
            Diagnostic::new(
                &INVALID_SUPPRESSION,
                "unknown journeyc comment",
                whole,
                "expected `journeyc: ignore[…]`",
            )
            .with_help(format!(
                "the only journeyc comment is a suppression: {SYNTAX}"
            )),
        );
    };
    let Some(list) = list.strip_prefix('[') else {
        return invalid(
            Diagnostic::new(
                &INVALID_SUPPRESSION,
                "a suppression must name the codes it suppresses",
                whole,
                "expected `[` after `ignore`",
            )
            .with_help(SYNTAX),
        );
    };
    let Some(close) = list.find(']') else {
        return invalid(
            Diagnostic::new(
                &INVALID_SUPPRESSION,
                "a suppression's list of codes is not closed",
                whole,
                "expected `]` after the codes",
            )
            .with_help(SYNTAX),
        );
    };

    let mut problems = Vec::new();
    let mut codes = Vec::new();
    let list_start = offset_of(list);
    let mut item_start = list_start;
    for item in list[..close].split(',') {
        let leading = item.len() - item.trim_start().len();
        let name = item.trim();
        let start = item_start + leading;
        let span = line.span(start, start + name.len());
        item_start += item.len() + 1;
        if name.is_empty() {
            continue;
        }
        match lookup(name) {
            Lookup::Found(code) if std::ptr::eq(code, &UNUSED_SUPPRESSION) => problems.push(
                Diagnostic::new(
                    &INVALID_SUPPRESSION,
                    "`unused-suppression` cannot be suppressed inline",
                    span,
                    "suppresses a warning about suppressions",
                )
                .with_help(
                    "delete the suppression that suppresses nothing instead; to keep unused \
                     suppressions on purpose, set `unused-suppression = \"off\"` in journeyc.toml",
                ),
            ),
            Lookup::Found(code) => codes.push((code, span)),
            Lookup::NotConfigurable(code) => problems.push(
                Diagnostic::new(
                    &INVALID_SUPPRESSION,
                    format!("`{}` ({}) cannot be suppressed", shorten(name), code.name),
                    span,
                    format!("a {} problem, not a rule", code.phase.as_str()),
                )
                .with_help(
                    "only the rules can be suppressed: a journey that cannot be read cannot be \
                     judged, so fix the journey instead (`journeyc explain` says how)",
                ),
            ),
            Lookup::Unknown(suggestion) => problems.push(
                Diagnostic::new(
                    &INVALID_SUPPRESSION,
                    format!("unknown rule `{}` in a suppression", shorten(name)),
                    span,
                    "no rule has this code or name",
                )
                .with_help(match suggestion {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => "`journeyc rules` lists every rule with its code and name".to_owned(),
                }),
            ),
        }
    }
    if codes.is_empty() && problems.is_empty() {
        problems.push(
            Diagnostic::new(
                &INVALID_SUPPRESSION,
                "a suppression names no code",
                whole,
                "the brackets are empty",
            )
            .with_help(SYNTAX),
        );
    }

    let reason = list[close + 1..].trim();
    if reason.is_empty() {
        problems.push(
            Diagnostic::new(
                &INVALID_SUPPRESSION,
                "a suppression needs a reason",
                whole,
                "no reason after the codes",
            )
            .with_help(
                "say why the finding is acceptable here, after the codes: `# journeyc: \
                 ignore[JC302] reached from the partner portal`; reviewers judge the reason",
            ),
        );
    }

    if problems.is_empty() {
        Directive::Valid {
            codes,
            reason: reason.to_owned(),
        }
    } else {
        Directive::Invalid(problems)
    }
}

fn invalid(diagnostic: Diagnostic) -> Directive {
    Directive::Invalid(vec![diagnostic])
}

#[cfg(test)]
mod tests;
