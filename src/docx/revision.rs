//! Tracked changes in WordprocessingML: inserted and deleted runs (`w:ins`, `w:del` around
//! them, `w:delText` for deleted text), paragraph marks (`w:ins`/`w:del` in the mark's
//! `w:rPr`) and table rows (`w:ins`/`w:del` in `w:trPr`). Ids come from the build's counter
//! in reading order, the date from the data: the same documents give the same bytes.

use super::ctx::Ctx;
use super::xml::Xml;
use crate::model::revision::{Change, Revision};

/// One `w:ins` or `w:del` element's name and attributes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RevTag<'a> {
    /// `w:ins` or `w:del`.
    pub(crate) element: &'static str,
    /// The annotation id, unique in the document.
    pub(crate) id: u32,
    /// Who made the change.
    pub(crate) author: &'a str,
    /// The date as the data gives it (`YYYY-MM-DD`).
    pub(crate) date: &'a str,
}

impl<'a> RevTag<'a> {
    /// The element for `revision`, with the next id of `ctx`.
    pub(crate) fn new(ctx: &mut Ctx, revision: &'a Revision) -> RevTag<'a> {
        RevTag {
            element: match revision.change {
                Change::Inserted => "w:ins",
                Change::Deleted => "w:del",
            },
            id: ctx.revision_id(),
            author: &revision.author,
            date: &revision.date,
        }
    }

    /// Writes the start tag; the caller writes the content and `x.end(self.element)`.
    pub(crate) fn open(&self, x: &mut Xml) {
        self.attrs(x).open();
    }

    /// Writes the element empty (in a paragraph mark's or a row's properties).
    pub(crate) fn empty(&self, x: &mut Xml) {
        self.attrs(x).empty();
    }

    fn attrs<'x>(&self, x: &'x mut Xml) -> super::xml::Tag<'x> {
        // Word reads `w:date` as a full date-time; the data knows the day only.
        let date = format!("{}T00:00:00Z", self.date);
        x.tag(self.element)
            .num("w:id", self.id)
            .attr("w:author", self.author)
            .attr("w:date", &date)
    }
}
