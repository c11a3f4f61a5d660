//! Places inside TOML strings. The parser gives the span of a whole string, quotes included;
//! a problem inside it (a footnote mark, «приложение 3», a year in a deadline) is reported at
//! the very character, so an offset into the string's value is mapped back to an offset into
//! the file through the quotes, escapes (`\"`, `\u0434`, …) and line-ending backslashes of
//! multi-line strings that lie between them.
//!
//! The mapping decodes the string's source once more and compares the result with the value
//! the parser gave; if they differ (a form of string this module does not know), the place
//! falls back to the opening quote, which is never wrong, only less precise.

use std::ops::Range;

/// The file offset of byte `at` of `value`, the string written at `span` of `source`; the
/// string's first byte (its opening quote) when the source cannot be mapped.
pub fn offset_in(source: &str, span: &Range<usize>, value: &str, at: usize) -> usize {
    source
        .get(span.clone())
        .and_then(|raw| map(raw, value, at))
        .map_or(span.start, |off| span.start + off)
}

/// How a string is written.
struct Form {
    /// Length of the opening (and closing) delimiter.
    quote: usize,
    /// `"…"` and `"""…"""` take escapes; `'…'` and `'''…'''` do not.
    escapes: bool,
    /// `"""…"""` or `'''…'''`.
    multi_line: bool,
}

fn form(raw: &str) -> Option<Form> {
    let (quote, escapes, multi_line) = if raw.starts_with("\"\"\"") {
        (3, true, true)
    } else if raw.starts_with("'''") {
        (3, false, true)
    } else if raw.starts_with('"') {
        (1, true, false)
    } else if raw.starts_with('\'') {
        (1, false, false)
    } else {
        return None;
    };
    (raw.len() >= 2 * quote).then_some(Form {
        quote,
        escapes,
        multi_line,
    })
}

/// The offset within `raw` (the string's source) of byte `at` of its value.
fn map(raw: &str, value: &str, at: usize) -> Option<usize> {
    let form = form(raw)?;
    let end = raw.len() - form.quote;
    let mut i = form.quote;
    if form.multi_line {
        // A newline right after the opening delimiter is not part of the value.
        let body = &raw[i..];
        i += body
            .strip_prefix('\n')
            .map(|_| 1)
            .or_else(|| body.strip_prefix("\r\n").map(|_| 2))
            .unwrap_or(0);
    }
    let mut decoded = String::with_capacity(value.len());
    let mut found = None;
    while i < end {
        if found.is_none() && decoded.len() >= at {
            found = Some(i);
        }
        let rest = raw.get(i..end)?;
        if form.escapes && rest.starts_with('\\') {
            let (c, len) = escape(rest, form.multi_line)?;
            decoded.extend(c);
            i += len;
        } else {
            let c = rest.chars().next()?;
            decoded.push(c);
            i += c.len_utf8();
        }
    }
    if found.is_none() && decoded.len() >= at {
        found = Some(i);
    }
    (decoded == value).then_some(found?)
}

/// The escape at the start of `s`: the character it stands for (none for a line-ending
/// backslash) and its length in the source.
fn escape(s: &str, multi_line: bool) -> Option<(Option<char>, usize)> {
    let mut chars = s[1..].chars();
    let c = chars.next()?;
    let simple = match c {
        'b' => Some('\u{8}'),
        't' => Some('\t'),
        'n' => Some('\n'),
        'f' => Some('\u{c}'),
        'r' => Some('\r'),
        'e' => Some('\u{1b}'),
        '"' => Some('"'),
        '\\' => Some('\\'),
        _ => None,
    };
    if let Some(c) = simple {
        return Some((Some(c), 2));
    }
    let digits = match c {
        'x' => 2,
        'u' => 4,
        'U' => 8,
        ' ' | '\t' | '\r' | '\n' if multi_line => return Some((None, line_end(s))),
        _ => return None,
    };
    let hex = s.get(2..2 + digits)?;
    let code = u32::from_str_radix(hex, 16).ok()?;
    Some((Some(char::from_u32(code)?), 2 + digits))
}

/// Length of a line-ending backslash with the whitespace and newlines it swallows.
fn line_end(s: &str) -> usize {
    1 + s[1..]
        .find(|c: char| !matches!(c, ' ' | '\t' | '\r' | '\n'))
        .unwrap_or(s.len() - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The character of `source` that byte `at` of the value of its only string maps to.
    fn at(source: &str, value: &str, at: usize) -> char {
        let start = source.find(['"', '\'']).unwrap();
        let span = start..source.trim_end().len();
        source[offset_in(source, &span, value, at)..]
            .chars()
            .next()
            .unwrap()
    }

    #[test]
    fn plain_strings_shift_by_the_quote() {
        assert_eq!(at("t = \"ab[^1]\"", "ab[^1]", 2), '[');
        assert_eq!(at("t = 'ab[^1]'", "ab[^1]", 2), '[');
    }

    #[test]
    fn escapes_are_stepped_over() {
        let v = "«a» д[^1]";
        assert_eq!(
            at(r#"t = "\u00aba\u00bb \u0434[^1]""#, v, v.find('[').unwrap()),
            '['
        );
        assert_eq!(at(r#"t = "\"x\" [^1]""#, "\"x\" [^1]", 4), '[');
        // A character written as an escape is found at its backslash.
        assert_eq!(at(r#"t = "a\u0434""#, "aд", 1), '\\');
    }

    #[test]
    fn multi_line_strings_skip_the_first_newline_and_line_ending_backslashes() {
        let src = "t = \"\"\"\nab \\\n   cd[^1]\"\"\"";
        assert_eq!(at(src, "ab cd[^1]", 5), '[');
        let src = "t = '''\nab\ncd[^1]'''";
        assert_eq!(at(src, "ab\ncd[^1]", 5), '[');
    }

    #[test]
    fn a_value_that_does_not_match_falls_back_to_the_quote() {
        assert_eq!(at("t = \"abc\"", "xyz", 1), '"');
    }
}
