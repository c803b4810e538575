//! One function per command; each returns the process's exit code.

mod eval;
mod ingest;
mod models;
mod train;
mod views;

use crate::cli::{Cli, Command};
use std::process::ExitCode;

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    init_logging(cli.verbose, cli.quiet);
    models::install(cli.models.as_deref())?;
    match &cli.command {
        Command::Ingest(a) => ingest::ingest(&cli, a),
        Command::Demo(a) => ingest::demo(&cli, a),
        Command::Articles(a) => views::articles(&cli, a),
        Command::Events(a) => views::events(&cli, a),
        Command::Stories(a) => views::stories(&cli, a),
        Command::Entities(a) => views::entities(&cli, a),
        Command::Entity(a) => views::entity(&cli, a),
        Command::Story(a) => views::story(&cli, a),
        Command::Report(a) => views::report(&cli, a),
        Command::Export(a) => views::export(&cli, a),
        Command::Eval(a) => eval::eval(a),
        Command::Bench(a) => eval::bench(a),
        Command::Train(a) => {
            let mut a = a.clone();
            a.models = cli.models.clone();
            train::train(&a, cli.quiet)
        }
    }
}

fn init_logging(verbose: u8, quiet: bool) {
    let level = match (quiet, verbose) {
        (true, _) => "error",
        (false, 0) => "warn",
        (false, 1) => "info",
        _ => "debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("SITREP_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_target(false)
        .try_init();
}
