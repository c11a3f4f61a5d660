//! Section properties (`w:sectPr`): page size, margins and the headers of each section.
//!
//! Every section names its headers explicitly instead of inheriting them, so the page
//! numbers do not depend on how a reader resolves inheritance.

use super::units::twips;
use super::xml::Xml;
use crate::model::{house, Orientation, PageSetup};

/// Relationship id of the header with the centred page number. docx-rs names the headers'
/// relationships in the order they are added to the package (see `package`).
pub(crate) const NUMBERED_HEADER: &str = "rIdHeader1";
/// Relationship id of the empty header (the first page, unnumbered sections).
pub(crate) const EMPTY_HEADER: &str = "rIdHeader2";

/// The properties of one section, in twips.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SectPr {
    /// Relationship id of the header on the section's pages.
    header: &'static str,
    /// The document's first section: its first page (`w:titlePg`) gets the empty header,
    /// as orders carry no number on page 1.
    title_page: bool,
    width: i32,
    height: i32,
    landscape: bool,
    /// Top, right, bottom, left.
    margins: [i32; 4],
    header_distance: i32,
}

impl SectPr {
    /// The properties of a section set on `page`, whose pages show a number when
    /// `numbered`; `first` marks the document's first section.
    pub(crate) fn new(page: &PageSetup, numbered: bool, first: bool) -> SectPr {
        SectPr {
            header: if numbered {
                NUMBERED_HEADER
            } else {
                EMPTY_HEADER
            },
            title_page: first,
            width: twips(page.width),
            height: twips(page.height),
            landscape: page.orientation == Orientation::Landscape,
            margins: [
                page.margin_top,
                page.margin_right,
                page.margin_bottom,
                page.margin_left,
            ]
            .map(twips),
            header_distance: twips(page.header_distance),
        }
    }

    /// Writes `w:sectPr`, its children in schema order (CT_SectPr).
    pub(crate) fn write(&self, x: &mut Xml) {
        x.open("w:sectPr");
        let reference = |x: &mut Xml, kind: &str, id: &str| {
            x.tag("w:headerReference")
                .attr("w:type", kind)
                .attr("r:id", id)
                .empty_compact();
        };
        reference(x, "default", self.header);
        if self.title_page {
            reference(x, "first", EMPTY_HEADER);
        }
        x.tag("w:type").attr("w:val", "nextPage").empty_compact();
        let size = x
            .tag("w:pgSz")
            .num("w:w", self.width)
            .num("w:h", self.height);
        if self.landscape {
            size.attr("w:orient", "landscape").empty_compact();
        } else {
            size.empty_compact();
        }
        let [top, right, bottom, left] = self.margins;
        x.tag("w:pgMar")
            .num("w:top", top)
            .num("w:right", right)
            .num("w:bottom", bottom)
            .num("w:left", left)
            .num("w:header", self.header_distance)
            .num("w:footer", self.header_distance)
            .num("w:gutter", 0)
            .empty_compact();
        x.tag("w:cols")
            .num("w:space", twips(house::COLUMN_GAP))
            .empty_compact();
        if self.title_page {
            x.tag("w:titlePg").empty_compact();
        }
        x.end("w:sectPr");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a4(orientation: Orientation) -> PageSetup {
        PageSetup::a4(orientation, [20.0, 10.0, 20.0, 30.0], 10.0)
    }

    fn written(s: &SectPr) -> String {
        let mut x = Xml::with_capacity(512);
        s.write(&mut x);
        x.finish()
    }

    #[test]
    fn first_section_has_title_page_with_empty_header() {
        let x = written(&SectPr::new(&a4(Orientation::Portrait), true, true));
        assert_eq!(
            x,
            concat!(
                r#"<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader1"/>"#,
                r#"<w:headerReference w:type="first" r:id="rIdHeader2"/><w:type w:val="nextPage"/>"#,
                r#"<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="567" "#,
                r#"w:bottom="1134" w:left="1701" w:header="567" w:footer="567" w:gutter="0"/>"#,
                r#"<w:cols w:space="708"/><w:titlePg/></w:sectPr>"#
            )
        );
    }

    #[test]
    fn landscape_swaps_size_and_says_so() {
        let x = written(&SectPr::new(&a4(Orientation::Landscape), true, false));
        assert!(x.contains(r#"<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>"#));
        assert!(!x.contains("titlePg") && !x.contains(r#"w:type="first""#));
    }

    #[test]
    fn unnumbered_section_points_at_the_empty_header() {
        let x = written(&SectPr::new(&a4(Orientation::Portrait), false, false));
        assert!(x.contains(r#"w:type="default" r:id="rIdHeader2""#));
    }
}
