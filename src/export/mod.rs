//! Export of one appendix alone: its DOCX and PDF for the website, with the mark it carries in
//! the full document, and its tables as an XLSX workbook ([`xlsx`]) for the monitoring
//! departments.
//!
//! The appendix is made by the same pipeline as the whole document: the view keeps the order
//! (the mark needs its number and date) and this one appendix only, the templates render it,
//! and the sections the order's own template made are dropped from the model. Counting those
//! sections by rendering the order alone, rather than assuming how many there are, keeps the
//! export right with any `--templates` folder.

pub mod xlsx;

use crate::data::view::View;
use crate::diag::Diagnostics;
use crate::template::Templates;
use crate::Prepared;
use std::path::Path;

/// Why one appendix could not be prepared.
#[derive(Debug)]
pub enum AppendixError {
    /// The document has problems (the same as a full build would report).
    Document(Diagnostics),
    /// The document has no appendix with the number asked for.
    Missing {
        /// The number asked for (from 1).
        asked: usize,
        /// How many appendices the document has.
        count: usize,
    },
}

impl std::fmt::Display for AppendixError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AppendixError::Document(d) => write!(f, "{} ошибок в документе", d.0.len()),
            AppendixError::Missing { asked, count: 0 } => write!(
                f,
                "приложения {asked} нет: у документа нет приложений (--appendix)"
            ),
            AppendixError::Missing { asked, count } => write!(
                f,
                "приложения {asked} нет: у документа {} (--appendix от 1 до {count})",
                appendices_word(*count)
            ),
        }
    }
}

/// «1 приложение», «3 приложения», «5 приложений».
fn appendices_word(n: usize) -> String {
    let word = match (n % 10, n % 100) {
        (1, r) if r != 11 => "приложение",
        (2..=4, r) if !(12..=14).contains(&r) => "приложения",
        _ => "приложений",
    };
    format!("{n} {word}")
}

/// Loads `path` and prepares its appendix `n` (from 1) alone, as a standalone document whose
/// pages are numbered anew, with the appendix's mark.
pub fn prepare_appendix(
    path: &Path,
    templates: &Templates,
    options: &crate::data::LoadOptions,
    n: usize,
) -> Result<Prepared, AppendixError> {
    // The section count of the order alone, or the number of appendices when `n` is past them.
    let mut order_sections: Result<usize, usize> = Ok(0);
    let mut order_problem = None;
    let prepared = crate::prepare_edited(path, templates, options, |view| {
        let count = view.parts.len();
        if n == 0 || n > count {
            order_sections = Err(count);
            return;
        }
        let part = view.parts.swap_remove(n - 1);
        view.parts.clear();
        match count_sections(templates, view) {
            Ok(k) => order_sections = Ok(k),
            Err(d) => order_problem = Some(d),
        }
        view.parts.push(part);
    });
    if let Err(count) = order_sections {
        return Err(AppendixError::Missing { asked: n, count });
    }
    let mut prepared = prepared.map_err(AppendixError::Document)?;
    if let Some(d) = order_problem {
        return Err(AppendixError::Document(d));
    }
    let skip = order_sections.unwrap_or(0);
    prepared
        .document
        .sections
        .drain(..skip.min(prepared.document.sections.len()));
    Ok(prepared)
}

/// How many `<section>`s the templates make of `view` (the order without its appendices).
fn count_sections(templates: &Templates, view: &View) -> Result<usize, Diagnostics> {
    let markup = templates.render(view)?;
    // The markup is checked properly when the full view is parsed; here only its sections are
    // counted, and markup that does not parse counts none (the full parse then reports it).
    let count = roxmltree::Document::parse(&markup).map_or(0, |doc| {
        doc.root_element()
            .children()
            .filter(|c| c.has_tag_name("section"))
            .count()
    });
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_count_of_appendices_is_said_in_russian() {
        assert_eq!(appendices_word(1), "1 приложение");
        assert_eq!(appendices_word(3), "3 приложения");
        assert_eq!(appendices_word(11), "11 приложений");
        assert_eq!(appendices_word(22), "22 приложения");
        let e = AppendixError::Missing { asked: 4, count: 2 };
        assert_eq!(
            e.to_string(),
            "приложения 4 нет: у документа 2 приложения (--appendix от 1 до 2)"
        );
    }
}
