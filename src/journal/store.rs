//! The journal's storage behind one small interface ([`Store`]), so that a shared database
//! server could back a whole department later; [`super::sqlite`] is the one kept today, a
//! file beside the data.

use super::entry::{Entry, Status};
use super::esign::Facts;

/// Which entries a listing shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only this calendar year.
    pub year: Option<i32>,
    /// Only this series.
    pub series: Option<String>,
}

/// Why the journal could not be used. The messages are the user's, in Russian.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The journal cannot be opened or changed: locked, read-only, corrupt, of a newer
    /// schema, or the disk failed. Nothing was changed.
    Journal(String),
    /// The request does not fit the journal: an unknown number, a cancelled entry cancelled
    /// again, a file registered twice.
    Refused(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Journal(m) | StoreError::Refused(m) => f.write_str(m),
        }
    }
}

/// A registration journal's storage. Numbers are taken in two steps ([`Store::allocate`],
/// then [`Store::confirm`]) so that a run killed between them can be put right by the next
/// one ([`Store::pending`], [`Store::confirm`] or [`Store::discard`]); see
/// [`super::register`] for the protocol.
pub trait Store {
    /// Entries left pending by runs that were killed before they confirmed them.
    fn pending(&mut self) -> Result<Vec<Entry>, StoreError>;
    /// Takes the next running number of `entry.series` in `period` (the year, or 0 for a
    /// series that never restarts) and inserts `entry` with it as pending, in one
    /// transaction; `number` prints the running number. Returns the entry as stored.
    fn allocate(
        &mut self,
        entry: Entry,
        period: i32,
        number: &dyn Fn(u32) -> String,
    ) -> Result<Entry, StoreError>;
    /// Makes a pending entry a registered one.
    fn confirm(&mut self, entry: &Entry) -> Result<(), StoreError>;
    /// Removes a pending entry whose number never reached its file, so no number is skipped.
    fn discard(&mut self, entry: &Entry) -> Result<(), StoreError>;
    /// The confirmed entry of an order's file (relative to the journal's folder), if any.
    fn find_by_file(&mut self, file: &str) -> Result<Option<Entry>, StoreError>;
    /// The confirmed entry numbered and dated as `reference` (the newest, should two series
    /// print the same number on one day).
    fn find_by_reference(
        &mut self,
        reference: &super::entry::Reference,
    ) -> Result<Option<Entry>, StoreError>;
    /// The confirmed entries that pass `filter`, by series, year and running number.
    fn list(&mut self, filter: &Filter) -> Result<Vec<Entry>, StoreError>;
    /// Gives the entry of `series`, `year` and running number `seq` a new status, with an
    /// event that carries `note`. Returns the entry as changed.
    fn set_status(
        &mut self,
        series: &str,
        year: i32,
        seq: u32,
        status: Status,
        note: Option<String>,
    ) -> Result<Entry, StoreError>;
}

/// What a file recorded at signing is to the order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// A data file or image the loader read.
    Input,
    /// A template (or the built-in templates as one).
    Template,
    /// The DOCX made.
    Docx,
    /// The PDF made.
    Pdf,
    /// The detached electronic signature file of the PDF (`prikaz sign --signature`).
    Signature,
    /// The DOCX copy of the e-signed order, with the mark of its signature.
    CopyDocx,
    /// The PDF copy of the e-signed order, with the mark of its signature.
    CopyPdf,
}

impl Role {
    /// The name the journal stores.
    pub fn name(self) -> &'static str {
        match self {
            Role::Input => "input",
            Role::Template => "template",
            Role::Docx => "docx",
            Role::Pdf => "pdf",
            Role::Signature => "signature",
            Role::CopyDocx => "copy-docx",
            Role::CopyPdf => "copy-pdf",
        }
    }

    /// The role a stored name stands for.
    pub fn from_name(name: &str) -> Option<Role> {
        [
            Role::Input,
            Role::Template,
            Role::Docx,
            Role::Pdf,
            Role::Signature,
            Role::CopyDocx,
            Role::CopyPdf,
        ]
        .into_iter()
        .find(|r| r.name() == name)
    }
}

/// One file a signature records: its name, hash and, for text inputs, its text (so that the
/// first changed place of an edited input can be shown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedFile {
    /// What the file is to the order.
    pub role: Role,
    /// Its path relative to the journal's folder (absolute when outside it); for the
    /// built-in templates, their description.
    pub name: String,
    /// SHA-256, lowercase hex.
    pub sha256: String,
    /// The bytes as signed, for text inputs and templates.
    pub content: Option<Vec<u8>>,
}

/// The signing side of a journal's storage: kept apart from [`Store`] so that a store that
/// only numbers needs nothing more.
pub trait SignStore: Store {
    /// Makes the registered entry of `series`, `year`, `seq` signed, with an event that
    /// carries `note`, and records `files`, all in one transaction. Refuses an entry that
    /// is not registered (signed or cancelled meanwhile).
    fn sign(
        &mut self,
        series: &str,
        year: i32,
        seq: u32,
        files: &[SignedFile],
        note: Option<String>,
    ) -> Result<Entry, StoreError>;
    /// [`SignStore::sign`] with an electronic signature: its signers' certificate facts are
    /// recorded too, in the same transaction.
    fn sign_electronic(
        &mut self,
        series: &str,
        year: i32,
        seq: u32,
        files: &[SignedFile],
        note: Option<String>,
        signers: &[Facts],
    ) -> Result<Entry, StoreError>;
    /// The certificate facts of the entry's electronic signature; empty for one signed on
    /// paper.
    fn esign_facts(&mut self, series: &str, year: i32, seq: u32) -> Result<Vec<Facts>, StoreError>;
    /// The files recorded when the entry of `series`, `year`, `seq` was signed.
    fn signed_files(
        &mut self,
        series: &str,
        year: i32,
        seq: u32,
    ) -> Result<Vec<SignedFile>, StoreError>;
}

/// Local time as events record it: `YYYY-MM-DD HH:MM:SS`.
pub fn now() -> String {
    chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string()
}
