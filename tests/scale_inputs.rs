//! Big inputs through the library: time stays proportional to the input and memory
//! bounded by it, for CTAP text (many sections, one huge line, many megabytes) and
//! corpus JSON (100,000 needs).
//!
//! The default tests are sized to run in seconds in a debug build and check growth
//! by ratios (a quadratic step would multiply time by 16 where linear gives 4). The
//! big sizes are ignored by default; run them in release mode:
//!
//! ```text
//! cargo test --release --test scale_inputs -- --ignored --nocapture
//! ```

use std::fmt::Write as _;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use capmatch::ctap::{ParseOptions, parse, parse_bytes};
use capmatch::{Corpus, MatchConfig, match_corpus};

const HEAD: &str = "APEC COUNTER-TERRORISM ACTION PLAN\n\nECONOMY: Chile\n\nCALENDAR YEAR: 2017\n\n\
    EXECUTIVE SUMMARY\n\n3. Summary of capacity building needs and opportunities that would \
    accelerate/strengthen the implementation of commitments.\n\n\
    - Chile would be able to share its experience with the Single Window.\n\n";

const LABELS: [&str; 8] = [
    "A.1 Protect Cargo:",
    "A.2 Protect Port Facilities and Ships Engaged in International Voyages:",
    "A.3 Protect International Aviation:",
    "A.4 Protect People in Transit:",
    "A.5 Combat Threats to Security:",
    "B. HALTING TERRORIST FINANCING:",
    "C. PROMOTING CYBER SECURITY:",
    "D. ENERGY SECURITY",
];
const TOPICS: [&str; 8] = [
    "container risk management",
    "port facility security assessments",
    "explosives trace detection at airports",
    "API/PNR passenger screening",
    "the security of radioactive sources",
    "supervision of remittance providers",
    "cyber incident response",
    "protection of the electricity grid",
];

/// Body section `i`: heading, contact, commitments, a need and an offer whose words
/// vary with `i`, so that no index degenerates to one posting list.
fn section(out: &mut String, i: usize) {
    let (label, topic) = (LABELS[i % 8], TOPICS[(i / 8) % 8]);
    write!(
        out,
        "{label}\n\nContact Point: Name: Ana Ruiz Title: Analyst\nTelephone Number: +56 2 {i} Email Address: \
         ana{i}@uaf.cl\n\nLEADERS' AND MINISTERS' COMMITMENTS\n\n- Implement the APEC Framework for Secure \
         Trade (2005).\n\nWHAT SPECIFIC CAPACITY BUILDING NEEDS DOES YOUR ECONOMY HAVE THAT HINDER YOUR \
         ABILITY TO IMPLEMENT COMMITMENTS?\n\n- Workshops on {topic} for the officers of unit {i} would be \
         useful.\n\nWHAT KIND OF EXPERTISE AND/OR ASSISTANCE COULD YOUR ECONOMY PROVIDE TO OTHER APEC \
         MEMBERS?\n\n- Chile could provide trainers on {topic} (programme {i}).\n\n"
    )
    .unwrap();
}

/// A CTAP of at least `bytes` bytes; returns it and its number of sections.
fn ctap_of_size(bytes: usize) -> (String, usize) {
    let mut doc = String::with_capacity(bytes + 1_000);
    doc.push_str(HEAD);
    let mut n = 0;
    while doc.len() < bytes {
        section(&mut doc, n);
        n += 1;
    }
    (doc, n)
}

fn ctap_of_sections(n: usize) -> String {
    let mut doc = String::from(HEAD);
    for i in 0..n {
        section(&mut doc, i);
    }
    doc
}

/// Parses and checks that every section's need and offer came through.
fn parse_all(doc: &str, sections: usize) -> Duration {
    let t = Instant::now();
    let p = parse(doc, &ParseOptions::new()).expect("parses");
    let took = t.elapsed();
    assert_eq!(p.submission.needs.len(), sections, "every need is kept");
    // One offer per section, and the summary offer.
    assert_eq!(p.submission.offers.len(), sections + 1, "every offer is kept");
    took
}

/// Timed runs take turns, so that tests of this file running in parallel do not
/// skew each other's ratios.
static TIMING: Mutex<()> = Mutex::new(());

/// The best of three runs, to damp scheduling noise on a shared machine.
fn best_of_3(mut f: impl FnMut() -> Duration) -> Duration {
    let _turn = TIMING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    (0..3).map(|_| f()).min().unwrap_or_default()
}

/// Asserts that 4× the input takes less than `limit`× the time.
#[track_caller]
fn assert_linear(what: &str, small: Duration, big: Duration, limit: f64) {
    let ratio = big.as_secs_f64() / small.as_secs_f64().max(1e-6);
    println!("{what}: {small:.2?} → {big:.2?} for 4× the input (×{ratio:.1})");
    assert!(ratio < limit, "{what}: 4× the input took ×{ratio:.1} the time ({small:?} → {big:?})");
}

#[test]
fn ctap_time_is_proportional_to_size() {
    // 0.5 MB and 2 MB in debug builds; linear gives ×4, quadratic ×16.
    let (small, n_small) = ctap_of_size(500_000);
    let (big, n_big) = ctap_of_size(2_000_000);
    let t_small = best_of_3(|| parse_all(&small, n_small));
    let t_big = best_of_3(|| parse_all(&big, n_big));
    assert_linear("CTAP 0.5 MB → 2 MB", t_small, t_big, 8.0);
}

#[test]
#[ignore = "20 MB and 5 MB; run in release mode with --ignored"]
fn ctap_twenty_megabytes() {
    let (small, n_small) = ctap_of_size(5_000_000);
    let (big, n_big) = ctap_of_size(20_000_000);
    let t_small = best_of_3(|| parse_all(&small, n_small));
    let t_big = best_of_3(|| parse_all(&big, n_big));
    println!("20 MB: {n_big} sections, {:.1} MB/s", big.len() as f64 / 1e6 / t_big.as_secs_f64());
    assert_linear("CTAP 5 MB → 20 MB", t_small, t_big, 6.0);
}

#[test]
#[ignore = "200 MB; run in release mode with --ignored"]
fn ctap_two_hundred_megabytes() {
    let (doc, n) = ctap_of_size(200_000_000);
    let took = parse_all(&doc, n);
    println!(
        "200 MB ({n} sections): parsed in {took:.2?} ({:.1} MB/s)",
        doc.len() as f64 / 1e6 / took.as_secs_f64()
    );
}

#[test]
fn many_sections_stay_linear() {
    // 1,000 and 4,000 sections (in debug).
    let small = ctap_of_sections(1_000);
    let big = ctap_of_sections(4_000);
    let t_small = best_of_3(|| parse_all(&small, 1_000));
    let t_big = best_of_3(|| parse_all(&big, 4_000));
    assert_linear("1,000 → 4,000 sections", t_small, t_big, 8.0);
}

#[test]
#[ignore = "100,000 sections; run in release mode with --ignored"]
fn a_hundred_thousand_sections() {
    let doc = ctap_of_sections(100_000);
    let took = parse_all(&doc, 100_000);
    println!("100,000 sections ({} MB): {took:.2?}", doc.len() / 1_000_000);
}

/// A CTAP whose needs box holds one line of `bytes` bytes.
fn one_line_of(bytes: usize) -> String {
    let mut doc = ctap_of_sections(1);
    doc.push_str("A.1 Protect Cargo:\nWHAT SPECIFIC CAPACITY BUILDING NEEDS DOES YOUR ECONOMY HAVE?\n- ");
    let sentence = "Training on container risk management would be useful for the officers. ";
    doc.push_str(&sentence.repeat(bytes / sentence.len()));
    doc.push('\n');
    doc
}

#[test]
fn one_long_line_stays_linear() {
    let small = one_line_of(300_000);
    let big = one_line_of(1_200_000);
    let time = |doc: &str| {
        let t = Instant::now();
        let p = parse(doc, &ParseOptions::new()).unwrap();
        let took = t.elapsed();
        assert!(p.submission.needs.iter().any(|n| n.text.len() > doc.len() / 2), "the long line is one need");
        took
    };
    let (t_small, t_big) = (best_of_3(|| time(&small)), best_of_3(|| time(&big)));
    assert_linear("one line 0.3 MB → 1.2 MB", t_small, t_big, 8.0);
}

/// Markup openers without closers and other repeated pieces on one line, and runs
/// of lines of one kind: no pass may rescan the rest of the input for every piece.
const PATHOLOGICAL: &[&str] = &[
    "[",
    "[a](",
    "<",
    "<s>",
    "<u",
    "~~",
    "*",
    "**",
    "&",
    "&amp",
    "\\$",
    "\t",
    "(1) ",
    "- ",
    "• ",
    "Name: ",
    "\u{F0D8} ",
    "e\u{301} ",
    "\u{200B}",
    "http://",
    "WHAT ",
    "NIL ",
    // Runs of lines.
    "a-\n",
    "a\n",
    "a\n\n",
    "- a\n",
    "  o a\n",
    "1) a\n",
    "NIL\n",
    "Name: x\n",
    "Page 1 of 2\n",
    "\u{c}\n",
    "Formatted: Font: Bold\n",
    "~~x~~\n",
    "A.1 Protect Cargo:\n",
    "WHAT SPECIFIC CAPACITY BUILDING NEEDS DOES YOUR ECONOMY HAVE?\n",
];

/// Parses every pathological piece repeated to `small` and 4× `small` bytes and
/// checks the growth; returns the worst.
fn pathological(small: usize) -> (String, f64) {
    let doc = |piece: &str, bytes: usize| {
        let mut doc = ctap_of_sections(1);
        doc.push_str(
            "A.1 Protect Cargo:\nWHAT SPECIFIC CAPACITY BUILDING NEEDS DOES YOUR ECONOMY HAVE?\n- Training ",
        );
        doc.push_str(&piece.repeat(bytes / piece.len()));
        doc.push('\n');
        doc
    };
    let mut worst = (String::new(), 0.0);
    for piece in PATHOLOGICAL {
        let (a, b) = (doc(piece, small), doc(piece, 4 * small));
        let time = |d: &str| {
            let t = Instant::now();
            let _ = parse(d, &ParseOptions::new());
            t.elapsed()
        };
        let (t_small, t_big) = (best_of_3(|| time(&a)), best_of_3(|| time(&b)));
        let ratio = t_big.as_secs_f64() / t_small.as_secs_f64().max(1e-6);
        if ratio > worst.1 {
            worst = (format!("{piece:?}: {t_small:.2?} → {t_big:.2?}"), ratio);
        }
        // Times of a few milliseconds are noisy; a quadratic pass is far above either bound.
        let limit = if t_small.as_millis() < 20 { 10.0 } else { 8.0 };
        assert!(ratio < limit, "{piece:?} repeated: 4× the input took ×{ratio:.1} ({t_small:?} → {t_big:?})");
    }
    worst
}

#[test]
fn pathological_lines_stay_linear() {
    let (what, ratio) = pathological(25_000);
    println!("pathological pieces, 25 KB → 100 KB: worst growth ×{ratio:.1} ({what})");
}

#[test]
#[ignore = "2.5 MB → 10 MB of each piece; run in release mode with --ignored"]
fn pathological_lines_at_ten_megabytes() {
    let (what, ratio) = pathological(2_500_000);
    println!("pathological pieces, 2.5 MB → 10 MB: worst growth ×{ratio:.1} ({what})");
}

#[test]
#[ignore = "10 MB on one line; run in release mode with --ignored"]
fn a_ten_megabyte_line() {
    let doc = one_line_of(10_000_000);
    let t = Instant::now();
    let p = parse_bytes(doc.as_bytes(), &ParseOptions::new()).unwrap();
    println!("one 10 MB line: {:.2?}", t.elapsed());
    assert!(p.submission.needs.iter().any(|n| n.text.len() > 9_000_000));
}

/// Corpus JSON with `n` needs over 20 economies, and `n / 10` offers.
fn corpus_json(n: usize) -> Vec<u8> {
    const ECONOMIES: [&str; 20] = [
        "AUS", "BD", "CDA", "CHL", "PRC", "HKC", "INA", "JPN", "ROK", "MAS", "MEX", "NZ", "PNG", "PE", "PHL",
        "RUS", "SGP", "CT", "THA", "USA",
    ];
    let mut s = String::from("{\"submissions\":[");
    for (k, economy) in ECONOMIES.iter().enumerate() {
        if k > 0 {
            s.push(',');
        }
        write!(s, "\n{{\"economy\":\"{economy}\",\"year\":2020,\"needs\":[").unwrap();
        for i in (k..n).step_by(ECONOMIES.len()) {
            if i > k {
                s.push(',');
            }
            let topic = TOPICS[i % 8];
            write!(s, "\n{{\"text\":\"Workshops on {topic} for unit {i} would be useful\"}}").unwrap();
        }
        s.push_str("],\"offers\":[");
        for i in (k..n / 10).step_by(ECONOMIES.len()) {
            if i > k {
                s.push(',');
            }
            let topic = TOPICS[(i * 3) % 8];
            write!(s, "\n{{\"text\":\"Trainers on {topic}, programme {i}\",\"capacity\":2}}").unwrap();
        }
        s.push_str("]}");
    }
    s.push_str("]}\n");
    s.into_bytes()
}

fn read_corpus(json: &[u8], n: usize) -> Duration {
    let t = Instant::now();
    let (corpus, _) = Corpus::from_json_slice(json, Some("big.json")).expect("reads");
    let took = t.elapsed();
    assert_eq!(corpus.need_count(), n);
    took
}

#[test]
fn corpus_json_time_is_proportional_to_size() {
    let (small, big) = (corpus_json(2_500), corpus_json(10_000));
    let t_small = best_of_3(|| read_corpus(&small, 2_500));
    let t_big = best_of_3(|| read_corpus(&big, 10_000));
    assert_linear("corpus JSON 2,500 → 10,000 needs", t_small, t_big, 8.0);
}

#[test]
fn a_hundred_thousand_needs_in_json() {
    let json = corpus_json(100_000);
    let _turn = TIMING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let took = read_corpus(&json, 100_000);
    println!("corpus JSON, 100,000 needs ({} MB): read in {took:.2?}", json.len() / 1_000_000);
}

#[test]
#[ignore = "matches 100,000 needs; run in release mode with --ignored"]
fn matching_a_hundred_thousand_needs() {
    let json = corpus_json(100_000);
    let (corpus, _) = Corpus::from_json_slice(&json, None).unwrap();
    let t = Instant::now();
    let list = match_corpus(&corpus, &MatchConfig::new()).unwrap();
    println!(
        "matched 100,000 needs × 10,000 offers in {:.2?}: {} matches, {} unmet",
        t.elapsed(),
        list.matches.len(),
        list.unmet_needs.len()
    );
    let mut needs: Vec<&str> = list.matches.iter().map(|m| m.need.as_str()).collect();
    needs.dedup();
    assert_eq!(needs.len() + list.unmet_needs.len(), 100_000, "every need is matched or unmet");
}
