//! The generator's vocabulary: topics (thesaurus concepts and their surface forms),
//! facet pools, activity phrases and sentence templates, written in British spelling
//! and interned once, with their US spelling, as `&'static str`.
//!
//! Sources: the CTAP template and the two bundled CTAPs (`tests/data/ctap`), the
//! Strategy and the CTTF/CTWG work plans (`tests/data/strategy`), and the thesaurus
//! (`src/text/thesaurus.txt`): every topic form names its thesaurus concept (a unit
//! test checks it), so a paraphrase through another form keeps the concept.

use std::sync::OnceLock;

use crate::{ActivityKind, Pillar};

/// Sections by index into [`Section::KNOWN`](crate::Section::KNOWN): A.1 … A.5, B, C.
pub(super) const SECTION_COUNT: usize = 7;

/// One topic: a thesaurus concept as it is written under one section.
pub(super) struct TopicDef {
    /// The thesaurus concept label the forms must name.
    #[cfg_attr(not(test), allow(dead_code))] // read by the tests that check the forms
    pub concept: &'static str,
    /// Index into `Section::KNOWN`.
    pub section: u8,
    /// The Strategy pillar the topic mostly serves.
    pub pillar: Pillar,
    /// Surface forms: acronyms, expansions, synonyms (at least two).
    pub forms: &'static [&'static str],
    /// The section label of the 2003–2006 templates, for topics they had a section for.
    pub old_section: Option<&'static str>,
}

const fn t(concept: &'static str, section: u8, pillar: Pillar, forms: &'static [&'static str]) -> TopicDef {
    TopicDef { concept, section, pillar, forms, old_section: None }
}

mod phrases;
mod templates;
mod topics;

pub(super) use phrases::{
    AGENCIES, ASPECTS, AUDIENCES, COMPATIBLE, GENERIC_AUDIENCES, KIND_PHRASES, OBJECTS, PURPOSES, SCOPES,
    SETTINGS, Variants,
};
pub(super) use templates::{
    NEED_AUDIENCE, NEED_CONTEXT, NEED_FIRST, NEED_FRAGMENT, NEED_FRAGMENT_SETTING, NEED_PURPOSE,
    NEED_SECOND_TOPIC, NEED_SETTING, OFFER_AUDIENCE, OFFER_CAPACITY, OFFER_CONTEXT, OFFER_FIRST,
    OFFER_FRAGMENT, OFFER_FRAGMENT_SETTING, OFFER_PURPOSE, OFFER_SECOND_TOPIC, OFFER_SETTING,
    UNSPECIFIC_NEEDS,
};
pub(super) use topics::TOPICS;

/// British spellings in the tables above and their US forms (lower-case; a
/// capitalised first letter is kept).
const US_SPELLING: &[(&str, &str)] = &[
    ("authorised", "authorized"),
    ("centre", "center"),
    ("centres", "centers"),
    ("decentralised", "decentralized"),
    ("defence", "defense"),
    ("deradicalisation", "deradicalization"),
    ("fertiliser", "fertilizer"),
    ("harbour", "harbor"),
    ("harbours", "harbors"),
    ("modernisation", "modernization"),
    ("neighbouring", "neighboring"),
    ("organisational", "organizational"),
    ("organisations", "organizations"),
    ("organised", "organized"),
    ("organisers", "organizers"),
    ("programme", "program"),
    ("programmes", "programs"),
    ("radicalisation", "radicalization"),
    ("specialised", "specialized"),
    ("traveller", "traveler"),
    ("travellers", "travelers"),
    ("travelling", "traveling"),
];

/// The US spelling of British text, or `None` when nothing changes.
pub(super) fn us_spelling(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut rest = text;
    while !rest.is_empty() {
        let end = rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len());
        let (word, tail) = rest.split_at(end);
        if word.is_empty() {
            let c = tail.chars().next().map_or(1, char::len_utf8);
            out.push_str(&tail[..c]);
            rest = &tail[c..];
            continue;
        }
        let lower = word.to_ascii_lowercase();
        match US_SPELLING.binary_search_by(|(gb, _)| gb.cmp(&lower.as_str())) {
            Ok(i) => {
                changed = true;
                let us = US_SPELLING[i].1;
                if word.starts_with(|c: char| c.is_ascii_uppercase()) {
                    out.push(us.as_bytes()[0].to_ascii_uppercase() as char);
                    out.push_str(&us[1..]);
                } else {
                    out.push_str(us);
                }
            }
            Err(_) => out.push_str(word),
        }
        rest = tail;
    }
    changed.then_some(out)
}

/// A phrase in British spelling and, where it differs, US spelling.
#[derive(Debug)]
pub(super) struct Phrase {
    gb: &'static str,
    us: Option<Box<str>>,
}

impl Phrase {
    fn new(gb: &'static str) -> Phrase {
        Phrase { gb, us: us_spelling(gb).map(String::into_boxed_str) }
    }

    /// The phrase in US (`true`) or British spelling.
    pub fn get(&self, us: bool) -> &str {
        match (&self.us, us) {
            (Some(us), true) => us,
            _ => self.gb,
        }
    }
}

/// What a template slot is filled with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Slot {
    Kind,
    Topic,
    Focus,
    ObjectBare,
    Scope,
    Setting,
    Audience,
    We,
    Donor,
    Agency,
    Purpose,
    SecondTopic,
    Group,
    Since,
    Capacity,
    /// A typo in a template; renders nothing (a unit test keeps the tables free of it).
    Unknown,
}

/// A piece of a parsed template.
#[derive(Debug)]
pub(super) enum Seg {
    Text(Phrase),
    Slot(Slot),
}

/// A parsed sentence template.
#[derive(Debug)]
pub(super) struct Template {
    pub segs: Vec<Seg>,
    pub has_setting: bool,
    pub kinds: &'static [ActivityKind],
}

fn parse_template(text: &'static str, kinds: &'static [ActivityKind]) -> Template {
    let mut segs = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            segs.push(Seg::Text(Phrase::new(&rest[..open])));
        }
        let close = rest[open..].find('}').map_or(rest.len(), |c| open + c);
        let slot = match &rest[open + 1..close] {
            "k" => Slot::Kind,
            "t" => Slot::Topic,
            "f" => Slot::Focus,
            "ob" => Slot::ObjectBare,
            "p" => Slot::Scope,
            "s" => Slot::Setting,
            "a" => Slot::Audience,
            "we" => Slot::We,
            "donor" => Slot::Donor,
            "ag" => Slot::Agency,
            "purpose" => Slot::Purpose,
            "t2" => Slot::SecondTopic,
            "group" => Slot::Group,
            "since" => Slot::Since,
            "cap" => Slot::Capacity,
            _ => Slot::Unknown,
        };
        segs.push(Seg::Slot(slot));
        rest = rest.get(close + 1..).unwrap_or("");
    }
    if !rest.is_empty() {
        segs.push(Seg::Text(Phrase::new(rest)));
    }
    let has_setting = segs.iter().any(|s| matches!(s, Seg::Slot(Slot::Setting)));
    Template { segs, has_setting, kinds }
}

/// A facet value's paraphrases.
pub(super) type PhraseVariants = Vec<Phrase>;

/// Everything above, interned once with both spellings.
#[derive(Debug)]
pub(super) struct Lexicon {
    pub topic_forms: Vec<Vec<Phrase>>,
    /// Per topic, per form: the class of forms that name the same concepts of the
    /// concept graph (read in the topic's section), numbered from 0 in form order.
    /// Generator version 2 paraphrases a topic only within a class.
    pub form_class: Vec<Vec<u8>>,
    /// Topic indices per section.
    pub by_section: [Vec<u8>; SECTION_COUNT],
    pub objects: [Vec<PhraseVariants>; SECTION_COUNT],
    pub scopes: [Vec<PhraseVariants>; SECTION_COUNT],
    /// Section audiences followed by the generic ones.
    pub audiences: [Vec<PhraseVariants>; SECTION_COUNT],
    pub settings: Vec<PhraseVariants>,
    pub aspects: Vec<PhraseVariants>,
    pub kind_phrases: Vec<Vec<Phrase>>,
    pub purposes: Vec<Vec<Phrase>>,
    pub agencies: Vec<Vec<Phrase>>,
    pub need_first: Vec<Template>,
    /// For each kind, the need templates (not fragments) that fit it.
    pub need_first_by_kind: Vec<Vec<u8>>,
    pub offer_first: Vec<Template>,
    /// For each kind, the offer templates (not fragments) that fit it.
    pub offer_first_by_kind: Vec<Vec<u8>>,
    pub need_more: More,
    pub offer_more: More,
    pub offer_capacity: Vec<Template>,
    pub unspecific: Vec<Phrase>,
}

/// The classes of a topic's forms by the concepts they name (see
/// [`Lexicon::form_class`]).
fn form_classes(topic: &TopicDef) -> Vec<u8> {
    let graph = crate::text::ConceptGraph::global();
    let section = &crate::Section::KNOWN[topic.section as usize];
    let named: Vec<Vec<u32>> = topic
        .forms
        .iter()
        .map(|f| {
            let mut c = graph.concepts_in_section(&crate::text::normalised_words(f), Some(section));
            // A Strategy area ("secure supply chains") is where a topic is, not which.
            c.retain(|&c| !graph.concept(c).root);
            c
        })
        .collect();
    let mut class = vec![0u8; named.len()];
    let mut seen: Vec<&Vec<u32>> = Vec::new();
    for (k, c) in named.iter().enumerate() {
        let position = seen.iter().position(|s| *s == c).unwrap_or_else(|| {
            seen.push(c);
            seen.len() - 1
        });
        class[k] = position as u8;
    }
    class
}

/// Follow-on sentence templates of one side.
#[derive(Debug)]
pub(super) struct More {
    pub setting: Vec<Template>,
    pub audience: Vec<Template>,
    pub purpose: Vec<Template>,
    pub context: Vec<Template>,
    pub second_topic: Vec<Template>,
}

fn variants(list: &[Variants]) -> Vec<PhraseVariants> {
    list.iter().map(|v| v.iter().copied().map(Phrase::new).collect()).collect()
}

fn templates(list: &[&'static str]) -> Vec<Template> {
    list.iter().map(|t| parse_template(t, &[])).collect()
}

impl Lexicon {
    pub fn global() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(Lexicon::build)
    }

    fn build() -> Lexicon {
        let by_section = std::array::from_fn(|s| {
            (0..TOPICS.len()).filter(|&i| TOPICS[i].section as usize == s).map(|i| i as u8).collect()
        });
        let need_first: Vec<Template> = NEED_FIRST.iter().map(|d| parse_template(d.text, d.kinds)).collect();
        let offer_first: Vec<Template> =
            OFFER_FIRST.iter().map(|d| parse_template(d.text, d.kinds)).collect();
        let by_kind = |templates: &[Template], end: usize| -> Vec<Vec<u8>> {
            ActivityKind::ALL
                .iter()
                .map(|k| {
                    (0..end)
                        .filter(|&i| templates[i].kinds.is_empty() || templates[i].kinds.contains(k))
                        .map(|i| i as u8)
                        .collect()
                })
                .collect()
        };
        let need_first_by_kind = by_kind(&need_first, NEED_FRAGMENT);
        let offer_first_by_kind = by_kind(&offer_first, OFFER_FRAGMENT);
        Lexicon {
            topic_forms: TOPICS.iter().map(|t| t.forms.iter().copied().map(Phrase::new).collect()).collect(),
            form_class: TOPICS.iter().map(form_classes).collect(),
            by_section,
            objects: std::array::from_fn(|s| variants(OBJECTS[s])),
            scopes: std::array::from_fn(|s| variants(SCOPES[s])),
            audiences: std::array::from_fn(|s| {
                let mut v = variants(AUDIENCES[s]);
                v.extend(variants(GENERIC_AUDIENCES));
                v
            }),
            settings: variants(SETTINGS),
            aspects: variants(ASPECTS),
            kind_phrases: KIND_PHRASES.iter().map(|l| l.iter().copied().map(Phrase::new).collect()).collect(),
            purposes: PURPOSES.iter().map(|l| l.iter().copied().map(Phrase::new).collect()).collect(),
            agencies: AGENCIES.iter().map(|l| l.iter().copied().map(Phrase::new).collect()).collect(),
            need_first,
            need_first_by_kind,
            offer_first,
            offer_first_by_kind,
            need_more: More {
                setting: templates(NEED_SETTING),
                audience: templates(NEED_AUDIENCE),
                purpose: templates(NEED_PURPOSE),
                context: templates(NEED_CONTEXT),
                second_topic: templates(NEED_SECOND_TOPIC),
            },
            offer_more: More {
                setting: templates(OFFER_SETTING),
                audience: templates(OFFER_AUDIENCE),
                purpose: templates(OFFER_PURPOSE),
                context: templates(OFFER_CONTEXT),
                second_topic: templates(OFFER_SECOND_TOPIC),
            },
            offer_capacity: templates(OFFER_CAPACITY),
            unspecific: UNSPECIFIC_NEEDS.iter().copied().map(Phrase::new).collect(),
        }
    }
}

/// The number of distinct facet combinations (topic × object × scope × aspect ×
/// audience × setting) the pools allow.
pub(super) fn facet_combinations() -> u64 {
    (0..SECTION_COUNT)
        .map(|s| {
            let topics = TOPICS.iter().filter(|t| t.section as usize == s).count() as u64;
            topics
                * OBJECTS[s].len() as u64
                * SCOPES[s].len() as u64
                * ASPECTS.len() as u64
                * (AUDIENCES[s].len() + GENERIC_AUDIENCES.len()) as u64
                * SETTINGS.len() as u64
        })
        .sum()
}

/// The number of distinct (topic, object, scope, aspect, setting) combinations:
/// what a planted offer shares with its need.
pub(super) fn shared_facet_combinations() -> u64 {
    (0..SECTION_COUNT)
        .map(|s| {
            let topics = TOPICS.iter().filter(|t| t.section as usize == s).count() as u64;
            topics
                * OBJECTS[s].len() as u64
                * SCOPES[s].len() as u64
                * ASPECTS.len() as u64
                * SETTINGS.len() as u64
        })
        .sum()
}

#[cfg(test)]
mod tests;
