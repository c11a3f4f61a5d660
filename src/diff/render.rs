//! The changes worded: one Russian line each, in the document's own terms («приложение 2,
//! раздел 2.1, мероприятие 4: срок реализации мероприятия «Август» → «Сентябрь»»), or JSON
//! for machines (each change with its line).

use super::{Change, ChangeKind, Op, Step, StepKind, Word};

/// Words of unchanged text kept on each side of an edit.
const CONTEXT: usize = 3;

/// Characters of an added or removed item's text quoted in its line.
const QUOTED: usize = 80;

/// One line per change, each ending in a newline; nothing when there are none.
pub fn text(changes: &[Change]) -> String {
    changes.iter().map(|c| line(c) + "\n").collect()
}

/// The changes as a pretty-printed JSON array (`[]` when there are none), each with its
/// Russian `line`.
pub fn json(changes: &[Change]) -> String {
    let list: Vec<serde_json::Value> = changes
        .iter()
        .map(|c| {
            let mut value = serde_json::to_value(c).unwrap_or_default();
            if let Some(map) = value.as_object_mut() {
                map.insert("line".into(), line(c).into());
            }
            value
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&list).unwrap_or_else(|_| "[]".into());
    out.push('\n');
    out
}

/// A change in one Russian line.
pub fn line(change: &Change) -> String {
    let path = &change.path;
    match &change.kind {
        ChangeKind::Added { text, .. } => event(path, ["добавлен", "добавлена", "добавлено"], text),
        ChangeKind::Removed { text } => event(path, ["удалён", "удалена", "удалено"], text),
        ChangeKind::Text { words, .. } => {
            format!("{}: изменён текст: {}", place(path), marked(words))
        }
        ChangeKind::Value { what, old, new } => {
            format!("{}: {what} «{old}» → «{new}»", place(path))
        }
    }
}

/// «приложение 1: добавлен пункт 5.3: «…»»: the last step goes with the verb, in its gender.
fn event(path: &[Step], verb: [&str; 3], text: &str) -> String {
    let Some((last, parent)) = path.split_last() else {
        return format!("{}: «{}»", verb[0], short(text));
    };
    let verb = verb[gender(last.kind)];
    let what = format!("{verb} {}: «{}»", name(last), short(text));
    match parent {
        [] => what,
        _ => format!("{}: {what}", place(parent)),
    }
}

/// The path as the document names it: «приложение 2, раздел 2.1, мероприятие 4».
fn place(path: &[Step]) -> String {
    path.iter().map(name).collect::<Vec<_>>().join(", ")
}

/// One step: «пункт 3», «2024 год», «приложение».
fn name(step: &Step) -> String {
    let noun = match step.kind {
        StepKind::Requisites => "реквизиты",
        StepKind::Preamble => "преамбула",
        StepKind::Point => "пункт",
        StepKind::Appendix => "приложение",
        StepKind::Title => "заголовок",
        StepKind::Section => "раздел",
        StepKind::Year => return format!("{} год", step.label),
        StepKind::Paragraph => "абзац",
        StepKind::Table => "таблица",
        StepKind::Row => "строка",
        StepKind::Activity => "мероприятие",
        StepKind::Figure => "рисунок",
        StepKind::Footnote => "сноска",
    };
    match step.label.as_str() {
        "" => noun.to_string(),
        label => format!("{noun} {label}"),
    }
}

/// 0 masculine, 1 feminine, 2 neuter: which form of the verb agrees with the step's noun.
fn gender(kind: StepKind) -> usize {
    match kind {
        StepKind::Preamble | StepKind::Table | StepKind::Row | StepKind::Footnote => 1,
        StepKind::Appendix | StepKind::Activity => 2,
        _ => 0,
    }
}

/// The start of a long text, cut at a word with «…».
fn short(text: &str) -> String {
    if text.chars().count() <= QUOTED {
        return text.to_string();
    }
    let cut: String = text.chars().take(QUOTED).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut} …")
}

/// An edit as `git diff --word-diff` shows it: «… в срок до [-20.09.2024-]{+01.10.2024+} …»,
/// long unchanged runs cut to a few words around the edits.
pub fn marked(words: &[Word]) -> String {
    let last = words.len().saturating_sub(1);
    let pieces: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, w)| match w.op {
            Op::Delete => format!("[-{}-]", w.text),
            Op::Insert => format!("{{+{}+}}", w.text),
            Op::Equal => context(&w.text, i > 0, i < last),
        })
        .collect();
    pieces.join(" ")
}

/// An unchanged run: only the words next to the edits before and after it.
fn context(text: &str, edit_before: bool, edit_after: bool) -> String {
    let all: Vec<&str> = text.split(' ').collect();
    let keep = CONTEXT * (usize::from(edit_before) + usize::from(edit_after));
    if all.len() <= keep + 1 {
        return text.to_string();
    }
    let head = all[..CONTEXT].join(" ");
    let tail = all[all.len() - CONTEXT..].join(" ");
    match (edit_before, edit_after) {
        (true, true) => format!("{head} … {tail}"),
        (true, false) => format!("{head} …"),
        (false, true) => format!("… {tail}"),
        (false, false) => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::word_diff;

    #[test]
    fn long_unchanged_runs_are_cut_around_the_edit() {
        let old =
            "пункт первый второй третий в срок до 20.09.2024 пятый шестой седьмой восьмой девятый";
        let new =
            "пункт первый второй третий в срок до 01.10.2024 пятый шестой седьмой восьмой девятый";
        assert_eq!(
            marked(&word_diff(old, new)),
            "… в срок до [-20.09.2024-] {+01.10.2024+} пятый шестой седьмой …"
        );
    }

    #[test]
    fn verbs_agree_with_the_noun() {
        let change = |kind, label: &str| Change {
            path: vec![
                crate::diff::step(StepKind::Appendix, "1"),
                crate::diff::step(kind, label),
            ],
            kind: ChangeKind::Removed { text: "т".into() },
        };
        assert_eq!(
            line(&change(StepKind::Row, "7")),
            "приложение 1: удалена строка 7: «т»"
        );
        assert_eq!(
            line(&change(StepKind::Point, "5.3")),
            "приложение 1: удалён пункт 5.3: «т»"
        );
        assert_eq!(
            line(&change(StepKind::Activity, "4")),
            "приложение 1: удалено мероприятие 4: «т»"
        );
    }

    #[test]
    fn no_changes_are_an_empty_list() {
        assert_eq!(text(&[]), "");
        assert_eq!(json(&[]), "[]\n");
    }
}
