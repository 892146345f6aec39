//! Text for documents: escaping a journey value for the syntax it lands in,
//! and formatting numbers, money and rates the same way on every machine.
//!
//! Numbers are formatted by hand rather than through a locale so that the
//! handbook is byte-for-byte the same wherever it is built.

/// The syntax a document is written in, which decides how journey text is
/// escaped before a template sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    Markdown,
    Mermaid,
    Dot,
    /// Left as written: minijinja escapes `.html` templates itself, and
    /// escaping here too would show `&amp;lt;` on the page.
    Html,
}

impl Syntax {
    /// Journey text on one line (labels and table cells cannot hold a line
    /// break), escaped for this syntax.
    pub fn escape(self, text: &str) -> String {
        let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
        match self {
            Syntax::Markdown => escape_markdown(&line),
            Syntax::Mermaid => escape_mermaid(&line),
            Syntax::Dot => escape_dot(&line),
            Syntax::Html => line,
        }
    }
}

/// Markdown: `|` would end a table cell, `<` would open raw HTML that some
/// renderers execute, and a leading `>` would start a quote. Backtick code spans that journey authors write on
/// purpose (`` `msa_signed_date` ``) are kept, and inside them `<` stays as
/// written because entities are shown literally there. A `|` is escaped even
/// in code, which GitHub-flavoured tables require.
fn escape_markdown(text: &str) -> String {
    // An unpaired backtick is literal text, not the start of a code span.
    let backticks = text.matches('`').count();
    let last_paired = backticks - backticks % 2;

    let mut out = String::with_capacity(text.len());
    let mut seen = 0;
    let mut in_code = false;
    for c in text.chars() {
        match c {
            '`' => {
                seen += 1;
                if seen <= last_paired {
                    in_code = !in_code;
                }
                out.push(c);
            }
            '|' => out.push_str("\\|"),
            '<' if !in_code => out.push_str("&lt;"),
            '>' if out.is_empty() => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

/// Mermaid labels are written in double quotes; Mermaid decodes `#name;` and
/// `#code;` entities inside them, so every character that could end the
/// label, start an entity or a Markdown string, or become HTML is written as
/// one.
fn escape_mermaid(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '&' => out.push_str("#amp;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '`' => out.push_str("#96;"),
            '|' => out.push_str("#124;"),
            _ => out.push(c),
        }
    }
    out
}

/// DOT labels are double-quoted strings in which a backslash starts an escape
/// sequence (`\n`, `\N`, `\G` …); a literal backslash is doubled.
fn escape_dot(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            _ => out.push(c),
        }
    }
    out
}

/// A number with `decimals` places and its whole part grouped by thousands:
/// `1234567.891` with 2 places is `1,234,567.89`. Trailing zeros of the
/// fraction are dropped when `trim` is set, so `18.0` reads `18`.
pub fn number(value: f64, decimals: usize, trim: bool) -> String {
    if !value.is_finite() {
        return "n/a".to_owned();
    }
    let fixed = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let fraction = if trim {
        fraction.trim_end_matches('0')
    } else {
        fraction
    };

    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    // A value that rounds to zero is never shown as `-0`.
    let is_zero = whole.chars().chain(fraction.chars()).all(|d| d == '0');
    let sign = if value < 0.0 && !is_zero { "-" } else { "" };
    if fraction.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{fraction}")
    }
}

/// Money in whole units with the currency code first: `USD 114,750`.
pub fn money(value: f64, currency: &str) -> String {
    let amount = number(value, 0, false);
    if currency.is_empty() {
        amount
    } else {
        format!("{currency} {amount}")
    }
}

/// A fraction as a percentage with at most one decimal: `0.14` is `14%`.
pub fn percent(fraction: f64) -> String {
    format!("{}%", number(fraction * 100.0, 1, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_by_thousands_and_never_negative_zero() {
        assert_eq!(number(114_749.999_999, 0, false), "114,750");
        assert_eq!(number(1_234_567.891, 2, false), "1,234,567.89");
        assert_eq!(number(999.0, 0, false), "999");
        assert_eq!(number(-1_000.4, 0, false), "-1,000");
        assert_eq!(number(-0.2, 0, false), "0");
        assert_eq!(number(397.153, 1, true), "397.2");
        assert_eq!(number(18.0, 1, true), "18");
        assert_eq!(number(f64::NAN, 0, false), "n/a");
    }

    #[test]
    fn money_and_percent_read_as_in_the_handbook() {
        assert_eq!(money(361_926.0, "USD"), "USD 361,926");
        assert_eq!(money(5.0, ""), "5");
        assert_eq!(percent(0.14), "14%");
        assert_eq!(percent(0.095), "9.5%");
    }

    #[test]
    fn markdown_escaping_keeps_tables_and_code_spans_intact() {
        assert_eq!(Syntax::Markdown.escape("a | b"), "a \\| b");
        assert_eq!(Syntax::Markdown.escape("<script>"), "&lt;script>");
        assert_eq!(
            Syntax::Markdown.escape("> quoted, a > b"),
            "&gt; quoted, a > b"
        );
        assert_eq!(Syntax::Markdown.escape("set `a<b` now"), "set `a<b` now");
        assert_eq!(
            Syntax::Markdown.escape("one ` tick <b>"),
            "one ` tick &lt;b>"
        );
        assert_eq!(Syntax::Markdown.escape("two\n  lines"), "two lines");
    }

    #[test]
    fn diagram_labels_cannot_end_their_quotes() {
        assert_eq!(
            Syntax::Mermaid.escape("say \"hi\" #1 <b>"),
            "say #quot;hi#quot; #35;1 #lt;b#gt;"
        );
        assert_eq!(Syntax::Dot.escape("say \"hi\" \\N"), "say \\\"hi\\\" \\\\N");
        assert_eq!(Syntax::Html.escape("<b> & co"), "<b> & co");
    }
}
