//! The files `prikaz diff --docx/--pdf` writes: both versions built with the built-in
//! templates, merged, and written by the usual writers; who and when come from the data.

use super::{accepted, merge, Stamp};
use crate::data::view::View;
use crate::diag::Diagnostics;
use crate::{data, template, Formats, RenderError, Rendered};
use std::path::Path;

/// Why the tracked-changes files were not made.
#[derive(Debug)]
pub enum Error {
    /// A version could not be built: its problems.
    Document(Diagnostics),
    /// A writer failed (a fault in prikaz).
    Render(RenderError),
}

impl Stamp {
    /// Who and when from the versions' data: the author is the new version's first
    /// executor, else its signatory, else the document's author (the organisation); the
    /// date is `date` when given, else the new order's date, else the old one's.
    pub fn from_views(old: &View, new: &View, date: Option<&str>) -> Result<Stamp, &'static str> {
        let order = new.order.as_ref();
        let executor = order.and_then(|o| o.executors.first()).map(|e| &e.name);
        let signatory = order.and_then(|o| o.signatory.as_ref()).map(|s| &s.name);
        let author = executor
            .or(signatory)
            // A name is set with a no-break space before its initials; an author is plain text.
            .map(|name| name.plain_text().replace('\u{a0}', " "))
            .filter(|name| !name.trim().is_empty())
            .unwrap_or_else(|| new.meta.author.clone());
        let date = match date {
            Some(d) => iso(d)
                .ok_or("дата исправлений --date должна быть в виде ГГГГ-ММ-ДД или ДД.ММ.ГГГГ")?,
            None => order_date(new)
                .or_else(|| order_date(old))
                .ok_or("у редакций нет даты приказа: укажите дату исправлений --date ГГГГ-ММ-ДД")?,
        };
        Ok(Stamp { author, date })
    }
}

/// The order's date of `view` as `YYYY-MM-DD`.
fn order_date(view: &View) -> Option<String> {
    iso(view.order.as_ref()?.date.as_deref()?)
}

/// A date written `ДД.ММ.ГГГГ` or `ГГГГ-ММ-ДД` as `YYYY-MM-DD`, if there is such a day.
fn iso(date: &str) -> Option<String> {
    let parse = |format| chrono::NaiveDate::parse_from_str(date, format).ok();
    let day = parse("%d.%m.%Y").or_else(|| parse("%Y-%m-%d"))?;
    Some(day.format("%Y-%m-%d").to_string())
}

/// Builds both versions, as loaded from their files `(path, data)`, with the built-in
/// templates and writes the merged document: the DOCX with tracked changes, the PDF of the
/// new version with its changed lines marked.
pub fn render(
    (old_path, old): (&Path, data::Loaded),
    (new_path, new): (&Path, data::Loaded),
    stamp: &Stamp,
    formats: Formats,
) -> Result<Rendered, Error> {
    let templates = template::Templates::built_in().map_err(Error::Document)?;
    let old = crate::prepare_loaded(old_path, old, &templates);
    let new = crate::prepare_loaded(new_path, new, &templates);
    let (old, new) = match (old, new) {
        (Ok(old), Ok(new)) => (old.document, new.document),
        (Err(mut a), Err(b)) => {
            a.0.extend(b.0);
            return Err(Error::Document(a));
        }
        (Err(d), _) | (_, Err(d)) => return Err(Error::Document(d)),
    };
    let merged = merge(&old, &new, stamp);
    let docx = formats
        .docx
        .then(|| crate::docx::write(&merged))
        .transpose();
    let docx = docx.map_err(|e| Error::Render(RenderError::Docx(e)))?;
    let pdf = formats.pdf.then(|| crate::pdf::write(&accepted(&merged)));
    let pdf = pdf
        .transpose()
        .map_err(|e| Error::Render(RenderError::Pdf(e)))?;
    Ok(Rendered { docx, pdf })
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_are_read_in_both_spellings_and_must_exist() {
        assert_eq!(super::iso("27.06.2023").as_deref(), Some("2023-06-27"));
        assert_eq!(super::iso("2023-07-03").as_deref(), Some("2023-07-03"));
        for bad in ["03.13.2023", "31.02.2023", "2023-6-1x", ""] {
            assert_eq!(super::iso(bad), None, "{bad}");
        }
    }
}
