//! The page being filled: the cursor, the page setup of the current section, page numbers in
//! the top margin, and the footnote area that grows from the bottom margin upwards.

use super::foot::Foot;
use super::notes::Notes;
use crate::model::house::RULE_WIDTH;
use crate::model::{Meta, PageSetup};
use crate::pdf::frame::{Face, Item, Page, EPS};
use crate::pdf::text::{LineBox, Measure};

/// Pages and the state of the one being filled.
pub(crate) struct Flow {
    pages: Vec<Page>,
    items: Vec<Item>,
    open: bool,
    setup: PageSetup,
    numbers: bool,
    number_size: f32,
    /// Top of the free space on the page.
    pub y: f32,
    /// Nothing has been placed on the page yet.
    pub fresh: bool,
    /// The page began because the previous one was full (not at a section start or a page
    /// break): space before the first paragraph is dropped there, as Word does.
    pub soft_top: bool,
    /// Footnote bodies of the whole document.
    pub notes: Notes,
    /// The footnote area of this page.
    foot: Foot,
    /// The space after the last paragraph placed, with the page and cursor it left behind
    /// (see [`Flow::space_above`]).
    above: Option<(usize, f32, f32)>,
    /// The bottom margin of the section, while this page's is grown to keep the foot of
    /// the page free (see [`Flow::reserve_foot`]).
    reserved: Option<f32>,
    /// Width of the text area left of what is reserved at the foot (the QR code and its
    /// quiet zone).
    beside: Option<f32>,
}

impl Flow {
    /// A flow with no pages yet.
    pub(crate) fn new(meta: &Meta, notes: Notes) -> Flow {
        Flow {
            pages: Vec::new(),
            items: Vec::new(),
            open: false,
            setup: PageSetup {
                width: 0.0,
                height: 0.0,
                orientation: crate::model::Orientation::Portrait,
                margin_top: 0.0,
                margin_right: 0.0,
                margin_bottom: 0.0,
                margin_left: 0.0,
                header_distance: 0.0,
            },
            numbers: false,
            number_size: meta.font_size,
            y: 0.0,
            fresh: true,
            soft_top: false,
            notes,
            foot: Foot::default(),
            above: None,
            reserved: None,
            beside: None,
        }
    }

    /// Starts a section on a new page.
    pub(crate) fn start_section(&mut self, setup: &PageSetup, numbers: bool, m: &mut Measure) {
        if self.open {
            self.close_page();
        }
        self.setup = *setup;
        self.numbers = numbers;
        self.open_page(m);
    }

    /// Ends the page and opens the next one; `soft` when the page is simply full.
    pub(crate) fn new_page(&mut self, soft: bool, m: &mut Measure) {
        self.close_page();
        self.open_page(m);
        self.soft_top = soft;
    }

    /// All pages, the last one closed.
    pub(crate) fn finish(mut self) -> Vec<Page> {
        if self.open {
            self.close_page();
        }
        self.pages
    }

    /// Left edge of the text area.
    pub(crate) fn left(&self) -> f32 {
        self.setup.margin_left
    }

    /// Height of the text area of an empty page.
    pub(crate) fn text_height(&self) -> f32 {
        self.setup.text_height()
    }

    /// Top of the text area.
    pub(crate) fn top(&self) -> f32 {
        self.setup.margin_top
    }

    /// Lowest y the body may reach, above the footnotes already on the page.
    pub(crate) fn limit(&self) -> f32 {
        self.bottom() - self.foot.area(&self.notes)
    }

    /// The bottom margin's edge.
    fn bottom(&self) -> f32 {
        self.setup.height - self.setup.margin_bottom
    }

    /// Extra height the footnote area needs if the notes `refs` join this page.
    pub(crate) fn notes_extra(&self, refs: &[usize]) -> f32 {
        self.foot.extra(&self.notes, refs)
    }

    /// Whether `h` more points fit below the cursor, with room for the notes `refs`.
    pub(crate) fn fits(&self, h: f32, refs: &[usize]) -> bool {
        self.y + h <= self.limit() - self.notes_extra(refs) + EPS
    }

    /// Whether a line of text ending at `bottom` fits with the notes `refs`, letting the last
    /// new note continue on the next page after its first lines (as Word splits long notes).
    pub(crate) fn line_fits(&self, bottom: f32, refs: &[usize]) -> bool {
        let limit = self.limit();
        bottom <= limit - self.notes_extra(refs) + EPS
            || self
                .foot
                .extra_split(&self.notes, refs)
                .is_some_and(|extra| bottom <= limit - extra + EPS)
    }

    /// Places a copy of `line` with its box's left edge at `x` and its top at `top` (a
    /// repeated header row); its footnotes not yet placed go to this page.
    pub(crate) fn put_line(&mut self, line: &LineBox, x: f32, top: f32, m: &mut Measure) {
        self.foot.take(&mut self.notes, &line.notes, None);
        self.items.extend(super::bars::bar(line, self.left(), top));
        let base = top + line.baseline;
        let start = self.items.len();
        self.items.extend(line.items.iter().cloned());
        self.finish_items(start, &line.page_numbers, x, base, m);
    }

    /// Places `line` like `put_line`, moving its runs instead of copying them.
    pub(crate) fn put_owned(&mut self, line: LineBox, x: f32, top: f32, m: &mut Measure) {
        self.foot.take(&mut self.notes, &line.notes, None);
        self.items.extend(super::bars::bar(&line, self.left(), top));
        let base = top + line.baseline;
        let start = self.items.len();
        self.items.extend(line.items);
        self.finish_items(start, &line.page_numbers, x, base, m);
    }

    /// Places a line of a paragraph at the cursor and moves the cursor below it; a long
    /// note of the line may continue on the next page.
    pub(crate) fn push_line(&mut self, line: LineBox, x: f32, m: &mut Measure) {
        let (y, h) = (self.y, line.height);
        let room = self.bottom() - (y + h);
        self.foot.take(&mut self.notes, &line.notes, Some(room));
        self.items.extend(super::bars::bar(&line, self.left(), y));
        let base = y + line.baseline;
        let start = self.items.len();
        self.items.extend(line.items);
        self.finish_items(start, &line.page_numbers, x, base, m);
        self.y += h;
    }

    /// Moves the runs added from `start` on to the page position and fills in page numbers
    /// (`page_numbers` index the line's runs).
    fn finish_items(
        &mut self,
        start: usize,
        page_numbers: &[usize],
        x: f32,
        base: f32,
        m: &mut Measure,
    ) {
        for item in &mut self.items[start..] {
            item.shift(x, base);
        }
        if !page_numbers.is_empty() {
            let number = (self.pages.len() + 1).to_string();
            for &i in page_numbers {
                if let Some(Item::Text {
                    text,
                    face,
                    size,
                    width,
                    ..
                }) = self.items.get_mut(start + i)
                {
                    *width = m.width(*face, *size, &number);
                    text.clone_from(&number);
                }
            }
        }
        self.fresh = false;
    }

    /// The space after the paragraph that ends right at the cursor, or 0 when anything else
    /// was placed since or a page began. Between two paragraphs the larger of the first's
    /// space after and the second's space before separates them, not their sum (ISO/IEC
    /// 29500-1, 17.3.1.33; Word adds them only under `w:doNotUseHTMLParagraphAutoSpacing`,
    /// which the DOCX writer does not set).
    pub(crate) fn space_above(&self) -> f32 {
        match self.above {
            Some((page, y, h)) if page == self.pages.len() && y == self.y => h,
            _ => 0.0,
        }
    }

    /// Records that a paragraph's space after, `h`, ends at the cursor.
    pub(crate) fn set_space_above(&mut self, h: f32) {
        self.above = Some((self.pages.len(), self.y, h));
    }

    /// Width of the text area.
    pub(crate) fn text_width(&self) -> f32 {
        self.setup.text_width()
    }

    /// Places a picture `width` × `height` with its left edge at `x` and its top at the
    /// cursor, and moves the cursor below it.
    pub(crate) fn picture(
        &mut self,
        x: f32,
        width: f32,
        height: f32,
        image: std::sync::Arc<crate::model::Image>,
    ) {
        self.items.push(Item::Image {
            x,
            y: self.y,
            width,
            height,
            image,
        });
        self.y += height;
        self.fresh = false;
    }

    /// The page setup of the section being placed, as this page has it.
    pub(crate) fn page(&self) -> &PageSetup {
        &self.setup
    }

    /// Paints `item` on this page, where it says, leaving the cursor where it is.
    pub(crate) fn paint(&mut self, item: Item) {
        self.items.push(item);
    }

    /// Keeps `h` points above the bottom margin of this page free of text and footnotes:
    /// the page's bottom margin grows by `h`, and the next page has the section's back.
    /// `beside` is the width of the text area left of the reserved corner.
    pub(crate) fn reserve_foot(&mut self, h: f32, beside: f32) {
        self.reserved.get_or_insert(self.setup.margin_bottom);
        self.setup.margin_bottom += h;
        self.beside = Some(beside);
    }

    /// Gives this page its section's bottom margin back for a block at the foot whose lines
    /// reach `width` points into the text area, when that clears the reserved corner: as
    /// LibreOffice sets the executor mark's frame on the bottom margin beside the QR code.
    pub(crate) fn foot_beside(&mut self, width: f32) {
        if let (Some(bottom), Some(room)) = (self.reserved, self.beside) {
            if width <= room + EPS {
                self.setup.margin_bottom = bottom;
            }
        }
    }

    /// Strokes a line.
    pub(crate) fn rule(&mut self, x1: f32, y1: f32, x2: f32, y2: f32) {
        self.items.push(Item::Line {
            x1,
            y1,
            x2,
            y2,
            width: RULE_WIDTH,
        });
    }

    fn open_page(&mut self, m: &mut Measure) {
        self.open = true;
        self.items = Vec::new();
        self.y = self.setup.margin_top;
        self.fresh = true;
        self.soft_top = false;
        self.foot.start_page(&self.notes);
        let number = self.pages.len() + 1;
        if self.numbers && number > 1 {
            self.page_number(number, m);
        }
    }

    /// The page number centred in the top margin, on the header line.
    fn page_number(&mut self, number: usize, m: &mut Measure) {
        let text = number.to_string();
        let size = self.number_size;
        let width = m.width(Face::Regular, size, &text);
        let s = &self.setup;
        let x = s.margin_left + (s.text_width() - width) / 2.0;
        let y = s.header_distance + m.metrics().ascent(Face::Regular, size);
        self.items.push(Item::Text {
            x,
            y,
            text,
            face: Face::Regular,
            size,
            width,
        });
    }

    fn close_page(&mut self) {
        self.foot.draw(&self.notes, &self.setup, &mut self.items);
        if let Some(bottom) = self.reserved.take() {
            self.setup.margin_bottom = bottom;
        }
        self.beside = None;
        self.pages.push(Page {
            width: self.setup.width,
            height: self.setup.height,
            items: std::mem::take(&mut self.items),
        });
        self.open = false;
    }
}
