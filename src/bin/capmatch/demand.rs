//! `capmatch clusters` and `capmatch brief`: regional demand, draft project
//! concepts and donor briefs.

use capmatch::graph::Ranking;
use capmatch::plan::{DemandOptions, DonorBrief, EarlierEditions, RegionalDemand, latest_editions};
use capmatch::similarity::Analysis;
use capmatch::{Corpus, Error, MatchConfig, Party, Result};
use clap::{Args, ValueEnum};

use super::{Cli, InputArgs, OutputArgs, load_inputs, write_output};

/// Offers kept per need when looking for donors: enough for every donor that meets
/// a need at the partial tier to be seen.
const DONOR_TOP_K: usize = 50;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum PlanFormat {
    Md,
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct ClustersArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "md")]
    format: PlanFormat,
    /// The fewest economies a cluster spans (at least 2).
    #[arg(long, value_name = "N", default_value_t = 2)]
    min_economies: usize,
    /// Use every edition of every party, not only each one's latest.
    #[arg(long)]
    all_editions: bool,
    #[command(flatten)]
    pub(crate) out: OutputArgs,
}

#[derive(Debug, Args)]
pub(crate) struct BriefArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,
    /// The donor: an economy (APEC or ISO code, or name) or an organisation
    /// (WCO, UNODC, or "org:NAME").
    #[arg(long, value_name = "PARTY")]
    donor: String,
    /// Output format.
    #[arg(long, value_enum, default_value = "md")]
    format: PlanFormat,
    /// Use every edition of every party, not only each one's latest.
    #[arg(long)]
    all_editions: bool,
    #[command(flatten)]
    pub(crate) out: OutputArgs,
}

/// Prints which editions were left out, unless `--quiet`.
fn note_left_out(cli: &Cli, left_out: &[EarlierEditions]) {
    if cli.quiet || left_out.is_empty() {
        return;
    }
    let editions: Vec<String> = left_out
        .iter()
        .map(|e| {
            let years: Vec<String> = e.left_out.iter().map(u16::to_string).collect();
            format!("{} {} (left out: {})", e.party, e.latest, years.join(", "))
        })
        .collect();
    eprintln!(
        "info: each economy's latest edition is used, so that a restated need counts once: {}; \
         --all-editions uses every edition",
        editions.join("; ")
    );
}

/// The loaded corpus as the plan commands read it: each party's latest edition
/// unless `all`, as the Summary Report does (and the same analysis, so that
/// `capmatch clusters` and the report's regional demand agree).
fn plan_corpus(cli: &Cli, input: &InputArgs, all: bool) -> Result<Corpus> {
    let loaded = load_inputs(cli, input)?;
    if all {
        return Ok(loaded.corpus);
    }
    let (corpus, earlier) = latest_editions(&loaded.corpus);
    note_left_out(cli, &earlier);
    Ok(corpus)
}

pub(crate) fn run_clusters(cli: &Cli, args: &ClustersArgs) -> Result<()> {
    // The corpus holds the editions to use already.
    let options = DemandOptions::new().min_economies(args.min_economies).all_editions(true).build()?;
    let config = MatchConfig::new().top_k(DONOR_TOP_K).build()?;
    let corpus = plan_corpus(cli, &args.input, args.all_editions)?;
    let analysis = Analysis::new(&corpus, config.fuzzy_threshold);
    let ranking = Ranking::new(&analysis, &config);
    let demand = RegionalDemand::new(&ranking, &options);
    let text = match args.format {
        PlanFormat::Md => demand.to_markdown(),
        PlanFormat::Json => demand.to_json(),
    };
    write_output(args.out.output.as_deref(), |w| {
        w.write_all(text.as_bytes()).map_err(|source| Error::Write { source })
    })
}

pub(crate) fn run_brief(cli: &Cli, args: &BriefArgs) -> Result<()> {
    let donor: Party = args.donor.parse().map_err(|_| Error::Config {
        field: "donor".to_string(),
        reason: format!(
            "unknown economy or organisation {:?} (use an APEC code such as USA, an ISO 3166 code, a name, \
                 or \"org:NAME\" for an organisation)",
            args.donor
        ),
    })?;
    // The corpus holds the editions to use already.
    let options = DemandOptions::new().all_editions(true).build()?;
    let config = MatchConfig::new().top_k(DONOR_TOP_K).build()?;
    let corpus = plan_corpus(cli, &args.input, args.all_editions)?;
    let analysis = Analysis::new(&corpus, config.fuzzy_threshold);
    let ranking = Ranking::new(&analysis, &config);
    let demand = RegionalDemand::new(&ranking, &options);
    let brief = DonorBrief::new(&ranking, &demand, &donor, true)?;
    let text = match args.format {
        PlanFormat::Md => brief.to_markdown(),
        PlanFormat::Json => brief.to_json(),
    };
    write_output(args.out.output.as_deref(), |w| {
        w.write_all(text.as_bytes()).map_err(|source| Error::Write { source })
    })
}
