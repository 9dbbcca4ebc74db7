//! Tables drawn without borders: their columns found from the gaps between the
//! segments of a line, their rows from where the first column's text starts.
//!
//! A column starts where segments that follow another on their line start (at
//! least twice on the page). A run of lines that keep to the columns — several
//! segments each at a column's start, one segment at a right column's start, or
//! one short segment in the first column — is a table when one of its lines has
//! several segments. In it, a row starts where the first column's text starts a
//! new paragraph: after a vertical gap (the row above was taller in another
//! column) or after a line that ended short of the column's right edge; the
//! other columns' lines belong to the row that has started at their height.

use std::collections::BTreeMap;

use super::layout::{Segment, Unit};

/// Free lines → table rows where the lines keep to columns, lines elsewhere;
/// each unit with the height it starts at.
pub(crate) fn borderless(lines: Vec<Vec<Segment>>, margin: f64) -> Vec<(f64, Unit)> {
    let starts = column_starts(&lines);
    let mut out = Vec::new();
    if starts.is_empty() {
        for line in lines {
            out.push((top(&line), Unit::Line(line)));
        }
        return out;
    }
    let column = |x: f64| starts.iter().take_while(|c| **c <= x + 3.0).count();
    // At a column's start, or indented in it (a list's hanging indent).
    let at_start = |x: f64| starts.iter().any(|c| *c - 3.0 <= x && x <= c + INDENT);
    let kind = |line: &[Segment]| -> Kind {
        match line {
            [only] if column(only.x0) >= 1 && at_start(only.x0) => Kind::Right,
            [only]
                if (only.x0 - margin).abs() <= 3.0 * only.size && only.x1 < starts[0] - 0.3 * only.size =>
            {
                Kind::Left
            }
            [_, rest @ ..] if !rest.is_empty() && rest.iter().all(|s| at_start(s.x0)) => Kind::Several,
            _ => Kind::Other,
        }
    };
    let mut region: Vec<Vec<Segment>> = Vec::new();
    let mut several = false;
    let flush = |region: &mut Vec<Vec<Segment>>, several: &mut bool, out: &mut Vec<(f64, Unit)>| {
        if *several {
            out.extend(rows(std::mem::take(region), &starts, margin));
        } else {
            out.extend(region.drain(..).map(|l| (top(&l), Unit::Line(l))));
        }
        *several = false;
    };
    for line in lines {
        let k = kind(&line);
        let near = region.last().is_none_or(|prev| {
            let (p, n) = (&prev[0], &line[0]);
            n.y - p.y <= 3.0 * n.size.max(p.size)
        });
        if k == Kind::Other || !near {
            flush(&mut region, &mut several, &mut out);
        }
        if k == Kind::Other {
            out.push((top(&line), Unit::Line(line)));
            continue;
        }
        several |= k == Kind::Several;
        region.push(line);
    }
    flush(&mut region, &mut several, &mut out);
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Segments at the columns' starts.
    Several,
    /// One segment, at a right column's start.
    Right,
    /// One segment in the first column, short of the second.
    Left,
    Other,
}

fn top(line: &[Segment]) -> f64 {
    line.first().map_or(0.0, |s| s.y - s.size)
}

/// How far right of a column's start its text may be indented (list items and
/// their hanging indents), in points; columns are wider than this.
const INDENT: f64 = 40.0;

/// Where right columns start: left ends of segments that follow another on their
/// line, seen at least twice; a start indented less than [`INDENT`] from another
/// is in the same column.
fn column_starts(lines: &[Vec<Segment>]) -> Vec<f64> {
    let mut xs: Vec<f64> = lines.iter().flat_map(|l| l.iter().skip(1).map(|s| s.x0)).collect();
    xs.sort_by(f64::total_cmp);
    let mut out: Vec<f64> = Vec::new();
    let mut k = 0;
    while k < xs.len() {
        // A column's start and the indents in it are one cluster.
        let mut j = k;
        while j + 1 < xs.len() && xs[j + 1] - xs[k] <= INDENT {
            j += 1;
        }
        if j > k {
            out.push(xs[k]);
        }
        k = j + 1;
    }
    out
}

/// A table's lines → its rows.
fn rows(lines: Vec<Vec<Segment>>, starts: &[f64], margin: f64) -> Vec<(f64, Unit)> {
    let column = |x: f64| starts.iter().take_while(|c| **c <= x + 3.0).count();
    let key = |k: usize| {
        let x = if k == 0 { margin } else { starts[k - 1] };
        (x * 2.0).round() as i64
    };
    // The right edge of the first column's text, for "ended short".
    let right =
        lines.iter().flatten().filter(|s| column(s.x0) == 0).map(|s| s.x1).fold(f64::NEG_INFINITY, f64::max);
    let mut rows: Vec<(f64, BTreeMap<usize, Vec<Segment>>)> = Vec::new();
    let mut last_left: Option<Segment> = None;
    for segment in lines.into_iter().flatten() {
        let k = column(segment.x0);
        if k == 0 {
            let starts_row = last_left.as_ref().is_none_or(|prev| {
                let first = segment.text.split_whitespace().next().unwrap_or("");
                let per_char = (segment.x1 - segment.x0) / segment.text.chars().count().max(1) as f64;
                let room = right - prev.x1;
                segment.y - prev.y > 1.6 * segment.size
                    || room > 1.5 * per_char * first.chars().count() as f64 + 2.0 * segment.size
            });
            if starts_row || rows.is_empty() {
                // Lines of other columns at this height belong to the new row.
                let mut moved: BTreeMap<usize, Vec<Segment>> = BTreeMap::new();
                if let Some((_, cells)) = rows.last_mut() {
                    for (&c, segs) in cells.iter_mut().filter(|(c, _)| **c > 0) {
                        let (stay, go): (Vec<Segment>, Vec<Segment>) =
                            segs.drain(..).partition(|s| s.y < segment.y - 0.5 * segment.size);
                        *segs = stay;
                        if !go.is_empty() {
                            moved.insert(c, go);
                        }
                    }
                }
                rows.push((segment.y - segment.size, moved));
            }
            last_left = Some(segment.clone());
        } else if rows.is_empty() {
            rows.push((segment.y - segment.size, BTreeMap::new()));
        }
        if let Some((_, cells)) = rows.last_mut() {
            cells.entry(k).or_default().push(segment);
        }
    }
    rows.into_iter()
        .map(|(y, cells)| {
            let cells = cells.into_iter().filter(|(_, s)| !s.is_empty()).map(|(k, s)| (key(k), s)).collect();
            (y, Unit::Row(cells))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(x0: f64, y: f64, text: &str) -> Segment {
        Segment { x0, x1: x0 + 5.0 * text.chars().count() as f64, y, size: 10.0, text: text.to_string() }
    }

    #[test]
    fn rows_start_where_the_first_column_starts_a_paragraph() {
        // Question | answer, twice; the first question is taller, the second answer.
        let lines = vec![
            vec![seg(10.0, 20.0, "WHAT SPECIFIC NEEDS"), seg(200.0, 20.0, "Training on")],
            vec![seg(10.0, 32.0, "DOES YOUR ECONOMY HAVE"), seg(200.0, 32.0, "screening.")],
            vec![seg(10.0, 44.0, "(E.G.)")],
            vec![seg(10.0, 56.0, "WHAT KIND OF EXPERTISE?"), seg(200.0, 56.0, "Korea could offer")],
            vec![seg(200.0, 68.0, "trainers.")],
            vec![seg(10.0, 120.0, "A paragraph after the table that runs right across the page.")],
        ];
        let units = borderless(lines, 10.0);
        let texts: Vec<Vec<Vec<&str>>> = units
            .iter()
            .map(|(_, u)| match u {
                Unit::Row(cells) => {
                    cells.iter().map(|(_, c)| c.iter().map(|s| s.text.as_str()).collect()).collect()
                }
                Unit::Line(l) => vec![l.iter().map(|s| s.text.as_str()).collect()],
            })
            .collect();
        assert_eq!(
            texts,
            vec![
                vec![
                    vec!["WHAT SPECIFIC NEEDS", "DOES YOUR ECONOMY HAVE", "(E.G.)"],
                    vec!["Training on", "screening."]
                ],
                vec![vec!["WHAT KIND OF EXPERTISE?"], vec!["Korea could offer", "trainers."]],
                vec![vec!["A paragraph after the table that runs right across the page."]],
            ]
        );
    }

    #[test]
    fn hanging_indents_are_not_columns() {
        let lines = vec![
            vec![seg(10.0, 20.0, "Q"), seg(200.0, 20.0, "1) first item")],
            vec![seg(10.0, 32.0, "Q2"), seg(218.0, 32.0, "goes on")],
            vec![seg(10.0, 44.0, "Q3"), seg(218.0, 44.0, "and on")],
        ];
        assert_eq!(column_starts(&lines), vec![200.0]);
    }
}
