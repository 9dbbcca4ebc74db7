//! CTAPs written in other templates and styles (`tests/data/ctap/variants/`): what
//! each must give, and what must not leak into needs and offers.

use std::fs;

use capmatch::ctap::{ParseOptions, Parsed, parse};
use capmatch::{DiagnosticKind, Economy, Error, Item, ItemKind, Party, Section, Submission};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/ctap/variants");

fn read(name: &str) -> String {
    fs::read_to_string(format!("{DIR}/{name}")).expect("variant is readable")
}

fn parse_variant(name: &str) -> Parsed {
    parse(&read(name), &ParseOptions::new().file(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The one item of `kind` in `section` whose text contains `needle` (case-insensitive).
fn find<'a>(s: &'a Submission, kind: ItemKind, section: &Section, needle: &str) -> &'a Item {
    let needle = needle.to_lowercase();
    let hits: Vec<&Item> = s
        .items(kind)
        .iter()
        .filter(|i| i.section.as_ref() == Some(section) && i.text.to_lowercase().contains(&needle))
        .collect();
    assert_eq!(
        hits.len(),
        1,
        "{kind} in {section} containing {needle:?}: {:#?}",
        s.items(kind).iter().map(|i| (i.section.clone(), &i.text)).collect::<Vec<_>>()
    );
    hits[0]
}

/// No item text carries template wording, contact details or markup.
fn nothing_leaks(s: &Submission) {
    for item in s.needs.iter().chain(&s.offers) {
        for bad in [
            "PLEASE BE AS SPECIFIC",
            "POSSIBLE REGARDING",
            "WHAT KIND OF EXPERTISE",
            "Contact Point",
            "Telephone",
            "@",
            "Formatted:",
            "~~",
            "<u>",
            "](#)",
            "Page ",
            "NIL",
            "\u{F0B7}",
            "Economies with particular expertise",
        ] {
            assert!(!item.text.contains(bad), "{} leaks {bad:?}: {}", item.id, item.text);
        }
        assert!(!item.text.trim().is_empty());
    }
}

fn count(p: &Parsed, kind: DiagnosticKind) -> usize {
    p.diagnostics.iter().filter(|d| d.kind == kind).count()
}

#[test]
fn cttf_era_2005_template_with_energy_and_health_sections() {
    let p = parse_variant("chl-2005-cttf.txt");
    let s = &p.submission;
    assert_eq!((s.economy.clone(), s.year), (Party::Economy(Economy::Chl), Some(2005)));
    let energy = Section::Other("D. Energy Security".into());
    let health = Section::Other("E. Health of Communities".into());
    // Short old-style questions, answers on the next line or after the colon.
    find(s, ItemKind::Need, &Section::A1, "non-intrusive inspection (x-ray) equipment");
    find(s, ItemKind::Need, &Section::A1, "WCO Framework of Standards");
    find(s, ItemKind::Need, &Section::A2, "port facility security assessments");
    find(s, ItemKind::Need, &Section::B, "suspicious transaction reports");
    find(s, ItemKind::Offer, &Section::A3, "instructors for AVSEC courses in Spanish");
    // Unknown sections are kept, with their needs and offers.
    find(s, ItemKind::Need, &energy, "protection of energy infrastructure");
    find(s, ItemKind::Offer, &energy, "emergency planning for the electricity grid");
    find(s, ItemKind::Need, &health, "detection of biological agents");
    assert_eq!((s.needs.len(), s.offers.len()), (6, 2));
    assert_eq!(count(&p, DiagnosticKind::UnknownSection), 2);
    let d = p.diagnostics.iter().find(|d| d.kind == DiagnosticKind::UnknownSection).unwrap();
    assert_eq!(d.message, "unknown section \"D. ENERGY SECURITY\" kept as section \"D. Energy Security\"");
    // The prose part 3 repeats three section items: each counts once.
    assert_eq!(count(&p, DiagnosticKind::Duplicate), 3);
    assert!(s.needs.iter().chain(&s.offers).all(|i| i.line > Some(40)), "no summary item survives");
    // Contacts: seven, the blank emergency contact dropped; one for the energy section.
    assert_eq!(s.contacts.len(), 7);
    assert_eq!(s.contacts[6].section, Some(energy));
    nothing_leaks(s);
}

#[test]
fn numbered_bullets_with_lettered_sub_items_and_labelled_part_three() {
    let p = parse_variant("phl-2012-numbered.txt");
    let s = &p.submission;
    assert_eq!((s.economy.to_string(), s.year), ("PHL".to_string(), Some(2012)));
    // (1) with a) and b) under it is one need.
    let risk = find(s, ItemKind::Need, &Section::A1, "targeting of high-risk containers");
    assert!(
        risk.text.contains("profiling of shipments") && risk.text.contains("Customs Enforcement Network")
    );
    assert_eq!(risk.line, Some(59));
    find(s, ItemKind::Need, &Section::A1, "National Single Window");
    // A follow-on wish under "activities in which your economy participated".
    let wish = find(s, ItemKind::Need, &Section::A1, "tabletop exercise on trade recovery");
    assert!(!wish.text.contains("briefed"), "only the wish: {}", wish.text);
    // 1) 2) with a ※ note kept with its item.
    find(s, ItemKind::Need, &Section::A2, "small-boat interdiction");
    let ttt = find(s, ItemKind::Need, &Section::A2, "train-the-trainer course");
    assert!(ttt.text.contains("held in Manila"));
    // a) b) at the top level are two needs; (i) (ii) too.
    find(s, ItemKind::Need, &Section::A3, "MANPADS vulnerability");
    find(s, ItemKind::Need, &Section::A3, "off-airport facilities");
    find(s, ItemKind::Need, &Section::C, "Digital forensics training");
    find(s, ItemKind::Need, &Section::C, "lacks the expertise");
    find(s, ItemKind::Offer, &Section::A2, "search and rescue");
    find(s, ItemKind::Offer, &Section::B, "freezing of terrorist assets");
    find(s, ItemKind::Offer, &Section::B, "study visits");
    assert_eq!((s.needs.len(), s.offers.len()), (9, 3));
    // "A.1 Protect Cargo: …" and "Secure Finance: …" labels in part 3: all repeats.
    assert_eq!(count(&p, DiagnosticKind::Duplicate), 3);
    assert_eq!(count(&p, DiagnosticKind::SkippedLine), 0, "{:#?}", p.diagnostics);
    // Achievements numbered (1) (2) in part 1 are not needs.
    assert!(!s.needs.iter().any(|n| n.text.contains("E2M")));
    nothing_leaks(s);
}

#[test]
fn word_table_with_question_and_answer_in_one_row() {
    let p = parse_variant("vn-2019-table.txt");
    let s = &p.submission;
    assert_eq!((s.economy.to_string(), s.year), ("VN".to_string(), Some(2019)));
    let ws = find(s, ItemKind::Need, &Section::A1, "AEO mutual recognition arrangements");
    assert_eq!(ws.line, Some(23));
    // The next line of the same cell is a second need, not a sub-item.
    find(s, ItemKind::Need, &Section::A1, "non-intrusive inspection equipment at land borders");
    find(s, ItemKind::Need, &Section::A1, "AEO validation practices");
    find(s, ItemKind::Need, &Section::A2, "ISPS Code, in Vietnamese");
    find(s, ItemKind::Need, &Section::A3, "Passenger Name Record (PNR)");
    find(s, ItemKind::Need, &Section::A5, "precursor chemicals");
    find(s, ItemKind::Need, &Section::B, "strategic analysis");
    find(s, ItemKind::Need, &Section::B, "non-profit organisations");
    find(s, ItemKind::Offer, &Section::C, "regional cyber security drill");
    assert_eq!((s.needs.len(), s.offers.len()), (8, 1));
    // "See the answers under each section below" in part 3 is not a need.
    assert!(!s.needs.iter().any(|n| n.text.contains("See the answers")));
    assert_eq!(s.contacts.len(), 4);
    assert_eq!(s.contacts[1].fax, None, "a blank field is no value");
    assert_eq!(s.contacts[1].email.as_deref(), Some("lantt@vinamarine.gov.vn"));
    nothing_leaks(s);
}

#[test]
fn no_executive_summary_paragraph_answers_and_misplaced_items() {
    let p = parse_variant("nz-2009-no-summary.txt");
    let s = &p.submission;
    assert_eq!((s.economy.to_string(), s.year), ("NZ".to_string(), Some(2009)));
    // Paragraphs, not bullets; struck text is deleted text.
    find(s, ItemKind::Need, &Section::A1, "validation of authorised economic operators");
    assert!(!s.needs.iter().chain(&s.offers).any(|i| i.text.contains("container scanning")));
    // An offer in the needs box, and a need in the offers box, moved.
    let moved = find(s, ItemKind::Offer, &Section::A1, "Trade Single Window business case");
    assert_eq!(moved.line, Some(44));
    find(s, ItemKind::Need, &Section::A2, "domestic ferries");
    assert_eq!(count(&p, DiagnosticKind::Reclassified), 2);
    // Unspecific, kept and flagged.
    let review = find(s, ItemKind::Need, &Section::A2, "review of the port security regime");
    assert!(review.unspecific);
    // A paragraph wrapped onto the next line is one offer.
    let avsec = find(s, ItemKind::Offer, &Section::A3, "screener certification training");
    assert!(avsec.text.ends_with("for on-the-job training at Auckland International Airport."));
    // The answer on the question's own line.
    find(s, ItemKind::Offer, &Section::B, "mentoring to the financial intelligence units");
    // The trailing block's offer, with the section read from its text.
    let trailing =
        s.offers.iter().find(|o| o.text.contains("Pacific Islands Forum")).expect("trailing offer");
    assert!(trailing.section.is_some());
    assert_eq!((s.needs.len(), s.offers.len()), (4, 6));
    // The follow-on wish, not the report of what happened.
    find(s, ItemKind::Need, &Section::A1, "sharing cargo data between customs administrations");
    assert!(!s.needs.iter().any(|n| n.text.contains("took part")));
    // The line between the contact and the commitments fits nowhere: reported once.
    let skipped: Vec<_> = p.diagnostics.iter().filter(|d| d.kind == DiagnosticKind::SkippedLine).collect();
    assert_eq!(skipped.len(), 1);
    assert_eq!(skipped[0].at.line, Some(15));
    // Contacts on one line each; the blank cyber contact dropped.
    assert_eq!(s.contacts.len(), 5);
    assert_eq!(s.contacts[4].section, None);
    assert_eq!(
        s.contacts[4].role.as_deref(),
        Some("Contact Point for Assistance and Expertise not included above")
    );
    nothing_leaks(s);
}

#[test]
fn economy_named_only_in_a_glued_header() {
    let p = parse_variant("tha-2018-glued-header.txt");
    let s = &p.submission;
    // The body names Japan, Malaysia and others, never the economy itself.
    assert!(!read("tha-2018-glued-header.txt").lines().skip(3).any(|l| l.contains("Thai")));
    assert_eq!((s.economy.clone(), s.year), (Party::Economy(Economy::Tha), Some(2018)));
    assert_eq!(count(&p, DiagnosticKind::GuessedEconomy), 0, "the header states it");
    find(s, ItemKind::Need, &Section::A1, "dangerous goods in transit");
    find(s, ItemKind::Need, &Section::A4, "fraudulent travel documents");
    find(s, ItemKind::Need, &Section::B, "cash couriers");
    find(s, ItemKind::Offer, &Section::A4, "Advance Passenger Processing");
    // Part 3 under Strategy area names repeats the sections: all four count once.
    assert_eq!(count(&p, DiagnosticKind::Duplicate), 4);
    assert_eq!((s.needs.len(), s.offers.len()), (3, 3));
    // Offers in the trailing block; the template sentence and blank contact are not.
    let range = s.offers.iter().find(|o| o.text.contains("cyber range exercise")).expect("trailing offer");
    assert_eq!(range.section, Some(Section::C));
    assert_eq!(s.contacts.len(), 3);
    nothing_leaks(s);
}

#[test]
fn pdf_paste_with_footers_hyphenation_and_wingdings() {
    let p = parse_variant("pe-2016-pdf.txt");
    let s = &p.submission;
    // No ECONOMY or CALENDAR YEAR field: both from the title, said so.
    assert_eq!((s.economy.to_string(), s.year), ("PE".to_string(), Some(2016)));
    assert!(
        p.diagnostics.iter().any(|d| d.kind == DiagnosticKind::GuessedEconomy && d.message.contains("title"))
    );
    assert!(
        p.diagnostics.iter().any(|d| d.kind == DiagnosticKind::GuessedYear && d.message.contains("title"))
    );
    // Wingdings bullets, wrapped lines joined, "explo-/sives" mended, the `o` sub-bullet kept.
    let xray = find(s, ItemKind::Need, &Section::A1, "interpretation of x-ray images of containers");
    assert!(xray.text.contains("drugs and explosives concealed"), "{}", xray.text);
    assert!(xray.text.ends_with("replicate the course in the regional customs offices."), "{}", xray.text);
    let sharing = find(s, ItemKind::Need, &Section::A1, "risk-based selection of export cargo");
    assert!(
        sharing.text.ends_with("for inspection."),
        "a footer must not eat the last line: {}",
        sharing.text
    );
    find(s, ItemKind::Offer, &Section::A1, "Authorized Economic Operator programme");
    // The question split by a page break still opens the needs box.
    find(s, ItemKind::Need, &Section::A4, "advance passenger information at Jorge Chavez");
    let uif = find(s, ItemKind::Need, &Section::B, "illegal mining");
    assert!(uif.text.ends_with("would be helpful."));
    find(s, ItemKind::Offer, &Section::B, "supervision of non-profit");
    assert_eq!((s.needs.len(), s.offers.len()), (4, 2));
    // The contact's title and e-mail wrapped onto the next lines.
    let c = &s.contacts[0];
    assert_eq!(c.title.as_deref(), Some("Intendant, National Customs Intendancy, SUNAT"));
    assert_eq!(c.email.as_deref(), Some("lquispe@sunat.gob.pe"));
    assert!(
        p.diagnostics.iter().any(|d| d.kind == DiagnosticKind::Repaired && d.message.contains("hyphenated"))
    );
    assert!(
        p.diagnostics.iter().any(|d| d.kind == DiagnosticKind::Repaired && d.message.contains("footers"))
    );
    assert_eq!(count(&p, DiagnosticKind::SkippedLine), 0, "{:#?}", p.diagnostics);
    nothing_leaks(s);
}

#[test]
fn anti_corruption_template_is_rejected() {
    let text = read("pe-2016-act-anticorruption.txt");
    let err = parse(&text, &ParseOptions::new().file("act.txt")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "act.txt:3: not a counter-terrorism action plan: the title names another plan: \
         \"2016 APEC ANTI-CORRUPTION AND TRANSPARENCY REPORTING TEMPLATE\""
    );
    // Without its titles, the shared layout (A.1, A.2, the questions) is still not CT evidence.
    let untitled = text.lines().skip(4).collect::<Vec<_>>().join("\n");
    match parse(&untitled, &ParseOptions::new()) {
        Err(Error::NotCtap { reason, .. }) => {
            assert_eq!(
                reason,
                "no counter-terrorism action plan title, objective or template sections found"
            );
        }
        other => panic!("expected NotCtap, got {other:?}"),
    }
    // Even an economy given on the command line does not make it a CTAP.
    assert!(matches!(parse(&text, &ParseOptions::new().economy(Economy::Pe)), Err(Error::NotCtap { .. })));
}

#[test]
fn an_essay_is_rejected_and_empty_input_is_an_error() {
    let essay = "Counter-terrorism cooperation in the Asia-Pacific\n\n\
        Since 2001, APEC economies have worked together to secure trade. Terrorist financing, \
        aviation security and cyber security are among the areas where cooperation has grown.\n\n\
        This essay argues that capacity building needs are best met regionally.\n";
    assert!(matches!(parse(essay, &ParseOptions::new()), Err(Error::NotCtap { .. })));
    assert!(matches!(parse(" \n\t\n", &ParseOptions::new()), Err(Error::Empty { .. })));
}

#[test]
fn every_variant_parses_the_same_from_bytes() {
    for name in ["chl-2005-cttf.txt", "phl-2012-numbered.txt", "vn-2019-table.txt", "pe-2016-pdf.txt"] {
        let bytes = fs::read(format!("{DIR}/{name}")).unwrap();
        let a = capmatch::ctap::parse_bytes(&bytes, &ParseOptions::new().file(name)).unwrap();
        assert_eq!(a.submission, parse_variant(name).submission, "{name}");
    }
}

#[test]
fn counter_terrorism_documents_that_are_not_action_plans_are_rejected() {
    // The Strategy and the work plans speak of counter-terrorism throughout, but have
    // neither a CTAP title nor the template's sections and questions.
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/strategy");
    for name in ["ct-secure-trade-strategy.txt", "cttf-medium-term-workplan.txt", "ctwg-workplan-2017.txt"] {
        let text = fs::read_to_string(format!("{dir}/{name}")).unwrap();
        let err = parse(&text, &ParseOptions::new().file(name)).unwrap_err();
        assert!(matches!(err, Error::NotCtap { .. }), "{name}: {err}");
    }
}
