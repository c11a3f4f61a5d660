//! prikaz: TOML data and tera templates to DOCX and PDF orders.
#![warn(missing_docs)]

pub mod docx;
pub mod model;
pub mod pdf;
