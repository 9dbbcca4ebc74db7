//! Rendering: a planned item → its text, one submission at a time. Each submission
//! has its own RNG stream, `(seed, submission index)`, so the output does not depend
//! on which thread renders what.

use std::fmt::Write as _;

use rand_chacha::ChaCha8Rng;

use super::plan::{
    NO_SECTION, NO_SETTING, Plan, RENDER_STREAM, Spec, UNDATED, UNSPECIFIC, below, chance, rng,
};
use super::vocab::{
    Lexicon, More, NEED_FRAGMENT, NEED_FRAGMENT_SETTING, OFFER_FRAGMENT, OFFER_FRAGMENT_SETTING, Seg, Slot,
    TOPICS, Template,
};
use crate::model::ItemKind;
use crate::{Item, ItemId, Section, Submission};

/// Share of items written as a fragment rather than sentences.
const FRAGMENT_SHARE: f64 = 0.1;
/// Share of offers with a capacity that also say it in the text.
const CAPACITY_SENTENCE_SHARE: f64 = 0.5;
/// The last year of the 2003–2006 templates, which had sections such as Energy Security.
const LAST_OLD_TEMPLATE_YEAR: u16 = 2006;
/// The year the CTTF became the CTWG.
const CTWG_YEAR: u16 = 2013;

const NUMBERS: [&str; 6] = ["no", "one", "two", "three", "four", "five"];

/// Where a submission's items are in the plan.
#[derive(Debug)]
pub(super) struct SubmissionPlan<'a> {
    pub party: u8,
    pub year: u8,
    pub needs: &'a [u32],
    pub offers: &'a [u32],
}

/// Writes one submission. `index` seeds its RNG stream.
pub(super) fn submission(plan: &Plan, seed: u64, index: usize, sub: &SubmissionPlan<'_>) -> Submission {
    let party = &plan.parties[sub.party as usize];
    let year = (sub.year != UNDATED).then(|| plan.years[sub.year as usize]);
    let mut out = Submission::new(party.party.clone(), year);
    let prefix = out.id_prefix();
    let mut r = Renderer {
        lex: Lexicon::global(),
        plan,
        rng: rng(seed, RENDER_STREAM + index as u64),
        buf: String::with_capacity(512),
    };
    out.needs = sub
        .needs
        .iter()
        .enumerate()
        .map(|(pos, &i)| r.item(&prefix, ItemKind::Need, pos, &plan.needs[i as usize], year))
        .collect();
    out.offers = sub
        .offers
        .iter()
        .enumerate()
        .map(|(pos, &j)| r.item(&prefix, ItemKind::Offer, pos, &plan.offers[j as usize], year))
        .collect();
    out
}

struct Renderer<'p> {
    lex: &'static Lexicon,
    plan: &'p Plan,
    rng: ChaCha8Rng,
    /// Reused for every text; each item then gets one exact-size allocation.
    buf: String,
}

/// What the slots of one item's templates are filled from.
struct Ctx<'s> {
    spec: &'s Spec,
    us: bool,
    section: usize,
    year: Option<u16>,
}

impl Renderer<'_> {
    fn item(&mut self, prefix: &str, kind: ItemKind, pos: usize, spec: &Spec, year: Option<u16>) -> Item {
        let section = spec.section();
        let us = below(&mut self.rng, 100) < usize::from(self.plan.parties[spec.party as usize].us_percent);
        let ctx = Ctx { spec, us, section, year };
        self.buf.clear();
        match kind {
            ItemKind::Need => self.need(&ctx),
            ItemKind::Offer => self.offer(&ctx),
        }
        let topic = &TOPICS[spec.topic as usize];
        let section = if spec.has(NO_SECTION) {
            None
        } else if let (Some(old), Some(y)) = (topic.old_section, year)
            && y <= LAST_OLD_TEMPLATE_YEAR
        {
            Some(Section::Other(old.to_string()))
        } else {
            Some(Section::KNOWN[section].clone())
        };
        Item {
            id: ItemId::derived(prefix, kind, pos),
            section,
            text: self.buf.as_str().to_string(),
            capacity: (spec.capacity > 0).then_some(u32::from(spec.capacity)),
            pillars: Vec::new(),
            activities: Vec::new(),
            unspecific: spec.has(UNSPECIFIC),
            line: None,
        }
    }

    fn need(&mut self, ctx: &Ctx<'_>) {
        let lex = self.lex;
        if ctx.spec.has(UNSPECIFIC) {
            let p = &lex.unspecific[below(&mut self.rng, lex.unspecific.len())];
            self.buf.push_str(p.get(ctx.us));
            return;
        }
        let with_setting = !ctx.spec.has(NO_SETTING);
        if chance(&mut self.rng, FRAGMENT_SHARE) {
            let t = if with_setting { NEED_FRAGMENT_SETTING } else { NEED_FRAGMENT };
            self.sentence(&lex.need_first[t], ctx);
            return;
        }
        let fitting = &lex.need_first_by_kind[ctx.spec.kind as usize];
        let first = &lex.need_first[fitting[below(&mut self.rng, fitting.len())] as usize];
        self.sentence(first, ctx);
        self.more(&lex.need_more, ctx, with_setting && !first.has_setting, false);
    }

    fn offer(&mut self, ctx: &Ctx<'_>) {
        let lex = self.lex;
        let with_setting = !ctx.spec.has(NO_SETTING);
        if chance(&mut self.rng, FRAGMENT_SHARE) {
            let t = if with_setting { OFFER_FRAGMENT_SETTING } else { OFFER_FRAGMENT };
            self.sentence(&lex.offer_first[t], ctx);
            return;
        }
        let fitting = &lex.offer_first_by_kind[ctx.spec.kind as usize];
        let first = &lex.offer_first[fitting[below(&mut self.rng, fitting.len())] as usize];
        self.sentence(first, ctx);
        let capacity = ctx.spec.capacity > 0 && chance(&mut self.rng, CAPACITY_SENTENCE_SHARE);
        self.more(&lex.offer_more, ctx, with_setting && !first.has_setting, capacity);
    }

    /// Adds 0–2 follow-on sentences (at least the setting when `setting`, and the
    /// capacity when `capacity`), each of a different kind.
    fn more(&mut self, more: &'static More, ctx: &Ctx<'_>, setting: bool, capacity: bool) {
        let extra = below(&mut self.rng, 3).max(usize::from(setting) + usize::from(capacity));
        let mut used = 0u8;
        if setting {
            self.pick(&more.setting, ctx);
        }
        if capacity {
            self.pick(&self.lex.offer_capacity, ctx);
        }
        let pools: [&'static [Template]; 4] =
            [&more.audience, &more.purpose, &more.context, &more.second_topic];
        for _ in usize::from(setting) + usize::from(capacity)..extra {
            let mut k = below(&mut self.rng, pools.len());
            while used & (1 << k) != 0 {
                k = (k + 1) % pools.len();
            }
            used |= 1 << k;
            self.pick(pools[k], ctx);
        }
    }

    fn pick(&mut self, pool: &'static [Template], ctx: &Ctx<'_>) {
        let t = &pool[below(&mut self.rng, pool.len())];
        self.sentence(t, ctx);
    }

    /// Writes one sentence (after a space if the text has one already), capitalised.
    fn sentence(&mut self, template: &Template, ctx: &Ctx<'_>) {
        if !self.buf.is_empty() {
            self.buf.push(' ');
        }
        let start = self.buf.len();
        for seg in &template.segs {
            match seg {
                Seg::Text(p) => self.buf.push_str(p.get(ctx.us)),
                Seg::Slot(slot) => self.slot(*slot, ctx),
            }
        }
        if self.buf.as_bytes().get(start).is_some_and(u8::is_ascii_lowercase) {
            self.buf[start..=start].make_ascii_uppercase();
        }
    }

    fn slot(&mut self, slot: Slot, ctx: &Ctx<'_>) {
        let lex = self.lex;
        let (spec, s, us) = (ctx.spec, ctx.section, ctx.us);
        let object = || lex.objects[s][spec.object as usize][spec.object_var as usize].get(us);
        let scope = || lex.scopes[s][spec.scope as usize][spec.scope_var as usize].get(us);
        match slot {
            Slot::Kind => {
                let phrases = &lex.kind_phrases[spec.kind as usize];
                self.buf.push_str(phrases[below(&mut self.rng, phrases.len())].get(us));
            }
            Slot::Topic => {
                self.buf.push_str(lex.aspects[spec.aspect as usize][spec.aspect_var as usize].get(us));
                self.buf.push(' ');
                self.buf.push_str(lex.topic_forms[spec.topic as usize][spec.form as usize].get(us));
            }
            Slot::Focus => {
                self.buf.push_str(object());
                self.buf.push(' ');
                self.buf.push_str(scope());
            }
            Slot::ObjectBare => {
                let o = object();
                self.buf.push_str(o.split_once(' ').map_or(o, |(_, bare)| bare));
            }
            Slot::Scope => self.buf.push_str(scope()),
            Slot::Setting => {
                self.buf.push_str(lex.settings[spec.setting as usize][spec.setting_var as usize].get(us));
            }
            Slot::Audience => {
                let v = &lex.audiences[s][spec.audience as usize];
                self.buf.push_str(v[below(&mut self.rng, v.len())].get(us));
            }
            Slot::We | Slot::Donor => self.buf.push_str(self.plan.parties[spec.party as usize].name),
            Slot::Agency => {
                let v = &lex.agencies[s];
                self.buf.push_str(v[below(&mut self.rng, v.len())].get(us));
            }
            Slot::Purpose => {
                let v = &lex.purposes[TOPICS[spec.topic as usize].pillar as usize];
                self.buf.push_str(v[below(&mut self.rng, v.len())].get(us));
            }
            Slot::SecondTopic => {
                let topics = &lex.by_section[s];
                let mut t = topics[below(&mut self.rng, topics.len())];
                if t == spec.topic {
                    t = topics[(topics.iter().position(|x| *x == t).unwrap_or(0) + 1) % topics.len()];
                }
                let forms = &lex.topic_forms[t as usize];
                self.buf.push_str(forms[below(&mut self.rng, forms.len())].get(us));
            }
            Slot::Group => {
                let ctwg = ctx.year.is_none_or(|y| y >= CTWG_YEAR);
                self.buf.push_str(if ctwg { "CTWG" } else { "CTTF" });
            }
            Slot::Since => {
                let base = ctx.year.or_else(|| self.plan.years.last().copied()).unwrap_or(2024);
                let since = base.saturating_sub(1 + below(&mut self.rng, 6) as u16);
                // Writing into a String cannot fail.
                let _ = write!(self.buf, "{since}");
            }
            Slot::Capacity => self.buf.push_str(NUMBERS[usize::from(spec.capacity.min(5))]),
            Slot::Unknown => {}
        }
    }
}
