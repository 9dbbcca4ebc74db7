//! The order in which a need's candidate offers are chosen.

/// A candidate's place among the offers a need chooses from, as one integer:
/// larger partial sums first, then lower corpus offer indices. The order is
/// total, so the candidates depend neither on the order offers were touched in
/// nor on their slots, and comparing two is one integer comparison.
///
/// Sums are positive (never NaN), and the bits of positive `f32`s order as the
/// values do, infinity included, so the sum's bits go above the complement of the
/// offer index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct RankKey(u64);

impl RankKey {
    pub(super) fn new(sum: f32, offer: u32) -> Self {
        debug_assert!(sum.is_sign_positive() && !sum.is_nan(), "{sum}");
        RankKey(u64::from(sum.to_bits()) << 32 | u64::from(!offer))
    }

    pub(super) fn sum(self) -> f32 {
        f32::from_bits((self.0 >> 32) as u32)
    }

    /// The offer's corpus index.
    pub(super) fn offer(self) -> u32 {
        !(self.0 as u32)
    }

    /// Better first, as `select_nth_unstable_by` wants it.
    pub(super) fn best_first(a: &(RankKey, u32), b: &(RankKey, u32)) -> std::cmp::Ordering {
        b.0.cmp(&a.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_order_as_larger_sums_then_lower_offers() {
        let sums =
            [f32::MIN_POSITIVE, 1e-30, 0.001, 0.5, 0.500_000_1, 1.0, 4.0, 1e30, f32::MAX, f32::INFINITY];
        let offers = [0, 1, 7, u32::MAX - 1, u32::MAX];
        let mut pairs: Vec<(f32, u32)> =
            sums.iter().flat_map(|&s| offers.iter().map(move |&o| (s, o))).collect();
        let mut keyed: Vec<(RankKey, u32)> = pairs.iter().map(|&(s, o)| (RankKey::new(s, o), 0)).collect();
        pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        keyed.sort_by(RankKey::best_first);
        let back: Vec<(f32, u32)> = keyed.iter().map(|(k, _)| (k.sum(), k.offer())).collect();
        assert_eq!(back, pairs);
    }
}
