//! Figures: the picture as an inline drawing (`w:drawing`/`wp:inline` around a `pic:pic`) in
//! a centred paragraph kept with its caption, then the caption. Each distinct image becomes
//! one media part (`word/media/imageN.png|jpeg`) with one relationship, however often it is
//! shown.

use super::ctx::Ctx;
use super::paragraph::{paragraph, props, write_para};
use super::xml::Xml;
use crate::model::{house, Align, Figure, ParaStyle};

/// English Metric Units per point: drawings measure in EMU (914400 an inch).
const EMU_PER_PT: f32 = 12700.0;

const A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const PIC: &str = "http://schemas.openxmlformats.org/drawingml/2006/picture";

/// Writes `f` in a section `width` points of text wide; `page_break` starts it on a new page.
pub(crate) fn figure(ctx: &mut Ctx, x: &mut Xml, f: &Figure, width: f32, page_break: bool) {
    let style = ParaStyle {
        align: Align::Center,
        space_before: house::FIGURE_SPACE_BEFORE,
        // The picture never stays behind at the foot of a page without its caption.
        keep_with_next: f.caption().is_some(),
        hyphenate: false,
        ..ParaStyle::plain(ctx.body_size)
    };
    let mut pp = props(&style, width);
    pp.page_break_before = page_break;
    let rel = ctx.image_rel(f.image());
    let shape = ctx.next_drawing();
    write_para(ctx, x, &pp, |_, x| drawing(x, f, &rel, shape));
    if let Some(caption) = f.caption() {
        paragraph(ctx, x, &props(&caption.style, width), caption, width);
    }
}

/// The run holding the picture: `rel` is the image's relationship id, `shape` the
/// drawing's id, unique in the document.
fn drawing(x: &mut Xml, f: &Figure, rel: &str, shape: u32) {
    let cx = emu(f.width());
    let cy = emu(f.height());
    x.open("w:r");
    x.open("w:drawing");
    let zero = |x: &mut Xml, tag: &str, keys: &[&str]| {
        let mut t = x.tag(tag);
        for k in keys {
            t = t.attr(k, "0");
        }
        t.empty();
    };
    x.tag("wp:inline")
        .attr("distT", "0")
        .attr("distB", "0")
        .attr("distL", "0")
        .attr("distR", "0")
        .open();
    x.tag("wp:extent").num("cx", cx).num("cy", cy).empty();
    zero(x, "wp:effectExtent", &["l", "t", "r", "b"]);
    picture(x, rel, shape, (cx, cy));
    x.end("wp:inline");
    x.end("w:drawing");
    x.end("w:r");
}

/// What an inline and an anchored drawing share after their placement: the drawing's
/// properties and the picture `rel` (drawing id `shape`), `cx` × `cy` EMU.
pub(crate) fn picture(x: &mut Xml, rel: &str, shape: u32, (cx, cy): (i64, i64)) {
    let name = format!("Рисунок {shape}");
    let zero = |x: &mut Xml, tag: &str, keys: &[&str]| {
        let mut t = x.tag(tag);
        for k in keys {
            t = t.attr(k, "0");
        }
        t.empty();
    };
    x.tag("wp:docPr")
        .num("id", shape)
        .attr("name", &name)
        .empty();
    x.open("wp:cNvGraphicFramePr");
    x.tag("a:graphicFrameLocks")
        .attr("xmlns:a", A)
        .attr("noChangeAspect", "1")
        .empty();
    x.end("wp:cNvGraphicFramePr");
    x.tag("a:graphic").attr("xmlns:a", A).open();
    x.tag("a:graphicData").attr("uri", PIC).open();
    x.tag("pic:pic").attr("xmlns:pic", PIC).open();
    x.open("pic:nvPicPr");
    x.tag("pic:cNvPr")
        .num("id", shape)
        .attr("name", &name)
        .empty();
    x.empty("pic:cNvPicPr");
    x.end("pic:nvPicPr");
    x.open("pic:blipFill");
    x.tag("a:blip").attr("r:embed", rel).empty();
    x.open("a:stretch");
    x.empty("a:fillRect");
    x.end("a:stretch");
    x.end("pic:blipFill");
    x.open("pic:spPr");
    x.open("a:xfrm");
    zero(x, "a:off", &["x", "y"]);
    x.tag("a:ext").num("cx", cx).num("cy", cy).empty();
    x.end("a:xfrm");
    x.tag("a:prstGeom").attr("prst", "rect").open();
    x.empty("a:avLst");
    x.end("a:prstGeom");
    x.end("pic:spPr");
    x.end("pic:pic");
    x.end("a:graphicData");
    x.end("a:graphic");
}

/// Points to EMU.
pub(crate) fn emu(pt: f32) -> i64 {
    (pt * EMU_PER_PT).round() as i64
}
