//! The registration journal (журнал регистрации приказов): numbering series, registered and
//! signed orders, and their history. The entries are plain data ([`entry`]); where they are
//! kept is behind one small interface, so that a shared database server could back a whole
//! department later.

pub mod entry;
pub mod listing;

pub use entry::{Entry, Event, Status};
