//! One change as a sub-point of the amendment order, in the cases Russian drafting puts
//! the parts of a document in: «в приложении 1, в разделе 2.1 строку 4 изложить в
//! следующей редакции: «…»», «дополнить пунктом 3.1 следующего содержания: «…»».

use crate::diff::{Change, ChangeKind, Step, StepKind};

/// The sub-point for `change`, or none for a requisite other than the title (the date,
/// number and signatory of the amended order are not amended).
pub(super) fn sentence(change: &Change) -> Option<String> {
    let (last, parents) = change.path.split_last()?;
    if last.kind == StepKind::Requisites {
        return title(&change.kind);
    }
    let place: String = parents
        .iter()
        .map(|s| format!("в {}, ", named(s, prep)))
        .collect();
    let place = place.trim_end_matches(", ").to_string();
    let place = if place.is_empty() { place } else { place + " " };
    let action = match &change.kind {
        ChangeKind::Text { new, .. } => {
            format!(
                "{} изложить в следующей редакции: «{new}»",
                named(last, acc)
            )
        }
        ChangeKind::Added { cells, .. } if !cells.is_empty() => format!(
            "дополнить {} следующего содержания: {}",
            named(last, instr),
            columns(cells)
        ),
        ChangeKind::Added { text, .. } => format!(
            "дополнить {} следующего содержания: «{text}»",
            named(last, instr)
        ),
        ChangeKind::Removed { .. } if parents.is_empty() && last.kind == StepKind::Point => {
            format!("{} признать утратившим силу", named(last, acc))
        }
        ChangeKind::Removed { .. } => format!("{} исключить", named(last, acc)),
        ChangeKind::Value { what, new, .. } => format!(
            "в {} графу «{}» изложить в следующей редакции: «{new}»",
            named(last, prep),
            upper_first(what)
        ),
    };
    Some(place + &action)
}

/// A change of the order's title as a sub-point.
fn title(kind: &ChangeKind) -> Option<String> {
    match kind {
        ChangeKind::Value { what, new, .. } if what == "заголовок" => Some(format!(
            "наименование изложить в следующей редакции: «{new}»"
        )),
        _ => None,
    }
}

/// A step named in a case: «строку 4», «в строке 4» (the «в» is the caller's).
fn named(step: &Step, case: fn(StepKind) -> &'static str) -> String {
    let word = case(step.kind);
    match (step.kind, step.label.as_str()) {
        (StepKind::Year, year) => format!("{word} «{year} год»"),
        // The only appendix has no number: «в приложении к приказу».
        (StepKind::Appendix, "") => format!("{word} к приказу"),
        (_, "") => word.to_string(),
        (_, label) => format!("{word} {label}"),
    }
}

/// The accusative: what is set out anew or struck out.
fn acc(kind: StepKind) -> &'static str {
    match kind {
        StepKind::Requisites => "реквизиты",
        StepKind::Preamble => "преамбулу",
        StepKind::Point => "пункт",
        StepKind::Appendix => "приложение",
        StepKind::Title => "наименование",
        StepKind::Section | StepKind::Year => "раздел",
        StepKind::Paragraph => "абзац",
        StepKind::Table => "таблицу",
        StepKind::Row | StepKind::Activity => "строку",
        StepKind::Figure => "рисунок",
        StepKind::Footnote => "сноску",
    }
}

/// The prepositional: where the change is.
fn prep(kind: StepKind) -> &'static str {
    match kind {
        StepKind::Requisites => "реквизитах",
        StepKind::Preamble => "преамбуле",
        StepKind::Point => "пункте",
        StepKind::Appendix => "приложении",
        StepKind::Title => "наименовании",
        StepKind::Section | StepKind::Year => "разделе",
        StepKind::Paragraph => "абзаце",
        StepKind::Table => "таблице",
        StepKind::Row | StepKind::Activity => "строке",
        StepKind::Figure => "рисунке",
        StepKind::Footnote => "сноске",
    }
}

/// The instrumental: what the document is supplemented with.
fn instr(kind: StepKind) -> &'static str {
    match kind {
        StepKind::Requisites => "реквизитами",
        StepKind::Preamble => "преамбулой",
        StepKind::Point => "пунктом",
        StepKind::Appendix => "приложением",
        StepKind::Title => "наименованием",
        StepKind::Section | StepKind::Year => "разделом",
        StepKind::Paragraph => "абзацем",
        StepKind::Table => "таблицей",
        StepKind::Row | StepKind::Activity => "строкой",
        StepKind::Figure => "рисунком",
        StepKind::Footnote => "сноской",
    }
}

/// A new table row, column by column: «графа «Срок» – «Ноябрь», графа «…» – «…»»; empty
/// cells are left out.
fn columns(cells: &[(String, String)]) -> String {
    let named: Vec<String> = cells
        .iter()
        .filter(|(_, text)| !text.trim().is_empty())
        .map(|(title, text)| format!("графа «{}» – «{text}»", upper_first(title)))
        .collect();
    named.join(", ")
}

fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(kind: StepKind, label: &str) -> Step {
        Step {
            kind,
            label: label.into(),
        }
    }

    #[test]
    fn a_moved_deadline() {
        let c = Change {
            path: vec![
                step(StepKind::Appendix, "1"),
                step(StepKind::Section, "2.1"),
                step(StepKind::Activity, "4"),
            ],
            kind: ChangeKind::Value {
                what: "срок реализации мероприятия".into(),
                old: "Август".into(),
                new: "Сентябрь".into(),
            },
        };
        assert_eq!(
            sentence(&c).unwrap(),
            "в приложении 1, в разделе 2.1 в строке 4 графу «Срок реализации мероприятия» \
             изложить в следующей редакции: «Сентябрь»"
        );
    }

    #[test]
    fn a_removed_point() {
        let c = Change {
            path: vec![step(StepKind::Point, "4")],
            kind: ChangeKind::Removed { text: "x".into() },
        };
        assert_eq!(sentence(&c).unwrap(), "пункт 4 признать утратившим силу");
    }
}
