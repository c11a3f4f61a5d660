//! The order's part of the view: requisites, numbered points, the signature block, and the
//! checks that concern the order as a whole (its title, the appendices it mentions, the order
//! an appendix names).

use super::build::Builder;
use super::dates;
use super::raw::{OrderData, PartData};
use super::view::*;
use std::collections::BTreeMap;

impl Builder {
    pub(super) fn order(&mut self, o: OrderData, org: Option<&OrgView>) -> OrderView {
        let none = BTreeMap::new();
        let date = o.date.as_ref().and_then(|d| {
            let parsed = dates::to_date(d);
            if parsed.is_none() {
                self.error(0, &d.to_string(), format!(
                    "дата {d} невозможна: ожидается существующая дата ГГГГ-ММ-ДД, например 2023-06-27"
                ));
            }
            parsed
        });
        let kind = o.kind.clone().unwrap_or_else(|| "приказ".into());
        if !matches!(kind.as_str(), "приказ" | "распоряжение") {
            self.error(0, &format!("\"{kind}\""), format!(
                "вид документа «{kind}» не поддерживается: ожидается \"приказ\" или \"распоряжение\""
            ));
        }
        self.check_title(&o.title);
        let mut points = Vec::new();
        for (i, p) in o.points.iter().enumerate() {
            points.push(PointView {
                number: format!("{}.", i + 1),
                level: 1,
                text: self.md(&p.text, &none, 0),
            });
            for (j, sub) in p.points.iter().enumerate() {
                points.push(PointView {
                    number: format!("{}.{}", i + 1, j + 1),
                    level: 2,
                    text: self.md(&sub.text, &none, 0),
                });
            }
        }
        if let Some(c) = &o.control {
            points.push(PointView {
                number: format!("{}.", o.points.len() + 1),
                level: 1,
                text: self.md(c, &none, 0),
            });
        }
        let place = o
            .place
            .as_deref()
            .map(|p| self.md(p, &none, 0))
            .or_else(|| org.and_then(|g| g.place.clone()));
        OrderView {
            kind,
            date: date.map(dates::short),
            date_long: date.map(dates::long),
            number: o.number.as_deref().map(|n| self.md(n, &none, 0)),
            draft: o.draft,
            place,
            title: self.md(&o.title, &none, 0),
            preamble: o.preamble.iter().map(|p| self.md(p, &none, 0)).collect(),
            directive: o.directive.as_deref().map(|d| self.md(d, &none, 0)),
            points,
            signatory: o.signatory.as_ref().map(|s| SignatoryView {
                position: s.position.iter().map(|l| self.md(l, &none, 0)).collect(),
                name: self.md(&s.name, &none, 0),
            }),
            executor: o.executor.as_ref().map(|e| {
                let text = match &e.phone {
                    Some(p) => format!("{}, {p}", e.name),
                    None => e.name.clone(),
                };
                self.md(&text, &none, 0)
            }),
            distribution_label: o.distribution.as_ref().and_then(|d| d.label.clone()),
            distribution: o
                .distribution
                .as_ref()
                .map(|d| self.md(&d.to.join(", "), &none, 0)),
            approvers: o
                .approvers
                .iter()
                .map(|a| ApproverView {
                    position: self.md(&a.position, &none, 0),
                    name: self.md(&a.name, &none, 0),
                })
                .collect(),
        }
    }

    /// An appendix that names its order must name this one.
    pub(super) fn check_order_ref(&mut self, part: &PartData, src: usize, order: &OrderData) {
        if let (Some(a), Some(o)) = (&part.order_number, &order.number) {
            if a != o {
                self.error(
                    src,
                    &format!("\"{a}\""),
                    format!(
                        "приложение относится к приказу № {a}, а приказ в файле {} — № {o}: \
                     исправьте order_number",
                        self.sources[0].path.display()
                    ),
                );
            }
        }
        if let (Some(a), Some(o)) = (&part.order_date, &order.date) {
            if a != o {
                self.error(
                    src,
                    &a.to_string(),
                    format!(
                        "приложение относится к приказу от {a}, а приказ в файле {} — от {o}: \
                     исправьте order_date",
                        self.sources[0].path.display()
                    ),
                );
            }
        }
    }

    /// Order text that mentions «приложение N» must have appendix N.
    pub(super) fn check_appendix_mentions(&mut self, texts: &[&str], count: usize) {
        for text in texts {
            let lower = text.to_lowercase();
            for (i, _) in lower.match_indices("приложени") {
                let rest = &lower[i..];
                let digits: String = rest
                    .split_whitespace()
                    .nth(1)
                    .unwrap_or_default()
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                if let Ok(n) = digits.parse::<usize>() {
                    if n == 0 || n > count {
                        self.error(
                            0,
                            text,
                            format!(
                                "текст ссылается на приложение {n}, а приложений у приказа {count}"
                            ),
                        );
                    }
                }
            }
        }
    }

    /// ГОСТ Р 7.0.97: the title answers «о чём?» and has no full stop at its end.
    pub(super) fn check_title(&mut self, title: &str) {
        let t = title.trim();
        if t.ends_with('.') {
            self.warn(
                0,
                title,
                "в конце заголовка к тексту точка не ставится (ГОСТ Р 7.0.97-2016, п. 5.17)",
            );
        }
        let first = t.split_whitespace().next().unwrap_or_default();
        if !matches!(first, "О" | "Об" | "Обо") {
            self.warn(0, title, format!(
                "заголовок к тексту обычно начинается с «О» или «Об» («Об утверждении …»), а здесь — «{first}»"
            ));
        }
    }
}
