//! From an answer box's lines to needs and offers.
//!
//! Lines become items: a bullet starts an item, sub-bullets (indented, `o`, `※`,
//! `a)` under `1)`) stay with their parent, wrapped lines and words hyphenated across
//! lines are joined, a paragraph after a blank line starts a new item unless it
//! plainly continues the last one. A lead-in ("Korea could offer:") is not an item
//! but colours the bullets under it. Then each item's wording decides its kind; an
//! item that mixes needs and offers is split into sentences.

use crate::ItemKind;

use super::classify::{STRONG, Scores, is_unspecific, reads_as_offer, scores, sentences};
use super::markup::Family;

/// One line of an answer box.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BlockLine {
    pub no: u32,
    pub indent: u16,
    pub bullet: Option<Family>,
    pub text: String,
    /// A blank line (or something else) came between this line and the previous one.
    pub gap: bool,
}

/// What kind of box the answer is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// The needs or offers question (or the trailing offers block): the box gives the
    /// kind unless the wording clearly says otherwise.
    Box(ItemKind),
    /// "Activities in which your economy participated": only follow-on wishes count,
    /// as needs.
    Participated,
    /// The executive summary's part 3: needs and offers mixed; the wording decides.
    Summary,
}

/// An item read from an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Resolved {
    pub kind: ItemKind,
    pub text: String,
    pub line: u32,
    /// The box's kind, when the wording moved the item to the other kind.
    pub moved_from: Option<ItemKind>,
    pub unspecific: bool,
}

/// Repairs made while joining lines.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Repairs {
    /// Words hyphenated across lines that were joined.
    pub hyphens: u32,
    pub first_hyphen: Option<u32>,
}

#[derive(Debug)]
struct Piece {
    line: u32,
    text: String,
}

#[derive(Debug)]
struct Draft {
    pieces: Vec<Piece>,
    indent: u16,
    family: Option<Family>,
    lead: Option<ItemKind>,
}

impl Draft {
    fn text(&self) -> String {
        let mut s = String::new();
        for p in &self.pieces {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(&p.text);
        }
        s
    }
}

/// Prefixes kept with their hyphen when a word is split after them across lines
/// ("counter-" + "terrorism").
const KEEP_HYPHEN: &[&str] = &[
    "counter", "cyber", "non", "co", "self", "cross", "multi", "inter", "anti", "pre", "post", "e", "well",
    "follow", "long", "short", "high", "low", "real", "risk", "capacity", "sub", "trans", "semi", "x", "end",
    "on", "off",
];

/// Joins a wrapped line onto `a`, mending a word hyphenated across the break.
fn join_wrapped(a: &mut String, b: &str, line: u32, repairs: &mut Repairs) {
    let b = b.trim();
    if b.is_empty() {
        return;
    }
    let hyphenated = a.ends_with('-')
        && a[..a.len() - 1].chars().next_back().is_some_and(char::is_alphabetic)
        && b.chars().next().is_some_and(char::is_lowercase);
    if hyphenated {
        // Only the last letters can make a kept prefix: looking at the whole stem
        // made a run of hyphenated lines ("a-", "a-", …), which join into one word,
        // quadratic.
        let longest = KEEP_HYPHEN.iter().map(|k| k.len()).max().unwrap_or(0);
        let stem: Vec<char> =
            a[..a.len() - 1].chars().rev().take_while(|c| c.is_alphabetic()).take(longest + 1).collect();
        let stem: String = stem.into_iter().rev().collect::<String>().to_lowercase();
        if !KEEP_HYPHEN.contains(&stem.as_str()) {
            a.pop();
        }
        a.push_str(b);
        repairs.hyphens += 1;
        repairs.first_hyphen.get_or_insert(line);
        return;
    }
    if !a.is_empty() {
        a.push(' ');
    }
    a.push_str(b);
}

/// Whether `next`, after a blank line, plainly continues `prev` (a sentence broken
/// by a page or paragraph break): `prev` does not end a sentence and `next` starts in
/// lower case or with a digit.
fn continues(prev: &str, next: &str) -> bool {
    let end = prev.trim_end().trim_end_matches(['"', '\'', ')']);
    let open = !end.ends_with(['.', '!', '?', ':', ';']);
    let starts_low = next.chars().next().is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
    starts_low && (open || prev.ends_with('-'))
}

/// A short line wholly in brackets, such as "(Ministry of Foreign Affairs)": it says
/// who reports, not what is needed.
fn is_label(l: &BlockLine) -> bool {
    let t = l.text.trim();
    l.bullet.is_none() && t.starts_with('(') && t.ends_with(')') && t.split_whitespace().count() <= 8
}

fn is_sub(d: &Draft, family: Family, indent: u16, family_top: Option<u16>) -> bool {
    if family == Family::Note {
        return true;
    }
    match d.family {
        // Bullets under a paragraph: subs only when indented and the paragraph is not
        // a lead-in.
        None => indent > d.indent && !d.text().trim_end().ends_with(':'),
        Some(parent) => {
            (indent > d.indent && family_top.is_none_or(|top| indent > top))
                || (family != parent
                    && family.is_second_level()
                    && !parent.is_second_level()
                    && indent >= d.indent)
        }
    }
}

fn segment(block: &[BlockLine], repairs: &mut Repairs) -> Vec<Draft> {
    let mut drafts: Vec<Draft> = Vec::new();
    // The indent at which each family first started an item.
    let mut tops: Vec<(Family, u16)> = Vec::new();
    let mut force_new = false;
    for l in block {
        if is_label(l) {
            force_new = true;
            continue;
        }
        let text = l.text.trim();
        if text.is_empty() {
            continue;
        }
        if let Some(f) = l.bullet {
            let top = tops.iter().find(|(tf, _)| *tf == f).map(|(_, i)| *i);
            let sub = !force_new && drafts.last().is_some_and(|d| is_sub(d, f, l.indent, top));
            if let (true, Some(d)) = (sub, drafts.last_mut()) {
                d.pieces.push(Piece { line: l.no, text: text.to_string() });
            } else {
                if top.is_none() {
                    tops.push((f, l.indent));
                }
                drafts.push(Draft {
                    pieces: vec![Piece { line: l.no, text: text.to_string() }],
                    indent: l.indent,
                    family: Some(f),
                    lead: None,
                });
            }
        } else {
            let joined = match drafts.last_mut() {
                Some(d) if !force_new => match d.pieces.last_mut() {
                    Some(p) if !l.gap || continues(&p.text, text) => {
                        join_wrapped(&mut p.text, text, l.no, repairs);
                        true
                    }
                    _ => false,
                },
                _ => false,
            };
            if !joined {
                drafts.push(Draft {
                    pieces: vec![Piece { line: l.no, text: text.to_string() }],
                    indent: l.indent,
                    family: None,
                    lead: None,
                });
            }
        }
        force_new = false;
    }
    // Lead-ins: a paragraph ending in ':' followed by bullets.
    let mut out: Vec<Draft> = Vec::with_capacity(drafts.len());
    let mut lead: Option<ItemKind> = None;
    let mut iter = drafts.into_iter().peekable();
    while let Some(mut d) = iter.next() {
        if d.family.is_none() {
            let text = d.text();
            let next_is_bullet = iter.peek().is_some_and(|n| n.family.is_some());
            if text.trim_end().ends_with(':') && next_is_bullet {
                lead = scores(&text).winner();
                continue;
            }
            lead = None;
        }
        d.lead = lead;
        out.push(d);
    }
    out
}

/// The kind a sentence's wording gives in a mode, if any.
fn sentence_kind(s: Scores, mode: Mode) -> Option<ItemKind> {
    match mode {
        Mode::Box(k) => {
            let other = match k {
                ItemKind::Need => ItemKind::Offer,
                ItemKind::Offer => ItemKind::Need,
            };
            // Moving an item out of its box takes a clear cue.
            if s.of(other) >= STRONG && s.of(other) > s.of(k) {
                Some(other)
            } else if s.of(k) > s.of(other) {
                Some(k)
            } else {
                None
            }
        }
        Mode::Participated => (s.need >= STRONG && s.need > s.offer).then_some(ItemKind::Need),
        Mode::Summary => s.winner(),
    }
}

/// Reads the items of an answer box.
pub(crate) fn resolve(block: &[BlockLine], mode: Mode, repairs: &mut Repairs) -> Vec<Resolved> {
    let mut out = Vec::new();
    for d in segment(block, repairs) {
        // Sentences, each with the line it comes from.
        let mut sents: Vec<(u32, &str, Option<ItemKind>)> = Vec::new();
        for p in &d.pieces {
            for s in sentences(&p.text) {
                sents.push((p.line, s, sentence_kind(scores(s), mode)));
            }
        }
        if mode == Mode::Participated {
            let mut group: Option<(u32, String)> = None;
            for (line, s, k) in &sents {
                match (k, group.as_mut()) {
                    (Some(_), Some((_, text))) => {
                        text.push(' ');
                        text.push_str(s);
                    }
                    (Some(_), None) => group = Some((*line, (*s).to_string())),
                    (None, _) => {
                        if let Some((line, text)) = group.take() {
                            out.push(item(ItemKind::Need, text, line, None));
                        }
                    }
                }
            }
            if let Some((line, text)) = group {
                out.push(item(ItemKind::Need, text, line, None));
            }
            continue;
        }
        let box_kind = match mode {
            Mode::Box(k) => Some(k),
            _ => None,
        };
        let mut kinds: Vec<ItemKind> = sents.iter().filter_map(|(_, _, k)| *k).collect();
        kinds.dedup();
        let mixed = kinds.windows(2).any(|w| w[0] != w[1]);
        let line = d.pieces.first().map_or(0, |p| p.line);
        if !mixed {
            let text = d.text();
            let kind = kinds.first().copied().or(d.lead).or(box_kind).unwrap_or(if reads_as_offer(&text) {
                ItemKind::Offer
            } else {
                ItemKind::Need
            });
            out.push(item(kind, text, line, box_kind.filter(|b| *b != kind)));
            continue;
        }
        // Mixed: split into runs of one kind; sentences without a cue go with the run
        // before them (or the first run).
        let mut runs: Vec<(ItemKind, u32, String)> = Vec::new();
        let mut pending: Vec<&str> = Vec::new();
        let mut pending_line = None;
        for (line, s, k) in &sents {
            match (k, runs.last_mut()) {
                (Some(k), Some((rk, _, text))) if rk == k => {
                    text.push(' ');
                    text.push_str(s);
                }
                (Some(k), _) => {
                    let mut text = String::new();
                    for p in pending.drain(..) {
                        text.push_str(p);
                        text.push(' ');
                    }
                    text.push_str(s);
                    runs.push((*k, pending_line.take().unwrap_or(*line), text));
                }
                (None, Some((_, _, text))) => {
                    text.push(' ');
                    text.push_str(s);
                }
                (None, None) => {
                    pending_line.get_or_insert(*line);
                    pending.push(s);
                }
            }
        }
        for (kind, line, text) in runs {
            out.push(item(kind, text, line, box_kind.filter(|b| *b != kind)));
        }
    }
    out.retain(|r| r.text.chars().any(char::is_alphanumeric));
    out
}

fn item(kind: ItemKind, text: String, line: u32, moved_from: Option<ItemKind>) -> Resolved {
    let unspecific = is_unspecific(&text);
    Resolved { kind, text, line, moved_from, unspecific }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ctap::markup::clean_line;

    fn block(text: &str) -> Vec<BlockLine> {
        let mut out = Vec::new();
        let mut gap = false;
        for (i, raw) in text.lines().enumerate() {
            let c = clean_line(raw);
            if c.text.is_empty() && c.bullet.is_none() {
                gap = true;
                continue;
            }
            out.push(BlockLine { no: i as u32 + 1, indent: c.indent, bullet: c.bullet, text: c.text, gap });
            gap = false;
        }
        out
    }

    fn run(text: &str, mode: Mode) -> Vec<(ItemKind, String)> {
        resolve(&block(text), mode, &mut Repairs::default()).into_iter().map(|r| (r.kind, r.text)).collect()
    }

    #[test]
    fn sub_bullets_stay_with_their_parent() {
        let items = run(
            "- Korea would be able to deploy trainers. It has been\n \
             - sending cyber crime investigation trainers.\n \
             - conducting training programs; and\n\
             - Second offer\n",
            Mode::Box(ItemKind::Offer),
        );
        assert_eq!(items.len(), 2);
        assert!(items[0].1.ends_with(
            "It has been sending cyber crime investigation trainers. conducting training programs; and"
        ));
        assert_eq!(items[1].1, "Second offer");
    }

    #[test]
    fn word_style_first_bullet_indented() {
        let items =
            run("\t\u{b7} first need\n\u{b7} second need\n\t\u{b7} third need\n", Mode::Box(ItemKind::Need));
        assert_eq!(items.len(), 3);
    }

    #[test]
    fn numbered_with_letters_under_them() {
        let items = run(
            "1) Training on risk management:\n   a) for customs officers\n   b) for port staff\n2) Workshops on AEO\n",
            Mode::Box(ItemKind::Need),
        );
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].1, "Training on risk management: for customs officers for port staff");
    }

    #[test]
    fn wrapped_paragraphs_and_hyphenation() {
        let mut r = Repairs::default();
        let items = resolve(
            &block(
                "Viet Nam would benefit from train-\ning on container secu-\nrity and counter-\nterrorism.\n\nSecond paragraph.",
            ),
            Mode::Box(ItemKind::Need),
            &mut r,
        );
        assert_eq!(
            items[0].text,
            "Viet Nam would benefit from training on container security and counter-terrorism."
        );
        assert_eq!(items[1].text, "Second paragraph.");
        assert_eq!(r.hyphens, 3);
        // A sentence broken by a page break continues after the blank line.
        let items =
            run("Training on the use of\n\nx-ray scanners would be useful.", Mode::Box(ItemKind::Need));
        assert_eq!(items.len(), 1);
    }

    #[test]
    fn reclassified_and_mixed() {
        let r = resolve(
            &block(
                "\u{b7} HKC will continue to learn from other economies on port security.\n\
                 \u{b7} HKC will continue to support capacity building efforts through the provision of training.",
            ),
            Mode::Box(ItemKind::Need),
            &mut Repairs::default(),
        );
        assert_eq!((r[0].kind, r[0].moved_from), (ItemKind::Need, None));
        assert_eq!((r[1].kind, r[1].moved_from), (ItemKind::Offer, Some(ItemKind::Need)));
        let items = run(
            "\u{b7} HKC will continue to learn from other economies on port security. HKC will continue to \
             support capacity building efforts through the provision of training. Staff of HKC has been trained.",
            Mode::Summary,
        );
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].0, ItemKind::Need);
        assert_eq!(items[1].0, ItemKind::Offer);
        assert!(items[1].1.ends_with("Staff of HKC has been trained."));
    }

    #[test]
    fn follow_on_wishes_only() {
        let items = run(
            "- Participated in the 2013 APEC Workshops on Sharing AEO Best Practice (twice)\n \
             - Had an opportunity to analyse Korea's AEO program\n \
             - It will be beneficial for member economies to produce a comparative summary of AEO programs.\n",
            Mode::Participated,
        );
        assert_eq!(
            items,
            [(ItemKind::Need, "It will be beneficial for member economies to produce a comparative summary of AEO programs.".into())]
        );
    }

    #[test]
    fn lead_ins_colour_their_bullets() {
        let items = run(
            "Thailand could offer the following:\n- trusted trader workshops\n- port audits\n",
            Mode::Summary,
        );
        assert_eq!(
            items,
            [(ItemKind::Offer, "trusted trader workshops".into()), (ItemKind::Offer, "port audits".into())]
        );
    }

    #[test]
    fn labels_are_not_items() {
        let items = run("(Korean National Police Agency)\n\n- Korea could provide trainers\n", Mode::Summary);
        assert_eq!(items, [(ItemKind::Offer, "Korea could provide trainers".into())]);
    }
}
