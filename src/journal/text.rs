//! The journal as a plain text table, for the terminal (`prikaz journal`): number, date,
//! kind, title, signatory, executor, status, in columns padded by characters.

use super::entry::{Entry, Status};

/// The longest title printed whole; longer ones are cut with «…».
const TITLE_WIDTH: usize = 60;

/// The column headers.
const HEADERS: [&str; 7] = [
    "№",
    "Дата",
    "Вид",
    "Заголовок",
    "Подписал",
    "Исполнитель",
    "Статус",
];

/// `entries` as a text table, one line each, with a header line; an empty journal says so.
pub fn table(entries: &[Entry]) -> String {
    if entries.is_empty() {
        return "в журнале нет приказов\n".into();
    }
    let rows: Vec<[String; 7]> = entries.iter().map(row).collect();
    let mut widths = HEADERS.map(|h| h.chars().count());
    for r in &rows {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    line(&mut out, &HEADERS.map(String::from), &widths);
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    out.push_str(rule.join("-+-").trim_end());
    out.push('\n');
    for r in &rows {
        line(&mut out, r, &widths);
    }
    out
}

fn row(e: &Entry) -> [String; 7] {
    [
        e.number.clone(),
        e.date.format("%d.%m.%Y").to_string(),
        e.kind.clone(),
        cut(&e.title),
        e.signatory.clone(),
        e.executor.clone(),
        status(e),
    ]
}

/// The status; an electronic signature adds «ЭП» with its owner and certificate, as the
/// signing's event notes them, and the links to amending and amended orders follow.
pub fn status(e: &Entry) -> String {
    let esign = e
        .history
        .last()
        .and_then(|ev| ev.note.as_deref())
        .and_then(|n| {
            let rest = n.strip_prefix(super::sign::ESIGN_NOTE)?;
            Some(
                rest.split_once(')')
                    .map_or(rest, |(who, _)| who)
                    .trim_start_matches(" ("),
            )
        });
    let status = match (e.status, esign) {
        (Status::Signed, Some(who)) => format!("{} (ЭП: {who})", e.status.russian()),
        _ => e.status.russian().to_string(),
    };
    status + &e.links()
}

fn line(out: &mut String, cells: &[String; 7], widths: &[usize; 7]) {
    let padded: Vec<String> = cells
        .iter()
        .zip(widths)
        .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
        .collect();
    out.push_str(padded.join(" | ").trim_end());
    out.push('\n');
}

/// `text` on one line, cut to [`TITLE_WIDTH`] characters.
fn cut(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= TITLE_WIDTH {
        return one_line;
    }
    let kept: String = one_line.chars().take(TITLE_WIDTH - 1).collect();
    format!("{}…", kept.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_line_up_and_long_titles_are_cut() {
        let e = Entry {
            series: "main".into(),
            year: 2026,
            seq: 7,
            number: "7-к".into(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
            kind: "приказ".into(),
            title: "О".repeat(80),
            signatory: "А.Г. Обоскалов".into(),
            executor: "Маковецкая Ю.Г.".into(),
            file: "a.toml".into(),
            status: Status::Cancelled,
            history: vec![],
            amends: None,
            amended_by: Vec::new(),
        };
        let t = table(&[e]);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[2].starts_with("7-к | 29.11.2026 | приказ | ОООО"));
        assert!(lines[2].contains("…"));
        assert!(lines[2].ends_with("| отменён"));
        assert_eq!(table(&[]), "в журнале нет приказов\n");
    }
}
