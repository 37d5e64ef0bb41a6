//! The real labelled deduplication sets (tests/corpus/dedup/), each run
//! through the whole pipeline and scored as `make eval-dedup` does: every
//! set's sensitivity and specificity must reach its committed floor in
//! `tests/corpus/dedup/floors.toml`, and beating a floor by more than the
//! slack fails too (a ratchet), as for the real corpus.

use std::path::{Path, PathBuf};

use evtab_pipeline::{RunSettings, run};
use evtab_synth::{read_truth, score_dedup};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus/dedup")
}

#[test]
fn every_dedup_set_reaches_its_committed_floors() {
    let text = std::fs::read_to_string(corpus().join("floors.toml")).expect("floors.toml");
    let file: toml::Value = toml::from_str(&text).expect("floors.toml parses");
    let slack = file["slack"].as_float().expect("slack");
    let mut problems = Vec::new();
    let mut sets = 0;
    for entry in std::fs::read_dir(corpus()).expect("tests/corpus/dedup") {
        let dir = entry.expect("entry").path();
        if !dir.is_dir() {
            continue;
        }
        sets += 1;
        let name = dir.file_name().and_then(|n| n.to_str()).expect("name").to_string();
        let truth = read_truth(&std::fs::read_to_string(dir.join("truth.json")).expect("truth"))
            .expect("truth parses");
        let out = tempfile::tempdir().expect("temp dir");
        let tables = out.path().join("tables");
        run(&RunSettings::new(dir.join("docs"), &tables), &evtab_cli::BUILT_IN).expect("the run succeeds");
        let scores = score_dedup(&truth, &tables).expect("tables scored");
        // A deduplication-only run links the same way and writes its four files only.
        let dedup = out.path().join("dedup");
        let mut settings = RunSettings::new(dir.join("docs"), &dedup);
        settings.dedup_only = true;
        run(&settings, &evtab_cli::BUILT_IN).expect("the dedup run succeeds");
        let mut written: Vec<String> = std::fs::read_dir(&dedup)
            .expect("dedup folder")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with('.'))
            .collect();
        written.sort();
        assert_eq!(written, ["datapackage.json", "flags.csv", "sources.csv", "studies.csv"], "{name}");
        let doc_ids = |folder: &Path| -> Vec<String> {
            let mut reader = csv::Reader::from_path(folder.join("studies.csv")).expect("studies.csv");
            let column =
                reader.headers().expect("header").iter().position(|h| h == "doc_ids").expect("doc_ids");
            reader.records().map(|r| r.expect("row")[column].to_string()).collect()
        };
        assert_eq!(doc_ids(&dedup), doc_ids(&tables), "{name}: the dedup run links otherwise");
        // Every record has its row in sources.csv, read or not.
        let mut sources = csv::Reader::from_path(tables.join("sources.csv")).expect("sources.csv");
        let rows: std::collections::BTreeSet<String> =
            sources.records().map(|r| r.expect("row")[0].to_string()).collect();
        let missing: Vec<&String> =
            truth.iter().flat_map(|t| &t.docs).filter(|d| !rows.contains(*d)).collect();
        assert!(missing.is_empty(), "{name}: records without a sources.csv row: {missing:?}");
        let floors =
            file.get(&name).and_then(toml::Value::as_table).unwrap_or_else(|| panic!("no floors for {name}"));
        for (figure, got) in [("sensitivity", scores.sensitivity()), ("specificity", scores.specificity())] {
            let floor = floors
                .get(figure)
                .and_then(toml::Value::as_float)
                .unwrap_or_else(|| panic!("{name}.{figure}"));
            if got + 1e-9 < floor {
                problems.push(format!("{name} {figure}: {got:.4} is below its floor {floor}"));
            } else if got > floor + slack {
                problems.push(format!(
                    "{name} {figure}: {got:.4} beats its floor {floor}: raise it in floors.toml"
                ));
            }
        }
    }
    assert_eq!(sets, 4, "the four labelled sets");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
