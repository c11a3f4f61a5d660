//! The organisation's numbering series (`[[series]]`), checked at their places: a format that
//! makes no number or holds an unknown placeholder, an unknown restart, two series with one
//! id, two defaults.

use super::build::Builder;
use super::raw::{SeriesData, Text};
use crate::journal::series::{format_problems, Restart, Series};

impl Builder {
    /// Reports every problem of `all`, read from source `src`.
    pub(super) fn check_series(&mut self, all: &[SeriesData], src: usize) {
        let mut ids: Vec<&Text> = Vec::new();
        let mut default: Option<&SeriesData> = None;
        for s in all {
            if let Some(first) = ids.iter().find(|i| i.as_str() == s.id.as_str()) {
                let line = self.sources[src].diag(first.start(), "").line;
                let message = format!(
                    "серия «{}» уже описана (строка {line}): у каждой серии свой id",
                    *s.id
                );
                self.error(src, s.id.start(), message);
            }
            ids.push(&s.id);
            if s.id.trim().is_empty() {
                self.error(
                    src,
                    s.id.start(),
                    "у серии пустой id: напишите, например, \"main\"",
                );
            }
            if let Some(format) = &s.format {
                for (offset, message) in format_problems(format) {
                    let at = self.inside(src, format, offset);
                    self.error(src, at, message);
                }
            }
            if let Some(r) = &s.restart {
                if !matches!(r.as_str(), "year" | "never") {
                    let message = format!(
                        "restart = \"{}\" неизвестно: пишите \"year\" (с 1 каждый год) или \
                         \"never\" (без перезапуска)",
                        **r
                    );
                    self.error(src, r.start(), message);
                }
            }
            if let Some(flag) = s.default.as_ref().filter(|d| ***d) {
                if let Some(first) = default {
                    let message = format!(
                        "серия по умолчанию уже есть («{}»): default = true может стоять \
                         только у одной серии",
                        *first.id
                    );
                    self.error(src, flag.start(), message);
                } else {
                    default = Some(s);
                }
            }
        }
    }
}

/// The series of an organisation file as the journal uses them (the file checked): none
/// written gives [`Series::plain`].
pub fn series_of(all: &[SeriesData]) -> Vec<Series> {
    if all.is_empty() {
        return vec![Series::plain()];
    }
    all.iter()
        .map(|s| Series {
            id: s.id.to_string(),
            name: s.name.as_ref().map(|n| n.to_string()).unwrap_or_default(),
            format: s.format.as_ref().map_or("{n}".into(), |f| f.to_string()),
            restart: match s.restart.as_deref().map(String::as_str) {
                Some("never") => Restart::Never,
                _ => Restart::Year,
            },
            default: s.default.as_ref().is_some_and(|d| **d),
        })
        .collect()
}
