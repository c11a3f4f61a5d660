//! Model tables to `w:tbl`, read through the resolved grid.
//!
//! Spans become `w:gridSpan` (columns) and `w:vMerge` (rows). Head rows repeat on every
//! page (`w:tblHeader`) and never split (`w:cantSplit`): a repeated head cut in two would
//! repeat only its top.

use super::ctx::Ctx;
use super::paragraph::{empty_props, paragraph, props, write_para};
use super::revision::RevTag;
use super::units::{eighths, twips_u};
use super::xml::Xml;
use crate::model::house::{CELL_PADDING_X, CELL_PADDING_Y, RULE_WIDTH};
use crate::model::revision::{paragraph_end, whole_row, Revision};
use crate::model::{Cell, Row, Rules, Slot, Table, VAlign};

/// Cell properties (`w:tcPr`), written in schema order (CT_TcPr).
struct TcPr {
    /// Width in twips.
    width: u32,
    /// Grid columns spanned.
    span: usize,
    /// `Some(true)` starts a vertical merge, `Some(false)` continues one.
    merge: Option<bool>,
    /// A frame of its own (a table of [`Rules::FrameColumn`]; a grid's lines are the table's).
    frame: bool,
    valign: Option<VAlign>,
}

impl TcPr {
    fn write(&self, x: &mut Xml) {
        x.open("w:tcPr");
        x.tag("w:tcW")
            .num("w:w", self.width)
            .attr("w:type", "dxa")
            .empty();
        if self.span > 1 {
            x.tag("w:gridSpan").num("w:val", self.span as i64).empty();
        }
        if let Some(restart) = self.merge {
            let val = if restart { "restart" } else { "continue" };
            x.tag("w:vMerge").attr("w:val", val).empty();
        }
        if self.frame {
            x.open("w:tcBorders");
            for side in ["w:top", "w:left", "w:bottom", "w:right"] {
                single_line(x, side);
            }
            x.end("w:tcBorders");
        }
        if let Some(v) = self.valign {
            let val = match v {
                VAlign::Top => "top",
                VAlign::Center => "center",
                VAlign::Bottom => "bottom",
            };
            x.tag("w:vAlign").attr("w:val", val).empty();
        }
        x.end("w:tcPr");
    }
}

/// Writes `t` as a table of fixed column widths with thin borders all round and inside.
pub(crate) fn table(ctx: &mut Ctx, x: &mut Xml, t: &Table) {
    let widths: Vec<u32> = t.columns().iter().map(|w| twips_u(*w)).collect();
    x.open("w:tbl");
    table_props(x, widths.iter().sum(), t.rules() == Rules::Grid);
    x.open("w:tblGrid");
    for w in &widths {
        x.tag("w:gridCol").num("w:w", *w).empty();
    }
    x.end("w:tblGrid");
    for (r, row) in t.rows().enumerate() {
        table_row(ctx, x, t, &widths, r, row);
    }
    x.end("w:tbl");
}

/// Writes `w:tblPr`, its children in schema order (CT_TblPr).
fn table_props(x: &mut Xml, width: u32, grid: bool) {
    x.open("w:tblPr");
    x.tag("w:tblW")
        .num("w:w", width)
        .attr("w:type", "dxa")
        .empty();
    x.tag("w:jc").attr("w:val", "left").empty();
    x.open("w:tblBorders");
    for side in [
        "w:top",
        "w:left",
        "w:bottom",
        "w:right",
        "w:insideH",
        "w:insideV",
    ] {
        match grid {
            true => single_line(x, side),
            false => x.tag(side).attr("w:val", "nil").empty(),
        }
    }
    x.end("w:tblBorders");
    x.tag("w:tblLayout").attr("w:type", "fixed").empty();
    x.open("w:tblCellMar");
    let (pad_x, pad_y) = (twips_u(CELL_PADDING_X), twips_u(CELL_PADDING_Y));
    for (side, pad) in [
        ("w:top", pad_y),
        ("w:left", pad_x),
        ("w:bottom", pad_y),
        ("w:right", pad_x),
    ] {
        x.tag(side).num("w:w", pad).attr("w:type", "dxa").empty();
    }
    x.end("w:tblCellMar");
    x.end("w:tblPr");
}

/// A thin single border line on `side`.
fn single_line(x: &mut Xml, side: &str) {
    x.tag(side)
        .attr("w:val", "single")
        .num("w:sz", eighths(RULE_WIDTH))
        .num("w:space", 0)
        .attr("w:color", "auto")
        .empty();
}

fn table_row(ctx: &mut Ctx, x: &mut Xml, t: &Table, widths: &[u32], r: usize, row: &Row) {
    x.open("w:tr");
    let change = whole_row_revision(row).map(|rev| RevTag::new(ctx, rev));
    let header = r < t.header_rows();
    // A head row repeats whole; a framed mark is never cut by a page break.
    let whole = header || t.rules() != Rules::Grid;
    if whole || change.is_some() {
        x.open("w:trPr");
        if whole {
            x.empty("w:cantSplit");
        }
        if header {
            x.empty("w:tblHeader");
        }
        // CT_TrPr: the row's own change follows the common properties.
        if let Some(change) = change {
            change.empty(x);
        }
        x.end("w:trPr");
    } else {
        x.empty("w:trPr");
    }
    let grid = t.grid();
    let mut c = 0;
    while c < grid.cols() {
        let frame = t.rules() != Rules::Grid && t.framed(c);
        c += match grid.slot(r, c) {
            Slot::Origin { index } => {
                origin_cell(ctx, x, &row.cells[index], widths, (c, frame), row)
            }
            Slot::Covered { row: or, col: oc } => match t.origin(or, oc) {
                // The slot below a rowspan's origin: Word wants a cell here that continues
                // the merge and spans the same columns as the cell above.
                Some(origin) if or != r && oc == c => {
                    merged_cell(ctx, x, origin, widths, (c, frame), row)
                }
                // The rest of a span whose cell is already written.
                _ => 1,
            },
            Slot::Empty => {
                let tc = TcPr {
                    width: widths[c],
                    span: 1,
                    merge: None,
                    frame,
                    valign: None,
                };
                cell(ctx, x, &tc, |ctx, x| {
                    write_para(ctx, x, &empty_props(ctx.body_size), |_, _| {})
                });
                1
            }
        };
    }
    x.end("w:tr");
}

/// The revision of a row a tracked change inserted or deleted whole: that of its first
/// paragraph's end.
fn whole_row_revision(row: &Row) -> Option<&Revision> {
    whole_row(row)?;
    let first = row.cells.iter().flat_map(|c| &c.paragraphs).next()?;
    paragraph_end(first)
}

/// Writes the cell whose origin is in column `c` (framed on its own when `frame`); returns
/// the columns it spans.
fn origin_cell(
    ctx: &mut Ctx,
    x: &mut Xml,
    cell: &Cell,
    widths: &[u32],
    (c, frame): (usize, bool),
    row: &Row,
) -> usize {
    let span = cell.colspan.get();
    let tc = TcPr {
        width: widths[c..c + span].iter().sum(),
        span,
        merge: (cell.rowspan.get() > 1).then_some(true),
        frame,
        valign: Some(cell.valign),
    };
    // Text inside a cell is set between the paddings; a right tab stops at the far one.
    let text_width = tc.width.saturating_sub(2 * twips_u(CELL_PADDING_X)) as f32 / 20.0;
    self::cell(ctx, x, &tc, |ctx, x| {
        for p in &cell.paragraphs {
            let mut pp = props(&p.style, text_width);
            // A group row keeps with the next row when every paragraph in it keeps with
            // the next.
            pp.keep_next |= row.keep_with_next;
            paragraph(ctx, x, &pp, p, text_width);
        }
        if cell.paragraphs.is_empty() {
            let mut pp = empty_props(ctx.body_size);
            pp.keep_next |= row.keep_with_next;
            write_para(ctx, x, &pp, |_, _| {});
        }
    });
    span
}

/// Writes the cell continuing `origin`'s merge in column `c` (framed as its origin);
/// returns the columns it spans.
fn merged_cell(
    ctx: &mut Ctx,
    x: &mut Xml,
    origin: &Cell,
    widths: &[u32],
    (c, frame): (usize, bool),
    row: &Row,
) -> usize {
    let span = origin.colspan.get();
    let tc = TcPr {
        width: widths[c..c + span].iter().sum(),
        span,
        merge: Some(false),
        frame,
        valign: Some(origin.valign),
    };
    // The filler paragraph has the size of the cell's text, so it makes the row no taller.
    let size = origin
        .paragraphs
        .first()
        .map_or(ctx.body_size, |p| p.style.font_size);
    cell(ctx, x, &tc, |ctx, x| {
        let mut pp = empty_props(size);
        pp.keep_next |= row.keep_with_next;
        write_para(ctx, x, &pp, |_, _| {});
    });
    span
}

/// Writes a `w:tc` with `tc` and the paragraphs `content` writes.
fn cell(ctx: &mut Ctx, x: &mut Xml, tc: &TcPr, content: impl FnOnce(&mut Ctx, &mut Xml)) {
    x.open("w:tc");
    tc.write(x);
    content(ctx, x);
    x.end("w:tc");
}

#[cfg(test)]
mod tests {
    use std::num::NonZeroUsize;

    use super::*;
    use crate::model::{Inline, ParaStyle, Paragraph};

    fn cell(text: &str, rowspan: usize) -> Cell {
        let p = Paragraph::new(
            ParaStyle::plain(12.0),
            vec![Inline::Text {
                text: text.into(),
                style: Default::default(),
            }],
        );
        Cell {
            rowspan: NonZeroUsize::new(rowspan).unwrap(),
            valign: VAlign::Center,
            ..Cell::new(vec![p])
        }
    }

    fn row(cells: Vec<Cell>) -> Row {
        Row {
            keep_with_next: false,
            cells,
        }
    }

    /// The `w:tr` elements of `t`.
    fn rows(t: &Table) -> Vec<String> {
        let mut x = Xml::with_capacity(4096);
        table(&mut Ctx::new(14.0, 10.0), &mut x, t);
        let xml = x.finish();
        xml.split("<w:tr>").skip(1).map(str::to_string).collect()
    }

    #[test]
    fn head_rows_repeat_and_never_split() {
        let head = vec![row(vec![cell("a", 1), cell("b", 1)]); 2];
        let body = vec![row(vec![cell("c", 1), cell("d", 1)]); 3];
        let t = Table::new(vec![50.0, 50.0], head, body).unwrap();
        let marked: Vec<bool> = rows(&t)
            .iter()
            .map(|r| r.starts_with("<w:trPr><w:cantSplit /><w:tblHeader /></w:trPr>"))
            .collect();
        assert_eq!(marked, [true, true, false, false, false]);
        assert!(rows(&t)[2].starts_with("<w:trPr /><w:tc>"));
    }

    #[test]
    fn a_rowspan_continues_below_and_a_missing_cell_is_an_empty_one() {
        let body = vec![
            row(vec![cell("a", 2), cell("b", 1)]),
            row(vec![cell("c", 1)]),
            row(vec![cell("d", 1)]),
        ];
        let t = Table::new(vec![50.0, 60.0], vec![], body).unwrap();
        let rows = rows(&t);
        assert!(rows[0].contains(
            r#"<w:tcPr><w:tcW w:w="1000" w:type="dxa" /><w:vMerge w:val="restart" /><w:vAlign w:val="center" /></w:tcPr>"#
        ));
        // Below the origin: same width and alignment, an empty paragraph in its size.
        assert!(rows[1].contains(concat!(
            r#"<w:tcPr><w:tcW w:w="1000" w:type="dxa" /><w:vMerge w:val="continue" />"#,
            r#"<w:vAlign w:val="center" /></w:tcPr><w:p w14:paraId="00000003"><w:pPr>"#
        )));
        assert!(rows[1]
            .contains(r#"<w:sz w:val="24" /><w:szCs w:val="24" /></w:rPr></w:pPr></w:p></w:tc>"#));
        // The last row names only its first slot: the second is an empty cell.
        assert!(rows[2].ends_with(concat!(
            r#"<w:tc><w:tcPr><w:tcW w:w="1200" w:type="dxa" /></w:tcPr><w:p w14:paraId="00000006">"#,
            r#"<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto" />"#,
            r#"<w:ind w:left="0" w:right="0" /><w:jc w:val="left" /><w:rPr><w:sz w:val="28" />"#,
            r#"<w:szCs w:val="28" /></w:rPr></w:pPr></w:p></w:tc></w:tr></w:tbl>"#
        )));
    }
}
