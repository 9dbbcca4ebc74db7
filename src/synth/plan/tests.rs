use super::*;

fn config(n: usize, m: usize) -> SynthConfig {
    SynthConfig::new().needs(n).offers(m).seed(3)
}

#[test]
fn planted_pairs_cross_parties_and_share_facets() {
    let plan = plan(&config(2000, 2000));
    assert!(!plan.pairs.is_empty());
    for &(i, j) in &plan.pairs {
        let (n, o) = (plan.needs[i as usize], plan.offers[j as usize]);
        assert_ne!(n.party, o.party);
        assert_eq!(
            (n.topic, n.object, n.scope, n.setting, n.aspect),
            (o.topic, o.object, o.scope, o.setting, o.aspect)
        );
        assert!(n.has(PLANTED) && o.has(PLANTED));
        let class = &Lexicon::global().form_class[n.topic as usize];
        assert_eq!(class[n.form as usize], class[o.form as usize], "the offer names the same concept");
        if class.iter().filter(|c| **c == class[n.form as usize]).nth(1).is_some() {
            assert_ne!(n.form, o.form, "the offer names the topic differently when it can");
        }
        assert!(!n.has(NO_SETTING) && !o.has(NO_SETTING) && !n.has(UNSPECIFIC));
    }
}

#[test]
fn version_1_paraphrases_with_any_form() {
    let plan = plan(&config(2000, 2000).generator(1));
    let class = &Lexicon::global().form_class;
    let mut across = 0;
    for &(i, j) in &plan.pairs {
        let (n, o) = (plan.needs[i as usize], plan.offers[j as usize]);
        assert_ne!(n.form, o.form, "the offer names the topic differently");
        across +=
            usize::from(class[n.topic as usize][n.form as usize] != class[o.topic as usize][o.form as usize]);
    }
    assert!(across > 0, "version 1 also paraphrases across concepts");
}

#[test]
fn planted_share_and_cluster_sizes() {
    let plan = plan(&config(10_000, 10_000));
    let mut per_need = std::collections::BTreeMap::<u32, usize>::new();
    for &(i, _) in &plan.pairs {
        *per_need.entry(i).or_default() += 1;
    }
    let share = per_need.len() as f64 / 10_000.0;
    assert!((share - 0.6).abs() < 0.01, "{share}");
    assert!(per_need.values().all(|k| (1..=3).contains(k)));
    let planted_offers: std::collections::BTreeSet<u32> = plan.pairs.iter().map(|p| p.1).collect();
    assert!(planted_offers.len() <= 7_500);
}

#[test]
fn few_other_offers_share_a_planted_needs_facets() {
    use std::collections::{BTreeSet, HashMap};
    let plan = plan(&config(100_000, 100_000));
    let planted: BTreeSet<u32> = plan.pairs.iter().map(|p| p.1).collect();
    let mut by_focus: HashMap<(u8, u8, u8), u32> = HashMap::new();
    let mut by_all: HashMap<(u8, u8, u8, u8, u8), u32> = HashMap::new();
    for (j, o) in plan.offers.iter().enumerate() {
        if !planted.contains(&(j as u32)) {
            *by_focus.entry((o.topic, o.object, o.scope)).or_default() += 1;
            *by_all.entry((o.topic, o.object, o.scope, o.aspect, o.setting)).or_default() += 1;
        }
    }
    let needs: BTreeSet<u32> = plan.pairs.iter().map(|p| p.0).collect();
    let (mut focus, mut all, mut most) = (0u64, 0u64, 0u32);
    for &i in &needs {
        let n = plan.needs[i as usize];
        focus += u64::from(by_focus.get(&(n.topic, n.object, n.scope)).copied().unwrap_or(0));
        let same = by_all.get(&(n.topic, n.object, n.scope, n.aspect, n.setting)).copied().unwrap_or(0);
        all += u64::from(same);
        most = most.max(same);
    }
    let (focus, all) = (focus as f64 / needs.len() as f64, all as f64 / needs.len() as f64);
    eprintln!(
        "per planted need at 100k: {focus:.2} other offers share topic+focus, {all:.4} all shared facets, at most {most}"
    );
    assert!(focus > 2.0, "distractors and chance give topic+focus competitors");
    assert!(all < 0.05 && most <= 3);
}

#[test]
fn scarce_offers_plant_fewer_needs() {
    let plan = plan(&config(1000, 10));
    let offers: std::collections::BTreeSet<u32> = plan.pairs.iter().map(|p| p.1).collect();
    assert!(offers.len() <= 8, "{}", offers.len());
    assert!(!plan.pairs.is_empty());
}

#[test]
fn one_economy_gets_organisation_donors() {
    let plan = plan(&config(300, 300).economies(1));
    assert!(!plan.pairs.is_empty());
    for &(i, j) in &plan.pairs {
        assert_eq!(plan.needs[i as usize].party, 0);
        assert!(plan.offers[j as usize].party >= 1);
    }
}

#[test]
fn two_economies_without_organisations() {
    let plan = plan(&config(300, 300).economies(2).organisations(false));
    assert_eq!(plan.parties.len(), 2);
    assert!(plan.pairs.iter().all(|&(i, j)| plan.needs[i as usize].party != plan.offers[j as usize].party));
}

#[test]
fn every_section_has_an_organisation_and_all_resolve() {
    let parties = parties(&SynthConfig::new());
    assert_eq!(parties.len(), 21 + ORGANISATIONS.len());
    for s in 0..SECTION_COUNT {
        assert!(ORGANISATIONS.iter().any(|o| o.2 & (1 << s) != 0), "section {s}");
    }
    let mut slugs: Vec<String> = parties.iter().map(|p| p.party.slug()).collect();
    slugs.sort_unstable();
    slugs.dedup();
    assert_eq!(slugs.len(), parties.len());
}

#[test]
fn years_scale_with_size() {
    let small = years(&config(10, 10), 29);
    assert_eq!(small, [2024]);
    let mid = years(&config(1000, 1000), 29);
    assert_eq!(mid, [2004, 2014, 2024]);
    let big = years(&config(100_000, 100_000), 29);
    assert_eq!(big.len(), 21);
    assert_eq!((big[0], big[20]), (2004, 2024));
}

#[test]
fn weights_sum_up() {
    assert_eq!(SECTION_WEIGHTS.iter().sum::<u32>(), 1000);
    assert_eq!(KIND_WEIGHTS.iter().sum::<u32>(), 100);
}
