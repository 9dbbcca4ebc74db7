//! The two real CTAPs bundled with the crate, checked against their `*.expected.json`.

use std::fs;

use capmatch::ctap::{ParseOptions, Parsed, parse, parse_bytes};
use capmatch::{DiagnosticKind, ItemKind, Section, Severity};
use serde_json::Value;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/ctap");

fn parse_fixture(name: &str) -> Parsed {
    let text = fs::read_to_string(format!("{DIR}/{name}")).expect("fixture is readable");
    parse(&text, &ParseOptions::new().file(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn expected(name: &str) -> Value {
    let text = fs::read_to_string(format!("{DIR}/{name}")).expect("expectation is readable");
    serde_json::from_str(&text).expect("expectation is JSON")
}

fn kind_of(s: &str) -> ItemKind {
    match s {
        "need" => ItemKind::Need,
        "offer" => ItemKind::Offer,
        other => panic!("unknown kind {other}"),
    }
}

/// Checks everything an `*.expected.json` states.
fn check_expectations(stem: &str) -> Parsed {
    let exp = expected(&format!("{stem}.expected.json"));
    let file = exp["file"].as_str().expect("file");
    let parsed = parse_fixture(file);
    let s = &parsed.submission;

    assert_eq!(s.economy.to_string(), exp["economy"].as_str().expect("economy"), "{file}: economy");
    if let Some(year) = exp["year"].as_u64() {
        assert_eq!(s.year.map(u64::from), Some(year), "{file}: year");
    }

    for m in exp["must_find"].as_array().expect("must_find") {
        let kind = kind_of(m["kind"].as_str().expect("kind"));
        let section = Section::from_label(m["section"].as_str().expect("section"));
        let needle = m["contains"].as_str().expect("contains").to_lowercase();
        let found = s
            .items(kind)
            .iter()
            .any(|i| i.section.as_ref() == Some(&section) && i.text.to_lowercase().contains(&needle));
        assert!(
            found,
            "{file}: no {kind} in {section} containing {needle:?}; items: {:#?}",
            s.items(kind).iter().map(|i| (i.section.clone(), &i.text)).collect::<Vec<_>>()
        );
    }

    for bad in exp["must_not_contain"].as_array().expect("must_not_contain") {
        let bad = bad.as_str().expect("string");
        for item in s.needs.iter().chain(&s.offers) {
            assert!(!item.text.contains(bad), "{file}: {} contains {bad:?}: {}", item.id, item.text);
        }
    }

    let needs_at_most = exp["needs_at_most"].as_u64().expect("needs_at_most");
    let offers_at_most = exp["offers_at_most"].as_u64().expect("offers_at_most");
    assert!(s.needs.len() as u64 <= needs_at_most, "{file}: {} needs", s.needs.len());
    assert!(s.offers.len() as u64 <= offers_at_most, "{file}: {} offers", s.offers.len());
    assert!(!s.needs.is_empty() && !s.offers.is_empty(), "{file}: nothing found");
    assert_eq!(s.source.as_deref(), Some(file));
    parsed
}

#[test]
fn hkc_2020_meets_its_expectations() {
    check_expectations("hkc-2020");
}

#[test]
fn rok_2014_meets_its_expectations() {
    check_expectations("rok-2014");
}

#[test]
fn hkc_economy_is_detected_from_its_agencies_and_the_diagnostic_says_so() {
    let p = parse_fixture("hkc-2020.txt");
    assert_eq!(p.submission.year, None, "no calendar year stated, none guessed from the body");
    assert_eq!(p.submission.needs[0].id.as_str(), "hkc-undated-n1");
    let d = p
        .diagnostics
        .iter()
        .find(|d| d.kind == DiagnosticKind::GuessedEconomy)
        .expect("a diagnostic says how the economy was found");
    assert_eq!(d.severity, Severity::Warning);
    assert!(d.message.starts_with("economy HKC detected from the text"), "{}", d.message);
    assert!(d.message.contains("\"hkc\"") && d.message.contains("\"hong kong\""), "{}", d.message);
    // The partner list (Korea, Singapore, Thailand, …) does not compete.
    assert!(!d.message.contains("ROK"), "{}", d.message);
}

#[test]
fn hkc_offer_in_the_needs_box_is_moved_and_repeats_count_once() {
    let p = parse_fixture("hkc-2020.txt");
    let s = &p.submission;
    let moved = s.offers.iter().find(|o| o.text.contains("provision of training")).expect("moved offer");
    assert_eq!(moved.section, Some(Section::A2));
    assert_eq!(moved.line, Some(163));
    assert!(p.diagnostics.iter().any(|d| d.kind == DiagnosticKind::Reclassified && d.at.line == Some(163)));
    assert!(!s.needs.iter().any(|n| n.text.contains("provision of training")));
    // Every executive-summary item repeats a section item: all items come from sections.
    assert!(s.needs.iter().chain(&s.offers).all(|i| i.line.is_some_and(|l| l > 100)));
    assert_eq!(p.diagnostics.iter().filter(|d| d.kind == DiagnosticKind::Duplicate).count(), 4);
    // The A.1 need keeps both of its sentences in one item.
    let a1: Vec<_> = s.needs.iter().filter(|n| n.section == Some(Section::A1)).collect();
    assert_eq!(a1.len(), 1);
    assert!(a1[0].text.contains("risk assessment rules") && a1[0].text.contains("Single Window"));
}

#[test]
fn hkc_contacts_are_parsed_with_emails_and_blank_ones_dropped() {
    let p = parse_fixture("hkc-2020.txt");
    let c = &p.submission.contacts;
    assert_eq!(c.len(), 7, "one per section; the blank emergency and trailing contacts are dropped");
    let sections: Vec<_> = c.iter().map(|c| c.section.clone()).collect();
    assert_eq!(
        sections,
        [Section::A1, Section::A2, Section::A3, Section::A4, Section::A5, Section::B, Section::C].map(Some)
    );
    assert!(c.iter().all(|c| c.email.as_deref().is_some_and(|e| e.contains('@'))));
    assert_eq!(c[0].name.as_deref(), Some("Chung Wing Shuen, Jessica"));
    assert_eq!(c[0].email.as_deref(), Some("jessica_ws_chung@customs.gov.hk"));
    assert_eq!(c[4].email.as_deref(), Some("johnlam@tid.gov.hk"));
    assert_eq!(
        c[5].title.as_deref(),
        Some(
            "Chief Inspector of Police, Counter Terrorism and Internal Security Division, Hong Kong Police Force"
        )
    );
}

#[test]
fn rok_cyber_offer_keeps_its_sub_bullets() {
    let p = parse_fixture("rok-2014.txt");
    let cyber: Vec<_> = p.submission.offers.iter().filter(|o| o.section == Some(Section::C)).collect();
    assert_eq!(cyber.len(), 1);
    let t = &cyber[0].text;
    assert!(t.starts_with("Korea would be able to deploy trainers"), "{t}");
    for sub in ["digital forensic trainers", "Train-the-Trainer Workshop on computer Forensic", "KOICA"] {
        assert!(t.contains(sub), "missing sub-bullet {sub:?}: {t}");
    }
    assert_eq!(cyber[0].line, Some(597));
    assert_eq!(cyber[0].id.as_str(), "rok-2014-o3");
}

#[test]
fn rok_needs_are_the_follow_on_wish_and_the_unspecific_answer() {
    let p = parse_fixture("rok-2014.txt");
    let needs = &p.submission.needs;
    assert_eq!(needs.len(), 2);
    assert!(
        needs[0]
            .text
            .starts_with("It will be beneficial for member economies to produce a comparative summary")
    );
    assert_eq!((needs[0].section.clone(), needs[0].unspecific), (Some(Section::A1), false));
    assert!(needs[1].text.contains("diagnosis report"));
    assert!(needs[1].unspecific);
    assert!(p.diagnostics.iter().any(|d| d.kind == DiagnosticKind::Unspecific && d.at.line == Some(240)));
}

#[test]
fn rok_year_disagreement_is_reported() {
    let p = parse_fixture("rok-2014.txt");
    assert_eq!(p.submission.year, Some(2014));
    let d = p.diagnostics.iter().find(|d| d.kind == DiagnosticKind::GuessedYear).expect("year diagnostic");
    assert_eq!(d.at.line, Some(31));
    assert!(d.message.contains("2012") && d.message.contains("2013"), "{}", d.message);
    // Korea, not the meeting venue (Subic, Philippines).
    assert_eq!(p.submission.economy.to_string(), "ROK");
}

#[test]
fn rok_contacts_several_per_section_with_roles() {
    let p = parse_fixture("rok-2014.txt");
    let c = &p.submission.contacts;
    assert_eq!(c.iter().filter(|c| c.section == Some(Section::A1)).count(), 2);
    let emergency =
        c.iter().find(|c| c.role.as_deref() == Some("Emergency Aviation Security Point of Contact")).unwrap();
    assert_eq!(
        (emergency.section.clone(), emergency.email.as_deref()),
        (Some(Section::A3), Some("jsj5757@korea.kr"))
    );
    let b = c.iter().find(|c| c.section == Some(Section::B)).unwrap();
    assert_eq!(b.email.as_deref(), Some("i205@korea.kr"), "\"Email -Address:\" is an email label");
    let trailing = c.iter().find(|c| c.section.is_none()).unwrap();
    assert_eq!(trailing.name.as_deref(), Some("Jang, Ju-yeon"));
}

#[test]
fn every_item_is_tagged_and_located() {
    for name in ["hkc-2020.txt", "rok-2014.txt"] {
        let p = parse_fixture(name);
        for item in p.submission.needs.iter().chain(&p.submission.offers) {
            assert!(item.line.is_some(), "{name}: {}", item.id);
            assert!(item.section.is_some(), "{name}: {}", item.id);
            assert!(
                !item.activities.is_empty() || !item.pillars.is_empty() || item.unspecific,
                "{name}: {}",
                item.text
            );
        }
        // No line of either fixture fits nowhere.
        assert!(
            !p.diagnostics.iter().any(|d| d.kind == DiagnosticKind::SkippedLine),
            "{name}: {:#?}",
            p.diagnostics
        );
    }
}

#[test]
fn bytes_and_text_agree_and_options_override() {
    let bytes = fs::read(format!("{DIR}/rok-2014.txt")).unwrap();
    let a = parse_bytes(&bytes, &ParseOptions::new().file("rok-2014.txt")).unwrap();
    let b = parse_fixture("rok-2014.txt");
    assert_eq!(a.submission, b.submission);

    let text = String::from_utf8(bytes).unwrap();
    let p = parse(&text, &ParseOptions::new().year(2015)).unwrap();
    assert_eq!(p.submission.year, Some(2015));
    assert_eq!(p.submission.needs[0].id.as_str(), "rok-2015-n1");
    assert!(p.diagnostics.iter().any(|d| d.kind == DiagnosticKind::Override));

    let hkc = fs::read_to_string(format!("{DIR}/hkc-2020.txt")).unwrap();
    let p = parse(&hkc, &ParseOptions::new().year(2020)).unwrap();
    assert_eq!(p.submission.needs[0].id.as_str(), "hkc-2020-n1");
    assert!(!p.diagnostics.iter().any(|d| d.kind == DiagnosticKind::GuessedYear));
}
