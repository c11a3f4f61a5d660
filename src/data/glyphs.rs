//! Characters the document's font cannot show. The PDF sets such a character as a white
//! square while the DOCX keeps it, so each one is reported where it is written in the data,
//! as a warning (an error with `--deny-warnings`). The font's coverage is handed in by the
//! caller, so the data layer knows nothing of fonts.

use std::ops::RangeInclusive;

/// The code points a font has glyphs for, as sorted, disjoint ranges.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Glyphs {
    ranges: Vec<RangeInclusive<u32>>,
}

impl Glyphs {
    /// The set of `points` (in any order, repeats allowed).
    pub fn from_points(points: impl IntoIterator<Item = u32>) -> Glyphs {
        let mut points: Vec<u32> = points.into_iter().collect();
        points.sort_unstable();
        points.dedup();
        let mut ranges: Vec<RangeInclusive<u32>> = Vec::new();
        for p in points {
            match ranges.last_mut() {
                Some(r) if *r.end() + 1 == p => *r = *r.start()..=p,
                _ => ranges.push(p..=p),
            }
        }
        Glyphs { ranges }
    }

    /// Whether `c` has a glyph; spaces, line feeds and soft hyphens need none.
    pub fn covers(&self, c: char) -> bool {
        if c.is_whitespace() || c == '\u{ad}' {
            return true;
        }
        let cp = c as u32;
        let i = self.ranges.partition_point(|r| *r.end() < cp);
        self.ranges.get(i).is_some_and(|r| r.contains(&cp))
    }
}

/// Byte offsets and characters of `toml` that stand in its strings and have no glyph in
/// `glyphs`. Comments are skipped (they never reach the document); a character written as an
/// escape (`\u6F22`) is not seen.
pub fn missing(toml: &str, glyphs: &Glyphs) -> Vec<(usize, char)> {
    let mut out = Vec::new();
    let mut quote: Option<&str> = None;
    let mut i = 0;
    while let Some(c) = toml[i..].chars().next() {
        let rest = &toml[i..];
        i += match quote {
            None if c == '#' => rest.find('\n').unwrap_or(rest.len()).max(1),
            None if c == '"' || c == '\'' => {
                let q = ["\"\"\"", "\'\'\'", "\"", "\'"];
                quote = q.into_iter().find(|q| rest.starts_with(q));
                quote.map_or(1, str::len)
            }
            None => c.len_utf8(),
            Some(q) if rest.starts_with(q) => {
                quote = None;
                q.len()
            }
            Some(q) if c == '\\' && q.starts_with('"') => 1 + next_len(&rest[1..]),
            Some(_) => {
                if !glyphs.covers(c) {
                    out.push((i, c));
                }
                c.len_utf8()
            }
        };
    }
    out
}

/// Length of the first character of `s` (0 at the end).
fn next_len(s: &str) -> usize {
    s.chars().next().map_or(0, char::len_utf8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn latin_and_cyrillic() -> Glyphs {
        Glyphs::from_points((0x20..0x7f).chain(0x400..0x460))
    }

    #[test]
    fn ranges_cover_what_was_given() {
        let g = latin_and_cyrillic();
        assert!(g.covers('a') && g.covers('я') && g.covers(' '));
        assert!(!g.covers('漢') && !g.covers('😀'));
    }

    #[test]
    fn only_string_contents_are_looked_at() {
        let text = "# 漢 in a comment\nkey = \"a 漢 b\" # 😀\nother = '😀'\n";
        let found: Vec<char> = missing(text, &latin_and_cyrillic())
            .into_iter()
            .map(|(_, c)| c)
            .collect();
        assert_eq!(found, ['漢', '😀']);
        let at = missing(text, &latin_and_cyrillic())[0].0;
        assert_eq!(&text[at..at + '漢'.len_utf8()], "漢");
    }

    #[test]
    fn escaped_quotes_do_not_end_a_string() {
        let text = "k = \"\\\" 漢\"\nm = \"\"\"\nя\n\"\"\"";
        assert_eq!(missing(text, &latin_and_cyrillic()).len(), 1);
    }
}
