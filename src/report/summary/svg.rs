//! The cooperation network as inline SVG, laid out without Graphviz.
//!
//! The network is bipartite by role: a party offers (donor) and asks (recipient),
//! and most economies do both. So it is drawn as a two-column flow diagram: donors
//! on the left, recipients on the right, each party on each side where it has
//! offers or needs, and one band per donor → recipient link whose width is the
//! link's strength (the sum of its match scores). A node's bar is as tall as its
//! bands together, so the biggest donors and the most helped recipients stand out;
//! both columns are sorted by that total (ties in party order) and each node's
//! bands are stacked in the order of the nodes they lead to, which keeps bands
//! from crossing at their ends. Direction needs no arrowheads (always left to
//! right), labels never overlap, and the layout is a pure function of the table:
//! the same report gives the same bytes.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::model::StrengthTable;
use super::plural;
use crate::Party;
use crate::graph::EconomyLink;
use crate::report::escape::html_escape as esc;
use crate::report::party_label;

/// Colour-blind-safe colours for the donors' bands (Okabe and Ito's palette,
/// without its yellow, which is too light on white), in donor order.
const PALETTE: [&str; 7] = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#6A3D9A"];

/// Vertical room per node on the longer column, on average (px).
const ROOM: f64 = 20.0;
/// The least height of a node's slot, so that labels never overlap (px).
const SLOT: f64 = 16.0;
/// Space between slots (px).
const GAP: f64 = 6.0;
/// Where the first slot starts, below the column headings (px).
const TOP: f64 = 34.0;
/// Width of a node's bar (px).
const BAR: f64 = 10.0;
/// The picture's width, when the labels leave room for the least run (px).
const WIDTH: f64 = 880.0;
/// The least horizontal run of the bands between the columns (px).
const RUN: f64 = 360.0;
/// Longest label, in characters, before it is shortened.
const LABEL: usize = 26;

/// One side's node: a party, its total strength, and where it is drawn.
struct Node<'a> {
    party: &'a Party,
    total: f64,
    /// Top of the slot.
    y: f64,
    /// Height of the slot.
    slot: f64,
}

/// Nodes for `parties`, their totals summed from `links` by `side`, sorted by total
/// (largest first, ties in party order) and placed from the top.
fn column<'a>(
    parties: &'a [Party],
    links: &[EconomyLink],
    side: fn(&EconomyLink) -> &Party,
    scale: f64,
) -> Vec<Node<'a>> {
    let mut totals: BTreeMap<&Party, f64> = BTreeMap::new();
    for l in links {
        *totals.entry(side(l)).or_default() += l.strength;
    }
    let mut nodes: Vec<Node<'a>> = parties
        .iter()
        .map(|p| Node { party: p, total: totals.get(p).copied().unwrap_or(0.0), y: 0.0, slot: 0.0 })
        .collect();
    nodes.sort_by(|a, b| b.total.total_cmp(&a.total).then_with(|| a.party.cmp(b.party)));
    let mut y = TOP;
    for n in &mut nodes {
        n.slot = (n.total * scale).max(SLOT);
        n.y = y;
        y += n.slot + GAP;
    }
    nodes
}

/// The label drawn for a party: its code or its name, shortened.
fn short_label(party: &Party) -> String {
    let l = party_label(party);
    if l.chars().count() <= LABEL {
        l.to_string()
    } else {
        format!("{}…", l.chars().take(LABEL - 1).collect::<String>())
    }
}

/// Estimated width of a label at 12 px (px): wide enough for capitals.
fn label_width(nodes: &[Node<'_>]) -> f64 {
    let chars = nodes.iter().map(|n| short_label(n.party).chars().count()).max().unwrap_or(0);
    (chars as f64 * 7.6 + 14.0).max(110.0)
}

/// Where each party is in `nodes`.
fn positions<'a>(nodes: &[Node<'a>]) -> BTreeMap<&'a Party, usize> {
    nodes.iter().enumerate().map(|(k, n)| (n.party, k)).collect()
}

/// Moves the shorter column down by half the difference, so both are centred.
fn centre<'a>(a: &mut [Node<'a>], b: &mut [Node<'a>]) {
    let bottom = |nodes: &[Node<'_>]| nodes.last().map_or(TOP, |n| n.y + n.slot);
    let (ha, hb) = (bottom(a), bottom(b));
    let (shorter, by) = if ha < hb { (a, hb - ha) } else { (b, ha - hb) };
    for n in shorter {
        n.y += by / 2.0;
    }
}

/// The network of `t` as an `<svg>` element with a title and a description for
/// assistive technology; every band and bar has a tooltip. `t` has links.
pub(super) fn network(table: &StrengthTable) -> String {
    let links = &table.links;
    let total: f64 = links.iter().map(|l| l.strength).sum();
    let longer = table.donors.len().max(table.recipients.len()) as f64;
    let scale = if total > 0.0 { longer * ROOM / total } else { 0.0 };
    let mut donors = column(&table.donors, links, |l| &l.donor, scale);
    let mut recipients = column(&table.recipients, links, |l| &l.recipient, scale);
    centre(&mut donors, &mut recipients);
    let left = label_width(&donors);
    let right = label_width(&recipients);
    let run = (WIDTH - left - right - 2.0 * BAR).max(RUN);
    let (x1, x2) = (left + BAR, left + BAR + run);
    let width = x2 + BAR + right;
    let bottom = |nodes: &[Node<'_>]| nodes.last().map_or(TOP, |n| n.y + n.slot);
    let height = bottom(&donors).max(bottom(&recipients)) + 8.0;

    // Each band's end points: stacked inside its donor's bar in recipient order,
    // and inside its recipient's bar in donor order.
    let (at_left, at_right) = (positions(&donors), positions(&recipients));
    let order: Vec<Band<'_>> = links
        .iter()
        .map(|l| {
            let at = |p: &BTreeMap<&Party, usize>, party| p.get(party).copied().unwrap_or(usize::MAX);
            (at(&at_left, &l.donor), at(&at_right, &l.recipient), l)
        })
        .collect();
    let start = ends(&order, &donors, |o| (o.0, o.1), scale);
    let end = ends(&order, &recipients, |o| (o.1, o.0), scale);

    let mut svg = String::with_capacity(512 + links.len() * 220);
    let _ = write!(
        svg,
        "<svg class=\"network\" viewBox=\"0 0 {width:.0} {height:.0}\" width=\"{width:.0}\" height=\"{height:.0}\" \
         role=\"img\" aria-labelledby=\"network-title network-desc\">\n<title id=\"network-title\">Cooperation \
         network: donors (left) to recipients (right), band width by match strength</title>\n<desc \
         id=\"network-desc\">{}</desc>\n",
        esc(&description(table)),
    );
    // Many bands cross in the middle: lighter, so the crossings do not go black.
    let opacity = if links.len() > 100 { "0.35" } else { "0.55" };
    let _ = write!(
        svg,
        "<text class=\"head\" x=\"0\" y=\"18\">Donors (offers)</text>\n<text class=\"head\" \
         x=\"{width:.0}\" y=\"18\" text-anchor=\"end\">Recipients (needs)</text>\n<g class=\"bands\" \
         stroke-opacity=\"{opacity}\">\n"
    );
    // Widest bands first, so that thin ones stay visible on top.
    let mut draw: Vec<usize> = (0..order.len()).collect();
    draw.sort_by(|&a, &b| {
        order[b]
            .2
            .strength
            .total_cmp(&order[a].2.strength)
            .then_with(|| (order[a].0, order[a].1).cmp(&(order[b].0, order[b].1)))
    });
    let mid = f64::midpoint(x1, x2);
    for k in draw {
        let (d, _, l) = order[k];
        let w = (l.strength * scale).max(0.8);
        let (ya, yb) = (start[k], end[k]);
        let _ = writeln!(
            svg,
            "<path class=\"band\" d=\"M{x1:.1} {ya:.1}C{mid:.1} {ya:.1} {mid:.1} {yb:.1} {x2:.1} {yb:.1}\" \
             stroke=\"{}\" stroke-width=\"{w:.1}\"><title>{} → {}: {}, {} met, strength {:.2}</title></path>",
            PALETTE[d % PALETTE.len()],
            esc(party_label(&l.donor)),
            esc(party_label(&l.recipient)),
            plural(l.matches, "match", "matches"),
            plural(l.needs_met, "need", "needs"),
            l.strength,
        );
    }
    svg.push_str("</g>\n<g class=\"nodes\">\n");
    for (k, n) in donors.iter().enumerate() {
        node(&mut svg, n, scale, left, "end", left - 4.0, Some(PALETTE[k % PALETTE.len()]), "offered");
    }
    for n in &recipients {
        node(&mut svg, n, scale, x2, "start", x2 + BAR + 4.0, None, "received");
    }
    svg.push_str("</g>\n</svg>\n");
    svg
}

/// A link with the positions of its donor and its recipient in their columns.
type Band<'a> = (usize, usize, &'a EconomyLink);

/// The band ends' centres on one side: stacked down each node's bar in the order
/// `key` gives (the node's position first, then the other end's position).
fn ends(
    bands: &[Band<'_>],
    nodes: &[Node<'_>],
    key: fn(&Band<'_>) -> (usize, usize),
    scale: f64,
) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..bands.len()).collect();
    idx.sort_by_key(|&k| key(&bands[k]));
    let mut out = vec![0.0; bands.len()];
    let mut offset = vec![0.0; nodes.len()];
    for k in idx {
        let n = key(&bands[k]).0;
        let Some(node) = nodes.get(n) else { continue };
        let w = bands[k].2.strength * scale;
        let bar = (node.total * scale).max(2.0);
        out[k] = node.y + (node.slot - bar) / 2.0 + offset[n] + w / 2.0;
        offset[n] += w;
    }
    out
}

/// One node: its bar (grey when it has no link) and its label, with a tooltip.
#[allow(clippy::too_many_arguments)] // one call per column; a struct would only rename them
fn node(
    out: &mut String,
    n: &Node<'_>,
    scale: f64,
    x: f64,
    anchor: &str,
    text_x: f64,
    colour: Option<&str>,
    verb: &str,
) {
    let bar = (n.total * scale).max(2.0);
    let y = n.y + (n.slot - bar) / 2.0;
    let fill = match colour {
        _ if n.total <= 0.0 => " class=\"idle\"".to_string(),
        Some(c) => format!(" fill=\"{c}\""),
        None => " fill=\"#3d4756\"".to_string(),
    };
    let _ = writeln!(
        out,
        "<g><title>{}: strength {:.2} {verb}</title><rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{BAR:.0}\" \
         height=\"{bar:.1}\"{fill}/><text x=\"{text_x:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\" \
         dominant-baseline=\"middle\">{}</text></g>",
        esc(party_label(n.party)),
        n.total,
        n.y + n.slot / 2.0,
        esc(&short_label(n.party)),
    );
}

/// The text equivalent of the picture, in brief: sizes, the strongest links, and
/// the parties with no link (the table after the picture gives every link).
fn description(t: &StrengthTable) -> String {
    let mut strongest: Vec<&EconomyLink> = t.links.iter().collect();
    strongest.sort_by(|a, b| match b.strength.total_cmp(&a.strength) {
        Ordering::Equal => (&a.donor, &a.recipient).cmp(&(&b.donor, &b.recipient)),
        other => other,
    });
    let top: Vec<String> = strongest
        .iter()
        .take(5)
        .map(|l| {
            format!(
                "{} to {} (strength {:.2}, {})",
                party_label(&l.donor),
                party_label(&l.recipient),
                l.strength,
                plural(l.matches, "match", "matches")
            )
        })
        .collect();
    let mut text = format!(
        "{} from {} to {}. Strongest: {}.",
        plural(t.links.len(), "link", "links"),
        plural(t.donors.len(), "party with offers", "parties with offers"),
        plural(t.recipients.len(), "party with needs", "parties with needs"),
        top.join("; ")
    );
    let idle: Vec<&str> =
        t.donors.iter().filter(|d| !t.links.iter().any(|l| &l.donor == *d)).map(party_label).collect();
    if !idle.is_empty() {
        let _ = write!(text, " Offers meeting no need: {}.", idle.join(", "));
    }
    text
}
