//! Diagnostics: a problem found in a data file or a template, with the place it was found,
//! rendered as `file:line:col: ошибка: …` followed by the source line and a caret.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The document cannot be made.
    Error,
    /// The document can be made, but something looks wrong.
    Warning,
}

/// One problem, with its place in a source text.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file the problem is in.
    pub file: PathBuf,
    /// 1-based line, 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column in characters, 0 when unknown.
    pub col: usize,
    /// The source line, for the caret display.
    pub source_line: Option<String>,
    /// What is wrong and what is expected, in Russian.
    pub message: String,
}

impl Diagnostic {
    /// A problem at byte offset `offset` of `source` (the text of `file`).
    pub fn at(file: &Path, source: &str, offset: usize, message: impl Into<String>) -> Self {
        let (line, col, text) = line_col(source, offset);
        Diagnostic {
            severity: Severity::Error,
            file: file.to_path_buf(),
            line,
            col,
            source_line: Some(text.to_string()),
            message: message.into(),
        }
    }

    /// A problem that concerns a whole file (missing, unreadable).
    pub fn file(file: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_path_buf(),
            line: 0,
            col: 0,
            source_line: None,
            message: message.into(),
        }
    }

    /// The same problem as a warning.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }
}

/// 1-based line and character column of byte `offset` in `source`, and the text of that line.
pub fn line_col(source: &str, offset: usize) -> (usize, usize, &str) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = source[offset..]
        .find('\n')
        .map_or(source.len(), |i| offset + i);
    let line = source[..offset].matches('\n').count() + 1;
    let col = source[start..offset].chars().count() + 1;
    (line, col, source[start..end].trim_end_matches('\r'))
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "ошибка",
            Severity::Warning => "предупреждение",
        };
        let file = self.file.display();
        if self.line == 0 {
            return write!(f, "{file}: {kind}: {}", self.message);
        }
        write!(
            f,
            "{file}:{}:{}: {kind}: {}",
            self.line, self.col, self.message
        )?;
        if let Some(text) = &self.source_line {
            write!(f, "\n{}", snippet(text, self.line, self.col))?;
        }
        Ok(())
    }
}

/// The source line with a caret under character column `col`, drawn by annotate-snippets.
fn snippet(text: &str, line: usize, col: usize) -> String {
    use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
    // Byte range of the marked character: annotate-snippets takes byte spans, and a
    // Cyrillic letter is two bytes.
    let start = text
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(text.len(), |(i, _)| i);
    let end = text[start..]
        .chars()
        .next()
        .map_or(start, |c| start + c.len_utf8());
    let report = [Group::with_level(Level::ERROR.no_name()).element(
        Snippet::source(text)
            .line_start(line)
            .annotation(AnnotationKind::Primary.span(start..end)),
    )];
    Renderer::plain().render(&report).to_string()
}

/// Every problem found in one run; non-empty when returned as an error.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Whether any of the problems is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let src = "title = \"Об\"\nnumber = х\n";
        let off = src.find('х').unwrap();
        assert_eq!(line_col(src, off).0, 2);
        assert_eq!(line_col(src, off).1, 10);
    }
}
