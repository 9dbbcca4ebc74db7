//! Who and when: the economy and calendar year of a CTAP, from its header fields,
//! its cover sheet and title, or its text; and whether it is a CTAP at all.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::diagnostic::{Diagnostic, DiagnosticKind, Severity};
use crate::model::{MAX_YEAR, MIN_YEAR};
use crate::text::{PhraseSet, normalised_words, words};
use crate::{Economy, Error, Location, Party, Result};

use super::line::{Heading, Kind, Line, names_ct, names_template_section};
use super::prompt::Question;

/// How many lines are read for economy markers: far more than any real CTAP has.
const MARKER_LINES: usize = 20_000;

/// A value found in the document, with its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found<T> {
    pub line: u32,
    pub value: T,
    /// As written.
    pub written: String,
}

/// A title line of the preamble.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Title {
    pub line: u32,
    pub text: String,
    pub years: Vec<u16>,
    pub economy: Option<Economy>,
}

/// What the document says about itself.
#[derive(Debug, Default)]
pub(crate) struct Facts {
    /// Counter-terrorism action plan titles in the preamble, in order.
    pub ct_titles: Vec<Title>,
    /// The first preamble title that names another plan.
    pub foreign_title: Option<(u32, String)>,
    pub header_economy: Option<Found<Option<Party>>>,
    pub header_year: Option<Found<Option<u16>>>,
    pub header_updated: Option<Found<Option<u16>>>,
    pub submitted_by: Option<Found<Option<Party>>>,
    pub ct_objective: bool,
    /// Distinct template sections seen as headings.
    pub known_sections: usize,
    /// Needs and offers questions seen.
    pub questions: usize,
    /// Marker word counts per economy in the text after the preamble.
    pub markers: HashMap<Economy, Vec<(&'static str, u32)>>,
}

/// The first line index after the preamble (cover sheet, title, header fields).
pub(crate) fn preamble_end(lines: &[Line]) -> usize {
    lines
        .iter()
        .position(|l| {
            matches!(
                l.kind,
                Kind::ExecutiveSummary
                    | Kind::SummaryPart(_)
                    | Kind::Heading(_)
                    | Kind::Prompt(_)
                    | Kind::Template(_)
                    | Kind::Contact(_)
                    | Kind::OfferBlock
            )
        })
        .unwrap_or(lines.len())
}

fn year_in(s: &str) -> Vec<u16> {
    words(s)
        .iter()
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<u16>().ok())
        .filter(|y| (MIN_YEAR..=MAX_YEAR).contains(y))
        .collect()
}

/// Reads a party from a header value: "Republic of Korea", "Viet Nam (VN)", "Thailand.".
fn party_in(value: &str) -> Option<Party> {
    let v = value.trim().trim_end_matches(['.', ',', ';']);
    if let Ok(p) = v.parse::<Party>() {
        return Some(p);
    }
    for part in v.split(['(', ')', ',', '/', '-', '\u{2013}']) {
        if let Some(e) = Economy::lookup(part) {
            return Some(Party::Economy(e));
        }
    }
    single_marked(&normalised_words(v)).map(Party::Economy)
}

/// The one economy marker words name, if exactly one is named.
fn single_marked(ws: &[String]) -> Option<Economy> {
    let mut found: Option<Economy> = None;
    for (e, _) in marker_hits(ws) {
        match found {
            None => found = Some(e),
            Some(f) if f == e => {}
            Some(_) => return None,
        }
    }
    found
}

/// Marker words per economy, beyond those the model knows (agencies named in CTAPs).
const EXTRA_MARKERS: &[(Economy, &str)] = &[
    (Economy::Usa, "u s"),
    (Economy::Usa, "usa"),
    (Economy::Rok, "kcs"),
    (Economy::Ct, "taiwan"),
    (Economy::Prc, "p r china"),
];

/// Economy markers as phrases of normalised words, each with its economy and the
/// marker as written.
fn marker_phrases() -> &'static PhraseSet<(Economy, &'static str)> {
    static M: std::sync::OnceLock<PhraseSet<(Economy, &'static str)>> = std::sync::OnceLock::new();
    M.get_or_init(|| {
        let mut set = PhraseSet::new();
        let all = Economy::ALL
            .iter()
            .flat_map(|e| e.markers().iter().map(move |m| (*e, *m)))
            .chain(EXTRA_MARKERS.iter().copied());
        for (e, m) in all {
            set.insert(m, (e, m));
        }
        set
    })
}

/// Economy markers in normalised words, longest first, without overlaps.
fn marker_hits(ws: &[String]) -> Vec<(Economy, &'static str)> {
    marker_phrases().find(ws).into_iter().map(|f| f.value).collect()
}

/// Whether a preamble line is a plan title, and which plan.
fn title_of(line: &Line) -> Option<(bool, Title)> {
    if line.bullet.is_some() || line.text.split_whitespace().nth(24).is_some() {
        return None;
    }
    let ws = words(&line.text);
    let action_plan = ws.windows(2).any(|p| p[0] == "action" && p[1] == "plan");
    let template = ws.iter().any(|w| w == "template") && ws.iter().any(|w| w == "reporting" || w == "report");
    let ctap = ws.iter().any(|w| w == "ctap");
    if !(action_plan || template || ctap) {
        return None;
    }
    let ct = ctap || (names_ct(&ws) && (action_plan || template));
    let skip = |w: &str| {
        matches!(
            w,
            "apec"
                | "counter"
                | "terrorism"
                | "counterterrorism"
                | "action"
                | "plan"
                | "ctap"
                | "of"
                | "the"
                | "for"
                | "s"
                | "update"
                | "updated"
                | "annual"
                | "draft"
                | "final"
        ) || w.parse::<u32>().is_ok()
    };
    let rest: Vec<String> = ws.iter().filter(|w| !skip(w)).cloned().collect();
    let rest = rest.join(" ");
    let economy = Economy::lookup(&rest).or_else(|| single_marked(&normalised_words(&rest)));
    Some((ct, Title { line: line.no, text: line.text.clone(), years: year_in(&line.text), economy }))
}

/// Reads what the document says about itself.
pub(crate) fn scan(lines: &[Line]) -> Facts {
    let mut f = Facts::default();
    let pre = preamble_end(lines);
    let mut sections = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        match &line.kind {
            Kind::Header(h) => {
                if f.header_economy.is_none()
                    && let Some(v) = &h.economy
                {
                    f.header_economy = Some(Found { line: line.no, value: party_in(v), written: v.clone() });
                }
                if f.header_year.is_none()
                    && let Some(v) = &h.year
                {
                    let y = year_in(v).first().copied();
                    f.header_year = Some(Found { line: line.no, value: y, written: v.clone() });
                }
                if f.header_updated.is_none()
                    && let Some(v) = &h.updated
                {
                    let y = year_in(v).first().copied();
                    f.header_updated = Some(Found { line: line.no, value: y, written: v.clone() });
                }
            }
            Kind::Objective { ct } => f.ct_objective |= *ct,
            Kind::Heading(Heading::Section(s))
                if s.is_known() && !sections.contains(s) && names_template_section(&line.text) =>
            {
                sections.push(s.clone());
            }
            Kind::Prompt(hit) if !hit.fragment && hit.question != Question::Participated => f.questions += 1,
            Kind::Text if i < pre => {
                let lower = line.text.to_ascii_lowercase();
                if let Some(v) = lower.strip_prefix("submitted by") {
                    if f.submitted_by.is_none() {
                        let v = v.trim_start().trim_start_matches(':').trim();
                        let written = line.text[line.text.len() - v.len()..].to_string();
                        f.submitted_by = Some(Found { line: line.no, value: party_in(v), written });
                    }
                } else if let Some((ct, title)) = title_of(line) {
                    if ct {
                        f.ct_titles.push(title);
                    } else if f.foreign_title.is_none() {
                        f.foreign_title = Some((line.no, line.text.clone()));
                    }
                }
            }
            _ => {}
        }
    }
    f.known_sections = sections.len();
    count_markers(lines, pre, &mut f);
    f
}

/// Counts economy markers in the text after the preamble (the cover sheet names the
/// meeting's host). A line naming three or more economies is a list of partners and
/// counts for none of them.
fn count_markers(lines: &[Line], pre: usize, f: &mut Facts) {
    for line in lines.iter().skip(pre).take(MARKER_LINES) {
        if !matches!(line.kind, Kind::Text | Kind::Empty) {
            continue;
        }
        let hits = marker_hits(&normalised_words(&line.text));
        let mut distinct: Vec<Economy> = hits.iter().map(|(e, _)| *e).collect();
        distinct.sort_unstable();
        distinct.dedup();
        if distinct.len() >= 3 {
            continue;
        }
        for (e, m) in hits {
            let list = f.markers.entry(e).or_default();
            match list.iter_mut().find(|(w, _)| *w == m) {
                Some((_, n)) => *n += 1,
                None => list.push((m, 1)),
            }
        }
    }
}

/// Rejects documents that are not counter-terrorism action plans.
pub(crate) fn check_ctap(f: &Facts, file: Option<&str>, lines: &[Line]) -> Result<()> {
    let at = |line: u32| match file {
        Some(name) => Location::new(name, line),
        None => Location::line(line),
    };
    if let (Some((line, title)), true) = (&f.foreign_title, f.ct_titles.is_empty()) {
        return Err(Error::NotCtap {
            at: at(*line),
            reason: format!("the title names another plan: {title:?}"),
        });
    }
    let ct = !f.ct_titles.is_empty() || f.ct_objective || f.known_sections >= 2;
    let structure = f.questions >= 1 || f.known_sections >= 2;
    if ct && structure {
        return Ok(());
    }
    let first = lines.iter().find(|l| !matches!(l.kind, Kind::Blank | Kind::Noise)).map_or(1, |l| l.no);
    let reason = if ct {
        "it has no sections or capacity-building questions of the template".to_string()
    } else {
        "no counter-terrorism action plan title, objective or template sections found".to_string()
    };
    Err(Error::NotCtap { at: at(first), reason })
}

/// The economy and year decided for a submission, and how.
pub(crate) struct Decided {
    pub economy: Party,
    pub year: Option<u16>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Decides economy and year: options first, then header fields, cover sheet and
/// title, then (economy only) the text.
pub(crate) fn decide(
    f: &Facts,
    economy: Option<&Party>,
    year: Option<u16>,
    file: Option<&str>,
) -> Result<Decided> {
    let loc = |line: Option<u32>| Location { file: file.map(str::to_string), line };
    let mut diags = Vec::new();

    // Economy: what the document states.
    let header =
        f.header_economy.as_ref().and_then(|h| h.value.clone().map(|p| (p, h.line, "the ECONOMY field")));
    let cover = f.submitted_by.as_ref().and_then(|s| s.value.clone().map(|p| (p, s.line, "the cover sheet")));
    let title = f.ct_titles.iter().find_map(|t| t.economy.map(|e| (Party::Economy(e), t.line, "the title")));
    let stated = header.clone().or(cover.clone()).or(title.clone());
    if let Some(h) = &f.header_economy
        && h.value.is_none()
    {
        diags.push(Diagnostic::new(
            Severity::Warning,
            DiagnosticKind::GuessedEconomy,
            loc(Some(h.line)),
            format!("the ECONOMY field names no known economy: {:?}", h.written),
        ));
    }
    let decided_economy = match (economy, &stated) {
        (Some(given), Some((doc, line, source))) => {
            if given != doc {
                diags.push(Diagnostic::new(
                    Severity::Warning,
                    DiagnosticKind::Override,
                    loc(Some(*line)),
                    format!("economy {given} given overrides {doc} named by {source}"),
                ));
            }
            given.clone()
        }
        (Some(given), None) => given.clone(),
        (None, Some((doc, line, source))) => {
            if *source != "the ECONOMY field" {
                diags.push(Diagnostic::new(
                    Severity::Info,
                    DiagnosticKind::GuessedEconomy,
                    loc(Some(*line)),
                    format!("economy {doc} taken from {source} (no ECONOMY field)"),
                ));
            }
            // Other places that name a different economy.
            for (other, oline, osource) in [&header, &cover, &title].into_iter().flatten() {
                if other != doc && *oline != *line {
                    diags.push(Diagnostic::new(
                        Severity::Warning,
                        DiagnosticKind::GuessedEconomy,
                        loc(Some(*oline)),
                        format!("{osource} names {other}, but {source} names {doc}; {doc} kept"),
                    ));
                }
            }
            doc.clone()
        }
        (None, None) => {
            let (e, message) = from_markers(f).ok_or_else(|| Error::EconomyUnknown { at: loc(None) })?;
            diags.push(Diagnostic::new(
                Severity::Warning,
                DiagnosticKind::GuessedEconomy,
                loc(None),
                message,
            ));
            Party::Economy(e)
        }
    };

    // Year.
    let header_year = f.header_year.as_ref().and_then(|h| h.value.map(|y| (y, h.line)));
    let title_year = f.ct_titles.iter().find_map(|t| t.years.first().map(|y| (*y, t.line)));
    let updated = f.header_updated.as_ref().and_then(|h| h.value.map(|y| (y, h.line)));
    let mut others = Vec::new();
    for t in &f.ct_titles {
        for y in &t.years {
            others.push((*y, t.line, "the title"));
        }
    }
    if let Some((y, line)) = updated {
        others.push((y, line, "LAST UPDATED"));
    }
    let disagreeing = |chosen: u16, skip_line: u32| -> String {
        let mut s = String::new();
        for (y, line, source) in &others {
            if *y != chosen && *line != skip_line {
                let _ = write!(s, "{}{source} says {y} (line {line})", if s.is_empty() { "" } else { ", " });
            }
        }
        s
    };
    let decided_year = if let Some(given) = year {
        let doc = header_year.or(title_year);
        if let Some((y, line)) = doc
            && y != given
        {
            diags.push(Diagnostic::new(
                Severity::Warning,
                DiagnosticKind::Override,
                loc(Some(line)),
                format!("year {given} given overrides {y} stated in the document"),
            ));
        }
        Some(given)
    } else if let Some((y, line)) = header_year {
        let against = disagreeing(y, line);
        if !against.is_empty() {
            diags.push(Diagnostic::new(
                Severity::Warning,
                DiagnosticKind::GuessedYear,
                loc(Some(line)),
                format!("calendar year {y} taken from the CALENDAR YEAR field, though {against}"),
            ));
        }
        Some(y)
    } else if let Some((y, line)) = title_year {
        let against = disagreeing(y, line);
        let tail = if against.is_empty() { String::new() } else { format!("; {against}") };
        diags.push(Diagnostic::new(
            if against.is_empty() { Severity::Info } else { Severity::Warning },
            DiagnosticKind::GuessedYear,
            loc(Some(line)),
            format!("year {y} taken from the title (no CALENDAR YEAR field){tail}"),
        ));
        Some(y)
    } else if let Some((y, line)) = updated {
        diags.push(Diagnostic::new(
            Severity::Warning,
            DiagnosticKind::GuessedYear,
            loc(Some(line)),
            format!("year {y} guessed from LAST UPDATED (no CALENDAR YEAR field or title year)"),
        ));
        Some(y)
    } else {
        None
    };
    Ok(Decided { economy: decided_economy, year: decided_year, diagnostics: diags })
}

/// The economy the text keeps naming, if one clearly leads: at least three mentions
/// and twice as many as any other.
fn from_markers(f: &Facts) -> Option<(Economy, String)> {
    let mut totals: Vec<(Economy, u32)> =
        f.markers.iter().map(|(e, list)| (*e, list.iter().map(|(_, n)| n).sum())).collect();
    totals.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let (best, n) = *totals.first()?;
    let runner_up = totals.get(1).map_or(0, |t| t.1);
    if n < 3 || n < 2 * runner_up {
        return None;
    }
    let mut detail: Vec<(&str, u32)> = f.markers.get(&best).cloned().unwrap_or_default();
    detail.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut message = format!("economy {best} detected from the text: ");
    for (i, (m, k)) in detail.iter().enumerate() {
        let times = if *k == 1 { "time" } else { "times" };
        let _ = write!(message, "{}{m:?} {k} {times}", if i == 0 { "" } else { ", " });
    }
    if runner_up > 0 {
        let _ = write!(message, " (next: {} with {runner_up})", totals[1].0);
    }
    message.push_str("; no ECONOMY field, cover sheet or title names it");
    Some((best, message))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ctap::markup::clean_line;

    fn lines(text: &str) -> Vec<Line> {
        text.lines().enumerate().map(|(i, l)| Line::new(i as u32 + 1, clean_line(l))).collect()
    }

    #[test]
    fn titles_name_plans_and_economies() {
        let l = lines("2014 APEC Counter Terrorism Action Plan - Korea");
        let (ct, t) = title_of(&l[0]).unwrap();
        assert!(ct);
        assert_eq!((t.years, t.economy), (vec![2014], Some(Economy::Rok)));
        let l = lines("2012~~4~~ APEC COUNTER-TERRORISM ACTION PLAN");
        let (ct, t) = title_of(&l[0]).unwrap();
        assert!(ct);
        assert_eq!((t.years, t.economy), (vec![2012], None));
        let l = lines("APEC Anti-Corruption and Transparency Reporting Template 2016");
        assert!(!title_of(&l[0]).unwrap().0);
        assert!(title_of(&lines("Korea hosted a workshop")[0]).is_none());
    }

    #[test]
    fn partner_lists_do_not_count() {
        let doc = "EXECUTIVE SUMMARY\n\
            HKC signed MRA with Republic of Korea, Singapore, Thailand, Malaysia and Japan.\n\
            HKC will continue.\nHong Kong Customs launched it.\nKorea and HKC met.\n";
        let f = scan(&lines(doc));
        let (e, message) = from_markers(&f).unwrap();
        assert_eq!(e, Economy::Hkc);
        assert!(message.contains("\"hkc\" 2 times"), "{message}");
    }

    #[test]
    fn header_beats_cover_and_title() {
        let doc = "Submitted by: Korea\n2014 APEC Counter Terrorism Action Plan - Korea\nECONOMY: Republic of Korea\n\
                   CALENDAR YEAR: 2014\nLAST UPDATED: Jan 2013\nEXECUTIVE SUMMARY\n";
        let f = scan(&lines(doc));
        let d = decide(&f, None, None, None).unwrap();
        assert_eq!((d.economy, d.year), (Party::Economy(Economy::Rok), Some(2014)));
        assert!(
            d.diagnostics.iter().any(|x| x.kind == DiagnosticKind::GuessedYear && x.message.contains("2013"))
        );
    }

    #[test]
    fn options_override_with_a_diagnostic() {
        let f = scan(&lines("ECONOMY: Chile\nCALENDAR YEAR: 2018\n"));
        let d = decide(&f, Some(&Party::Economy(Economy::Pe)), Some(2019), Some("x.txt")).unwrap();
        assert_eq!((d.economy, d.year), (Party::Economy(Economy::Pe), Some(2019)));
        assert_eq!(d.diagnostics.iter().filter(|x| x.kind == DiagnosticKind::Override).count(), 2);
    }

    #[test]
    fn unknown_economy_is_an_error() {
        let f = scan(&lines("EXECUTIVE SUMMARY\nWe did things.\n"));
        assert!(matches!(decide(&f, None, None, None), Err(Error::EconomyUnknown { .. })));
    }
}
