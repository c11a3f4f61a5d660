//! Section properties (`w:sectPr`) written by hand.
//!
//! docx-rs writes `w:sectPr` children out of schema order and only knows headers of the
//! body-level section, so the build step leaves placeholder `w:sectPr`s (one per model
//! section, in order) and the patch step swaps in the ones made here. Every section names its
//! headers explicitly instead of inheriting them, so the page numbers do not depend on how a
//! reader resolves inheritance.

use super::units::twips;
use crate::model::{house, Orientation, PageSetup};

/// Relationship id of the header with the centred page number.
pub(crate) const NUMBERED_HEADER: &str = "rIdHeader1";
/// Relationship id of the empty header (the first page, unnumbered sections).
pub(crate) const EMPTY_HEADER: &str = "rIdHeader2";

/// The `w:sectPr` of a section. `first` marks the document's first section, whose first
/// page (`w:titlePg`) gets the empty header: orders carry no number on page 1.
pub(crate) fn sect_pr(page: &PageSetup, numbered: bool, first: bool) -> String {
    let default = if numbered {
        NUMBERED_HEADER
    } else {
        EMPTY_HEADER
    };
    let mut x = String::from("<w:sectPr>");
    x += &format!(r#"<w:headerReference w:type="default" r:id="{default}"/>"#);
    if first {
        x += &format!(r#"<w:headerReference w:type="first" r:id="{EMPTY_HEADER}"/>"#);
    }
    x += r#"<w:type w:val="nextPage"/>"#;
    let orient = match page.orientation {
        Orientation::Portrait => "",
        Orientation::Landscape => r#" w:orient="landscape""#,
    };
    x += &format!(
        r#"<w:pgSz w:w="{}" w:h="{}"{orient}/>"#,
        twips(page.width),
        twips(page.height)
    );
    let header = twips(page.header_distance);
    x += &format!(
        r#"<w:pgMar w:top="{}" w:right="{}" w:bottom="{}" w:left="{}" w:header="{header}" w:footer="{header}" w:gutter="0"/>"#,
        twips(page.margin_top),
        twips(page.margin_right),
        twips(page.margin_bottom),
        twips(page.margin_left),
    );
    x += &format!(r#"<w:cols w:space="{}"/>"#, twips(house::COLUMN_GAP));
    if first {
        x += "<w:titlePg/>";
    }
    x += "</w:sectPr>";
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a4(orientation: Orientation) -> PageSetup {
        PageSetup::a4(orientation, [20.0, 10.0, 20.0, 30.0], 10.0)
    }

    #[test]
    fn first_section_has_title_page_with_empty_header() {
        let x = sect_pr(&a4(Orientation::Portrait), true, true);
        assert!(x.contains(r#"w:type="first" r:id="rIdHeader2""#));
        assert!(x.contains("<w:titlePg/>"));
        assert!(x.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#));
    }

    #[test]
    fn landscape_swaps_size_and_says_so() {
        let x = sect_pr(&a4(Orientation::Landscape), true, false);
        assert!(x.contains(r#"<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>"#));
        assert!(!x.contains("titlePg"));
    }

    #[test]
    fn unnumbered_section_points_at_the_empty_header() {
        let x = sect_pr(&a4(Orientation::Portrait), false, false);
        assert!(x.contains(r#"w:type="default" r:id="rIdHeader2""#));
    }
}
