//! Reviewer overrides and `evtab check`, through the binary.

use std::path::Path;

use super::{evtab, root};

/// A pipeline in a temp folder that reads the seed corpus and uses the
/// project's vocabularies and codebook, with the given overrides file.
fn pipeline_with_overrides(dir: &Path, overrides: &str) -> std::path::PathBuf {
    let root = root();
    let pipeline = dir.join("review.toml");
    std::fs::write(
        &pipeline,
        format!(
            "name = \"review\"\ninput = \"{}\"\noutput = \"tables\"\nvocab = \"{}\"\ncodebook = \"{}\"\n",
            root.join("data/raw/peer-support").display(),
            root.join("pipelines/vocab").display(),
            root.join("pipelines/peer-support.codebook.toml").display()
        ),
    )
    .expect("write pipeline");
    std::fs::write(dir.join("review.overrides.csv"), overrides).expect("write overrides");
    pipeline
}

fn rows(path: &Path) -> Vec<csv::StringRecord> {
    let mut reader = csv::Reader::from_path(path).expect("table");
    reader.records().map(|r| r.expect("row")).collect()
}

#[test]
fn an_override_wins_is_audited_and_a_stale_one_is_flagged() {
    let dir = tempfile::tempdir().expect("temp dir");
    let overrides = "study_id,field,value,reviewer,note\n\
        surey2021,doi,10.1016/j.drugpo.2021.103089,AB,checked on the publisher site\n\
        nosuch2020,country,Canada,AB,study was renamed\n\
        tookey2018,participants.1.n,3,CD,a third peer worker is named in the Methods\n";
    let pipeline = pipeline_with_overrides(dir.path(), overrides);
    let output = evtab(&["run", "--quiet", pipeline.to_str().expect("utf-8")]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let tables = dir.path().join("tables");

    let studies = rows(&tables.join("studies.csv"));
    let surey = studies.iter().find(|r| &r[0] == "surey2021").expect("surey2021");
    assert_eq!(&surey[12], "10.1016/j.drugpo.2021.103089", "the overridden DOI wins");

    let provenance = std::fs::read_to_string(tables.join("provenance.csv")).expect("provenance");
    assert!(
        provenance.contains("surey2021,doi,10.1016/j.drugpo.2021.103089,review.overrides.csv,2,override:AB"),
        "{provenance}"
    );
    let flags = std::fs::read_to_string(tables.join("flags.csv")).expect("flags");
    assert!(flags.contains("override on line 3 of review.overrides.csv by AB was not applied: study nosuch2020 does not exist"), "{flags}");
}

#[test]
fn check_validates_without_writing_and_refuses_bad_overrides() {
    let dir = tempfile::tempdir().expect("temp dir");
    let good =
        pipeline_with_overrides(dir.path(), "study_id,field,value,reviewer,note\nx2020,country,Canada,AB,\n");
    let output = evtab(&["check", good.to_str().expect("utf-8")]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("ok  codebook") && stdout.contains("(1 corrections)"), "{stdout}");
    assert!(!dir.path().join("tables").exists(), "check writes nothing");

    let bad =
        pipeline_with_overrides(dir.path(), "study_id,field,value,reviewer,note\nx2020,colour,red,AB,\n");
    let output = evtab(&["check", bad.to_str().expect("utf-8")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("line 2: `colour` is not a field an override can set")
    );
}

#[test]
fn a_broken_codebook_is_refused_with_file_and_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let codebook = dir.path().join("bad.codebook.toml");
    std::fs::write(&codebook, "[[theme]]\nid = \"a\"\nlabel = \"A\"\ndefinition = \"d\"\nterms = []\n")
        .expect("write");
    let out = dir.path().join("tables");
    let output = evtab(&[
        "run",
        "--input",
        "data/raw/peer-support",
        "--out",
        out.to_str().expect("utf-8"),
        "--codebook",
        codebook.to_str().expect("utf-8"),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("bad.codebook.toml:5"), "{stderr}");
    assert!(!out.exists());
}
