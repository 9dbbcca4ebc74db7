//! `capmatch`: the command line front end.
//!
//! Results go to standard output (or `--output FILE`, written atomically);
//! diagnostics and errors go to standard error as `warning: FILE:LINE: …` and
//! `error: FILE:LINE: …`. Exit status: 0 on success, 1 on bad input, 2 on usage
//! errors.

use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use capmatch::graph::{AssignMethod, MatchGraph, Ranking, assign};
use capmatch::input::{LoadOptions, Loaded, OnDuplicate, load, same_file};
use capmatch::plan::progress::Progress;
use capmatch::plan::{has_several_editions, latest_editions};
use capmatch::report::{self, SummaryOptions, SummaryReport};
use capmatch::similarity::Analysis;
use capmatch::synth::{SynthConfig, Synthetic};
use capmatch::{Corpus, Diagnostic, Error, Location, MatchConfig, Party, Result, Severity};

/// mimalloc instead of the system's allocator: ranking makes many small, short-lived
/// allocations on every thread (see the comment on the dependency in Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};

// In a directory of its own: a file beside this one would be taken for another binary.
#[path = "capmatch/demand.rs"]
mod demand;

#[path = "capmatch/args.rs"]
mod args;

#[path = "capmatch/steal.rs"]
mod steal;

use args::{
    AssignArgs, AssignFormat, Cli, Command, InputArgs, MatchArgs, MatchFormat, MatchOptions, Method,
    OutputArgs, ParseArgs, ProgressArgs, ProgressFormat, ReportArgs, ReportFormat, SynthArgs, SynthFormat,
};

fn main() -> ExitCode {
    let cli = Cli::parse();
    // A damaged PDF can make the PDF reader's crates panic; the library catches
    // that and reports the page or file, so the panic message itself is noise.
    capmatch::document::quiet_reader_panics();
    if let Some(n) = cli.threads
        && let Err(e) = rayon::ThreadPoolBuilder::new().num_threads(usize::from(n)).build_global()
    {
        eprintln!("error: cannot start {n} threads: {e}");
        return ExitCode::from(2);
    }
    if let Some(message) = output_is_an_input(&cli) {
        eprintln!("error: {message}");
        return ExitCode::from(2);
    }
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

/// A usage error when `-o FILE` is one of the files the command reads (by the same
/// path, another path or a link): writing the result would destroy an input. Checked
/// before anything is read or written.
fn output_is_an_input(cli: &Cli) -> Option<String> {
    let (output, input, extra): (_, Option<&InputArgs>, Vec<&Path>) = match &cli.command {
        Command::Parse(a) => (&a.out.output, Some(&a.input), Vec::new()),
        Command::Match(a) => (
            &a.out.output,
            Some(&a.input),
            a.options.config.iter().chain(&a.truth).map(PathBuf::as_path).collect(),
        ),
        Command::Report(a) => {
            (&a.out.output, Some(&a.input), a.options.config.iter().map(PathBuf::as_path).collect())
        }
        Command::Assign(a) => {
            (&a.out.output, Some(&a.input), a.options.config.iter().map(PathBuf::as_path).collect())
        }
        Command::Progress(a) => (&a.out.output, Some(&a.input), Vec::new()),
        Command::Clusters(a) => (&a.out.output, Some(&a.input), Vec::new()),
        Command::Brief(a) => (&a.out.output, Some(&a.input), Vec::new()),
        Command::Synth(_) | Command::Schema(_) => return None,
    };
    let output = output.as_deref()?;
    // Only a regular file can be destroyed by the result; `-o /dev/stdout` with an
    // input of /dev/stdin is a pipe.
    if !std::fs::metadata(output).is_ok_and(|m| m.is_file()) {
        return None;
    }
    let inputs = input.iter().flat_map(|i| i.inputs.iter().map(PathBuf::as_path)).chain(extra);
    inputs.into_iter().find(|i| same_file(output, i)).map(|input| {
        format!(
            "the output file {} is also an input ({}): write the result to another file",
            output.display(),
            input.display()
        )
    })
}

fn run(cli: &Cli) -> Result<()> {
    match &cli.command {
        Command::Parse(args) => parse(cli, args),
        Command::Match(args) => run_match(cli, args),
        Command::Report(args) => run_report(cli, args),
        Command::Assign(args) => run_assign(cli, args),
        Command::Progress(args) => run_progress(cli, args),
        Command::Synth(args) => synth(args),
        Command::Clusters(args) => demand::run_clusters(cli, args),
        Command::Brief(args) => demand::run_brief(cli, args),
        Command::Schema(out) => write_output(out.output.as_deref(), |w| {
            w.write_all(capmatch::model::CORPUS_SCHEMA.as_bytes()).map_err(|source| Error::Write { source })
        }),
    }
}

/// The most diagnostics printed; the rest are counted.
const MAX_DIAGNOSTICS: usize = 200;

fn print_diagnostics(cli: &Cli, diagnostics: &[Diagnostic]) {
    if cli.quiet {
        return;
    }
    let mut err = std::io::stderr().lock();
    for d in diagnostics.iter().take(MAX_DIAGNOSTICS) {
        let _ = writeln!(err, "{d}");
    }
    if diagnostics.len() > MAX_DIAGNOSTICS {
        let warnings =
            diagnostics[MAX_DIAGNOSTICS..].iter().filter(|d| d.severity == Severity::Warning).count();
        let _ = writeln!(
            err,
            "info: {} more diagnostics not shown ({warnings} warnings)",
            diagnostics.len() - MAX_DIAGNOSTICS
        );
    }
}

/// A party named on the command line (`--economy`, `--for`).
fn party_arg(field: &str, e: &str) -> Result<Party> {
    e.parse::<Party>().map_err(|_| Error::Config {
        field: field.to_string(),
        reason: format!(
            "unknown economy or organisation {e:?} (use an APEC code such as ROK, an ISO 3166 \
                 code, a name, or \"org:NAME\" for an organisation)"
        ),
    })
}

fn load_inputs(cli: &Cli, input: &InputArgs) -> Result<Loaded> {
    let economy = match &input.economy {
        Some(e) => Some(party_arg("economy", e)?),
        None => None,
    };
    let on_duplicate = input.on_duplicate.parse::<OnDuplicate>()?;
    let options = LoadOptions {
        economy,
        year: input.year,
        on_duplicate,
        document: capmatch::document::DocumentOptions::new().max_pages(input.max_pages),
    };
    let loaded = load(&input.inputs, &options)?;
    print_diagnostics(cli, &loaded.diagnostics);
    Ok(loaded)
}

fn match_config(options: &MatchOptions) -> Result<MatchConfig> {
    let mut config = match &options.config {
        Some(path) => read_config(path)?,
        None => MatchConfig::new(),
    };
    if let Some(k) = options.top {
        config = config.top_k(k);
    }
    if let Some(s) = options.min_score {
        config = config.min_score(s);
    }
    if options.exact {
        config = config.exact(true);
    }
    config.build().map_err(|e| match (e, &options.config) {
        // A bad value that came from the file (not overridden by a flag) is blamed
        // on the file, under its name there.
        (Error::Config { field, reason }, Some(path))
            if !(field == "top" && options.top.is_some()
                || field == "min_score" && options.min_score.is_some()) =>
        {
            Error::InvalidValue {
                at: Location::file(path.display().to_string()),
                path: if field == "top" { "top_k".to_string() } else { field },
                message: reason,
            }
        }
        (e, _) => e,
    })
}

/// Reads a `--config` file; errors name the file, the line and the setting
/// (`cfg.json:3: weights.topic: …`). Values are validated by [`match_config`].
fn read_config(path: &Path) -> Result<MatchConfig> {
    let name = path.display().to_string();
    let bytes = capmatch::input::read_file(path)?;
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return Err(Error::Json {
            at: Location::new(&name, 1),
            path: String::new(),
            message: "expected a JSON object of settings, such as {\"top_k\": 10}".to_string(),
        });
    }
    let mut de = serde_json::Deserializer::from_slice(&bytes);
    let config = match serde_path_to_error::deserialize::<_, MatchConfig>(&mut de) {
        Ok(config) => de.end().map(|()| config).map_err(|e| (String::new(), e)),
        Err(e) => Err((e.path().to_string(), e.into_inner())),
    };
    let config = config.map_err(|(path, e)| {
        let full = e.to_string();
        // serde_json appends " at line L column C"; the location already says where.
        let message = full.rfind(" at line ").map_or(full.as_str(), |i| &full[..i]).to_string();
        Error::Json {
            at: Location { file: Some(name.clone()), line: u32::try_from(e.line()).ok().filter(|l| *l > 0) },
            path: if path == "." { String::new() } else { path },
            message,
        }
    })?;
    Ok(config)
}

/// Writes through `f` to standard output, or to `path` atomically (a temporary file
/// in the same directory, renamed into place), so that a failure leaves neither a
/// partial result file nor the temporary file behind.
///
/// A path that exists and is not a regular file (`/dev/null`, `/dev/stdout`, a FIFO)
/// is written to directly: renaming over it would replace the device or pipe. A
/// symbolic link is followed, so the file it points at is replaced, not the link.
fn write_output(path: Option<&Path>, f: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let Some(path) = path else {
        let stdout = std::io::stdout().lock();
        let mut w = BufWriter::with_capacity(1 << 16, stdout);
        f(&mut w)?;
        return w.flush().map_err(|source| Error::Write { source });
    };
    let name = path.display().to_string();
    let fail = |source| Error::WriteFile { path: name.clone(), source };
    // Output errors inside `f` name the file, not standard output.
    let named = |e: Error| match e {
        Error::Write { source } => fail(source),
        e => e,
    };
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => return Err(fail(std::io::Error::other("is a directory"))),
        Ok(meta) if !meta.is_file() => {
            let file = std::fs::OpenOptions::new().write(true).open(path).map_err(fail)?;
            let mut w = BufWriter::with_capacity(1 << 16, file);
            f(&mut w).map_err(named)?;
            return w.flush().map_err(fail);
        }
        _ => {}
    }
    // Replace what a symbolic link points at (even if it does not exist yet), not
    // the link.
    let target = match std::fs::read_link(path) {
        Ok(to) => std::fs::canonicalize(path)
            .unwrap_or_else(|_| path.parent().map_or_else(|| to.clone(), |dir| dir.join(&to))),
        Err(_) => path.to_path_buf(),
    };
    let Some(file_name) = target.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Err(fail(std::io::Error::other("not a file name")));
    };
    // The process id keeps two runs writing the same result from sharing a temporary file.
    let tmp = target.with_file_name(format!(".{file_name}.{}.capmatch-tmp", std::process::id()));
    let result = (|| {
        let file = std::fs::File::create(&tmp).map_err(fail)?;
        let mut w = BufWriter::with_capacity(1 << 16, file);
        f(&mut w).map_err(named)?;
        let file = w.into_inner().map_err(|e| fail(e.into_error()))?;
        file.sync_all().map_err(fail)?;
        drop(file);
        std::fs::rename(&tmp, &target).map_err(fail)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn progress_bar(len: usize, what: &str) -> Option<ProgressBar> {
    if len < 10_000 || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new(len as u64);
    let style = ProgressStyle::with_template("{spinner} {msg} [{bar:40}] {pos}/{len} ({eta})")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.set_message(what.to_string());
    Some(bar)
}

fn parse(cli: &Cli, args: &ParseArgs) -> Result<()> {
    let loaded = load_inputs(cli, &args.input)?;
    write_output(args.out.output.as_deref(), |w| {
        serde_json::to_writer_pretty(&mut *w, &loaded.corpus)
            .map_err(|e| Error::Write { source: e.into() })?;
        w.write_all(b"\n").map_err(|source| Error::Write { source })
    })
}

/// Runs analysis and ranking with a progress bar on large inputs.
fn rank<'a, 'c>(analysis: &'a Analysis<'c>, config: &MatchConfig) -> Ranking<'a, 'c> {
    let bar = progress_bar(analysis.need_count(), "ranking");
    let ranking = match &bar {
        Some(bar) => Ranking::with_progress(analysis, config, &|n| bar.inc(n)),
        None => Ranking::new(analysis, config),
    };
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    ranking
}

fn run_match(cli: &Cli, args: &MatchArgs) -> Result<()> {
    let config = match_config(&args.options)?;
    let truth = match &args.truth {
        Some(path) => {
            Some(Synthetic::read_truth(&capmatch::input::read_file(path)?).map_err(|e| match e {
                // The reader takes bytes; the error names the file they came from.
                Error::Json { mut at, path: json_path, message } => {
                    at.file = Some(path.display().to_string());
                    Error::Json { at, path: json_path, message }
                }
                e => e,
            })?)
        }
        None => None,
    };
    let steal_from = if args.timings { steal::StealMark::now() } else { None };
    let started = Instant::now();
    let loaded = load_inputs(cli, &args.input)?;
    let read = started.elapsed();
    let analysis = Analysis::new(&loaded.corpus, config.fuzzy_threshold);
    let analysed = started.elapsed();
    if let (Some(sample), Some(truth)) = (args.sample_needs, &truth) {
        let sample = usize::try_from(sample).unwrap_or(usize::MAX);
        let r = capmatch::graph::sampled_recall(
            &analysis,
            &config,
            truth.iter().map(|p| (&p.need, &p.offer)),
            sample,
        );
        let margin = capmatch::graph::SampledRecall::margin;
        eprintln!(
            "sampled recall@{} of planted pairs on {} needs ({} pairs): every offer scored {:.4} ± {:.4}, candidate index {:.4} ± {:.4} ({} needs x {} offers in {:.2} s)",
            config.top_k,
            r.needs,
            r.exact.planted,
            r.exact.recall(),
            margin(&r.exact),
            r.index.recall(),
            margin(&r.index),
            analysis.need_count(),
            analysis.offer_count(),
            started.elapsed().as_secs_f64()
        );
        return Ok(());
    }
    let ranking = rank(&analysis, &config);
    let elapsed = started.elapsed();
    if let Some(truth) = truth {
        let recall = capmatch::graph::recall(&ranking, truth.iter().map(|p| (&p.need, &p.offer)));
        eprintln!(
            "recall@{} of planted pairs: {:.4} ({} of {} found; {} needs x {} offers matched in {:.2} s)",
            config.top_k,
            recall.recall(),
            recall.found,
            recall.planted,
            analysis.need_count(),
            analysis.offer_count(),
            elapsed.as_secs_f64()
        );
    }
    write_output(args.out.output.as_deref(), |w| match args.format {
        MatchFormat::Json => report::write_matches_json(&ranking, w),
        MatchFormat::Jsonl => report::write_matches_jsonl(&ranking, w),
        MatchFormat::Csv => report::write_matches_csv(&ranking, w),
        MatchFormat::Md => report::write_matches_markdown(&ranking, w),
    })?;
    if args.timings {
        // Each mark is a later reading of the same monotonic clock.
        let secs = |from: Duration, to: Duration| to.saturating_sub(from).as_secs_f64();
        let done = started.elapsed();
        eprintln!(
            "timings: read {:.2} s, analyse {:.2} s, rank {:.2} s, write {:.2} s, total {:.2} s",
            secs(Duration::ZERO, read),
            secs(read, analysed),
            secs(analysed, elapsed),
            secs(elapsed, done),
            secs(Duration::ZERO, done)
        );
        if let Some(share) =
            steal_from.zip(steal::StealMark::now()).and_then(|(from, to)| from.share_until(to))
        {
            eprintln!(
                "steal: {:.1}% of the machine's CPU time went to other virtual machines meanwhile",
                100.0 * share
            );
        }
    }
    // The process ends next: its memory goes back to the system at once, which is
    // quicker than freeing a large corpus's millions of allocations one by one.
    std::mem::forget(ranking);
    std::mem::forget(analysis);
    std::mem::forget(loaded);
    Ok(())
}

fn run_report(cli: &Cli, args: &ReportArgs) -> Result<()> {
    let config = match_config(&args.options)?;
    let options =
        SummaryOptions::new().include_contacts(args.include_contacts).year(args.report_year).build()?;
    let loaded = load_inputs(cli, &args.input)?;
    // Progress between editions reads every edition, whatever the report covers.
    let progress = has_several_editions(&loaded.corpus)
        .then(|| Progress::new(&Analysis::new(&loaded.corpus, config.fuzzy_threshold)));
    // Match within the reported year only, so that a need is not left unmet because
    // its best offers are from other years; and within each party's latest edition
    // unless every edition is asked for, so that a restated need counts once.
    let mut corpus = loaded.corpus;
    corpus.submissions.retain(|s| options.selects(s));
    let (corpus, earlier) = if args.all_editions { (corpus, Vec::new()) } else { latest_editions(&corpus) };
    let analysis = Analysis::new(&corpus, config.fuzzy_threshold);
    let ranking = rank(&analysis, &config);
    let graph = MatchGraph::new(&ranking);
    let mut report = SummaryReport::new(&graph, &options).with_earlier_editions(earlier);
    if let Some(progress) = &progress {
        report = report.with_progress(progress);
    }
    let text = match args.format {
        ReportFormat::Md => report.to_markdown(),
        ReportFormat::Json => report.to_json(),
        ReportFormat::Dot => report.to_dot(),
        ReportFormat::Html => report.to_html(),
    };
    write_output(args.out.output.as_deref(), |w| {
        w.write_all(text.as_bytes()).map_err(|source| Error::Write { source })
    })
}

fn run_assign(cli: &Cli, args: &AssignArgs) -> Result<()> {
    let config = match_config(&args.options)?;
    let loaded = load_inputs(cli, &args.input)?;
    let analysis = Analysis::new(&loaded.corpus, config.fuzzy_threshold);
    let ranking = rank(&analysis, &config);
    let method = match args.method {
        Method::Auto => AssignMethod::Auto,
        Method::Exact => AssignMethod::Exact,
        Method::Greedy => AssignMethod::Greedy,
    };
    let plan = assign(&ranking, method);
    write_output(args.out.output.as_deref(), |w| match args.format {
        AssignFormat::Json => report::write_allocation_json(&plan, w),
        AssignFormat::Csv => report::write_allocation_csv(&plan, &loaded.corpus, w),
        AssignFormat::Md => report::write_allocation_markdown(&plan, &loaded.corpus, w),
    })
}

fn run_progress(cli: &Cli, args: &ProgressArgs) -> Result<()> {
    let only = match &args.only {
        Some(e) => Some(party_arg("for", e)?),
        None => None,
    };
    let loaded = load_inputs(cli, &args.input)?;
    let analysis = Analysis::new(&loaded.corpus, MatchConfig::new().fuzzy_threshold);
    let mut progress = Progress::new(&analysis);
    if let Some(party) = &only {
        progress = progress.only(party);
        if !cli.quiet && !loaded.corpus.submissions.iter().any(|s| &s.economy == party) {
            eprintln!("warning: --for {party}: no submission of {party} in the inputs");
        }
    }
    print_diagnostics(cli, &progress.diagnostics);
    let text = match args.format {
        ProgressFormat::Md => report::progress_markdown(&progress),
        ProgressFormat::Json => report::progress_json(&progress),
    };
    write_output(args.out.output.as_deref(), |w| {
        w.write_all(text.as_bytes()).map_err(|source| Error::Write { source })
    })
}

fn synth(args: &SynthArgs) -> Result<()> {
    let config = SynthConfig::new()
        .needs(args.needs)
        .offers(args.offers)
        .economies(args.economies)
        .seed(args.seed)
        .generator(args.generator)
        .build()?;
    let started = Instant::now();
    let synthetic = capmatch::synth::generate(&config);
    if let Some(path) = &args.truth {
        write_output(Some(path), |w| synthetic.write_truth(w))?;
    }
    match args.format {
        SynthFormat::Json => write_output(args.out.output.as_deref(), |w| {
            serde_json::to_writer(&mut *w, &synthetic.corpus)
                .map_err(|e| Error::Write { source: e.into() })?;
            w.write_all(b"\n").map_err(|source| Error::Write { source })
        })?,
        SynthFormat::Ctap => write_ctap_documents(&synthetic.corpus, args.out.output.as_deref())?,
    }
    eprintln!(
        "generated {} needs and {} offers in {} submissions ({} planted pairs) in {:.2} s",
        synthetic.corpus.need_count(),
        synthetic.corpus.offer_count(),
        synthetic.corpus.submissions.len(),
        synthetic.truth.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// One CTAP text document per submission: into `dir` as `{prefix}.txt`, or all to
/// standard output separated by form feeds when no directory is given.
fn write_ctap_documents(corpus: &Corpus, dir: Option<&Path>) -> Result<()> {
    match dir {
        None => write_output(None, |w| {
            for (k, s) in corpus.submissions.iter().enumerate() {
                if k > 0 {
                    w.write_all(b"\x0c\n").map_err(|source| Error::Write { source })?;
                }
                w.write_all(capmatch::ctap::print(s).as_bytes()).map_err(|source| Error::Write { source })?;
            }
            Ok(())
        }),
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .map_err(|source| Error::WriteFile { path: dir.display().to_string(), source })?;
            for s in &corpus.submissions {
                let path = dir.join(format!("{}.txt", s.id_prefix()));
                write_output(Some(&path), |w| {
                    w.write_all(capmatch::ctap::print(s).as_bytes()).map_err(|source| Error::Write { source })
                })?;
            }
            Ok(())
        }
    }
}
