//! A PDF page's glyphs → lines in reading order.
//!
//! 1. Glyphs under a horizontal line drawn through their middle are struck
//!    through and dropped (Word's strike-through survives printing as a line).
//! 2. Glyphs on one baseline make a line; a line is cut into segments where a
//!    vertical rule (a table border) passes or a gap wider than a column gap
//!    opens. A lone list marker ("•", "1.", "a)") stays with the text after it.
//! 3. A segment enclosed by rules on four sides is in a table cell. Cells whose
//!    top rule is the same make a row; a row is written cell by cell, each cell's
//!    lines joined into paragraphs (so an answer that wraps inside its cell stays
//!    one paragraph), and a row of one-paragraph cells as one line with the cells
//!    separated by tabs, as the Word reader writes it.
//! 4. Segments in no cell (a borderless table) are written line by line, the
//!    segments of a line separated by tabs, a line that only continues a right
//!    column starting with a tab: the flattened-table layout the parser reads.
//!
//! Rows and free lines are written top to bottom. Every step is a sort or a
//! binary search over one page's glyphs and rules.

use std::collections::BTreeMap;

use super::columns::borderless;

/// A glyph: its left end and baseline (y grows down the page), advance width,
/// font size, and where its text is in [`Page::text`] (one buffer per page rather
/// than a string per glyph: a dense page has thousands).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Glyph {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub size: f64,
    pub at: u32,
    pub len: u32,
}

impl Glyph {
    fn text<'a>(&self, page: &'a str) -> &'a str {
        let start = self.at as usize;
        page.get(start..start + self.len as usize).unwrap_or("")
    }
}

/// A straight line drawn on the page (or a thin filled rectangle), as a box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rule {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

/// How thick a line may be and still be a rule, in points.
const THIN: f64 = 2.5;
/// The most rules of either direction looked at on one page.
const MAX_RULES: usize = 20_000;
/// The most rules or glyphs one search looks at: a page drawn to make searches
/// slow (thousands of rules on one line) gets a rougher layout, not a long wait.
const LOOK: usize = 512;

impl Rule {
    pub(crate) fn new(a: (f64, f64), b: (f64, f64)) -> Rule {
        Rule { x0: a.0.min(b.0), y0: a.1.min(b.1), x1: a.0.max(b.0), y1: a.1.max(b.1) }
    }

    /// The middle, across.
    fn cx(&self) -> f64 {
        f64::midpoint(self.x0, self.x1)
    }

    /// The middle, down.
    fn cy(&self) -> f64 {
        f64::midpoint(self.y0, self.y1)
    }

    fn finite(&self) -> bool {
        [self.x0, self.y0, self.x1, self.y1].iter().all(|v| v.is_finite())
    }

    fn horizontal(&self) -> bool {
        self.y1 - self.y0 <= THIN && self.x1 - self.x0 >= 3.0
    }

    fn vertical(&self) -> bool {
        self.x1 - self.x0 <= THIN && self.y1 - self.y0 >= 3.0
    }

    pub(crate) fn is_thin(&self) -> bool {
        self.finite() && (self.horizontal() || self.vertical())
    }
}

/// One page: glyphs, their text, and rules.
#[derive(Debug, Clone, Default)]
pub(crate) struct Page {
    pub glyphs: Vec<Glyph>,
    pub text: String,
    pub rules: Vec<Rule>,
}

impl Page {
    /// Adds a glyph with its text.
    pub(crate) fn push(&mut self, x: f64, y: f64, w: f64, size: f64, text: &str) {
        let at = u32::try_from(self.text.len()).unwrap_or(u32::MAX);
        let len = u32::try_from(text.len()).unwrap_or(0);
        self.text.push_str(text);
        self.glyphs.push(Glyph { x, y, w, size, at, len });
    }
}

/// A run of glyphs on one line, between rules and column gaps.
#[derive(Debug, Clone)]
pub(crate) struct Segment {
    pub x0: f64,
    pub x1: f64,
    pub y: f64,
    pub size: f64,
    pub text: String,
}

/// Horizontal and vertical rules, each sorted by position for binary search.
struct Rules {
    /// By y (centre).
    horizontal: Vec<Rule>,
    /// By x (centre).
    vertical: Vec<Rule>,
    /// Lines under or through text, by y (centre).
    strikes: Vec<Rule>,
}

impl Rules {
    /// The rules of a page. Lines drawn under or through text (underline,
    /// strike-through) are decoration, not borders: as borders they would cut
    /// every underlined line into a row of its own. A decoration starts where its
    /// text starts (a border reaches past the text into the cell's padding) and
    /// ends at most a space past it.
    fn new(rules: &[Rule], glyphs: &[Glyph]) -> Rules {
        let mut by_y: Vec<&Glyph> = glyphs.iter().collect();
        by_y.sort_by(|a, b| a.y.total_cmp(&b.y));
        // The glyphs a horizontal rule decorates: under their baseline or through
        // their middle.
        let decorates = |r: &Rule| {
            let y = r.cy();
            let a = by_y.partition_point(|g| g.y < y - 6.0);
            let (mut lo, mut hi, mut size) = (f64::INFINITY, f64::NEG_INFINITY, 0.0_f64);
            for g in by_y[a..].iter().take_while(|g| g.y <= y + 20.0).take(LOOK) {
                if y - g.y <= 0.35 * g.size && g.y - y <= 0.6 * g.size && g.x + g.w >= r.x0 && g.x <= r.x1 {
                    lo = lo.min(g.x);
                    hi = hi.max(g.x + g.w);
                    size = size.max(g.size);
                }
            }
            // A leading or trailing space (not a glyph we keep) may be decorated too.
            lo <= r.x0 + 0.4 * size && hi >= r.x1 - 0.6 * size
        };
        let mut horizontal = Vec::new();
        let mut strikes = Vec::new();
        for r in rules.iter().filter(|r| r.horizontal()).take(MAX_RULES) {
            if decorates(r) {
                strikes.push(*r);
            } else {
                horizontal.push(*r);
            }
        }
        let mut vertical: Vec<Rule> = rules.iter().copied().filter(Rule::vertical).take(MAX_RULES).collect();
        let by_centre_y = |a: &Rule, b: &Rule| a.cy().total_cmp(&b.cy());
        horizontal.sort_by(by_centre_y);
        strikes.sort_by(by_centre_y);
        vertical.sort_by(|a, b| a.cx().total_cmp(&b.cx()));
        Rules { horizontal, vertical, strikes }
    }

    /// Decoration rules (underlines and strike-through) whose centre is within
    /// `lo..=hi`.
    fn strikes_between(&self, lo: f64, hi: f64) -> &[Rule] {
        let a = self.strikes.partition_point(|r| r.cy() < lo);
        let b = self.strikes.partition_point(|r| r.cy() <= hi);
        &self.strikes[a..b.max(a)]
    }

    /// Vertical rules whose centre is within `lo..=hi`.
    fn vertical_between(&self, lo: f64, hi: f64) -> &[Rule] {
        let a = self.vertical.partition_point(|r| r.cx() < lo);
        let b = self.vertical.partition_point(|r| r.cx() <= hi);
        &self.vertical[a..b.max(a)]
    }

    /// The nearest vertical rule at or left of `x` (`left`) or at or right of it
    /// that passes height `y`.
    fn vertical_near(&self, x: f64, y: f64, left: bool) -> Option<f64> {
        let k = self.vertical.partition_point(|r| r.cx() <= x);
        let passes = |r: &&Rule| r.y0 - 1.0 <= y && y <= r.y1 + 1.0;
        let centre = |r: &Rule| r.cx();
        if left {
            self.vertical[..k].iter().rev().take(LOOK).find(passes).map(centre)
        } else {
            self.vertical[k..].iter().take(LOOK).find(passes).map(centre)
        }
    }

    /// The nearest horizontal rule above `y` (`up`) or below it that passes `x`.
    fn horizontal_near(&self, x: f64, y: f64, up: bool) -> Option<f64> {
        let k = self.horizontal.partition_point(|r| r.cy() <= y);
        let passes = |r: &&Rule| r.x0 - 1.0 <= x && x <= r.x1 + 1.0;
        let centre = |r: &Rule| r.cy();
        if up {
            self.horizontal[..k].iter().rev().take(LOOK).find(passes).map(centre)
        } else {
            self.horizontal[k..].iter().take(LOOK).find(passes).map(centre)
        }
    }
}

/// What a page holds, in reading order: table rows and free lines.
#[derive(Debug, Clone)]
pub(crate) enum Unit {
    /// A table row: its cells left to right, each with its left border (in half
    /// points) and segments.
    Row(Vec<(i64, Vec<Segment>)>),
    /// A line outside any ruled table: its segments left to right.
    Line(Vec<Segment>),
}

/// A page laid out: its units, and what borderless tables need to be written.
#[derive(Debug, Clone, Default)]
pub(crate) struct Laid {
    pub units: Vec<Unit>,
    /// Where right columns of borderless tables start: the left ends of segments
    /// that follow another on their line.
    columns: Vec<f64>,
    /// The left end of the page's text.
    margin: f64,
}

/// A page's glyphs and rules → its units in reading order.
pub(crate) fn lay_out(page: &Page) -> Laid {
    let rules = Rules::new(&page.rules, &page.glyphs);
    let glyphs = unstruck(&page.glyphs, &rules);
    let segments = segments(&glyphs, &page.text, &rules);
    let margin = segments.iter().map(|s| s.x0).fold(f64::INFINITY, f64::min);

    // Each segment in a cell (top and left border), or free.
    let key = |v: f64| (v * 2.0).round() as i64;
    let mut rows: BTreeMap<i64, BTreeMap<i64, Vec<Segment>>> = BTreeMap::new();
    let mut free: Vec<Segment> = Vec::new();
    for s in segments {
        let mid = s.y - 0.3 * s.size;
        let x = s.x0 + 0.5;
        let cell = (|| {
            let left = rules.vertical_near(s.x0 + 1.0, mid, true)?;
            rules.vertical_near(s.x1 - 1.0, mid, false)?;
            let top = rules.horizontal_near(x, mid, true)?;
            rules.horizontal_near(x, mid, false)?;
            Some((top, left))
        })();
        match cell {
            Some((top, left)) => rows.entry(key(top)).or_default().entry(key(left)).or_default().push(s),
            None => free.push(s),
        }
    }

    // A row at its top border, a free line at its top.
    let mut units: Vec<(f64, Unit)> = Vec::new();
    for (top, cells) in rows {
        units.push((top as f64 / 2.0, Unit::Row(cells.into_iter().collect())));
    }
    units.extend(borderless(group_lines(free), margin));
    units.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut columns: Vec<f64> = Vec::new();
    for (_, u) in &units {
        if let Unit::Line(line) = u {
            columns.extend(line.iter().skip(1).map(|s| s.x0));
        }
    }
    columns.sort_by(f64::total_cmp);
    Laid { units: units.into_iter().map(|(_, u)| u).collect(), columns, margin }
}

/// Joins a table row that a page break split: the last row of a page (only free
/// lines, its footer, after it) goes on in the first row of the next page (only
/// free lines, its header, before it) when both have the same columns and the
/// text of a cell runs on: it does not end a sentence before the break, or goes
/// on in lower case after it. The continuation's lines follow the first part's,
/// so a sentence cut by the page break is one paragraph again.
pub(crate) fn join_split_rows(pages: &mut [Laid]) {
    for k in 1..pages.len() {
        let (before, after) = pages.split_at_mut(k);
        let (Some(a), Some(b)) = (before.last_mut(), after.first_mut()) else { continue };
        let Some(ia) = a.units.iter().rposition(|u| matches!(u, Unit::Row(_))) else { continue };
        let Some(ib) = b.units.iter().position(|u| matches!(u, Unit::Row(_))) else { continue };
        let (Unit::Row(first), Unit::Row(second)) = (&a.units[ia], &b.units[ib]) else { continue };
        // Every column of the continuation is one of the first part's (a cell
        // with nothing more to say has no segments on the next page).
        let same_columns = second.iter().all(|(x, _)| first.iter().any(|(y, _)| (x - y).abs() <= 4));
        let runs_on = first.iter().any(|(_, c)| {
            c.iter().max_by(|p, q| p.y.total_cmp(&q.y).then(p.x0.total_cmp(&q.x0))).is_some_and(|s| {
                !s.text.trim_end().ends_with(['.', '?', '!', ':', ';', ')', '\u{2019}', '"'])
            })
        }) || second.iter().any(|(_, c)| {
            c.iter()
                .min_by(|p, q| p.y.total_cmp(&q.y).then(p.x0.total_cmp(&q.x0)))
                .is_some_and(|s| s.text.chars().next().is_some_and(char::is_lowercase))
        });
        if !same_columns || !runs_on {
            continue;
        }
        let Unit::Row(second) = b.units.remove(ib) else { continue };
        let Unit::Row(first) = &mut a.units[ia] else { continue };
        for (left, more) in second {
            let Some((_, into)) = first.iter_mut().find(|(x, _)| (*x - left).abs() <= 4) else { continue };
            let last = into.iter().map(|s| (s.y, s.size)).max_by(|p, q| p.0.total_cmp(&q.0));
            let top = more.iter().map(|s| s.y).fold(f64::INFINITY, f64::min);
            let shift = last.map_or(0.0, |(y, size)| y + 1.2 * size - top);
            into.extend(more.into_iter().map(|mut s| {
                s.y += shift;
                s
            }));
        }
    }
}

/// A laid-out page → its lines (blank lines between paragraphs and rows).
pub(crate) fn render(page: &Laid) -> Vec<String> {
    let columns = &page.columns;
    let mut out: Vec<String> = Vec::new();
    let mut last_free = false;
    for unit in &page.units {
        match unit {
            Unit::Line(line) => {
                let mut text = String::new();
                let first = &line[0];
                let near = |x: f64| {
                    let k = columns.partition_point(|c| *c < x - 2.0);
                    columns.get(k).is_some_and(|c| (c - x).abs() <= 2.0)
                };
                if first.x0 > page.margin + 3.0 * first.size && near(first.x0) {
                    text.push('\t');
                }
                for (k, s) in line.iter().enumerate() {
                    if k > 0 {
                        text.push('\t');
                    }
                    text.push_str(&s.text);
                }
                out.push(text);
                last_free = true;
            }
            Unit::Row(cells) => {
                if last_free {
                    out.push(String::new());
                }
                last_free = false;
                let paragraphs: Vec<Vec<Paragraph>> = cells.iter().map(|(_, c)| cell_paragraphs(c)).collect();
                let filled: Vec<&Vec<Paragraph>> = paragraphs.iter().filter(|p| !p.is_empty()).collect();
                if filled.len() >= 2 && filled.iter().all(|p| p.len() == 1 && !p[0].list) {
                    out.push(filled.iter().map(|p| p[0].text.as_str()).collect::<Vec<_>>().join("\t"));
                } else {
                    for cell in filled {
                        // As the Word reader writes a cell: a blank line between
                        // paragraphs, except between two list items.
                        let mut last_list = None;
                        for p in cell {
                            if last_list.is_some_and(|l| !(l && p.list)) {
                                out.push(String::new());
                            }
                            last_list = Some(p.list);
                            out.push(if p.indented { format!("    {}", p.text) } else { p.text.clone() });
                        }
                        out.push(String::new());
                    }
                }
                out.push(String::new());
            }
        }
    }
    out
}

/// The glyphs not struck through by a horizontal rule across their middle.
fn unstruck<'a>(glyphs: &'a [Glyph], rules: &Rules) -> Vec<&'a Glyph> {
    glyphs
        .iter()
        .filter(|g| {
            let centre = g.x + g.w / 2.0;
            !rules
                .strikes_between(g.y - 0.5 * g.size, g.y - 0.15 * g.size)
                .iter()
                .take(LOOK)
                .any(|r| r.x0 <= centre && centre <= r.x1)
        })
        .collect()
}

/// Glyphs → segments: lines by baseline, cut at rules and column gaps.
fn segments(glyphs: &[&Glyph], text: &str, rules: &Rules) -> Vec<Segment> {
    let mut order: Vec<&Glyph> = glyphs.to_vec();
    order.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<Vec<&Glyph>> = Vec::new();
    for g in order {
        match lines.last_mut() {
            Some(line) if (g.y - line[0].y).abs() <= 0.35 * line[0].size.max(g.size) => line.push(g),
            _ => lines.push(vec![g]),
        }
    }
    let mut out = Vec::new();
    for mut line in lines {
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
        let mut current: Option<Segment> = None;
        for g in line {
            if let Some(mut s) = current.take() {
                let gap = g.x - s.x1;
                let mid = g.y - 0.3 * g.size;
                let border = rules
                    .vertical_between(s.x1 - 1.0, g.x + 1.0)
                    .iter()
                    .take(LOOK)
                    .any(|r| r.y0 - 1.0 <= mid && mid <= r.y1 + 1.0);
                if border || gap > 0.9 * g.size.max(s.size) {
                    out.push(s);
                } else {
                    if gap > 0.15 * g.size && !s.text.ends_with(' ') {
                        s.text.push(' ');
                    }
                    s.text.push_str(g.text(text));
                    s.x1 = s.x1.max(g.x + g.w);
                    current = Some(s);
                    continue;
                }
            }
            current = Some(Segment {
                x0: g.x,
                x1: g.x + g.w,
                y: g.y,
                size: g.size,
                text: g.text(text).to_string(),
            });
        }
        out.extend(current);
    }
    merge_markers(out)
}

/// Whether a segment is only a list marker: a bullet glyph, "1.", "(2)", "a)", "iv.";
/// also in square brackets, as `LibreOffice` prints the number of a paragraph with
/// tracked changes ("[(1)]").
fn is_marker(text: &str) -> bool {
    let t = text.trim();
    let t = t.strip_prefix('[').and_then(|t| t.strip_suffix(']')).unwrap_or(t);
    let mut chars = t.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return !c.is_alphanumeric() || c == 'o';
    }
    let core = t.trim_start_matches('(').trim_end_matches(['.', ')']);
    t.len() <= 6
        && t != core
        && !core.is_empty()
        && (core.chars().all(|c| c.is_ascii_digit())
            || (core.chars().count() == 1 && core.chars().all(|c| c.is_ascii_lowercase()))
            || core.chars().all(|c| matches!(c, 'i' | 'v' | 'x')))
}

/// Joins a lone list marker to the text after it on the same line.
fn merge_markers(segments: Vec<Segment>) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::with_capacity(segments.len());
    for s in segments {
        if let Some(prev) = out.last_mut()
            && (prev.y - s.y).abs() < 0.1
            && is_marker(&prev.text)
            && s.x0 - prev.x1 < 5.0 * s.size
        {
            prev.text.push(' ');
            prev.text.push_str(&s.text);
            prev.x1 = s.x1;
            continue;
        }
        out.push(s);
    }
    out
}

/// Free segments grouped back into their lines (in reading order).
fn group_lines(mut free: Vec<Segment>) -> Vec<Vec<Segment>> {
    free.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut lines: Vec<Vec<Segment>> = Vec::new();
    for s in free {
        match lines.last_mut() {
            Some(line) if (s.y - line[0].y).abs() <= 0.35 * s.size.max(line[0].size) => line.push(s),
            _ => lines.push(vec![s]),
        }
    }
    lines
}

/// "[(1)] text" → "(1) text" when the first word is a list marker.
fn unbracket(text: &str, list: bool) -> String {
    if list
        && let Some(rest) = text.strip_prefix('[')
        && let Some(end) = rest.find(']')
    {
        return format!("{}{}", &rest[..end], &rest[end + 1..]);
    }
    text.to_string()
}

/// A paragraph of a cell.
#[derive(Debug, Clone, PartialEq)]
struct Paragraph {
    text: String,
    /// It starts with a list marker.
    list: bool,
    /// It starts right of the cell's other paragraphs (a sub-item).
    indented: bool,
}

/// A cell's segments → its paragraphs: lines that wrap are joined (a word
/// broken at its hyphen is joined without a space). A new paragraph starts at a
/// list marker, after a gap wider than a line's spacing, or when the line before
/// ended well short of the cell's right edge: its first word would easily have
/// fitted there, so that line did not wrap.
fn cell_paragraphs(cell: &[Segment]) -> Vec<Paragraph> {
    struct Line {
        y: f64,
        size: f64,
        x0: f64,
        x1: f64,
        text: String,
    }
    let mut cell: Vec<&Segment> = cell.iter().collect();
    cell.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut lines: Vec<Line> = Vec::new();
    for s in cell {
        match lines.last_mut() {
            Some(l) if (s.y - l.y).abs() <= 0.35 * s.size => {
                l.text.push('\t');
                l.text.push_str(&s.text);
                l.x1 = l.x1.max(s.x1);
            }
            _ => lines.push(Line { y: s.y, size: s.size, x0: s.x0, x1: s.x1, text: s.text.clone() }),
        }
    }
    let right = lines.iter().map(|l| l.x1).fold(f64::NEG_INFINITY, f64::max);
    let left = lines.iter().map(|l| l.x0).fold(f64::INFINITY, f64::min);
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let mut last: Option<&Line> = None;
    for line in &lines {
        let first = line.text.split_whitespace().next().unwrap_or("");
        let marked = is_marker(first);
        let starts = match last {
            None => true,
            Some(prev) => {
                let per_char = (line.x1 - line.x0) / line.text.chars().count().max(1) as f64;
                let room = right - prev.x1;
                let fits = room > 1.5 * per_char * first.chars().count() as f64 + 2.0 * line.size;
                marked || line.y - prev.y > 1.6 * line.size || fits
            }
        };
        match paragraphs.last_mut() {
            Some(p) if !starts => {
                let hyphen =
                    p.text.ends_with('-') && p.text[..p.text.len() - 1].ends_with(char::is_alphabetic);
                if !hyphen {
                    p.text.push(' ');
                }
                p.text.push_str(&line.text);
            }
            _ => paragraphs.push(Paragraph {
                text: unbracket(&line.text, marked),
                list: marked,
                indented: marked && line.x0 > left + 0.8 * line.size,
            }),
        }
        last = Some(line);
    }
    paragraphs
}

#[cfg(test)]
mod tests;
