//! The `sitrep` command. Thin: parse the command line, run it, map the outcome to an exit code.
//! Everything else lives in the library crates (see ARCHITECTURE.md).

mod cli;
mod commands;
mod progress;

use std::process::ExitCode;

fn main() -> ExitCode {
    match commands::run(cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
