//! Synthetic corpora with planted true matches, for measuring speed and recall at
//! scale.
//!
//! Takes a [`SynthConfig`] and gives out a [`Synthetic`]: a [`Corpus`] of needs and
//! offers that read like CTAP answers, and the list of [`PlantedPair`]s — the
//! offers written to meet each planted need. Same configuration ⇒ byte-identical
//! corpus JSON and truth, at any thread count.
//!
//! # What is generated
//!
//! - **Parties and years.** The configured member economies submit needs and
//!   offers; international organisations (WCO, ICAO, IMO, INTERPOL, FATF, APG,
//!   UNODC, UN CTED) make some offers in the sections they work in. One submission
//!   per party and year (2004–2024 by default; small corpora use a few of the
//!   years, about 1% of items are undated), ids derived from its prefix
//!   (`rok-2014-n3`) as [`Submission::derive_ids`] does.
//! - **Items.** Every item has facets: a **topic** (a thesaurus concept, written as
//!   one of its surface forms: acronym, expansion or synonym), an **aspect** of it
//!   ("chain-of-custody rules for", "audit trails in"), a **specific focus** (an
//!   object such as "in the postal and express consignment stream" and a scope such
//!   as "at land border crossings", from per-section pools), an **audience** and a
//!   **setting** ("with limited budgets"), plus an activity kind, the topic's
//!   pillar, and the party's spelling (British or US). Needs are worded as needs
//!   ("Workshops on … would be useful", "We would benefit from training on …"),
//!   offers as offers ("Korea could provide …", "We will continue to hold … for
//!   member economies", "Trainers can be deployed to …"), from a fragment to three
//!   sentences. Some items have no section (6%) or leave the setting out (15%, never
//!   planted ones), some offers have a capacity of 1–5 (30%), a few needs state
//!   nothing concrete (flagged `unspecific`), and energy- and health-security items
//!   before 2007 carry the old templates' section labels ("Energy Security",
//!   "Health of Communities").
//! - **Planted matches.** A share of needs (default 0.6) is grouped into clusters of
//!   1–3 needs from different economies with the same topic, aspect, focus and
//!   setting, each met by 1–3 offers of other parties. A planted offer names the
//!   topic by another surface form and paraphrases the aspect, focus and setting
//!   (other variants that keep the distinctive words, word forms, word order,
//!   spelling), with a compatible activity kind and another sentence template; it
//!   shares the audience only half the time. [`Synthetic::truth`] lists every (need, offer)
//!   pair of every cluster.
//! - **Hard distractors** (default a quarter of the offers), each aimed at a planted
//!   need: near misses with its topic but another object, and offers of its section
//!   and (mostly) its focus with another topic; either shares the aspect, setting
//!   and audience half the time. The other offers are random.
//!
//! # How distinguishable a planted pair stays
//!
//! The pools give [`facet_combinations`] = 1,126,429,440 (topic, aspect, object,
//! scope, audience, setting) combinations, and [`shared_facet_combinations`] =
//! 79,125,120 (topic, aspect, object, scope, setting) combinations: what a planted
//! offer shares with its need. Measured at 100,000 × 100,000 (a unit test), a
//! planted need's topic and focus alone are shared by 3.6 other offers on average
//! (distractors and chance; about 36 at 1,000,000), while all its shared facets are
//! shared by 0.0006 other offers (never more than one), so about 0.006 at a million.
//! What separates the planted offers from the rest is therefore in the text, but
//! only through the thesaurus, word forms and the distinctive words every
//! paraphrase keeps: a matcher that weighs exact wording over the number of
//! shared facets ranks look-alikes first.
//!
//! # Cost
//!
//! Linear: planning draws a few numbers per item (sequential, one `ChaCha8` stream);
//! texts are written in parallel, one RNG stream per submission, with one
//! allocation per text and per id. Vocabulary is interned once as `&'static str`.
//!
//! # Examples
//!
//! ```
//! use capmatch::synth::{SynthConfig, generate};
//!
//! let config = SynthConfig::new().needs(200).offers(300).seed(7).build()?;
//! let synthetic = generate(&config);
//! assert_eq!(synthetic.corpus.need_count(), 200);
//! assert_eq!(synthetic.corpus.offer_count(), 300);
//! assert!(!synthetic.truth.is_empty());
//! // Deterministic.
//! assert_eq!(generate(&config).corpus.to_json_pretty(), synthetic.corpus.to_json_pretty());
//! # Ok::<(), capmatch::Error>(())
//! ```

mod config;
mod plan;
mod render;
mod vocab;

use std::io::{BufWriter, Write};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

pub use config::SynthConfig;
use plan::{Plan, UNDATED};
use render::SubmissionPlan;

use crate::{Corpus, Error, ItemId, ItemKind, Location, Result, Submission};

/// A (need, offer) pair planted as a true match: the offer was written to meet the
/// need.
///
/// # Examples
///
/// ```
/// use capmatch::{ItemId, synth::PlantedPair};
///
/// let pair = PlantedPair { need: ItemId::new("hkc-2020-n1").unwrap(), offer: ItemId::new("rok-2014-o1").unwrap() };
/// assert_eq!(serde_json::to_string(&pair).unwrap(), r#"{"need":"hkc-2020-n1","offer":"rok-2014-o1"}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PlantedPair {
    /// The need's id.
    pub need: ItemId,
    /// The id of an offer that meets it.
    pub offer: ItemId,
}

/// A generated corpus and its planted true matches.
///
/// # Examples
///
/// ```
/// use capmatch::synth::{SynthConfig, generate};
///
/// let s = generate(&SynthConfig::new().needs(50).offers(50).seed(1).build()?);
/// let need_ids: Vec<_> = s.corpus.needs().map(|r| r.item.id.clone()).collect();
/// assert!(s.truth.iter().all(|p| need_ids.contains(&p.need)));
/// assert_eq!(s.seed, 1);
/// # Ok::<(), capmatch::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Synthetic {
    /// The needs and offers, one submission per party and year.
    pub corpus: Corpus,
    /// Every planted (need, offer) pair, in corpus order of the need, then of the
    /// offer.
    pub truth: Vec<PlantedPair>,
    /// The seed the corpus was generated from (written to the truth file).
    pub seed: u64,
    /// The generator version (written to the truth file; see
    /// [`SynthConfig::generator`]).
    pub generator: u8,
}

/// The number of distinct (topic, object, scope, audience, setting) facet
/// combinations the generator's pools allow.
///
/// # Examples
///
/// ```
/// assert!(capmatch::synth::facet_combinations() >= 10_000_000);
/// ```
pub fn facet_combinations() -> u64 {
    vocab::facet_combinations()
}

/// The number of distinct (topic, object, scope, setting) combinations: the facets
/// a planted offer shares with its need.
///
/// # Examples
///
/// ```
/// use capmatch::synth::{facet_combinations, shared_facet_combinations};
///
/// assert!(shared_facet_combinations() >= 500_000);
/// assert!(shared_facet_combinations() < facet_combinations());
/// ```
pub fn shared_facet_combinations() -> u64 {
    vocab::shared_facet_combinations()
}

/// Generates a corpus with planted matches.
///
/// `config` should come from [`SynthConfig::build`]; values of an unbuilt one are
/// forced into range (sizes capped at [`SynthConfig::MAX_ITEMS`], shares into
/// [0, 1]) rather than rejected.
///
/// # Complexity
///
/// O(N + M) time and memory for N needs and M offers; texts are written in
/// parallel (rayon) and the result is the same at any thread count.
///
/// # Examples
///
/// ```
/// use capmatch::synth::{SynthConfig, generate};
///
/// let s = generate(&SynthConfig::new().needs(100).offers(100).economies(3).build()?);
/// assert_eq!(s.corpus.need_count(), 100);
/// assert!(s.corpus.parties().len() > 3, "organisations make offers too");
/// # Ok::<(), capmatch::Error>(())
/// ```
pub fn generate(config: &SynthConfig) -> Synthetic {
    let config = config.clamped();
    let plan = plan::plan(&config);
    let layout = Layout::new(&plan);
    let seed = config.get_seed();
    let submissions = (0..layout.submissions.len())
        .into_par_iter()
        .map(|s| {
            let (party, year) = layout.submissions[s];
            let sub = SubmissionPlan {
                party,
                year,
                needs: &layout.need_order[layout.need_start[s]..layout.need_start[s + 1]],
                offers: &layout.offer_order[layout.offer_start[s]..layout.offer_start[s + 1]],
            };
            render::submission(&plan, seed, s, &sub)
        })
        .collect();
    let corpus = Corpus { submissions };
    let truth = layout.truth(&plan, &corpus);
    Synthetic { corpus, truth, seed, generator: config.get_generator() }
}

/// Items grouped into submissions: one per (party, year) that has items, in party
/// order, then year order (undated last); items keep their planned order.
struct Layout {
    submissions: Vec<(u8, u8)>,
    need_start: Vec<usize>,
    need_order: Vec<u32>,
    /// For each need, its position in `need_order`.
    need_slot: Vec<u32>,
    offer_start: Vec<usize>,
    offer_order: Vec<u32>,
    offer_slot: Vec<u32>,
}

impl Layout {
    fn new(plan: &Plan) -> Layout {
        let years = plan.years.len() + 1;
        let key = |party: u8, year: u8| {
            usize::from(party) * years + if year == UNDATED { years - 1 } else { usize::from(year) }
        };
        let keys = plan.parties.len() * years;
        let mut counts = vec![(0usize, 0usize); keys];
        for s in &plan.needs {
            counts[key(s.party, s.year)].0 += 1;
        }
        for s in &plan.offers {
            counts[key(s.party, s.year)].1 += 1;
        }
        let mut submissions = Vec::new();
        let mut sub_of_key = vec![u32::MAX; keys];
        let (mut need_start, mut offer_start) = (vec![0], vec![0]);
        for (k, &(n, m)) in counts.iter().enumerate() {
            if n + m > 0 {
                sub_of_key[k] = submissions.len() as u32;
                let year = k % years;
                let year = if year == years - 1 { UNDATED } else { year as u8 };
                submissions.push(((k / years) as u8, year));
                need_start.push(need_start[need_start.len() - 1] + n);
                offer_start.push(offer_start[offer_start.len() - 1] + m);
            }
        }
        let group = |specs: &[plan::Spec], start: &[usize]| {
            let mut cursor = start[..start.len() - 1].to_vec();
            let mut order = vec![0u32; specs.len()];
            let mut slot = vec![0u32; specs.len()];
            for (i, s) in specs.iter().enumerate() {
                let sub = sub_of_key[key(s.party, s.year)] as usize;
                order[cursor[sub]] = i as u32;
                slot[i] = cursor[sub] as u32;
                cursor[sub] += 1;
            }
            (order, slot)
        };
        let (need_order, need_slot) = group(&plan.needs, &need_start);
        let (offer_order, offer_slot) = group(&plan.offers, &offer_start);
        Layout { submissions, need_start, need_order, need_slot, offer_start, offer_order, offer_slot }
    }

    /// The planted pairs as ids, in corpus order. Ids are derived from the
    /// submission prefix and position as the renderer derives them, rather than
    /// read back from a million items scattered in memory.
    fn truth(&self, plan: &Plan, corpus: &Corpus) -> Vec<PlantedPair> {
        let mut slots: Vec<(u32, u32)> = plan
            .pairs
            .iter()
            .map(|&(i, j)| (self.need_slot[i as usize], self.offer_slot[j as usize]))
            .collect();
        slots.par_sort_unstable();
        let prefixes: Vec<String> = corpus.submissions.iter().map(Submission::id_prefix).collect();
        let id = |start: &[usize], kind: ItemKind, slot: u32| {
            let slot = slot as usize;
            let sub = start.partition_point(|&s| s <= slot) - 1;
            ItemId::derived(&prefixes[sub], kind, slot - start[sub])
        };
        slots
            .par_iter()
            .map(|&(n, o)| PlantedPair {
                need: id(&self.need_start, ItemKind::Need, n),
                offer: id(&self.offer_start, ItemKind::Offer, o),
            })
            .collect()
    }
}

#[derive(Serialize)]
struct TruthHeader {
    seed: u64,
    needs: usize,
    offers: usize,
    generator: u8,
}

#[derive(Deserialize)]
#[serde(expecting = "a truth file object with seed, needs, offers and planted")]
struct TruthFile {
    #[serde(rename = "seed")]
    _seed: u64,
    #[serde(rename = "needs")]
    _needs: usize,
    #[serde(rename = "offers")]
    _offers: usize,
    /// Absent from truth files written before version 2 of the generator.
    #[serde(rename = "generator", default)]
    _generator: Option<u8>,
    planted: Vec<PlantedPair>,
}

impl Synthetic {
    /// Writes the truth file: `{"seed": S, "needs": N, "offers": M, "generator": G,
    /// "planted": [{"need": "…", "offer": "…"}, …]}`, one planted pair a line.
    ///
    /// # Errors
    ///
    /// [`Error::Write`] when the writer fails.
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::synth::{SynthConfig, Synthetic, generate};
    ///
    /// let s = generate(&SynthConfig::new().needs(30).offers(30).seed(7).build()?);
    /// let mut json = Vec::new();
    /// s.write_truth(&mut json)?;
    /// assert!(json.starts_with(br#"{"seed":7,"needs":30,"offers":30,"generator":2,"planted":["#));
    /// assert_eq!(Synthetic::read_truth(&json)?, s.truth);
    /// # Ok::<(), capmatch::Error>(())
    /// ```
    pub fn write_truth<W: Write>(&self, w: W) -> Result<()> {
        let mut w = BufWriter::new(w);
        let header = TruthHeader {
            seed: self.seed,
            needs: self.corpus.need_count(),
            offers: self.corpus.offer_count(),
            generator: self.generator,
        };
        let write = |w: &mut BufWriter<W>| -> std::io::Result<()> {
            let head = serde_json::to_string(&header)?;
            // `{"seed":…,"offers":M}` → `{"seed":…,"offers":M,"planted":[`
            w.write_all(&head.as_bytes()[..head.len() - 1])?;
            w.write_all(b",\"planted\":[")?;
            for (i, pair) in self.truth.iter().enumerate() {
                w.write_all(if i == 0 { b"\n" } else { b",\n" })?;
                serde_json::to_writer(&mut *w, pair)?;
            }
            w.write_all(b"\n]}\n")?;
            w.flush()
        };
        write(&mut w).map_err(|source| Error::Write { source })
    }

    /// Reads the planted pairs of a truth file written by [`Synthetic::write_truth`].
    ///
    /// # Errors
    ///
    /// [`Error::Json`] with the line and JSON path when the text is not a truth
    /// file (malformed JSON, a missing field, an invalid id).
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::synth::Synthetic;
    ///
    /// let pairs = Synthetic::read_truth(br#"{"seed":1,"needs":1,"offers":1,"planted":[{"need":"a-n1","offer":"b-o1"}]}"#)?;
    /// assert_eq!(pairs[0].offer.as_str(), "b-o1");
    /// let err = Synthetic::read_truth(br#"{"seed":1,"needs":1,"offers":1}"#).unwrap_err();
    /// assert_eq!(err.to_string(), "<input>:1: missing field `planted`");
    /// # Ok::<(), capmatch::Error>(())
    /// ```
    pub fn read_truth(json: &[u8]) -> Result<Vec<PlantedPair>> {
        let mut de = serde_json::Deserializer::from_slice(json);
        let file: TruthFile = serde_path_to_error::deserialize(&mut de).map_err(|err| {
            let path = err.path().to_string();
            json_error(&err.into_inner(), if path == "." { String::new() } else { path })
        })?;
        de.end().map_err(|err| json_error(&err, String::new()))?;
        Ok(file.planted)
    }
}

fn json_error(err: &serde_json::Error, path: String) -> Error {
    let full = err.to_string();
    // serde_json appends " at line L column C"; the location says where.
    let message = full.rfind(" at line ").map_or(full.as_str(), |i| &full[..i]).to_string();
    Error::Json {
        at: Location { file: None, line: u32::try_from(err.line()).ok().filter(|l| *l > 0) },
        path,
        message,
    }
}
