//! The `sitrep` command. Thin: parse the command line, run it, map the outcome to an exit code.
//! Everything else lives in the library crates (see ARCHITECTURE.md).

mod cli;
mod commands;
mod progress;

use std::process::ExitCode;

/// mimalloc instead of the system allocator: the pipeline allocates many small, short-lived
/// vectors and strings per sentence, and glibc's malloc and free took about 6% of its time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match commands::run(cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
