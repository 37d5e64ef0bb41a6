//! Fixture-driven tests: every document under `tests/fixtures/<format>/valid/`
//! must be detected as that format, and its parsed record is snapshotted.

use std::path::Path;

use evtab_ingest::{IngestLimits, Layouts, ingest_document};

/// The platform layouts of `pipelines/formats/`, as the binary compiles them in.
fn layouts() -> Layouts {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../pipelines/formats");
    let mut files = Vec::new();
    for sub in ["", "labels"] {
        for entry in std::fs::read_dir(root.join(sub)).expect("pipelines/formats") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "toml") {
                let name = path.strip_prefix(&root).expect("inside").to_string_lossy().into_owned();
                files.push((name, std::fs::read_to_string(&path).expect("read")));
            }
        }
    }
    files.sort();
    let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    Layouts::from_toml_files(&refs).unwrap_or_else(|e| panic!("{e}"))
}

/// The one place that calls the API: ingest a fixture, check its format,
/// snapshot the record.
fn check(path: &Path) {
    let bytes = std::fs::read(path).expect("fixture is readable");
    let doc_id = path.file_name().and_then(|n| n.to_str()).expect("fixture has a name");
    let expected_format = path
        .parent()
        .and_then(Path::parent)
        .and_then(Path::file_name)
        .and_then(|n| n.to_str())
        .expect("fixture sits in <format>/valid/");
    let outcome = ingest_document(doc_id, &bytes, IngestLimits::default(), &layouts());
    assert_eq!(outcome.format.map(|f| f.name()), Some(expected_format), "{doc_id}: wrong format");
    let documents = outcome.result.expect("valid fixture parses");
    let records: Vec<_> =
        documents.into_iter().map(|d| d.result.unwrap_or_else(|e| panic!("{}: {e}", d.doc_id))).collect();
    // A page is one record; an export file one per record.
    if records.len() == 1 {
        insta::assert_yaml_snapshot!(records[0]);
    } else {
        insta::assert_yaml_snapshot!(records);
    }
}

#[test]
fn valid_fixtures() {
    insta::glob!("../fixtures", "*/valid/*.txt", check);
}
