//! Outside tools some tests need (LibreOffice, poppler, qpdf): one check for all of them.
//! A missing tool skips the test with the reason printed, unless PRIKAZ_REQUIRE_TOOLS is
//! set (as `.ci/run` sets it), where a missing tool fails the test instead.

use std::process::Command;

/// Whether every `(command, version argument)` runs. When one does not, the test is skipped
/// with `install` as the hint, or fails under PRIKAZ_REQUIRE_TOOLS.
pub fn present(tools: &[(&str, &str)], install: &str) -> bool {
    let missing: Vec<&str> = tools
        .iter()
        .filter(|(cmd, arg)| {
            !Command::new(cmd)
                .arg(arg)
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .map(|(cmd, _)| *cmd)
        .collect();
    if missing.is_empty() {
        return true;
    }
    assert!(
        std::env::var_os("PRIKAZ_REQUIRE_TOOLS").is_none(),
        "required here but not installed: {} ({install})",
        missing.join(", ")
    );
    eprintln!("skipped: {} not installed ({install})", missing.join(", "));
    false
}
