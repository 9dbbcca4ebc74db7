//! Capacity-respecting assignment: which offer serves which need.

use std::fmt;

use pathfinding::prelude::{Weights, kuhn_munkres};
use petgraph::unionfind::UnionFind;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::{Ranking, round4};
use crate::{DEFAULT_CAPACITY, ItemId};

/// How [`assign`] solves each connected component of the candidate graph.
///
/// # Examples
///
/// ```
/// use capmatch::graph::AssignMethod;
///
/// assert_eq!(AssignMethod::default(), AssignMethod::Auto);
/// assert_eq!("greedy".parse::<AssignMethod>()?, AssignMethod::Greedy);
/// assert!("fast".parse::<AssignMethod>().is_err());
/// assert_eq!(AssignMethod::Exact.to_string(), "exact");
/// # Ok::<(), capmatch::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssignMethod {
    /// Exact where it is affordable, greedy elsewhere: a component of n needs and
    /// m capacity slots is solved exactly when its Kuhn–Munkres work
    /// min(n, m)²·max(n, m) is at most [`AUTO_EXACT_WORK`].
    #[default]
    Auto,
    /// Always Kuhn–Munkres: the best total score. O(min(n, m)²·max(n, m)) per
    /// component, so a component of tens of thousands of needs takes hours; use
    /// [`AssignMethod::Auto`] on large inputs.
    Exact,
    /// Always greedy: edges by score, best first (ties by need id, then offer id),
    /// each taken while its need is free and its offer has capacity left.
    Greedy,
}

impl AssignMethod {
    /// The lower-case name: `auto`, `exact`, `greedy`.
    pub fn name(self) -> &'static str {
        match self {
            AssignMethod::Auto => "auto",
            AssignMethod::Exact => "exact",
            AssignMethod::Greedy => "greedy",
        }
    }
}

impl fmt::Display for AssignMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for AssignMethod {
    type Err = crate::Error;

    /// Reads `auto`, `exact` or `greedy` (any case).
    fn from_str(s: &str) -> crate::Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(AssignMethod::Auto),
            "exact" => Ok(AssignMethod::Exact),
            "greedy" => Ok(AssignMethod::Greedy),
            _ => Err(crate::Error::config("method", format!("must be auto, exact or greedy, got {s:?}"))),
        }
    }
}

/// The largest Kuhn–Munkres work min(n, m)²·max(n, m) (n needs, m capacity
/// slots) that [`AssignMethod::Auto`] solves exactly; larger components are solved
/// greedily.
///
/// Chosen from measurements (release build, one core of a 2-core machine, random
/// candidate graphs of 5 candidates per need skewed towards popular offers, scores
/// 0.3–0.95; `cargo test --release --lib graph::assign::tests::measure -- --ignored
/// --nocapture`). The slowest shape is as many needs as slots with capacity 1:
/// 2,000 needs took 0.18 s (work 7.5·10⁹) and 4,000 needs 0.98 s (6·10¹⁰), about
/// 1.6·10⁻¹¹ s per unit of work; with capacity to spare 8,000 needs took 1.4 s
/// (7.6·10¹¹). 2·10¹⁰ keeps every exact component to about a third of a second —
/// some 2,700 needs against as many slots, 1,800 against twice as many — and covers
/// everything real CTAP data produces (a few hundred needs a year) many times over.
pub const AUTO_EXACT_WORK: u64 = 20_000_000_000;

/// Scores are scaled to integers for Kuhn–Munkres: 10⁻⁶ resolution, far finer than
/// the 4 decimals of output.
const SCALE: f64 = 1_000_000.0;

/// One need served by one offer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assignment {
    /// The need's id.
    pub need: ItemId,
    /// The offer's id.
    pub offer: ItemId,
    /// The match score, rounded to 4 decimals.
    pub score: f64,
}

/// Why a need was left without an offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnassignedReason {
    /// No offer scored at or above the minimum score: a gap in what is offered.
    NoCandidate,
    /// The need had candidate offers, but all of them were filled by other needs.
    CapacityExhausted,
}

impl UnassignedReason {
    /// The name used in the allocation JSON: `no_candidate`, `capacity_exhausted`.
    pub fn name(self) -> &'static str {
        match self {
            UnassignedReason::NoCandidate => "no_candidate",
            UnassignedReason::CapacityExhausted => "capacity_exhausted",
        }
    }
}

impl fmt::Display for UnassignedReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A need left without an offer, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unassigned {
    /// The need's id.
    pub need: ItemId,
    /// Why it has no offer.
    pub reason: UnassignedReason,
}

/// How much of an offer's capacity the plan uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferLoad {
    /// The offer's id.
    pub offer: ItemId,
    /// Needs assigned to it.
    pub assigned: u32,
    /// How many it can serve (its `capacity`, else [`DEFAULT_CAPACITY`]).
    pub capacity: u32,
}

/// How an allocation was computed (not part of the allocation JSON).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct AssignStats {
    /// Connected components of the candidate graph (needs with at least one candidate).
    pub components: usize,
    /// Components solved with Kuhn–Munkres.
    pub exact_components: usize,
    /// Components solved greedily.
    pub greedy_components: usize,
    /// Needs in the largest component.
    pub largest_component: usize,
    /// The total score of the assignments, unrounded.
    pub total_score: f64,
}

/// A capacity-respecting plan: the allocation JSON contract of `DESIGN.md`.
///
/// ```json
/// { "assignments": [ { "need": "hkc-2020-n2", "offer": "rok-2014-o1", "score": 0.81 } ],
///   "unassigned":  [ { "need": "hkc-2020-n3", "reason": "no_candidate" } ],
///   "load":        [ { "offer": "rok-2014-o1", "assigned": 1, "capacity": 2 } ] }
/// ```
///
/// Every need is in exactly one of `assignments` and `unassigned`. `load` lists
/// every offer that is a candidate for at least one need (offers no need asked for
/// could take no assignment, and the Summary Report lists them already), including
/// those left with nothing assigned. All three lists are sorted by id. Write it
/// with [`report::write_allocation_json`](crate::report::write_allocation_json)
/// (or CSV, Markdown); it also reads back with serde.
///
/// # Examples
///
/// ```
/// use capmatch::graph::{Allocation, UnassignedReason};
///
/// let plan: Allocation = serde_json::from_str(r#"{
///   "assignments": [ { "need": "hkc-2020-n2", "offer": "rok-2014-o1", "score": 0.81 } ],
///   "unassigned":  [ { "need": "hkc-2020-n3", "reason": "no_candidate" } ],
///   "load":        [ { "offer": "rok-2014-o1", "assigned": 1, "capacity": 2 } ] }"#).unwrap();
/// assert_eq!(plan.unassigned[0].reason, UnassignedReason::NoCandidate);
/// assert_eq!(serde_json::to_value(&plan).unwrap()["load"][0]["capacity"], 2);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Allocation {
    /// Needs with the offer that serves them, by need id.
    pub assignments: Vec<Assignment>,
    /// Needs without an offer, with the reason, by need id.
    pub unassigned: Vec<Unassigned>,
    /// Every candidate offer's load, by offer id.
    pub load: Vec<OfferLoad>,
    /// How the plan was computed.
    #[serde(skip)]
    pub stats: AssignStats,
}

/// Chooses need → offer assignments that maximise the total score, each need at
/// most once, no offer beyond its capacity, only along the ranking's (need, offer)
/// matches.
///
/// The candidate graph is split into connected components, solved independently
/// (in parallel, with the same result at any thread count). A component is solved
/// with Kuhn–Munkres on scores scaled to integers (10⁻⁶), offers expanded into
/// capacity slots (at most one slot per candidate need, so a large capacity costs
/// nothing); or greedily, per `method`. On random candidate graphs (see
/// [`AUTO_EXACT_WORK`]) the greedy total is 2.3–6.1 % below the exact one when
/// offers have room to spare (capacity 1–3, as many offers as needs), 8.4–10 % when
/// capacity is tight (capacity 1), 0.3–1.5 % when needs outnumber offers four to one. A need with no
/// candidate is [`UnassignedReason::NoCandidate`]; one whose candidates all went to
/// other needs is [`UnassignedReason::CapacityExhausted`] (in an optimal plan, a
/// need is never left out while one of its candidates has room).
///
/// Among equally good exact plans the one found with needs and offers in id order
/// is kept, so the result depends only on the corpus and the configuration.
///
/// # Complexity
///
/// O(E α(N + M) + N log N + M log M) to split E matches among N needs and M offers
/// into components; then per component of n needs, m slots and e matches,
/// O(min(n, m)²·max(n, m)) time exactly, O(e log e) greedily, and O(e + m) memory
/// either way.
///
/// # Examples
///
/// ```
/// use capmatch::{Corpus, MatchConfig, graph::{AssignMethod, Ranking, UnassignedReason, assign}};
/// use capmatch::similarity::Analysis;
///
/// // One Single Window workshop with room for one economy, wanted by two.
/// let corpus = Corpus::from_json_str(r#"{"submissions":[
///   {"economy":"HKC","year":2020,"needs":[{"section":"A.1","text":"Workshops on Single Window system development"}]},
///   {"economy":"PHL","year":2020,"needs":[{"section":"A.1","text":"Single Window implementation workshops"},
///                                          {"section":"B","text":"Training on the seizure of terrorist assets"}]},
///   {"economy":"ROK","year":2020,"offers":[{"section":"A.1","text":"Single Window workshops for customs officials","capacity":1}]}]}"#, None)?;
/// let config = MatchConfig::new().build()?;
/// let analysis = Analysis::new(&corpus, config.fuzzy_threshold);
/// let ranking = Ranking::new(&analysis, &config);
/// let plan = assign(&ranking, AssignMethod::Auto);
/// assert_eq!(plan.assignments.len(), 1);
/// assert_eq!(plan.assignments[0].offer.as_str(), "rok-2020-o1");
/// assert_eq!(plan.unassigned.len(), 2);
/// let reasons: Vec<_> = plan.unassigned.iter().map(|u| (u.need.as_str(), u.reason)).collect();
/// assert!(reasons.contains(&("phl-2020-n2", UnassignedReason::NoCandidate)));
/// assert_eq!((plan.load[0].assigned, plan.load[0].capacity), (1, 1));
/// # Ok::<(), capmatch::Error>(())
/// ```
pub fn assign(ranking: &Ranking<'_, '_>, method: AssignMethod) -> Allocation {
    let analysis = ranking.analysis();
    let (n, m) = (analysis.need_count(), analysis.offer_count());
    let mut edges = Vec::new();
    for i in 0..n {
        for r in ranking.ranked(i) {
            edges.push(Edge { need: i as u32, offer: r.offer, score: r.score });
        }
    }
    let capacity: Vec<u32> =
        (0..m).map(|j| analysis.offer(j).item.capacity.unwrap_or(DEFAULT_CAPACITY)).collect();
    let problem = Problem {
        needs: n,
        edges: &edges,
        capacity: &capacity,
        need_rank: &analysis.needs.id_rank,
        offer_rank: &analysis.offers.id_rank,
    };
    let solution = solve(&problem, method, AUTO_EXACT_WORK);

    let mut allocation = Allocation { stats: solution.stats, ..Allocation::default() };
    for i in ranking.needs_in_id_order() {
        let id = analysis.need(i).item.id.clone();
        if let Some((offer, score)) = solution.chosen[i] {
            let offer = analysis.offer(offer as usize).item.id.clone();
            allocation.assignments.push(Assignment { need: id, offer, score: round4(score) });
        } else {
            let reason = if ranking.ranked(i).is_empty() {
                UnassignedReason::NoCandidate
            } else {
                UnassignedReason::CapacityExhausted
            };
            allocation.unassigned.push(Unassigned { need: id, reason });
        }
    }
    let mut degree = vec![0u32; m];
    let mut assigned = vec![0u32; m];
    for e in &edges {
        degree[e.offer as usize] += 1;
    }
    for (offer, _) in solution.chosen.iter().flatten() {
        assigned[*offer as usize] += 1;
    }
    let mut offers: Vec<usize> = (0..m).filter(|&j| degree[j] > 0).collect();
    offers.sort_unstable_by_key(|&j| analysis.offers.id_rank[j]);
    allocation.load = offers
        .into_iter()
        .map(|j| OfferLoad {
            offer: analysis.offer(j).item.id.clone(),
            assigned: assigned[j],
            capacity: capacity[j],
        })
        .collect();
    allocation
}

/// A candidate (need, offer) pair, by index.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Edge {
    need: u32,
    offer: u32,
    score: f64,
}

/// An assignment problem in indices: the solver's input.
struct Problem<'p> {
    /// The number of needs.
    needs: usize,
    edges: &'p [Edge],
    /// Per offer.
    capacity: &'p [u32],
    /// Each need's position in id order.
    need_rank: &'p [u32],
    /// Each offer's position in id order.
    offer_rank: &'p [u32],
}

/// The solver's output: per need, the chosen offer and the edge's score.
struct Solution {
    chosen: Vec<Option<(u32, f64)>>,
    stats: AssignStats,
}

/// A chosen (local need, local offer, score).
type Pick = (u32, u32, f64);

/// One connected component: needs and offers sorted by id, edges in local indices.
struct Component {
    needs: Vec<u32>,
    offers: Vec<u32>,
    /// (local need, local offer, score).
    edges: Vec<(u32, u32, f64)>,
}

/// Solves `problem` per connected component; `exact_work` is the Auto threshold.
fn solve(problem: &Problem<'_>, method: AssignMethod, exact_work: u64) -> Solution {
    let components = components(problem);
    let solved: Vec<(Vec<Pick>, bool)> = components
        .par_iter()
        .map(|c| {
            let exact = match method {
                AssignMethod::Exact => true,
                AssignMethod::Greedy => false,
                AssignMethod::Auto => exact_work_of(c, problem.capacity) <= exact_work,
            };
            let picks = if exact { solve_exact(c, problem.capacity) } else { solve_greedy(c, problem) };
            (picks, exact)
        })
        .collect();
    let mut chosen = vec![None; problem.needs];
    let mut stats = AssignStats { components: components.len(), ..AssignStats::default() };
    for (c, (picks, exact)) in components.iter().zip(&solved) {
        if *exact {
            stats.exact_components += 1;
        } else {
            stats.greedy_components += 1;
        }
        stats.largest_component = stats.largest_component.max(c.needs.len());
        for &(need, offer, score) in picks {
            chosen[c.needs[need as usize] as usize] = Some((c.offers[offer as usize], score));
        }
    }
    // Summed in need order, so the total does not depend on the thread count
    // (`+ 0.0`: an empty float sum is -0.0).
    stats.total_score = chosen.iter().flatten().map(|(_, s)| s).sum::<f64>() + 0.0;
    Solution { chosen, stats }
}

/// Splits the candidate graph into connected components, ordered by their first
/// need in id order.
fn components(problem: &Problem<'_>) -> Vec<Component> {
    let n = problem.needs;
    let mut uf = UnionFind::<usize>::new(n + problem.capacity.len());
    for e in problem.edges {
        uf.union(e.need as usize, n + e.offer as usize);
    }
    let mut needs_with_edges = vec![false; n];
    for e in problem.edges {
        needs_with_edges[e.need as usize] = true;
    }
    let mut order: Vec<u32> = (0..n as u32).filter(|&i| needs_with_edges[i as usize]).collect();
    order.sort_unstable_by_key(|&i| problem.need_rank[i as usize]);
    // Root → component number, numbered in the order of the needs.
    let mut number = vec![u32::MAX; n + problem.capacity.len()];
    let mut comps: Vec<Component> = Vec::new();
    let mut local_need = vec![0u32; n];
    for &i in &order {
        let root = uf.find(i as usize);
        if number[root] == u32::MAX {
            number[root] = comps.len() as u32;
            comps.push(Component { needs: Vec::new(), offers: Vec::new(), edges: Vec::new() });
        }
        let c = &mut comps[number[root] as usize];
        local_need[i as usize] = c.needs.len() as u32;
        c.needs.push(i);
    }
    for e in problem.edges {
        let c = &mut comps[number[uf.find(e.need as usize)] as usize];
        c.offers.push(e.offer);
    }
    let mut local_offer = vec![0u32; problem.capacity.len()];
    for c in &mut comps {
        c.offers.sort_unstable_by_key(|&j| problem.offer_rank[j as usize]);
        c.offers.dedup();
        for (k, &j) in c.offers.iter().enumerate() {
            local_offer[j as usize] = k as u32;
        }
    }
    for e in problem.edges {
        let c = &mut comps[number[uf.find(e.need as usize)] as usize];
        c.edges.push((local_need[e.need as usize], local_offer[e.offer as usize], e.score));
    }
    comps
}

/// Capacity slots per offer of a component: its capacity, but never more than the
/// needs that want it.
fn slots(c: &Component, capacity: &[u32]) -> Vec<u32> {
    let mut degree = vec![0u32; c.offers.len()];
    for &(_, j, _) in &c.edges {
        degree[j as usize] += 1;
    }
    c.offers.iter().zip(degree).map(|(&j, d)| capacity[j as usize].min(d)).collect()
}

/// Kuhn–Munkres work min(n, m)²·max(n, m) of a component of n needs and m slots:
/// its worst-case number of steps (see [`SlotWeights`]).
fn exact_work_of(c: &Component, capacity: &[u32]) -> u64 {
    let needs = c.needs.len() as u64;
    let slots: u64 = slots(c, capacity).iter().map(|&s| u64::from(s)).sum();
    let (small, large) = (needs.min(slots), needs.max(slots));
    small.saturating_mul(small).saturating_mul(large)
}

/// The integer weight of a score: positive for every candidate, so an optimal plan
/// never leaves a need out while one of its candidates has room.
fn weight(score: f64) -> i64 {
    ((score * SCALE).round() as i64).max(1)
}

/// The Kuhn–Munkres weights of one component, without materialising the matrix:
/// one side is the needs, the other the offers' capacity slots, and a cell is the
/// need's weight for the slot's offer, 0 if the need does not match that offer.
///
/// Kuhn–Munkres wants rows ≤ columns, so the smaller side is the rows: needs when
/// they are no more than the slots, else the slots (`transposed`). No padding is
/// needed either way, and the work is min(n, m)²·max(n, m) rather than n²·max(n, m):
/// what keeps components with many needs and few offers affordable. Memory
/// O(e + m) instead of O(n·m).
struct SlotWeights {
    needs: usize,
    /// The (local) offer of each slot.
    slot_offer: Vec<u32>,
    /// Need `i`'s candidates are `cells[need_start[i]..need_start[i + 1]]`, sorted by offer.
    need_start: Vec<usize>,
    cells: Vec<(u32, i64)>,
    /// Rows are slots and columns needs.
    transposed: bool,
    /// Set by [`Weights::neg`].
    negated: bool,
}

impl SlotWeights {
    fn weight(&self, need: usize, slot: usize) -> i64 {
        let offer = self.slot_offer[slot];
        let cells = &self.cells[self.need_start[need]..self.need_start[need + 1]];
        let w = cells.iter().find(|c| c.0 == offer).map_or(0, |c| c.1);
        if self.negated { -w } else { w }
    }
}

impl Weights<i64> for SlotWeights {
    fn rows(&self) -> usize {
        if self.transposed { self.slot_offer.len() } else { self.needs }
    }

    fn columns(&self) -> usize {
        if self.transposed { self.needs } else { self.slot_offer.len() }
    }

    fn at(&self, row: usize, col: usize) -> i64 {
        if self.transposed { self.weight(col, row) } else { self.weight(row, col) }
    }

    fn neg(&self) -> Self {
        SlotWeights {
            slot_offer: self.slot_offer.clone(),
            need_start: self.need_start.clone(),
            cells: self.cells.clone(),
            negated: !self.negated,
            ..*self
        }
    }
}

/// Kuhn–Munkres on one component (see [`SlotWeights`]). A need paired with a slot
/// of an offer it does not match (weight 0) is left unassigned.
fn solve_exact(c: &Component, capacity: &[u32]) -> Vec<Pick> {
    let slots = slots(c, capacity);
    let mut slot_offer: Vec<u32> = Vec::new();
    for (j, &s) in slots.iter().enumerate() {
        slot_offer.extend(std::iter::repeat_n(j as u32, s as usize));
    }
    if slot_offer.is_empty() {
        return Vec::new();
    }
    let needs = c.needs.len();
    let mut by_need: Vec<(u32, u32, f64)> = c.edges.clone();
    by_need.sort_unstable_by_key(|&(i, j, _)| (i, j));
    let mut need_start = vec![0usize; needs + 1];
    for &(i, _, _) in &by_need {
        need_start[i as usize + 1] += 1;
    }
    for i in 0..needs {
        need_start[i + 1] += need_start[i];
    }
    let weights = SlotWeights {
        needs,
        transposed: needs > slot_offer.len(),
        slot_offer,
        need_start,
        cells: by_need.iter().map(|&(_, j, s)| (j, weight(s))).collect(),
        negated: false,
    };
    let (_, pairs) = kuhn_munkres(&weights);
    let pairs = pairs.into_iter().enumerate().map(|(r, c)| if weights.transposed { (c, r) } else { (r, c) });
    let mut picks = Vec::new();
    for (i, slot) in pairs {
        let j = weights.slot_offer[slot];
        let row = &by_need[weights.need_start[i]..weights.need_start[i + 1]];
        if let Some(&(_, _, s)) = row.iter().find(|e| e.1 == j) {
            picks.push((i as u32, j, s));
        }
    }
    picks.sort_unstable_by_key(|p| p.0);
    picks
}

/// Greedy on one component: edges by score, best first, ties by need id then offer
/// id; an edge is taken while its need is free and its offer has room.
fn solve_greedy(c: &Component, problem: &Problem<'_>) -> Vec<Pick> {
    let mut edges = c.edges.clone();
    let need_rank = |i: u32| problem.need_rank[c.needs[i as usize] as usize];
    let offer_rank = |j: u32| problem.offer_rank[c.offers[j as usize] as usize];
    edges.sort_unstable_by(|a, b| {
        b.2.total_cmp(&a.2)
            .then_with(|| need_rank(a.0).cmp(&need_rank(b.0)))
            .then_with(|| offer_rank(a.1).cmp(&offer_rank(b.1)))
    });
    let mut left: Vec<u32> = c.offers.iter().map(|&j| problem.capacity[j as usize]).collect();
    let mut taken = vec![false; c.needs.len()];
    let mut picks = Vec::new();
    for (i, j, s) in edges {
        if !taken[i as usize] && left[j as usize] > 0 {
            taken[i as usize] = true;
            left[j as usize] -= 1;
            picks.push((i, j, s));
        }
    }
    picks
}

#[cfg(test)]
mod tests;
