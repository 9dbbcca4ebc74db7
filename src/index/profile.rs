//! What the score's model makes of an offer's section, pillars and activities, for
//! re-ranking the pool (see [`PROFILE_WEIGHT`](super::PROFILE_WEIGHT)).
//!
//! A pool holds hundreds of offers, nearly all of distinct [`Profile`]s, but few
//! distinct placements (section, areas, pillars) and few distinct sets of activity
//! kinds: a need's fit to each is worked out once, when first met, and kept for
//! the rest of its pool.

use std::collections::HashMap;

use crate::similarity::Analysis;
use crate::similarity::{ActivityRows, Components, Model, Profile, placement_components};

/// The offers' profiles by slot, as a placement, numbered among the distinct
/// ones, and a set of activity kinds.
#[derive(Debug, Default)]
pub(super) struct Profiles {
    /// By slot: (placement, activity kinds).
    of_slot: Vec<(u32, u16)>,
    /// The distinct placements, as profiles without activities.
    placements: Vec<Profile>,
}

impl Profiles {
    /// The profiles of the offers in `slots` (corpus offer indices by slot).
    pub(super) fn new(analysis: &Analysis<'_>, slots: &[u32]) -> Self {
        let mut placements = Vec::new();
        let mut ids: HashMap<Profile, u32> = HashMap::new();
        let of_slot = slots
            .iter()
            .map(|&j| {
                let p = analysis.offers.profile(j as usize);
                let placement = *ids.entry(Profile { activities: 0, ..p }).or_insert_with(|| {
                    placements.push(Profile { activities: 0, ..p });
                    // At most one placement per offer, and offers are u32 slots.
                    (placements.len() - 1) as u32
                });
                (placement, p.activities)
            })
            .collect();
        Profiles { of_slot, placements }
    }

    /// What the section, pillar and activity components of the need `memo` was
    /// started for and the offer in `slot` add to the model's log-odds, times
    /// `weight`.
    #[inline]
    pub(super) fn fit(&self, slot: usize, weight: f32, memo: &mut FitMemo) -> f32 {
        let (placement, activities) = self.of_slot[slot];
        let mut placed = memo.placements.values[placement as usize];
        if placed.is_nan() {
            let c = placement_components(memo.need, self.placements[placement as usize], 0.0);
            placed = memo.placements.set(placement, weight * memo.model.profile_log_odds(&c) as f32);
        }
        let mut active = memo.activity_sets.values[usize::from(activities)];
        if active.is_nan() {
            let activity = memo.activities.fit(activities, 0.5);
            let c =
                Components { activity, topic: 0.0, section: 0.0, pillar: 0.0, concept: 0.0, semantic: 0.0 };
            active = memo
                .activity_sets
                .set(u32::from(activities), weight * memo.model.profile_log_odds(&c) as f32);
        }
        placed + active
    }
}

/// Values worked out for one need, by number, NaN until then.
#[derive(Debug, Clone, Default)]
struct Memo {
    values: Vec<f32>,
    known: Vec<u32>,
}

impl Memo {
    /// Forgets the values worked out, and makes room for `len`.
    fn start(&mut self, len: usize) {
        for id in self.known.drain(..) {
            self.values[id as usize] = f32::NAN;
        }
        if self.values.len() < len {
            self.values.resize(len, f32::NAN);
        }
    }

    /// Keeps `value` as the value of `id`, and gives it back.
    #[cold]
    fn set(&mut self, id: u32, value: f32) -> f32 {
        self.values[id as usize] = value;
        self.known.push(id);
        value
    }
}

/// Per-thread memory of [`Profiles::fit`]: the need being ranked, and its fits
/// to the placements and the sets of activity kinds (by their bits) met so far.
#[derive(Debug, Clone)]
pub(super) struct FitMemo {
    need: Profile,
    activities: ActivityRows,
    placements: Memo,
    activity_sets: Memo,
    model: &'static Model,
}

impl Default for FitMemo {
    fn default() -> Self {
        FitMemo {
            need: Profile { section: 0, areas: 0, pillars: 0, activities: 0 },
            activities: ActivityRows::new(0),
            placements: Memo::default(),
            activity_sets: Memo::default(),
            model: Model::builtin(),
        }
    }
}

impl FitMemo {
    /// Forgets the last need's fits, for `need` fitted to `profiles`.
    pub(super) fn start(&mut self, profiles: &Profiles, need: Profile) {
        self.need = need;
        self.activities = ActivityRows::new(need.activities);
        self.placements.start(profiles.placements.len());
        self.activity_sets.start(usize::from(u16::MAX) + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::similarity::profile_components;
    use crate::{ActivityKind, Corpus, Item, Party, Pillar, Section, Submission};

    #[test]
    fn a_fit_is_the_models_log_odds_of_the_profile_components_whatever_was_met_before() {
        let party = |s: &str| s.parse::<Party>().unwrap();
        let sections = [None, Some(Section::A1), Some(Section::A2), Some(Section::C)];
        let activities = [
            vec![],
            vec![ActivityKind::Workshop],
            vec![ActivityKind::Seminar, ActivityKind::EquipmentFunding],
        ];
        let pillars = [vec![], vec![Pillar::Security], vec![Pillar::Security, Pillar::Resilience]];
        let mut a = Submission::new(party("HKC"), Some(2020));
        let mut b = Submission::new(party("ROK"), Some(2020));
        let item = |id: String, section: &Option<Section>, kinds: &[ActivityKind], pillars: &[Pillar]| {
            let mut item = Item::new(id, "border security training").unwrap();
            item.section = section.clone();
            item.activities = kinds.to_vec();
            item.pillars = pillars.to_vec();
            item
        };
        for section in &sections {
            for kinds in &activities {
                for pillar in &pillars {
                    let k = a.needs.len();
                    a.needs.push(item(format!("n{k}"), section, kinds, pillar));
                    b.offers.push(item(format!("o{k}"), section, kinds, pillar));
                }
            }
        }
        let corpus = Corpus::from_submissions(vec![a, b]).unwrap();
        let analysis = Analysis::new(&corpus, 1.0);
        let slots: Vec<u32> = (0..analysis.offer_count() as u32).rev().collect();
        let profiles = Profiles::new(&analysis, &slots);
        let model = Model::builtin();
        let mut memo = FitMemo::default();
        for i in 0..analysis.need_count() {
            let need = analysis.needs.profile(i);
            memo.start(&profiles, need);
            for (slot, &j) in slots.iter().enumerate() {
                let c = profile_components(need, analysis.offers.profile(j as usize), 0.0);
                let expected = 0.5 * model.profile_log_odds(&c) as f32;
                let fit = profiles.fit(slot, 0.5, &mut memo);
                assert!((fit - expected).abs() < 1e-5, "need {i}, offer {j}: {fit} against {expected}");
            }
        }
    }
}
