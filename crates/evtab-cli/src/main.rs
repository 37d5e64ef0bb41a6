//! `evtab`: evidence tables from the documents of a qualitative evidence synthesis.

use std::process::ExitCode;

/// Extraction allocates many short strings on every thread; mimalloc's
/// per-thread heaps keep that from serialising on the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let status =
        evtab_cli::main_with_args(std::env::args_os(), &mut std::io::stdout(), &mut std::io::stderr());
    ExitCode::from(status as u8)
}
