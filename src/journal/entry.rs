//! One line of the registration journal, as every part of the journal sees it: the store
//! writes and reads it, the listings (text, CSV, XLSX, PDF) print it.

use chrono::NaiveDate;

/// Where an order stands in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Numbered and dated; may still be regenerated from unchanged data.
    Registered,
    /// Signed: its inputs and outputs are recorded and never change again.
    Signed,
    /// The number stays used; the entry says why it was cancelled.
    Cancelled,
}

impl Status {
    /// The word the journal prints: «зарегистрирован», «подписан», «отменён».
    pub fn russian(self) -> &'static str {
        match self {
            Status::Registered => "зарегистрирован",
            Status::Signed => "подписан",
            Status::Cancelled => "отменён",
        }
    }
}

/// One change in an entry's life, with its time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// When it happened: local time, `YYYY-MM-DD HH:MM:SS`.
    pub at: String,
    /// The status the entry took.
    pub status: Status,
    /// Why, where the user said (the reason of a cancellation), or what (a file signed).
    pub note: Option<String>,
}

/// A registered order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The numbering series' id, as the organisation file names it («main», «k»).
    pub series: String,
    /// The calendar year the running number belongs to (numbers restart each year unless the
    /// series says otherwise).
    pub year: i32,
    /// The running number inside the series and year: 1, 2, 3 …
    pub seq: u32,
    /// The number as printed on the order, made from the series' format: «368», «12-к»,
    /// «01/3057».
    pub number: String,
    /// The order's date.
    pub date: NaiveDate,
    /// «приказ» or «распоряжение».
    pub kind: String,
    /// The order's title, as plain text.
    pub title: String,
    /// The signatory: «А.Г. Обоскалов».
    pub signatory: String,
    /// The executors, as plain text: «Маковецкая Ю.Г.».
    pub executor: String,
    /// The order's data file, relative to the journal's folder.
    pub file: String,
    /// Where the order stands now.
    pub status: Status,
    /// Every change, oldest first; the first is the registration.
    pub history: Vec<Event>,
    /// The order this one amends («О внесении изменений в приказ …»), as its data names it.
    pub amends: Option<Reference>,
    /// The orders of the journal that amend this one (not cancelled ones), oldest first.
    pub amended_by: Vec<Reference>,
}

impl Entry {
    /// The links to amending and amended orders as the listings append them to the status:
    /// «; изменён приказом № 5 от 01.12.2026».
    pub fn links(&self) -> String {
        let mut text = String::new();
        if let Some(r) = &self.amends {
            text.push_str(&format!("; изменяет {r}"));
        }
        for r in &self.amended_by {
            text.push_str(&format!("; изменён приказом {r}"));
        }
        text
    }
}

/// Another order named by its number and date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// Its number as printed: «368», «12-к».
    pub number: String,
    /// Its date.
    pub date: NaiveDate,
}

impl std::fmt::Display for Reference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "№ {} от {}", self.number, self.date.format("%d.%m.%Y"))
    }
}
