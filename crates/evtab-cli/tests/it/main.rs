//! Tests of the `evtab` binary as a user runs it: exit codes, messages and
//! `sources.csv` statuses.

mod bad_input;
mod determinism;
mod output_folder;
mod overrides;
mod summary;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn evtab(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_evtab")).args(args).current_dir(root()).output().expect("evtab runs")
}

fn sources(out: &Path) -> Vec<(String, String, String)> {
    let text = std::fs::read_to_string(out.join("sources.csv")).expect("sources.csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| r.expect("row"))
        .map(|r| (r[0].to_string(), r[1].to_string(), r[4].to_string()))
        .collect()
}

#[test]
fn one_document_of_each_format_plus_an_unknown_one() {
    let input = tempfile::tempdir().expect("temp dir");
    for entry in std::fs::read_dir(root().join("data/raw/peer-support")).expect("seed corpus") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, input.path().join(path.file_name().expect("name"))).expect("copy");
    }
    std::fs::write(input.path().join("zz_unknown.txt"), "Shopping list\nmilk\neggs\n").expect("write");
    let out = tempfile::tempdir().expect("temp dir");
    let output = evtab(&[
        "run",
        "--input",
        input.path().to_str().expect("utf-8"),
        "--out",
        out.path().to_str().expect("utf-8"),
    ]);
    assert_eq!(output.status.code(), Some(3), "some documents rejected => exit 3");
    let rows = sources(out.path());
    let statuses: Vec<(&str, &str)> = rows.iter().map(|(_, f, s)| (f.as_str(), s.as_str())).collect();
    assert_eq!(
        statuses,
        [
            ("dspace", "ok"),
            ("fulltext", "ok"),
            ("pure", "ok"),
            ("aggregator_json", "ok"),
            ("vufind", "ok"),
            ("", "rejected")
        ]
    );
    let text = std::fs::read_to_string(out.path().join("sources.csv")).expect("sources.csv");
    assert!(text.contains("zz_unknown.txt,,,,rejected,format not recognised"), "{text}");
}

#[test]
fn formats_lists_every_format() {
    let output = evtab(&["formats"]);
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let names: Vec<&str> = stdout.lines().filter_map(|l| l.split_whitespace().next()).collect();
    assert_eq!(
        names,
        [
            "dspace",
            "fulltext",
            "pure",
            "aggregator_json",
            "vufind",
            "generic",
            "ris",
            "medline",
            "jats",
            "csl_json",
            "bibtex",
            "wos",
            "endnote_xml",
            "pubmed_xml",
            "csv",
            "europe_pmc"
        ]
    );
}

#[test]
fn bad_arguments_and_configuration_exit_2_and_write_nothing() {
    assert_eq!(evtab(&["run"]).status.code(), Some(2));
    assert_eq!(evtab(&["frobnicate"]).status.code(), Some(2));
    let out = tempfile::tempdir().expect("temp dir");
    let target = out.path().join("tables");
    let output = evtab(&["run", "--input", "/no/such/folder", "--out", target.to_str().expect("utf-8")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("input folder not found: /no/such/folder"));
    assert!(!target.exists());
}

#[test]
fn help_documents_the_exit_codes() {
    let output = evtab(&["run", "--help"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("3 tables written but some documents were rejected")
    );
}
