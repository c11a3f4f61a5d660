//! A generator of hostile documents, run for a bounded number of cases: orders assembled from
//! pieces an attacker or a careless editor would write (odd numbers, broken emphasis, deep
//! or wrong tables, characters the font lacks, paths out of the folder, broken TOML). Every
//! case must end, without a panic, either in a document both writers make or in diagnostics
//! that all point inside the file.

use proptest::prelude::*;

/// Values of text fields: broken emphasis, markup, control and foreign characters, marks.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => Just("***x*** **a *b** c* 3*4 \\\\* \\\\[".to_string()),
        2 => Just("<p>&amp;</p> \\\" ' <fn>".to_string()),
        2 => Just("漢字 😀 مرحبا 𝔸".to_string()),
        1 => Just("звонок \\u0007".to_string()),
        1 => Just("[^1] [^nope] [^]".to_string()),
        1 => Just("я".repeat(5000)),
        30 => "[а-яА-Я *\\[\\]0-9]{0,40}",
    ]
}

/// Values of number fields: out of range, special, huge, negative.
fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => Just("nan".to_string()),
        1 => Just("-inf".to_string()),
        1 => Just("1e300".to_string()),
        1 => Just("-5".to_string()),
        1 => Just("9223372036854775807".to_string()),
        80 => (1u32..60).prop_map(|n| n.to_string()),
    ]
}

/// A general table with random widths and spans.
fn table() -> impl Strategy<Value = String> {
    let cell = (
        text(),
        prop_oneof![6 => Just(1u32), 2 => 2u32..4, 1 => Just(0u32)],
        prop_oneof![6 => Just(1u32), 1 => 0u32..4],
    )
        .prop_map(|(t, c, r)| format!("{{ text = \"{t}\", colspan = {c}, rowspan = {r} }}"));
    let row = prop::collection::vec(cell, 0..3).prop_map(|cells| format!("[{}]", cells.join(", ")));
    let head = prop_oneof![8 => 0u32..2, 1 => 2u32..5];
    let widths = prop_oneof![8 => prop::collection::vec(number(), 3..5), 1 => prop::collection::vec(number(), 0..3)];
    (widths, prop::collection::vec(row, 1..5), head).prop_map(
        |(widths, rows, head)| {
            format!(
                "[[appendix.content]]\n[appendix.content.table]\nwidths = [{}]\nheader_rows = {head}\nrows = [\n{}\n]\n",
                widths.join(", "),
                rows.join(",\n")
            )
        },
    )
}

/// A whole order file made of hostile pieces.
fn document() -> impl Strategy<Value = String> {
    let page = (number(), number()).prop_map(|(l, r)| format!("[page]\nleft = {l}\nright = {r}\n"));
    let include = prop_oneof![
        30 => Just(String::new()),
        1 => Just("[[appendix.content]]\ninclude = \"/etc/passwd\"\n".to_string()),
        1 => Just("[[appendix.content]]\ninclude = \"../../../x.toml\"\n".to_string()),
        1 => Just("[[appendix]]\nfile = \"/dev/zero\"\n".to_string()),
    ];
    let broken = prop_oneof![
        30 => Just(String::new()),
        1 => Just("key = \"unclosed\n".to_string()),
        1 => Just("[[[\n".to_string()),
    ];
    (page, text(), text(), table(), include, broken).prop_map(|(page, title, point, table, include, broken)| {
        format!(
            "organization = \"../data/org/chippkro.toml\"\n{page}\n[order]\ntitle = \"{title}\"\n\
             [[order.points]]\ntext = \"{point}\"\n\n[[appendix]]\ntitle = \"План\"\n{table}{include}{broken}"
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn hostile_documents_end_in_files_or_in_diagnostics_inside_the_file(doc in document()) {
        let dir = tempfile::tempdir_in(env!("CARGO_MANIFEST_DIR")).unwrap();
        let path = dir.path().join("order.toml");
        std::fs::write(&path, &doc).unwrap();
        let templates = prikaz::template::Templates::built_in().unwrap();
        match prikaz::prepare(&path, &templates) {
            Ok(prepared) => {
                let formats = prikaz::Formats { docx: true, pdf: true };
                let rendered = prikaz::render(&prepared.document, formats);
                prop_assert!(rendered.is_ok(), "{:?}", rendered.err());
            }
            Err(diags) => {
                prop_assert!(!diags.0.is_empty());
                let lines = doc.lines().count().max(1);
                for d in &diags.0 {
                    // A problem of the data is reported in the data, never in the markup the
                    // templates made from it.
                    prop_assert!(!d.file.to_string_lossy().contains("--emit-markup"), "{d}");
                    if d.file == path {
                        prop_assert!(d.line >= 1 && d.line <= lines + 1, "{d} in\n{doc}");
                    }
                }
            }
        }
    }
}
