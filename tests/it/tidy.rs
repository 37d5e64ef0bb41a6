//! Tidy checks, as rust-analyzer's: the invariants of ARCHITECTURE.md that
//! no compiler checks, checked on the source tree itself.
//!
//! - No study facts in library source (rule 1 of the developers' guide):
//!   the seed corpus's titles, DOIs, authors, cities and themes, and the
//!   real corpus's titles, DOIs and themes, never appear in `crates/*/src`
//!   outside test modules, comments included.
//! - Dependencies point one way: a crate depends only on crates before it
//!   in [`LAYERS`], and the heavy or edge crates stay where they belong.
//! - The stages that work on text never touch the file system.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Library source: every `.rs` under `crates/*/src`, without `tests.rs`
/// files, and each cut at its first `#[cfg(test)]` (test modules come last).
fn library_source() -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack: Vec<PathBuf> = fs::read_dir(root().join("crates"))
        .expect("crates/")
        .map(|e| e.expect("entry").path().join("src"))
        .filter(|p| p.is_dir())
        .collect();
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).expect("list") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "tests") {
                    stack.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "rs")
                && path.file_name().is_some_and(|n| n != "tests.rs")
            {
                let text = fs::read_to_string(&path).expect("read");
                let code = text.split("#[cfg(test)]").next().unwrap_or("").to_string();
                out.push((path, code));
            }
        }
    }
    out.sort();
    out
}

/// Cells of one column of a committed CSV table.
fn column(path: &Path, name: &str) -> Vec<String> {
    let mut reader = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let at = reader.headers().expect("header").iter().position(|h| h == name).expect("column");
    reader.records().map(|r| r.expect("row").get(at).unwrap_or("").to_string()).collect()
}

/// Facts of particular studies: (what, text, whether a whole-word,
/// case-sensitive match is meant).
fn study_facts() -> Vec<(String, String, bool)> {
    let mut facts = Vec::new();
    let seed = root().join("data/tables/peer-support");
    for title in column(&seed.join("studies.csv"), "title") {
        facts.push(("seed title".into(), title, false));
    }
    for doi in column(&seed.join("studies.csv"), "doi") {
        facts.push(("seed DOI".into(), doi, false));
    }
    for city in column(&seed.join("studies.csv"), "city") {
        for part in city.split(", ") {
            facts.push(("seed city".into(), part.to_string(), true));
        }
    }
    for family in column(&seed.join("authors.csv"), "family") {
        facts.push(("seed author".into(), family, true));
    }
    for theme in column(&seed.join("themes.csv"), "theme") {
        if theme.split_whitespace().count() >= 2 {
            facts.push(("seed theme".into(), theme, false));
        }
    }
    // What a past review found in comments, beyond the tables: a seed's
    // sample phrase and organisations named in its text.
    for phrase in ["Fourteen participants", "HepCare", "Peerness", "McMaster"] {
        facts.push(("seed phrase".into(), phrase.to_string(), false));
    }
    // The real corpus: titles, DOIs and themes of every labelled study.
    let corpus = root().join("tests/corpus/real");
    for truth in ["shared", "pages/dev", "pages/held", "exports/dev", "exports/held"] {
        let Ok(text) = fs::read_to_string(corpus.join(truth).join("truth.json")) else { continue };
        let studies: serde_json::Value = serde_json::from_str(&text).expect("truth.json");
        for study in studies.as_array().into_iter().flatten() {
            for (key, what) in [("title", "real title"), ("doi", "real DOI")] {
                if let Some(v) = study[key].as_str() {
                    facts.push((what.into(), v.to_string(), false));
                }
            }
            for theme in study["themes"].as_array().into_iter().flatten().filter_map(|t| t.as_str()) {
                if theme.split_whitespace().count() >= 3 {
                    facts.push(("real theme".into(), theme.to_string(), false));
                }
            }
        }
    }
    facts.retain(|(_, text, _)| text.trim().chars().count() >= 4);
    facts.sort();
    facts.dedup();
    facts
}

fn one_line_lower(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn contains_word(haystack: &str, word: &str) -> bool {
    haystack.match_indices(word).any(|(at, _)| {
        let before = haystack[..at].chars().next_back();
        let after = haystack[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[test]
fn no_study_facts_in_library_source() {
    let facts = study_facts();
    assert!(facts.len() > 100, "the fact list is built from the tables and truth files: {}", facts.len());
    let mut hits = Vec::new();
    for (path, code) in library_source() {
        let lower = one_line_lower(&code);
        for (what, fact, word) in &facts {
            let found =
                if *word { contains_word(&code, fact) } else { lower.contains(&one_line_lower(fact)) };
            if found {
                hits.push(format!(
                    "{}: {what} `{fact}`",
                    path.strip_prefix(root()).unwrap_or(&path).display()
                ));
            }
        }
    }
    assert!(
        hits.is_empty(),
        "study facts in library source (rule 1: move them to a data file or use an invented example):\n{}",
        hits.join("\n")
    );
}

#[test]
fn the_fact_check_finds_a_planted_fact() {
    let facts = study_facts();
    let (_, title, _) = facts.iter().find(|(what, ..)| what == "seed title").expect("a seed title");
    let code = format!("/// Reads titles such as `{}`.\nfn f() {{}}", title.to_uppercase());
    assert!(one_line_lower(&code).contains(&one_line_lower(title)));
    assert!(contains_word("a `Lennox, R` b", "Lennox") && !contains_word("Lennoxville", "Lennox"));
}

/// The workspace's crates, lowest first: a crate may depend only on crates
/// before it. The extractors sit side by side and never depend on each other.
const LAYERS: [&[&str]; 9] = [
    &["evtab-model"],
    &["evtab-text"],
    &["evtab-analysis"],
    &["evtab-ingest"],
    &["evtab-normalise"],
    &["evtab-participants", "evtab-themes", "evtab-context"],
    &["evtab-report", "evtab-synth"],
    &["evtab-pipeline"],
    &["evtab-cli"],
];

/// Third-party crates that only some crates may use.
const CONFINED: [(&str, &[&str]); 6] = [
    ("polars", &["evtab-report"]),
    ("rust_xlsxwriter", &["evtab-report"]),
    ("zip", &["evtab-report"]),
    ("clap", &["evtab-cli"]),
    ("indicatif", &["evtab-cli"]),
    // Writing CSV is the report's; reading it: the bibliographic CSV
    // exports (ingest), the reviewer's overrides file (pipeline) and the
    // scorer of generated corpora (synth).
    ("csv", &["evtab-report", "evtab-pipeline", "evtab-synth", "evtab-ingest"]),
];

/// Normal (not dev) dependencies of each workspace crate, from `cargo metadata`.
fn dependencies() -> BTreeMap<String, BTreeSet<String>> {
    let out = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--no-deps", "--offline"])
        .current_dir(root())
        .output()
        .expect("cargo metadata runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).expect("metadata JSON");
    let mut deps = BTreeMap::new();
    for package in meta["packages"].as_array().expect("packages") {
        let name = package["name"].as_str().expect("name").to_string();
        let normal = package["dependencies"]
            .as_array()
            .expect("dependencies")
            .iter()
            .filter(|d| d["kind"].is_null())
            .filter_map(|d| d["name"].as_str().map(str::to_string))
            .collect();
        deps.insert(name, normal);
    }
    deps
}

#[test]
fn dependencies_point_one_way() {
    let deps = dependencies();
    let layer = |name: &str| LAYERS.iter().position(|l| l.contains(&name));
    let mut wrong = Vec::new();
    for (name, uses) in &deps {
        if name == "evtab-tests" {
            continue;
        }
        let Some(own) = layer(name) else {
            wrong.push(format!("{name} is in no layer of LAYERS (add it where it belongs)"));
            continue;
        };
        for dep in uses.iter().filter(|d| d.starts_with("evtab-")) {
            match layer(dep) {
                Some(l) if l < own => {}
                _ => wrong.push(format!("{name} depends on {dep}, which is not below it")),
            }
        }
        for (confined, allowed) in CONFINED {
            if uses.contains(confined) && !allowed.contains(&name.as_str()) {
                wrong.push(format!("{name} depends on {confined}, which only {allowed:?} may"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn text_stages_never_touch_the_file_system() {
    let pure = [
        "evtab-model",
        "evtab-text",
        "evtab-analysis",
        "evtab-ingest",
        "evtab-normalise",
        "evtab-participants",
        "evtab-themes",
        "evtab-context",
    ];
    let mut hits = Vec::new();
    for (path, code) in library_source() {
        let krate = path
            .strip_prefix(root().join("crates"))
            .ok()
            .and_then(|p| p.iter().next())
            .map(|c| c.to_string_lossy().into_owned());
        if !krate.is_some_and(|k| pure.contains(&k.as_str())) {
            continue;
        }
        for needle in ["std::fs", "fs::read", "File::open", "File::create", "std::env::var"] {
            if code.contains(needle) {
                hits.push(format!("{}: `{needle}`", path.display()));
            }
        }
    }
    assert!(
        hits.is_empty(),
        "these crates take text and return values; the pipeline does I/O:\n{}",
        hits.join("\n")
    );
}
