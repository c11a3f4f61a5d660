//! A detached electronic signature (CMS / PKCS#7 SignedData, DER or PEM) read for what the
//! printed copy of an e-signed order shows: that it is a signature of exactly this PDF (the
//! signed `messageDigest` equals the PDF's SHA-256 or ГОСТ Р 34.11-2012 «Стрибог» hash) and
//! the signer's certificate facts — serial number, owner, validity, signing time.
//!
//! prikaz does not verify the signature cryptographically nor the certificate chain: that is
//! the signing software's job. It only refuses a file that is not a signature of this PDF, or
//! whose certificate was not valid at the signing time it states.

use chrono::{DateTime, FixedOffset, Offset, Utc};
use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier, SignerInfo};
use der::asn1::{ObjectIdentifier, OctetString};
use der::{Any, Decode, Encode, Tag, Tagged};
use sha2::{Digest, Sha256};
use x509_cert::Certificate;

const SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
const MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
const SIGNING_TIME: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.5");
const SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
const STREEBOG256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.643.7.1.1.2.2");
const STREEBOG512: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.643.7.1.1.2.3");
const COMMON_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");
const SURNAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.4");
const GIVEN_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.42");
const SUBJECT_KEY_ID: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.14");

/// What one signer's certificate and signed attributes say, as the journal keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    /// The certificate's serial number, upper-case hex without separators.
    pub serial: String,
    /// The owner: «Фамилия Имя Отчество» (surname and given names), else the common name.
    pub owner: String,
    /// Start of the certificate's validity.
    pub not_before: DateTime<Utc>,
    /// End of the certificate's validity.
    pub not_after: DateTime<Utc>,
    /// The signing time the signature states, if it has one.
    pub signed_at: Option<DateTime<Utc>>,
    /// The hash the signature is made over: «SHA-256», «ГОСТ Р 34.11-2012 (256 бит)»…
    pub digest: String,
    /// The offset from UTC, in seconds, the mark shows times in (the signing machine's).
    pub utc_offset: i32,
}

impl Facts {
    /// The mark's lines as the templates see them.
    pub fn view(&self) -> crate::data::view::EsignView {
        let zone = FixedOffset::east_opt(self.utc_offset).unwrap_or_else(|| Utc.fix());
        let day = |t: &DateTime<Utc>| t.with_timezone(&zone).format("%d.%m.%Y").to_string();
        crate::data::view::EsignView {
            serial: self.serial.clone(),
            owner: self.owner.clone(),
            valid_from: day(&self.not_before),
            valid_to: day(&self.not_after),
            signed_at: self.signed_at.map(|t| {
                let local = t.with_timezone(&zone).format("%d.%m.%Y %H:%M");
                format!("{local} ({})", offset_name(self.utc_offset))
            }),
        }
    }
}

/// «UTC+3», «UTC+5:30», «UTC−2», «UTC».
fn offset_name(seconds: i32) -> String {
    let sign = if seconds < 0 { '−' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    match (minutes / 60, minutes % 60) {
        (0, 0) => "UTC".into(),
        (h, 0) => format!("UTC{sign}{h}"),
        (h, m) => format!("UTC{sign}{h}:{m:02}"),
    }
}

/// Reads the signature file's `bytes` (DER, or PEM labelled CMS or PKCS7) and checks that
/// every signer signed `pdf`; `docx` only makes the message clearer when the DOCX was
/// signed instead. Returns each signer's facts, in the file's order, their times to be
/// shown in this machine's time zone.
pub fn read(bytes: &[u8], pdf: &[u8], docx: &[u8]) -> Result<Vec<Facts>, String> {
    let der = der_bytes(bytes)?;
    let info = ContentInfo::from_der(&der).map_err(|e| not_cms(&e))?;
    if info.content_type != SIGNED_DATA {
        return Err(format!(
            "это не подпись: в файле CMS вида {}, а нужна подписанная (SignedData, {SIGNED_DATA})",
            info.content_type
        ));
    }
    let data: SignedData = info.content.decode_as().map_err(|e| not_cms(&e))?;
    check_content(&data, pdf)?;
    let signers = data.signer_infos.0.iter();
    let facts = signers
        .map(|s| signer(&data, s, pdf, docx))
        .collect::<Result<Vec<_>, _>>()?;
    if facts.is_empty() {
        return Err("в файле подписи нет ни одного подписанта (SignerInfo)".into());
    }
    Ok(facts)
}

/// The DER inside `bytes`: as is, or decoded from PEM.
fn der_bytes(bytes: &[u8]) -> Result<Vec<u8>, String> {
    if !bytes.starts_with(b"-----BEGIN") {
        return Ok(bytes.to_vec());
    }
    let (label, der) = der::pem::decode_vec(bytes)
        .map_err(|e| format!("файл PEM повреждён: {e}; ожидается подпись CMS (PKCS#7)"))?;
    match label {
        "CMS" | "PKCS7" | "PKCS #7 SIGNED DATA" => Ok(der),
        other => Err(format!(
            "в файле PEM «{other}», а нужна подпись: «-----BEGIN CMS-----» или \
             «-----BEGIN PKCS7-----» (отсоединённая подпись CMS / PKCS#7)"
        )),
    }
}

fn not_cms(e: &der::Error) -> String {
    format!(
        "файл не читается как подпись CMS / PKCS#7 (DER или PEM): он повреждён, обрезан или \
         это другой файл ({e})"
    )
}

/// A detached signature has no content; one that carries it must carry exactly the PDF.
fn check_content(data: &SignedData, pdf: &[u8]) -> Result<(), String> {
    let Some(content) = &data.encap_content_info.econtent else {
        return Ok(());
    };
    let inner = content
        .decode_as::<OctetString>()
        .map_err(|e| not_cms(&e))?;
    if inner.as_bytes() != pdf {
        return Err(
            "подпись присоединённая, и подписан в ней не этот PDF: её содержимое \
                    отличается от PDF приказа"
                .into(),
        );
    }
    Ok(())
}

/// The hash algorithm of `oid`: its name and the hash of `bytes`.
fn hash(oid: &ObjectIdentifier, bytes: &[u8]) -> Option<(&'static str, Vec<u8>)> {
    match *oid {
        SHA256 => Some(("SHA-256", Sha256::digest(bytes).to_vec())),
        STREEBOG256 => Some((
            "ГОСТ Р 34.11-2012 (256 бит)",
            streebog::Streebog256::digest(bytes).to_vec(),
        )),
        STREEBOG512 => Some((
            "ГОСТ Р 34.11-2012 (512 бит)",
            streebog::Streebog512::digest(bytes).to_vec(),
        )),
        _ => None,
    }
}

/// One signer: its digest checked against the PDF, its certificate read and checked
/// against the signing time.
fn signer(data: &SignedData, s: &SignerInfo, pdf: &[u8], docx: &[u8]) -> Result<Facts, String> {
    let Some(attrs) = &s.signed_attrs else {
        return Err(
            "в подписи нет подписанных атрибутов (messageDigest): проверить, что подписан \
             этот PDF, можно только проверкой самой подписи, а её prikaz не делает. Подпишите \
             PDF с подписанными атрибутами (так подписывают КриптоАРМ, КриптоПро и openssl cms)"
                .into(),
        );
    };
    let value = |oid: ObjectIdentifier| {
        attrs
            .iter()
            .find(|a| a.oid == oid)
            .and_then(|a| a.values.iter().next())
    };
    let digest = check_digest(&s.digest_alg.oid, value(MESSAGE_DIGEST), pdf, docx)?;
    let signed_at = value(SIGNING_TIME)
        .map(|v| {
            // Time is a CHOICE (UTCTime or GeneralizedTime): read from the value's own bytes.
            v.to_der()
                .and_then(|d| x509_cert::time::Time::from_der(&d))
                .map(|t| utc(t.to_unix_duration()))
                .map_err(|e| format!("время подписания (signingTime) не читается: {e}"))
        })
        .transpose()?;
    let cert = certificate(data, &s.sid)?;
    let facts = certificate_facts(cert, signed_at, digest, local_offset(signed_at));
    check_validity(&facts)?;
    Ok(facts)
}

/// The signed `messageDigest` (made with the hash `oid`) against the hash of `pdf`; returns
/// the hash's name. `docx` only names the DOCX when that was signed instead.
fn check_digest(
    oid: &ObjectIdentifier,
    signed: Option<&Any>,
    pdf: &[u8],
    docx: &[u8],
) -> Result<&'static str, String> {
    let (digest, of_pdf) = hash(oid, pdf).ok_or_else(|| {
        format!(
            "подпись сделана с хэш-функцией {oid}, а prikaz понимает только SHA-256 \
             ({SHA256}) и ГОСТ Р 34.11-2012 «Стрибог» 256 и 512 бит ({STREEBOG256}, \
             {STREEBOG512})"
        )
    })?;
    let signed = signed
        .and_then(|v| v.decode_as::<OctetString>().ok())
        .ok_or("в подписанных атрибутах нет хэша документа (messageDigest)")?;
    if signed.as_bytes() == of_pdf.as_slice() {
        return Ok(digest);
    }
    if hash(oid, docx).is_some_and(|(_, h)| h == signed.as_bytes()) {
        return Err(
            "это подпись DOCX приказа, а подписывают его PDF: подпишите PDF, который \
                    собирает prikaz build"
                .into(),
        );
    }
    Err(format!(
        "подпись сделана не для этого PDF: хэш ({digest}) подписанного файла не совпадает с \
         хэшем PDF приказа, который собирает prikaz build. Подпишите именно его (файлы \
         приказа с тех пор не должны меняться)"
    ))
}

/// This machine's offset from UTC at `at` (or now), in seconds: the mark shows times as the
/// signer's clock did; the journal keeps it, so a rebuild elsewhere shows the same.
fn local_offset(at: Option<DateTime<Utc>>) -> i32 {
    let at = at.unwrap_or_else(Utc::now);
    at.with_timezone(&chrono::Local)
        .offset()
        .fix()
        .local_minus_utc()
}

fn utc(d: std::time::Duration) -> DateTime<Utc> {
    DateTime::from_timestamp(d.as_secs() as i64, 0).unwrap_or_default()
}

/// The signer's certificate among the signature's own, by issuer and serial number or by
/// subject key identifier.
fn certificate<'a>(
    data: &'a SignedData,
    sid: &SignerIdentifier,
) -> Result<&'a Certificate, String> {
    let certs = data.certificates.iter().flat_map(|set| set.0.iter());
    let found = certs
        .filter_map(|c| match c {
            CertificateChoices::Certificate(c) => Some(c),
            CertificateChoices::Other(_) => None,
        })
        .find(|c| match sid {
            SignerIdentifier::IssuerAndSerialNumber(is) => {
                c.tbs_certificate.serial_number == is.serial_number
                    && c.tbs_certificate.issuer == is.issuer
            }
            SignerIdentifier::SubjectKeyIdentifier(ski) => key_id(c).as_ref() == Some(&ski.0),
        });
    found.ok_or_else(|| {
        "в файле подписи нет сертификата подписанта: подпишите, включив сертификат в подпись \
         (в openssl cms — без -nocerts)"
            .into()
    })
}

/// The certificate's subject key identifier, if it has one.
fn key_id(c: &Certificate) -> Option<OctetString> {
    let ext = c
        .tbs_certificate
        .extensions
        .iter()
        .flatten()
        .find(|e| e.extn_id == SUBJECT_KEY_ID)?;
    OctetString::from_der(ext.extn_value.as_bytes()).ok()
}

fn certificate_facts(
    cert: &Certificate,
    signed_at: Option<DateTime<Utc>>,
    digest: &str,
    utc_offset: i32,
) -> Facts {
    let tbs = &cert.tbs_certificate;
    let mut serial = tbs.serial_number.as_bytes();
    // DER keeps a leading zero byte only to make the number positive; it is not shown.
    if serial.len() > 1 && serial[0] == 0 && serial[1] >= 0x80 {
        serial = &serial[1..];
    }
    let serial = serial.iter().map(|b| format!("{b:02X}")).collect();
    Facts {
        serial,
        owner: owner(&tbs.subject),
        not_before: utc(tbs.validity.not_before.to_unix_duration()),
        not_after: utc(tbs.validity.not_after.to_unix_duration()),
        signed_at,
        digest: digest.into(),
        utc_offset,
    }
}

/// «Фамилия Имя Отчество» from the subject's SN and G (as Russian qualified certificates
/// carry them), else its CN, else the whole name.
fn owner(subject: &x509_cert::name::Name) -> String {
    let field = |oid: ObjectIdentifier| {
        subject
            .0
            .iter()
            .flat_map(|rdn| rdn.0.iter())
            .find(|a| a.oid == oid)
            .and_then(|a| text(&a.value))
    };
    match (field(SURNAME), field(GIVEN_NAME), field(COMMON_NAME)) {
        (Some(sn), Some(g), _) => format!("{sn} {g}"),
        (_, _, Some(cn)) => cn,
        _ => subject.to_string(),
    }
}

/// A directory string's text, whatever string type it was written as.
fn text(value: &Any) -> Option<String> {
    let bytes = value.value();
    match value.tag() {
        Tag::Utf8String | Tag::PrintableString | Tag::Ia5String | Tag::VisibleString => {
            std::str::from_utf8(bytes).ok().map(str::to_string)
        }
        Tag::TeletexString => Some(bytes.iter().map(|&b| b as char).collect()),
        Tag::BmpString => {
            let units: Vec<u16> = bytes
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16(&units).ok()
        }
        _ => None,
    }
    // A certificate's text goes into the document: control characters would break it.
    .map(|s| {
        let s: String = s
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        s.trim().to_string()
    })
}

/// A certificate not valid at the signing time makes no valid signature.
fn check_validity(f: &Facts) -> Result<(), String> {
    let Some(at) = f.signed_at else {
        return Ok(());
    };
    let show = |t: &DateTime<Utc>| t.format("%d.%m.%Y %H:%M:%S UTC").to_string();
    if at > f.not_after {
        return Err(format!(
            "сертификат подписанта ({}, № {}) истёк {}, а подпись сделана позже, {}: такая \
             подпись недействительна",
            f.owner,
            f.serial,
            show(&f.not_after),
            show(&at)
        ));
    }
    if at < f.not_before {
        return Err(format!(
            "сертификат подписанта ({}, № {}) действует только с {}, а подпись сделана \
             раньше, {}: такая подпись недействительна",
            f.owner,
            f.serial,
            show(&f.not_before),
            show(&at)
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_named_as_the_mark_shows_them() {
        assert_eq!(offset_name(3 * 3600), "UTC+3");
        assert_eq!(offset_name(0), "UTC");
        assert_eq!(offset_name(5 * 3600 + 1800), "UTC+5:30");
        assert_eq!(offset_name(-2 * 3600), "UTC−2");
    }

    #[test]
    fn garbage_and_pem_of_another_kind_are_refused_in_words() {
        let e = read(b"not a signature", b"%PDF", b"").unwrap_err();
        assert!(e.contains("не читается как подпись"), "{e}");
        let pem = b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        let e = read(pem, b"%PDF", b"").unwrap_err();
        assert!(e.contains("«CERTIFICATE»"), "{e}");
    }

    #[test]
    fn the_view_shows_dates_in_the_signing_zone() {
        let t = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        let f = Facts {
            serial: "0A".into(),
            owner: "Иванов Иван Иванович".into(),
            not_before: t("2026-01-01T22:00:00Z"),
            not_after: t("2027-01-01T00:00:00Z"),
            signed_at: Some(t("2026-03-05T21:30:00Z")),
            digest: "SHA-256".into(),
            utc_offset: 3 * 3600,
        };
        let v = f.view();
        assert_eq!(v.valid_from, "02.01.2026");
        assert_eq!(v.signed_at.as_deref(), Some("06.03.2026 00:30 (UTC+3)"));
    }
}
