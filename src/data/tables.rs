//! Tables of the data (roadmaps, indicators, general tables) to table views: header rows from
//! the column titles, activity numbers, group rows spanning all columns, cell spans checked.

use super::build::Builder;
use super::raw::{CellData, GeneralTable, KeyedTable};
use super::toml_error::closest;
use super::view::{CellView, RowView, TableView};
use crate::model;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Keys a keyed-table row may carry besides its column keys.
const ROW_KEYS: [&str; 3] = ["group", "style", "targets"];

fn cell(paragraphs: Vec<String>, align: &str) -> CellView {
    CellView {
        paragraphs,
        colspan: 1,
        rowspan: 1,
        align: align.to_string(),
        results: None,
    }
}

/// A roadmap (`roadmap == true`: numbered activities) or an indicators table.
pub(super) fn keyed(
    b: &mut Builder,
    t: &KeyedTable,
    src: usize,
    notes: &BTreeMap<String, String>,
    roadmap: bool,
) -> TableView {
    let year_width = t.year_width.unwrap_or(15.0);
    let mut widths: Vec<f32> = t.columns.iter().map(|c| c.width).collect();
    widths.extend(t.years.iter().map(|_| year_width));
    let ncols = widths.len();
    let mut head: Vec<CellView> = t
        .columns
        .iter()
        .map(|c| cell(vec![b.md(&c.title, notes, src)], "center"))
        .collect();
    head.extend(t.years.iter().map(|y| cell(vec![y.to_string()], "center")));
    let mut rows = vec![RowView {
        header: true,
        group: None,
        cells: head,
    }];

    let through = match t.numbering.as_deref() {
        None | Some("groups") => false,
        Some("through") => true,
        Some(other) => {
            b.warn(src, other, format!(
                "нумерация «{other}» неизвестна: ожидается \"groups\" или \"through\"; взята \"groups\""
            ));
            false
        }
    };
    let suffix = t.number_suffix.clone().unwrap_or_default();
    let mut n = 0;
    // Rows still covered by a rowspan from above, per data column.
    let mut covered = vec![0usize; t.columns.len()];
    let mut seen: HashSet<String> = HashSet::new();
    // The year of the current year group («2023»), for checking deadlines.
    let mut year: Option<i32> = None;
    // How many rows so far began with the same text: tells apart rows that repeat it.
    let mut anchors: HashMap<String, usize> = HashMap::new();
    let keys: Vec<&str> = t
        .columns
        .iter()
        .map(|c| c.key.as_str())
        .chain(ROW_KEYS)
        .collect();

    for (ri, row) in t.rows.iter().enumerate() {
        let anchor = first_text(row).unwrap_or_else(|| "[[".to_string());
        let occurrence = *anchors
            .entry(anchor.clone())
            .and_modify(|n| *n += 1)
            .or_insert(0);
        b.row = Some((anchor.clone(), occurrence));
        for k in row.keys() {
            if !keys.contains(&k.as_str()) {
                let hint = closest(k, &keys)
                    .map(|s| format!("; возможно, имелось в виду «{s}»"))
                    .unwrap_or_default();
                b.error(
                    src,
                    &format!("{k} ="),
                    format!(
                        "в строке таблицы неизвестный столбец «{k}»{hint}. Столбцы таблицы: {}",
                        t.columns
                            .iter()
                            .map(|c| c.key.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
            }
        }
        if let Some(g) = row.get("group") {
            let text = g.as_str().unwrap_or_else(|| {
                b.error(
                    src,
                    "group =",
                    format!(
                    "group должно быть строкой в кавычках, например group = \"2023\", а здесь {}",
                    g.type_str()
                ),
                );
                ""
            });
            if !through {
                n = 0;
            }
            // A repeat is looked for within one group: the next year may rightly repeat it.
            seen.clear();
            if let Ok(y) = text.trim().parse::<i32>() {
                year = Some(y);
            }
            let style = match row.get("style").map(|s| s.as_str()) {
                None => "bold",
                Some(Some(s @ ("bold" | "italic" | "plain"))) => s,
                Some(_) => {
                    b.error(
                        src,
                        "style =",
                        "style строки-группы: ожидается \"bold\", \"italic\" или \"plain\"",
                    );
                    "bold"
                }
            }
            .to_string();
            let mut c = cell(vec![b.md(text, notes, src)], "left");
            c.colspan = ncols;
            rows.push(RowView {
                header: false,
                group: Some(style),
                cells: vec![c],
            });
            continue;
        }
        if roadmap && !seen.insert(activity_key(row, t)) {
            b.warn_nth(
                src,
                &anchor,
                occurrence,
                "это мероприятие уже есть в таблице выше (повтор строки): \
                    проверьте, не задублировано ли оно с другим сроком",
            );
        }
        let mut cells = Vec::new();
        for (ci, col) in t.columns.iter().enumerate() {
            if covered[ci] > 0 {
                covered[ci] -= 1;
                if row.contains_key(&col.key) {
                    b.error(
                        src,
                        &format!("{} =", col.key),
                        format!(
                        "ячейка «{}» в этой строке закрыта объединением (rowspan) из строки выше: \
                         уберите её или уменьшите rowspan", col.key
                    ),
                    );
                }
                continue;
            }
            let align = col.align.clone().unwrap_or_else(|| {
                if col.number {
                    "center".into()
                } else {
                    "left".into()
                }
            });
            if col.number {
                n += 1;
                cells.push(cell(vec![format!("{n}{suffix}")], &align));
                continue;
            }
            let mut c = cell(Vec::new(), &align);
            match row.get(&col.key) {
                None => {}
                Some(toml::Value::String(s)) => {
                    if let (Some(y), true) = (year, is_deadline(col)) {
                        check_deadline_year(b, src, s, y, (&anchor, occurrence));
                    }
                    c.paragraphs = paragraphs(b, s, notes, src);
                }
                Some(toml::Value::Array(a)) if col.results.is_some() => {
                    c.results = Some(results(
                        b,
                        a,
                        col.results.as_deref().unwrap_or_default(),
                        src,
                        &format!("{} =", col.key),
                    ));
                }
                Some(toml::Value::Table(spanned)) => {
                    let text = spanned
                        .get("text")
                        .and_then(|v| v.as_str())
                        .unwrap_or_default();
                    c.paragraphs = paragraphs(b, text, notes, src);
                    let rs = spanned
                        .get("rowspan")
                        .and_then(|v| v.as_integer())
                        .unwrap_or(1)
                        .max(1) as usize;
                    let left = t.rows[ri + 1..]
                        .iter()
                        .take_while(|r| !r.contains_key("group"))
                        .count();
                    if rs - 1 > left {
                        b.error(
                            src,
                            "rowspan",
                            format!(
                            "rowspan = {rs} выходит за таблицу: ниже этой строки (до следующей \
                             группы) всего {left} строк(и)"
                        ),
                        );
                    }
                    c.rowspan = rs.min(left + 1);
                    covered[ci] = c.rowspan - 1;
                }
                Some(other) => b.error(
                    src,
                    &format!("{} =", col.key),
                    format!(
                        "значение столбца «{}» должно быть строкой{}, а записано {}",
                        col.key,
                        if col.results.is_some() {
                            " или списком номеров результатов [1, 2]"
                        } else {
                            ""
                        },
                        other.type_str()
                    ),
                ),
            }
            cells.push(c);
        }
        let targets = match row.get("targets") {
            None => Vec::new(),
            Some(toml::Value::Array(a)) => a.clone(),
            Some(other) => {
                b.error(src, "targets =", format!(
                    "targets — список значений по годам, например targets = [\"10%\", \"25%\"], а здесь {}",
                    other.type_str()
                ));
                Vec::new()
            }
        };
        if !t.years.is_empty() && targets.len() > t.years.len() {
            b.error(
                src,
                "targets",
                format!(
                    "в targets {} значений, а лет в таблице {}",
                    targets.len(),
                    t.years.len()
                ),
            );
        }
        for i in 0..t.years.len() {
            let v = targets.get(i).map(|v| {
                v.as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| v.to_string())
            });
            cells.push(cell(
                v.map(|s| vec![b.md(&s, notes, src)]).unwrap_or_default(),
                "center",
            ));
        }
        rows.push(RowView {
            header: false,
            group: None,
            cells,
        });
    }
    b.row = None;
    TableView {
        caption: t.caption.clone(),
        title: t.title.as_deref().map(|s| b.md(s, notes, src)),
        widths,
        rows,
    }
}

/// What makes two roadmap rows "the same activity": the text of their non-number cells
/// other than the deadline-like ones is compared through the first text column.
fn activity_key(row: &toml::Table, t: &KeyedTable) -> String {
    t.columns
        .iter()
        .filter(|c| !c.number)
        .find_map(|c| row.get(&c.key).and_then(|v| v.as_str()))
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A column of deadlines: keyed `deadline`, or titled «Срок…».
fn is_deadline(col: &super::raw::ColumnData) -> bool {
    col.key == "deadline" || col.title.trim_start().starts_with("Срок")
}

/// Warns when a deadline names a year other than its year group's.
fn check_deadline_year(b: &mut Builder, src: usize, text: &str, year: i32, row: (&str, usize)) {
    let years = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<i32>().ok())
        .filter(|y| (1990..2100).contains(y));
    for y in years {
        if y != year {
            let d = b.sources[src].diag_in_row(
                row.0,
                row.1,
                text,
                format!(
                    "срок «{text}» относится к {y} году, а строка стоит в группе {year} года: \
                 проверьте год или перенесите мероприятие"
                ),
            );
            b.diags.push(d.warning());
            return;
        }
    }
}

fn first_text(row: &toml::Table) -> Option<String> {
    row.values()
        .find_map(|v| v.as_str())
        .map(|s| s.chars().take(40).collect())
}

fn paragraphs(
    b: &mut Builder,
    s: &str,
    notes: &BTreeMap<String, String>,
    src: usize,
) -> Vec<String> {
    s.split('\n').map(|p| b.md(p.trim(), notes, src)).collect()
}

fn results(b: &mut Builder, a: &[toml::Value], list: &str, src: usize, anchor: &str) -> Vec<i64> {
    let count = b.lists.get(list).copied();
    let mut out = Vec::new();
    for v in a {
        let Some(n) = v.as_integer() else {
            b.error(
                src,
                anchor,
                "номера результатов пишутся числами: results = [1, 2]",
            );
            continue;
        };
        match count {
            None => b.error(src, anchor, format!(
                "столбец ссылается на список «{list}», но нумерованного списка с id = \"{list}\" нет"
            )),
            Some(c) if n < 1 || n as usize > c => b.error(src, anchor, format!(
                "результата {n} не существует: в списке «{list}» результаты с 1 по {c}"
            )),
            _ => {}
        }
        out.push(n);
    }
    out
}

/// A table with explicit spans, checked against its column count.
pub(super) fn general(
    b: &mut Builder,
    t: &GeneralTable,
    src: usize,
    notes: &BTreeMap<String, String>,
) -> TableView {
    let mut rows = Vec::new();
    for (ri, r) in t.rows.iter().enumerate() {
        let cells = r
            .iter()
            .map(|c| {
                let (text, colspan, rowspan) = match c {
                    CellData::Text(s) => (s.as_str(), 1, 1),
                    CellData::Spanned {
                        text,
                        colspan,
                        rowspan,
                    } => (text.as_str(), *colspan, *rowspan),
                };
                let mut v = cell(paragraphs(b, text, notes, src), "left");
                v.colspan = colspan;
                v.rowspan = rowspan;
                v
            })
            .collect();
        rows.push(RowView {
            header: ri < t.header_rows,
            group: None,
            cells,
        });
    }
    let spans = rows
        .iter()
        .map(|r| r.cells.iter().map(|c| (c.colspan, c.rowspan)));
    if let Err(e) = model::Grid::resolve(t.widths.len(), spans) {
        b.error(
            src,
            "rows",
            format!(
                "таблица: строка {}, ячейка {}: {}",
                e.row + 1,
                e.cell + 1,
                e.message
            ),
        );
    }
    TableView {
        caption: None,
        title: None,
        widths: t.widths.clone(),
        rows,
    }
}
