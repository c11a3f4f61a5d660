//! `prikaz sign --signature`: real detached signatures made with openssl (RSA, ECDSA P-256,
//! ГОСТ Р 34.10-2012 with the gost engine) of the PDF `prikaz build` makes; the copy with the
//! mark of the electronic signature; and the signatures refused: of another file, damaged,
//! a PEM of another kind, an unknown hash, a certificate not valid at the signing time.

mod journal_common;
mod tools;

use journal_common::*;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The copy's name beside the outputs.
const COPY: &str = "o-копия-ЭП";

/// openssl, or a skip (a failure under PRIKAZ_REQUIRE_TOOLS).
fn openssl() -> bool {
    tools::present(&[("openssl", "version")], "apt-get install openssl")
}

/// The ГОСТ engine for openssl, or a skip.
fn gost() -> bool {
    let works = Command::new("openssl")
        .args(["engine", "gost", "-t"])
        .output()
        .is_ok_and(|o| {
            o.status.success() && String::from_utf8_lossy(&o.stdout).contains("available")
        });
    if works {
        return true;
    }
    assert!(
        std::env::var_os("PRIKAZ_REQUIRE_TOOLS").is_none(),
        "required here but not installed: openssl gost engine (apt-get install \
         libengine-gost-openssl)"
    );
    eprintln!(
        "skipped: openssl gost engine not installed (apt-get install libengine-gost-openssl)"
    );
    false
}

/// Runs openssl with `args` in `dir`; panics with its message when it fails.
fn ssl(dir: &Path, args: &[&str]) {
    let o = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("openssl runs");
    assert!(o.status.success(), "openssl {args:?}: {}", stderr(&o));
}

/// A folder with the small order registered on a date of the 2025 edition and built into
/// `out/o.pdf`, the file to sign.
fn registered() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("o.toml"), ORDER).unwrap();
    let o = prikaz(dir.path(), &["register", "o.toml", "--date", "2026-03-02"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = prikaz(dir.path(), &["build", "o.toml", "-o", "out"]);
    assert!(o.status.success(), "{}", stderr(&o));
    dir
}

/// A key and a self-signed certificate of `kind` ("rsa", "ec", "gost256", "gost512") in `dir`, valid for
/// 30 days from now; returns the names of the key and the certificate.
fn self_signed(dir: &Path, kind: &str) -> (String, String) {
    let (key, cert) = (format!("{kind}.key"), format!("{kind}.pem"));
    let subj = "/CN=Иванов Иван Иванович/SN=Иванов/GN=Иван Иванович/O=Тест";
    let bits = kind.strip_prefix("gost").unwrap_or_default();
    let (algorithm, md) = (format!("gost2012_{bits}"), format!("-md_gost12_{bits}"));
    let mut req = vec![
        "req", "-x509", "-utf8", "-nodes", "-days", "30", "-subj", subj,
    ];
    match kind {
        "gost256" | "gost512" => {
            ssl(
                dir,
                &[
                    "genpkey",
                    "-engine",
                    "gost",
                    "-algorithm",
                    &algorithm,
                    "-pkeyopt",
                    "paramset:A",
                    "-out",
                    &key,
                ],
            );
            req.extend(["-engine", "gost", "-new", "-key", &key, &md]);
        }
        "ec" => req.extend([
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-keyout",
            &key,
        ]),
        _ => req.extend(["-newkey", "rsa:2048", "-keyout", &key]),
    }
    req.extend(["-out", &cert]);
    ssl(dir, &req);
    (key, cert)
}

/// A detached signature of `file` (relative to `dir`) in DER, with `md` and its signer's
/// certificate; `extra` adds openssl arguments (the engine).
fn sign_file(
    dir: &Path,
    file: &str,
    (key, cert): &(String, String),
    md: &str,
    extra: &[&str],
) -> String {
    let out = format!("{file}.{md}{}.p7s", extra.join("")).replace('/', "_");
    let mut args = vec![
        "cms", "-sign", "-binary", "-in", file, "-signer", cert, "-inkey", key, "-md", md,
        "-outform", "DER", "-out", &out,
    ];
    args.extend(extra);
    ssl(dir, &args);
    out
}

/// `prikaz sign o.toml --signature sig -o out` in `dir`.
fn esign(dir: &Path, sig: &str) -> std::process::Output {
    prikaz_cmd(dir, &["sign", "o.toml", "--signature", sig, "-o", "out"])
        .env("TZ", "MSK-3")
        .output()
        .unwrap()
}

/// The serial number of the certificate `cert` as openssl prints it (upper-case hex).
fn serial(dir: &Path, cert: &str) -> String {
    let o = Command::new("openssl")
        .args(["x509", "-noout", "-serial", "-in", cert])
        .current_dir(dir)
        .output()
        .unwrap();
    let text = stdout(&o);
    text.trim()
        .trim_start_matches("serial=")
        .trim_start_matches("00")
        .to_string()
}

/// The text of the PDF at `path` (pdftotext), or None when poppler is missing.
fn pdf_text(path: &Path) -> Option<String> {
    if !tools::present(&[("pdftotext", "-v")], "apt-get install poppler-utils") {
        return None;
    }
    let o = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    Some(stdout(&o))
}

/// The text of `word/document.xml` in the DOCX at `path`.
fn docx_xml(path: &Path) -> String {
    let mut zip = zip::ZipArchive::new(fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

/// The signing went through: the copy beside the outputs and in the archive, with the
/// certificate's owner and serial; the journal verifies.
fn check_signed(dir: &Path, o: &std::process::Output, serial: &str) -> [PathBuf; 2] {
    assert!(o.status.success(), "{}", stderr(o));
    assert!(stdout(o).contains("электронной подписью"), "{}", stdout(o));
    let out = dir.join("out");
    let copy = [
        out.join(format!("{COPY}.docx")),
        out.join(format!("{COPY}.pdf")),
    ];
    let archive = dir.join("archive/main/2026");
    for (made, kept) in copy.iter().zip(["1-копия-ЭП.docx", "1-копия-ЭП.pdf"]) {
        assert_eq!(
            fs::read(made).unwrap(),
            fs::read(archive.join(kept)).unwrap()
        );
    }
    assert!(archive.join("1.p7s").is_file());
    let xml = docx_xml(&copy[0]);
    for want in ["ДОКУМЕНТ ПОДПИСАН", "Иванов Иван Иванович", serial]
    {
        assert!(xml.contains(want), "DOCX lacks {want}");
    }
    if let Some(text) = pdf_text(&copy[1]) {
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for want in [
            "ЭЛЕКТРОННОЙ ПОДПИСЬЮ",
            "Владелец: Иванов Иван Иванович",
            "(UTC+3)",
        ] {
            assert!(flat.contains(want), "PDF lacks {want}: {flat}");
        }
        assert!(
            flat.replace(' ', "").contains(serial),
            "PDF lacks {serial}: {flat}"
        );
    }
    let v = prikaz(dir, &["journal", "verify"]);
    assert!(v.status.success(), "{}{}", stdout(&v), stderr(&v));
    let listing = stdout(&prikaz(dir, &["journal", "--format", "csv"]));
    let mark = format!("подписан (ЭП: Иванов Иван Иванович, сертификат {serial})");
    assert!(listing.contains(&mark), "{listing}");
    copy
}

#[test]
fn an_rsa_signature_of_the_pdf_makes_the_copy_with_its_mark() {
    if !openssl() {
        return;
    }
    let dir = registered();
    let keys = self_signed(dir.path(), "rsa");
    let sig = sign_file(dir.path(), "out/o.pdf", &keys, "sha256", &[]);
    let o = esign(dir.path(), &sig);
    let copy = check_signed(dir.path(), &o, &serial(dir.path(), &keys.1));
    // The original stays as `prikaz build` makes it: the mark is only on the copy.
    let o = prikaz(dir.path(), &["build", "o.toml", "-o", "again"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let again = fs::read(dir.path().join("again/o.pdf")).unwrap();
    assert_eq!(again, fs::read(dir.path().join("out/o.pdf")).unwrap());
    assert_ne!(again, fs::read(&copy[1]).unwrap());
    // `journal verify` rebuilds the copy from the recorded facts and finds a changed one.
    let kept = dir.path().join("archive/main/2026/1-копия-ЭП.pdf");
    let bytes = fs::read(&kept).unwrap();
    fs::write(&kept, b"%PDF-1.7 changed").unwrap();
    let v = prikaz(dir.path(), &["journal", "verify"]);
    assert_eq!(v.status.code(), Some(1), "{}", stderr(&v));
    assert!(
        stdout(&v).contains("1-копия-ЭП.pdf: архивный файл изменён"),
        "{}",
        stdout(&v)
    );
    fs::write(&kept, bytes).unwrap();
    // A second signing is refused and leaves the copy as it was.
    let before = fs::read(&copy[1]).unwrap();
    let o = esign(dir.path(), &sig);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("уже подписан"), "{}", stderr(&o));
    assert_eq!(fs::read(&copy[1]).unwrap(), before);
}

#[test]
fn an_attached_ecdsa_signature_in_pem_is_read_too() {
    if !openssl() {
        return;
    }
    let dir = registered();
    let keys = self_signed(dir.path(), "ec");
    // The PDF inside the signature is compared with the one prikaz builds.
    let der = sign_file(dir.path(), "out/o.pdf", &keys, "sha256", &["-nodetach"]);
    ssl(
        dir.path(),
        &[
            "cms",
            "-cmsout",
            "-inform",
            "DER",
            "-in",
            &der,
            "-outform",
            "PEM",
            "-out",
            "o.pdf.pem",
        ],
    );
    let o = esign(dir.path(), "o.pdf.pem");
    check_signed(dir.path(), &o, &serial(dir.path(), &keys.1));
}

#[test]
fn a_gost_2012_signature_with_streebog_is_read() {
    if !openssl() || !gost() {
        return;
    }
    let dir = registered();
    let keys = self_signed(dir.path(), "gost256");
    // The signer named by its subject key identifier, not by issuer and serial number.
    let engine = ["-engine", "gost", "-keyid"];
    let sig = sign_file(dir.path(), "out/o.pdf", &keys, "md_gost12_256", &engine);
    let o = esign(dir.path(), &sig);
    check_signed(dir.path(), &o, &serial(dir.path(), &keys.1));
}

/// `prikaz sign --signature sig` fails with `words` on stderr, and nothing is written: no
/// copy, no archive, the order still registered only.
fn refused(dir: &Path, sig: &str, words: &str) {
    let journal = fs::read(dir.join("journal.sqlite")).unwrap();
    let o = esign(dir, sig);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains(words), "{}", stderr(&o));
    assert!(stderr(&o).contains("приказ не подписан"), "{}", stderr(&o));
    assert!(!dir.join(format!("out/{COPY}.pdf")).exists());
    assert!(!dir.join("archive").exists());
    assert_eq!(fs::read(dir.join("journal.sqlite")).unwrap(), journal);
}

#[test]
fn signatures_that_do_not_fit_are_refused_and_nothing_is_written() {
    if !openssl() {
        return;
    }
    let dir = registered();
    let d = dir.path();
    let keys = self_signed(d, "rsa");
    fs::write(d.join("other.pdf"), b"%PDF-1.7 another file").unwrap();
    let other = sign_file(d, "other.pdf", &keys, "sha256", &[]);
    refused(d, &other, "подпись сделана не для этого PDF");
    let docx = sign_file(d, "out/o.docx", &keys, "sha256", &[]);
    refused(d, &docx, "это подпись DOCX приказа");
    let good = sign_file(d, "out/o.pdf", &keys, "sha256", &[]);
    let bytes = fs::read(d.join(&good)).unwrap();
    fs::write(d.join("cut.p7s"), &bytes[..bytes.len() / 2]).unwrap();
    refused(d, "cut.p7s", "не читается как подпись");
    fs::write(d.join("junk.sig"), "это не подпись").unwrap();
    refused(d, "junk.sig", "не читается как подпись");
    refused(d, &keys.1, "в файле PEM «CERTIFICATE»");
    let sha1 = sign_file(d, "out/o.pdf", &keys, "sha1", &[]);
    refused(d, &sha1, "1.3.14.3.2.26");
    let bare = sign_file(d, "out/o.pdf", &keys, "sha256", &["-noattr"]);
    refused(d, &bare, "нет подписанных атрибутов");
    let no_cert = sign_file(d, "out/o.pdf", &keys, "sha256", &["-nocerts"]);
    refused(d, &no_cert, "нет сертификата подписанта");
    let attached = sign_file(d, "other.pdf", &keys, "sha256", &["-nodetach"]);
    refused(d, &attached, "подписан в ней не этот PDF");
}

/// A certificate valid only from `start` to `end` (openssl ca dates, YYYYMMDDHHMMSSZ).
fn dated_certificate(dir: &Path, start: &str, end: &str) -> (String, String) {
    let conf = "[ca]\ndefault_ca = d\n[d]\ndatabase = index.txt\nnew_certs_dir = .\n\
                serial = serial\ndefault_md = sha256\npolicy = p\n[p]\ncommonName = supplied\n";
    fs::write(dir.join("ca.cnf"), conf).unwrap();
    fs::write(dir.join("index.txt"), "").unwrap();
    fs::write(dir.join("serial"), "1A2B\n").unwrap();
    ssl(
        dir,
        &[
            "req",
            "-new",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "dated.key",
            "-out",
            "dated.csr",
            "-utf8",
            "-subj",
            "/CN=Петров Пётр Петрович",
        ],
    );
    ssl(
        dir,
        &[
            "ca",
            "-batch",
            "-config",
            "ca.cnf",
            "-selfsign",
            "-keyfile",
            "dated.key",
            "-in",
            "dated.csr",
            "-startdate",
            start,
            "-enddate",
            end,
            "-out",
            "dated.pem",
        ],
    );
    ("dated.key".into(), "dated.pem".into())
}

#[test]
fn a_certificate_expired_before_the_signing_time_is_refused() {
    if !openssl() {
        return;
    }
    let dir = registered();
    let keys = dated_certificate(dir.path(), "20200101000000Z", "20210101000000Z");
    let sig = sign_file(dir.path(), "out/o.pdf", &keys, "sha256", &[]);
    refused(dir.path(), &sig, "истёк 01.01.2021");
}

#[test]
fn a_certificate_not_yet_valid_at_the_signing_time_is_refused() {
    if !openssl() {
        return;
    }
    let dir = registered();
    let keys = dated_certificate(dir.path(), "20990101000000Z", "21000101000000Z");
    let sig = sign_file(dir.path(), "out/o.pdf", &keys, "sha256", &[]);
    refused(dir.path(), &sig, "действует только с 01.01.2099");
}

#[test]
fn an_unregistered_order_is_refused_before_the_signature_is_read() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("o.toml"), ORDER).unwrap();
    let o = esign(dir.path(), "absent.p7s");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("не зарегистрирован"), "{}", stderr(&o));
}

#[test]
fn the_mark_is_never_read_from_the_data() {
    let dir = tempfile::tempdir().unwrap();
    let data = format!("{ORDER}\n[esign]\nserial = \"01\"\nowner = \"Кто-то\"\n");
    fs::write(dir.path().join("o.toml"), data).unwrap();
    let o = prikaz(dir.path(), &["build", "o.toml", "-o", "out"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("o.toml:"), "{}", stderr(&o));
    assert!(!dir.path().join("out/o.pdf").exists());
}

#[test]
fn a_different_file_where_the_copy_goes_stops_the_signing() {
    if !openssl() {
        return;
    }
    let dir = registered();
    let keys = self_signed(dir.path(), "rsa");
    let sig = sign_file(dir.path(), "out/o.pdf", &keys, "sha256", &[]);
    let copy = dir.path().join(format!("out/{COPY}.pdf"));
    fs::write(&copy, "someone else's").unwrap();
    let o = esign(dir.path(), &sig);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("не пишет поверх другого файла"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read(&copy).unwrap(), b"someone else's");
    let listing = stdout(&prikaz(dir.path(), &["journal"]));
    assert!(listing.contains("зарегистрирован"), "{listing}");
    // Once the stray file is gone, the same signature signs (the archive's files are
    // accepted as a retry's).
    fs::remove_file(&copy).unwrap();
    let o = esign(dir.path(), &sig);
    check_signed(dir.path(), &o, &serial(dir.path(), &keys.1));
}

#[test]
fn a_journal_of_the_second_schema_is_read_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("o.toml"), ORDER).unwrap();
    let journal = dir.path().join("journal.sqlite");
    old_journal(&journal, 2);
    // Building and verifying beside it neither need nor make the upgrade.
    let o = prikaz(dir.path(), &["build", "o.toml", "-o", "out"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = prikaz(dir.path(), &["journal", "verify"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(journal_version(&journal), 2);
}

/// A copy of the samples in a temporary folder, order № 214 unnumbered.
fn samples() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("data"),
        dir.path(),
    );
    let order = dir.path().join("zarechny-uo-214.toml");
    let text = fs::read_to_string(&order).unwrap();
    let text = text
        .replace("number = \"214\"\n", "")
        .replace("date = 2024-08-28\n", "");
    fs::write(&order, text).unwrap();
    dir
}

/// Converts `docx` to PDF beside it with a private LibreOffice profile.
fn libreoffice_pdf(docx: &Path) -> PathBuf {
    tools::libreoffice_pdf(docx, docx.parent().unwrap())
}

#[test]
fn a_2025_sample_signed_with_gost_shows_the_mark_beside_the_name_in_libreoffice_too() {
    let tools = [("soffice", "--version"), ("pdftotext", "-v")];
    let install = "apt-get install libreoffice-writer-nogui poppler-utils";
    if !openssl() || !gost() || !tools::present(&tools, install) {
        return;
    }
    let dir = samples();
    let d = dir.path();
    let order = "zarechny-uo-214.toml";
    let o = prikaz(d, &["register", order, "--date", "2026-03-02"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = prikaz(d, &["build", order, "-o", "out"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let keys = self_signed(d, "gost512");
    let engine = ["-engine", "gost"];
    let pdf = "out/zarechny-uo-214.pdf";
    let sig = sign_file(d, pdf, &keys, "md_gost12_512", &engine);
    let o = prikaz_cmd(d, &["sign", order, "--signature", &sig])
        .env("TZ", "MSK-3")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let serial = serial(d, &keys.1);
    let copy = d.join("out/zarechny-uo-214-копия-ЭП.docx");
    fs::create_dir_all(d.join("lo")).unwrap();
    fs::copy(&copy, d.join("lo/copy.docx")).unwrap();
    let theirs = libreoffice_pdf(&d.join("lo/copy.docx"));
    for pdf in [copy.with_extension("pdf"), theirs] {
        let text = pdf_text(&pdf).unwrap();
        let flat: String = text.split_whitespace().collect();
        for want in ["ДОКУМЕНТПОДПИСАН", "Владелец:ИвановИванИванович", &serial]
        {
            assert!(flat.contains(want), "{}: no {want}: {text}", pdf.display());
        }
        // The mark stands between the position and the name, on their lines.
        let o = Command::new("pdftotext")
            .arg("-layout")
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        let layout = stdout(&o);
        let name = layout
            .lines()
            .find(|l| l.contains("Л.А. Воронина"))
            .unwrap();
        assert!(
            !name.trim_start().starts_with("Л.А."),
            "{}: {name}",
            pdf.display()
        );
        let position = layout.lines().find(|l| l.contains("Начальник")).unwrap();
        assert!(
            position.trim().len() > "Начальник".len(),
            "{}: {position}",
            pdf.display()
        );
    }
    let v = prikaz(d, &["journal", "verify"]);
    assert!(v.status.success(), "{}{}", stdout(&v), stderr(&v));
}

#[test]
fn templates_that_do_not_show_the_mark_are_refused() {
    if !openssl() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("o.toml"), ORDER).unwrap();
    // The built-in templates with the order's mark taken out, as an older copy would be.
    let templates = d.join("templates");
    fs::create_dir_all(&templates).unwrap();
    let built_in = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    for entry in fs::read_dir(built_in).unwrap().flatten() {
        let text = fs::read_to_string(entry.path()).unwrap();
        let text = text.replace("order.signatory and esign", "false");
        fs::write(templates.join(entry.file_name()), text).unwrap();
    }
    let with = ["--templates", "templates"];
    let o = prikaz(
        d,
        &[&["register", "o.toml", "--date", "2026-03-02"][..], &with].concat(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = prikaz(d, &[&["build", "o.toml", "-o", "out"][..], &with].concat());
    assert!(o.status.success(), "{}", stderr(&o));
    let keys = self_signed(d, "rsa");
    let sig = sign_file(d, "out/o.pdf", &keys, "sha256", &[]);
    let args = [&["sign", "o.toml", "--signature", &sig][..], &with].concat();
    let o = prikaz(d, &args);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("не показывают отметку"),
        "{}",
        stderr(&o)
    );
    assert!(!d.join("archive").exists());
    assert!(!d.join(format!("out/{COPY}.pdf")).exists());
}

/// The pages of the PDF at `path`.
fn pages(path: &Path) -> usize {
    let o = Command::new("pdfinfo").arg(path).output().unwrap();
    stdout(&o)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo tells the pages")
}

#[test]
fn the_2025_sample_e_signed_keeps_its_qr_code_and_its_pages_in_libreoffice() {
    let tools = [("soffice", "--version"), ("pdfinfo", "-v")];
    let install = "apt-get install libreoffice-writer-nogui poppler-utils";
    if !openssl() || !gost() || !tools::present(&tools, install) {
        return;
    }
    let dir = samples();
    let d = dir.path();
    let order = "zarechny-uo-2026-27.toml";
    let text = fs::read_to_string(d.join(order)).unwrap();
    let text = text
        .replace("number = \"27\"\n", "")
        .replace("date = 2026-02-12\n", "");
    fs::write(d.join(order), text).unwrap();
    let o = prikaz(d, &["register", order, "--date", "2026-02-12"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = prikaz(d, &["build", order, "-o", "out"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let keys = self_signed(d, "gost256");
    let pdf = "out/zarechny-uo-2026-27.pdf";
    let sig = sign_file(d, pdf, &keys, "md_gost12_256", &["-engine", "gost"]);
    let o = prikaz(d, &["sign", order, "--signature", &sig]);
    assert!(o.status.success(), "{}", stderr(&o));
    let copy = d.join("out/zarechny-uo-2026-27-копия-ЭП.docx");
    let xml = docx_xml(&copy);
    assert!(
        xml.contains("wp:anchor"),
        "the QR code is anchored on page 1"
    );
    assert!(xml.contains("ЭЛЕКТРОННОЙ ПОДПИСЬЮ"));
    let text = pdf_text(&copy.with_extension("pdf")).unwrap();
    assert!(text.contains("ДОКУМЕНТ ПОДПИСАН"), "{text}");
    fs::create_dir_all(d.join("lo")).unwrap();
    fs::copy(&copy, d.join("lo/copy.docx")).unwrap();
    let theirs = libreoffice_pdf(&d.join("lo/copy.docx"));
    assert_eq!(pages(&copy.with_extension("pdf")), pages(&theirs));
}
