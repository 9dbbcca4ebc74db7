//! The line classifier: what each line of a CTAP is, on its own.
//!
//! A line is blank, a page number or footer, Word track-change residue, an empty
//! answer, a contact line, a header field, the objective sentence, the executive
//! summary heading or one of its parts, a section heading, a template heading, one of
//! the three questions (or a piece of one), known boilerplate, or text. What text
//! means depends on where it is; that is the state machine's job.

use crate::Area;
use crate::Section;
use crate::text::words;

use super::classify::is_empty_answer;
use super::contact::{ContactLine, parse_line};
use super::markup::{Cleaned, Family};
use super::prompt::{self, PromptHit, word_spans};

/// A section heading, a group of sections, or a Strategy area named as a heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Heading {
    /// "A. ENHANCING THE SECURE FLOW OF TRADE AND PEOPLE IN THE APEC REGION".
    GroupA,
    /// "A.1 Protect Cargo:", "B. HALTING TERRORIST FINANCING", "Protect Cargo",
    /// "D. ENERGY SECURITY" (unknown: [`Section::Other`]).
    Section(Section),
    /// "Secure Finance" (executive summaries use the Strategy's area names).
    Area(Area),
}

/// The template's fixed headings within a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Template {
    /// "LEADERS' AND MINISTERS' COMMITMENTS".
    Commitments,
    /// "MEASURES UNDERTAKEN SINCE LAST UPDATE TO IMPLEMENT COMMITMENTS".
    Measures,
    /// "FURTHER MEASURES PLANNED TO IMPLEMENT COMMITMENTS (indicate timeframe)".
    Further,
}

/// Header fields found on one line (several when a table row was flattened).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct HeaderFields {
    pub economy: Option<String>,
    pub year: Option<String>,
    pub updated: Option<String>,
}

/// What a line is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    Blank,
    /// A page number or footer from PDF conversion.
    Noise,
    /// Word track-change residue ("Formatted: Font: Underline").
    Residue,
    /// An answer that says there is nothing ("NIL", "--", underscores).
    Empty,
    // Boxed: they are rare, and keep every other line small.
    Contact(Box<ContactLine>),
    Header(Box<HeaderFields>),
    /// "Objective: …"; whether it names counter-terrorism (CTTF/CTWG).
    Objective {
        ct: bool,
    },
    ExecutiveSummary,
    /// "1. Summary of main achievements…" (1), "2. … forward work program" (2),
    /// "3. Summary of capacity building needs…" (3).
    SummaryPart(u8),
    Heading(Heading),
    Template(Template),
    Prompt(PromptHit),
    /// "POSSIBLE ASSISTANCE AND EXPERTISE TO OFFER": the trailing offers block.
    OfferBlock,
    /// Template instructions: "Economies with particular expertise … could indicate
    /// this here …", "(indicate timeframe)".
    Boilerplate,
    Text,
}

/// One classified line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    /// 1-based line number.
    pub no: u32,
    pub indent: u16,
    pub bullet: Option<Family>,
    pub text: String,
    pub first_cell: Option<usize>,
    pub struck: bool,
    /// The line had a form feed (a page break from PDF conversion).
    pub page_break: bool,
    /// For a heading followed by text on the same line ("A.1 Protect Cargo: Training
    /// on …"): where the text starts.
    pub inline: Option<usize>,
    pub kind: Kind,
}

impl Line {
    /// Classifies a cleaned line.
    pub(crate) fn new(no: u32, c: Cleaned) -> Line {
        let (kind, inline) = classify(&c);
        Line {
            no,
            indent: c.indent,
            bullet: c.bullet,
            text: c.text,
            first_cell: c.first_cell,
            struck: c.struck,
            page_break: c.form_feed,
            inline,
            kind,
        }
    }
}

/// Lower-case words of `s` without the small words titles differ in.
fn key(s: &str) -> String {
    let mut out = String::new();
    for w in words(s) {
        if matches!(w.as_str(), "the" | "and" | "of" | "in" | "to" | "for" | "a" | "an") {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&w);
    }
    out
}

/// Titles (as [`key`]s) that are headings on their own, unnumbered.
const TITLES: &[(&str, Option<Section>)] = &[
    ("protect cargo", Some(Section::A1)),
    ("protecting cargo", Some(Section::A1)),
    ("protect port facilities ships engaged international voyages", Some(Section::A2)),
    ("protect ships engaged international voyages", Some(Section::A2)),
    ("protect port facilities ships", Some(Section::A2)),
    ("protect international aviation", Some(Section::A3)),
    ("protect people transit", Some(Section::A4)),
    ("combat threats security", Some(Section::A5)),
    ("halting terrorist financing", Some(Section::B)),
    ("halt terrorist financing", Some(Section::B)),
    ("promoting cyber security", Some(Section::C)),
    ("promoting cybersecurity", Some(Section::C)),
    ("enhancing secure flow trade people apec region", None),
    ("enhancing secure flow trade people", None),
];

/// Phrases that identify a known section inside a numbered heading's title.
const TITLE_PHRASES: &[(&str, Option<Section>)] = &[
    ("cargo", Some(Section::A1)),
    ("port facilities", Some(Section::A2)),
    ("ships engaged", Some(Section::A2)),
    ("maritime security", Some(Section::A2)),
    ("international aviation", Some(Section::A3)),
    ("aviation security", Some(Section::A3)),
    ("people transit", Some(Section::A4)),
    ("combat threats", Some(Section::A5)),
    ("terrorist financing", Some(Section::B)),
    ("cyber security", Some(Section::C)),
    ("cybersecurity", Some(Section::C)),
    ("secure flow trade", None),
];

const AREAS: &[(&str, Area)] = &[
    ("secure supply chains", Area::SupplyChains),
    ("secure supply chain", Area::SupplyChains),
    ("secure travel", Area::Travel),
    ("secure finance", Area::Finance),
    ("secure infrastructure", Area::Infrastructure),
];

fn contains_phrase(key: &str, phrase: &str) -> bool {
    format!(" {key} ").contains(&format!(" {phrase} "))
}

fn known_title(key: &str) -> Option<Heading> {
    if let Some((_, s)) = TITLES.iter().find(|(t, _)| *t == key) {
        return Some(s.clone().map_or(Heading::GroupA, Heading::Section));
    }
    AREAS.iter().find(|(t, _)| *t == key).map(|(_, a)| Heading::Area(*a))
}

fn title_phrase(key: &str) -> Option<Heading> {
    TITLE_PHRASES
        .iter()
        .find(|(p, _)| contains_phrase(key, p))
        .map(|(_, s)| s.clone().map_or(Heading::GroupA, Heading::Section))
}

/// Whether `title` reads as a heading: short, one phrase, all capitals or Title Case.
fn heading_like(title: &str, max_words: usize) -> bool {
    let ws: Vec<&str> = title.split_whitespace().collect();
    if ws.is_empty() || ws.len() > max_words {
        return false;
    }
    if !title.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    // No sentence inside.
    if title.trim_end_matches('.').contains(". ") {
        return false;
    }
    let letters = title.chars().filter(|c| c.is_alphabetic());
    let all_caps = letters.clone().all(char::is_uppercase);
    let title_case = ws.iter().all(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.chars().count() <= 3
            || w.chars().next().is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
            || matches!(w, "with" | "from" | "into")
    });
    all_caps || title_case
}

/// Whether a heading's text names one of the template's section titles (not just a
/// label such as "A.1"): evidence that the document is a CTAP.
pub(crate) fn names_template_section(text: &str) -> bool {
    let k = key(text.trim_end_matches([':', '.', ' ']));
    known_title(&k).is_some() || title_phrase(&k).is_some()
}

/// Reads a section heading from a line's marker and text.
pub(crate) fn heading(bullet: Option<Family>, text: &str) -> Option<Heading> {
    let t = text.trim().trim_end_matches([':', '.', ' ']);
    if t.is_empty() || t.len() > 160 {
        return None;
    }
    if let Some(bullet) = bullet {
        // "1. Protect Cargo": other numbering, only for titles the template has.
        if matches!(bullet, Family::Number | Family::Letter | Family::Roman) {
            return known_title(&key(t));
        }
        return None;
    }
    if let Some(h) = labelled(t) {
        return Some(h);
    }
    if t.split_whitespace().count() <= 12 {
        return known_title(&key(t));
    }
    None
}

/// "A.1 Protect Cargo", "A1. Protect Cargo", "B. HALTING TERRORIST FINANCING",
/// "D. ENERGY SECURITY", "A.6 Protect Food Supplies".
fn labelled(t: &str) -> Option<Heading> {
    let bytes = t.as_bytes();
    let letter = *bytes.first()?;
    if !(b'A'..=b'H').contains(&letter) {
        return None;
    }
    let mut i = 1;
    let dot = bytes.get(i) == Some(&b'.');
    if dot {
        i += 1;
    }
    while bytes.get(i) == Some(&b' ') {
        i += 1;
    }
    let digits_start = i;
    while i < bytes.len() && i - digits_start < 2 && bytes[i].is_ascii_digit() {
        i += 1;
    }
    let number = (i > digits_start).then(|| &t[digits_start..i]);
    if number.is_none() && !dot && !matches!(bytes.get(1), Some(b')' | b':')) {
        return None;
    }
    if number.is_none() && !dot {
        i = 2;
    } else if number.is_none() {
        // "B. TITLE": the title starts after the dot.
        i = digits_start;
    }
    if number.is_some() && matches!(bytes.get(i), Some(b'.' | b')' | b':')) {
        i += 1;
    }
    // The label must be followed by white space or a dash before the title.
    let rest = t.get(i..)?;
    if !rest.starts_with([' ', '-', '\u{2013}']) && number.is_some() {
        return None;
    }
    let title = rest.trim_start_matches([' ', '-', '\u{2013}', ':']).trim();
    // "E.G., SEMINARS" is not "E. G.": a title starts with a word.
    let first_word = title.split_whitespace().next().unwrap_or("");
    if first_word.chars().filter(|c| c.is_alphabetic()).count() < 2 || !heading_like(title, 14) {
        return None;
    }
    let k = key(title);
    let letter = char::from(letter);
    if let Some(n) = number {
        let label = format!("{letter}.{n}");
        let section = Section::from_label(&label);
        if section.is_known() {
            Some(Heading::Section(section))
        } else {
            Some(Heading::Section(Section::Other(format!("{label} {}", title_case(title)))))
        }
    } else {
        if let Some(h) = title_phrase(&k) {
            return Some(h);
        }
        if letter == 'A' && (k.contains("trade") || k.contains("people")) {
            return Some(Heading::GroupA);
        }
        if !heading_like(title, 8) || title.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        Some(Heading::Section(Section::Other(format!("{letter}. {}", title_case(title)))))
    }
}

/// Acronyms kept in capitals when an all-capitals title is title-cased.
const ACRONYMS: &[&str] = &[
    "APEC", "CBRN", "WMD", "ICT", "CT", "AML", "CFT", "UN", "IT", "WCO", "ICAO", "IMO", "CTTF", "CTWG",
    "SARS",
];

/// "ENERGY SECURITY" → "Energy Security"; text with lower-case letters is kept.
pub(crate) fn title_case(s: &str) -> String {
    if s.chars().any(char::is_lowercase) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for (i, w) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let lower = w.to_lowercase();
        if i > 0
            && matches!(
                lower.as_str(),
                "of" | "and" | "the" | "in" | "for" | "to" | "on" | "at" | "by" | "a" | "an"
            )
        {
            out.push_str(&lower);
        } else if ACRONYMS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())) {
            out.push_str(w);
        } else {
            let mut cap = true;
            for c in lower.chars() {
                if cap && c.is_alphabetic() {
                    out.extend(c.to_uppercase());
                    cap = false;
                } else {
                    out.push(c);
                }
                if c == '-' || c == '/' {
                    cap = true;
                }
            }
        }
    }
    out
}

fn starts_with_words(ws: &[String], prefix: &[&str]) -> bool {
    ws.len() >= prefix.len() && ws.iter().zip(prefix).all(|(a, b)| a == b)
}

/// Word residue: lines Word writes for tracked changes and comments.
fn is_residue(text: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "Formatted:",
        "Formatted Table",
        "Formatted ",
        "Deleted:",
        "Inserted:",
        "Comment [",
        "Commented [",
        "Field Code Changed",
        "Moved (insertion)",
        "Moved down",
        "Moved up",
        "Style Definition",
    ];
    PREFIXES.iter().any(|p| text.starts_with(p)) && (text.starts_with("Formatted") || text.len() < 200)
}

/// Page numbers and footers: "12", "Page 3 of 10", "- 3 -", "3 | P a g e",
/// "APEC CTAP 2016 - Chile Page 3".
fn is_page_noise(bullet: Option<Family>, text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() || t.len() > 120 {
        return false;
    }
    let toks: Vec<&str> = t.split_whitespace().collect();
    if toks.len() > 14 {
        return false;
    }
    // Up to three digits: four-digit numbers on their own are years, not pages.
    let digits = |s: &str| !s.is_empty() && s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit());
    let lower: Vec<String> = toks.iter().map(|s| s.to_lowercase()).collect();
    // "- 3 -" arrives as a dash bullet and "3 -".
    let core: Vec<&str> =
        lower.iter().map(String::as_str).filter(|s| !matches!(*s, "-" | "–" | "|")).collect();
    if matches!(bullet, None | Some(Family::Dash)) && core.len() == 1 && digits(core[0]) {
        return true;
    }
    if bullet.is_none() && core.len() == 1 {
        // "3/12"
        if let Some((a, b)) = core[0].split_once('/')
            && digits(a)
            && digits(b)
        {
            return true;
        }
    }
    // "3 | P a g e", "Page | 3"
    let squashed: String = lower.concat().chars().filter(|c| c.is_alphanumeric()).collect();
    if squashed.strip_suffix("page").is_some_and(digits) || squashed.strip_prefix("page").is_some_and(digits)
    {
        return true;
    }
    // "Page 3", "Page 3 of 10", anywhere in a short line (a footer).
    if bullet.is_none() {
        for (i, w) in core.iter().enumerate() {
            if matches!(*w, "page" | "p." | "pg.") && core.get(i + 1).is_some_and(|n| digits(n)) {
                let after = &core[i + 2..];
                let tail_ok = after.is_empty()
                    || (after.len() == 2 && matches!(after[0], "of" | "/") && digits(after[1]));
                if tail_ok {
                    return true;
                }
            }
        }
    }
    false
}

/// Header fields: "ECONOMY: Viet Nam", "CALENDAR YEAR: 2018", "LAST UPDATED: Jan 2013",
/// several on one line ("ECONOMY: `ThailandCALENDAR` YEAR: 2018").
pub(crate) fn header_fields(text: &str) -> Option<HeaderFields> {
    const LABELS: &[(&str, u8)] = &[
        ("economy", 0),
        ("member economy", 0),
        ("calendar year", 1),
        ("reporting year", 1),
        ("year", 1),
        ("last updated", 2),
        ("date updated", 2),
        ("date of last update", 2),
    ];
    let head = text.char_indices().nth(24).map_or(text, |(i, _)| &text[..i]).to_ascii_lowercase();
    let starts = LABELS
        .iter()
        .any(|(l, _)| head.strip_prefix(l).is_some_and(|rest| rest.trim_start().starts_with(':')));
    if !starts {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    let mut found: Vec<(usize, usize, u8)> = Vec::new();
    for (colon, _) in lower.match_indices(':') {
        let head = lower[..colon].trim_end();
        if let Some((label, field)) =
            LABELS.iter().filter(|(l, _)| head.ends_with(l)).max_by_key(|(l, _)| l.len())
        {
            let start = head.len() - label.len();
            // A label glued to the previous value must be capitalised in the text.
            let glued = start > 0 && lower.as_bytes()[start - 1].is_ascii_alphanumeric();
            if glued && !text.as_bytes()[start].is_ascii_uppercase() {
                continue;
            }
            found.push((start, colon + 1, *field));
        }
    }
    let mut fields = HeaderFields::default();
    for (i, &(_, value, field)) in found.iter().enumerate() {
        let end = found.get(i + 1).map_or(text.len(), |n| n.0);
        let v = text.get(value..end).unwrap_or("").trim().trim_matches(|c: char| c == '_' || c == '|').trim();
        let v = (!v.is_empty()).then(|| v.to_string());
        let slot = match field {
            0 => &mut fields.economy,
            1 => &mut fields.year,
            _ => &mut fields.updated,
        };
        if slot.is_none() {
            *slot = v;
        }
    }
    Some(fields)
}

/// Whether words name counter-terrorism or its APEC fora.
pub(crate) fn names_ct(ws: &[String]) -> bool {
    ws.iter().any(|w| matches!(w.as_str(), "counterterrorism" | "cttf" | "ctwg" | "ctap" | "ctaps"))
        || ws.windows(2).any(|p| p[0] == "counter" && p[1] == "terrorism")
}

fn classify(c: &Cleaned) -> (Kind, Option<usize>) {
    let kind = classify_kind(c);
    if matches!(kind, Kind::Heading(_) | Kind::SummaryPart(_)) {
        // A table row: the heading in the first cell, text in the next.
        return (kind, c.first_cell);
    }
    if kind != Kind::Text {
        return (kind, None);
    }
    // "A.1 Protect Cargo: Training on …", "Secure Finance: AMLC could share …".
    let text = c.text.as_str();
    if let Some(colon) = text.get(..text.len().min(120)).and_then(|head| head.find(':')) {
        let rest = text[colon + 1..].trim_start();
        if !rest.is_empty()
            && let Some(h) = heading(c.bullet, &text[..colon])
        {
            return (Kind::Heading(h), Some(text.len() - rest.len()));
        }
    }
    (Kind::Text, None)
}

fn classify_kind(c: &Cleaned) -> Kind {
    let text = c.text.as_str();
    if text.is_empty() {
        return if c.bullet.is_some() { Kind::Empty } else { Kind::Blank };
    }
    if c.bullet.is_none() && is_residue(text) {
        return Kind::Residue;
    }
    if is_page_noise(c.bullet, text) {
        return Kind::Noise;
    }
    if is_empty_answer(text) {
        return Kind::Empty;
    }
    if let Some(contact) = parse_line(text) {
        return Kind::Contact(Box::new(contact));
    }
    if c.bullet.is_none()
        && let Some(h) = header_fields(text)
    {
        return Kind::Header(Box::new(h));
    }
    // Only the first few words decide the rest.
    let head: Vec<String> = word_spans(text, 8)
        .iter()
        .map(|&(a, b)| {
            let w = text[a..b].to_lowercase();
            let w = w.trim_end_matches('\'');
            w.strip_suffix("'s").unwrap_or(w).replace('\'', "")
        })
        .collect();
    let head_is = |p: &[&str]| starts_with_words(&head, p);
    // In a flattened table row, headings fill the first cell.
    let cell = c.first_cell.and_then(|n| text.get(..n)).map_or(text, str::trim_end);
    let short = || cell.split_whitespace().nth(40).is_none();
    if c.bullet.is_none()
        && text.split(':').next().is_some_and(|h| h.trim().eq_ignore_ascii_case("objective"))
    {
        return Kind::Objective { ct: names_ct(&words(text)) };
    }
    if c.bullet.is_none() && cell.len() < 40 && key(cell.trim_end_matches(':')) == "executive summary" {
        return Kind::ExecutiveSummary;
    }
    if head_is(&["summary", "of"]) && short() {
        if head_is(&["summary", "of", "main", "achievements"]) {
            return Kind::SummaryPart(1);
        }
        if head_is(&["summary", "of", "forward", "work"]) {
            return Kind::SummaryPart(2);
        }
        if head_is(&["summary", "of", "capacity", "building", "needs"]) {
            return Kind::SummaryPart(3);
        }
    }
    if let Some(hit) = prompt::detect(text, c.first_cell) {
        return Kind::Prompt(hit);
    }
    if let Some(h) = heading(c.bullet, cell) {
        return Kind::Heading(h);
    }
    if c.bullet.is_none() && cell.split_whitespace().nth(20).is_none() {
        if head_is(&["leaders", "and", "ministers", "commitments"])
            || head_is(&["leaders", "ministers", "commitments"])
            || (cell.len() < 20 && key(cell.trim_end_matches(':')) == "commitments")
        {
            return Kind::Template(Template::Commitments);
        }
        if head_is(&["measures", "undertaken"]) || head_is(&["measures", "taken", "since"]) {
            return Kind::Template(Template::Measures);
        }
        if head_is(&["further", "measures", "planned"]) {
            return Kind::Template(Template::Further);
        }
        if head_is(&["possible", "assistance", "and", "expertise", "to", "offer"]) {
            return Kind::OfferBlock;
        }
        if head_is(&["indicate", "timeframe"]) && text.starts_with('(') {
            return Kind::Boilerplate;
        }
    }
    if head_is(&["economies", "with", "particular", "expertise"]) {
        return Kind::Boilerplate;
    }
    Kind::Text
}

#[cfg(test)]
mod tests;
