//! The match list in JSON, CSV and Markdown.

use std::collections::BTreeMap;
use std::io::Write;

use rayon::prelude::*;

use super::escape::{csv_safe, excerpt, markdown_escape};
use super::{section_heading, write_err};
use crate::graph::Ranking;
use crate::similarity::Model;
use crate::{Result, Section};

/// Needs serialised per parallel batch by [`write_matches_json`].
const WRITE_CHUNK: usize = 8192;

/// Needs serialised by one parallel task, into one buffer.
const TASK_NEEDS: usize = 16;

/// A guess at one need's bytes in the match JSON (ten matches of about 500 bytes),
/// to size a task's buffer once rather than grow it match by match.
const BYTES_PER_NEED: usize = 5 * 1024;

/// Writes the match JSON contract (`DESIGN.md`), streaming: one match per line,
/// sorted by need id then rank, then the unmet needs.
///
/// The output is the same bytes for the same input at any thread count.
///
/// # Errors
///
/// [`Error::Write`](crate::Error::Write) if the writer fails.
///
/// # Examples
///
/// ```
/// use capmatch::{Corpus, MatchConfig, graph::Ranking, report, similarity::Analysis};
///
/// let corpus = Corpus::from_json_str(r#"{"submissions":[
///   {"economy":"HKC","needs":[{"id":"n1","section":"A.1","text":"Single Window workshops"}]},
///   {"economy":"ROK","offers":[{"id":"o1","section":"A.1","text":"Single Window workshops"}]}]}"#, None)?;
/// let config = MatchConfig::new().build()?;
/// let analysis = Analysis::new(&corpus, config.fuzzy_threshold);
/// let mut out = Vec::new();
/// report::write_matches_json(&Ranking::new(&analysis, &config), &mut out)?;
/// let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
/// assert_eq!(v["matches"][0]["donor"], "ROK");
/// assert_eq!(v["matches"][0]["rank"], 1);
/// assert_eq!(v["unmet_needs"].as_array().unwrap().len(), 0);
/// # Ok::<(), capmatch::Error>(())
/// ```
pub fn write_matches_json<W: Write>(ranking: &Ranking<'_, '_>, mut w: W) -> Result<()> {
    let order = ranking.needs_in_id_order();
    w.write_all(b"{\"matches\":[").map_err(write_err)?;
    // Matches are serialised in parallel, a chunk of needs at a time, and written in
    // order: the bytes do not depend on the number of threads.
    let mut first = true;
    for chunk in order.chunks(WRITE_CHUNK) {
        let parts: Vec<Vec<u8>> = chunk
            .par_chunks(TASK_NEEDS)
            .map(|needs| {
                let mut buf = Vec::with_capacity(needs.len() * BYTES_PER_NEED);
                for &i in needs {
                    ranking.for_each_match(i, |m| {
                        buf.extend_from_slice(b",\n");
                        m.write_json(&mut buf);
                    });
                }
                buf
            })
            .collect();
        for part in parts.iter().filter(|p| !p.is_empty()) {
            // Each part starts with ",\n"; the very first match needs only "\n".
            let part = if first { &part[1..] } else { &part[..] };
            first = false;
            w.write_all(part).map_err(write_err)?;
        }
    }
    w.write_all(b"\n],\n\"unmet_needs\":[").map_err(write_err)?;
    let mut first = true;
    for &i in &order {
        if ranking.ranked(i).is_empty() {
            w.write_all(if first { b"\n" } else { b",\n" }).map_err(write_err)?;
            first = false;
            serde_json::to_writer(&mut w, &ranking.analysis().need(i).item.id)
                .map_err(|e| write_err(e.into()))?;
        }
    }
    w.write_all(b"\n]}\n").map_err(write_err)?;
    w.flush().map_err(write_err)
}

/// Writes the match list compactly, for benchmarks and pipelines: JSON Lines, one
/// line per match — `{"need":…,"offer":…,"rank":…,"score":…,"tier":…}` — and one
/// line `{"need":…,"unmet":true}` per need without a match, needs in id order,
/// matches by rank. The same ranking as [`write_matches_json`], without the
/// explanations (components, shared terms, evidence, contributions), which cost
/// most of its time and size.
///
/// The output is the same bytes for the same input at any thread count.
///
/// # Errors
///
/// [`Error::Write`](crate::Error::Write) if the writer fails.
///
/// # Examples
///
/// ```
/// use capmatch::{Corpus, MatchConfig, graph::Ranking, report, similarity::Analysis};
///
/// let corpus = Corpus::from_json_str(r#"{"submissions":[
///   {"economy":"HKC","needs":[{"id":"n1","section":"A.1","text":"Single Window workshops"},
///                            {"id":"n2","section":"C","text":"Bioterrorism drills"}]},
///   {"economy":"ROK","offers":[{"id":"o1","section":"A.1","text":"Single Window workshops"}]}]}"#, None)?;
/// let config = MatchConfig::new().build()?;
/// let analysis = Analysis::new(&corpus, config.fuzzy_threshold);
/// let mut out = Vec::new();
/// report::write_matches_jsonl(&Ranking::new(&analysis, &config), &mut out)?;
/// let lines: Vec<&str> = std::str::from_utf8(&out).unwrap().lines().collect();
/// assert!(lines[0].starts_with(r#"{"need":"n1","offer":"o1","rank":1,"score":"#));
/// assert_eq!(lines[1], r#"{"need":"n2","unmet":true}"#);
/// # Ok::<(), capmatch::Error>(())
/// ```
pub fn write_matches_jsonl<W: Write>(ranking: &Ranking<'_, '_>, mut w: W) -> Result<()> {
    let order = ranking.needs_in_id_order();
    let analysis = ranking.analysis();
    let model = Model::builtin();
    for chunk in order.chunks(WRITE_CHUNK) {
        let parts: Vec<Vec<u8>> = chunk
            .par_chunks(TASK_NEEDS)
            .map(|needs| {
                let mut buf = Vec::with_capacity(needs.len() * BYTES_PER_NEED / 4);
                for &i in needs {
                    let need = &analysis.need(i).item.id;
                    let ranked = ranking.ranked(i);
                    // Writing plain strings and numbers into a Vec cannot fail.
                    if ranked.is_empty() {
                        buf.extend_from_slice(b"{\"need\":");
                        let _ = serde_json::to_writer(&mut buf, need);
                        buf.extend_from_slice(b",\"unmet\":true}\n");
                    }
                    for (k, r) in ranked.iter().enumerate() {
                        buf.extend_from_slice(b"{\"need\":");
                        let _ = serde_json::to_writer(&mut buf, need);
                        buf.extend_from_slice(b",\"offer\":");
                        let _ = serde_json::to_writer(&mut buf, &analysis.offer(r.offer as usize).item.id);
                        let _ = writeln!(
                            buf,
                            ",\"rank\":{},\"score\":{},\"tier\":\"{}\"}}",
                            k + 1,
                            crate::graph::round4(r.score),
                            model.tier(r.score).as_str()
                        );
                    }
                }
                buf
            })
            .collect();
        for part in &parts {
            w.write_all(part).map_err(write_err)?;
        }
    }
    w.flush().map_err(write_err)
}

/// Writes the match list as CSV (one row per match, then one row per unmet need
/// with an empty offer), safe to open in a spreadsheet.
///
/// Columns: `need, offer, recipient, donor, rank, score, topic, section, pillar,
/// activity, shared_terms, need_section, need_text, offer_text, tier, concept,
/// semantic, evidence` (the last four added after the others, so that the columns
/// of capmatch 0.1 keep their places).
///
/// # Errors
///
/// [`Error::Write`](crate::Error::Write) if the writer fails.
pub fn write_matches_csv<W: Write>(ranking: &Ranking<'_, '_>, w: W) -> Result<()> {
    let mut out = csv::Writer::from_writer(w);
    let csv_err = |e: csv::Error| write_err(std::io::Error::other(e));
    out.write_record([
        "need",
        "offer",
        "recipient",
        "donor",
        "rank",
        "score",
        "topic",
        "section",
        "pillar",
        "activity",
        "shared_terms",
        "need_section",
        "need_text",
        "offer_text",
        "tier",
        "concept",
        "semantic",
        "evidence",
    ])
    .map_err(csv_err)?;
    let analysis = ranking.analysis();
    for i in ranking.needs_in_id_order() {
        let need = analysis.need(i);
        let section = need.item.section.as_ref().map(Section::label).unwrap_or_default();
        if ranking.ranked(i).is_empty() {
            let recipient = need.submission.economy.to_string();
            out.write_record([
                csv_safe(need.item.id.as_str()).as_ref(),
                "",
                csv_safe(&recipient).as_ref(),
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                csv_safe(section).as_ref(),
                csv_safe(&need.item.text).as_ref(),
                "",
                "",
                "",
                "",
                "",
            ])
            .map_err(csv_err)?;
        }
        for (m, r) in ranking.matches_of(i).into_iter().zip(ranking.ranked(i)) {
            let offer = analysis.offer(r.offer as usize);
            let cells = [
                m.need.to_string(),
                m.offer.to_string(),
                m.recipient.to_string(),
                m.donor.to_string(),
                m.rank.to_string(),
                m.score.to_string(),
                m.components.topic.to_string(),
                m.components.section.to_string(),
                m.components.pillar.to_string(),
                m.components.activity.to_string(),
                m.shared_terms.join("; "),
                section.to_string(),
                need.item.text.clone(),
                offer.item.text.clone(),
                m.tier.as_str().to_string(),
                m.components.concept.to_string(),
                m.components.semantic.to_string(),
                m.evidence.join("; "),
            ];
            out.write_record(cells.iter().map(|c| csv_safe(c).into_owned())).map_err(csv_err)?;
        }
    }
    out.flush().map_err(write_err)
}

/// Writes a readable match list in Markdown: grouped by recipient, then section;
/// each need with a table of its candidate donors; then the unmet needs.
///
/// # Errors
///
/// [`Error::Write`](crate::Error::Write) if the writer fails.
pub fn write_matches_markdown<W: Write>(ranking: &Ranking<'_, '_>, mut w: W) -> Result<()> {
    let analysis = ranking.analysis();
    let mut groups: BTreeMap<(String, Option<Section>), Vec<usize>> = BTreeMap::new();
    for i in ranking.needs_in_id_order() {
        let need = analysis.need(i);
        groups.entry((need.submission.economy.to_string(), need.item.section.clone())).or_default().push(i);
    }
    let matched: usize = (0..ranking.need_count()).filter(|&i| !ranking.ranked(i).is_empty()).count();
    writeln!(w, "# Capacity-building matches\n").map_err(write_err)?;
    writeln!(
        w,
        "{} needs, {} offers; {} matched, {} unmet (minimum score {}, top {} per need).\n\n{}",
        analysis.need_count(),
        analysis.offer_count(),
        matched,
        ranking.need_count() - matched,
        crate::graph::round4(ranking.config().min_score),
        ranking.config().top_k,
        super::score_meaning(&Model::builtin().thresholds),
    )
    .map_err(write_err)?;
    let mut current = String::new();
    for ((recipient, section), needs) in &groups {
        if *recipient != current {
            writeln!(w, "\n## {}", markdown_escape(recipient)).map_err(write_err)?;
            current.clone_from(recipient);
        }
        match section {
            Some(sec) => writeln!(w, "\n### {}", section_heading(Some(sec.label()), sec.title())),
            None => writeln!(w, "\n### No section"),
        }
        .map_err(write_err)?;
        for &i in needs {
            let need = analysis.need(i);
            writeln!(
                w,
                "\n**{}** — {}\n",
                markdown_escape(need.item.id.as_str()),
                markdown_escape(&excerpt(&need.item.text, 300))
            )
            .map_err(write_err)?;
            if ranking.ranked(i).is_empty() {
                writeln!(w, "_No offer meets this need: a gap._").map_err(write_err)?;
                continue;
            }
            writeln!(
                w,
                "| # | donor | offer | score | tier | why | offer text |\n|---|---|---|---|---|---|---|"
            )
            .map_err(write_err)?;
            for (m, r) in ranking.matches_of(i).into_iter().zip(ranking.ranked(i)) {
                let offer = analysis.offer(r.offer as usize);
                writeln!(
                    w,
                    "| {} | {} | {} | {:.2} | {} | {} | {} |",
                    m.rank,
                    markdown_escape(&m.donor.to_string()),
                    markdown_escape(m.offer.as_str()),
                    m.score,
                    m.tier.as_str(),
                    markdown_escape(
                        &m.shared_terms.iter().chain(&m.evidence).cloned().collect::<Vec<_>>().join(", ")
                    ),
                    markdown_escape(&excerpt(&offer.item.text, 160)),
                )
                .map_err(write_err)?;
            }
        }
    }
    let unmet = ranking.unmet();
    writeln!(w, "\n## Unmet needs ({})\n", unmet.len()).map_err(write_err)?;
    for need in unmet {
        let section = need.item.section.as_ref().map_or("—", Section::label);
        writeln!(
            w,
            "- **{}** ({}, {}) {}",
            markdown_escape(need.item.id.as_str()),
            markdown_escape(&need.submission.economy.to_string()),
            section,
            markdown_escape(&excerpt(&need.item.text, 200))
        )
        .map_err(write_err)?;
    }
    w.flush().map_err(write_err)
}
