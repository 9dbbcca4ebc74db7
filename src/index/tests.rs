use super::*;
use crate::{Corpus, Item, Party, Submission};

fn corpus(need: &str, offers: &[String]) -> Corpus {
    let party = |s: &str| s.parse::<Party>().unwrap();
    let mut a = Submission::new(party("HKC"), Some(2020));
    a.needs.push(Item::new("n1", need).unwrap());
    let mut b = Submission::new(party("ROK"), Some(2020));
    for (k, text) in offers.iter().enumerate() {
        b.offers.push(Item::new(format!("o{k}"), text).unwrap());
    }
    Corpus::from_submissions(vec![a, b]).unwrap()
}

/// The first need's candidates with each of `max_candidates` in turn, one scratch
/// for all.
fn candidates_in_turn(corpus: &Corpus, max_candidates: &[usize]) -> Vec<Vec<u32>> {
    let analysis = Analysis::new(corpus, 1.0);
    let index = CandidateIndex::new(&analysis);
    let mut scratch = Scratch::new(analysis.offer_count());
    let limits = |max_candidates| IndexLimits { posting_budget: 1000, max_candidates };
    max_candidates.iter().map(|&k| index.candidates(&analysis, 0, limits(k), &mut scratch)).collect()
}

#[test]
fn keys_are_unordered_pairs() {
    assert_eq!(key(3, 9), key(9, 3));
    assert_ne!(key(3, 9), key(3, 10));
}

#[test]
fn a_conjunctive_key_finds_an_offer_the_budget_does_not_reach() {
    // "alpha" is the need's rarest term (50 offers), "bravo" and "charlie" are
    // in 60 each but together only in the last offer. A budget of 50 reads
    // "alpha" alone; the key (bravo, charlie) still finds the last offer.
    let mut offers: Vec<String> = (0..50).map(|k| format!("alpha item{k}")).collect();
    offers.extend((0..59).map(|k| format!("bravo thing{k}")));
    offers.extend((0..59).map(|k| format!("charlie stuff{k}")));
    offers.push("bravo charlie".to_string());
    let corpus = corpus("alpha bravo charlie", &offers);
    let analysis = Analysis::new(&corpus, 1.0);
    let index = CandidateIndex::new(&analysis);
    let mut scratch = Scratch::new(analysis.offer_count());
    let limits = IndexLimits { posting_budget: 50, max_candidates: 200 };
    let found = index.candidates(&analysis, 0, limits, &mut scratch);
    let last = (offers.len() - 1) as u32;
    assert!(found.contains(&last), "{found:?}");
    // Words alone read "alpha": its 50 offers, and none of bravo's or charlie's.
    assert_eq!(found.len(), 51);
}

#[cfg(feature = "semantic")]
#[test]
fn slots_group_offers_by_their_rarest_terms_and_candidates_are_corpus_indices() {
    // The offers alternate between two rare words: in slot order, each word's
    // offers sit together, and the candidates are still named by corpus index.
    let offers: Vec<String> = (0..6)
        .map(|k| format!("cyber crime training {}", if k % 2 == 0 { "zebra" } else { "walrus" }))
        .collect();
    let corpus = corpus("zebra", &offers);
    let analysis = Analysis::new(&corpus, 1.0);
    let index = CandidateIndex::new(&analysis);
    assert!(index.slots == [0, 2, 4, 1, 3, 5] || index.slots == [1, 3, 5, 0, 2, 4], "{:?}", index.slots);
    let mut scratch = Scratch::new(analysis.offer_count());
    let limits = IndexLimits { posting_budget: 1000, max_candidates: 100 };
    assert_eq!(index.candidates(&analysis, 0, limits, &mut scratch), [0, 2, 4]);
    assert_eq!(index.reading_order(&analysis), [0]);
}

// The pool is re-ranked by sentence vectors only with the `semantic` feature.
#[cfg(feature = "semantic")]
#[test]
fn the_pool_lets_in_a_paraphrase_that_shares_one_common_word() {
    // Both offers share only "training" with the need. The short one weights it
    // more, so it has the larger partial dot product; the long one says what
    // the need says in other words, and the sentence vectors tell.
    let offers = [
        "training for port staff".to_string(),
        "training courses on tracing illicit financial flows and the proceeds of crime".to_string(),
    ];
    let corpus = corpus("training on anti-money laundering investigations", &offers);
    assert_eq!(candidates_in_turn(&corpus, &[2, 1]), [vec![0, 1], vec![1]]);
}

#[test]
fn the_needs_own_party_never_gives_a_candidate_even_when_it_fills_the_pool() {
    // Thirty offers of the need's own party say what the need says; twenty of
    // another party share one word. The own party's offers have the largest
    // sums and fill every bucket the pool is first chosen from.
    let party = |s: &str| s.parse::<Party>().unwrap();
    let mut own = Submission::new(party("HKC"), Some(2020));
    own.needs.push(Item::new("n1", "zebra walrus okapi").unwrap());
    for k in 0..30 {
        own.offers.push(Item::new(format!("h{k}"), "zebra walrus okapi").unwrap());
    }
    let mut other = Submission::new(party("ROK"), Some(2020));
    for k in 0..20 {
        other.offers.push(Item::new(format!("r{k}"), format!("zebra lemur{k}")).unwrap());
    }
    let corpus = Corpus::from_submissions(vec![own, other]).unwrap();
    let analysis = Analysis::new(&corpus, 1.0);
    let index = CandidateIndex::new(&analysis);
    let mut scratch = Scratch::new(analysis.offer_count());
    let limits = IndexLimits { posting_budget: 1000, max_candidates: 2 };
    let none_of_its_own =
        |found: &[u32]| found.iter().all(|&j| analysis.offers.party[j as usize] != analysis.needs.party[0]);
    let found = index.candidates(&analysis, 0, limits, &mut scratch);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(none_of_its_own(&found), "{found:?}");
    // With room for every offer, all twenty of the other party's and none of its own.
    let all = IndexLimits { posting_budget: 1000, max_candidates: 100 };
    let found = index.candidates(&analysis, 0, all, &mut scratch);
    assert_eq!(found.len(), 20, "{found:?}");
    assert!(none_of_its_own(&found), "{found:?}");
}

#[test]
fn the_pool_prefers_the_offer_whose_section_fits() {
    // The two offers say the same, so their sums and meanings tie; the tie would
    // go to the lower offer index, o0, which sits in another section than the need.
    use crate::Section;
    let offers = ["Single Window workshops".to_string(), "Single Window workshops".to_string()];
    let mut corpus = corpus("Single Window workshops", &offers);
    let submissions = &mut corpus.submissions;
    submissions[0].needs[0].section = Some(Section::A1);
    submissions[1].offers[0].section = Some(Section::C);
    submissions[1].offers[1].section = Some(Section::A1);
    // The second call with one candidate shows that the fits worked out for one
    // call do not carry over to the next.
    assert_eq!(candidates_in_turn(&corpus, &[2, 1, 1]), [vec![0, 1], vec![1], vec![1]]);
}
