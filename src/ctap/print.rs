//! The printer: a [`Submission`] written as CTAP text in the current template's
//! layout, which [`parse`](super::parse) reads back.

use std::fmt::Write as _;

use crate::{Contact, Item, Party, Section, Submission};

const OBJECTIVE: &str = "Objective: Where appropriate, to self-assess progress against APEC Leaders' and \
    Ministers' counter-terrorism commitments, and to identify capacity building needs to assist the CTWG to \
    identify priority areas for future cooperation.";

const GROUP_A: &str = "A. ENHANCING THE SECURE FLOW OF TRADE AND PEOPLE IN THE APEC REGION";

const PARTICIPATED: &str = "PLEASE DESCRIBE THE APEC CAPACITY BUILDING ACTIVITIES IN WHICH YOUR ECONOMY \
    PARTICIPATED DURING THE LAST YEAR. WHAT BENEFITS DID YOUR ECONOMY DERIVE FROM THESE ACTIVITIES? WHAT \
    FOLLOW-ON ACTIVITIES WOULD BE USEFUL?";

const NEEDS: &str = "WHAT SPECIFIC CAPACITY BUILDING NEEDS DOES YOUR ECONOMY HAVE THAT HINDER YOUR ABILITY TO \
    IMPLEMENT COMMITMENTS, AND WHAT CAPACITY BUILDING OPPORTUNITIES COULD BE PROVIDED THROUGH APEC TO ADDRESS \
    THESE NEEDS? PLEASE BE AS SPECIFIC AS POSSIBLE REGARDING THE TYPES OF CAPACITY BUILDING ACTIVITIES THAT \
    WOULD BENEFIT YOUR ECONOMY (E.G., SEMINARS, WORKSHOPS, INFORMATION SHARING, BEST PRACTICES, SPECIALIZED \
    TRAINING, ETC.)";

const OFFERS: &str = "WHAT KIND OF EXPERTISE AND/OR ASSISTANCE COULD YOUR ECONOMY PROVIDE TO OTHER APEC \
    MEMBERS THAT COULD HELP ADDRESS THEIR CAPACITY BUILDING NEEDS? PLEASE BE AS SPECIFIC AS POSSIBLE REGARDING \
    THE TYPES OF CAPACITY BUILDING ACTIVITIES THAT YOUR ECONOMY COULD PROVIDE (E.G., SEMINARS, WORKSHOPS, \
    INFORMATION SHARING, BEST PRACTICES, SPECIALIZED TRAINING, ETC.)";

/// A section block to print: its section and the ranges of needs and offers in it.
struct Planned {
    section: Section,
    needs: std::ops::Range<usize>,
    offers: std::ops::Range<usize>,
}

/// Cuts the needs and offers (all with a section) into blocks that keep both lists'
/// order: a section comes back when its items are not next to each other.
fn plan_blocks(needs: &[Item], offers: &[Item]) -> Vec<Planned> {
    let mut plan = Vec::new();
    let (mut n, mut o) = (0, 0);
    // The next block's section: the next need's, else the next offer's.
    while let Some(section) = needs.get(n).or_else(|| offers.get(o)).and_then(|i| i.section.clone()) {
        let dn = run_len(&needs[n..], &section);
        let d_o = run_len(&offers[o..], &section);
        if dn + d_o == 0 {
            break;
        }
        plan.push(Planned { section, needs: n..n + dn, offers: o..o + d_o });
        n += dn;
        o += d_o;
    }
    plan
}

fn run_len(items: &[Item], section: &Section) -> usize {
    items.iter().take_while(|i| i.section.as_ref() == Some(section)).count()
}

fn heading(section: &Section, used_letters: &mut Vec<char>) -> String {
    match section {
        Section::A1 | Section::A2 | Section::A3 | Section::A4 | Section::A5 => {
            format!("{} {}:", section.label(), section.title())
        }
        Section::B => "B. HALTING TERRORIST FINANCING:".to_string(),
        Section::C => "C. PROMOTING CYBER SECURITY:".to_string(),
        Section::Other(label) => {
            let labelled = label.len() > 3
                && label.as_bytes()[0].is_ascii_uppercase()
                && (label.as_bytes()[1] == b'.' || label.as_bytes()[1].is_ascii_digit());
            if labelled {
                format!("{label}:")
            } else {
                // A section without a letter gets the next free one (read back as
                // part of its label).
                let letter = ('D'..='H').find(|c| !used_letters.contains(c)).unwrap_or('H');
                used_letters.push(letter);
                format!("{letter}. {label}:")
            }
        }
    }
}

fn field(v: Option<&String>) -> &str {
    v.map_or("____________", String::as_str)
}

fn write_contact(out: &mut String, c: &Contact, default_role: &str) {
    let role = c.role.as_deref().unwrap_or(default_role);
    let _ = writeln!(out, "{role}: Name: {} Title: {}", field(c.name.as_ref()), field(c.title.as_ref()));
    let _ = writeln!(
        out,
        "Telephone Number: {} Fax Number: {} Email Address: {}",
        field(c.telephone.as_ref()),
        field(c.fax.as_ref()),
        field(c.email.as_ref())
    );
    out.push('\n');
}

fn write_items(out: &mut String, items: &[Item]) {
    if items.is_empty() {
        out.push_str("NIL\n\n");
        return;
    }
    for it in items {
        let text: String = it.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let _ = writeln!(out, "\u{b7} {text}");
    }
    out.push('\n');
}

fn economy_name(p: &Party) -> String {
    match p {
        Party::Economy(e) => e.name().to_string(),
        Party::Organisation(_) => p.to_string(),
    }
}

/// Writes a submission as CTAP text.
///
/// The layout is the 2020 template's: title, ECONOMY and CALENDAR YEAR fields, the
/// objective, then one block per section with its contact points, the three
/// questions and the needs and offers as `·` bullets (`NIL` when there are none),
/// and the trailing "POSSIBLE ASSISTANCE AND EXPERTISE TO OFFER" block. A section
/// whose items are not next to each other in the lists is written more than once,
/// so that [`parse`](super::parse) gives the items back in the same order.
///
/// Items without a section go where the template puts such items: needs in the
/// executive summary's part 3, offers in the trailing block; reading them back may
/// infer a section from their text, and part 3 is read by wording, so an item
/// without a section may come back with one. A section [`Section::Other`] without a
/// letter label ("Energy Security") is written with the next free letter ("D. Energy
/// Security"), which becomes part of its label. Contacts are written in the first
/// block of their section, or in the trailing block; a submission with nothing in any
/// section gets the template's seven sections answered `NIL`. Ids, tags, capacities and the
/// `unspecific` flag are not written: parsing derives them again.
///
/// # Examples
///
/// ```
/// use capmatch::ctap::{ParseOptions, parse, print};
/// use capmatch::{Economy, Item, Section, Submission};
///
/// let mut s = Submission::new(Economy::Vn, Some(2019));
/// s.needs.push(Item::new("x", "Training on container screening would be useful").unwrap().with_section(Section::A1));
/// s.offers.push(Item::new("y", "Viet Nam could host a workshop on AML/CFT").unwrap().with_section(Section::B));
/// let text = print(&s);
/// assert!(text.contains("ECONOMY: Viet Nam"));
/// let back = parse(&text, &ParseOptions::new())?.submission;
/// assert_eq!(back.economy, s.economy);
/// assert_eq!(back.year, Some(2019));
/// assert_eq!(back.needs[0].text, s.needs[0].text);
/// assert_eq!(back.offers[0].section, Some(Section::B));
/// # Ok::<(), capmatch::Error>(())
/// ```
pub fn print(submission: &Submission) -> String {
    let mut out = String::new();
    match submission.year {
        Some(y) => {
            let _ = writeln!(out, "{y} APEC COUNTER-TERRORISM ACTION PLAN\n");
        }
        None => out.push_str("APEC COUNTER-TERRORISM ACTION PLAN\n\n"),
    }
    let _ = writeln!(out, "ECONOMY: {}\n", economy_name(&submission.economy));
    match submission.year {
        Some(y) => {
            let _ = writeln!(out, "CALENDAR YEAR: {y}\n");
        }
        None => out.push_str("CALENDAR YEAR:\n\n"),
    }
    let _ = writeln!(out, "{OBJECTIVE}\n");

    let (needs_with, needs_without): (Vec<&Item>, Vec<&Item>) =
        submission.needs.iter().partition(|i| i.section.is_some());
    let (offers_with, offers_without): (Vec<&Item>, Vec<&Item>) =
        submission.offers.iter().partition(|i| i.section.is_some());

    if !needs_without.is_empty() {
        out.push_str("EXECUTIVE SUMMARY\n\n");
        out.push_str(
            "3. Summary of capacity building needs and opportunities that would accelerate/strengthen the \
             implementation of APEC Leaders' and Ministers' commitments by your economy and in the region.\n\n",
        );
        let owned: Vec<Item> = needs_without.iter().map(|i| (*i).clone()).collect();
        write_items(&mut out, &owned);
    }

    let needs: Vec<Item> = needs_with.into_iter().cloned().collect();
    let offers: Vec<Item> = offers_with.into_iter().cloned().collect();
    let mut used_letters: Vec<char> = Vec::new();
    let mut group_a_written = false;
    let mut write_block = |out: &mut String, b: &Planned, printed: &mut Vec<Section>| {
        let section = &b.section;
        let is_a = matches!(section, Section::A1 | Section::A2 | Section::A3 | Section::A4 | Section::A5);
        if is_a && !group_a_written {
            let _ = writeln!(out, "{GROUP_A}\n");
            group_a_written = true;
        }
        let _ = writeln!(out, "{}\n", heading(section, &mut used_letters));
        if !printed.contains(section) {
            for c in submission.contacts.iter().filter(|c| c.section.as_ref() == Some(section)) {
                write_contact(out, c, "Contact Point");
            }
            printed.push(section.clone());
        }
        let _ = writeln!(out, "{PARTICIPATED}\n\nNIL\n");
        let _ = writeln!(out, "{NEEDS}\n");
        write_items(out, &needs[b.needs.clone()]);
        let _ = writeln!(out, "{OFFERS}\n");
        write_items(out, &offers[b.offers.clone()]);
    };
    let mut plan = plan_blocks(&needs, &offers);
    // Sections named only by contacts, in template order among the others.
    for c in &submission.contacts {
        if let Some(s) = &c.section
            && !plan.iter().any(|b| b.section == *s)
        {
            let at = plan.iter().position(|b| b.section > *s).unwrap_or(plan.len());
            plan.insert(at, Planned { section: s.clone(), needs: 0..0, offers: 0..0 });
        }
    }
    if plan.is_empty() {
        // Nothing to put in a section: the template's sections, answered NIL.
        plan =
            Section::KNOWN.into_iter().map(|s| Planned { section: s, needs: 0..0, offers: 0..0 }).collect();
    }
    let mut printed: Vec<Section> = Vec::new();
    for b in &plan {
        write_block(&mut out, b, &mut printed);
    }

    out.push_str("POSSIBLE ASSISTANCE AND EXPERTISE TO OFFER\n\n");
    for c in submission.contacts.iter().filter(|c| c.section.is_none()) {
        write_contact(&mut out, c, "Contact Point for Assistance and Expertise not included above");
    }
    out.push_str(
        "Economies with particular expertise and resources to offer could indicate this here and/or refer \
         members to relevant websites.\n\n",
    );
    let owned: Vec<Item> = offers_without.iter().map(|i| (*i).clone()).collect();
    if !owned.is_empty() {
        write_items(&mut out, &owned);
    }
    out
}
