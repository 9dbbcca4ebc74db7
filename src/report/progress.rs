//! Progress between CTAP editions as JSON (the contract of `capmatch progress
//! --format json`) and as Markdown, for people.

use std::fmt::Write as _;

use serde::Serialize;

use super::escape::markdown_escape;
use super::{party_heading, party_label};
use crate::plan::progress::{NeedRef, Progress};
use crate::{ItemId, Party};

#[derive(Serialize)]
struct JsonProgress<'a> {
    editions: Vec<JsonEdition<'a>>,
}

#[derive(Serialize)]
struct JsonEdition<'a> {
    economy: &'a Party,
    from: u16,
    to: u16,
    persistent: Vec<JsonLink<'a>>,
    new: Vec<&'a ItemId>,
    resolved: Vec<&'a ItemId>,
}

#[derive(Serialize)]
struct JsonLink<'a> {
    need: &'a ItemId,
    previous: &'a ItemId,
    similarity: f64,
}

/// Progress as JSON, in the contract of `capmatch progress --format json`:
/// `{"editions": [{"economy", "from", "to", "persistent": [{"need", "previous",
/// "similarity"}], "new": [ids], "resolved": [ids]}]}`, one entry per pair of
/// consecutive dated editions, by economy then `from`; lists by id. Pretty-printed,
/// ending in a newline.
///
/// # Examples
///
/// ```
/// use capmatch::{Corpus, similarity::Analysis, plan::progress::Progress, report::progress_json};
///
/// let corpus = Corpus::from_json_str(r#"{"submissions":[
///   {"economy":"PE","year":2012,"needs":[{"id":"pe-2012-n1","text":"Advance Passenger Information system at the airport"}]},
///   {"economy":"PE","year":2014,"needs":[{"id":"pe-2014-n1","text":"An API system for passenger data before flights land"}]}]}"#, None)?;
/// let analysis = Analysis::new(&corpus, 0.92);
/// let json: serde_json::Value = serde_json::from_str(&progress_json(&Progress::new(&analysis))).unwrap();
/// let e = &json["editions"][0];
/// assert_eq!((e["economy"].as_str(), e["from"].as_u64(), e["to"].as_u64()), (Some("PE"), Some(2012), Some(2014)));
/// assert_eq!(e["persistent"][0]["previous"], "pe-2012-n1");
/// assert!(e["new"].as_array().unwrap().is_empty());
/// # Ok::<(), capmatch::Error>(())
/// ```
pub fn progress_json(progress: &Progress) -> String {
    let json = JsonProgress {
        editions: progress
            .editions
            .iter()
            .map(|e| JsonEdition {
                economy: &e.economy,
                from: e.from,
                to: e.to,
                persistent: e
                    .persistent
                    .iter()
                    .map(|p| JsonLink {
                        need: &p.need.id,
                        previous: &p.previous.id,
                        similarity: p.similarity,
                    })
                    .collect(),
                new: e.new.iter().map(|n| &n.id).collect(),
                resolved: e.resolved.iter().map(|n| &n.id).collect(),
            })
            .collect(),
    };
    // Plain data with string keys: serialising into a String cannot fail.
    let mut s = serde_json::to_string_pretty(&json).unwrap_or_default();
    s.push('\n');
    s
}

/// `pe-2014-n1 (A.1)`.
fn need_label(n: &NeedRef) -> String {
    match &n.section {
        Some(section) => format!("{} ({})", markdown_escape(n.id.as_str()), markdown_escape(section.label())),
        None => markdown_escape(n.id.as_str()),
    }
}

/// Progress as Markdown, for people: per economy and pair of editions the counts,
/// the persistent needs with both texts side by side (and the earlier offer that
/// could already have met each, if any), the new and the resolved needs; then the
/// needs persisting across three or more editions. Every text is escaped.
///
/// # Examples
///
/// ```
/// use capmatch::{Corpus, similarity::Analysis, plan::progress::Progress, report::progress_markdown};
///
/// let corpus = Corpus::from_json_str(r#"{"submissions":[
///   {"economy":"PE","year":2012,"needs":[{"id":"pe-2012-n1","text":"Advance Passenger Information system at the airport"}]},
///   {"economy":"PE","year":2014,"needs":[{"id":"pe-2014-n1","text":"An API system for passenger data before flights land"}]}]}"#, None)?;
/// let md = progress_markdown(&Progress::new(&Analysis::new(&corpus, 0.92)));
/// assert!(md.starts_with("# Progress between CTAP editions\n"));
/// assert!(md.contains("### 2012 → 2014"));
/// assert!(md.contains("| pe-2014-n1 (A.4): An API system for passenger data before flights land |"));
/// # Ok::<(), capmatch::Error>(())
/// ```
pub fn progress_markdown(progress: &Progress) -> String {
    let mut s = String::from("# Progress between CTAP editions\n\n");
    if progress.editions.is_empty() {
        s.push_str("No economy has two dated editions in the inputs: there is no progress to compare.\n");
        return s;
    }
    let (mut persistent, mut new, mut resolved) = (0, 0, 0);
    for e in &progress.editions {
        persistent += e.persistent.len();
        new += e.new.len();
        resolved += e.resolved.len();
    }
    let economies = progress.latest().len();
    let _ = writeln!(
        s,
        "{} · {} · {persistent} persistent, {new} new and {resolved} resolved needs\n",
        super::summary::plural(economies, "economy", "economies"),
        super::summary::plural(progress.editions.len(), "pair of editions", "pairs of editions"),
    );
    s.push_str(
        "A need of the later edition is *persistent* when it restates a need of the earlier one, however \
         reworded; *new* when it restates none; a need of the earlier edition no later need restates is \
         *resolved* (met or dropped).\n",
    );
    let mut last: Option<&Party> = None;
    for e in &progress.editions {
        if last != Some(&e.economy) {
            let _ = write!(s, "\n## {}\n", party_heading(&e.economy));
            last = Some(&e.economy);
        }
        let _ = write!(
            s,
            "\n### {} → {}\n\n{} persistent · {} new · {} resolved\n",
            e.from,
            e.to,
            e.persistent.len(),
            e.new.len(),
            e.resolved.len()
        );
        if !e.persistent.is_empty() {
            let _ = write!(
                s,
                "\n**Persistent**\n\n| {} | {} | Relevance | Earlier offer that could meet it |\n|---|---|---:|---|\n",
                e.to, e.from
            );
            for p in &e.persistent {
                let offer = p.opportunity.as_ref().map_or_else(
                    || "—".to_string(),
                    |o| {
                        format!(
                            "{} {} ({}, {} {:.2})",
                            markdown_escape(party_label(&o.donor)),
                            markdown_escape(o.offer.as_str()),
                            o.year,
                            o.tier.as_str(),
                            o.score
                        )
                    },
                );
                let _ = writeln!(
                    s,
                    "| {}: {} | {}: {} | {:.2} | {offer} |",
                    need_label(&p.need),
                    markdown_escape(&p.need.text),
                    need_label(&p.previous),
                    markdown_escape(&p.previous.text),
                    p.similarity,
                );
            }
        }
        for (title, list) in [("New", &e.new), ("Resolved (met or dropped)", &e.resolved)] {
            if list.is_empty() {
                continue;
            }
            let _ = write!(s, "\n**{title}**\n\n");
            for n in list {
                let _ = writeln!(s, "- {}: {}", need_label(n), markdown_escape(&n.text));
            }
        }
    }
    s.push_str("\n## Needs persisting across three or more editions\n\n");
    if progress.persisting.is_empty() {
        s.push_str("None.\n");
    }
    for chain in &progress.persisting {
        let steps: Vec<String> =
            chain.needs.iter().map(|n| format!("{} ({})", markdown_escape(n.id.as_str()), n.year)).collect();
        let text = chain.needs.last().map_or("", |n| n.text.as_str());
        let _ = writeln!(
            s,
            "- **{}** {}: {}",
            markdown_escape(party_label(&chain.economy)),
            steps.join(" → "),
            markdown_escape(text)
        );
    }
    s
}
