use super::*;
use crate::{Economy, Section};

const HEAD: &str = "APEC COUNTER-TERRORISM ACTION PLAN\nECONOMY: Mexico\nCALENDAR YEAR: 2017\n";
const NEEDS: &str = "WHAT SPECIFIC CAPACITY BUILDING NEEDS DOES YOUR ECONOMY HAVE THAT HINDER YOUR ABILITY TO \
                         IMPLEMENT COMMITMENTS?";

fn doc(body: &str) -> String {
    format!("{HEAD}\nA.3 Protect International Aviation:\n\n{body}\n")
}

#[test]
fn year_override_is_validated() {
    let err = parse(&doc(NEEDS), &ParseOptions::new().year(3000)).unwrap_err();
    assert_eq!(err.to_string(), "invalid configuration: year: must be between 1989 and 2100, got 3000");
}

#[test]
fn binary_input_names_the_line() {
    let err = parse("APEC CTAP\nline two\0", &ParseOptions::new().file("f")).unwrap_err();
    assert_eq!(err.to_string(), "f:2: binary data, not text");
    let err = parse_bytes(b"%PDF-1.4\n...", &ParseOptions::new()).unwrap_err();
    assert!(matches!(err, Error::Binary { .. }));
    let err = parse("\x01\x02\x03\x04 a", &ParseOptions::new()).unwrap_err();
    assert!(matches!(err, Error::Binary { .. }));
}

#[test]
fn utf16_and_old_mac_line_ends() {
    let text = doc(&format!("{NEEDS}\n- Training on air cargo screening would be useful."));
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let p = parse_bytes(&bytes, &ParseOptions::new()).unwrap();
    assert_eq!(p.submission.needs.len(), 1);
    assert_eq!(p.submission.economy, Party::Economy(Economy::Mex));
    let mac = text.replace('\n', "\r");
    let p = parse(&mac, &ParseOptions::new()).unwrap();
    assert_eq!(p.submission.needs[0].line, Some(8));
}

#[test]
fn skipped_lines_are_reported_once_per_block() {
    let p = parse(
        &doc(&format!(
            "Some note from the drafter.\nAnother note.\n\nA third.\n\n{NEEDS}\n- Drills would be useful."
        )),
        &ParseOptions::new(),
    )
    .unwrap();
    let skipped: Vec<_> = p.diagnostics.iter().filter(|d| d.kind == DiagnosticKind::SkippedLine).collect();
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert_eq!(skipped[0].at.line, Some(7));
    assert!(skipped[0].message.starts_with("skipped 3 lines (to line 10)"), "{}", skipped[0].message);
}

#[test]
fn wrapped_boilerplate_is_not_an_offer() {
    let p = parse(
        &doc(&format!(
            "{NEEDS}\nNIL\n\nPOSSIBLE ASSISTANCE AND EXPERTISE TO OFFER\n\
                 Economies with particular expertise and resources to offer could indicate\n\
                 this here and/or refer members to relevant websites.\n\
                 - Mexico could host a regional workshop on air cargo security."
        )),
        &ParseOptions::new(),
    )
    .unwrap();
    let offers: Vec<_> = p.submission.offers.iter().map(|o| o.text.as_str()).collect();
    assert_eq!(offers, ["Mexico could host a regional workshop on air cargo security."]);
}

#[test]
fn table_row_whose_question_cell_wraps() {
    let p = parse(
            &doc(
                "WHAT SPECIFIC CAPACITY BUILDING NEEDS DOES YOUR\tTraining on passenger\n\
                 ECONOMY HAVE THAT HINDER YOUR ABILITY TO IMPLEMENT COMMITMENTS?\tscreening would be useful.",
            ),
            &ParseOptions::new(),
        )
        .unwrap();
    let needs: Vec<_> = p.submission.needs.iter().map(|o| o.text.as_str()).collect();
    assert_eq!(needs, ["Training on passenger screening would be useful."]);
}

#[test]
fn a_body_heading_followed_by_prose_keeps_its_section() {
    let text = format!(
        "{HEAD}\nEXECUTIVE SUMMARY\n3. Summary of capacity building needs and opportunities.\n\
             - Workshops on port security would be useful.\n\n\
             B. HALTING TERRORIST FINANCING:\nThis section was prepared by the FIU.\n\
             Contact Point: Name: Ana Diaz Title: Analyst Email Address: ad@uif.mx\n{NEEDS}\n\
             - Training on the analysis of suspicious transaction reports would be useful."
    );
    let p = parse(&text, &ParseOptions::new()).unwrap();
    let s = &p.submission;
    assert_eq!(s.contacts[0].section, Some(Section::B));
    let fiu = s.needs.iter().find(|n| n.text.contains("suspicious")).unwrap();
    assert_eq!(fiu.section, Some(Section::B));
}

#[test]
fn contact_in_a_table_row_after_the_heading() {
    let p = parse(
            &format!("{HEAD}\nA.3 Protect International Aviation:\tContact Point: Name: Luis Vega Title: AVSEC\n{NEEDS}\nNIL"),
            &ParseOptions::new(),
        )
        .unwrap();
    assert_eq!(p.submission.contacts.len(), 1);
    assert_eq!(p.submission.contacts[0].section, Some(Section::A3));
    assert!(!p.diagnostics.iter().any(|d| d.kind == DiagnosticKind::SkippedLine));
}
