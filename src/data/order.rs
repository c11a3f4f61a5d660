//! The order's part of the view: requisites, numbered points, the signature block, and the
//! checks that concern the order as a whole (its title, the appendices it mentions, the order
//! an appendix names).

use super::build::Builder;
use super::dates;
use super::raw::{OrderData, PartData, Spanned, Text};
use super::view::*;
use chrono::NaiveDate;

impl Builder {
    /// The order of the document's file (source 0).
    pub(super) fn order(&mut self, o: &OrderData, org: Option<&OrgView>) -> OrderView {
        let date = o.date.as_ref().and_then(|d| self.calendar_date(0, d));
        self.check_title(&o.title);
        OrderView {
            kind: self.order_kind(o.kind.as_ref()),
            date: date.map(dates::short),
            date_long: date.map(dates::long),
            number: o.number.as_ref().map(|n| self.plain(n, 0)),
            draft: o.draft,
            place: match &o.place {
                Some(p) => Some(self.plain(p, 0)),
                None => org.and_then(|g| g.place.clone()),
            },
            title: self.plain(&o.title, 0),
            preamble: o.preamble.iter().map(|p| self.plain(p, 0)).collect(),
            directive: o.directive.as_ref().map(|d| self.plain(d, 0)),
            points: self.points(o),
            signatory: o.signatory.as_ref().map(|s| SignatoryView {
                position: s.position.iter().map(|l| self.plain(l, 0)).collect(),
                name: self.plain(&s.name, 0),
            }),
            executor: o.executor.as_ref().map(|e| {
                let name = self.plain(&e.name, 0);
                match &e.phone {
                    Some(p) => name.append(Inline::plain(", ")).append(self.plain(p, 0)),
                    None => name,
                }
            }),
            distribution_label: o.distribution.as_ref().and_then(|d| d.label.clone()),
            distribution: o.distribution.as_ref().map(|d| self.joined(&d.to)),
            approvers: o
                .approvers
                .iter()
                .map(|a| ApproverView {
                    position: self.plain(&a.position, 0),
                    name: self.plain(&a.name, 0),
                })
                .collect(),
        }
    }

    /// A calendar date written at `d` in source `src`, or an error at the value.
    pub(super) fn calendar_date(
        &mut self,
        src: usize,
        d: &Spanned<toml::value::Datetime>,
    ) -> Option<NaiveDate> {
        let parsed = dates::to_date(d);
        if parsed.is_none() {
            let message = if d.time.is_some() || d.date.is_none() {
                format!(
                    "{} — не дата: ожидается дата без времени, например 2023-06-27",
                    **d
                )
            } else {
                format!(
                    "дата {} невозможна: ожидается существующая дата ГГГГ-ММ-ДД, например \
                     2023-06-27",
                    **d
                )
            };
            self.error(src, d.start(), message);
        }
        parsed
    }

    /// «приказ» (the default) or «распоряжение».
    fn order_kind(&mut self, kind: Option<&Text>) -> String {
        let Some(kind) = kind else {
            return "приказ".into();
        };
        if !matches!(kind.as_str(), "приказ" | "распоряжение") {
            self.error(
                0,
                kind.start(),
                format!(
                "вид документа «{}» не поддерживается: ожидается \"приказ\" или \"распоряжение\"",
                **kind
            ),
            );
        }
        kind.to_string()
    }

    /// Points and sub-points numbered 1., 2., 2.1 …, the control point last.
    fn points(&mut self, o: &OrderData) -> Vec<PointView> {
        let mut points = Vec::new();
        for (i, p) in o.points.iter().enumerate() {
            points.push(PointView {
                number: format!("{}.", i + 1),
                level: 1,
                text: self.plain(&p.text, 0),
            });
            for (j, sub) in p.points.iter().enumerate() {
                points.push(PointView {
                    number: format!("{}.{}", i + 1, j + 1),
                    level: 2,
                    text: self.plain(&sub.text, 0),
                });
            }
        }
        if let Some(c) = &o.control {
            points.push(PointView {
                number: format!("{}.", o.points.len() + 1),
                level: 1,
                text: self.plain(c, 0),
            });
        }
        points
    }

    /// Texts of source 0 joined with commas.
    fn joined(&mut self, texts: &[Text]) -> Inline {
        let mut out = Inline::default();
        for (i, t) in texts.iter().enumerate() {
            if i > 0 {
                out = out.append(Inline::plain(", "));
            }
            out = out.append(self.plain(t, 0));
        }
        out
    }

    /// An appendix that names its order must name this one.
    pub(super) fn check_order_ref(&mut self, part: &PartData, src: usize, order: &OrderData) {
        let order_file = self.sources[0].path.display().to_string();
        if let (Some(a), Some(o)) = (&part.order_number, &order.number) {
            if a.get_ref() != o.get_ref() {
                self.error(
                    src,
                    a.start(),
                    format!(
                        "приложение относится к приказу № {}, а приказ в файле {order_file} — \
                         № {}: исправьте order_number",
                        **a, **o
                    ),
                );
            }
        }
        let date = part.order_date.as_ref();
        let date = date.filter(|d| self.calendar_date(src, d).is_some());
        if let (Some(a), Some(o)) = (date, &order.date) {
            if a.get_ref() != o.get_ref() {
                self.error(
                    src,
                    a.start(),
                    format!(
                        "приложение относится к приказу от {}, а приказ в файле {order_file} — \
                         от {}: исправьте order_date",
                        **a, **o
                    ),
                );
            }
        }
    }

    /// Order text that mentions «приложение N» must have appendix N.
    pub(super) fn check_appendix_mentions(&mut self, order: &OrderData, count: usize) {
        let points = order.points.iter();
        let texts =
            order
                .preamble
                .iter()
                .chain(points.flat_map(|p| {
                    std::iter::once(&p.text).chain(p.points.iter().map(|s| &s.text))
                }));
        for text in texts {
            for (at, n) in appendix_mentions(text) {
                if n == 0 || n > count {
                    let at = self.inside(0, text, at);
                    self.error(
                        0,
                        at,
                        format!(
                            "текст ссылается на приложение {n}, а приложений у приказа {count}"
                        ),
                    );
                }
            }
        }
    }

    /// ГОСТ Р 7.0.97: the title answers «о чём?» and has no full stop at its end.
    pub(super) fn check_title(&mut self, title: &Text) {
        let body = title.trim_end();
        if body.ends_with('.') {
            let at = self.inside(0, title, body.len() - 1);
            self.warn(
                0,
                at,
                "в конце заголовка к тексту точка не ставится (ГОСТ Р 7.0.97-2016, п. 5.17)",
            );
        }
        let lead = title.len() - title.trim_start().len();
        let first = title.split_whitespace().next().unwrap_or_default();
        if !matches!(first, "О" | "Об" | "Обо") {
            let at = self.inside(0, title, lead);
            self.warn(0, at, format!(
                "заголовок к тексту обычно начинается с «О» или «Об» («Об утверждении …»), а здесь — «{first}»"
            ));
        }
    }
}

/// «приложение N» in any case, as (byte offset of the word, N).
fn appendix_mentions(text: &str) -> Vec<(usize, usize)> {
    const WORD: &str = "приложени";
    let mut out = Vec::new();
    for (at, _) in text.char_indices() {
        let mut chars = text[at..].chars().flat_map(char::to_lowercase);
        if !WORD.chars().all(|w| chars.next() == Some(w)) {
            continue;
        }
        let digits: String = text[at..]
            .split_whitespace()
            .nth(1)
            .unwrap_or_default()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if let Ok(n) = digits.parse() {
            out.push((at, n));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::appendix_mentions;

    #[test]
    fn appendix_mentions_are_found_in_any_case() {
        let text = "План (приложение 2), ПРИЛОЖЕНИЯ 3 и приложение без номера";
        let found = appendix_mentions(text);
        assert_eq!(found.len(), 2);
        assert_eq!(&text[found[0].0..found[0].0 + 4], "пр");
        assert_eq!(found[0].1, 2);
        assert_eq!(found[1].1, 3);
    }
}
