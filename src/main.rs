//! The `prikaz` command line.
fn main() {}
