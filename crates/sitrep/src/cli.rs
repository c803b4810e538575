//! The command line, declared with clap.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// sitrep turns news articles into a sourced, deduplicated picture of events: who met, asked,
/// promised, refused, threatened or attacked whom, about what, when and where, and which
/// outlets say so.
///
/// Typical use:
///   sitrep demo                          # the bundled sample, end to end
///   sitrep ingest articles/ feed.jsonl   # read articles into ./sitrep.db
///   sitrep report                        # per story, a timeline of events with sources
///   sitrep events --type REJECT          # a table of events
///   sitrep export events --format jsonl  # the stable export format
#[derive(Debug, Parser)]
#[command(name = "sitrep", version, verbatim_doc_comment)]
pub struct Cli {
    /// The database file (SQLite); created when missing.
    #[arg(long, global = true, default_value = "sitrep.db", env = "SITREP_DB")]
    pub db: PathBuf,

    /// More log output (-v info, -vv debug); logs go to stderr.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    /// Only errors on stderr (no progress bar).
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// A folder with model files (tagger.model, parser.model, ner.model) to use instead of the
    /// ones built into the binary; files missing there come from the binary.
    #[arg(long, global = true, value_name = "DIR", env = "SITREP_MODELS")]
    pub models: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read articles from files, folders or stdin, analyse them and store the results.
    ///
    /// Formats: plain scraped text (.txt, one article per file) and JSONL (one article per
    /// line: `text` required; `id`, `url`, `outlet`, `title`, `published` optional), each also
    /// gzipped. The format is detected from the content as well as the name. Folders are read
    /// recursively. Bad files and lines are reported with their place and skipped; the rest goes
    /// on. Re-ingesting an article changes nothing. Exits with 1 only when nothing could be
    /// ingested.
    Ingest(IngestArgs),
    /// List the stored articles: date, outlet, title.
    Articles(ListArgs),
    /// List events (merged across articles), filtered by type, actor and date.
    Events(EventArgs),
    /// List stories: date range, size, title.
    Stories(ListArgs),
    /// List the entities the articles mention: type, country, sector, mention and article
    /// counts, most mentioned first.
    Entities(ListArgs),
    /// One entity: its names as the articles write them, its attributes and where they came
    /// from, the sentences that mention it, its articles and its events.
    Entity(EntityArgs),
    /// One story as a brief: headline, summary, timeline of events, actors, sources.
    Story(StoryArgs),
    /// A readable report: per story, a timeline of events, each with the sentences that say so.
    Report(ReportArgs),
    /// Export events, articles, stories or entities (JSONL or CSV) in the stable format.
    Export(ExportArgs),
    /// Ingest the bundled sample articles into a temporary database and print the report.
    Demo(DemoArgs),
    /// Run a public benchmark and print `eval SUITE metric=value ...`.
    Eval(EvalArgs),
    /// Measure speed and memory on a named corpus and print `bench NAME ...`.
    Bench(BenchArgs),
    /// Train a model (tagger, parser, entity recogniser) from the shared data and write it
    /// where the next build embeds it from (or to --out).
    ///
    /// Training prints one line per epoch and ends with `train NAME dev_...=... out=FILE`.
    /// The model file records the data, the command and the dev scores (its provenance).
    /// Train the tagger before the parser: the parser learns from the tagger's tags.
    Train(TrainArgs),
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum TrainWhat {
    /// Part-of-speech tags, morphological features and lemmas (UD English EWT).
    Tagger,
    /// Dependency trees (UD English EWT, with jackknifed tags).
    Parser,
    /// Named entities (CoNLL-2003 and CrossNER politics).
    Ner,
}

#[derive(Debug, Args, Clone)]
pub struct TrainArgs {
    /// What to train.
    #[arg(value_enum)]
    pub what: TrainWhat,
    /// The training data folder (default: ud/en_ewt or ner/ under ../shared/data, or
    /// $SITREP_DATA).
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Where to write the model (default: the source tree's models folder, which the binary
    /// embeds at build time).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Folds for jackknifing the training tags, for `train parser`.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub folds: usize,
    /// Models to start from (the tagger used for the parser's dev tags); set from --models.
    #[arg(skip)]
    pub models: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files or folders to read; `-` reads standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// A folder of extra knowledge-base files (`*.tsv`, same formats as the built-in ones,
    /// merged over them) and optionally `verbs.txt`, a PETRARCH-format CAMEO verb dictionary
    /// that replaces the built-in verbs (see crates/sitrep-extract/kb/README.md).
    #[arg(long, value_name = "DIR")]
    pub kb: Option<PathBuf>,
    /// Skip documents larger than this many bytes.
    #[arg(long, default_value_t = 10 * 1024 * 1024, value_name = "BYTES")]
    pub max_bytes: usize,
    /// Worker threads for analysis (default: all cores).
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ListFormat {
    Table,
    Jsonl,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Args, Clone, Default)]
pub struct EventFilterArgs {
    /// Only this PLOVER type (AGREE, CONSULT, REQUEST, REJECT, THREATEN, AID, ...).
    #[arg(long = "type", value_name = "TYPE")]
    pub kind: Option<String>,
    /// Only events whose source or target name contains this text (case-insensitive).
    #[arg(long, value_name = "NAME")]
    pub actor: Option<String>,
    /// Only events dated on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only events at or above this confidence (default: the extractor's threshold).
    #[arg(long, value_name = "X", conflicts_with = "all")]
    pub min_confidence: Option<f32>,
    /// Show every event, whatever its confidence.
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Args)]
pub struct EventArgs {
    #[command(flatten)]
    pub filter: EventFilterArgs,
    /// Explain one event (id or id prefix, as the table's ID column shows): its sentence with
    /// trigger, arguments, time and cues marked, and each field with the words it came from.
    #[arg(long, value_name = "ID")]
    pub explain: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct EntityArgs {
    /// A name, alias or id ("Zelensky", "Vladimir Zelensky", "kb:volodymyr-zelensky"); a part
    /// of a name lists the entities that contain it.
    pub name: String,
    /// Only events at or above this confidence (default: the extractor's threshold).
    #[arg(long, value_name = "X", conflicts_with = "all")]
    pub min_confidence: Option<f32>,
    /// Show every event, whatever its confidence.
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Args)]
pub struct StoryArgs {
    /// The story's id, or a prefix of it (as `sitrep stories` shows).
    pub id: String,
    /// Only events at or above this confidence (default: the extractor's threshold).
    #[arg(long, value_name = "X", conflicts_with = "all")]
    pub min_confidence: Option<f32>,
    /// Show every event, whatever its confidence.
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Only the story with this id (or id prefix).
    #[arg(long, value_name = "ID")]
    pub story: Option<String>,
    /// Only events at or above this confidence (default: the extractor's threshold).
    #[arg(long, value_name = "X", conflicts_with = "all")]
    pub min_confidence: Option<f32>,
    /// Show every event, whatever its confidence.
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ExportWhat {
    Events,
    Articles,
    Stories,
    Entities,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ExportFormat {
    Jsonl,
    Csv,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to export.
    #[arg(value_enum)]
    pub what: ExportWhat,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
    pub format: ExportFormat,
    /// Write here instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Filters, for `export events`.
    #[command(flatten)]
    pub filter: EventFilterArgs,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Keep the demo database at this path instead of a temporary file.
    #[arg(long, value_name = "FILE")]
    pub keep: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Suite {
    /// The 48 English "Golden Rules" of sentence splitting.
    Sentences,
    /// TempEval-3 platinum: time expressions found and normalised against the document date.
    Timex,
    /// Main text of 181 news pages against their ground truth (4-gram shingle F1).
    ArticleExtraction,
    /// Publication date of 200 news pages (exact day).
    Pubdate,
    /// Story clustering of the 95 dev items against their groups (B-cubed).
    Stories,
    /// PLOVER gold sentences: the main event's type, source and target against the gold; the
    /// confusion table goes to stderr.
    Plover,
    /// PETRARCH2's unit-test records (CAMEO codes for source, target and event, with the
    /// PETR.Validate dictionaries): records passed. No bar; a comparison with the GDELT coders.
    Petrarch,
    /// UD English EWT test: UPOS, UAS and LAS with gold tokens, then with sitrep's own words
    /// (CoNLL 2018 scoring: aligned words, F1).
    Ud,
    /// CoNLL++ (corrected CoNLL-2003 test): entity F1, precision, recall, per-type F1.
    NerConll,
    /// CrossNER politics test: entity F1 with sitrep's types mapped to CrossNER's.
    NerCrossner,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The benchmark to run.
    #[arg(value_enum)]
    pub suite: Suite,
    /// The suite's data folder (default: its folder under ../shared/data, or $SITREP_DATA).
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Also print every record's expected and produced coding to stderr (plover, petrarch).
    #[arg(long)]
    pub records: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum BenchName {
    /// HTML main-text and metadata extraction on the 181 article-extraction pages: pages/s and
    /// MB/s on one thread and on all cores, and peak memory.
    Extract,
    /// Online story clustering of synthetic articles made by perturbing the stories dev items:
    /// articles/s at 1,000 and at N articles, and peak memory.
    Stories,
    /// The whole pipeline (read, extract, analyse, cluster, store in a temporary database) on the
    /// 181 article-extraction pages: articles/s on one core (per CPU second, models loaded
    /// beforehand; the load is reported as startup_cpu_s) and on all cores, and peak memory.
    Pipeline,
    /// Words per second on one core for tokenise+tag+parse and for entity recognition +
    /// linking, on the sample articles and on EWT test; peak memory.
    Nlp,
}

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Articles to cluster, for `bench stories`.
    #[arg(long, default_value_t = 100_000, value_name = "N")]
    pub articles: usize,
    /// What to measure.
    #[arg(value_enum)]
    pub name: BenchName,
    /// The corpus folder (default: its folder under ../shared/data, or $SITREP_DATA).
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
}

pub fn parse() -> Cli {
    Cli::parse()
}
