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

/// Converts `docx` to PDF in `out_dir` with LibreOffice, under a private profile in
/// `out_dir` (conversions running side by side must not share a locked profile); the PDF's
/// path.
#[allow(dead_code)]
pub fn libreoffice_pdf(docx: &std::path::Path, out_dir: &std::path::Path) -> std::path::PathBuf {
    let profile = out_dir.join("lo-profile");
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(out_dir)
        .arg(docx)
        .output()
        .expect("soffice runs");
    let stem = docx.file_stem().expect("a file name");
    let pdf = out_dir.join(stem).with_extension("pdf");
    assert!(
        out.status.success() && pdf.is_file(),
        "no PDF from LibreOffice: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    pdf
}
