//! The read-side commands: articles, events, stories, report, export.

use super::ingest::open_store;
use crate::cli::{
    Cli, EntityArgs, EventArgs, EventFilterArgs, ExportArgs, ExportFormat, ExportWhat, ListArgs,
    ListFormat, ReportArgs, StoryArgs,
};
use anyhow::Context;
use sitrep_store::{EventFilter, Store};
use sitrep_views::export::{self, Format};
use std::io::Write;
use std::process::ExitCode;

fn existing_store(cli: &Cli) -> anyhow::Result<Store> {
    if !cli.db.exists() {
        anyhow::bail!(
            "database {} does not exist: run `sitrep ingest PATH` first, or pass --db",
            cli.db.display()
        );
    }
    open_store(&cli.db)
}

fn min_confidence(explicit: Option<f32>, all: bool) -> Option<f32> {
    if all {
        None
    } else {
        Some(explicit.unwrap_or(sitrep_extract::DEFAULT_MIN_CONFIDENCE))
    }
}

fn filter(f: &EventFilterArgs) -> anyhow::Result<EventFilter> {
    if let Some(k) = &f.kind {
        k.parse::<sitrep_core::PloverType>().map_err(|e| {
            anyhow::anyhow!(
                "{e}; use one of {}",
                sitrep_core::PloverType::ALL
                    .iter()
                    .map(|t| t.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })?;
    }
    if let Some(s) = &f.since {
        s.parse::<chrono::NaiveDate>()
            .with_context(|| format!("--since {s:?} is not a date like 2024-09-20"))?;
    }
    Ok(EventFilter {
        kind: f.kind.clone(),
        actor: f.actor.clone(),
        since: f.since.clone(),
        min_confidence: min_confidence(f.min_confidence, f.all),
        story: None,
    })
}

fn stdout() -> std::io::BufWriter<std::io::StdoutLock<'static>> {
    std::io::BufWriter::new(std::io::stdout().lock())
}

pub fn articles(cli: &Cli, a: &ListArgs) -> anyhow::Result<ExitCode> {
    let store = existing_store(cli)?;
    let mut out = stdout();
    match a.format {
        ListFormat::Table => write!(out, "{}", sitrep_views::articles_table(&store.articles()?))?,
        ListFormat::Jsonl => export::articles(&store, Format::Jsonl, &mut out)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn events(cli: &Cli, a: &EventArgs) -> anyhow::Result<ExitCode> {
    let store = existing_store(cli)?;
    if let Some(id) = &a.explain {
        return match sitrep_views::explain(&store, id)? {
            Some(text) => {
                let mut out = stdout();
                write!(out, "{text}")?;
                out.flush()?;
                Ok(ExitCode::SUCCESS)
            }
            None => anyhow::bail!(
                "no event with id {id:?} in {}: `sitrep events --all` lists them",
                cli.db.display()
            ),
        };
    }
    let f = filter(&a.filter)?;
    let mut out = stdout();
    match a.format {
        ListFormat::Table => {
            let merged = sitrep_views::merged_events(&store, &f)?;
            write!(out, "{}", sitrep_views::events_table(&merged))?;
            out.flush()?;
            if f.min_confidence.is_some() {
                eprintln!(
                    "{} event(s) with confidence >= {:.2} (--all shows every one)",
                    merged.len(),
                    f.min_confidence.unwrap_or(0.0)
                );
            }
        }
        ListFormat::Jsonl => export::events(&store, &f, Format::Jsonl, &mut out)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn stories(cli: &Cli, a: &ListArgs) -> anyhow::Result<ExitCode> {
    let store = existing_store(cli)?;
    let mut out = stdout();
    match a.format {
        ListFormat::Table => write!(out, "{}", sitrep_views::stories_table(&store.stories()?))?,
        ListFormat::Jsonl => export::stories(&store, Format::Jsonl, &mut out)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn story(cli: &Cli, a: &StoryArgs) -> anyhow::Result<ExitCode> {
    let store = existing_store(cli)?;
    match sitrep_views::story_brief(&store, &a.id, min_confidence(a.min_confidence, a.all))? {
        Some(b) => {
            let mut out = stdout();
            write!(out, "{b}")?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        None => anyhow::bail!(
            "no story with id {:?} in {}: `sitrep stories` lists them",
            a.id,
            cli.db.display()
        ),
    }
}

pub fn report(cli: &Cli, a: &ReportArgs) -> anyhow::Result<ExitCode> {
    let store = existing_store(cli)?;
    let opts = sitrep_views::ReportOptions {
        min_confidence: min_confidence(a.min_confidence, a.all),
        story: a.story.clone(),
    };
    let mut out = stdout();
    write!(out, "{}", sitrep_views::report(&store, &opts)?)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn export(cli: &Cli, a: &ExportArgs) -> anyhow::Result<ExitCode> {
    let store = existing_store(cli)?;
    let format = match a.format {
        ExportFormat::Jsonl => Format::Jsonl,
        ExportFormat::Csv => Format::Csv,
    };
    let mut sink: Box<dyn Write> = match &a.output {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(stdout()),
    };
    match a.what {
        ExportWhat::Events => {
            // Exports carry every event unless asked otherwise: scripts filter on `confidence`.
            let mut f = filter(&a.filter)?;
            if a.filter.min_confidence.is_none() {
                f.min_confidence = None;
            }
            export::events(&store, &f, format, &mut sink)?
        }
        ExportWhat::Articles => export::articles(&store, format, &mut sink)?,
        ExportWhat::Stories => export::stories(&store, format, &mut sink)?,
        ExportWhat::Entities => export::entities(&store, format, &mut sink)?,
    }
    sink.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn entities(cli: &Cli, a: &ListArgs) -> anyhow::Result<ExitCode> {
    let store = existing_store(cli)?;
    let mut out = stdout();
    match a.format {
        ListFormat::Table => write!(out, "{}", sitrep_views::entities_table(&store)?)?,
        ListFormat::Jsonl => export::entities(&store, Format::Jsonl, &mut out)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn entity(cli: &Cli, a: &EntityArgs) -> anyhow::Result<ExitCode> {
    let store = existing_store(cli)?;
    match sitrep_views::entity_page(&store, &a.name, min_confidence(a.min_confidence, a.all))? {
        Some(page) => {
            print!("{page}");
            Ok(ExitCode::SUCCESS)
        }
        None => {
            eprintln!("no entity matches {:?} (try `sitrep entities`)", a.name);
            Ok(ExitCode::from(1))
        }
    }
}
