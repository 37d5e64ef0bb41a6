//! The seed corpus in `data/raw/peer-support`, run through the whole pipeline.

use std::path::{Path, PathBuf};

use evtab_pipeline::RunSettings;
use evtab_pipeline::run;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Runs the peer-support pipeline into a temporary folder.
fn run_seed_corpus() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    // Same folder name as the committed tables: the data package is named after it.
    let out = dir.path().join("peer-support");
    let mut settings =
        RunSettings::from_pipeline_file(&root().join("pipelines/peer-support.toml")).expect("pipeline file");
    settings.output.clone_from(&out);
    run(&settings, &evtab_cli::BUILT_IN).expect("run succeeds");
    (dir, out)
}

fn table(out: &Path, file: &str) -> String {
    std::fs::read_to_string(out.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

const TABLES: [&str; 9] = [
    "studies.csv",
    "authors.csv",
    "participants.csv",
    "themes.csv",
    "theme_matrix.csv",
    "theme_evidence.csv",
    "sources.csv",
    "provenance.csv",
    "flags.csv",
];

#[test]
fn every_table_of_the_seed_corpus() {
    let (_dir, out) = run_seed_corpus();
    for file in TABLES {
        insta::assert_snapshot!(file, table(&out, file));
    }
}

/// `make tables` output is committed; it must be what the code produces now.
#[test]
fn committed_tables_match_a_fresh_run() {
    let (_dir, out) = run_seed_corpus();
    let committed = root().join("data/tables/peer-support");
    for file in TABLES.iter().chain(&["datapackage.json", "report.html", ".evtab.json"]) {
        let fresh = table(&out, file);
        let saved = std::fs::read_to_string(committed.join(file)).unwrap_or_default();
        assert!(
            fresh == saved,
            "data/tables/peer-support/{file} is stale: run `make tables` and commit the diff"
        );
    }
}

#[test]
fn four_studies_with_the_two_lennox_documents_merged() {
    let (_dir, out) = run_seed_corpus();
    let studies = table(&out, "studies.csv");
    let mut rows = csv::Reader::from_reader(studies.as_bytes());
    let headers = rows.headers().expect("header").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).expect("column");
    let records: Vec<csv::StringRecord> = rows.records().map(|r| r.expect("row")).collect();
    assert_eq!(records.len(), 4);
    let lennox = records.iter().find(|r| &r[col("study_id")] == "lennox2021").expect("lennox2021");
    assert_eq!(&lennox[col("doc_ids")], "000_568092af73cfa570.txt; 001_7d594808f116deb1.txt");
    assert_eq!(&lennox[col("doi")], "10.1186/s12954-021-00467-7");
    assert_eq!(&lennox[col("journal")], "Harm Reduction Journal");
    assert_eq!(&lennox[col("volume")], "18");
    let tookey = records.iter().find(|r| &r[col("study_id")] == "tookey2018").expect("tookey2018");
    assert_eq!(&tookey[col("journal")], "Harm Reduction Journal");
    assert_eq!(&tookey[col("pmid")], "30107808");
    let surey = records.iter().find(|r| &r[col("study_id")] == "surey2021").expect("surey2021");
    assert_eq!(&surey[col("doi")], "", "the Pure page prints no DOI and no other source has one");
}
