//! The bipartite match graph and its queries.

use std::collections::BTreeMap;

use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::unionfind::UnionFind;
use petgraph::visit::EdgeRef;
use serde::Serialize;

use super::{Ranking, round4};
use crate::Party;

/// A node of the [`MatchGraph`]: a need or an offer, by index in corpus order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Node {
    /// The need with this index.
    Need(u32),
    /// The offer with this index.
    Offer(u32),
}

/// Donor → recipient aggregate: how strongly one party's offers meet another's needs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EconomyLink {
    /// The party whose offers match.
    pub donor: Party,
    /// The party whose needs are matched.
    pub recipient: Party,
    /// Number of (need, offer) matches between them.
    pub matches: usize,
    /// Number of distinct needs of the recipient the donor can help with.
    pub needs_met: usize,
    /// Sum of the match scores (rounded to 4 decimals).
    pub strength: f64,
    /// The best single match score.
    pub best_score: f64,
}

/// Per (donor, recipient) party pair: matches, needs met, total and best score.
#[derive(Default)]
struct Agg {
    matches: usize,
    needs: Vec<u32>,
    strength: f64,
    best: f64,
}

/// The bipartite graph of needs and offers: an edge donor offer → recipient need
/// for every ranked match, weighted by its score (a petgraph [`DiGraph`]).
///
/// # Examples
///
/// ```
/// use capmatch::{Corpus, MatchConfig, graph::{MatchGraph, Ranking}, similarity::Analysis};
///
/// let corpus = Corpus::from_json_str(r#"{"submissions":[
///   {"economy":"HKC","needs":[{"section":"A.1","text":"Workshops on Single Window system development"},
///                              {"section":"A.2","text":"learn best practices on the security of port facilities"}]},
///   {"economy":"ROK","offers":[{"section":"A.1","text":"Single Window workshops for customs officials"},
///                              {"section":"C","text":"cyber crime investigation trainers"}]}]}"#, None)?;
/// let config = MatchConfig::new().build()?;
/// let analysis = Analysis::new(&corpus, config.fuzzy_threshold);
/// let ranking = Ranking::new(&analysis, &config);
/// let graph = MatchGraph::new(&ranking);
/// assert_eq!(graph.top_offers(0, 3)[0].0, 0);
/// assert_eq!(graph.unmet_needs(), [1]);
/// assert_eq!(graph.unrequested_offers(), [1]);
/// let links = graph.economy_links();
/// assert_eq!((links[0].donor.to_string(), links[0].recipient.to_string()), ("ROK".into(), "HKC".into()));
/// # Ok::<(), capmatch::Error>(())
/// ```
#[derive(Debug)]
pub struct MatchGraph<'r, 'a, 'c> {
    ranking: &'r Ranking<'a, 'c>,
    graph: DiGraph<Node, f64>,
    needs: Vec<NodeIndex>,
    offers: Vec<NodeIndex>,
}

impl<'r, 'a, 'c> MatchGraph<'r, 'a, 'c> {
    /// Builds the graph of a ranking.
    ///
    /// # Complexity
    ///
    /// O(N + M + E) for N needs, M offers and E ranked matches.
    pub fn new(ranking: &'r Ranking<'a, 'c>) -> Self {
        let analysis = ranking.analysis();
        let (n, m) = (analysis.need_count(), analysis.offer_count());
        let edges: usize = (0..n).map(|i| ranking.ranked(i).len()).sum();
        let mut graph = DiGraph::with_capacity(n + m, edges);
        let needs: Vec<NodeIndex> = (0..n as u32).map(|i| graph.add_node(Node::Need(i))).collect();
        let offers: Vec<NodeIndex> = (0..m as u32).map(|j| graph.add_node(Node::Offer(j))).collect();
        for (i, &need) in needs.iter().enumerate() {
            for r in ranking.ranked(i) {
                graph.add_edge(offers[r.offer as usize], need, r.score);
            }
        }
        MatchGraph { ranking, graph, needs, offers }
    }

    /// The underlying petgraph graph.
    pub fn graph(&self) -> &DiGraph<Node, f64> {
        &self.graph
    }

    /// The ranking the graph was built from.
    pub fn ranking(&self) -> &'r Ranking<'a, 'c> {
        self.ranking
    }

    fn sorted_neighbours(&self, node: NodeIndex, dir: Direction, k: usize) -> Vec<(usize, f64)> {
        let ranks = match dir {
            Direction::Incoming => &self.ranking.analysis().offers.id_rank,
            Direction::Outgoing => &self.ranking.analysis().needs.id_rank,
        };
        let mut out: Vec<(usize, f64)> = self
            .graph
            .edges_directed(node, dir)
            .map(|e| {
                let other = match dir {
                    Direction::Incoming => e.source(),
                    Direction::Outgoing => e.target(),
                };
                let idx = match self.graph[other] {
                    Node::Need(i) | Node::Offer(i) => i as usize,
                };
                (idx, *e.weight())
            })
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(ranks[a.0].cmp(&ranks[b.0])));
        out.truncate(k);
        out
    }

    /// The best `k` offers for need `i`: (offer index, score), best first, ties by id.
    ///
    /// # Complexity
    ///
    /// O(d log d) for the need's d edges.
    pub fn top_offers(&self, i: usize, k: usize) -> Vec<(usize, f64)> {
        self.sorted_neighbours(self.needs[i], Direction::Incoming, k)
    }

    /// The best `k` needs offer `j` could meet: (need index, score), best first.
    ///
    /// # Complexity
    ///
    /// O(d log d) for the offer's d edges.
    pub fn top_needs(&self, j: usize, k: usize) -> Vec<(usize, f64)> {
        self.sorted_neighbours(self.offers[j], Direction::Outgoing, k)
    }

    /// Needs with no offer at or above the minimum score, by index in id order.
    ///
    /// # Complexity
    ///
    /// O(N log N).
    pub fn unmet_needs(&self) -> Vec<usize> {
        self.ranking
            .needs_in_id_order()
            .into_iter()
            .filter(|&i| self.graph.edges_directed(self.needs[i], Direction::Incoming).next().is_none())
            .collect()
    }

    /// Offers no need was matched to, by index in id order.
    ///
    /// # Complexity
    ///
    /// O(M log M).
    pub fn unrequested_offers(&self) -> Vec<usize> {
        let ranks = &self.ranking.analysis().offers.id_rank;
        let mut out: Vec<usize> = (0..self.offers.len())
            .filter(|&j| self.graph.edges_directed(self.offers[j], Direction::Outgoing).next().is_none())
            .collect();
        out.sort_unstable_by_key(|&j| ranks[j]);
        out
    }

    /// The economy-level view: one link per (donor, recipient) pair of parties with
    /// at least one match, strongest first (ties by donor, then recipient).
    ///
    /// # Complexity
    ///
    /// O(E log P) for E matches and P parties.
    pub fn economy_links(&self) -> Vec<EconomyLink> {
        self.economy_links_where(|_, _| true)
    }

    /// [`MatchGraph::economy_links`] over the matches (need index, offer index)
    /// that `keep` accepts.
    pub(crate) fn economy_links_where(&self, keep: impl Fn(usize, usize) -> bool) -> Vec<EconomyLink> {
        let analysis = self.ranking.analysis();
        let mut agg: BTreeMap<(u32, u32), Agg> = BTreeMap::new();
        for e in self.graph.edge_references() {
            let (Node::Offer(j), Node::Need(i)) = (self.graph[e.source()], self.graph[e.target()]) else {
                continue;
            };
            if !keep(i as usize, j as usize) {
                continue;
            }
            let key = (analysis.offers.party[j as usize], analysis.needs.party[i as usize]);
            let entry = agg.entry(key).or_default();
            entry.matches += 1;
            entry.needs.push(i);
            entry.strength += *e.weight();
            entry.best = entry.best.max(*e.weight());
        }
        let mut links: Vec<EconomyLink> = agg
            .into_iter()
            .map(|((d, r), mut a)| {
                a.needs.sort_unstable();
                a.needs.dedup();
                EconomyLink {
                    donor: analysis.parties[d as usize].clone(),
                    recipient: analysis.parties[r as usize].clone(),
                    matches: a.matches,
                    needs_met: a.needs.len(),
                    strength: round4(a.strength),
                    best_score: round4(a.best),
                }
            })
            .collect();
        links.sort_by(|a, b| {
            b.strength
                .total_cmp(&a.strength)
                .then_with(|| a.donor.cmp(&b.donor))
                .then_with(|| a.recipient.cmp(&b.recipient))
        });
        links
    }

    /// The economy graph: parties as nodes, a donor → recipient edge per
    /// [`EconomyLink`]. Nodes are in party order; render with
    /// [`report::to_dot`](crate::report::to_dot).
    pub fn economy_graph(&self) -> DiGraph<Party, EconomyLink> {
        let parties = &self.ranking.analysis().parties;
        let mut g = DiGraph::with_capacity(parties.len(), 0);
        let nodes: Vec<NodeIndex> = parties.iter().map(|p| g.add_node((*p).clone())).collect();
        let mut links = self.economy_links();
        links.sort_by(|a, b| a.donor.cmp(&b.donor).then_with(|| a.recipient.cmp(&b.recipient)));
        for link in links {
            let (Ok(d), Ok(r)) =
                (parties.binary_search(&&link.donor), parties.binary_search(&&link.recipient))
            else {
                continue;
            };
            g.add_edge(nodes[d], nodes[r], link);
        }
        g
    }

    /// Clusters of parties connected by matches (in either direction), each sorted,
    /// largest first; parties without any match are left out.
    ///
    /// # Complexity
    ///
    /// O(E α(P) + P log P) with union–find.
    pub fn clusters(&self) -> Vec<Vec<Party>> {
        let analysis = self.ranking.analysis();
        let parties = &analysis.parties;
        let mut uf = UnionFind::<usize>::new(parties.len());
        let mut linked = vec![false; parties.len()];
        for e in self.graph.edge_references() {
            if let (Node::Offer(j), Node::Need(i)) = (self.graph[e.source()], self.graph[e.target()]) {
                let (d, r) =
                    (analysis.offers.party[j as usize] as usize, analysis.needs.party[i as usize] as usize);
                uf.union(d, r);
                linked[d] = true;
                linked[r] = true;
            }
        }
        let mut groups: BTreeMap<usize, Vec<Party>> = BTreeMap::new();
        for (p, party) in parties.iter().enumerate() {
            if linked[p] {
                groups.entry(uf.find(p)).or_default().push((*party).clone());
            }
        }
        let mut out: Vec<Vec<Party>> = groups.into_values().collect();
        out.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        out
    }
}
