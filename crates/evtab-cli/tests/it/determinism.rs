//! Determinism (issue 7): the same inputs give byte-identical outputs,
//! whatever the number of threads and from one process to the next (each
//! process seeds `HashMap` differently, so an iteration order that reached
//! an output would show up here).

use std::fs;
use std::time::Duration;

use super::bad_input::{copy_seed_corpus, run_evtab, snapshot};
use super::root;

#[test]
fn one_and_four_threads_twice_each_give_the_same_bytes() {
    // The seed corpus, the committed bad-input fixtures (duplicates, the
    // same title twice, partial records) and more documents than threads.
    let input = tempfile::tempdir().expect("temp dir");
    copy_seed_corpus(input.path());
    for entry in fs::read_dir(root().join("tests/fixtures/bad")).expect("fixtures") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            fs::copy(&path, input.path().join(path.file_name().expect("name"))).expect("copy fixture");
        }
    }

    let mut runs = Vec::new();
    for threads in ["1", "4", "1", "4"] {
        // The folder's name is the data package's name: the same in every run.
        let parent = tempfile::tempdir().expect("temp dir");
        let out = parent.path().join("tables");
        let run = run_evtab(
            input.path(),
            &out,
            &["--threads", threads, "--emit-records"],
            Duration::from_secs(300),
        );
        assert_eq!(run.status.code(), Some(3), "threads {threads}: {}", run.stderr);
        runs.push((threads, snapshot(&out)));
    }
    let (_, first) = &runs[0];
    assert!(first.contains_key("sources.csv") && first.contains_key("studies.csv"), "{:?}", first.keys());
    assert!(first.len() >= 9, "every table is compared: {:?}", first.keys());
    assert!(first.get("records.parquet").is_some_and(|b| b.starts_with(b"PAR1")), "records are Parquet");
    for (threads, files) in &runs[1..] {
        assert_eq!(files.keys().collect::<Vec<_>>(), first.keys().collect::<Vec<_>>(), "threads {threads}");
        for (name, bytes) in files {
            assert!(bytes == &first[name], "{name} differs between --threads 1 and --threads {threads}");
        }
    }
}
