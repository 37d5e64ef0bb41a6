//! The output folder evtab owns (issue 14): a reviewer's files and folders
//! inside it survive every run; a folder evtab did not write, or one inside
//! the input, is refused with nothing touched; two runs never interleave; a
//! run that fails (full disk, no permission) or is killed leaves the
//! previous tables byte for byte and no staging folder; and the binary
//! needs no `pipelines/` folder to run.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::bad_input::{Run, copy_seed_corpus, evtab_within, run_args, run_evtab, snapshot};
use super::root;

const LIMIT: Duration = Duration::from_secs(300);
const MARKER: &str = ".evtab.json";

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
        .stderr(Stdio::piped())
        .spawn()
        .expect("evtab starts")
}

/// Every entry of a folder, recursively, with the bytes of each file:
/// what "left exactly as it was" is checked against.
fn tree(dir: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in fs::read_dir(&folder).expect("list") {
            let path = entry.expect("entry").path();
            let name = path.strip_prefix(dir).expect("inside").to_string_lossy().into_owned();
            if path.is_dir() {
                out.insert(format!("{name}/"), None);
                stack.push(path);
            } else {
                out.insert(name, Some(fs::read(&path).expect("read")));
            }
        }
    }
    out
}

/// Names of the entries of a folder.
fn names(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect()
}

/// The tables of a run: the folder's files that are not evtab's machinery.
fn tables(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    snapshot(dir).into_iter().filter(|(name, _)| !name.starts_with(".evtab")).collect()
}

fn assert_ran(run: &Run, code: i32) {
    assert_eq!(run.status.code(), Some(code), "stdout:\n{}\nstderr:\n{}", run.stdout, run.stderr);
}

/// The seed corpus's tables in a fresh folder `parent/tables`.
fn seed_tables(parent: &Path) -> (tempfile::TempDir, std::path::PathBuf) {
    let seed = tempfile::tempdir().expect("temp dir");
    copy_seed_corpus(seed.path());
    let out = parent.join("tables");
    assert_ran(&run_evtab(seed.path(), &out, &[], LIMIT), 0);
    (seed, out)
}

#[test]
fn a_reviewers_file_and_folder_inside_the_output_folder_survive_a_run() {
    let parent = tempfile::tempdir().expect("temp dir");
    let (seed, out) = seed_tables(parent.path());
    let marker = fs::read_to_string(out.join(MARKER)).expect("the run marks the folder as evtab's");
    assert!(marker.contains("\"written_by\": \"evtab\"") && marker.contains("\"studies.csv\""), "{marker}");
    fs::write(out.join("my-notes.txt"), "decisions of the review team\n").expect("file");
    fs::create_dir_all(out.join("notes/2026")).expect("folder");
    fs::write(out.join("notes/2026/screening.md"), "# kept\n").expect("nested file");
    fs::write(out.join("notes/extra.csv"), "a,b\n1,2\n").expect("file in folder");
    let previous_tables = tables(&out);
    // A changed input, so the tables really are replaced.
    fs::remove_file(seed.path().join(names(seed.path()).into_iter().next().expect("a seed")))
        .expect("remove");
    assert_ran(&run_evtab(seed.path(), &out, &[], LIMIT), 0);
    let after = tree(&out);
    assert_eq!(after.get("my-notes.txt"), Some(&Some(b"decisions of the review team\n".to_vec())));
    assert_eq!(after.get("notes/2026/screening.md"), Some(&Some(b"# kept\n".to_vec())));
    assert_eq!(after.get("notes/extra.csv"), Some(&Some(b"a,b\n1,2\n".to_vec())));
    assert_ne!(
        tables(&out).get("sources.csv"),
        previous_tables.get("sources.csv"),
        "the tables were rewritten"
    );
    let marker = fs::read_to_string(out.join(MARKER)).expect("marker");
    assert!(
        !marker.contains("my-notes") && !marker.contains("notes/"),
        "the marker lists only evtab's files: {marker}"
    );
    // Nothing of the run is left beside or inside the folder.
    assert_eq!(names(parent.path()), BTreeSet::from(["tables".to_string()]));
    assert!(names(&out).iter().all(|n| !n.starts_with(".evtab-")), "{:?}", names(&out));
}

#[test]
fn a_folder_evtab_did_not_write_is_refused_and_left_untouched() {
    let seed = tempfile::tempdir().expect("temp dir");
    copy_seed_corpus(seed.path());
    let out = tempfile::tempdir().expect("temp dir");
    fs::write(out.path().join("studies.csv"), "my own spreadsheet\n").expect("file");
    fs::create_dir(out.path().join("pdfs")).expect("folder");
    let before = tree(out.path());
    let run = run_evtab(seed.path(), out.path(), &[], LIMIT);
    assert_ran(&run, 2);
    assert!(
        run.stderr.contains("not written by evtab") && run.stderr.contains("nothing was"),
        "{}",
        run.stderr
    );
    assert_eq!(tree(out.path()), before, "nothing touched, not even a lock file");

    // A reviewer's file with the name of a table that the earlier run did not write.
    let parent = tempfile::tempdir().expect("temp dir");
    let (_seed, owned) = seed_tables(parent.path());
    fs::write(owned.join("records.parquet"), "not parquet, and not evtab's\n").expect("file");
    let before = tree(&owned);
    let run = run_evtab(seed.path(), &owned, &["--emit-records"], LIMIT);
    assert_ran(&run, 2);
    assert!(run.stderr.contains("records.parquet was not written by evtab"), "{}", run.stderr);
    assert_eq!(tree(&owned), before);
}

#[test]
fn output_equal_to_or_inside_the_input_is_refused_with_nothing_written() {
    let input = tempfile::tempdir().expect("temp dir");
    copy_seed_corpus(input.path());
    let before = tree(input.path());
    let inside = input.path().join("tables");
    let link_parent = tempfile::tempdir().expect("temp dir");
    let link = link_parent.path().join("docs-link");
    std::os::unix::fs::symlink(input.path(), &link).expect("symlink");
    for (out, relation) in [
        (input.path().to_path_buf(), "the same as"),
        (inside.clone(), "inside"),
        (inside.join("deeper/still"), "inside"),
        (link.clone(), "the same as"),
        (link.join("tables"), "inside"),
    ] {
        let run = run_evtab(input.path(), &out, &[], LIMIT);
        assert_ran(&run, 2);
        assert!(
            run.stderr.contains(&format!("is {relation} the input folder")),
            "{}: {}",
            out.display(),
            run.stderr
        );
        assert_eq!(tree(input.path()), before, "{}: nothing written", out.display());
    }
    // The same, with the input given through the link.
    let run = run_evtab(&link, &inside, &[], LIMIT);
    assert_ran(&run, 2);
    assert_eq!(tree(input.path()), before);
}

#[test]
fn an_owned_table_folder_is_never_read_as_documents() {
    let parent = tempfile::tempdir().expect("temp dir");
    let (seed, out) = seed_tables(parent.path());
    // Given as the input: refused.
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let run = run_evtab(&out, &elsewhere.path().join("t"), &[], LIMIT);
    assert_ran(&run, 2);
    assert!(run.stderr.contains("holds tables an evtab run wrote"), "{}", run.stderr);
    // Found inside the input: a row that says what it is, never its files as documents.
    fs::rename(&out, seed.path().join("old-tables")).expect("move the tables among the documents");
    let out2 = elsewhere.path().join("t2");
    let run = run_evtab(seed.path(), &out2, &[], LIMIT);
    assert_ran(&run, 3);
    let sources = fs::read_to_string(out2.join("sources.csv")).expect("sources.csv");
    assert_eq!(sources.lines().count(), 1 + 5 + 1, "{sources}");
    assert!(
        sources.contains("old-tables,,,,rejected,\"is a folder of tables an earlier evtab run wrote"),
        "{sources}"
    );
}

#[test]
fn two_simultaneous_runs_end_with_one_complete_table_set() {
    let big = tempfile::tempdir().expect("temp dir");
    big_input(big.path(), 40);
    let reference_parent = tempfile::tempdir().expect("temp dir");
    let reference = reference_parent.path().join("tables");
    assert_ran(&run_evtab(big.path(), &reference, &[], LIMIT), 0);

    let parent = tempfile::tempdir().expect("temp dir");
    let out = parent.path().join("tables");
    let first = spawn(big.path(), &out);
    let second = spawn(big.path(), &out);
    let (first, second) =
        (first.wait_with_output().expect("first"), second.wait_with_output().expect("second"));
    let mut codes = [first.status.code(), second.status.code()];
    let refused = if codes[0] == Some(2) { &first } else { &second };
    codes.sort_unstable();
    // Both start at once and a run takes seconds: the second finds the lock held.
    assert_eq!(codes, [Some(0), Some(2)], "one run writes, the other is refused");
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("another evtab run is writing to"), "{stderr}");
    assert_eq!(tables(&out), tables(&reference), "one complete table set, the same as a run alone");
    assert!(names(&out).iter().all(|n| !n.starts_with(".evtab-")), "{:?}", names(&out));
}

#[test]
fn a_killed_run_leaves_the_previous_tables_intact_and_the_next_run_clears_its_staging() {
    let parent = tempfile::tempdir().expect("temp dir");
    let (seed, out) = seed_tables(parent.path());
    let previous = tables(&out);
    let big = tempfile::tempdir().expect("temp dir");
    big_input(big.path(), 60);

    // 1. Killed early, while it reads documents.
    let mut child = spawn(big.path(), &out);
    std::thread::sleep(Duration::from_millis(400));
    assert!(child.try_wait().expect("wait").is_none(), "the run must still be going to be killed midway");
    child.kill().expect("SIGKILL");
    child.wait().expect("reap");
    assert_eq!(tables(&out), previous, "killed while reading: the previous tables changed");

    // 2. Killed while writing: as soon as its staging folder appears.
    let mut child = spawn(big.path(), &out);
    let started = Instant::now();
    loop {
        if names(&out).iter().any(|n| n.starts_with(".evtab-staging-")) {
            child.kill().expect("SIGKILL");
            break;
        }
        if let Some(status) = child.try_wait().expect("wait") {
            panic!("the run ended ({status}) before it was seen writing");
        }
        assert!(started.elapsed() < LIMIT, "the run never started writing");
        std::thread::sleep(Duration::from_millis(2));
    }
    child.wait().expect("reap");
    assert_eq!(tables(&out), previous, "killed while writing: the previous tables changed");
    assert!(
        names(&out).iter().any(|n| n.starts_with(".evtab-staging-")),
        "the killed run's staging is there"
    );
    assert_eq!(names(parent.path()), BTreeSet::from(["tables".to_string()]), "nothing beside the folder");

    // 3. The lock died with the process: the next run goes ahead, and clears the staging.
    assert_ran(&run_evtab(seed.path(), &out, &["--threads", "2"], LIMIT), 0);
    assert_eq!(tables(&out), previous, "the same input gives the same tables again");
    assert!(names(&out).iter().all(|n| !n.starts_with(".evtab-")), "{:?}", names(&out));
}

/// A tmpfs of `kib` KiB mounted on a new folder, where this machine lets
/// the test mount one (as root); unmounted when dropped.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount(kib: u32) -> Option<SmallDisk> {
        let dir = tempfile::tempdir().ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs"])
            .arg(dir.path())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then_some(SmallDisk { dir })
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

/// Runs evtab through `sh` with `prefix` (shell commands) before it.
fn run_in_shell(prefix: &str, input: &Path, out: &Path) -> Run {
    let args: Vec<String> = run_args(input, out, &[]).into_iter().map(|a| format!("'{a}'")).collect();
    let script = format!("{prefix}; exec '{}' {}", env!("CARGO_BIN_EXE_evtab"), args.join(" "));
    evtab_within_shell(&script)
}

fn evtab_within_shell(script: &str) -> Run {
    let output = Command::new("sh").arg("-c").arg(script).current_dir(root()).output().expect("sh runs");
    Run {
        status: output.status,
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[test]
fn a_full_disk_leaves_the_previous_tables_byte_identical_and_no_leftovers() {
    let big = tempfile::tempdir().expect("temp dir");
    big_input(big.path(), 60);
    // (a) A real full disk: a 1 MiB tmpfs holds the seed corpus's tables but not these.
    if let Some(disk) = SmallDisk::mount(1024) {
        let (_seed, out) = seed_tables(disk.dir.path());
        let previous = tree(&out);
        let run = run_evtab(big.path(), &out, &[], LIMIT);
        assert_ran(&run, 1);
        assert!(run.stderr.contains("No space left on device"), "{}", run.stderr);
        assert_eq!(tree(&out), previous, "the previous tables, and nothing else");
    } else {
        eprintln!("no tmpfs can be mounted here; the write-limit case below still runs");
    }
    // (b) Writes that fail everywhere: a file-size limit (with SIGXFSZ
    // ignored, a write past it fails with EFBIG instead of killing the run).
    let parent = tempfile::tempdir().expect("temp dir");
    let (_seed, out) = seed_tables(parent.path());
    let previous = tree(&out);
    let run = run_in_shell("trap '' XFSZ; ulimit -f 256", big.path(), &out);
    assert_ran(&run, 1);
    assert!(run.stderr.contains("error: "), "{}", run.stderr);
    assert_eq!(tree(&out), previous, "the previous tables, and nothing else");
    assert_eq!(names(parent.path()), BTreeSet::from(["tables".to_string()]));
}

#[test]
fn permission_denied_leaves_the_previous_tables_and_no_leftovers() {
    let parent = tempfile::tempdir().expect("temp dir");
    let (seed, out) = seed_tables(parent.path());
    let previous = tree(&out);
    let is_root = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    let run = if is_root {
        // Root writes anywhere: run as `nobody`, who may read the input
        // but not write the folder.
        // The binary is copied where `nobody` may run it (the build folder
        // may sit under a home `nobody` cannot enter); it needs no other
        // file, and the run names only absolute paths.
        use std::os::unix::fs::PermissionsExt;
        let bin = tempfile::tempdir().expect("temp dir");
        let evtab = bin.path().join("evtab");
        fs::copy(env!("CARGO_BIN_EXE_evtab"), &evtab).expect("copy the binary");
        for dir in [parent.path(), seed.path(), bin.path()] {
            fs::set_permissions(dir, fs::Permissions::from_mode(0o755)).expect("chmod");
        }
        fs::set_permissions(&evtab, fs::Permissions::from_mode(0o755)).expect("chmod");
        let output = Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&evtab)
            .args(["run", "--quiet", "--input"])
            .arg(seed.path())
            .arg("--out")
            .arg(&out)
            .current_dir(bin.path())
            .output()
            .expect("setpriv runs");
        Run {
            status: output.status,
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    } else {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&out, fs::Permissions::from_mode(0o555)).expect("chmod");
        let run = run_in_shell("true", seed.path(), &out);
        fs::set_permissions(&out, fs::Permissions::from_mode(0o755)).expect("chmod back");
        run
    };
    assert_ran(&run, 1);
    assert!(run.stderr.contains("Permission denied"), "{}", run.stderr);
    assert_eq!(tree(&out), previous);
}

#[test]
fn the_installed_binary_runs_from_any_directory_with_its_built_in_data() {
    let input = tempfile::tempdir().expect("temp dir");
    copy_seed_corpus(input.path());
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let out = elsewhere.path().join("tables");
    let output = Command::new(env!("CARGO_BIN_EXE_evtab"))
        .args(["run", "--quiet", "--input"])
        .arg(input.path())
        .arg("--out")
        .arg(&out)
        .current_dir(elsewhere.path())
        .output()
        .expect("evtab runs");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    // The built-in codebook is the committed one: the same matrix as the committed tables.
    let matrix = fs::read_to_string(out.join("theme_matrix.csv")).expect("matrix");
    let committed =
        fs::read_to_string(root().join("data/tables/peer-support/theme_matrix.csv")).expect("committed");
    assert_eq!(matrix, committed);

    let check = Command::new(env!("CARGO_BIN_EXE_evtab"))
        .arg("check")
        .current_dir(elsewhere.path())
        .output()
        .expect("evtab check runs");
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("participant_categories.toml") && stdout.contains("built-in"), "{stdout}");

    // A vocabulary folder overrides the built-in files it holds, and only those.
    let vocab = tempfile::tempdir().expect("temp dir");
    fs::copy(root().join("pipelines/vocab/gazetteer.toml"), vocab.path().join("gazetteer.toml"))
        .expect("copy");
    let check = Command::new(env!("CARGO_BIN_EXE_evtab"))
        .args(["check", "--vocab"])
        .arg(vocab.path())
        .current_dir(elsewhere.path())
        .output()
        .expect("evtab check runs");
    let stdout = String::from_utf8_lossy(&check.stdout);
    let gazetteer = stdout.lines().find(|l| l.contains("gazetteer.toml")).unwrap_or_default();
    assert!(gazetteer.contains(&vocab.path().display().to_string()), "{stdout}");
    let categories = stdout.lines().find(|l| l.contains("participant_categories.toml")).unwrap_or_default();
    assert!(categories.ends_with("built-in"), "{stdout}");
}

#[test]
fn the_marker_is_the_same_bytes_every_run() {
    let parent = tempfile::tempdir().expect("temp dir");
    let (seed, out) = seed_tables(parent.path());
    let first = fs::read(out.join(MARKER)).expect("marker");
    let run =
        evtab_within(&run_args(seed.path(), &out, &[]).iter().map(String::as_str).collect::<Vec<_>>(), LIMIT);
    assert_ran(&run, 0);
    assert_eq!(fs::read(out.join(MARKER)).expect("marker"), first);
    insta::assert_snapshot!(String::from_utf8_lossy(&first));
}

#[test]
fn records_of_an_earlier_run_are_removed_by_a_run_that_does_not_emit_them() {
    let parent = tempfile::tempdir().expect("temp dir");
    let seed = tempfile::tempdir().expect("temp dir");
    copy_seed_corpus(seed.path());
    let out = parent.path().join("tables");
    assert_ran(&run_evtab(seed.path(), &out, &["--emit-records"], LIMIT), 0);
    assert!(out.join("records.parquet").is_file());
    fs::write(out.join("records-notes.txt"), "mine\n").expect("file");
    assert_ran(&run_evtab(seed.path(), &out, &[], LIMIT), 0);
    assert!(!out.join("records.parquet").exists(), "records no longer match the tables beside them");
    assert!(!fs::read_to_string(out.join(MARKER)).expect("marker").contains("records.parquet"));
    assert_eq!(fs::read_to_string(out.join("records-notes.txt")).expect("kept"), "mine\n");
}
