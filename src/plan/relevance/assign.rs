//! Optimal one-to-one linking of two lists of needs over their relevance.

use pathfinding::prelude::{Matrix, kuhn_munkres};

/// Probabilities are scaled to integers for Kuhn–Munkres (which needs an exact,
/// ordered weight type): a millionth is far below any difference that matters and
/// far above rounding noise.
const SCALE: f64 = 1e6;

/// The one-to-one links between rows and columns that maximise the sum of their
/// probabilities, among the pairs whose probability is at least `min` (pairs below
/// it are never linked): `(row, column, probability)`, by row.
///
/// `probabilities[r][c]` is the probability of row `r` with column `c`; rows must
/// all have the same length. Optimal (Kuhn–Munkres, via the `pathfinding` crate),
/// not greedy: a row whose best column fits another row better gives it up when
/// that raises the total.
///
/// # Complexity
///
/// O(r·c) to split the pairs at or above `min` into connected components, then
/// O(k³) per component of k rows and columns (an edition has a few dozen needs).
///
/// # Examples
///
/// ```
/// use capmatch::plan::relevance::one_to_one;
///
/// // Greedy would link row 0 to column 0 (0.9) and leave row 1 with nothing above 0.5;
/// // the optimum links 0–1 and 1–0.
/// let p = vec![vec![0.9, 0.8], vec![0.85, 0.1]];
/// assert_eq!(one_to_one(&p, 0.5), [(0, 1, 0.8), (1, 0, 0.85)]);
/// assert!(one_to_one(&p, 0.95).is_empty());
/// ```
pub fn one_to_one(probabilities: &[Vec<f64>], min: f64) -> Vec<(usize, usize, f64)> {
    let rows = probabilities.len();
    let columns = probabilities.iter().map(Vec::len).max().unwrap_or(0);
    let eligible = |r: usize, c: usize| probabilities[r].get(c).is_some_and(|&p| p >= min && p.is_finite());
    // Pairs below `min` are never linked, so the rows and columns that no eligible
    // pair connects are independent problems: solve each connected component on
    // its own (the same optimum, at O(k³) for a component of k instead of O(n³)).
    let mut parent: Vec<usize> = (0..rows + columns).collect();
    for r in 0..rows {
        for c in 0..columns {
            if eligible(r, c) {
                let (a, b) = (find(&mut parent, r), find(&mut parent, rows + c));
                if a != b {
                    parent[a.max(b)] = a.min(b);
                }
            }
        }
    }
    let mut components: std::collections::BTreeMap<usize, (Vec<usize>, Vec<usize>)> =
        std::collections::BTreeMap::new();
    for r in 0..rows {
        let root = find(&mut parent, r);
        components.entry(root).or_default().0.push(r);
    }
    for c in 0..columns {
        let root = find(&mut parent, rows + c);
        components.entry(root).or_default().1.push(c);
    }
    let mut links = Vec::new();
    for (component_rows, component_columns) in components.values() {
        if component_rows.is_empty() || component_columns.is_empty() {
            continue;
        }
        let sub: Vec<Vec<f64>> = component_rows
            .iter()
            .map(|&r| {
                component_columns.iter().map(|&c| probabilities[r].get(c).copied().unwrap_or(0.0)).collect()
            })
            .collect();
        links.extend(
            dense(&sub, min).into_iter().map(|(r, c, p)| (component_rows[r], component_columns[c], p)),
        );
    }
    links.sort_unstable_by_key(|l| (l.0, l.1));
    links
}

/// The root of `x` in a union–find forest, halving paths on the way.
fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// Kuhn–Munkres on one dense matrix (see [`one_to_one`]).
fn dense(probabilities: &[Vec<f64>], min: f64) -> Vec<(usize, usize, f64)> {
    let rows = probabilities.len();
    let columns = probabilities.iter().map(Vec::len).max().unwrap_or(0);
    if rows == 0 || columns == 0 {
        return Vec::new();
    }
    let weight = |r: usize, c: usize| -> i64 {
        match probabilities[r].get(c) {
            Some(&p) if p >= min && p.is_finite() => (p.clamp(0.0, 1.0) * SCALE).round() as i64 + 1,
            _ => 0,
        }
    };
    // Kuhn–Munkres wants no more rows than columns: transpose when needed.
    let transposed = rows > columns;
    let (height, width) = if transposed { (columns, rows) } else { (rows, columns) };
    let matrix =
        Matrix::from_fn(height, width, |(i, j)| if transposed { weight(j, i) } else { weight(i, j) });
    let (_, assignment) = kuhn_munkres(&matrix);
    assignment
        .into_iter()
        .enumerate()
        .map(|(i, j)| if transposed { (j, i) } else { (i, j) })
        .filter(|&(r, c)| weight(r, c) > 0)
        .map(|(r, c)| (r, c, probabilities[r][c]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_rows_than_columns_and_empty_inputs() {
        let p = vec![vec![0.2], vec![0.7], vec![0.6]];
        assert_eq!(one_to_one(&p, 0.5), [(1, 0, 0.7)]);
        assert!(one_to_one(&[], 0.5).is_empty());
        assert!(one_to_one(&[vec![]], 0.5).is_empty());
    }

    #[test]
    fn components_are_solved_apart_with_the_same_optimum() {
        // Two independent blocks, and a row and a column with nothing eligible.
        let p = vec![
            vec![0.9, 0.8, 0.0, 0.0, 0.1],
            vec![0.85, 0.1, 0.0, 0.0, 0.1],
            vec![0.0, 0.0, 0.7, 0.6, 0.1],
            vec![0.0, 0.0, 0.65, 0.2, 0.1],
            vec![0.1, 0.1, 0.1, 0.1, 0.1],
        ];
        assert_eq!(one_to_one(&p, 0.5), [(0, 1, 0.8), (1, 0, 0.85), (2, 3, 0.6), (3, 2, 0.65)]);
        assert_eq!(dense(&p, 0.5), one_to_one(&p, 0.5));
    }

    #[test]
    fn nothing_below_the_minimum_and_each_once() {
        let p = vec![vec![0.6, 0.6, 0.1], vec![0.6, 0.6, 0.1], vec![0.6, 0.6, 0.1]];
        let links = one_to_one(&p, 0.5);
        assert_eq!(links.len(), 2);
        let mut cols: Vec<usize> = links.iter().map(|l| l.1).collect();
        cols.dedup();
        assert_eq!(cols.len(), 2);
        assert!(links.iter().all(|l| l.2 >= 0.5));
    }
}
