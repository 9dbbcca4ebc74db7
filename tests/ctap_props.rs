//! Properties of the CTAP parser and printer: no input makes it panic, and what the
//! printer writes reads back the same.

use std::collections::HashSet;
use std::fs;

use capmatch::ctap::{ParseOptions, Parsed, parse, parse_bytes, print};
use capmatch::{Contact, Economy, Item, ItemKind, Section, Submission};
use proptest::prelude::*;
use proptest::sample::select;

const CASES: u32 = 256;

fn fixture_lines() -> Vec<Vec<String>> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/ctap");
    let mut docs = Vec::new();
    for name in ["hkc-2020.txt", "rok-2014.txt", "variants/pe-2016-pdf.txt", "variants/phl-2012-numbered.txt"]
    {
        let text = fs::read_to_string(format!("{dir}/{name}")).expect("fixture is readable");
        docs.push(text.lines().map(str::to_string).collect());
    }
    docs
}

/// Whatever parse returns, a successful parse is well formed.
fn well_formed(p: &Parsed, lines: usize) {
    let s = &p.submission;
    let mut ids = HashSet::new();
    for item in s.needs.iter().chain(&s.offers) {
        assert!(ids.insert(item.id.as_str().to_string()), "duplicate id {}", item.id);
        assert!(item.text.chars().any(char::is_alphanumeric), "empty item {:?}", item.text);
        let line = item.line.expect("items carry their line") as usize;
        assert!(line >= 1 && line <= lines.max(1), "line {line} of {lines}");
    }
    for d in &p.diagnostics {
        assert!(d.at.line.is_none_or(|l| l as usize <= lines.max(1)), "{d}");
    }
}

/// Text that looks like CTAP pieces, markup and garbage.
fn garbage() -> impl Strategy<Value = String> {
    prop_oneof![
        "[ -~]{0,60}",
        "\\PC{0,40}",
        select(vec![
            "WHAT SPECIFIC CAPACITY BUILDING NEEDS DOES YOUR ECONOMY HAVE",
            "PLEASE BE AS SPECIFIC AS POSSIBLE REGARDING THE TYPES OF",
            "WHAT KIND OF EXPERTISE AND/OR ASSISTANCE COULD YOUR ECONOMY PROVIDE\tTraining",
            "A.1 Protect Cargo:",
            "D. ENERGY SECURITY",
            "Secure Finance: AMLC could share",
            "EXECUTIVE SUMMARY",
            "3. Summary of capacity building needs and opportunities",
            "Contact Point: Name: ____ Title: ____ Email Address:",
            "Telephone Number: Fax Number: Email Address:",
            "ECONOMY: ThailandCALENDAR YEAR: 2018",
            "POSSIBLE ASSISTANCE AND EXPERTISE TO OFFER",
            "~~struck~~ <u>under</u> [link](#) **bold** \\$5",
            "\u{F0B7}\t- ※ (1) a) o ",
            "Page 3 of 7",
            "\u{c}",
            "Formatted: Font: Bold",
            "explo-",
            "NIL",
            "",
        ])
        .prop_map(str::to_string),
    ]
}

#[derive(Debug, Clone)]
enum Edit {
    Delete(usize),
    Duplicate(usize),
    Swap(usize, usize),
    Insert(usize, String),
    Truncate(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        any::<usize>().prop_map(Edit::Delete),
        any::<usize>().prop_map(Edit::Duplicate),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::Swap(a, b)),
        (any::<usize>(), garbage()).prop_map(|(a, g)| Edit::Insert(a, g)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, n)| Edit::Truncate(a, n)),
    ]
}

fn apply(mut lines: Vec<String>, edits: &[Edit]) -> String {
    for e in edits {
        let n = lines.len().max(1);
        match e {
            Edit::Delete(i) if !lines.is_empty() => {
                lines.remove(i % n);
            }
            Edit::Duplicate(i) if !lines.is_empty() => {
                let l = lines[i % n].clone();
                lines.insert(i % n, l);
            }
            Edit::Swap(a, b) if !lines.is_empty() => lines.swap(a % n, b % n),
            Edit::Insert(i, g) => lines.insert(i % (lines.len() + 1), g.clone()),
            Edit::Truncate(i, k) if !lines.is_empty() => {
                let l = &mut lines[i % n];
                let cut = l.char_indices().nth(k % (l.chars().count() + 1)).map_or(l.len(), |(b, _)| b);
                l.truncate(cut);
            }
            _ => {}
        }
    }
    lines.join("\n")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}", lines in prop::collection::vec(garbage(), 0..40)) {
        for t in [text, lines.join("\n")] {
            if let Ok(p) = parse(&t, &ParseOptions::new()) {
                well_formed(&p, t.split('\n').count());
            }
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let _ = parse_bytes(&bytes, &ParseOptions::new().file("x.bin"));
        let mut doc = b"APEC COUNTER-TERRORISM ACTION PLAN\nECONOMY: Chile\n".to_vec();
        doc.extend_from_slice(&bytes);
        let _ = parse_bytes(&doc, &ParseOptions::new());
    }

    #[test]
    fn mutated_fixtures_never_panic(which in 0usize..4, edits in prop::collection::vec(edit(), 1..25)) {
        let docs = fixture_lines();
        let text = apply(docs[which].clone(), &edits);
        if let Ok(p) = parse(&text, &ParseOptions::new().economy(Economy::Hkc)) {
            well_formed(&p, text.split('\n').count());
        }
        let _ = parse_bytes(text.as_bytes(), &ParseOptions::new());
    }
}

// ---- print → parse round trip -------------------------------------------------

const TOPICS: &[&str] = &[
    "risk management for container cargo",
    "the ISPS Code for port facility security officers",
    "API/PNR systems at international airports",
    "AML/CFT supervision of remittance providers",
    "cyber incident response for critical infrastructure",
    "Single Window development",
    "AEO validation and mutual recognition",
    "explosives trace detection",
    "travel document examination",
    "the security of radioactive sources",
    "MANPADS vulnerability assessments",
    "trade recovery after a port closure",
];
const ACTIVITIES: &[&str] =
    &["Workshops", "Seminars", "Training courses", "Study visits", "Expert missions", "Tabletop exercises"];
const AUDIENCES: &[&str] =
    &["customs officers", "immigration officers", "FIU analysts", "CERT staff", "port operators"];
const OTHER_SECTIONS: &[&str] =
    &["D. Energy Security", "E. Health of Communities", "D. Food Defence", "F. Tourism Security"];

fn section() -> impl Strategy<Value = Section> {
    prop_oneof![
        3 => select(Section::KNOWN.to_vec()),
        1 => select(OTHER_SECTIONS.to_vec()).prop_map(|l| Section::Other(l.to_string())),
    ]
}

fn need_text() -> impl Strategy<Value = String> {
    (select(ACTIVITIES.to_vec()), select(TOPICS.to_vec()), select(AUDIENCES.to_vec()), 0u8..4).prop_map(
        |(a, t, who, form)| match form {
            0 => format!("{a} on {t}"),
            1 => format!("{a} on {t} would be useful"),
            2 => format!("Training for {who} on {t} would be welcome."),
            _ => format!("Technical assistance with {t}"),
        },
    )
}

fn offer_text() -> impl Strategy<Value = String> {
    (select(ACTIVITIES.to_vec()), select(TOPICS.to_vec()), select(AUDIENCES.to_vec()), 0u8..3).prop_map(
        |(a, t, who, form)| match form {
            0 => format!("{a} on {t} for other economies"),
            1 => {
                format!("Our agencies could provide {} on {t} to {who} of member economies", a.to_lowercase())
            }
            _ => format!("{a} on {t}"),
        },
    )
}

fn item(text: String, section: Section) -> Item {
    Item::new("x", text).expect("valid id").with_section(section)
}

fn contact(sections: Vec<Section>) -> impl Strategy<Value = Contact> {
    (
        prop::option::of(select(sections)),
        select(vec!["Kim, Taeyeon", "Ms Erin SIU", "Nguyen Van Minh", "Det. Sgt. Mark Wilson"]),
        prop::option::of(select(vec!["Deputy Director, Korea Customs Service", "Senior Analyst, AMLO"])),
        prop::option::of(select(vec!["+82-42-481-7967", "(852) 3759 2662"])),
        prop::option::of(select(vec!["+66 2 219 3601"])),
        prop::option::of(select(vec!["kcstcd@customs.go.kr", "napat@amlo.go.th"])),
        any::<bool>(),
    )
        .prop_map(|(section, name, title, telephone, fax, email, emergency)| {
            let role = match (&section, emergency) {
                (None, _) => "Contact Point for Assistance and Expertise not included above",
                (Some(_), true) => "Emergency Aviation Security Point of Contact",
                (Some(_), false) => "Contact Point",
            };
            Contact {
                section,
                role: Some(role.to_string()),
                name: Some(name.to_string()),
                title: title.map(str::to_string),
                telephone: telephone.map(str::to_string),
                fax: fax.map(str::to_string),
                email: email.map(str::to_string),
            }
        })
}

fn submission() -> impl Strategy<Value = Submission> {
    (select(Economy::ALL.to_vec()), prop::option::of(1990u16..2030), prop::collection::vec(section(), 1..5))
        .prop_flat_map(|(economy, year, sections)| {
            let needs = prop::collection::vec((need_text(), select(sections.clone())), 0..8);
            let offers = prop::collection::vec((offer_text(), select(sections.clone())), 0..8);
            let contacts = prop::collection::vec(contact(sections), 0..4);
            (Just(economy), Just(year), needs, offers, contacts)
        })
        .prop_map(|(economy, year, needs, offers, contacts)| {
            let mut s = Submission::new(economy, year);
            s.needs = needs.into_iter().map(|(t, sec)| item(t, sec)).collect();
            s.offers = offers.into_iter().map(|(t, sec)| item(t, sec)).collect();
            s.contacts = contacts;
            s
        })
}

fn triples(s: &Submission, kind: ItemKind) -> Vec<(ItemKind, Option<Section>, String)> {
    s.items(kind).iter().map(|i| (kind, i.section.clone(), i.text.clone())).collect()
}

fn sorted_contacts(s: &Submission) -> Vec<String> {
    let mut v: Vec<String> = s.contacts.iter().map(|c| format!("{c:?}")).collect();
    v.sort();
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn print_then_parse_gives_the_submission_back(s in submission()) {
        let text = print(&s);
        let back = parse(&text, &ParseOptions::new()).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        let b = &back.submission;
        prop_assert_eq!(&b.economy, &s.economy);
        prop_assert_eq!(b.year, s.year);
        prop_assert_eq!(triples(b, ItemKind::Need), triples(&s, ItemKind::Need), "{}", text);
        prop_assert_eq!(triples(b, ItemKind::Offer), triples(&s, ItemKind::Offer), "{}", text);
        prop_assert_eq!(sorted_contacts(b), sorted_contacts(&s), "{}", text);
        // Nothing in the printed text is left over.
        prop_assert!(!back.diagnostics.iter().any(|d| d.kind == capmatch::DiagnosticKind::SkippedLine));
    }
}

#[test]
fn fixtures_survive_print_and_parse() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/ctap");
    for name in
        ["hkc-2020.txt", "rok-2014.txt", "variants/chl-2005-cttf.txt", "variants/nz-2009-no-summary.txt"]
    {
        let text = fs::read_to_string(format!("{dir}/{name}")).unwrap();
        let first = parse(&text, &ParseOptions::new()).unwrap().submission;
        let again = parse(&print(&first), &ParseOptions::new()).unwrap().submission;
        assert_eq!(again.economy, first.economy, "{name}");
        assert_eq!(again.year, first.year, "{name}");
        for kind in [ItemKind::Need, ItemKind::Offer] {
            assert_eq!(triples(&again, kind), triples(&first, kind), "{name}");
        }
        assert_eq!(sorted_contacts(&again), sorted_contacts(&first), "{name}");
    }
}

#[test]
fn an_empty_submission_prints_as_a_ctap() {
    let s = Submission::new(Economy::Mex, None);
    let back = parse(&print(&s), &ParseOptions::new()).unwrap().submission;
    assert_eq!((back.economy, back.year), (s.economy, None));
    assert!(back.needs.is_empty() && back.offers.is_empty());
}
