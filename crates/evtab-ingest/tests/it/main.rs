//! Fixture-driven tests: every document under `tests/fixtures/<format>/valid/`
//! must be detected as that format, and its parsed record is snapshotted.

use std::path::Path;

use evtab_ingest::{IngestLimits, ingest_document};

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
    let outcome = ingest_document(doc_id, &bytes, IngestLimits::default());
    assert_eq!(outcome.format.map(|f| f.name()), Some(expected_format), "{doc_id}: wrong format");
    let record = outcome.result.expect("valid fixture parses");
    insta::assert_yaml_snapshot!(record);
}

#[test]
fn valid_fixtures() {
    insta::glob!("../fixtures", "*/valid/*.txt", check);
}
