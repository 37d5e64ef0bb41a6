//! The real labelled corpus (tests/corpus/real/, dev split), run through
//! the whole pipeline and scored against its truth, as `make eval-real`
//! does: every figure must reach its committed floor in
//! `tests/corpus/real/floors.toml`, and a figure that beats its floor by
//! more than the slack fails too, so the floor is raised in the change
//! that earned it (a ratchet: accuracy can never be lost quietly).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use evtab_pipeline::{RunSettings, run};
use evtab_synth::{Scores, read_truth, score};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

const DEV: [&str; 3] = ["shared", "pages/dev", "exports/dev"];

/// The dev split's documents in one folder, and its truth.
fn dev_split(into: &Path) -> Vec<evtab_synth::TruthStudy> {
    let corpus = root().join("tests/corpus/real");
    let mut truth = Vec::new();
    for part in DEV {
        let dir = corpus.join(part);
        for entry in std::fs::read_dir(dir.join("docs")).expect("docs/") {
            let path = entry.expect("entry").path();
            std::fs::copy(&path, into.join(path.file_name().expect("name"))).expect("copy");
        }
        let text = std::fs::read_to_string(dir.join("truth.json")).expect("truth.json");
        truth.extend(read_truth(&text).expect("truth parses"));
    }
    truth
}

fn figures(s: &Scores) -> BTreeMap<&'static str, f64> {
    let mut out = BTreeMap::new();
    #[allow(clippy::cast_precision_loss)]
    let linkage = s.linking.exact_sets as f64 / s.truth_studies.max(1) as f64;
    out.insert("linkage", linkage);
    for f in &s.fields {
        out.insert(f.field, f.stated_accuracy());
    }
    out.insert("groups_precision", s.groups.precision());
    out.insert("groups_recall", s.groups.recall());
    out.insert("themes_precision", s.themes.precision());
    out.insert("themes_recall", s.themes.recall());
    out
}

#[test]
fn the_real_corpus_reaches_its_committed_floors() {
    let docs = tempfile::tempdir().expect("temp dir");
    let truth = dev_split(docs.path());
    let out = tempfile::tempdir().expect("temp dir");
    let tables = out.path().join("tables");
    run(&RunSettings::new(docs.path(), &tables), &evtab_cli::BUILT_IN).expect("the run succeeds");
    let scores = score(&truth, &tables).expect("tables scored");
    let measured = figures(&scores);

    let text = std::fs::read_to_string(root().join("tests/corpus/real/floors.toml")).expect("floors.toml");
    let file: toml::Value = toml::from_str(&text).expect("floors.toml parses");
    let slack = file["slack"].as_float().expect("slack");
    let floors = file["floors"].as_table().expect("[floors]");
    let mut problems = Vec::new();
    for (name, floor) in floors {
        let floor = floor.as_float().expect("a number");
        let Some(&got) = measured.get(name.as_str()) else {
            problems.push(format!("{name}: no such figure"));
            continue;
        };
        if got + 1e-9 < floor {
            problems.push(format!("{name}: {got:.4} is below its floor {floor:.2}"));
        } else if got > floor + slack {
            problems
                .push(format!("{name}: {got:.4} beats its floor {floor:.2}: raise the floor in floors.toml"));
        }
    }
    assert!(problems.is_empty(), "{}\n\n{scores:#}", problems.join("\n"));
    assert!(measured.keys().all(|k| floors.contains_key(*k)), "every figure has a floor: {measured:?}");
}
