//! The allocation (capacity-respecting plan) in JSON, CSV and Markdown.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::Write;

use super::escape::{csv_safe, excerpt, markdown_escape};
use super::{party_heading, party_label, write_err};
use crate::graph::{Allocation, UnassignedReason};
use crate::{Corpus, ItemId, ItemRef, Party, Result, Section};

/// Writes the allocation JSON contract (`DESIGN.md`): one record per line, each
/// list sorted by id as in the [`Allocation`].
///
/// # Errors
///
/// [`Error::Write`](crate::Error::Write) if the writer fails.
///
/// # Examples
///
/// ```
/// use capmatch::{Corpus, MatchConfig, graph::{AssignMethod, Ranking, assign}, report, similarity::Analysis};
///
/// let corpus = Corpus::from_json_str(r#"{"submissions":[
///   {"economy":"HKC","needs":[{"id":"hkc-2020-n2","section":"A.1","text":"Single Window workshops"},
///                              {"id":"hkc-2020-n3","section":"B","text":"terrorist asset freezing"}]},
///   {"economy":"ROK","offers":[{"id":"rok-2014-o1","section":"A.1","text":"Single Window workshops","capacity":2}]}]}"#, None)?;
/// let config = MatchConfig::new().build()?;
/// let analysis = Analysis::new(&corpus, config.fuzzy_threshold);
/// let plan = assign(&Ranking::new(&analysis, &config), AssignMethod::Auto);
/// let mut out = Vec::new();
/// report::write_allocation_json(&plan, &mut out)?;
/// let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
/// assert_eq!(v["assignments"][0]["offer"], "rok-2014-o1");
/// assert_eq!(v["unassigned"][0], serde_json::json!({"need": "hkc-2020-n3", "reason": "no_candidate"}));
/// assert_eq!(v["load"][0], serde_json::json!({"offer": "rok-2014-o1", "assigned": 1, "capacity": 2}));
/// # Ok::<(), capmatch::Error>(())
/// ```
pub fn write_allocation_json<W: Write>(allocation: &Allocation, mut w: W) -> Result<()> {
    fn list<W: Write, T: serde::Serialize>(w: &mut W, name: &str, items: &[T], last: bool) -> Result<()> {
        write!(w, "\"{name}\":[").map_err(write_err)?;
        for (k, item) in items.iter().enumerate() {
            w.write_all(if k == 0 { b"\n" } else { b",\n" }).map_err(write_err)?;
            serde_json::to_writer(&mut *w, item).map_err(|e| write_err(e.into()))?;
        }
        w.write_all(if items.is_empty() { b"]" } else { b"\n]" }).map_err(write_err)?;
        w.write_all(if last { b"}\n" } else { b",\n" }).map_err(write_err)
    }
    w.write_all(b"{").map_err(write_err)?;
    list(&mut w, "assignments", &allocation.assignments, false)?;
    list(&mut w, "unassigned", &allocation.unassigned, false)?;
    list(&mut w, "load", &allocation.load, true)?;
    w.flush().map_err(write_err)
}

/// Writes the allocation as CSV, one row per need in id order, safe to open in a
/// spreadsheet.
///
/// Columns: `need, recipient, section, offer, donor, score, status,
/// offer_assigned, offer_capacity, need_text, offer_text`. `status` is `assigned`,
/// `no_candidate` or `capacity_exhausted`; the offer columns are empty for needs
/// without an offer. Parties and texts come from `corpus` (left empty for an id it
/// does not have).
///
/// # Errors
///
/// [`Error::Write`](crate::Error::Write) if the writer fails.
///
/// # Examples
///
/// ```
/// use capmatch::{Corpus, MatchConfig, graph::{AssignMethod, Ranking, assign}, report, similarity::Analysis};
///
/// let corpus = Corpus::from_json_str(r#"{"submissions":[
///   {"economy":"HKC","needs":[{"id":"n1","section":"A.1","text":"Single Window workshops"}]},
///   {"economy":"ROK","offers":[{"id":"o1","section":"A.1","text":"Single Window workshops"}]}]}"#, None)?;
/// let config = MatchConfig::new().build()?;
/// let analysis = Analysis::new(&corpus, config.fuzzy_threshold);
/// let plan = assign(&Ranking::new(&analysis, &config), AssignMethod::Auto);
/// let mut out = Vec::new();
/// report::write_allocation_csv(&plan, &corpus, &mut out)?;
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.lines().nth(1).unwrap().starts_with("n1,HKC,A.1,o1,ROK,"));
/// # Ok::<(), capmatch::Error>(())
/// ```
pub fn write_allocation_csv<W: Write>(allocation: &Allocation, corpus: &Corpus, w: W) -> Result<()> {
    let items = ItemIndex::new(corpus);
    let mut out = csv::Writer::from_writer(w);
    let csv_err = |e: csv::Error| write_err(std::io::Error::other(e));
    out.write_record([
        "need",
        "recipient",
        "section",
        "offer",
        "donor",
        "score",
        "status",
        "offer_assigned",
        "offer_capacity",
        "need_text",
        "offer_text",
    ])
    .map_err(csv_err)?;
    let load: HashMap<&ItemId, (u32, u32)> =
        allocation.load.iter().map(|l| (&l.offer, (l.assigned, l.capacity))).collect();
    let rows = merge_by_need(allocation);
    for row in rows {
        let need = items.get(row.need);
        let mut cells = vec![
            row.need.to_string(),
            need.map(|n| n.submission.economy.to_string()).unwrap_or_default(),
            need.and_then(|n| n.item.section.as_ref()).map(|s| s.label().to_string()).unwrap_or_default(),
        ];
        match row.outcome {
            Outcome::Assigned { offer, score } => {
                let o = items.get(offer);
                let (assigned, capacity) = load.get(offer).copied().unwrap_or_default();
                cells.extend([
                    offer.to_string(),
                    o.map(|o| o.submission.economy.to_string()).unwrap_or_default(),
                    score.to_string(),
                    "assigned".to_string(),
                    assigned.to_string(),
                    capacity.to_string(),
                    need.map(|n| n.item.text.clone()).unwrap_or_default(),
                    o.map(|o| o.item.text.clone()).unwrap_or_default(),
                ]);
            }
            Outcome::Unassigned(reason) => {
                let need_text = need.map(|n| n.item.text.clone()).unwrap_or_default();
                let empty = String::new;
                cells.extend([
                    empty(),
                    empty(),
                    empty(),
                    reason.to_string(),
                    empty(),
                    empty(),
                    need_text,
                    empty(),
                ]);
            }
        }
        out.write_record(cells.iter().map(|c| csv_safe(c).into_owned())).map_err(csv_err)?;
    }
    out.flush().map_err(write_err)
}

/// Writes a readable plan in Markdown: a summary line; then, for every donor, its
/// offers with their load and the needs assigned to them; then the unassigned
/// needs, by reason. Texts are shortened and escaped; parties and texts come from
/// `corpus`.
///
/// # Errors
///
/// [`Error::Write`](crate::Error::Write) if the writer fails.
///
/// # Examples
///
/// ```
/// use capmatch::{Corpus, MatchConfig, graph::{AssignMethod, Ranking, assign}, report, similarity::Analysis};
///
/// let corpus = Corpus::from_json_str(r#"{"submissions":[
///   {"economy":"HKC","needs":[{"id":"n1","section":"A.1","text":"Single Window workshops"}]},
///   {"economy":"ROK","offers":[{"id":"o1","section":"A.1","text":"Single Window workshops"}]}]}"#, None)?;
/// let config = MatchConfig::new().build()?;
/// let analysis = Analysis::new(&corpus, config.fuzzy_threshold);
/// let plan = assign(&Ranking::new(&analysis, &config), AssignMethod::Auto);
/// let mut out = Vec::new();
/// report::write_allocation_markdown(&plan, &corpus, &mut out)?;
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.contains("## ROK — Republic of Korea"));
/// assert!(text.contains("1 of 3 places"));
/// # Ok::<(), capmatch::Error>(())
/// ```
pub fn write_allocation_markdown<W: Write>(allocation: &Allocation, corpus: &Corpus, mut w: W) -> Result<()> {
    let items = ItemIndex::new(corpus);
    let mut s = String::new();
    let total: f64 = allocation.assignments.iter().map(|a| a.score).sum();
    let needs = allocation.assignments.len() + allocation.unassigned.len();
    let count = |r: UnassignedReason| allocation.unassigned.iter().filter(|u| u.reason == r).count();
    let used = allocation.load.iter().filter(|l| l.assigned > 0).count();
    s.push_str("# Capacity-building plan\n\n");
    let _ = writeln!(
        s,
        "{} of {} needs assigned (total score {:.2}); {} unassigned: {} with no candidate offer, {} \
         whose candidate offers are full. {} of {} candidate offers used.",
        allocation.assignments.len(),
        needs,
        total,
        allocation.unassigned.len(),
        count(UnassignedReason::NoCandidate),
        count(UnassignedReason::CapacityExhausted),
        used,
        allocation.load.len(),
    );

    // Donor → its candidate offers (in id order) → the needs assigned to each.
    let mut by_offer: HashMap<&ItemId, Vec<(&ItemId, f64)>> = HashMap::new();
    for a in &allocation.assignments {
        by_offer.entry(&a.offer).or_default().push((&a.need, a.score));
    }
    let mut donors: BTreeMap<Option<&Party>, Vec<usize>> = BTreeMap::new();
    for (k, l) in allocation.load.iter().enumerate() {
        donors.entry(items.get(&l.offer).map(|o| &o.submission.economy)).or_default().push(k);
    }
    for (donor, loads) in &donors {
        let _ = write!(s, "\n## {}\n", donor.map_or_else(|| "Unknown donor".to_string(), party_heading));
        for &k in loads {
            let l = &allocation.load[k];
            let offer = items.get(&l.offer);
            let section = offer.and_then(|o| o.item.section.as_ref()).map_or("no section", Section::label);
            let unused = if l.assigned == 0 { " (unused)" } else { "" };
            let places = if l.capacity == 1 { "place" } else { "places" };
            let _ = write!(
                s,
                "\n### {} · {} · {} of {} {places}{unused}\n\n",
                markdown_escape(l.offer.as_str()),
                markdown_escape(section),
                l.assigned,
                l.capacity,
            );
            if let Some(o) = offer {
                let _ = writeln!(s, "{}", markdown_escape(&excerpt(&o.item.text, 240)));
            }
            let Some(assigned) = by_offer.get(&l.offer) else {
                continue;
            };
            s.push_str("\n| need | recipient | section | score | need text |\n|---|---|---|---|---|\n");
            for (need_id, score) in assigned {
                let need = items.get(need_id);
                let _ = writeln!(
                    s,
                    "| {} | {} | {} | {:.2} | {} |",
                    markdown_escape(need_id.as_str()),
                    need.map(|n| markdown_escape(party_label(&n.submission.economy))).unwrap_or_default(),
                    need.and_then(|n| n.item.section.as_ref()).map_or("—", Section::label),
                    score,
                    need.map(|n| markdown_escape(&excerpt(&n.item.text, 160))).unwrap_or_default(),
                );
            }
        }
        w.write_all(s.as_bytes()).map_err(write_err)?;
        s.clear();
    }

    let _ = write!(s, "\n## Unassigned needs ({})\n", allocation.unassigned.len());
    for (reason, title) in [
        (UnassignedReason::NoCandidate, "No candidate offer: gaps to fill with a new project"),
        (UnassignedReason::CapacityExhausted, "Candidate offers all full: ask donors for more places"),
    ] {
        let needs: Vec<_> = allocation.unassigned.iter().filter(|u| u.reason == reason).collect();
        if needs.is_empty() {
            continue;
        }
        let _ = write!(s, "\n### {title} ({})\n\n", needs.len());
        for u in needs {
            let need = items.get(&u.need);
            let _ = writeln!(
                s,
                "- **{}** ({}, {}) {}",
                markdown_escape(u.need.as_str()),
                need.map(|n| markdown_escape(party_label(&n.submission.economy))).unwrap_or_default(),
                need.and_then(|n| n.item.section.as_ref()).map_or("no section", Section::label),
                need.map(|n| markdown_escape(&excerpt(&n.item.text, 200))).unwrap_or_default(),
            );
        }
    }
    w.write_all(s.as_bytes()).map_err(write_err)?;
    w.flush().map_err(write_err)
}

/// Needs and offers of a corpus by id, for looking up what an allocation names.
struct ItemIndex<'c> {
    by_id: HashMap<&'c ItemId, ItemRef<'c>>,
}

impl<'c> ItemIndex<'c> {
    fn new(corpus: &'c Corpus) -> Self {
        ItemIndex { by_id: corpus.needs().chain(corpus.offers()).map(|r| (&r.item.id, r)).collect() }
    }

    fn get(&self, id: &ItemId) -> Option<ItemRef<'c>> {
        self.by_id.get(id).copied()
    }
}

enum Outcome<'a> {
    Assigned { offer: &'a ItemId, score: f64 },
    Unassigned(UnassignedReason),
}

struct Row<'a> {
    need: &'a ItemId,
    outcome: Outcome<'a>,
}

/// Assigned and unassigned needs merged into one list in need id order.
fn merge_by_need(allocation: &Allocation) -> Vec<Row<'_>> {
    let mut rows: Vec<Row<'_>> = allocation
        .assignments
        .iter()
        .map(|a| Row { need: &a.need, outcome: Outcome::Assigned { offer: &a.offer, score: a.score } })
        .chain(
            allocation
                .unassigned
                .iter()
                .map(|u| Row { need: &u.need, outcome: Outcome::Unassigned(u.reason) }),
        )
        .collect();
    rows.sort_by(|a, b| a.need.cmp(b.need));
    rows
}
