//! The `evtab` command line: arguments, built-in defaults, progress,
//! messages and exit codes. `evtab-pipeline` does the run; this crate turns
//! what a user typed into its settings and its outcome into what they read.
#![deny(missing_docs)]

mod cli;
mod defaults;

pub use cli::{ExitStatus, main_with_args};
pub use defaults::BUILT_IN;
