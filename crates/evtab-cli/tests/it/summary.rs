//! The one-screen summary a user sees after a run.

use super::evtab;

#[test]
fn summary_of_the_seed_corpus() {
    let out = tempfile::tempdir().expect("temp dir");
    let tables = out.path().join("tables");
    let output = evtab(&[
        "run",
        "--input",
        "data/raw/peer-support",
        "--out",
        tables.to_str().expect("utf-8"),
        "--codebook",
        "pipelines/peer-support.codebook.toml",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout).replace(tables.to_str().expect("utf-8"), "[TABLES]");
    insta::assert_snapshot!(stdout);
}
