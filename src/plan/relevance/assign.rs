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
/// O(n³) for n = max(rows, columns) (an edition has a few dozen needs).
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
    let mut links: Vec<(usize, usize, f64)> = assignment
        .into_iter()
        .enumerate()
        .map(|(i, j)| if transposed { (j, i) } else { (i, j) })
        .filter(|&(r, c)| weight(r, c) > 0)
        .map(|(r, c)| (r, c, probabilities[r][c]))
        .collect();
    links.sort_unstable_by_key(|l| (l.0, l.1));
    links
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
