//! Bad input beside good documents (issue 7): every entry of the input folder
//! gets a `sources.csv` row with a status and a message a person can act on,
//! nothing panics, the exit code is the documented one, and the seed
//! studies' tables are the same as when the seed corpus is read alone.
//!
//! The small bad files are committed under `tests/fixtures/bad/` (see its
//! README); what is big or cannot live in git (a 50 MB line, a sparse 8 GiB
//! file, a folder, symlinks, a named pipe, a mode-000 file) is made here in
//! a temporary folder.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use super::root;

/// What a run of the binary gave.
pub(crate) struct Run {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `evtab` from the repository root; a run that takes longer than
/// `limit` is killed and fails the test (a blocked read must not hang CI).
pub(crate) fn evtab_within(args: &[&str], limit: Duration) -> Run {
    let logs = tempfile::tempdir().expect("temp dir");
    let out_path = logs.path().join("stdout");
    let err_path = logs.path().join("stderr");
    let mut child = Command::new(env!("CARGO_BIN_EXE_evtab"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::null())
        .stdout(fs::File::create(&out_path).expect("stdout file"))
        .stderr(fs::File::create(&err_path).expect("stderr file"))
        .spawn()
        .expect("evtab starts");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for evtab") {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "evtab {args:?} did not finish within {limit:?} (a read blocked?); stderr:\n{}",
                fs::read_to_string(&err_path).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run {
        status,
        stdout: fs::read_to_string(&out_path).expect("stdout"),
        stderr: fs::read_to_string(&err_path).expect("stderr"),
    }
}

/// `run --input <input> --out <out>` with the peer-support vocabularies and codebook.
pub(crate) fn run_args<'a>(input: &'a Path, out: &'a Path, extra: &[&'a str]) -> Vec<String> {
    let mut args: Vec<String> = vec![
        "run".into(),
        "--quiet".into(),
        "--input".into(),
        input.to_str().expect("utf-8 path").into(),
        "--out".into(),
        out.to_str().expect("utf-8 path").into(),
        "--codebook".into(),
        "pipelines/peer-support.codebook.toml".into(),
    ];
    args.extend(extra.iter().map(|s| (*s).to_string()));
    args
}

pub(crate) fn run_evtab(input: &Path, out: &Path, extra: &[&str], limit: Duration) -> Run {
    let args = run_args(input, out, extra);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    evtab_within(&args, limit)
}

/// Copies the seed corpus into `dir` (writable copies).
pub(crate) fn copy_seed_corpus(dir: &Path) -> Vec<String> {
    let mut names = Vec::new();
    for entry in fs::read_dir(root().join("data/raw/peer-support")).expect("seed corpus") {
        let path = entry.expect("entry").path();
        let name = path.file_name().expect("name").to_string_lossy().into_owned();
        fs::write(dir.join(&name), fs::read(&path).expect("read seed")).expect("copy seed");
        names.push(name);
    }
    names.sort();
    names
}

/// Every file of an output folder, by name, with its bytes; folders
/// (a reviewer's, or a run's staging folder) are left out.
pub(crate) fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir)
        .expect("output folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file())
        .map(|p| {
            (p.file_name().expect("name").to_string_lossy().into_owned(), fs::read(&p).expect("read output"))
        })
        .collect()
}

/// A CSV table as header and rows.
fn table(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let header = reader.headers().expect("header").iter().map(str::to_string).collect();
    let rows = reader.records().map(|r| r.expect("row").iter().map(str::to_string).collect()).collect();
    (header, rows)
}

/// One `sources.csv` row.
#[derive(Debug)]
struct Source {
    format: String,
    study_id: String,
    status: String,
    message: String,
}

fn sources_by_doc(out: &Path) -> BTreeMap<String, Source> {
    let (header, rows) = table(&out.join("sources.csv"));
    assert_eq!(header, ["doc_id", "format", "study_id", "record_id", "status", "message"]);
    let mut by_doc = BTreeMap::new();
    for row in rows {
        let source = Source {
            format: row[1].clone(),
            study_id: row[2].clone(),
            status: row[4].clone(),
            message: row[5].clone(),
        };
        assert!(by_doc.insert(row[0].clone(), source).is_none(), "{} has two rows in sources.csv", row[0]);
    }
    by_doc
}

/// A DSpace record of an invented study (for files made at test time).
fn invented_record(author: &str, title: &str, year: u32) -> String {
    format!(
        "{title}\n\ndc.contributor.author{author}\ndc.date.issued{year}\ndc.title{title}\n\
         dc.description.abstractBackground: An invented record for a test. Methods: None.\ndc.typeArticle\n"
    )
}

/// Makes the entries that cannot be committed; returns what each should give
/// as (format, status, words the message must contain).
fn make_unstorable_entries(input: &Path) -> BTreeMap<String, (&'static str, &'static str, String)> {
    let mut expected = BTreeMap::new();
    // One 50 MB line: over the default 20 MB limit.
    fs::write(input.join("one_50mb_line.txt"), vec![b'x'; 50 * 1024 * 1024]).expect("50 MB file");
    expected.insert(
        "one_50mb_line.txt".to_string(),
        (
            "",
            "rejected",
            "document is 52428800 bytes (50.0 MiB), over the limit of 20971520 bytes (20.0 MiB)".to_string(),
        ),
    );
    // 8 GiB that take no disk: rejected from its size alone, never read
    // (reading it would take minutes and 8 GiB of memory).
    let sparse = fs::File::create(input.join("sparse_8gib.txt")).expect("sparse file");
    sparse.set_len(8 << 30).expect("sparse length");
    drop(sparse);
    expected.insert(
        "sparse_8gib.txt".to_string(),
        ("", "rejected", "document is 8589934592 bytes (8192.0 MiB), over the limit".to_string()),
    );
    // A folder (with a document inside that must not be read).
    fs::create_dir(input.join("a_subfolder")).expect("folder");
    fs::write(
        input.join("a_subfolder/inside.txt"),
        invented_record("Inner, Ina", "A record inside a folder", 2001),
    )
    .expect("file in folder");
    expected.insert(
        "a_subfolder".to_string(),
        ("", "rejected", "is a folder, not a document; sub-folders are not read".to_string()),
    );
    // A symlink loop.
    std::os::unix::fs::symlink("loop_b", input.join("loop_a")).expect("symlink");
    std::os::unix::fs::symlink("loop_a", input.join("loop_b")).expect("symlink");
    for name in ["loop_a", "loop_b"] {
        expected.insert(name.to_string(), ("", "rejected", "is a symbolic link to loop_".to_string()));
    }
    // A file with mode 000: unreadable for a normal user; root reads it
    // anyway, so what it gives depends on who runs the test.
    let locked = input.join("mode_000.txt");
    fs::write(&locked, invented_record("Lock, Lena", "A record nobody may read", 2002)).expect("locked file");
    fs::set_permissions(&locked, std::os::unix::fs::PermissionsExt::from_mode(0o000)).expect("chmod 000");
    if fs::read(&locked).is_ok() {
        expected.insert("mode_000.txt".to_string(), ("dspace", "ok", String::new()));
    } else {
        expected.insert(
            "mode_000.txt".to_string(),
            ("", "rejected", "cannot be read: Permission denied".to_string()),
        );
    }
    expected
}

#[test]
fn every_bad_entry_is_accounted_for_and_the_good_tables_are_unchanged() {
    // The seed corpus alone: the reference tables.
    let good = tempfile::tempdir().expect("temp dir");
    let seed_docs = copy_seed_corpus(good.path());
    let out_good = tempfile::tempdir().expect("temp dir");
    let run = run_evtab(good.path(), out_good.path(), &[], Duration::from_secs(300));
    assert_eq!(run.status.code(), Some(0), "seed corpus alone: {}", run.stderr);

    // The seed corpus with every kind of bad entry.
    let mixed = tempfile::tempdir().expect("temp dir");
    copy_seed_corpus(mixed.path());
    let fixtures = root().join("tests/fixtures/bad");
    for entry in fs::read_dir(&fixtures).expect("fixtures") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            fs::copy(&path, mixed.path().join(path.file_name().expect("name"))).expect("copy fixture");
        }
    }
    let mut expected: BTreeMap<String, (&str, &str, String)> = [
        ("empty.txt", "", "rejected", "file is empty"),
        ("whitespace_only.txt", "", "rejected", "file holds only whitespace"),
        ("png_image.txt", "", "rejected", "file is binary, not text (a PNG image)"),
        ("nul_filled.txt", "", "rejected", "file is binary, not text (it contains NUL bytes)"),
        (
            "pdf_saved_as_txt.txt",
            "",
            "rejected",
            "file is binary, not text (a PDF; convert it to text first)",
        ),
        ("latin1_not_utf8.txt", "dspace", "ok", "read as windows-1252 (not UTF-8)"),
        ("utf16le_bom.txt", "dspace", "ok", ""),
        ("utf16be_bom.txt", "dspace", "ok", ""),
        ("utf8_bom.txt", "dspace", "ok", ""),
        ("crlf_line_ends.txt", "dspace", "ok", ""),
        ("lone_cr_line_ends.txt", "dspace", "ok", ""),
        (
            "dspace_no_title.txt",
            "dspace",
            "partial",
            "no dc.title field and no page heading: the record has no title",
        ),
        (
            "aggregator_truncated_json.txt",
            "aggregator_json",
            "partial",
            "embedded JSON on line 4 is malformed or truncated (EOF while parsing a string",
        ),
        ("same_record_copy_1.txt", "dspace", "ok", ""),
        (
            "same_record_copy_2.txt",
            "dspace",
            "ok",
            "same bytes as same_record_copy_1.txt; both are sources of the same study",
        ),
        ("same_title_young_2018.txt", "dspace", "ok", ""),
        ("same_title_zeller_2022.txt", "dspace", "ok", ""),
    ]
    .into_iter()
    .map(|(doc, format, status, message)| (doc.to_string(), (format, status, message.to_string())))
    .collect();
    let committed: BTreeSet<String> = fs::read_dir(&fixtures)
        .expect("fixtures")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    assert_eq!(committed, expected.keys().cloned().collect(), "every committed fixture has an expectation");
    expected.extend(make_unstorable_entries(mixed.path()));
    for doc in &seed_docs {
        expected.insert(doc.clone(), ("", "ok", String::new()));
    }

    let out = tempfile::tempdir().expect("temp dir");
    let run = run_evtab(mixed.path(), out.path(), &[], Duration::from_secs(300));
    assert_eq!(run.status.code(), Some(3), "some documents rejected => exit 3; stderr: {}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);

    // Every entry has exactly one row, with the expected status and message.
    let sources = sources_by_doc(out.path());
    let listed: BTreeSet<&String> = sources.keys().collect();
    let entries: BTreeSet<&String> = expected.keys().collect();
    assert_eq!(listed, entries, "sources.csv lists every entry of the input folder, and nothing else");
    for (doc, (format, status, message)) in &expected {
        let row = &sources[doc];
        assert_eq!(&row.status, status, "{doc}: {row:?}");
        if !format.is_empty() || *status == "rejected" {
            assert_eq!(&row.format, format, "{doc}: {row:?}");
        }
        assert!(row.message.contains(message.as_str()), "{doc}: message {:?} lacks {message:?}", row.message);
        match row.status.as_str() {
            "rejected" => assert!(row.study_id.is_empty() && !row.message.is_empty(), "{doc}: {row:?}"),
            _ => assert!(!row.study_id.is_empty(), "{doc}: a read document belongs to a study: {row:?}"),
        }
        if message.is_empty() && *status == "ok" {
            assert!(row.message.is_empty(), "{doc}: unexpected message {:?}", row.message);
        }
    }
    // The stdout summary counts the rejections.
    let rejected = expected.values().filter(|(_, s, _)| *s == "rejected").count();
    assert!(run.stdout.is_empty(), "--quiet prints nothing: {}", run.stdout);
    assert_eq!(sources.values().filter(|s| s.status == "rejected").count(), rejected);

    // The same record twice: one study. Same title, other authors and years:
    // two studies, and a flag that names both documents.
    assert_eq!(sources["same_record_copy_1.txt"].study_id, sources["same_record_copy_2.txt"].study_id);
    assert_ne!(sources["same_title_young_2018.txt"].study_id, sources["same_title_zeller_2022.txt"].study_id);
    let (_, flags) = table(&out.path().join("flags.csv"));
    assert!(
        flags.iter().any(|f| f[3] == "possible_duplicate"
            && f[4].contains("same_title_young_2018.txt and same_title_zeller_2022.txt")
            && f[4].contains("different first author (young, zeller)")),
        "{flags:?}"
    );
    // Decoded documents keep their line numbers whatever the encoding and line ends.
    let (_, provenance) = table(&out.path().join("provenance.csv"));
    for (doc, title) in [
        ("utf16le_bom.txt", "Peer navigation in a fixture clinic written in UTF-16 little endian"),
        ("utf16be_bom.txt", "Peer mentoring in a fixture shelter written in UTF-16 big endian"),
        ("utf8_bom.txt", "Peer workers in a fixture pharmacy written with a byte-order mark"),
        ("crlf_line_ends.txt", "Peer outreach in a fixture town written with CRLF line ends"),
        ("lone_cr_line_ends.txt", "Peer coaching in a fixture school written with lone CR line ends"),
    ] {
        let lines: BTreeMap<&str, (&str, &str)> = provenance
            .iter()
            .filter(|p| p[3] == doc && p[5].starts_with("dspace:"))
            .map(|p| (p[1].as_str(), (p[2].as_str(), p[4].as_str())))
            .collect();
        assert_eq!(lines.get("title"), Some(&(title, "5")), "{doc}: {lines:?}");
        assert_eq!(lines.get("publication_date").map(|v| v.1), Some("4"), "{doc}: {lines:?}");
        assert_eq!(lines.get("authors").map(|v| v.1), Some("3"), "{doc}: {lines:?}");
    }
    let (_, studies) = table(&out.path().join("studies.csv"));
    assert!(studies.iter().flatten().all(|cell| !cell.contains('\r') && !cell.contains('\u{feff}')));
    assert!(
        studies.iter().any(|s| s[1] == "Peer mentoring in a fixture shelter written in UTF-16 big endian")
    );

    // The seed studies' rows are exactly what the seed corpus alone gives.
    let seed_studies: BTreeSet<String> =
        sources_by_doc(out_good.path()).into_values().map(|s| s.study_id).collect();
    for (name, _) in snapshot(out_good.path()) {
        if !name.ends_with(".csv") {
            continue;
        }
        let (header, alone) = table(&out_good.path().join(&name));
        let (header_mixed, mixed_rows) = table(&out.path().join(&name));
        if name == "theme_matrix.csv" {
            // Wide: one column per study; the seed studies' columns are unchanged.
            let column = |h: &[String], rows: &[Vec<String>], col: &str| -> Vec<(String, String)> {
                let i = h.iter().position(|c| c == col).unwrap_or_else(|| panic!("{name}: no column {col}"));
                rows.iter().map(|r| (r[0].clone(), r[i].clone())).collect()
            };
            for col in header.iter().filter(|c| seed_studies.contains(*c)) {
                assert_eq!(
                    column(&header, &alone, col),
                    column(&header_mixed, &mixed_rows, col),
                    "{name}: {col}"
                );
            }
            continue;
        }
        assert_eq!(header, header_mixed, "{name}");
        let key = if name == "sources.csv" { "doc_id" } else { "study_id" };
        let Some(k) = header.iter().position(|c| c == key) else {
            assert_eq!(alone, mixed_rows, "{name} (no {key} column) is unchanged");
            continue;
        };
        let keep = |row: &&Vec<String>| {
            if key == "doc_id" { seed_docs.contains(&row[k]) } else { seed_studies.contains(&row[k]) }
        };
        let alone_rows: Vec<&Vec<String>> = alone.iter().filter(keep).collect();
        assert_eq!(
            alone_rows.len(),
            alone.len(),
            "{name}: every row of the seed run belongs to a seed study"
        );
        let mixed_seed_rows: Vec<&Vec<String>> = mixed_rows.iter().filter(keep).collect();
        assert_eq!(alone_rows, mixed_seed_rows, "{name}: the seed studies' rows changed");
    }
}

#[test]
fn pipes_and_dangling_links_are_refused_without_blocking() {
    // Depends on the CLI only opening regular files: reading a named pipe
    // with no writer blocks forever.
    let input = tempfile::tempdir().expect("temp dir");
    fs::write(
        input.path().join("good.txt"),
        invented_record("Good, Gus", "A readable record beside a pipe", 2003),
    )
    .expect("good file");
    let status =
        Command::new("mkfifo").arg(input.path().join("named_pipe.txt")).status().expect("mkfifo runs");
    assert!(status.success(), "mkfifo");
    std::os::unix::fs::symlink("no_such_file.txt", input.path().join("dangling_link.txt")).expect("symlink");
    let out = tempfile::tempdir().expect("temp dir");
    let run = run_evtab(input.path(), out.path(), &[], Duration::from_secs(60));
    assert_eq!(run.status.code(), Some(3), "{}", run.stderr);
    let sources = sources_by_doc(out.path());
    assert_eq!(sources.len(), 3, "{sources:?}");
    assert_eq!(sources["good.txt"].status, "ok");
    let pipe = &sources["named_pipe.txt"];
    assert_eq!((pipe.status.as_str(), pipe.format.as_str()), ("rejected", ""));
    assert_eq!(pipe.message, "is a named pipe (FIFO), not a regular file; only regular files are read");
    let link = &sources["dangling_link.txt"];
    assert_eq!(link.status, "rejected");
    assert_eq!(link.message, "is a symbolic link to no_such_file.txt, which does not exist");
}

#[test]
fn the_document_size_limit_is_configurable_and_names_the_reason() {
    let input = tempfile::tempdir().expect("temp dir");
    let small = invented_record("Small, Sam", "A record well under a thousand bytes", 2004);
    assert!(small.len() < 1000);
    fs::write(input.path().join("small.txt"), &small).expect("small file");
    let big = format!("{small}dc.description{}\n", "padding ".repeat(200));
    fs::write(input.path().join("big.txt"), &big).expect("big file");
    // An export file over the limit is read when each of its records is under it.
    let record = |n: usize| {
        format!("TY  - JOUR\nTI  - Invented export record {n}\nAU  - Small, Sam\nPY  - 2004\nER  - \n")
    };
    let export: String = (1..=30).map(record).collect();
    assert!(export.len() > 1000);
    fs::write(input.path().join("export.ris"), &export).expect("export file");
    let expected = format!(
        "document is {} bytes, over the limit of 1000 bytes; raise max_document_bytes to read it",
        big.len()
    );

    // From the command line.
    let out = tempfile::tempdir().expect("temp dir");
    let run = run_evtab(input.path(), out.path(), &["--max-document-bytes", "1000"], Duration::from_secs(60));
    assert_eq!(run.status.code(), Some(3), "{}", run.stderr);
    let sources = sources_by_doc(out.path());
    assert_eq!(sources["small.txt"].status, "ok");
    assert_eq!(
        (sources["big.txt"].status.as_str(), sources["big.txt"].message.as_str()),
        ("rejected", expected.as_str())
    );
    assert_eq!(sources["export.ris#30"].status, "ok", "{sources:?}");

    // From a pipeline file.
    let config = tempfile::tempdir().expect("temp dir");
    let out_dir = config.path().join("tables");
    let pipeline = config.path().join("review.toml");
    fs::write(
        &pipeline,
        format!(
            "name = \"limits\"\ninput = {:?}\noutput = {:?}\nvocab = {:?}\nmax_document_bytes = 1000\n",
            input.path(),
            out_dir,
            root().join("pipelines/vocab"),
        ),
    )
    .expect("pipeline file");
    let run = evtab_within(&["run", "--quiet", pipeline.to_str().expect("utf-8")], Duration::from_secs(60));
    assert_eq!(run.status.code(), Some(3), "{}", run.stderr);
    assert_eq!(sources_by_doc(&out_dir)["big.txt"].message, expected);

    // The default lets both through.
    let out = tempfile::tempdir().expect("temp dir");
    let run = run_evtab(input.path(), out.path(), &[], Duration::from_secs(60));
    assert_eq!(run.status.code(), Some(0), "{}", run.stderr);
}
