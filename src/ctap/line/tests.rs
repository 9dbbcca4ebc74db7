use super::*;
use crate::ctap::markup::clean_line;

fn kind(raw: &str) -> Kind {
    Line::new(1, clean_line(raw)).kind
}

#[test]
fn headings_with_text_on_the_same_line() {
    let l = Line::new(1, clean_line("A.1 Protect Cargo: Training on risk management would be useful."));
    assert_eq!(l.kind, Kind::Heading(Heading::Section(Section::A1)));
    assert_eq!(&l.text[l.inline.unwrap()..], "Training on risk management would be useful.");
    let l = Line::new(1, clean_line("Secure Finance: AMLC could share its experience."));
    assert_eq!(l.kind, Kind::Heading(Heading::Area(Area::Finance)));
    let l = Line::new(1, clean_line("Note: Protect Cargo is a section"));
    assert_eq!((l.kind, l.inline), (Kind::Text, None));
}

#[test]
fn structural_lines() {
    assert_eq!(kind(""), Kind::Blank);
    assert_eq!(kind("\t"), Kind::Blank);
    assert_eq!(kind("Formatted: Font color: Black"), Kind::Residue);
    assert_eq!(kind("\tNIL"), Kind::Empty);
    assert_eq!(kind("--"), Kind::Empty);
    assert_eq!(kind("-"), Kind::Empty);
    assert_eq!(kind("EXECUTIVE SUMMARY"), Kind::ExecutiveSummary);
    assert_eq!(kind("  EXECUTIVE SUMMARY    "), Kind::ExecutiveSummary);
    assert_eq!(
        kind(
            "\t1. Summary of main achievements/progress in implementing Leaders' commitments since last update."
        ),
        Kind::SummaryPart(1)
    );
    assert_eq!(kind("2. Summary of forward work program to implement commitments."), Kind::SummaryPart(2));
    assert_eq!(
        kind("3. Summary of capacity building needs and opportunities that would accelerate/strengthen"),
        Kind::SummaryPart(3)
    );
    assert_eq!(
        kind("\tLEADERS\u{2019} AND MINISTERS\u{2019} COMMITMENTS"),
        Kind::Template(Template::Commitments)
    );
    assert_eq!(
        kind("\tMEASURES UNDERTAKEN SINCE LAST UPDATE TO IMPLEMENT COMMITMENTS"),
        Kind::Template(Template::Measures)
    );
    assert_eq!(
        kind("FURTHER MEASURES PLANNED TO IMPLEMENT COMMITMENTS (indicate timeframe)"),
        Kind::Template(Template::Further)
    );
    assert_eq!(kind("POSSIBLE ASSISTANCE AND EXPERTISE TO OFFER"), Kind::OfferBlock);
    assert_eq!(
        kind("Economies with particular expertise and resources to offer could indicate this here."),
        Kind::Boilerplate
    );
    assert!(matches!(kind("Objective: to assist the CTTF"), Kind::Objective { ct: true }));
    assert!(matches!(kind("Objective: anti-corruption commitments"), Kind::Objective { ct: false }));
    assert!(matches!(kind("Contact Point: Name: X Title: Y"), Kind::Contact(_)));
    assert!(matches!(
        kind("[WHAT SPECIFIC CAPACITY BUILDING NEEDS DOES YOUR ECONOMY HAVE](#)"),
        Kind::Prompt(_)
    ));
    assert_eq!(kind("Korea will continue to hold workshops."), Kind::Text);
    assert_eq!(kind("· Implement the APEC Framework for Secure Trade (2005)."), Kind::Text);
}

#[test]
fn page_noise() {
    for s in [
        "12",
        "Page 3 of 10",
        "- 3 -",
        "3 | P a g e",
        "APEC CTAP 2016 \u{2013} Chile    Page 3",
        "4/12",
        "Page 7",
    ] {
        assert_eq!(kind(s), Kind::Noise, "{s}");
    }
    for s in ["2014", "1234", "See page 3 of the report for details on the workshops held", "2 0 1 5"] {
        assert_ne!(kind(s), Kind::Noise, "{s}");
    }
}

#[test]
fn headings() {
    let s = |s: Section| Kind::Heading(Heading::Section(s));
    assert_eq!(kind("A.1  Protect Cargo:"), s(Section::A1));
    assert_eq!(kind("A1. Protect Cargo"), s(Section::A1));
    assert_eq!(kind("A.2 Protect Ships Engaged in International Voyages:"), s(Section::A2));
    assert_eq!(kind("B.  HALTING TERRORIST FINANCING:"), s(Section::B));
    assert_eq!(kind("C. PROMOTING CYBER SECURITY"), s(Section::C));
    assert_eq!(kind("Protect Port Facilities and Ships Engaged in International Voyages"), s(Section::A2));
    assert_eq!(kind("Combat Threats to Security"), s(Section::A5));
    assert_eq!(kind("1. Protect Cargo"), s(Section::A1));
    assert_eq!(
        kind("A. ENHANCING THE SECURE FLOW OF TRADE AND PEOPLE IN THE APEC REGION"),
        Kind::Heading(Heading::GroupA)
    );
    assert_eq!(kind("Secure Finance"), Kind::Heading(Heading::Area(Area::Finance)));
    assert_eq!(kind("D. ENERGY SECURITY"), s(Section::Other("D. Energy Security".into())));
    assert_eq!(kind("E. Health of Communities:"), s(Section::Other("E. Health of Communities".into())));
    assert_eq!(kind("A.6 PROTECT FOOD SUPPLIES"), s(Section::Other("A.6 Protect Food Supplies".into())));
    for t in [
        "A. Training courses would be useful",
        "Implement the APEC Framework for Secure Trade",
        "Cyber Security",
        "B. 2014 budget",
        "Hong Kong Customs will:",
    ] {
        assert_eq!(kind(t), Kind::Text, "{t}");
    }
    // A piece of a question, not section "E. G.".
    assert!(matches!(kind("E.G., SEMINARS, WORKSHOPS, INFORMATION SHARING"), Kind::Prompt(_)));
}

#[test]
fn header_fields_glued_and_in_rows() {
    let h = header_fields("ECONOMY: ThailandCALENDAR YEAR: 2018LAST UPDATED: March 2018").unwrap();
    assert_eq!(h.economy.as_deref(), Some("Thailand"));
    assert_eq!(h.year.as_deref(), Some("2018"));
    assert_eq!(h.updated.as_deref(), Some("March 2018"));
    let h = header_fields("ECONOMY: Viet Nam CALENDAR YEAR: 2019").unwrap();
    assert_eq!((h.economy.as_deref(), h.year.as_deref()), (Some("Viet Nam"), Some("2019")));
    let h = header_fields("CALENDAR YEAR: ____").unwrap();
    assert_eq!(h.year, None);
    assert!(header_fields("The economy: a note").is_none());
}

#[test]
fn title_case_keeps_acronyms() {
    assert_eq!(title_case("HEALTH OF COMMUNITIES"), "Health of Communities");
    assert_eq!(title_case("APEC COUNTER-TERRORISM"), "APEC Counter-Terrorism");
    assert_eq!(title_case("Energy Security"), "Energy Security");
}
