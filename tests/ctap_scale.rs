//! The parser stays linear: many sections, one huge line, and (ignored by default, run
//! in release mode) a 200 MB document.
//!
//! ```text
//! cargo test --release --test ctap_scale -- --ignored --nocapture
//! ```

use std::time::Instant;

use capmatch::ctap::{ParseOptions, parse};

const HEAD: &str = "2014 APEC COUNTER-TERRORISM ACTION PLAN\n\nECONOMY: Republic of Korea\n\nCALENDAR YEAR: 2014\n\n\
    Objective: Where appropriate, to self-assess progress against APEC Leaders' and Ministers' counter-terrorism \
    commitments, and to identify capacity building needs to assist the CTWG to identify priority areas for future \
    cooperation.\n\nEXECUTIVE SUMMARY\n\n3. Summary of capacity building needs and opportunities that would \
    accelerate/strengthen the implementation of commitments.\n\n- Korea would be able to deploy trainers on cyber \
    crime investigation.\n\n";

/// One body section in the 2014 layout.
fn section(i: usize) -> String {
    let label = [
        "A.1 Protect Cargo:",
        "B. HALTING TERRORIST FINANCING:",
        "C. PROMOTING CYBER SECURITY:",
        "D. ENERGY SECURITY",
    ][i % 4];
    format!(
        "{label}\n\nContact Point: Name: Kim, Taeyeon Title: Deputy Director\nTelephone Number: +82-42-481-7967 \
         Fax Number: +82-42-481-7969 Email Address: kcstcd@customs.go.kr\n\nLEADERS' AND MINISTERS' COMMITMENTS\n\n\
         - Implement the APEC Framework for Secure Trade (2005).\n\nWHAT SPECIFIC CAPACITY BUILDING NEEDS DOES YOUR \
         ECONOMY HAVE THAT HINDER YOUR ABILITY TO IMPLEMENT COMMITMENTS, AND WHAT CAPACITY BUILDING OPPORTUNITIES \
         COULD BE PROVIDED THROUGH APEC TO ADDRESS THESE NEEDS? PLEASE BE AS SPECIFIC AS POSSIBLE REGARDING THE TYPES \
         OF CAPACITY BUILDING ACTIVITIES THAT WOULD BENEFIT YOUR ECONOMY (E.G., SEMINARS, WORKSHOPS, INFORMATION \
         SHARING, BEST PRACTICES, SPECIALIZED TRAINING, ETC.)\n\n- Workshops on risk management number {i} would be \
         useful.\n - sub-item for officers of the region\n\nWHAT KIND OF EXPERTISE AND/OR ASSISTANCE COULD YOUR \
         ECONOMY PROVIDE TO OTHER APEC MEMBERS?\n\n- Korea would be able to deploy trainers on cyber crime \
         investigation.\n\n"
    )
}

fn document(sections: usize) -> String {
    let mut s = String::from(HEAD);
    for i in 0..sections {
        s.push_str(&section(i));
    }
    s
}

#[test]
fn many_sections() {
    let n = 5_000;
    let doc = document(n);
    let p = parse(&doc, &ParseOptions::new()).unwrap();
    assert_eq!(p.submission.needs.len(), n);
    assert_eq!(p.submission.offers.len(), n);
    assert_eq!(p.submission.contacts.len(), n);
    // The summary offer repeats every section's offer: dropped once, not compared with all.
    assert_eq!(p.diagnostics.iter().filter(|d| d.kind == capmatch::DiagnosticKind::Duplicate).count(), 1);
}

#[test]
fn one_huge_line() {
    // 4 MB on one line inside a needs box, and a 4 MB line of markup and colons.
    let mut doc = document(1);
    let sentence = "Training on risk management would be useful for the officers. ";
    doc.push_str("WHAT SPECIFIC CAPACITY BUILDING NEEDS DOES YOUR ECONOMY HAVE?\n");
    doc.push_str(&sentence.repeat(4_000_000 / sentence.len()));
    doc.push('\n');
    doc.push_str(&"~~x~~ [a](#) <u>b</u> Name: Title: ** \\$ ".repeat(100_000));
    doc.push('\n');
    let p = parse(&doc, &ParseOptions::new()).unwrap();
    assert!(p.submission.needs.iter().any(|n| n.text.len() > 3_000_000));
}

#[test]
#[ignore = "200 MB; run in release mode with --ignored"]
fn two_hundred_megabytes() {
    let one = section(0).len();
    let n = 200_000_000 / one;
    let t = Instant::now();
    let doc = document(n);
    let built = t.elapsed();
    let t = Instant::now();
    let p = parse(&doc, &ParseOptions::new()).unwrap();
    let took = t.elapsed();
    println!(
        "{} MB, {n} sections, {} lines: built in {built:.2?}, parsed in {took:.2?} ({:.1} MB/s); {} needs, {} offers, {} contacts, {} diagnostics",
        doc.len() / 1_000_000,
        doc.lines().count(),
        doc.len() as f64 / 1e6 / took.as_secs_f64(),
        p.submission.needs.len(),
        p.submission.offers.len(),
        p.submission.contacts.len(),
        p.diagnostics.len(),
    );
    assert_eq!(p.submission.needs.len(), n);

    // 100,000 sections, and a single 10 MB line.
    let doc = document(100_000);
    let t = Instant::now();
    let p = parse(&doc, &ParseOptions::new()).unwrap();
    println!("100,000 sections ({} MB): {:.2?}", doc.len() / 1_000_000, t.elapsed());
    assert_eq!(p.submission.offers.len(), 100_000);
    let mut doc = document(1);
    doc.push_str("WHAT SPECIFIC CAPACITY BUILDING NEEDS DOES YOUR ECONOMY HAVE?\n");
    doc.push_str(&"Training on risk management would be useful. ".repeat(10_000_000 / 46));
    let t = Instant::now();
    parse(&doc, &ParseOptions::new()).unwrap();
    println!("one 10 MB line: {:.2?}", t.elapsed());
}
