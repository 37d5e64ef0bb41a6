//! Atomic outputs (issue 7): the tables are written to a folder beside the
//! target and swapped in only when all are complete. A run killed midway
//! (SIGKILL: no clean-up code runs) leaves the previous tables byte for byte
//! as they were, and the next run clears what the killed one left behind.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::bad_input::{copy_seed_corpus, run_args, run_evtab, snapshot};
use super::root;

/// An input big enough for a run to take a few seconds: copies of the seed
/// corpus under distinct names.
fn big_input(dir: &Path, copies: usize) {
    let seed = tempfile::tempdir().expect("temp dir");
    let names = copy_seed_corpus(seed.path());
    for i in 0..copies {
        for name in &names {
            fs::copy(seed.path().join(name), dir.join(format!("copy{i:04}_{name}"))).expect("copy");
        }
    }
}

fn spawn(input: &Path, out: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_evtab"))
        .args(run_args(input, out, &[]))
        .current_dir(root())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("evtab starts")
}

/// Entries of `parent` other than the output folder itself.
fn beside(parent: &Path, out_name: &str) -> BTreeSet<String> {
    fs::read_dir(parent)
        .expect("parent folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n != out_name)
        .collect()
}

#[test]
fn a_killed_run_leaves_the_previous_tables_intact() {
    // The previous tables: the seed corpus.
    let seed = tempfile::tempdir().expect("temp dir");
    copy_seed_corpus(seed.path());
    let parent = tempfile::tempdir().expect("temp dir");
    let out = parent.path().join("tables");
    let run = run_evtab(seed.path(), &out, &[], Duration::from_secs(300));
    assert_eq!(run.status.code(), Some(0), "{}", run.stderr);
    let previous = snapshot(&out);
    assert!(previous.contains_key("studies.csv"));
    assert_eq!(beside(parent.path(), "tables"), BTreeSet::new(), "nothing is left beside the tables");

    let big = tempfile::tempdir().expect("temp dir");
    big_input(big.path(), 60);

    // 1. Killed early, while it reads documents (a run of this input takes
    // several seconds in a debug build).
    let mut child = spawn(big.path(), &out);
    std::thread::sleep(Duration::from_millis(400));
    assert!(child.try_wait().expect("wait").is_none(), "the run must still be going to be killed midway");
    child.kill().expect("SIGKILL");
    child.wait().expect("reap");
    assert_eq!(snapshot(&out), previous, "killed while reading: the previous tables changed");

    // 2. Killed while writing: as soon as the staging folder appears.
    let mut child = spawn(big.path(), &out);
    let started = Instant::now();
    let staging = loop {
        let extra = beside(parent.path(), "tables");
        if !extra.is_empty() {
            child.kill().expect("SIGKILL");
            break extra;
        }
        if let Some(status) = child.try_wait().expect("wait") {
            panic!("the run ended ({status}) before it was seen writing");
        }
        assert!(started.elapsed() < Duration::from_secs(300), "the run never started writing");
        std::thread::sleep(Duration::from_millis(2));
    };
    child.wait().expect("reap");
    assert_eq!(snapshot(&out), previous, "killed while writing: the previous tables changed");
    let left: Vec<String> = beside(parent.path(), "tables").into_iter().collect();
    assert!(
        !left.is_empty() && left.iter().all(|n| n.starts_with(".tables.tmp-")),
        "staging {staging:?}, left {left:?}"
    );

    // 3. The next run completes, replaces the tables and clears the leftovers.
    let run = run_evtab(seed.path(), &out, &["--threads", "2"], Duration::from_secs(300));
    assert_eq!(run.status.code(), Some(0), "{}", run.stderr);
    assert_eq!(snapshot(&out), previous, "the same input gives the same tables again");
    assert_eq!(
        beside(parent.path(), "tables"),
        BTreeSet::new(),
        "the killed run's staging folder is removed"
    );
}

#[test]
fn tables_moved_aside_by_a_killed_run_are_restored_and_a_file_in_the_way_is_untouched() {
    let seed = tempfile::tempdir().expect("temp dir");
    copy_seed_corpus(seed.path());
    // A run killed between moving the old tables aside and moving the new
    // ones in leaves only `.tables.old-<pid>`; the next run puts it back
    // before writing and leaves nothing behind.
    let parent = tempfile::tempdir().expect("temp dir");
    let out = parent.path().join("tables");
    let dead = Command::new("true").spawn().expect("spawn");
    let dead_pid = dead.id();
    let mut dead = dead;
    dead.wait().expect("reap");
    let aside = parent.path().join(format!(".tables.old-{dead_pid}"));
    fs::create_dir(&aside).expect("aside folder");
    fs::write(aside.join("notes.txt"), "a reviewer's file kept with the tables\n").expect("notes");
    let run = run_evtab(seed.path(), &out, &[], Duration::from_secs(300));
    assert_eq!(run.status.code(), Some(0), "{}", run.stderr);
    assert_eq!(beside(parent.path(), "tables"), BTreeSet::new());
    // The restored folder's own files are carried over into the new tables.
    assert_eq!(
        fs::read_to_string(out.join("notes.txt")).ok().as_deref(),
        Some("a reviewer's file kept with the tables\n")
    );
    assert!(out.join("studies.csv").is_file());

    // An output path that is a file is never replaced.
    let file = parent.path().join("not_a_folder.csv");
    fs::write(&file, "precious\n").expect("file");
    let run = run_evtab(seed.path(), &file, &[], Duration::from_secs(300));
    assert_eq!(run.status.code(), Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains("not_a_folder.csv") && run.stderr.contains("is not a folder"),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read_to_string(&file).expect("file"), "precious\n");
}
