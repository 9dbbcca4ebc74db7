//! Planning: every need's and offer's facets, party and year, the planted clusters
//! and the hard distractors, drawn from one seeded stream. Cheap (a few random draws
//! per item) and sequential; the text is written later, in parallel.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::SynthConfig;
use super::vocab::{COMPATIBLE, Lexicon, SECTION_COUNT, TOPICS};
use crate::{Economy, Organisation, Party};

/// `Spec::year` of an undated item.
pub(super) const UNDATED: u8 = u8::MAX;

/// `Spec::flags`: the item has no section.
pub(super) const NO_SECTION: u8 = 1;
/// `Spec::flags`: the need states nothing concrete.
pub(super) const UNSPECIFIC: u8 = 2;
/// `Spec::flags`: a planted need or offer (always carries every shared facet).
pub(super) const PLANTED: u8 = 4;
/// `Spec::flags`: the text leaves the setting out.
pub(super) const NO_SETTING: u8 = 8;

/// Stream of the planning RNG; rendering uses `RENDER_STREAM + submission index`.
const PLAN_STREAM: u64 = 0;
pub(super) const RENDER_STREAM: u64 = 1;

/// Section weights in per mille (A.1 … C): cargo, threats and finance are the
/// sections with the most items in real plans.
const SECTION_WEIGHTS: [u32; SECTION_COUNT] = [170, 110, 110, 140, 170, 150, 150];

/// Activity kind weights in percent, by `ActivityKind as usize`.
const KIND_WEIGHTS: [u32; 11] = [18, 10, 20, 5, 12, 8, 5, 6, 6, 7, 3];

/// Planted cluster sizes: needs per cluster (1–3) and offers per cluster (1–3), in
/// percent. Every need of a cluster is met by every offer of it.
const CLUSTER_NEEDS: [u32; 3] = [55, 30, 15];
const CLUSTER_OFFERS: [u32; 3] = [60, 30, 10];

const NO_SECTION_SHARE: f64 = 0.06;
const NO_SETTING_SHARE: f64 = 0.15;
const UNSPECIFIC_SHARE: f64 = 0.005;
const UNDATED_SHARE: f64 = 0.01;
const CAPACITY_SHARE: f64 = 0.3;
/// Share of offers an organisation makes when one covers the section.
const ORGANISATION_SHARE: f64 = 0.08;
/// Items per (party, year) submission the year range is scaled for.
const ITEMS_PER_SUBMISSION: usize = 24;

/// Everything about one item but its wording. Indices point into the vocabulary
/// tables; 18 bytes, so a million items plan in 18 MB.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Spec {
    pub topic: u8,
    pub form: u8,
    pub object: u8,
    pub object_var: u8,
    pub scope: u8,
    pub scope_var: u8,
    pub setting: u8,
    pub setting_var: u8,
    pub aspect: u8,
    pub aspect_var: u8,
    pub audience: u8,
    pub kind: u8,
    pub party: u8,
    pub year: u8,
    /// 0: none stated.
    pub capacity: u8,
    pub flags: u8,
}

impl Spec {
    pub fn section(&self) -> usize {
        TOPICS[self.topic as usize].section as usize
    }

    pub fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }
}

/// A submitting party: who, how it is named in text, and how it spells.
#[derive(Debug, Clone)]
pub(super) struct PartyInfo {
    pub party: Party,
    /// How the party is named at the start of a sentence ("Korea", "INTERPOL").
    pub name: &'static str,
    /// Chance in percent that one of its items uses US spelling.
    pub us_percent: u8,
}

/// The plan of a whole corpus.
#[derive(Debug)]
pub(super) struct Plan {
    pub parties: Vec<PartyInfo>,
    pub years: Vec<u16>,
    pub needs: Vec<Spec>,
    pub offers: Vec<Spec>,
    /// Planted (need index, offer index) pairs.
    pub pairs: Vec<(u32, u32)>,
}

/// A `ChaCha8` stream of `seed`: independent per stream, the same on every platform.
pub(super) fn rng(seed: u64, stream: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(stream);
    rng
}

/// A uniform index below `n` (`n` ≥ 1).
pub(super) fn below(rng: &mut ChaCha8Rng, n: usize) -> usize {
    rng.random_range(0..n.max(1) as u32) as usize
}

/// `true` with probability `p` in [0, 1].
pub(super) fn chance(rng: &mut ChaCha8Rng, p: f64) -> bool {
    rng.random_bool(p.clamp(0.0, 1.0))
}

/// An index drawn with the given integer weights.
fn weighted(rng: &mut ChaCha8Rng, weights: &[u32]) -> usize {
    let total: u32 = weights.iter().sum();
    let mut x = rng.random_range(0..total.max(1));
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    weights.len() - 1
}

/// A variant index other than `v` among `n` (or `v` when there is no other).
fn other(rng: &mut ChaCha8Rng, v: u8, n: usize) -> u8 {
    if n < 2 { v } else { ((v as usize + 1 + below(rng, n - 1)) % n) as u8 }
}

/// How economies are named in running text, by `Economy as usize`, and how likely
/// their items are to use US spelling (percent).
const ECONOMY_TEXT: [(&str, u8); 21] = [
    ("Australia", 10),
    ("Brunei Darussalam", 15),
    ("Canada", 40),
    ("Chile", 50),
    ("China", 40),
    ("Hong Kong, China", 10),
    ("Indonesia", 40),
    ("Japan", 50),
    ("Korea", 50),
    ("Malaysia", 15),
    ("Mexico", 50),
    ("New Zealand", 10),
    ("Papua New Guinea", 15),
    ("Peru", 50),
    ("The Philippines", 85),
    ("Russia", 40),
    ("Singapore", 10),
    ("Chinese Taipei", 50),
    ("Thailand", 40),
    ("The United States", 95),
    ("Viet Nam", 40),
];

/// Organisations that make offers: short name, US-spelling percent, and the
/// sections (bit per `Section::KNOWN` index) they work in.
const ORGANISATIONS: [(&str, u8, u8); 8] = [
    ("WCO", 30, 0b000_0011),
    ("ICAO", 70, 0b000_1100),
    ("IMO", 20, 0b000_0010),
    ("INTERPOL", 50, 0b101_1000),
    ("FATF", 30, 0b010_0000),
    ("APG", 20, 0b010_0000),
    ("UNODC", 50, 0b111_0000),
    ("UN CTED", 50, 0b011_0000),
];

struct Planner<'a> {
    rng: ChaCha8Rng,
    lex: &'static Lexicon,
    n_economies: usize,
    /// Organisation party indices working in each section.
    organisations: [Vec<u8>; SECTION_COUNT],
    years: &'a [u16],
}

impl Planner<'_> {
    fn year(&mut self) -> u8 {
        if chance(&mut self.rng, UNDATED_SHARE) {
            UNDATED
        } else {
            below(&mut self.rng, self.years.len()) as u8
        }
    }

    fn kind(&mut self) -> u8 {
        weighted(&mut self.rng, &KIND_WEIGHTS) as u8
    }

    /// Random facets, variants, kind and year in `section` (a weighted one if `None`).
    fn random(&mut self, section: Option<usize>) -> Spec {
        let s = section.unwrap_or_else(|| weighted(&mut self.rng, &SECTION_WEIGHTS));
        let lex = self.lex;
        let topics = &lex.by_section[s];
        let topic = topics[below(&mut self.rng, topics.len())];
        let mut spec = Spec { topic, ..Spec::default() };
        self.fill(&mut spec, s);
        spec
    }

    /// Draws everything but the topic.
    fn fill(&mut self, spec: &mut Spec, s: usize) {
        let lex = self.lex;
        let rng = &mut self.rng;
        spec.form = below(rng, lex.topic_forms[spec.topic as usize].len()) as u8;
        spec.object = below(rng, lex.objects[s].len()) as u8;
        spec.object_var = below(rng, lex.objects[s][spec.object as usize].len()) as u8;
        spec.scope = below(rng, lex.scopes[s].len()) as u8;
        spec.scope_var = below(rng, lex.scopes[s][spec.scope as usize].len()) as u8;
        spec.setting = below(rng, lex.settings.len()) as u8;
        spec.setting_var = below(rng, lex.settings[spec.setting as usize].len()) as u8;
        spec.aspect = below(rng, lex.aspects.len()) as u8;
        spec.aspect_var = below(rng, lex.aspects[spec.aspect as usize].len()) as u8;
        spec.audience = below(rng, lex.audiences[s].len()) as u8;
        spec.kind = self.kind();
        spec.year = self.year();
        spec.flags = 0;
        if chance(&mut self.rng, NO_SECTION_SHARE) {
            spec.flags |= NO_SECTION;
        }
        if chance(&mut self.rng, NO_SETTING_SHARE) {
            spec.flags |= NO_SETTING;
        }
    }

    fn capacity(&mut self, at_least: u8) -> u8 {
        if chance(&mut self.rng, CAPACITY_SHARE) {
            self.rng.random_range(at_least.clamp(1, 5)..=5)
        } else {
            0
        }
    }

    /// A donor for an offer in section `s` that is none of `forbidden`.
    fn donor(&mut self, s: usize, forbidden: &[u8]) -> u8 {
        let blocked = (0..self.n_economies).filter(|e| forbidden.contains(&(*e as u8))).count();
        let orgs = &self.organisations[s];
        if !orgs.is_empty() && (blocked == self.n_economies || chance(&mut self.rng, ORGANISATION_SHARE)) {
            return orgs[below(&mut self.rng, orgs.len())];
        }
        for _ in 0..64 {
            let e = below(&mut self.rng, self.n_economies) as u8;
            if !forbidden.contains(&e) {
                return e;
            }
        }
        // Unlucky draws: take the first economy allowed. Configuration checks make
        // sure one is (at least two economies, or organisations as donors).
        (0..self.n_economies as u8).find(|e| !forbidden.contains(e)).unwrap_or(0)
    }

    fn background_offer(&mut self) -> Spec {
        let mut spec = self.random(None);
        spec.party = self.donor(spec.section(), &[]);
        spec.capacity = self.capacity(1);
        spec
    }

    /// An offer that meets the cluster whose first need is `need`: same topic,
    /// object, scope and setting, written differently. Its topic form is one not in
    /// `forms_used` when there is one, else any but the need's; from version 2 on,
    /// only forms that name the same concepts as the need's count (the need's own
    /// when it has no synonym).
    fn planted_offer(
        &mut self,
        need: &Spec,
        forms_used: &[u8],
        parties: &[u8],
        cluster_needs: u8,
        generator: u8,
    ) -> Spec {
        let lex = self.lex;
        let s = need.section();
        let mut spec = *need;
        let n_forms = lex.topic_forms[need.topic as usize].len();
        if generator >= 2 {
            let class = &lex.form_class[need.topic as usize];
            let same: Vec<u8> =
                (0..n_forms as u8).filter(|&f| class[f as usize] == class[need.form as usize]).collect();
            let fresh: Vec<u8> = same.iter().copied().filter(|f| !forms_used.contains(f)).collect();
            let others: Vec<u8> = same.iter().copied().filter(|f| *f != need.form).collect();
            spec.form = if !fresh.is_empty() {
                fresh[below(&mut self.rng, fresh.len())]
            } else if !others.is_empty() {
                others[below(&mut self.rng, others.len())]
            } else {
                need.form
            };
        } else {
            let fresh: Vec<u8> = (0..n_forms as u8).filter(|f| !forms_used.contains(f)).collect();
            spec.form = if fresh.is_empty() {
                other(&mut self.rng, need.form, n_forms)
            } else {
                fresh[below(&mut self.rng, fresh.len())]
            };
        }
        if chance(&mut self.rng, 0.75) {
            spec.object_var =
                other(&mut self.rng, need.object_var, lex.objects[s][need.object as usize].len());
        }
        if chance(&mut self.rng, 0.75) {
            spec.scope_var = other(&mut self.rng, need.scope_var, lex.scopes[s][need.scope as usize].len());
        }
        if chance(&mut self.rng, 0.75) {
            spec.setting_var =
                other(&mut self.rng, need.setting_var, lex.settings[need.setting as usize].len());
        }
        if chance(&mut self.rng, 0.75) {
            spec.aspect_var = other(&mut self.rng, need.aspect_var, lex.aspects[need.aspect as usize].len());
        }
        if chance(&mut self.rng, 0.5) {
            spec.audience = below(&mut self.rng, lex.audiences[s].len()) as u8;
        }
        let compatible = COMPATIBLE[need.kind as usize];
        spec.kind = if chance(&mut self.rng, 0.5) {
            need.kind
        } else {
            compatible[below(&mut self.rng, compatible.len())] as u8
        };
        spec.year = self.year();
        spec.party = self.donor(s, parties);
        spec.capacity = self.capacity(cluster_needs);
        spec.flags = PLANTED;
        if chance(&mut self.rng, NO_SECTION_SHARE) {
            spec.flags |= NO_SECTION;
        }
        spec
    }

    /// A hard distractor for the planted need `target`: its topic with another
    /// object (near miss), or another topic of its section with its focus.
    fn distractor(&mut self, target: &Spec) -> Spec {
        let lex = self.lex;
        let s = target.section();
        let near_miss = chance(&mut self.rng, 0.5);
        let mut spec = self.random(Some(s));
        if near_miss {
            spec.topic = target.topic;
            spec.form = below(&mut self.rng, lex.topic_forms[spec.topic as usize].len()) as u8;
            spec.object = other(&mut self.rng, target.object, lex.objects[s].len());
            spec.object_var = below(&mut self.rng, lex.objects[s][spec.object as usize].len()) as u8;
            if chance(&mut self.rng, 0.5) {
                spec.scope = target.scope;
                spec.scope_var = below(&mut self.rng, lex.scopes[s][spec.scope as usize].len()) as u8;
            }
        } else {
            let topics = &lex.by_section[s];
            let at = topics.iter().position(|t| *t == target.topic).unwrap_or(0);
            spec.topic = topics[other(&mut self.rng, at as u8, topics.len()) as usize];
            spec.form = below(&mut self.rng, lex.topic_forms[spec.topic as usize].len()) as u8;
            if chance(&mut self.rng, 0.7) {
                spec.object = target.object;
                spec.object_var = below(&mut self.rng, lex.objects[s][spec.object as usize].len()) as u8;
            }
            if chance(&mut self.rng, 0.7) {
                spec.scope = target.scope;
                spec.scope_var = below(&mut self.rng, lex.scopes[s][spec.scope as usize].len()) as u8;
            }
        }
        if chance(&mut self.rng, 0.5) {
            spec.setting = target.setting;
            spec.setting_var = below(&mut self.rng, lex.settings[spec.setting as usize].len()) as u8;
        }
        if chance(&mut self.rng, 0.5) {
            spec.aspect = target.aspect;
            spec.aspect_var = below(&mut self.rng, lex.aspects[spec.aspect as usize].len()) as u8;
        }
        if chance(&mut self.rng, 0.5) {
            spec.audience = target.audience;
        }
        if chance(&mut self.rng, 0.5) {
            let compatible = COMPATIBLE[target.kind as usize];
            spec.kind = compatible[below(&mut self.rng, compatible.len())] as u8;
        }
        spec.flags &= !NO_SETTING;
        spec.party = self.donor(s, &[target.party]);
        spec.capacity = self.capacity(1);
        spec
    }
}

/// Partial Fisher–Yates: moves a random element of `v[i..]` to `v[i]` and returns it.
fn take(rng: &mut ChaCha8Rng, v: &mut [u32], i: usize) -> u32 {
    let j = i + below(rng, v.len() - i);
    v.swap(i, j);
    v[i]
}

/// The submission years: a few evenly spaced years of the range for small corpora,
/// all of it for large ones.
fn years(config: &SynthConfig, parties: usize) -> Vec<u16> {
    let (first, last) = config.get_years();
    let span = usize::from(last - first) + 1;
    let items = config.get_needs() + config.get_offers();
    let count = items.div_ceil(parties.max(1) * ITEMS_PER_SUBMISSION).clamp(1, span);
    if count == 1 {
        return vec![last];
    }
    (0..count).map(|i| first + ((i * (span - 1) + (count - 1) / 2) / (count - 1)) as u16).collect()
}

fn parties(config: &SynthConfig) -> Vec<PartyInfo> {
    let mut out: Vec<PartyInfo> = Economy::ALL[..config.get_economies()]
        .iter()
        .map(|e| {
            let (name, us_percent) = ECONOMY_TEXT[*e as usize];
            PartyInfo { party: Party::Economy(*e), name, us_percent }
        })
        .collect();
    if config.get_organisations() {
        out.extend(ORGANISATIONS.iter().filter_map(|(name, us_percent, _)| {
            Organisation::lookup(name).map(|o| PartyInfo {
                party: Party::Organisation(o),
                name,
                us_percent: *us_percent,
            })
        }));
    }
    out
}

/// Plans the corpus of a (clamped) configuration.
pub(super) fn plan(config: &SynthConfig) -> Plan {
    let parties = parties(config);
    let n_economies = config.get_economies();
    let years = years(config, parties.len());
    let organisations = std::array::from_fn(|s| {
        (n_economies..parties.len())
            .filter(|&p| {
                let name = parties[p].name;
                ORGANISATIONS.iter().any(|(n, _, sections)| *n == name && sections & (1 << s) != 0)
            })
            .map(|p| p as u8)
            .collect()
    });
    let mut pl = Planner {
        rng: rng(config.get_seed(), PLAN_STREAM),
        lex: Lexicon::global(),
        n_economies,
        organisations,
        years: &years,
    };

    let (n_needs, n_offers) = (config.get_needs(), config.get_offers());
    let generator = config.get_generator();
    let mut needs: Vec<Spec> = (0..n_needs)
        .map(|_| {
            let mut spec = pl.random(None);
            spec.party = below(&mut pl.rng, n_economies) as u8;
            spec
        })
        .collect();
    let mut offers: Vec<Spec> = (0..n_offers).map(|_| pl.background_offer()).collect();

    let target = ((config.get_planted_share() * n_needs as f64).round() as usize).min(n_needs);
    let distractors = if target > 0 && n_offers > 0 {
        ((config.get_distractor_share() * n_offers as f64).round() as usize).min(n_offers)
    } else {
        0
    };
    let offer_budget = n_offers - distractors;
    // Organisations can meet a need of any economy, so a cluster may then have one
    // need per economy; without them one economy must stay free to be the donor.
    let max_cluster = if config.get_organisations() { n_economies } else { n_economies - 1 };
    let mut need_perm: Vec<u32> = if target > 0 { (0..n_needs as u32).collect() } else { Vec::new() };
    let mut offer_perm: Vec<u32> = if target > 0 { (0..n_offers as u32).collect() } else { Vec::new() };
    let (mut next_need, mut next_offer) = (0, 0);
    let mut pairs = Vec::new();
    let mut cluster: Vec<u32> = Vec::with_capacity(3);
    let mut cluster_parties: Vec<u8> = Vec::with_capacity(3);
    let mut cluster_forms: Vec<u8> = Vec::with_capacity(3);
    while next_need < target && next_offer < offer_budget && max_cluster > 0 {
        let size = (weighted(&mut pl.rng, &CLUSTER_NEEDS) + 1).min(max_cluster).min(target - next_need);
        let offer_count = (weighted(&mut pl.rng, &CLUSTER_OFFERS) + 1).min(offer_budget - next_offer);
        cluster.clear();
        cluster_parties.clear();
        for x in 0..size {
            let i = take(&mut pl.rng, &mut need_perm, next_need + x) as usize;
            if let Some(&first) = cluster.first() {
                let lead = needs[first as usize];
                let spec = &mut needs[i];
                (spec.topic, spec.object, spec.scope, spec.setting, spec.aspect) =
                    (lead.topic, lead.object, lead.scope, lead.setting, lead.aspect);
                let s = spec.section();
                let lex = pl.lex;
                spec.object_var = below(&mut pl.rng, lex.objects[s][spec.object as usize].len()) as u8;
                spec.scope_var = below(&mut pl.rng, lex.scopes[s][spec.scope as usize].len()) as u8;
                spec.setting_var = below(&mut pl.rng, lex.settings[spec.setting as usize].len()) as u8;
                spec.aspect_var = below(&mut pl.rng, lex.aspects[spec.aspect as usize].len()) as u8;
                spec.audience = below(&mut pl.rng, lex.audiences[s].len()) as u8;
                // A cluster's needs come from different economies.
                let mut p = below(&mut pl.rng, n_economies) as u8;
                while cluster_parties.contains(&p) {
                    p = ((p as usize + 1) % n_economies) as u8;
                }
                spec.party = p;
            }
            needs[i].flags = PLANTED | (needs[i].flags & NO_SECTION);
            cluster.push(i as u32);
            cluster_parties.push(needs[i].party);
        }
        next_need += size;
        // Offers name the topic by another form than the lead need; the other needs
        // then take forms no offer of the cluster uses (the lead's form at worst), so
        // every planted pair is a paraphrase.
        let lead = needs[cluster[0] as usize];
        cluster_forms.clear();
        cluster_forms.push(lead.form);
        for y in 0..offer_count {
            let j = take(&mut pl.rng, &mut offer_perm, next_offer + y);
            let offer = pl.planted_offer(&lead, &cluster_forms, &cluster_parties, size as u8, generator);
            cluster_forms.push(offer.form);
            offers[j as usize] = offer;
            pairs.extend(cluster.iter().map(|&i| (i, j)));
        }
        let n_forms = pl.lex.topic_forms[lead.topic as usize].len() as u8;
        let class = &pl.lex.form_class[lead.topic as usize];
        let free: Vec<u8> = (0..n_forms)
            .filter(|f| *f == lead.form || !cluster_forms[1..].contains(f))
            .filter(|f| generator < 2 || class[*f as usize] == class[lead.form as usize])
            .collect();
        for &i in &cluster[1..] {
            needs[i as usize].form = free[below(&mut pl.rng, free.len())];
        }
        next_offer += offer_count;
    }
    let planted = &need_perm[..next_need];
    if !planted.is_empty() {
        for y in 0..distractors {
            let j = take(&mut pl.rng, &mut offer_perm, next_offer + y) as usize;
            let target = needs[planted[below(&mut pl.rng, planted.len())] as usize];
            offers[j] = pl.distractor(&target);
        }
    }
    for spec in &mut needs {
        if !spec.has(PLANTED) && chance(&mut pl.rng, UNSPECIFIC_SHARE) {
            spec.flags |= UNSPECIFIC;
        }
    }
    Plan { parties, years, needs, offers, pairs }
}

#[cfg(test)]
mod tests;
