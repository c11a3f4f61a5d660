//! The order's part of the view: requisites, numbered points, the signature block, and the
//! checks that concern the order as a whole (its title, the appendices it mentions, the order
//! an appendix names).

use super::build::Builder;
use super::dates;
use super::raw::{OrderData, PartData, Spanned, Text};
use super::view::*;
use chrono::NaiveDate;
use std::ops::Range;

impl Builder {
    /// The order of the document's file (source 0), its date in the form of `profile`.
    pub(super) fn order(
        &mut self,
        o: &OrderData,
        org: Option<&OrgView>,
        profile: &super::profile::Profile,
    ) -> OrderView {
        let date = o.date.as_ref().and_then(|d| self.calendar_date(0, d));
        if let Some(a) = &o.amends {
            self.calendar_date(0, &a.date);
        }
        self.check_title(&o.title);
        let title_lines = self.lines(&o.title, 0);
        let executors = self.executors(o);
        OrderView {
            kind: self.order_kind(o.kind.as_ref()),
            date: date.map(|d| profile.date_form.write(d)),
            date_long: date.map(dates::long),
            number: o.number.as_ref().map(|n| self.plain(n, 0)),
            // An order with neither number nor date is not yet registered: a draft, whether
            // or not the file says so (`prikaz register` fills both in).
            draft: o.draft || (o.date.is_none() && o.number.is_none()),
            place: match &o.place {
                Some(p) => Some(self.plain(p, 0)),
                None => org.and_then(|g| g.place.clone()),
            },
            title: joined_lines(&title_lines),
            title_lines,
            preamble: o.preamble.iter().map(|p| self.plain(p, 0)).collect(),
            directive: o.directive.as_ref().map(|d| self.plain(d, 0)),
            points: self.points(o),
            signatory: o.signatory.as_ref().map(|s| SignatoryView {
                position: s.position.iter().flat_map(|l| self.lines(l, 0)).collect(),
                name: self.plain(&s.name, 0),
            }),
            executor: executors.first().map(|e| match &e.phone {
                Some(p) => e.name.clone().append(Inline::plain(", ")).append(p.clone()),
                None => e.name.clone(),
            }),
            executors,
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

    /// The executors with a name; one without is an error at its table.
    fn executors(&mut self, o: &OrderData) -> Vec<ExecutorView> {
        let mut out = Vec::new();
        for e in &o.executor.0 {
            let Some(name) = &e.name else {
                let message = "исполнитель без имени: добавьте name = \"Фамилия И.О.\"";
                self.error(0, e.start(), message);
                continue;
            };
            out.push(ExecutorView {
                name: self.plain(name, 0),
                phone: e.phone.as_ref().map(|p| self.plain(p, 0)),
            });
        }
        out
    }

    /// The lines of `text` (read from source `src`) as the clerk broke them with `\n`, each
    /// trimmed: a line break written in the data is a line break in the document.
    pub(super) fn lines(&mut self, text: &Text, src: usize) -> Vec<Inline> {
        let mut out = Vec::new();
        let mut start = 0;
        for line in text.split('\n') {
            let lead = line.len() - line.trim_start().len();
            let range = start + lead..start + line.trim_end().len();
            out.push(self.md_part(
                text,
                range.start..range.end.max(range.start),
                Some(&Default::default()),
                src,
            ));
            start += line.len() + 1;
        }
        out
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

    /// Every «приложение N» in `text`'s bytes `part` (read from source `src`) must name an
    /// appendix printed as «Приложение N»; one that does not is an error at the word.
    pub(super) fn check_mentions(&mut self, text: &Text, part: Range<usize>, src: usize) {
        let Some(index) = &self.appendices else {
            return;
        };
        let wrong: Vec<(usize, String)> = appendix_mentions(&text[part.clone()])
            .into_iter()
            .filter_map(|(at, n)| Some((at, index.wrong(n)?)))
            .collect();
        for (at, message) in wrong {
            let at = self.inside(src, text, part.start + at);
            self.error(src, at, message);
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

/// The appendices of an order as they are printed: what «приложение N» may refer to.
#[derive(Debug, Clone, Default)]
pub(super) struct AppendixIndex {
    /// Appendices in all.
    total: usize,
    /// How many are printed «Приложение N» (with a number).
    numbered: usize,
    /// A single appendix printed «Приложение» without a number.
    unnumbered: bool,
    /// Parts with an approval mark («УТВЕРЖДЕНА приказом …»), which have no number.
    approval: usize,
}

impl AppendixIndex {
    /// The index of the appendices `loaded`, numbered as `numbers` say.
    pub(super) fn new(loaded: &[(PartData, usize)], numbers: &[Option<usize>]) -> Self {
        let mark = |p: &PartData| {
            p.mark
                .as_ref()
                .map_or("approval", |m| m.as_str())
                .to_string()
        };
        let marks: Vec<String> = loaded.iter().map(|(p, _)| mark(p)).collect();
        let numbered = numbers.iter().flatten().count();
        let appendix = marks.iter().filter(|m| *m == "appendix").count();
        AppendixIndex {
            total: loaded.len(),
            numbered,
            unnumbered: numbered == 0 && appendix == 1,
            approval: marks.iter().filter(|m| *m == "approval").count(),
        }
    }

    /// What is wrong with a mention of «приложение `n`», saying what exists; `None` when
    /// appendix `n` is printed.
    fn wrong(&self, n: usize) -> Option<String> {
        if (1..=self.numbered).contains(&n) {
            return None;
        }
        let mut message = format!(
            "текст ссылается на приложение {n}, а приложений у приказа {}",
            self.total
        );
        if self.numbered > 0 {
            message += &format!(
                "; с номерами печатаются «Приложение 1» – «Приложение {}»",
                self.numbered
            );
        }
        if self.unnumbered {
            message += "; единственное приложение печатается без номера, «Приложение» \
                        (ГОСТ Р 7.0.97-2016): ссылайтесь на него «(приложение)» без номера";
        }
        if self.approval > 0 {
            message += &format!(
                "; частей с грифом утверждения («УТВЕРЖДЕН … приказом») {}: у них нет номера, \
                 ссылайтесь на них по названию или поставьте им mark = \"appendix\"",
                self.approval
            );
        }
        Some(message)
    }
}

/// Lines joined with spaces: the title where it stands in running text.
fn joined_lines(lines: &[Inline]) -> Inline {
    let mut out = Inline::default();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out = out.append(Inline::plain(" "));
        }
        out = out.append(line.clone());
    }
    out
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
        let mut words = text[at..].split_whitespace().skip(1);
        let digits: String = words
            .next()
            .unwrap_or_default()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if let (Ok(n), false) = (digits.parse(), of_another_document(words)) {
            out.push((at, n));
        }
    }
    out
}

/// Whether the words after «приложение N» name another document's appendix: «приложение 1
/// к Положению», «приложением 3 к приказу Минпросвещения России» cite appendices this order
/// does not have, while «приложение 2 к настоящему приказу» is one of its own.
fn of_another_document<'a>(mut words: impl Iterator<Item = &'a str>) -> bool {
    match (words.next(), words.next()) {
        (Some("к"), Some(next)) => !next.to_lowercase().starts_with("настоящ"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::appendix_mentions;

    #[test]
    fn appendix_mentions_skip_appendices_of_other_documents() {
        let text = "приложение 1 к Положению, приложением 3 к приказу Минпросвещения России, \
                    приложение 2 к настоящему приказу, (приложение 4)";
        let found: Vec<usize> = appendix_mentions(text)
            .into_iter()
            .map(|(_, n)| n)
            .collect();
        assert_eq!(found, [2, 4]);
    }

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
