//! The event-driven YAML reader built on `saphyr-parser`.
//!
//! The parser streams events; this module assembles them into [`Node`]s with
//! an explicit stack (so depth is bounded by [`MAX_DEPTH`], not by the call
//! stack), resolves plain scalars with the YAML 1.2 core schema (strict:
//! `yes`/`no`/`on`/`off` stay text, `010` stays text), rejects duplicate keys at
//! the second key, and expands aliases within a budget.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span as YamlSpan};

use super::node::{Entry, Node, NodeKind};
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Pos, Span};

/// Deepest nesting of mappings and lists accepted in a journey file.
pub const MAX_DEPTH: usize = 64;

/// Most values that aliases may add to a file in total.
pub const MAX_ALIAS_NODES: usize = 1_000_000;

/// The outcome of loading one file: the document (absent when the file could
/// not be read at all) and what went wrong.
pub struct Loaded {
    pub root: Option<Node>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Turn the raw bytes of a file into text, refusing binary files and text
/// that is not UTF-8 with a diagnostic at the first offending byte.
pub fn decode(file: FileId, bytes: &[u8]) -> Result<String, Box<Diagnostic>> {
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        let at = position_of(bytes, nul);
        return Err(Box::new(Diagnostic::new(
            &codes::UNREADABLE_FILE,
            "the file is binary, not a journey",
            Span::new(file, at, at),
            "a NUL byte here",
        )
        .with_help(
            "journey files are UTF-8 text; move files that are not journeys out of the directory",
        )));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(err) => {
            let at = position_of(bytes, err.valid_up_to());
            Err(Box::new(
                Diagnostic::new(
                    &codes::UNREADABLE_FILE,
                    "the file is not UTF-8 text",
                    Span::new(file, at, at),
                    "this byte is not valid UTF-8",
                )
                .with_help("save the file as UTF-8 (every editor offers this under \"Save as\")"),
            ))
        }
    }
}

/// Line and column of a byte offset in a byte string, counting characters
/// of the valid prefix.
fn position_of(bytes: &[u8], offset: usize) -> Pos {
    let prefix = String::from_utf8_lossy(&bytes[..offset]);
    let line = prefix.matches('\n').count() as u32 + 1;
    let col = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
    Pos { line, col }
}

/// Load text: parse the single document of the file into a node tree.
pub fn load_str(file: FileId, text: &str) -> Loaded {
    let mut line_starts = vec![0];
    line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    let mut builder = Builder {
        file,
        text,
        line_starts,
        stack: Vec::new(),
        anchors: HashMap::new(),
        alias_nodes: 0,
        root: None,
        documents: 0,
        diagnostics: Vec::new(),
    };
    let mut parser = Parser::new_from_str(text);
    loop {
        match parser.next_event() {
            None => break,
            Some(Ok((event, span))) => match builder.event(event, span) {
                Flow::Continue => {}
                Flow::Stop => break,
            },
            Some(Err(err)) => {
                builder.diagnostics.push(syntax_error(file, text, &err));
                builder.root = None;
                break;
            }
        }
    }

    if builder.diagnostics.is_empty() && builder.root.is_none() {
        builder.diagnostics.push(
            Diagnostic::new(
                &codes::EMPTY_FILE,
                "the file is empty",
                Span::file_start(file),
                "no sections in this file",
            )
            .with_help("add the sections this file is meant to hold, or delete it"),
        );
    }
    Loaded {
        root: builder.root,
        diagnostics: builder.diagnostics,
    }
}

enum Flow {
    Continue,
    Stop,
}

enum Frame {
    Seq {
        start: Pos,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        start: Pos,
        anchor: usize,
        entries: Vec<Entry>,
        key: Option<(String, Span)>,
        /// Key positions by name, built only once a mapping grows large;
        /// small mappings (nearly all) are searched linearly.
        seen: Option<HashMap<String, Span>>,
        /// Set after a duplicate key: its value is parsed but dropped.
        skip_value: bool,
    },
}

struct Builder<'a> {
    file: FileId,
    text: &'a str,
    line_starts: Vec<usize>,
    stack: Vec<Frame>,
    anchors: HashMap<usize, Node>,
    alias_nodes: usize,
    root: Option<Node>,
    documents: usize,
    diagnostics: Vec<Diagnostic>,
}

impl Builder<'_> {
    fn span(&self, span: YamlSpan) -> Span {
        Span::new(self.file, pos(span.start), pos(span.end))
    }

    fn event(&mut self, event: Event<'_>, span: YamlSpan) -> Flow {
        match event {
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    let at = self.span(span);
                    self.diagnostics.push(
                        Diagnostic::new(
                            &codes::SEVERAL_DOCUMENTS,
                            "a second YAML document starts here",
                            at,
                            "`---` starts another document",
                        )
                        .with_help("keep one document per file; move the rest into another file of the same directory"),
                    );
                    return Flow::Stop;
                }
                Flow::Continue
            }
            Event::Scalar(value, style, anchor, tag) => {
                let span = self.span(span);
                let forced_text = tag.as_ref().is_some_and(|t| t.suffix == "str");
                let kind = if style == ScalarStyle::Plain && !forced_text {
                    resolve_plain(&value)
                } else {
                    NodeKind::Str(value.into_owned())
                };
                self.complete(Node { span, kind }, anchor)
            }
            Event::SequenceStart(anchor, _) => self.open(
                Frame::Seq {
                    start: pos(span.start),
                    anchor,
                    items: Vec::new(),
                },
                span,
            ),
            Event::MappingStart(anchor, _) => self.open(
                Frame::Map {
                    start: pos(span.start),
                    anchor,
                    entries: Vec::new(),
                    key: None,
                    seen: None,
                    skip_value: false,
                },
                span,
            ),
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = self.stack.pop() else {
                    return Flow::Continue;
                };
                let end = self.collection_end(span);
                let (node, anchor) = match frame {
                    Frame::Seq {
                        start,
                        anchor,
                        items,
                    } => (
                        Node {
                            span: Span::new(self.file, start, end),
                            kind: NodeKind::Seq(items),
                        },
                        anchor,
                    ),
                    Frame::Map {
                        start,
                        anchor,
                        entries,
                        ..
                    } => (
                        Node {
                            span: Span::new(self.file, start, end),
                            kind: NodeKind::Map(entries),
                        },
                        anchor,
                    ),
                };
                self.complete(node, anchor)
            }
            Event::Alias(id) => {
                let at = self.span(span);
                let Some(target) = self.anchors.get(&id) else {
                    return Flow::Continue;
                };
                self.alias_nodes += target.count();
                if self.alias_nodes > MAX_ALIAS_NODES {
                    self.diagnostics.push(
                        Diagnostic::new(
                            &codes::ALIAS_LIMIT,
                            format!("aliases expand to more than {MAX_ALIAS_NODES} values"),
                            at,
                            "this alias goes over the limit",
                        )
                        .with_help(
                            "write the repeated content out, or use fewer levels of aliases",
                        ),
                    );
                    self.root = None;
                    return Flow::Stop;
                }
                let mut copy = target.clone();
                copy.span = at;
                self.complete(copy, 0)
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {
                Flow::Continue
            }
        }
    }

    /// Block collections end where the next token starts, which may be lines
    /// later; end them at the last character of their content instead.
    fn collection_end(&self, span: YamlSpan) -> Pos {
        let mut end = pos(span.end);
        if end.col == 1 && end.line > 1 {
            let mut line = end.line - 1;
            while line > 1 && self.line_is_blank(line) {
                line -= 1;
            }
            end = Pos {
                line,
                col: self.line_len(line) + 1,
            };
        }
        end
    }

    fn line(&self, line: u32) -> &str {
        let idx = line as usize - 1;
        let Some(&start) = self.line_starts.get(idx) else {
            return "";
        };
        let end = self
            .line_starts
            .get(idx + 1)
            .copied()
            .unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    fn line_is_blank(&self, line: u32) -> bool {
        let t = self.line(line).trim();
        t.is_empty() || t.starts_with('#')
    }

    fn line_len(&self, line: u32) -> u32 {
        self.line(line).chars().count() as u32
    }

    fn open(&mut self, frame: Frame, span: YamlSpan) -> Flow {
        if self.stack.len() >= MAX_DEPTH {
            let at = self.span(span);
            self.diagnostics.push(
                Diagnostic::new(
                    &codes::TOO_DEEP,
                    format!("the YAML nests more than {MAX_DEPTH} levels deep"),
                    at,
                    "nesting goes over the limit here",
                )
                .with_help("a journey needs only a few levels; flatten this structure"),
            );
            self.root = None;
            return Flow::Stop;
        }
        if matches!(self.stack.last(), Some(Frame::Map { key: None, .. })) {
            let at = self.span(span);
            self.diagnostics.push(
                Diagnostic::new(
                    &codes::YAML_SYNTAX,
                    "a list or mapping is used as a key",
                    at,
                    "keys must be plain text",
                )
                .with_help("write the key as text, such as `owner:`"),
            );
            self.root = None;
            return Flow::Stop;
        }
        self.stack.push(frame);
        Flow::Continue
    }

    fn complete(&mut self, node: Node, anchor: usize) -> Flow {
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            None => {
                if matches!(node.kind, NodeKind::Null) {
                    // An empty document or one holding only comments.
                    return Flow::Continue;
                }
                self.root = Some(node);
            }
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                entries,
                key,
                seen,
                skip_value,
                ..
            }) => match key.take() {
                Some((k, key_span)) => {
                    if *skip_value {
                        *skip_value = false;
                    } else {
                        entries.push(Entry {
                            key: k,
                            key_span,
                            value: node,
                        });
                    }
                }
                None => {
                    let text = match node.kind {
                        NodeKind::Str(s) => s,
                        _ => node.scalar_text().unwrap_or_default(),
                    };
                    let first = match seen {
                        Some(index) => index.get(&text).copied(),
                        None => entries.iter().find(|e| e.key == text).map(|e| e.key_span),
                    };
                    if let Some(first) = first {
                        self.diagnostics.push(
                            Diagnostic::new(
                                &codes::DUPLICATE_KEY,
                                format!(
                                    "key `{}` appears twice in the same mapping",
                                    crate::diagnostic::shorten(&text)
                                ),
                                node.span,
                                "second definition",
                            )
                            .with_secondary(first, "first definition")
                            .with_help("keep one of the two and delete the other"),
                        );
                        *skip_value = true;
                    } else if let Some(index) = seen {
                        index.insert(text.clone(), node.span);
                    } else if entries.len() >= 32 {
                        let mut index: HashMap<String, Span> = entries
                            .iter()
                            .map(|e| (e.key.clone(), e.key_span))
                            .collect();
                        index.insert(text.clone(), node.span);
                        *seen = Some(index);
                    }
                    *key = Some((text, node.span));
                }
            },
        }
        Flow::Continue
    }
}

fn pos(marker: saphyr_parser::Marker) -> Pos {
    Pos {
        line: marker.line() as u32,
        col: marker.col() as u32 + 1,
    }
}

// FIXME: YAML merge keys (`<<: *defaults`) are not expanded; they are read
// as an ordinary key and reported as unknown by the schema check.

/// Resolve a plain scalar with the YAML 1.2 core schema, strictly: only
/// `true`/`false` are booleans and a number with a leading zero stays text
/// (a postcode or an account number, not an octal).
fn resolve_plain(text: &str) -> NodeKind {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return NodeKind::Null,
        "true" | "True" | "TRUE" => return NodeKind::Bool(true),
        "false" | "False" | "FALSE" => return NodeKind::Bool(false),
        _ => {}
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let int_part = digits.split(['.', 'e', 'E']).next().unwrap_or("");
    if int_part.len() > 1 && int_part.starts_with('0') {
        return NodeKind::Str(text.to_owned());
    }
    if !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && let Ok(i) = text.parse::<i64>()
    {
        return NodeKind::Int(i);
    }
    if is_decimal(digits)
        && let Ok(f) = text.parse::<f64>()
        && f.is_finite()
    {
        return NodeKind::Float(f);
    }
    NodeKind::Str(text.to_owned())
}

/// `1.5`, `.5`, `2.`, `1e3`, `1.5E-2`: the YAML 1.2 core float forms without
/// the special values, which a journey never needs.
fn is_decimal(s: &str) -> bool {
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let mut parts = mantissa.splitn(2, '.');
    let whole = parts.next().unwrap_or("");
    let frac = parts.next().unwrap_or("");
    let digits_ok = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok =
        (!whole.is_empty() || !frac.is_empty()) && digits_ok(whole) && digits_ok(frac);
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && digits_ok(e)
    });
    mantissa_ok && exponent_ok
}

/// Turn a parser error into a diagnostic, recognising the common case of a
/// tab used for indentation, which the parser reports obscurely.
fn syntax_error(file: FileId, text: &str, err: &ScanError) -> Diagnostic {
    let at = pos(*err.marker());
    let span = Span::new(
        file,
        at,
        Pos {
            line: at.line,
            col: at.col + 1,
        },
    );

    let line = text
        .lines()
        .nth(at.line.saturating_sub(1) as usize)
        .unwrap_or("");
    let indent: String = line.chars().take_while(|c| c.is_whitespace()).collect();
    if indent.contains('\t') {
        let tab_col = line.chars().position(|c| c == '\t').unwrap_or(0) as u32 + 1;
        let tab = Pos {
            line: at.line,
            col: tab_col,
        };
        return Diagnostic::new(
            &codes::YAML_SYNTAX,
            "a tab is used for indentation",
            Span::new(
                file,
                tab,
                Pos {
                    line: at.line,
                    col: tab_col + 1,
                },
            ),
            "tab character",
        )
        .with_help("YAML allows only spaces for indentation; replace the tab with spaces");
    }

    let info = err.info();
    if info.contains("recursion limit") {
        return Diagnostic::new(
            &codes::TOO_DEEP,
            format!("the YAML nests more than {MAX_DEPTH} levels deep"),
            span,
            "nesting goes over the limit here",
        )
        .with_help("a journey needs only a few levels; flatten this structure");
    }
    let message = match info {
        i if i.contains("mapping values are not allowed") => {
            "a `key: value` pair where none is allowed".to_owned()
        }
        i if i.contains("did not find expected key") => {
            "a line does not line up with the keys around it".to_owned()
        }
        i if i.contains("unclosed quote") || i.contains("did not find expected") => {
            format!("the YAML is malformed: {}", lowercase_first(i))
        }
        i => format!("the YAML is malformed: {}", lowercase_first(i)),
    };
    Diagnostic::new(&codes::YAML_SYNTAX, message, span, "the parser stopped here")
        .with_help(
            "check the indentation of this line and the lines before it, close every `[` and `{`, and put text in quotes when it contains a colon followed by a space or starts with one of * & ! % @",
        )
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
#[path = "yaml_tests.rs"]
mod tests;
