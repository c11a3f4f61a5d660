//! Dates of requisites («27.06.2023») and of running text («27 июня 2023 г.»).

use chrono::{Datelike, NaiveDate};

const MONTHS_GENITIVE: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

/// A TOML date as a calendar date; `None` for a time or an impossible day (2023-02-30).
pub fn to_date(d: &toml::value::Datetime) -> Option<NaiveDate> {
    let date = d.date?;
    if d.time.is_some() {
        return None;
    }
    NaiveDate::from_ymd_opt(date.year.into(), date.month.into(), date.day.into())
}

/// «27.06.2023».
pub fn short(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// «27 июня 2023 г.» with no-break spaces.
pub fn long(d: NaiveDate) -> String {
    let month = MONTHS_GENITIVE[d.month0() as usize];
    format!("{}\u{a0}{month} {}\u{a0}г.", d.day(), d.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_both_ways() {
        let d = NaiveDate::from_ymd_opt(2023, 6, 27).unwrap();
        assert_eq!(short(d), "27.06.2023");
        assert_eq!(long(d), "27\u{a0}июня 2023\u{a0}г.");
    }
}
