//! The editions of ГОСТ Р 7.0.97 a document can follow and every setting in which they
//! differ: one table ([`GOST_2016`], [`GOST_2025`]) that the checks, the view and the
//! templates read, so no rule of an edition is an `if` of its own elsewhere.
//!
//! Which edition applies: the order's `profile` (a standalone document's top-level one),
//! else the organisation's, else the order's date (on or after 18.08.2025 the 2025 edition,
//! before it the 2016 one); an undated document without any of these keys keeps the 2016
//! rules, so the outputs of older data never change by themselves.

use super::build::Builder;
use super::raw::Text;
use chrono::NaiveDate;
use serde::Serialize;

/// One edition's settings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Profile {
    /// The name a data file writes: `gost-2016`, `gost-2025`.
    pub name: &'static str,
    /// The longest line of a corner requisite (the marks at the top right), mm.
    pub corner_width_mm: f32,
    /// Body font sizes the edition allows, pt.
    pub body_sizes: &'static [u32],
    /// Whether the organisation may set its orders in a typeface of its choice (2016 names a
    /// list; 2025 leaves it to the organisation).
    pub own_typeface: bool,
    /// Whether requisite 31, the document's QR code, exists.
    pub qr_code: bool,
    /// Whether every document must have a heading to its text (2025, п. 5.17).
    pub heading_required: bool,
    /// Requisite 05: «наименование организации» (2016: «… – автора документа»).
    pub requisite_org: &'static str,
    /// Requisite 06: the structural unit's name.
    pub requisite_unit: &'static str,
    /// Requisite 07: the position's name.
    pub requisite_position: &'static str,
    /// Requisite 14: the access-restriction grif.
    pub requisite_access: &'static str,
    /// Page margins the template uses unless `[page]` sets them, mm. Unverified for 2025:
    /// the 2016 values.
    pub margins_mm: Margins,
    /// The appendix mark's lines unless the organisation's `[marks]` sets them. Unverified for
    /// 2025 (the edition refined «отметка о приложении», its wording is not known): the
    /// 2016 lines.
    pub appendix_mark: &'static [&'static str],
    /// The approval grif's lines unless `[marks]` sets them (2016 lines in both).
    pub approval_mark: &'static [&'static str],
    /// How the date requisite (10) and the marks write the order's date. Unverified for 2025
    /// (the edition changed the date rules, how is not known): the 2016 numeric form.
    pub date_form: DateForm,
    /// Line spacing of the body text, in lines. Unverified for 2025: single, as in 2016.
    pub line_spacing: f32,
    /// First-line indent of the body text, mm. Unverified for 2025: 12.5, as in 2016.
    pub indent_mm: f32,
}

/// The forms a date requisite may take (ГОСТ Р 7.0.97-2016, п. 5.10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DateForm {
    /// «27.06.2023».
    Numeric,
    /// «27 июня 2023 г.».
    Verbal,
}

impl DateForm {
    /// `date` in this form.
    pub fn write(self, date: NaiveDate) -> String {
        match self {
            DateForm::Numeric => super::dates::short(date),
            DateForm::Verbal => super::dates::long(date),
        }
    }
}

/// Page margins, mm.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Margins {
    /// Top.
    pub top: u32,
    /// Right.
    pub right: u32,
    /// Bottom.
    pub bottom: u32,
    /// Left: 30 mm, as agency instructions ask of documents kept over ten years.
    pub left: u32,
}

/// The margins of ГОСТ Р 7.0.97-2016 practice (formatting.md).
const MARGINS_2016: Margins = Margins {
    top: 20,
    right: 10,
    bottom: 20,
    left: 30,
};

/// The appendix mark of ГОСТ Р 7.0.97-2016 (п. 5.19 practice).
const APPENDIX_MARK_2016: &[&str] = &[
    "Приложение {n}",
    "к {kind_dative} {org}",
    "от {date} № {number}",
];

/// The approval grif of ГОСТ Р 7.0.97-2016 (п. 5.16 practice).
const APPROVAL_MARK_2016: &[&str] = &["{approved}", "{kind_instr} {org}", "от {date} № {number}"];

/// Width of an A4 portrait page, mm.
const A4_WIDTH_MM: f32 = 210.0;

impl Profile {
    /// The corner block's left indent from the left margin, mm: the text width (from `page`'s
    /// margins, or the profile's) less [`Profile::corner_width_mm`], so its longest line
    /// ends at the right margin.
    pub fn corner_indent_mm(&self, page: &super::raw::PageData) -> f32 {
        let left = page.left.unwrap_or(self.margins_mm.left as f32);
        let right = page.right.unwrap_or(self.margins_mm.right as f32);
        (A4_WIDTH_MM - left - right - self.corner_width_mm).max(0.0)
    }

    /// The edition's designation, for messages: «ГОСТ Р 7.0.97-2025».
    pub fn standard(&self) -> String {
        format!("ГОСТ Р 7.0.97-{}", self.name.trim_start_matches("gost-"))
    }
}

/// ГОСТ Р 7.0.97-2016.
pub const GOST_2016: Profile = Profile {
    name: "gost-2016",
    corner_width_mm: 75.0,
    body_sizes: &[12, 13, 14],
    own_typeface: false,
    qr_code: false,
    heading_required: false,
    requisite_org: "наименование организации – автора документа",
    requisite_unit: "наименование структурного подразделения – автора документа",
    requisite_position: "наименование должности лица – автора документа",
    requisite_access: "гриф ограничения доступа к документу",
    margins_mm: MARGINS_2016,
    appendix_mark: APPENDIX_MARK_2016,
    approval_mark: APPROVAL_MARK_2016,
    date_form: DateForm::Numeric,
    line_spacing: 1.0,
    indent_mm: 12.5,
};

/// ГОСТ Р 7.0.97-2025, in force since 18.08.2025 (see `shared/spec/gost-2025.md` for what is
/// known of it and from where).
pub const GOST_2025: Profile = Profile {
    name: "gost-2025",
    corner_width_mm: 80.0,
    body_sizes: &[12, 13, 14],
    own_typeface: true,
    qr_code: true,
    heading_required: true,
    requisite_org: "наименование организации",
    requisite_unit: "наименование структурного подразделения",
    requisite_position: "наименование должности",
    requisite_access: "гриф (пометка) об ограничении доступа к документу",
    margins_mm: MARGINS_2016,
    appendix_mark: APPENDIX_MARK_2016,
    approval_mark: APPROVAL_MARK_2016,
    date_form: DateForm::Numeric,
    line_spacing: 1.0,
    indent_mm: 12.5,
};

/// Every profile, in the order of their editions.
pub const PROFILES: [&Profile; 2] = [&GOST_2016, &GOST_2025];

/// The day the 2025 edition came into force.
pub fn edition_2025_from() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 8, 18).expect("a valid calendar date")
}

/// The profile named `name`.
pub fn by_name(name: &str) -> Option<&'static Profile> {
    PROFILES.into_iter().find(|p| p.name == name)
}

/// The edition in force on `date`; an undated document keeps the 2016 rules.
pub fn for_date(date: Option<NaiveDate>) -> &'static Profile {
    match date {
        Some(d) if d >= edition_2025_from() => &GOST_2025,
        _ => &GOST_2016,
    }
}

impl Builder {
    /// The profile of a document: `order` (the order's `profile`, source 0), else `org` (the
    /// organisation's, in source `org_src`), else by `date`. An unknown name is an error at it.
    pub(super) fn profile(
        &mut self,
        order: Option<&Text>,
        org: Option<(&Text, usize)>,
        date: Option<NaiveDate>,
    ) -> &'static Profile {
        let named = order.map(|t| (t, 0)).or(org);
        let Some((text, src)) = named else {
            return for_date(date);
        };
        match by_name(text.get_ref()) {
            Some(p) => p,
            None => {
                let known: Vec<&str> = PROFILES.iter().map(|p| p.name).collect();
                self.error(
                    src,
                    text.start(),
                    format!(
                        "неизвестный профиль «{}»: есть {}",
                        text.get_ref(),
                        known.join(", ")
                    ),
                );
                for_date(date)
            }
        }
    }
}

impl Builder {
    /// A standalone document's own `profile`; in an order's file the key belongs in `[order]`
    /// and a top-level one is an error at it.
    pub(super) fn own_profile<'d>(&mut self, doc: &'d super::raw::DocFile) -> Option<&'d Text> {
        let own = doc.profile.as_ref()?;
        if doc.order.is_none() {
            return Some(own);
        }
        let message = "в файле приказа профиль пишется в [order]: перенесите profile = … туда";
        self.error(0, own.start(), message);
        None
    }

    /// An organisation file whose `name = []` is empty (read from source `src`) is an error at
    /// its start, naming the requisite as the document's edition does.
    pub(super) fn require_org_name(&mut self, org: &super::raw::OrgFile, src: usize, p: &Profile) {
        if org.name.iter().any(|l| !l.trim().is_empty()) {
            return;
        }
        let message = format!(
            "пуст реквизит 05 «{}» ({}): впишите в name = [\"…\"] полное наименование, \
             по строке на элемент",
            p.requisite_org,
            p.standard()
        );
        self.error(src, 0, message);
    }

    /// A standalone document without a heading to its text («заголовок к тексту»), under a
    /// profile that requires one, is an error at its first content (orders always have one).
    pub(super) fn require_heading(&mut self, doc: &super::raw::DocFile, profile: &Profile) {
        if !profile.heading_required || doc.title.is_some() {
            return;
        }
        let at = doc.content.first().map_or(0, |c| c.start());
        let message = format!(
            "по {} у каждого документа есть заголовок к тексту (реквизит 17): добавьте \
             title = \"О …\" в начало файла",
            profile.standard()
        );
        self.error(0, at, message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_day_of_the_2025_edition_switches_the_default() {
        let day = edition_2025_from();
        assert_eq!(for_date(Some(day)).name, "gost-2025");
        assert_eq!(for_date(day.pred_opt()).name, "gost-2016");
        assert_eq!(for_date(None).name, "gost-2016");
    }

    #[test]
    fn every_profile_is_found_by_its_name() {
        for p in PROFILES {
            assert_eq!(by_name(p.name), Some(p));
        }
        assert_eq!(by_name("gost-2030"), None);
    }

    #[test]
    fn the_corner_block_ends_at_the_right_margin() {
        let page = crate::data::raw::PageData::default();
        assert_eq!(GOST_2016.corner_indent_mm(&page), 95.0);
        assert_eq!(GOST_2025.corner_indent_mm(&page), 90.0);
        assert_eq!(GOST_2025.standard(), "ГОСТ Р 7.0.97-2025");
        let day = edition_2025_from();
        assert_eq!(DateForm::Numeric.write(day), "18.08.2025");
        assert_eq!(DateForm::Verbal.write(day), "18\u{a0}августа 2025\u{a0}г.");
    }
}
