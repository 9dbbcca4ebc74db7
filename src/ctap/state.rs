//! The section and question state machine: walks the classified lines once and
//! collects answers, contacts and diagnostics.
//!
//! Regions: the preamble (cover sheet, title, header), the executive summary (parts 1
//! to 3; only part 3 holds needs and offers), the body (sections, each with contact
//! points, template headings and the three questions), and the trailing "POSSIBLE
//! ASSISTANCE AND EXPERTISE TO OFFER" block. Section titles repeat in the summary:
//! a heading there counts as the start of the body only when the next line that is
//! not a heading is a contact, a template heading or a question.

use crate::diagnostic::{Diagnostic, DiagnosticKind, Severity};
use crate::{Area, Contact, ItemKind, Location, Section};

use super::answer::{BlockLine, Mode, Repairs, resolve};
use super::contact::ContactBuilder;
use super::line::{Heading, Kind, Line, Template};
use super::markup::split_bullet;
use super::prompt::{self, Cursor, Question};

/// Where an item comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    /// A section's answer box.
    Section,
    /// The executive summary's part 3.
    Summary,
    /// The trailing offers block.
    Trailing,
}

/// An item as read, before ids and tags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawItem {
    pub kind: ItemKind,
    pub section: Option<Section>,
    pub text: String,
    pub line: u32,
    pub origin: Origin,
    pub unspecific: bool,
}

/// What the walk produced.
#[derive(Debug, Default)]
pub(crate) struct Walk {
    pub items: Vec<RawItem>,
    pub contacts: Vec<Contact>,
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Region {
    Preamble,
    Summary(u8),
    Body,
    Trailing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Boxed {
    None,
    Template(Template),
    Question(Question),
    Trailing,
}

/// What a part-3 heading says about the items under it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum SummaryCtx {
    None,
    Section(Section),
    GroupA,
    Area(Area),
}

/// The kind of the next line that is not blank, noise or a heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    Body,
    Other,
    End,
}

fn next_kinds(lines: &[Line]) -> Vec<Next> {
    let mut out = vec![Next::End; lines.len()];
    let mut next = Next::End;
    for (i, l) in lines.iter().enumerate().rev() {
        out[i] = next;
        match l.kind {
            // A heading with text after it ("A.1 Protect Cargo: Training …") has content.
            Kind::Heading(_) if l.inline.is_some() => next = Next::Other,
            Kind::Blank | Kind::Noise | Kind::Residue | Kind::Heading(_) => {}
            Kind::Contact(_) | Kind::Template(_) | Kind::Prompt(_) => next = Next::Body,
            _ => next = Next::Other,
        }
    }
    out
}

/// Whether line `i + 1` onwards starts with a contact line (after blanks).
fn next_is_contact(lines: &[Line], i: usize) -> bool {
    lines[i + 1..]
        .iter()
        .find(|l| !matches!(l.kind, Kind::Blank | Kind::Noise | Kind::Residue))
        .is_some_and(|l| matches!(l.kind, Kind::Contact(_)))
}

struct Skipped {
    first: u32,
    last: u32,
    count: u32,
    sample: String,
}

struct Machine<'a> {
    file: Option<&'a str>,
    region: Region,
    boxed: Boxed,
    section: Option<Section>,
    summary_ctx: SummaryCtx,
    block: Vec<BlockLine>,
    gap: bool,
    cursor: Option<Cursor>,
    contacts: ContactBuilder,
    last_was_contact: bool,
    /// The last line was a heading that does not end a sentence: a directly
    /// following line may continue it.
    heading_open: bool,
    skipped: Option<Skipped>,
    unknown_seen: Vec<String>,
    repairs: Repairs,
    walk: Walk,
}

impl Machine<'_> {
    fn at(&self, line: u32) -> Location {
        Location { file: self.file.map(str::to_string), line: Some(line) }
    }

    fn diag(&mut self, severity: Severity, kind: DiagnosticKind, line: u32, message: String) {
        let at = self.at(line);
        self.walk.diagnostics.push(Diagnostic::new(severity, kind, at, message));
    }

    fn flush_skipped(&mut self) {
        if let Some(s) = self.skipped.take() {
            let what = if s.count == 1 {
                "skipped a line".to_string()
            } else {
                format!("skipped {} lines (to line {})", s.count, s.last)
            };
            self.diag(
                Severity::Warning,
                DiagnosticKind::SkippedLine,
                s.first,
                format!("{what} that fits no part of the template: {:?}", short(&s.sample)),
            );
        }
    }

    fn skip(&mut self, line: &Line) {
        match &mut self.skipped {
            Some(s) => {
                s.last = line.no;
                s.count += 1;
            }
            None => {
                self.skipped =
                    Some(Skipped { first: line.no, last: line.no, count: 1, sample: line.text.clone() });
            }
        }
    }

    /// Turns the open answer box into items.
    fn flush_block(&mut self) {
        if self.block.is_empty() {
            return;
        }
        let block = std::mem::take(&mut self.block);
        let (mode, origin) = match (self.region, self.boxed) {
            (Region::Summary(3), _) => (Mode::Summary, Origin::Summary),
            (_, Boxed::Trailing) => (Mode::Box(ItemKind::Offer), Origin::Trailing),
            (_, Boxed::Question(Question::Needs)) => (Mode::Box(ItemKind::Need), Origin::Section),
            (_, Boxed::Question(Question::Offers)) => (Mode::Box(ItemKind::Offer), Origin::Section),
            (_, Boxed::Question(Question::Participated)) => (Mode::Participated, Origin::Section),
            _ => return,
        };
        for r in resolve(&block, mode, &mut self.repairs) {
            let section = match origin {
                Origin::Section => self.section.clone(),
                Origin::Trailing => None,
                Origin::Summary => self.summary_section(&r.text, r.line),
            };
            if let Some(from) = r.moved_from {
                let question = match from {
                    ItemKind::Need => "needs question",
                    ItemKind::Offer => "offers question",
                };
                self.diag(
                    Severity::Warning,
                    DiagnosticKind::Reclassified,
                    r.line,
                    format!(
                        "{} under the {question} counted as {}: {:?}",
                        r.kind,
                        article(r.kind),
                        short(&r.text)
                    ),
                );
            }
            if r.unspecific {
                self.diag(
                    Severity::Info,
                    DiagnosticKind::Unspecific,
                    r.line,
                    format!(
                        "{} states nothing concrete yet; kept and flagged unspecific: {:?}",
                        r.kind,
                        short(&r.text)
                    ),
                );
            }
            self.walk.items.push(RawItem {
                kind: r.kind,
                section,
                text: r.text,
                line: r.line,
                origin,
                unspecific: r.unspecific,
            });
        }
    }

    /// The section of a part-3 item: its heading's, or read from its text within the
    /// heading's group or area.
    fn summary_section(&mut self, text: &str, line: u32) -> Option<Section> {
        let (allowed, label): (&[Section], String) = match &self.summary_ctx {
            SummaryCtx::Section(s) => return Some(s.clone()),
            SummaryCtx::None => return None,
            SummaryCtx::GroupA => {
                (&[Section::A1, Section::A2, Section::A3, Section::A4, Section::A5], "A".into())
            }
            SummaryCtx::Area(a) => (
                match a {
                    Area::SupplyChains => &[Section::A1, Section::A2],
                    Area::Travel => &[Section::A3, Section::A4],
                    Area::Finance => &[Section::B],
                    Area::Infrastructure => &[Section::A5, Section::C],
                },
                a.name().to_string(),
            ),
        };
        let inferred = crate::text::infer_section(text).filter(|s| allowed.contains(s));
        let section = match (inferred, allowed) {
            (Some(s), _) => Some(s),
            (None, [only]) => Some(only.clone()),
            _ => None,
        };
        if let Some(s) = &section
            && allowed.len() > 1
        {
            self.diag(
                Severity::Info,
                DiagnosticKind::InferredSection,
                line,
                format!("section {} inferred from the text under the heading {label:?}", s.label()),
            );
        }
        section
    }

    fn heading(&mut self, h: &Heading, line: &Line, body: bool) {
        if let Heading::Section(s @ Section::Other(label)) = h
            && !self.unknown_seen.contains(label)
        {
            self.unknown_seen.push(label.clone());
            self.diag(
                Severity::Warning,
                DiagnosticKind::UnknownSection,
                line.no,
                format!(
                    "unknown section {:?} kept as section {:?}",
                    line.text.trim_end_matches(':'),
                    s.label()
                ),
            );
        }
        if body {
            match h {
                Heading::Section(s) => self.section = Some(s.clone()),
                Heading::GroupA => self.section = None,
                // An area named in the body says nothing about the template section.
                Heading::Area(_) => {}
            }
        } else {
            self.summary_ctx = match h {
                Heading::Section(s) => SummaryCtx::Section(s.clone()),
                Heading::GroupA => SummaryCtx::GroupA,
                Heading::Area(a) => SummaryCtx::Area(*a),
            };
        }
    }

    fn push_answer(&mut self, line: &Line, text: &str, indent: u16, bullet: Option<super::markup::Family>) {
        self.block.push(BlockLine { no: line.no, indent, bullet, text: text.to_string(), gap: self.gap });
        self.gap = false;
    }

    /// An answer that starts on the question's line, after the question.
    fn push_rest(&mut self, line: &Line, rest: &str, base: u16) {
        let (indent, bullet, text) = split_bullet(rest);
        let indent = base.saturating_add(indent);
        if super::classify::is_empty_answer(text) {
            self.gap = true;
            return;
        }
        self.push_answer(line, text, indent, bullet);
    }

    fn enter_body(&mut self) {
        if let Region::Summary(_) = self.region {
            // The body started under a heading the look-ahead took for a summary
            // label (prose came between it and the contact or questions).
            if let SummaryCtx::Section(s) = &self.summary_ctx {
                self.section = Some(s.clone());
            }
        }
        if !matches!(self.region, Region::Body | Region::Trailing) {
            self.region = Region::Body;
        }
    }

    fn step(&mut self, lines: &[Line], i: usize, next: &[Next]) {
        let line = &lines[i];
        if let Some(cursor) = self.cursor {
            if matches!(line.kind, Kind::Blank | Kind::Noise | Kind::Residue) {
                return;
            }
            self.cursor = None;
            if let Some(hit) = prompt::continue_at(&line.text, line.first_cell, cursor) {
                self.cursor = hit.cursor;
                if let Some(a) = hit.answer {
                    let rest = line.text.get(a..).unwrap_or("").to_string();
                    self.push_rest(line, &rest, answer_indent(line, a));
                }
                return;
            }
        }
        let contact_now = matches!(line.kind, Kind::Contact(_));
        match &line.kind {
            Kind::Blank | Kind::Noise | Kind::Residue => {
                self.gap = true;
                return;
            }
            Kind::Contact(c) => {
                if let Region::Summary(_) = self.region {
                    self.flush_block();
                    self.enter_body();
                }
                let section = if self.region == Region::Body { self.section.clone() } else { None };
                self.contacts.add((**c).clone(), section.as_ref());
                self.gap = true;
            }
            Kind::Empty => {
                self.gap = true;
            }
            Kind::Header(_) | Kind::Objective { .. } | Kind::Boilerplate => {
                self.flush_block();
                if matches!(line.kind, Kind::Objective { .. }) {
                    // The objective opens a plan (some files repeat it at the end).
                    self.region = Region::Preamble;
                    self.boxed = Boxed::None;
                }
            }
            Kind::ExecutiveSummary => {
                self.flush_block();
                self.region = Region::Summary(0);
                self.boxed = Boxed::None;
            }
            Kind::SummaryPart(n) => {
                self.flush_block();
                self.region = Region::Summary(*n);
                self.summary_ctx = SummaryCtx::None;
                self.boxed = Boxed::None;
                // A table row: the part's text in the next cell.
                if let (3, Some(rest)) = (*n, line.inline.and_then(|a| line.text.get(a..))) {
                    self.gap = true;
                    let rest = rest.to_string();
                    self.push_rest(line, &rest, line.indent.saturating_add(4));
                }
            }
            Kind::Heading(h) => {
                let in_summary = matches!(self.region, Region::Summary(_));
                // In the summary, a heading starts the body only when the body's parts
                // follow it; one with text after it is a part-3 label.
                let body = !in_summary || (next[i] == Next::Body && line.inline.is_none());
                self.flush_block();
                let inline = line.inline.and_then(|a| line.text.get(a..));
                if body {
                    self.enter_body();
                    if self.region == Region::Trailing {
                        self.region = Region::Body;
                    }
                    self.boxed = Boxed::None;
                    self.heading(h, line, true);
                    if let Some(rest) = inline {
                        self.contacts.finish();
                        self.last_was_contact = false;
                        self.flush_skipped();
                        // A table row "A.1 Protect Cargo: | Contact Point: …".
                        if let Some(c) = super::contact::parse_line(rest) {
                            let section = self.section.clone();
                            self.contacts.add(c, section.as_ref());
                            self.last_was_contact = true;
                            return;
                        }
                        // Other text after a section heading in the body belongs to no box.
                        self.skip(line);
                        return;
                    }
                } else if self.region == Region::Summary(3) {
                    self.heading(h, line, false);
                    if let Some(rest) = inline {
                        self.gap = true;
                        let rest = rest.to_string();
                        self.push_rest(line, &rest, line.indent);
                    }
                }
            }
            Kind::Template(t) => {
                self.flush_block();
                self.enter_body();
                self.boxed = Boxed::Template(*t);
            }
            Kind::Prompt(hit) => {
                if hit.fragment {
                    // A piece of a question whose start was on an earlier line.
                    self.cursor = hit.cursor;
                } else {
                    self.flush_block();
                    self.enter_body();
                    if self.region == Region::Trailing {
                        self.region = Region::Body;
                    }
                    self.boxed = Boxed::Question(hit.question);
                    self.cursor = hit.cursor;
                    self.gap = true;
                }
                // After a fragment (a table row whose question cell wrapped), the
                // answer cell continues the answer above.
                if let Some(a) = hit.answer {
                    let rest = line.text.get(a..).unwrap_or("").to_string();
                    self.push_rest(line, &rest, answer_indent(line, a));
                }
            }
            Kind::OfferBlock => {
                self.flush_block();
                self.region = Region::Trailing;
                self.boxed = Boxed::Trailing;
            }
            Kind::Text => {
                // A contact's value that wrapped onto the next line.
                if self.last_was_contact
                    && self.contacts.is_open()
                    && line.bullet.is_none()
                    && (next_is_contact(lines, i) || self.contacts.awaits_value())
                    && self.contacts.continue_value(&line.text)
                {
                    return;
                }
                // A heading wrapped onto the next line.
                if self.heading_open && !self.gap && line.bullet.is_none() && continues_heading(&line.text) {
                    self.heading_open = !ends_sentence(&line.text);
                    return;
                }
                match (self.region, self.boxed) {
                    (Region::Summary(3) | Region::Trailing, _)
                    | (Region::Body, Boxed::Question(_) | Boxed::Trailing) => {
                        self.push_answer(line, &line.text.clone(), line.indent, line.bullet);
                    }
                    // Cover sheet and title lines; the executive summary's parts 1 and
                    // 2; commitments and measures: known parts, not mined.
                    (Region::Preamble, _) if line.text.split_whitespace().nth(24).is_none() => {}
                    (Region::Summary(_), _) | (Region::Body, Boxed::Template(_)) => {}
                    _ => {
                        self.skip(line);
                        return;
                    }
                }
            }
        }
        if !contact_now {
            self.contacts.finish();
        }
        self.last_was_contact = contact_now;
        self.heading_open = matches!(
            line.kind,
            Kind::SummaryPart(_)
                | Kind::Heading(_)
                | Kind::Template(_)
                | Kind::Objective { .. }
                | Kind::Boilerplate
        ) && line.inline.is_none()
            && !ends_sentence(&line.text);
        if self.heading_open {
            self.gap = false;
        }
        self.flush_skipped();
    }
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end().ends_with(['.', ':', '?', '!', ')'])
}

/// Whether a line reads as the rest of a heading: it starts in lower case, or is a
/// short phrase in capitals or ending with a colon ("International Voyages:").
fn continues_heading(text: &str) -> bool {
    let t = text.trim();
    if t.chars().next().is_some_and(char::is_lowercase) {
        return true;
    }
    t.split_whitespace().nth(8).is_none()
        && (t.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) || t.ends_with(':'))
}

/// The indent of an answer that starts on the question's line: a table's answer
/// column sits one tab in, so the lines that continue the cell line up with it.
fn answer_indent(line: &Line, answer: usize) -> u16 {
    if line.first_cell == Some(answer) { line.indent.saturating_add(4) } else { line.indent }
}

fn article(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Need => "a need",
        ItemKind::Offer => "an offer",
    }
}

/// The first words of a text, for messages.
pub(crate) fn short(text: &str) -> String {
    const MAX: usize = 60;
    match text.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", text[..i].trim_end()),
        None => text.to_string(),
    }
}

/// Walks the classified lines of a document.
pub(crate) fn walk(lines: &[Line], file: Option<&str>) -> Walk {
    let next = next_kinds(lines);
    let mut m = Machine {
        file,
        region: Region::Preamble,
        boxed: Boxed::None,
        section: None,
        summary_ctx: SummaryCtx::None,
        block: Vec::new(),
        gap: false,
        cursor: None,
        contacts: ContactBuilder::default(),
        last_was_contact: false,
        heading_open: false,
        skipped: None,
        unknown_seen: Vec::new(),
        repairs: Repairs::default(),
        walk: Walk::default(),
    };
    for i in 0..lines.len() {
        m.step(lines, i, &next);
    }
    m.flush_block();
    m.flush_skipped();
    if m.repairs.hyphens > 0 {
        let line = m.repairs.first_hyphen.unwrap_or(0);
        m.diag(
            Severity::Info,
            DiagnosticKind::Repaired,
            line,
            format!("joined {} word(s) hyphenated across lines", m.repairs.hyphens),
        );
    }
    let contacts = std::mem::take(&mut m.contacts);
    m.walk.contacts = contacts.into_contacts();
    m.walk
}
