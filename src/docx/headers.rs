//! The two headers every document has: the centred page number, and an empty one for the
//! first page and unnumbered sections.
//!
//! The package names each header once (see `package`) and every section's `w:sectPr`
//! points at them by relationship id (see `section`).

use super::ctx::Ctx;
use super::paragraph::{empty_props, page_field, props, write_para};
use super::props::RunProps;
use super::units::half_points;
use super::xml::Xml;
use crate::model::{Align, Meta, ParaStyle};

/// The start of a header part.
const ROOT: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:hdr xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" "#,
    r#"xmlns:o="urn:schemas-microsoft-com:office:office" "#,
    r#"xmlns:v="urn:schemas-microsoft-com:vml" "#,
    r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
    r#"xmlns:w10="urn:schemas-microsoft-com:office:word" "#,
    r#"xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" "#,
    r#"xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" "#,
    r#"xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" "#,
    r#"xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" "#,
    r#"xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" "#,
    r#"xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" "#,
    r#"mc:Ignorable="w14 wp14">"#,
);

/// The header of numbered pages (`header1.xml`, [`super::section::NUMBERED_HEADER`]):
/// the page number, centred, in the body text size.
pub(crate) fn numbered(ctx: &mut Ctx, meta: &Meta) -> String {
    let style = ParaStyle {
        align: Align::Center,
        ..ParaStyle::plain(meta.font_size)
    };
    header(|x| {
        write_para(ctx, x, &props(&style, 0.0), |_, x| {
            x.open("w:r");
            RunProps {
                size: Some(half_points(meta.font_size)),
                ..RunProps::default()
            }
            .write(x);
            page_field(x);
            x.end("w:r");
        })
    })
}

/// The empty header (`header2.xml`, [`super::section::EMPTY_HEADER`]).
pub(crate) fn empty(ctx: &mut Ctx, meta: &Meta) -> String {
    header(|x| write_para(ctx, x, &empty_props(meta.font_size), |_, _| {}))
}

fn header(content: impl FnOnce(&mut Xml)) -> String {
    let mut x = Xml::with_capacity(2048);
    x.raw(ROOT);
    content(&mut x);
    x.end("w:hdr");
    x.finish()
}
