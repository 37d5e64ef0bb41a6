//! `datapackage.json` of a real run, checked by the reference validator
//! (`frictionless validate`): types, keys and foreign keys against the CSVs.

use std::path::{Path, PathBuf};
use std::process::Command;

use evtab_pipeline::RunSettings;
use evtab_pipeline::run;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The validator in the venv that `make test` prepares (`scripts/python-env.sh`,
/// `target/py` or `$EVTAB_PY_VENV`); tests never install anything themselves.
fn frictionless() -> PathBuf {
    let venv = std::env::var_os("EVTAB_PY_VENV").map_or_else(|| root().join("target/py"), PathBuf::from);
    let tool = venv.join("bin/frictionless");
    assert!(
        tool.is_file(),
        "{} is missing: run `make test` (or scripts/python-env.sh once), which prepares the validator",
        tool.display()
    );
    tool
}

fn validate(package: &Path) -> (bool, String) {
    let out = Command::new(frictionless())
        .args(["validate", "--json"])
        .arg(package)
        .output()
        .expect("frictionless runs");
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    (out.status.success(), report)
}

#[test]
fn the_seed_corpus_package_is_valid_frictionless() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("peer-support");
    let mut settings =
        RunSettings::from_pipeline_file(&root().join("pipelines/peer-support.toml")).expect("pipeline file");
    settings.output.clone_from(&out);
    run(&settings, &evtab_cli::BUILT_IN).expect("run succeeds");

    let package = out.join("datapackage.json");
    let (ok, report) = validate(&package);
    assert!(ok, "frictionless validate failed:\n{report}");
    for file in [
        "studies",
        "authors",
        "participants",
        "themes",
        "theme_matrix",
        "theme_evidence",
        "sources",
        "provenance",
        "flags",
    ] {
        assert!(report.contains(&format!("\"{file}.csv\"")), "{file}.csv was not checked:\n{report}");
    }

    // The validator must also be able to say no: break a foreign key.
    let sources = std::fs::read_to_string(out.join("sources.csv")).expect("sources.csv");
    let mut lines: Vec<String> = sources.lines().map(str::to_string).collect();
    let row = lines.iter().position(|l| l.ends_with(",ok,")).expect("a source row");
    let mut cells: Vec<&str> = lines[row].split(',').collect();
    cells[2] = "nosuchstudy1999";
    lines[row] = cells.join(",");
    std::fs::write(out.join("sources.csv"), lines.join("\n") + "\n").expect("rewrite");
    let (ok, report) = validate(&package);
    assert!(!ok && report.contains("foreign-key"), "a broken study_id must fail validation:\n{report}");
}
