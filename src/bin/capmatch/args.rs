//! The command line's arguments (clap's derive): the subcommands and their options.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use super::demand;

/// Match APEC counter-terrorism capacity-building needs with offered expertise.
#[derive(Debug, Parser)]
#[command(name = "capmatch", version, about, long_about = None)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
    /// Do not print diagnostics (warnings and notes) on standard error.
    #[arg(long, short, global = true)]
    pub(crate) quiet: bool,
    /// Worker threads, 1 to 1024 (default: all cores). Output is the same at any
    /// count. (Bounded: asking for 100,000 threads spent minutes starting them.)
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub(crate) threads: Option<u16>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Parse CTAP text files into corpus JSON.
    Parse(ParseArgs),
    /// Rank, for every need, the offers of other parties that could meet it.
    Match(MatchArgs),
    /// Write the Summary Report of Counter-Terrorism Capacity Building Needs.
    Report(ReportArgs),
    /// Assign needs to offers, respecting each offer's capacity.
    Assign(AssignArgs),
    /// Compare each economy's consecutive CTAP editions: persistent, new and
    /// resolved needs.
    Progress(ProgressArgs),
    /// Generate a synthetic corpus with planted true matches.
    Synth(SynthArgs),
    /// Print the JSON Schema of the corpus format.
    Schema(OutputArgs),
    /// Group needs that several economies share into candidate regional projects.
    Clusters(demand::ClustersArgs),
    /// Brief one donor: the needs its offers fit, the projects it could lead, the gaps in its areas.
    Brief(demand::BriefArgs),
}

#[derive(Debug, Args)]
pub(crate) struct OutputArgs {
    /// Write the result to FILE instead of standard output (atomically: a failure
    /// leaves no partial file).
    #[arg(long, short, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct InputArgs {
    /// CTAPs as Word (.docx) or PDF files (told by content), corpus JSON files
    /// (`.json`), or CTAP text files (anything else).
    #[arg(required = true, value_name = "INPUT")]
    pub(crate) inputs: Vec<PathBuf>,
    /// The economy of the CTAP text inputs, overriding what they say.
    #[arg(long, value_name = "E")]
    pub(crate) economy: Option<String>,
    /// The calendar year of the CTAP text inputs, overriding what they say.
    #[arg(long, value_name = "Y")]
    pub(crate) year: Option<u16>,
    /// Two submissions of one party and year: merge them into one edition (each item
    /// counted once), keep the first or the last, or stop with an error.
    #[arg(long, value_name = "HOW", default_value = "merge", value_parser = ["merge", "first", "last", "error"])]
    pub(crate) on_duplicate: String,
    /// The most pages a PDF input may have; a longer one is refused unread.
    #[arg(long, value_name = "N", default_value_t = 2000)]
    pub(crate) max_pages: u32,
}

#[derive(Debug, Args)]
pub(crate) struct ParseArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,
    #[command(flatten)]
    pub(crate) out: OutputArgs,
}

#[derive(Debug, Args)]
pub(crate) struct MatchOptions {
    /// Offers kept per need.
    #[arg(long, value_name = "K")]
    pub(crate) top: Option<usize>,
    /// Lowest score of a match, from 0 to 1.
    #[arg(long, value_name = "S")]
    pub(crate) min_score: Option<f64>,
    /// A JSON file of matching settings (weights, thresholds); flags override it.
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    /// Score every (need, offer) pair instead of using the candidate index.
    #[arg(long)]
    pub(crate) exact: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum MatchFormat {
    Json,
    /// JSON Lines: need, offer, rank, score and tier only (compact, for benchmarks).
    Jsonl,
    Csv,
    Md,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum AssignFormat {
    Json,
    Csv,
    Md,
}

#[derive(Debug, Args)]
pub(crate) struct MatchArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,
    #[command(flatten)]
    pub(crate) options: MatchOptions,
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    pub(crate) format: MatchFormat,
    /// A truth file from `capmatch synth --truth`: print the recall of the planted
    /// pairs on standard error.
    #[arg(long, value_name = "FILE")]
    pub(crate) truth: Option<PathBuf>,
    /// With `--truth`: estimate recall on N needs that have planted pairs (chosen by
    /// id hash), each ranked against every offer and with the candidate index, and
    /// print both; no match list is written.
    #[arg(long, value_name = "N", requires = "truth", value_parser = clap::value_parser!(u64).range(1..))]
    pub(crate) sample_needs: Option<u64>,
    /// Print on standard error how long each stage took, in wall-clock seconds:
    /// reading the input, analysing the texts, ranking (the candidate index
    /// included) and writing the match list; on Linux also the share of the
    /// machine's CPU time that went to other virtual machines meanwhile (steal).
    #[arg(long)]
    pub(crate) timings: bool,
    #[command(flatten)]
    pub(crate) out: OutputArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum ReportFormat {
    Md,
    Json,
    Dot,
    // One self-contained HTML page with pictures (a doc comment would change `--help`).
    Html,
}

#[derive(Debug, Args)]
pub(crate) struct ReportArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,
    #[command(flatten)]
    pub(crate) options: MatchOptions,
    /// Output format.
    #[arg(long, value_enum, default_value = "md")]
    pub(crate) format: ReportFormat,
    /// Report on this year's submissions only.
    #[arg(long = "report-year", value_name = "Y")]
    pub(crate) report_year: Option<u16>,
    /// Include contact points (names, telephone numbers, e-mail addresses).
    #[arg(long)]
    pub(crate) include_contacts: bool,
    /// Report every edition's needs; by default an economy with several dated
    /// editions is reported from its latest (the report says which were left out).
    #[arg(long)]
    pub(crate) all_editions: bool,
    #[command(flatten)]
    pub(crate) out: OutputArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum ProgressFormat {
    Md,
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct ProgressArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "md")]
    pub(crate) format: ProgressFormat,
    /// Keep only this economy's editions (`--economy` still sets the economy of
    /// CTAP text inputs).
    #[arg(long = "for", value_name = "E")]
    pub(crate) only: Option<String>,
    #[command(flatten)]
    pub(crate) out: OutputArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum Method {
    Auto,
    Exact,
    Greedy,
}

#[derive(Debug, Args)]
pub(crate) struct AssignArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,
    #[command(flatten)]
    pub(crate) options: MatchOptions,
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    pub(crate) format: AssignFormat,
    /// Exact (Kuhn–Munkres), greedy, or auto (exact up to a size, then greedy).
    #[arg(long, value_enum, default_value = "auto")]
    pub(crate) method: Method,
    #[command(flatten)]
    pub(crate) out: OutputArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum SynthFormat {
    Json,
    Ctap,
}

#[derive(Debug, Args)]
pub(crate) struct SynthArgs {
    /// Number of needs.
    #[arg(long, value_name = "N")]
    pub(crate) needs: usize,
    /// Number of offers.
    #[arg(long, value_name = "M")]
    pub(crate) offers: usize,
    /// Number of member economies taking part (1 to 21).
    #[arg(long, value_name = "E", default_value_t = 21)]
    pub(crate) economies: usize,
    /// Random seed: the same seed gives the same corpus.
    #[arg(long, value_name = "S", default_value_t = 0)]
    pub(crate) seed: u64,
    /// Generator version: 2 (default) paraphrases a planted offer's topic only with
    /// a form naming the same concept; 1 as capmatch 0.1 did.
    #[arg(long, value_name = "V", default_value_t = capmatch::synth::SynthConfig::GENERATOR,
          value_parser = clap::value_parser!(u8).range(1..=i64::from(capmatch::synth::SynthConfig::GENERATOR)))]
    pub(crate) generator: u8,
    /// Output format: corpus JSON, or CTAP text documents (one file per submission
    /// in the `--output` directory).
    #[arg(long, value_enum, default_value = "json")]
    pub(crate) format: SynthFormat,
    /// Write the planted (need, offer) pairs to FILE as JSON.
    #[arg(long, value_name = "FILE")]
    pub(crate) truth: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) out: OutputArgs,
}
