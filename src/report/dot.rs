//! The economy graph in Graphviz DOT.

use std::fmt;

use petgraph::dot::{Config, Dot};
use petgraph::graph::{DiGraph, EdgeReference, NodeIndex};

use super::{SummaryReport, party_label};
use crate::Party;
use crate::graph::{EconomyLink, MatchGraph};

/// Escapes text for a double-quoted DOT string: backslashes and quotes get a
/// backslash (a lone backslash would start a Graphviz escape such as `\N`), line
/// breaks become `\n`, other control characters and bidirectional formatting
/// characters are dropped.
///
/// # Examples
///
/// ```
/// use capmatch::report::dot_escape;
///
/// assert_eq!(dot_escape(r#"The "Safe Seas" Forum \ Pacific"#), r#"The \"Safe Seas\" Forum \\ Pacific"#);
/// assert_eq!(dot_escape("two\nlines"), r"two\nlines");
/// ```
pub fn dot_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    for c in s.chars() {
        match c {
            '\\' | '"' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() || crate::text::is_removed_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// The economy graph of `graph` ([`MatchGraph::economy_graph`]) in Graphviz DOT:
/// parties as nodes labelled with their APEC code or organisation name
/// (organisations drawn as boxes), and an edge donor → recipient for every pair
/// with matches, labelled with the number of matches, its `penwidth` (1 to 5)
/// scaled by the link's strength relative to the strongest.
///
/// Render with `dot -Tsvg`. Labels are escaped ([`dot_escape`]), so organisation
/// names may contain quotes and backslashes. Nodes are in party order and edges by
/// donor then recipient: the same input gives the same text.
///
/// # Complexity
///
/// O(P + L log L) for P parties and L links (plus building the links, see
/// [`MatchGraph::economy_links`]).
///
/// # Examples
///
/// ```
/// use capmatch::{Corpus, MatchConfig, graph::{MatchGraph, Ranking}, report, similarity::Analysis};
///
/// let corpus = Corpus::from_json_str(r#"{"submissions":[
///   {"economy":"HKC","needs":[{"section":"A.1","text":"Workshops on Single Window system development"}]},
///   {"economy":"org:The \"Single Window\" Forum","offers":[{"section":"A.1","text":"Single Window workshops for customs officials"}]}]}"#, None)?;
/// let config = MatchConfig::new().build()?;
/// let analysis = Analysis::new(&corpus, config.fuzzy_threshold);
/// let ranking = Ranking::new(&analysis, &config);
/// let dot = report::to_dot(&MatchGraph::new(&ranking));
/// assert!(dot.starts_with("digraph economies {\n"));
/// assert!(dot.contains(r#"label = "The \"Single Window\" Forum" shape = box"#));
/// assert!(dot.contains(r#"1 -> 0 [ label = "1" penwidth = 5.00"#));
/// # Ok::<(), capmatch::Error>(())
/// ```
pub fn to_dot(graph: &MatchGraph<'_, '_, '_>) -> String {
    economy_dot(&graph.economy_graph())
}

impl SummaryReport {
    /// The report's cooperation network in Graphviz DOT: the parties of the report
    /// ([`Overview::parties`](super::Overview::parties)) as nodes and its donor →
    /// recipient links ([`StrengthTable::links`](super::StrengthTable::links)) as
    /// edges, drawn as [`to_dot`] draws a match graph's (the same text when the
    /// graph's corpus is the report's).
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::{Corpus, MatchConfig, graph::{MatchGraph, Ranking}, report, similarity::Analysis};
    /// use capmatch::report::{SummaryOptions, SummaryReport};
    ///
    /// let corpus = Corpus::from_json_str(r#"{"submissions":[
    ///   {"economy":"HKC","needs":[{"section":"A.1","text":"Workshops on Single Window system development"}]},
    ///   {"economy":"ROK","offers":[{"section":"A.1","text":"Single Window workshops for customs officials"}]}]}"#, None)?;
    /// let config = MatchConfig::new().build()?;
    /// let analysis = Analysis::new(&corpus, config.fuzzy_threshold);
    /// let ranking = Ranking::new(&analysis, &config);
    /// let graph = MatchGraph::new(&ranking);
    /// let summary = SummaryReport::new(&graph, &SummaryOptions::new());
    /// assert!(summary.to_dot().contains(r#"1 -> 0 [ label = "1""#));
    /// assert_eq!(summary.to_dot(), report::to_dot(&graph));
    /// # Ok::<(), capmatch::Error>(())
    /// ```
    pub fn to_dot(&self) -> String {
        let mut g = DiGraph::with_capacity(self.overview.parties.len(), self.strength.links.len());
        let nodes: Vec<NodeIndex> =
            self.overview.parties.iter().map(|p| g.add_node(p.party.clone())).collect();
        let node = |party: &Party| {
            self.overview.parties.binary_search_by(|p| p.party.cmp(party)).ok().map(|k| nodes[k])
        };
        for link in &self.strength.links {
            if let (Some(d), Some(r)) = (node(&link.donor), node(&link.recipient)) {
                g.add_edge(d, r, link.clone());
            }
        }
        economy_dot(&g)
    }
}

/// The DOT text of an economy graph (parties as nodes in index order, links as
/// edges in index order).
fn economy_dot(g: &DiGraph<Party, EconomyLink>) -> String {
    let strongest = g.edge_weights().map(|l| l.strength).fold(0.0, f64::max);
    let edge_attributes = |_: &DiGraph<Party, EconomyLink>, e: EdgeReference<'_, EconomyLink>| {
        let link = e.weight();
        let width = if strongest > 0.0 { 1.0 + 4.0 * link.strength / strongest } else { 1.0 };
        let (n, noun) = (link.matches, if link.matches == 1 { "match" } else { "matches" });
        format!(
            "label = \"{n}\" penwidth = {width:.2} tooltip = \"{} → {}: {n} {noun}, strength {:.2}\" ",
            dot_escape(party_label(&link.donor)),
            dot_escape(party_label(&link.recipient)),
            link.strength,
        )
    };
    let node_attributes = |_: &DiGraph<Party, EconomyLink>, (_, party): (NodeIndex, &Party)| {
        let shape = if party.economy().is_some() { "ellipse" } else { "box" };
        format!("label = \"{}\" shape = {shape} ", dot_escape(party_label(party)))
    };
    let dot = Dot::with_attr_getters(
        g,
        &[Config::NodeNoLabel, Config::EdgeNoLabel, Config::GraphContentOnly],
        &edge_attributes,
        &node_attributes,
    );
    format!(
        "digraph economies {{\n    rankdir = \"LR\"\n    node [ fontname = \"Helvetica\" ]\n{}}}\n",
        Body(&dot)
    )
}

/// Writes the graph's nodes and edges (petgraph's `Display` wants weights that are
/// `Display`; the attributes carry everything here).
struct Body<'d, 'g>(&'d Dot<'d, &'g DiGraph<Party, EconomyLink>>);

impl fmt::Display for Body<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.graph_fmt(f, |_, _| Ok(()), |_, _| Ok(()))
    }
}
