//! The output folder evtab owns.
//!
//! A reviewer's folder may hold their own notes beside the tables, so a run
//! never replaces the folder: it writes into a folder that is new, empty or
//! marked as evtab's by an earlier run ([`MARKER_FILE`], which lists the
//! files that run wrote), and inside it replaces only those files. Anything
//! else, file or folder, is left exactly as it was.
//!
//! A run goes like this, under an advisory lock on [`LOCK_FILE`] so two runs
//! into one folder never interleave (the OS drops the lock when a process
//! dies, however it dies):
//! 1. every file is written into a staging folder inside the output folder
//!    (`.evtab-staging-<pid>`), removed again if anything fails;
//! 2. the new marker is written into it, and the staging folder is renamed
//!    to `.evtab-commit`: from here on the run is committed;
//! 3. each file is moved into place (a rename, so each file is replaced
//!    whole), files an earlier run wrote and this one did not are removed,
//!    and the marker is moved last.
//!
//! A run killed before step 2 leaves the previous tables untouched and a
//! staging folder that the next run removes; killed during step 3, the next
//! run finishes the move before it starts.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The file that marks a folder as evtab's and lists the files evtab wrote there.
pub const MARKER_FILE: &str = ".evtab.json";
/// The file a run holds an advisory lock on while it owns the folder.
pub const LOCK_FILE: &str = ".evtab.lock";
const STAGING_PREFIX: &str = ".evtab-staging-";
const COMMIT_DIR: &str = ".evtab-commit";

/// Why the tables cannot be written to the folder asked for.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The folder holds things evtab did not write.
    #[error(
        "{} is not empty and holds no {MARKER_FILE}, so its contents were not written by evtab; nothing was \
         changed. Write the tables to a new or empty folder, or to one an earlier evtab run wrote",
        path.display()
    )]
    NotOwned {
        /// The folder.
        path: PathBuf,
    },
    /// The output folder is the input folder or inside it.
    #[error(
        "the output folder {} is {relation} the input folder {}: the next run would read the tables as \
         documents; write the tables outside the input folder",
        out.display(),
        input.display()
    )]
    InsideInput {
        /// The output folder.
        out: PathBuf,
        /// The input folder.
        input: PathBuf,
        /// `the same as` or `inside`.
        relation: &'static str,
    },
    /// Another run holds the folder.
    #[error("another evtab run is writing to {}; wait for it to finish, then run again", path.display())]
    Locked {
        /// The folder.
        path: PathBuf,
    },
    /// A file evtab would write is already there, and evtab did not write it.
    #[error(
        "{} was not written by evtab, and this run would replace it with a table of the same name; nothing was \
         changed. Move or rename the file, then run again",
        path.display()
    )]
    Collision {
        /// The file.
        path: PathBuf,
    },
    /// The path exists and is not a folder.
    #[error("{} exists and is not a folder; nothing was changed", path.display())]
    NotAFolder {
        /// The path.
        path: PathBuf,
    },
    /// The marker cannot be read.
    #[error(
        "{}: cannot read evtab's marker ({message}); nothing was changed. If the folder is evtab's, remove the \
         marker and its tables, or write to another folder",
        path.display()
    )]
    BadMarker {
        /// The marker file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A file-system operation failed.
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        /// What was attempted.
        action: &'static str,
        /// Where.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
}

impl OutputError {
    /// Whether the run refused to start (exit 2) rather than failed while
    /// writing (exit 1).
    pub fn is_refusal(&self) -> bool {
        !matches!(self, OutputError::Io { .. })
    }
}

fn io<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(std::io::Error) -> OutputError + 'a {
    move |source| OutputError::Io { action, path: path.to_path_buf(), source }
}

/// What the marker file says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Marker {
    written_by: String,
    version: String,
    about: String,
    files: Vec<String>,
}

impl Marker {
    fn new(files: BTreeSet<String>) -> Self {
        Marker {
            written_by: "evtab".to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
            about:
                "evtab wrote the files listed here and replaces only them; everything else in this folder is \
                    left as it is."
                    .to_string(),
            files: files.into_iter().collect(),
        }
    }

    fn to_json(&self) -> String {
        let mut json = serde_json::to_string_pretty(self).unwrap_or_default();
        json.push('\n');
        json
    }
}

/// Reads a folder's marker: `None` when it has none.
fn read_marker(dir: &Path) -> Result<Option<Marker>, OutputError> {
    let path = dir.join(MARKER_FILE);
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(OutputError::BadMarker { path, message: e.to_string() }),
    };
    let marker: Marker = serde_json::from_str(&text)
        .map_err(|e| OutputError::BadMarker { path: path.clone(), message: e.to_string() })?;
    if marker.written_by != "evtab" {
        return Err(OutputError::BadMarker { path, message: "it was not written by evtab".to_string() });
    }
    if let Some(bad) = marker.files.iter().find(|f| !is_plain_file_name(f)) {
        return Err(OutputError::BadMarker {
            path,
            message: format!("`{bad}` is not a file name of this folder"),
        });
    }
    Ok(Some(marker))
}

/// A name evtab may write or remove: one plain file of the folder, never
/// a path that leaves it.
fn is_plain_file_name(name: &str) -> bool {
    !name.is_empty() && name != "." && name != ".." && !name.contains(['/', '\\']) && !name.contains('\0')
}

/// Whether a folder holds an evtab marker (for the reader, which never
/// takes evtab's tables for documents).
pub fn is_owned_folder(dir: &Path) -> bool {
    dir.join(MARKER_FILE).is_file()
}

/// Entries of a folder that evtab's own machinery puts there (the lock,
/// staging and commit folders), which do not make a folder someone else's.
fn is_machinery(name: &str) -> bool {
    name == LOCK_FILE || name == COMMIT_DIR || name.starts_with(STAGING_PREFIX)
}

/// The path with symbolic links resolved, also when its last parts do not
/// exist yet: the longest existing ancestor is resolved and the rest appended.
fn resolve(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = fs::canonicalize(existing) {
            return rest.iter().rev().fold(real, |p: PathBuf, part| p.join(part));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

/// Refuses an output folder that is the input folder or inside it.
pub fn check_apart(input: &Path, out: &Path) -> Result<(), OutputError> {
    let (input_real, out_real) = (resolve(input), resolve(out));
    let relation = if out_real == input_real {
        "the same as"
    } else if out_real.starts_with(&input_real) {
        "inside"
    } else {
        return Ok(());
    };
    Err(OutputError::InsideInput { out: out.to_path_buf(), input: input.to_path_buf(), relation })
}

/// An output folder this run owns until it is dropped.
#[derive(Debug)]
pub struct OwnedFolder {
    path: PathBuf,
    /// Held for the whole run; closing the file releases the lock.
    _lock: fs::File,
    /// Files the previous run wrote (from its marker).
    previous: BTreeSet<String>,
}

/// A staging folder inside the output folder, removed when dropped unless
/// it was committed.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    armed: bool,
}

impl Staging {
    /// Where the run writes its files.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if self.armed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

impl OwnedFolder {
    /// Takes `out` for a run that reads `input` and writes `will_write`:
    /// refuses (touching nothing) a folder that is not evtab's, that is or
    /// lies inside the input, that another run holds, or that holds a file
    /// of one of those names that evtab did not write. Creates the folder
    /// when it does not exist, and finishes or clears what a killed run left.
    pub fn claim(out: &Path, input: &Path, will_write: &[&str]) -> Result<Self, OutputError> {
        check_apart(input, out)?;
        match fs::metadata(out) {
            Ok(meta) if !meta.is_dir() => return Err(OutputError::NotAFolder { path: out.to_path_buf() }),
            Ok(_) => drop(check_owned(out)?),
            Err(_) => fs::create_dir_all(out).map_err(io("create the output folder", out))?,
        }
        let lock_path = out.join(LOCK_FILE);
        let lock = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(io("create the lock file", &lock_path))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => return Err(OutputError::Locked { path: out.to_path_buf() }),
            Err(fs::TryLockError::Error(e)) => return Err(io("lock", &lock_path)(e)),
        }
        // Under the lock, the folder is as the last run left it.
        let previous = check_owned(out)?;
        recover(out, &previous)?;
        let previous = check_owned(out)?;
        for file in will_write {
            let path = out.join(file);
            if !previous.contains(*file) && fs::symlink_metadata(&path).is_ok() {
                return Err(OutputError::Collision { path });
            }
        }
        Ok(OwnedFolder { path: out.to_path_buf(), _lock: lock, previous })
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A new, empty staging folder for this run's files.
    pub fn stage(&self) -> Result<Staging, OutputError> {
        let dir = self.path.join(format!("{STAGING_PREFIX}{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(io("remove the stale staging folder", &dir))?;
        }
        fs::create_dir(&dir).map_err(io("create the staging folder", &dir))?;
        Ok(Staging { dir, armed: true })
    }

    /// Moves the staged `files` into place, removes files the previous run
    /// wrote and this one did not, and writes the marker.
    pub fn commit(&self, mut staging: Staging, files: &[String]) -> Result<(), OutputError> {
        if let Some(bad) = files.iter().find(|f| !is_plain_file_name(f)) {
            return Err(io("write", &self.path.join(bad))(std::io::Error::other("not a plain file name")));
        }
        let marker = Marker::new(files.iter().cloned().collect());
        let marker_path = staging.dir.join(MARKER_FILE);
        crate::write_file(&marker_path, marker.to_json().as_bytes()).map_err(io("write", &marker_path))?;
        let commit = self.path.join(COMMIT_DIR);
        fs::rename(&staging.dir, &commit).map_err(io("commit the staging folder", &staging.dir))?;
        staging.armed = false;
        roll_forward(&self.path, &self.previous)
    }
}

/// The files a folder's marker lists, after refusing a folder that holds
/// other things but no marker.
fn check_owned(out: &Path) -> Result<BTreeSet<String>, OutputError> {
    if let Some(marker) = read_marker(out)? {
        return Ok(marker.files.into_iter().collect());
    }
    let listing = fs::read_dir(out).map_err(io("list", out))?;
    for entry in listing {
        let entry = entry.map_err(io("list", out))?;
        if !is_machinery(&entry.file_name().to_string_lossy()) {
            return Err(OutputError::NotOwned { path: out.to_path_buf() });
        }
    }
    Ok(BTreeSet::new())
}

/// Finishes a commit a killed run left half done, and removes staging
/// folders of killed runs (the lock says no other run is alive).
fn recover(out: &Path, previous: &BTreeSet<String>) -> Result<(), OutputError> {
    let commit = out.join(COMMIT_DIR);
    if commit.is_dir() {
        if commit.join(MARKER_FILE).is_file() {
            roll_forward(out, previous)?;
        } else {
            fs::remove_dir_all(&commit).map_err(io("remove the stale commit folder", &commit))?;
        }
    }
    for entry in fs::read_dir(out).map_err(io("list", out))?.flatten() {
        if entry.file_name().to_string_lossy().starts_with(STAGING_PREFIX) {
            let path = entry.path();
            fs::remove_dir_all(&path).map_err(io("remove the stale staging folder", &path))?;
        }
    }
    Ok(())
}

/// Step 3 of a run: moves every file of the commit folder into place.
fn roll_forward(out: &Path, previous: &BTreeSet<String>) -> Result<(), OutputError> {
    let commit = out.join(COMMIT_DIR);
    let marker = read_marker(&commit)?.ok_or_else(|| OutputError::BadMarker {
        path: commit.join(MARKER_FILE),
        message: "the commit folder has no marker".to_string(),
    })?;
    for file in &marker.files {
        let staged = commit.join(file);
        if staged.exists() {
            fs::rename(&staged, out.join(file)).map_err(io("move into place", &staged))?;
        }
    }
    for file in previous.iter().filter(|f| !marker.files.contains(f)) {
        let old = out.join(file);
        if fs::symlink_metadata(&old).is_ok_and(|m| m.is_file()) {
            fs::remove_file(&old).map_err(io("remove the outdated", &old))?;
        }
    }
    let staged_marker = commit.join(MARKER_FILE);
    fs::rename(&staged_marker, out.join(MARKER_FILE)).map_err(io("move into place", &staged_marker))?;
    fs::remove_dir_all(&commit).map_err(io("remove", &commit))
}
