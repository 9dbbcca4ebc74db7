//! The synthetic generator: determinism, planted truth, realism of the corpus.

use std::collections::{BTreeSet, HashMap};

use capmatch::synth::{PlantedPair, SynthConfig, Synthetic, generate};
use capmatch::text::{ConceptGraph, Relation, activities, normalised_words};
use capmatch::{ActivityKind, Corpus, Item, ItemId, Party, Section};
use proptest::prelude::*;

fn config(needs: usize, offers: usize, seed: u64) -> SynthConfig {
    SynthConfig::new().needs(needs).offers(offers).seed(seed).build().unwrap()
}

fn truth_bytes(s: &Synthetic) -> Vec<u8> {
    let mut out = Vec::new();
    s.write_truth(&mut out).unwrap();
    out
}

/// Every item by id, with its party.
fn items(corpus: &Corpus) -> HashMap<&ItemId, (&Party, &Item)> {
    corpus
        .submissions
        .iter()
        .flat_map(|s| s.needs.iter().chain(&s.offers).map(move |i| (&i.id, (&s.economy, i))))
        .collect()
}

#[test]
fn same_seed_gives_byte_identical_corpus_and_truth() {
    let c = config(1500, 1200, 42);
    let (a, b) = (generate(&c), generate(&c));
    assert_eq!(a.corpus.to_json_pretty(), b.corpus.to_json_pretty());
    assert_eq!(truth_bytes(&a), truth_bytes(&b));
    let other = generate(&config(1500, 1200, 43));
    assert_ne!(a.corpus.to_json_pretty(), other.corpus.to_json_pretty());
}

#[test]
fn output_does_not_depend_on_the_thread_count() -> Result<(), Box<dyn std::error::Error>> {
    let c = config(3000, 3000, 5);
    let run = |threads: usize| -> Result<(String, Vec<u8>), rayon::ThreadPoolBuildError> {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build()?;
        Ok(pool.install(|| {
            let s = generate(&c);
            (s.corpus.to_json_pretty(), truth_bytes(&s))
        }))
    };
    let one = run(1)?;
    let two = run(2)?;
    assert!(one == two, "1 and 2 threads differ");
    Ok(())
}

#[test]
fn counts_are_exactly_as_configured() {
    for (n, m) in [(0, 0), (1, 0), (0, 1), (1, 1), (7, 3), (3, 7), (250, 999), (2000, 100)] {
        let s = generate(&config(n, m, 9));
        assert_eq!((s.corpus.need_count(), s.corpus.offer_count()), (n, m), "{n} × {m}");
        let json = s.corpus.to_json_pretty();
        let back = Corpus::from_json_str(&json, None).unwrap();
        assert_eq!((back.need_count(), back.offer_count()), (n, m));
    }
}

#[test]
fn planted_pairs_name_existing_items_of_different_parties() {
    let s = generate(&config(4000, 4000, 11));
    let all = items(&s.corpus);
    assert!(s.truth.len() > 2000, "{}", s.truth.len());
    let needs: BTreeSet<&ItemId> = s.corpus.needs().map(|r| &r.item.id).collect();
    let offers: BTreeSet<&ItemId> = s.corpus.offers().map(|r| &r.item.id).collect();
    for PlantedPair { need, offer } in &s.truth {
        assert!(needs.contains(need), "{need} is not a need");
        assert!(offers.contains(offer), "{offer} is not an offer");
        assert_ne!(all[need].0, all[offer].0, "{need} and {offer} have the same party");
    }
    let unique: BTreeSet<_> = s.truth.iter().collect();
    assert_eq!(unique.len(), s.truth.len(), "a pair is listed twice");
    // About 60% of needs are planted, each with 1–3 offers.
    let mut per_need: HashMap<&ItemId, usize> = HashMap::new();
    for p in &s.truth {
        *per_need.entry(&p.need).or_default() += 1;
    }
    let share = per_need.len() as f64 / 4000.0;
    assert!((0.55..=0.65).contains(&share), "planted share {share}");
    assert!(per_need.values().all(|k| (1..=3).contains(k)));
}

#[test]
fn planted_offers_paraphrase_their_need() {
    let s = generate(&config(3000, 3000, 12));
    let all = items(&s.corpus);
    let t = ConceptGraph::global();
    let mut same_words = 0;
    let mut unrelated = Vec::new();
    for p in &s.truth {
        let (need_item, offer_item) = (&all[&p.need].1, &all[&p.offer].1);
        let (need, offer) = (&need_item.text, &offer_item.text);
        assert_ne!(need, offer);
        let (nw, ow) = (normalised_words(need), normalised_words(offer));
        let (nc, oc) = (
            t.concepts_in_section(&nw, need_item.section.as_ref()),
            t.concepts_in_section(&ow, offer_item.section.as_ref()),
        );
        // A planted pair shares a concept, or two concepts near each other in the
        // graph (a paraphrase through a narrower or sibling concept), or one names
        // the Strategy area ("secure supply chains") the other's concept is in.
        // An ambiguous acronym with nothing around it to tell which concept it is
        // ("PSI interdiction" in an offer without a section) names none.
        let related = nc.iter().any(|&c| {
            oc.iter()
                .any(|&d| t.relation(c, d) != Relation::Unrelated || t.concept(c).root || t.concept(d).root)
        });
        if !related {
            unrelated.push(format!("{need}\n  {offer}"));
        }
        same_words += usize::from(nw == ow);
    }
    assert_eq!(same_words, 0, "a planted offer repeats its need word for word");
    assert!(
        unrelated.len() * 100 <= s.truth.len(),
        "{} of {} planted pairs share no concept, e.g.\n  {}",
        unrelated.len(),
        s.truth.len(),
        unrelated.first().map_or("", String::as_str)
    );
}

#[test]
fn ids_are_derived_unique_and_read_back_unchanged() {
    let s = generate(&config(2500, 2500, 13));
    // The ids are those `Submission::derive_ids` gives, and prefixes are unique.
    let mut prefixes = BTreeSet::new();
    for sub in &s.corpus.submissions {
        let mut again = sub.clone();
        let prefix = sub.id_prefix();
        again.derive_ids(&prefix);
        assert_eq!(&again, sub);
        assert!(prefixes.insert(prefix));
    }
    // No duplicate ids.
    Corpus::from_submissions(s.corpus.submissions.clone()).unwrap();
    // Parsing the JSON keeps every id, text, capacity and stated section; missing
    // sections may be inferred.
    let back = Corpus::from_json_str(&s.corpus.to_json_pretty(), Some("synth.json")).unwrap();
    assert_eq!(back.submissions.len(), s.corpus.submissions.len());
    for (a, b) in s.corpus.submissions.iter().zip(&back.submissions) {
        assert_eq!((&a.economy, a.year), (&b.economy, b.year));
        for (x, y) in a.needs.iter().chain(&a.offers).zip(b.needs.iter().chain(&b.offers)) {
            assert_eq!(
                (&x.id, &x.text, x.capacity, x.unspecific),
                (&y.id, &y.text, y.capacity, y.unspecific)
            );
            if x.section.is_some() {
                assert_eq!(x.section, y.section);
            }
        }
    }
}

#[test]
fn the_corpus_looks_like_real_submissions() {
    let s = generate(&config(20_000, 20_000, 14));
    let parties: BTreeSet<String> = s.corpus.parties().iter().map(ToString::to_string).collect();
    for p in [
        "AUS", "HKC", "ROK", "USA", "VN", "WCO", "ICAO", "IMO", "INTERPOL", "FATF", "APG", "UNODC", "UN CTED",
    ] {
        assert!(parties.contains(p), "{p} missing from {parties:?}");
    }
    assert_eq!(parties.len(), 29);
    let years = s.corpus.years();
    assert_eq!(years.iter().copied().collect::<Vec<_>>(), (2004..=2024).collect::<Vec<_>>());
    assert!(s.corpus.submissions.iter().any(|sub| sub.year.is_none()), "some undated submissions");
    // Organisations only offer.
    assert!(s.corpus.submissions.iter().all(|sub| sub.economy.economy().is_some() || sub.needs.is_empty()));

    let all: Vec<&Item> = s.corpus.needs().chain(s.corpus.offers()).map(|r| r.item).collect();
    let sections: BTreeSet<Option<&Section>> = all.iter().map(|i| i.section.as_ref()).collect();
    for known in &Section::KNOWN {
        assert!(sections.contains(&Some(known)), "no item in {known}");
    }
    assert!(sections.contains(&None), "some items have no section");
    assert!(sections.contains(&Some(&Section::Other("Energy Security".into()))));
    let capacities: BTreeSet<u32> = all.iter().filter_map(|i| i.capacity).collect();
    assert_eq!(capacities, (1..=5).collect());
    assert!(s.corpus.needs().all(|r| r.item.capacity.is_none()));
    assert!(s.corpus.needs().any(|r| r.item.unspecific));

    // A fragment to three sentences; every activity kind is asked for and offered.
    let sentences = |t: &str| t.matches(". ").count() + 1;
    let lengths: BTreeSet<usize> = all.iter().map(|i| sentences(&i.text)).collect();
    assert_eq!(lengths, [1, 2, 3].into());
    assert!(all.iter().any(|i| !i.text.ends_with('.')), "some fragments");
    let kinds: BTreeSet<ActivityKind> = all.iter().take(5000).flat_map(|i| activities(&i.text)).collect();
    assert_eq!(kinds.len(), ActivityKind::ALL.len());
    // Both spellings.
    assert!(all.iter().any(|i| i.text.contains("programme")));
    assert!(all.iter().any(|i| i.text.contains("program ") || i.text.contains("programs")));
    // Needs are worded as needs, offers as offers.
    let need_text: String = s.corpus.needs().take(2000).map(|r| r.item.text.as_str()).collect();
    let offer_text: String = s.corpus.offers().take(2000).map(|r| r.item.text.as_str()).collect();
    for phrase in ["would be useful", "We would benefit from", "Capacity building on"] {
        assert!(need_text.contains(phrase) && !offer_text.contains(phrase), "{phrase}");
    }
    for phrase in ["could provide", "for member economies", "Trainers can be deployed"] {
        assert!(offer_text.contains(phrase) && !need_text.contains(phrase), "{phrase}");
    }
}

#[test]
fn truth_file_shape_and_round_trip() {
    let s = generate(&config(300, 400, 7));
    let bytes = truth_bytes(&s);
    let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(v["seed"], 7);
    assert_eq!(v["needs"], 300);
    assert_eq!(v["offers"], 400);
    let planted = v["planted"].as_array().unwrap();
    assert_eq!(planted.len(), s.truth.len());
    assert_eq!(planted[0]["need"].as_str(), Some(s.truth[0].need.as_str()));
    assert_eq!(Synthetic::read_truth(&bytes).unwrap(), s.truth);
    // One pair a line.
    assert_eq!(bytes.split(|b| *b == b'\n').count(), s.truth.len() + 3);
}

#[test]
fn truth_errors_point_at_the_problem() {
    let err = |json: &str| Synthetic::read_truth(json.as_bytes()).unwrap_err().to_string();
    assert_eq!(
        err("{\"seed\":1,\"needs\":1,\"offers\":1,\"planted\":[\n{\"need\":\"a b\",\"offer\":\"x\"}]}"),
        "<input>:2: planted[0].need: invalid id \"a b\": ids are 1 to 200 characters without white space"
    );
    assert_eq!(
        err("{\"seed\":1,\"needs\":1,\"offers\":1,\"planted\":[]} x"),
        "<input>:1: trailing characters"
    );
    assert_eq!(
        err("3"),
        "<input>:1: invalid type: integer `3`, expected a truth file object with seed, needs, offers and planted"
    );
}

#[test]
fn invalid_configurations_are_rejected_with_their_field() {
    let err = |c: SynthConfig| c.build().unwrap_err().to_string();
    assert_eq!(
        err(SynthConfig::new().needs(10_000_001)),
        "invalid configuration: needs: must be at most 10000000, got 10000001"
    );
    assert_eq!(
        err(SynthConfig::new().economies(0)),
        "invalid configuration: economies: must be from 1 to 21, got 0"
    );
    assert_eq!(
        err(SynthConfig::new().planted_share(-0.1)),
        "invalid configuration: planted_share: must be a number from 0 to 1, got -0.1"
    );
    assert_eq!(
        err(SynthConfig::new().economies(1).organisations(false)),
        "invalid configuration: economies: planted matches need a donor other than the recipient: \
         use at least 2 economies or let organisations make offers"
    );
}

#[test]
fn unbuilt_configurations_are_clamped_not_panicking() {
    let s = generate(
        &SynthConfig::new().needs(20).offers(20).economies(0).planted_share(7.0).distractor_share(f64::NAN),
    );
    assert_eq!(s.corpus.need_count(), 20);
    assert!(s.corpus.needs().all(|r| r.submission.economy.economy() == Some(capmatch::Economy::Aus)));
}

#[test]
fn one_economy_is_helped_by_organisations_only() {
    let s = generate(&SynthConfig::new().needs(200).offers(200).economies(1).seed(2).build().unwrap());
    let all = items(&s.corpus);
    assert!(!s.truth.is_empty());
    assert!(s.truth.iter().all(|p| all[&p.offer].0.economy().is_none()));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn the_seed_alone_decides_the_corpus(seed in any::<u64>(), n in 0usize..60, m in 1usize..60, e in 1usize..=21) {
        let c = SynthConfig::new().needs(n).offers(m).economies(e).seed(seed).build().unwrap();
        let a = generate(&c);
        prop_assert_eq!(&a, &generate(&c));
        let other = generate(&c.clone().seed(seed.wrapping_add(1)));
        prop_assert_ne!(a.corpus.to_json_pretty(), other.corpus.to_json_pretty());
        prop_assert_eq!((a.corpus.need_count(), a.corpus.offer_count()), (n, m));
    }
}
