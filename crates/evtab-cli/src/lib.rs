//! The `evtab` command line: argument parsing, settings, the run itself, and
//! a readable report. Library crates do the work; this crate wires them
//! together and is the only one that knows about the file system layout,
//! threads and exit codes.
#![deny(missing_docs)]

mod cli;
pub mod config;
pub mod floor;
pub mod overrides;
pub mod pipeline;

pub use cli::{ExitStatus, main_with_args};
