//! The registration journal (журнал регистрации приказов): numbering series, registered and
//! signed orders, and their history. The entries are plain data ([`entry`]); where they are
//! kept is behind one small interface ([`store::Store`]), so that a shared database server
//! could back a whole department later; today it is an SQLite file ([`sqlite`]).

pub mod entry;
pub mod esign;
pub mod listing;
pub mod register;
pub mod restore;
pub mod series;
pub mod sign;
pub mod sqlite;
pub mod store;
pub mod text;

pub use entry::{Entry, Event, Reference, Status};
