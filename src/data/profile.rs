//! The editions of ГОСТ Р 7.0.97 a document can follow and every setting in which they
//! differ: one table ([`GOST_2016`], [`GOST_2025`]) that the checks, the view and the
//! templates read, so no rule of an edition is an `if` of its own elsewhere.
//!
//! Which edition applies: the order's `profile`, else the organisation's, else the order's
//! date (on or after 18.08.2025 the 2025 edition, before it the 2016 one); an undated
//! document without either key keeps the 2016 rules, so the outputs of older data never
//! change by themselves.

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
}
