//! Grouping needs by relevance: average-linkage agglomerative clustering cut at a
//! threshold (the default), and two simpler methods it was measured against.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BinaryHeap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;

/// What clustering needs to know about pairs of needs: the needs whose (symmetric)
/// probability of asking for the same thing as a need reaches a bound, found
/// without scanning every pair.
pub(crate) trait PairScores: Sync {
    /// The needs whose probability with `a` is at least `min` (any order).
    fn neighbours(&self, a: usize, min: f64) -> Vec<(usize, f64)>;
}

/// How needs are grouped into clusters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Method {
    /// Average-linkage agglomerative clustering cut at the threshold: the two
    /// groups whose needs are, on average over every pair across them, most
    /// likely to ask for the same thing merge first, until no two groups reach the
    /// threshold on average. A pair the index does not propose (below half the
    /// threshold) counts as 0. The default: measured best on the development set
    /// (see the README), and robust to chaining: one need that resembles two
    /// topics does not glue them together.
    #[default]
    AverageLinkage,
    /// Connected components of the pairs at or above the threshold (single
    /// linkage): simple, but one bridging pair joins two topics.
    SingleLinkage,
    /// Connected components of mutual nearest neighbours at or above the
    /// threshold: `a` and `b` are linked when each is among the other's `k` most
    /// relevant needs.
    MutualNeighbours {
        /// Neighbours considered per need (at least 1).
        k: usize,
    },
}

/// The share of the cut below which average linkage treats a pair as unrelated
/// (0): such pairs are not worth a candidate lookup, and their sum over a group is
/// small next to the cut.
pub(crate) const AVERAGE_FLOOR: f64 = 0.5;

/// Groups `members` (need indices; their order breaks ties, so give them in id
/// order) into clusters of at least two needs, each sorted in `members` order, the
/// clusters in order of their first member. Needs in no cluster are left out.
///
/// # Complexity
///
/// One neighbour query per member (parallel), then O(E log E) for E candidate
/// pairs (average linkage updates each group's links when it merges, smaller into
/// larger). The result does not depend on the number of threads.
pub(crate) fn cluster(
    members: &[usize],
    scores: &impl PairScores,
    method: Method,
    cut: f64,
) -> Vec<Vec<usize>> {
    let floor = match method {
        Method::AverageLinkage => cut * AVERAGE_FLOOR,
        Method::SingleLinkage | Method::MutualNeighbours { .. } => cut,
    };
    let edges = edges(members, scores, floor);
    let groups = match method {
        Method::AverageLinkage => average_linkage(members.len(), &edges, cut),
        Method::SingleLinkage => {
            let keep: Vec<(u32, u32)> = edges.iter().filter(|e| e.2 >= cut).map(|e| (e.0, e.1)).collect();
            components(members.len(), &keep)
        }
        Method::MutualNeighbours { k } => components(members.len(), &mutual(members.len(), &edges, k.max(1))),
    };
    groups
        .into_iter()
        .filter(|g| g.len() >= 2)
        .map(|g| g.into_iter().map(|p| members[p as usize]).collect())
        .collect()
}

/// Candidate pairs `(a, b, probability)` with `a < b` (positions in `members`),
/// sorted, each once, at or above `floor`.
fn edges(members: &[usize], scores: &impl PairScores, floor: f64) -> Vec<(u32, u32, f64)> {
    let max = members.iter().copied().max().map_or(0, |m| m + 1);
    let mut position = vec![u32::MAX; max];
    for (p, &i) in members.iter().enumerate() {
        position[i] = p as u32;
    }
    let lists: Vec<Vec<(u32, u32, f64)>> = members
        .par_iter()
        .enumerate()
        .map(|(pa, &a)| {
            scores
                .neighbours(a, floor)
                .into_iter()
                .filter_map(|(b, p)| {
                    let pb = *position.get(b)?;
                    (pb != u32::MAX && pb != pa as u32 && p >= floor).then_some(if (pa as u32) < pb {
                        (pa as u32, pb, p)
                    } else {
                        (pb, pa as u32, p)
                    })
                })
                .collect()
        })
        .collect();
    let mut all: Vec<(u32, u32, f64)> = lists.into_iter().flatten().collect();
    // Found from both ends, or from one when candidate generation is asymmetric:
    // the probability is symmetric, keep one.
    all.sort_unstable_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)).then(y.2.total_cmp(&x.2)));
    all.dedup_by_key(|e| (e.0, e.1));
    all
}

/// A candidate merge: an upper bound of the average probability across the two
/// groups that hold needs `a` and `b` (positions in the members).
#[derive(Debug, Clone, Copy)]
struct Merge {
    average: f64,
    a: u32,
    b: u32,
}

impl PartialEq for Merge {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Merge {}

impl PartialOrd for Merge {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Merge {
    /// Highest average first; ties to the pair of earliest members.
    fn cmp(&self, other: &Self) -> Ordering {
        self.average.total_cmp(&other.average).then_with(|| (other.a, other.b).cmp(&(self.a, self.b)))
    }
}

/// Average-linkage agglomeration over `n` members and the sparse `edges`, stopping
/// when no two groups reach `cut` on average; returns the groups' members, each
/// sorted, in order of their first member.
///
/// Lazy, and exact: when groups X and G merge, the average of X ∪ G with any C is
/// a weighted mean of the averages of X with C and of G with C, so it is at most
/// the larger of the two (average linkage is reducible). Every entry of the queue
/// is therefore an upper bound of its groups' current average; an entry popped
/// whose groups have changed is recomputed and pushed back (if it still reaches
/// the cut) instead of being merged, and nothing is pushed at merge time. Groups
/// are a union-find forest; the links of the smaller group move into the larger.
fn average_linkage(n: usize, edges: &[(u32, u32, f64)], cut: f64) -> Vec<Vec<u32>> {
    let mut parent: Vec<u32> = (0..n as u32).collect();
    let mut size = vec![1u32; n];
    // Per group (at its root): the sum of the probabilities of the pairs across it
    // and each linked group. A hash map: no output depends on its order (a merge
    // adds each moved sum once, whatever the order).
    let mut degree = vec![0usize; n];
    for &(a, b, _) in edges {
        degree[a as usize] += 1;
        degree[b as usize] += 1;
    }
    let mut links: Vec<Links> =
        degree.iter().map(|&d| Links::with_capacity_and_hasher(d, BuildHasherDefault::default())).collect();
    for &(a, b, p) in edges {
        links[a as usize].insert(b, p);
        links[b as usize].insert(a, p);
    }
    let mut heap: BinaryHeap<Merge> =
        edges.iter().filter(|e| e.2 >= cut).map(|&(a, b, p)| Merge { average: p, a, b }).collect();
    while let Some(m) = heap.pop() {
        let (ra, rb) = (root(&mut parent, m.a), root(&mut parent, m.b));
        if ra == rb {
            continue;
        }
        let (ra, rb) = (ra as usize, rb as usize);
        let sum = links[ra].get(&(rb as u32)).copied().unwrap_or(0.0);
        let current = sum / (f64::from(size[ra]) * f64::from(size[rb]));
        // Stale: a group grew since; its true average is lower.
        if current < m.average - STALE {
            if current >= cut {
                heap.push(Merge { average: current, ..m });
            }
            continue;
        }
        let (big, small) = if links[ra].len() >= links[rb].len() { (ra, rb) } else { (rb, ra) };
        parent[small] = big as u32;
        size[big] += size[small];
        let moved = std::mem::take(&mut links[small]);
        links[big].remove(&(small as u32));
        for (c, s) in moved {
            if c as usize == big {
                continue;
            }
            let other = &mut links[c as usize];
            other.remove(&(small as u32));
            *other.entry(big as u32).or_default() += s;
            *links[big].entry(c).or_default() += s;
        }
    }
    let mut groups: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for x in 0..n as u32 {
        let r = root(&mut parent, x);
        groups.entry(r).or_default().push(x);
    }
    let mut groups: Vec<Vec<u32>> = groups.into_values().collect();
    groups.sort_unstable_by_key(|g| g[0]);
    groups
}

/// A group's links: linked group (root) → sum of probabilities across.
type Links = HashMap<u32, f64, BuildHasherDefault<IdHasher>>;

/// A hasher for small integer ids (Fibonacci hashing): fast, and the same on
/// every run, unlike the standard library's randomised one.
#[derive(Debug, Default, Clone, Copy)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u32(&mut self, x: u32) {
        self.write_u64(u64::from(x));
    }

    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// How much lower than its queued bound a recomputed average must be to count as
/// stale (sums of the same probabilities in another order differ in the last bits).
const STALE: f64 = 1e-12;

/// The pairs of `edges` (at or above the threshold) where each end is among the
/// other's `k` most probable neighbours (ties to the earlier member).
fn mutual(n: usize, edges: &[(u32, u32, f64)], k: usize) -> Vec<(u32, u32)> {
    let mut lists: Vec<Vec<(f64, u32)>> = vec![Vec::new(); n];
    for &(a, b, p) in edges {
        lists[a as usize].push((p, b));
        lists[b as usize].push((p, a));
    }
    let top: Vec<Vec<u32>> = lists
        .into_iter()
        .map(|mut l| {
            l.sort_unstable_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
            l.into_iter().take(k).map(|(_, b)| b).collect()
        })
        .collect();
    edges
        .iter()
        .filter(|&&(a, b, _)| top[a as usize].contains(&b) && top[b as usize].contains(&a))
        .map(|&(a, b, _)| (a, b))
        .collect()
}

/// The root of `x` in a union-find forest, halving paths on the way.
fn root(parent: &mut [u32], mut x: u32) -> u32 {
    while parent[x as usize] != x {
        parent[x as usize] = parent[parent[x as usize] as usize];
        x = parent[x as usize];
    }
    x
}

/// Connected components of `n` members linked by `pairs`, each sorted, in order of
/// their first member.
fn components(n: usize, pairs: &[(u32, u32)]) -> Vec<Vec<u32>> {
    let mut parent: Vec<u32> = (0..n as u32).collect();
    for &(a, b) in pairs {
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        if ra != rb {
            // The smaller root wins: components are named by their first member.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            parent[hi as usize] = lo;
        }
    }
    let mut groups: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for x in 0..n as u32 {
        let r = root(&mut parent, x);
        groups.entry(r).or_default().push(x);
    }
    groups.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A dense symmetric matrix of probabilities.
    struct Matrix(Vec<Vec<f64>>);

    impl PairScores for Matrix {
        fn neighbours(&self, a: usize, min: f64) -> Vec<(usize, f64)> {
            (0..self.0.len()).filter(|&b| b != a && self.0[a][b] >= min).map(|b| (b, self.0[a][b])).collect()
        }
    }

    fn matrix(n: usize, pairs: &[(usize, usize, f64)]) -> Matrix {
        let mut m = vec![vec![0.0; n]; n];
        for &(a, b, p) in pairs {
            m[a][b] = p;
            m[b][a] = p;
        }
        Matrix(m)
    }

    #[test]
    fn average_linkage_does_not_chain_where_single_linkage_does() {
        // Two tight triangles {0,1,2} and {3,4,5}, bridged by one strong pair 2–3.
        let m = matrix(
            6,
            &[(0, 1, 0.9), (0, 2, 0.8), (1, 2, 0.85), (3, 4, 0.9), (3, 5, 0.8), (4, 5, 0.85), (2, 3, 0.7)],
        );
        let all: Vec<usize> = (0..6).collect();
        assert_eq!(cluster(&all, &m, Method::AverageLinkage, 0.5), vec![vec![0, 1, 2], vec![3, 4, 5]]);
        assert_eq!(cluster(&all, &m, Method::SingleLinkage, 0.5), vec![vec![0, 1, 2, 3, 4, 5]]);
    }

    #[test]
    fn average_linkage_joins_a_group_whose_average_reaches_the_cut() {
        // 0–1 strong; 2 relates to both moderately: average 0.55 ≥ 0.5 joins.
        let m = matrix(4, &[(0, 1, 0.9), (0, 2, 0.6), (1, 2, 0.5)]);
        let all: Vec<usize> = (0..4).collect();
        assert_eq!(cluster(&all, &m, Method::AverageLinkage, 0.5), vec![vec![0, 1, 2]]);
        // At a cut of 0.6 the average (0.55) is too low: 2 stays alone.
        assert_eq!(cluster(&all, &m, Method::AverageLinkage, 0.6), vec![vec![0, 1]]);
    }

    #[test]
    fn mutual_neighbours_need_each_other() {
        // 0's best is 1, 1's best is 2, 2's best is 1: with k = 1 only 1–2 is mutual.
        let m = matrix(3, &[(0, 1, 0.6), (1, 2, 0.9)]);
        let all: Vec<usize> = (0..3).collect();
        assert_eq!(cluster(&all, &m, Method::MutualNeighbours { k: 1 }, 0.5), vec![vec![1, 2]]);
        assert_eq!(cluster(&all, &m, Method::MutualNeighbours { k: 2 }, 0.5), vec![vec![0, 1, 2]]);
    }

    #[test]
    fn only_members_are_clustered_and_results_use_their_indices() {
        let m = matrix(5, &[(0, 4, 0.9), (1, 3, 0.9), (3, 4, 0.2)]);
        // Need 1 is not a member: 3 has no partner.
        assert_eq!(cluster(&[0, 3, 4], &m, Method::AverageLinkage, 0.5), vec![vec![0, 4]]);
    }

    #[test]
    fn ties_merge_the_earliest_pair_first_and_results_do_not_depend_on_threads() {
        let pairs: Vec<(usize, usize, f64)> = (0..40)
            .flat_map(|a| ((a + 1)..40).map(move |b| (a, b, if (a + b) % 3 == 0 { 0.7 } else { 0.3 })))
            .collect();
        let m = matrix(40, &pairs);
        let all: Vec<usize> = (0..40).collect();
        let run = |threads| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| cluster(&all, &m, Method::AverageLinkage, 0.5))
        };
        let one = run(1);
        assert_eq!(one, run(2));
        assert!(!one.is_empty());
    }
}
