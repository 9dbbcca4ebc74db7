use super::*;
use crate::text::normalised_words;

fn graph(source: &str) -> ConceptGraph {
    ConceptGraph::parse(&[("t.txt", source)]).unwrap()
}

fn error(source: &str) -> String {
    ConceptGraph::parse(&[("t.txt", source)]).unwrap_err().to_string()
}

const SMALL: &str = "\
concept: supply chains
root: yes
in: A.1

concept: money
root: yes
in: B

concept: supply chain security
broader: supply chains

concept: container integrity
alt: container security
broader: supply chain security
related: scanning

concept: e-seal
alt: electronic seal
broader: container integrity

concept: scanning
alt: NII; non-intrusive inspection
broader: supply chain security

concept: container security initiative
ambiguous: CSI
broader: supply chain security

concept: crime scene investigation
ambiguous: CSI
broader: money
";

#[test]
fn the_compiled_in_graph_is_valid() {
    let g = ConceptGraph::global();
    assert!(g.len() >= 90, "{}", g.len());
    assert!(g.id(ACTIVITY_ROOT).is_some());
}

#[test]
fn relations_and_their_credit() {
    let g = graph(SMALL);
    let id = |l| g.id(l).unwrap();
    assert_eq!(g.relation(id("e-seal"), id("e-seal")), Relation::Same);
    assert_eq!(g.relation(id("e-seal"), id("container integrity")), Relation::Broader(1));
    assert_eq!(g.relation(id("e-seal"), id("supply chain security")), Relation::Broader(2));
    assert_eq!(g.relation(id("supply chain security"), id("e-seal")), Relation::Narrower(2));
    // Roots give no credit, however near.
    assert_eq!(g.relation(id("supply chain security"), id("supply chains")), Relation::Unrelated);
    assert_eq!(
        g.relation(id("container integrity"), id("scanning")),
        Relation::Sibling(id("supply chain security"))
    );
    // An uncle: scanning is a sibling of e-seal's parent.
    assert_eq!(g.relation(id("e-seal"), id("scanning")), Relation::Cousin(id("supply chain security")));
    assert_eq!(g.relation(id("e-seal"), id("crime scene investigation")), Relation::Unrelated);
    let credits: Vec<f64> = [
        Relation::Same,
        Relation::Narrower(1),
        Relation::Sibling(0),
        Relation::Related,
        Relation::Cousin(0),
        Relation::Unrelated,
    ]
    .into_iter()
    .map(Relation::credit)
    .collect();
    assert!(credits.windows(2).all(|w| w[0] > w[1]), "{credits:?}");
    assert_eq!(Relation::Broader(2).credit(), Relation::Sibling(0).credit());
}

#[test]
fn sections_are_inherited() {
    let g = graph(SMALL);
    assert_eq!(g.concept(g.id("e-seal").unwrap()).sections, [Section::A1]);
}

#[test]
fn labels_are_found_and_ambiguous_ones_resolved_by_context() {
    let g = graph(SMALL);
    let labels = |text: &str| -> Vec<String> {
        g.concepts_in(&normalised_words(text)).into_iter().map(|c| g.concept(c).label.clone()).collect()
    };
    assert_eq!(labels("Electronic seals for containers"), ["e-seal"]);
    assert_eq!(labels("CSI and NII at the port"), ["scanning", "container security initiative"]);
    // No context: an ambiguous label names nothing.
    assert!(labels("the CSI").is_empty());
    let found = g.find(&normalised_words("the CSI"), Some(&Section::B));
    assert_eq!(found.len(), 1);
    assert_eq!(g.concept(found[0].value).label, "crime scene investigation");
}

#[test]
fn invalid_graphs_are_errors_naming_the_line() {
    assert_eq!(error("concept: a\nbroader: b\n"), "t.txt:2: unknown broader concept \"b\"");
    assert_eq!(error("concept: a\n"), "t.txt:1: concept \"a\" needs a `broader:` concept (or `root: yes`)");
    assert_eq!(
        error("concept: r\nroot: yes\n\nconcept: a\nbroader: b\n\nconcept: b\nbroader: a\n"),
        "t.txt:4: concept \"a\" is its own broader concept (a cycle)"
    );
    assert_eq!(
        error("concept: r\nroot: yes\n\nconcept: a\nbroader: r\n\nconcept: a\nbroader: r\n"),
        "t.txt:7: concept \"a\" is already defined at t.txt:4"
    );
    assert_eq!(
        error(
            "concept: r\nroot: yes\n\nconcept: a\nalt: API\nbroader: r\n\nconcept: b\nambiguous: API\nbroader: r\n"
        ),
        "t.txt:5: label \"api\" of \"a\" also names \"b\" (t.txt:9): declare it `ambiguous:` on both"
    );
    assert_eq!(
        error("concept: r\nroot: yes\ncolour: red\n"),
        "t.txt:3: unknown key \"colour\" (expected concept, alt, ambiguous, broader, related, in or root)"
    );
    assert_eq!(
        error("concept: r\nroot: yes\nin: A.9\n"),
        "t.txt:3: unknown section \"A.9\" (use A.1 to A.5, B or C)"
    );
    assert_eq!(error("alt: x\n"), "t.txt:1: `alt:` before any `concept:` line");
    assert_eq!(error("concept: r\nroot: yes\nbroader: r\n"), "t.txt:1: root \"r\" has a broader concept");
}

#[test]
fn the_credit_table_agrees_with_the_relations() {
    for g in [graph(SMALL), ConceptGraph::global().clone()] {
        let n = g.len() as ConceptId;
        for a in 0..n {
            for b in 0..n {
                let (credit, relation) = g.credit(a, b);
                let (want, want_relation) = g.compute_credit(a, b);
                assert_eq!(relation, want_relation, "{a} {b}");
                assert!((credit - want).abs() < 1e-6, "{a} {b}: {credit} vs {want}");
            }
        }
    }
}

#[test]
fn for_every_need_concept_the_same_concept_earns_the_most() {
    let g = ConceptGraph::global();
    for a in 0..g.len() as ConceptId {
        let same = g.credit(a, a).0;
        for &(b, credit, relation) in g.credits_of(a) {
            assert!(
                credit <= same + 1e-12,
                "{} / {}: {relation:?} {credit} > same {same}",
                g.concept(a).label,
                g.concept(b).label
            );
        }
    }
}
