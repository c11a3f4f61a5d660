//! A broken line turned into positioned runs: alignment, justification (one run per word,
//! spaces widened so the line ends flush), tabs, letter spacing, and the line's height.

use super::breaker::{Line, LineEnd, Part};
use super::measure::Measure;
use super::tokens::{Seg, SegKind};
use crate::model::house::DEFAULT_TAB;
use crate::model::Align;
use crate::pdf::frame::{Face, Item};

/// A laid-out line of text, ready to be placed on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct LineBox {
    /// Text runs; `x` counts from the left edge of the paragraph's box, `y` from the
    /// baseline (negative above it).
    pub items: Vec<Item>,
    /// Distance from the top of the line to its baseline.
    pub baseline: f32,
    /// Height the line takes, line spacing included.
    pub height: f32,
    /// Numbers of the footnotes whose marks stand on this line.
    pub notes: Vec<usize>,
    /// Indices into `items` of page-number fields, filled in where the line is placed.
    pub page_numbers: Vec<usize>,
    /// The line holds a tracked change (`prikaz diff --pdf` marks it in the margin).
    pub changed: bool,
}

/// Where and how a line is set inside its box.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Geometry {
    /// Start of the line from the box's left edge.
    pub x: f32,
    /// Width available to the line.
    pub width: f32,
    /// Paragraph alignment.
    pub align: Align,
    /// Line spacing multiple.
    pub spacing: f32,
    /// Face and size of the paragraph mark, which sets the height of an empty line.
    pub face: Face,
    /// See `face`.
    pub size: f32,
    /// Tabs go to a right-aligned stop at the line's right end.
    pub right_tab: bool,
}

/// Positions the parts of `line`, moving its text into the runs.
pub(crate) fn build(line: Line, g: &Geometry, m: &mut Measure) -> LineBox {
    let has_tab = line.parts.iter().any(|p| matches!(p, Part::Tab));
    let natural = natural_width(&line.parts, g);
    let mut x = g.x;
    let mut per_space = 0.0;
    match g.align {
        Align::Center if !has_tab => x += ((g.width - natural) / 2.0).max(0.0),
        Align::Right if !has_tab => x += (g.width - natural).max(0.0),
        // Only lines the breaker wrapped are widened: the DOCX sets `doNotExpandShiftReturn`,
        // so Word leaves a line ended by a manual line break as it is.
        Align::Justify if !has_tab && line.end == LineEnd::Wrap => {
            let n = stretchable(&line.parts);
            if n > 0 && g.width > natural {
                per_space = (g.width - natural) / n as f32;
            }
        }
        _ => {}
    }
    let last_tab = line.parts.iter().rposition(|p| matches!(p, Part::Tab));
    // Width of what follows the last tab: it ends at the right tab stop.
    let tail: f32 = match last_tab {
        Some(t) => line.parts[t + 1..].iter().map(part_width).sum(),
        None => 0.0,
    };
    let (ascent, depth) = vertical(&line.parts, g, m);
    let mut out = LineBox {
        items: Vec::with_capacity(line.parts.len()),
        baseline: ascent,
        height: (ascent + depth) * g.spacing,
        notes: Vec::new(),
        page_numbers: Vec::new(),
        changed: false,
    };
    let mut seen_word = false;
    for (i, part) in line.parts.into_iter().enumerate() {
        match part {
            Part::Word(w) => {
                for seg in w.segs {
                    let width = seg.width;
                    emit(&mut out, seg, x, m);
                    x += width;
                }
                seen_word = true;
            }
            Part::Space { width, stretch } => {
                x += width;
                if stretch && seen_word {
                    x += per_space;
                }
            }
            Part::Tab if g.right_tab && Some(i) == last_tab => {
                x = (g.x + g.width - tail).max(x);
            }
            Part::Tab => x = next_stop(x),
        }
    }
    out
}

/// Width of the line as set without justification, tabs resolved.
fn natural_width(parts: &[Part], g: &Geometry) -> f32 {
    let mut x = g.x;
    for p in parts {
        x = match p {
            Part::Tab if g.right_tab => x,
            Part::Tab => next_stop(x),
            p => x + part_width(p),
        };
    }
    x - g.x
}

fn next_stop(x: f32) -> f32 {
    ((x + 0.01) / DEFAULT_TAB).floor() * DEFAULT_TAB + DEFAULT_TAB
}

fn part_width(p: &Part) -> f32 {
    match p {
        Part::Word(w) => w.width,
        Part::Space { width, .. } => *width,
        Part::Tab => 0.0,
    }
}

/// Spaces justification may widen: those after the first word.
fn stretchable(parts: &[Part]) -> usize {
    let first = parts.iter().position(|p| matches!(p, Part::Word(_)));
    match first {
        Some(f) => parts[f..]
            .iter()
            .filter(|p| matches!(p, Part::Space { stretch: true, .. }))
            .count(),
        None => 0,
    }
}

/// Ascent and depth (descent plus the font's line gap) of the tallest text on the line.
fn vertical(parts: &[Part], g: &Geometry, m: &Measure) -> (f32, f32) {
    let metrics = m.metrics();
    let mut ascent = metrics.ascent(g.face, g.size);
    let mut depth = metrics.descent(g.face, g.size) + metrics.line_gap(g.face, g.size);
    for p in parts {
        if let Part::Word(w) = p {
            for s in &w.segs {
                ascent = ascent.max(metrics.ascent(s.face, s.size) + s.rise);
                let d = metrics.descent(s.face, s.size) + metrics.line_gap(s.face, s.size);
                depth = depth.max(d - s.rise);
            }
        }
    }
    (ascent, depth)
}

/// Adds the runs of one segment starting at `x`.
fn emit(out: &mut LineBox, seg: Seg, x: f32, m: &mut Measure) {
    match seg.kind {
        SegKind::Mark(n) => out.notes.push(n),
        SegKind::PageNumber => out.page_numbers.push(out.items.len()),
        SegKind::Text => {}
        SegKind::Changed => {
            // A mark of where a change is: nothing to print.
            out.changed = true;
            return;
        }
    }
    if seg.spacing == 0.0 {
        out.items.push(Item::Text {
            x,
            y: -seg.rise,
            text: seg.text,
            face: seg.face,
            size: seg.size,
            width: seg.width,
        });
        return;
    }
    // Letter-spaced text: one run per letter, the spacing after each.
    let mut x = x;
    let mut buf = [0u8; 4];
    for c in seg.text.chars() {
        let text: &str = c.encode_utf8(&mut buf);
        let w = m.width(seg.face, seg.size, text);
        if c != ' ' {
            out.items.push(Item::Text {
                x,
                y: -seg.rise,
                text: text.to_string(),
                face: seg.face,
                size: seg.size,
                width: w,
            });
        }
        x += w + seg.spacing;
    }
}
