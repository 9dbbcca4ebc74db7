//! Near-identical texts: one item written twice, as the Word document and as the PDF
//! printed from it, or retyped with other line breaks.
//!
//! Both texts are *squeezed* to the matcher's words ([`words`]: lower-case letters
//! and digits) joined without spaces, so that white space, line wraps, a word
//! hyphenated across a line end and punctuation do not count. Then the two squeezed
//! texts are aligned (the longest common subsequence of characters, found with
//! Myers' O((N+M)·D) diff, stopped early past the bound):
//!
//! - **lost**: characters of the shorter text that the longer lacks — a word
//!   replaced by another loses most of its letters, which is what tells two
//!   different needs apart however many words they share;
//! - **added**: characters the longer text has beyond the shorter — a page number
//!   or a footer line that PDF extraction left inside the item.
//!
//! Two texts are near-identical when lost ≤ [`MAX_LOST`] and added ≤ [`MAX_ADDED`],
//! and every number of the shorter is in the longer: extraction adds page numbers
//! but never changes a number, and a changed number (Resolution 1373 or 1267, 2015
//! or 2016) is another item.
//! The bounds come from measurements: two different items of one kind and section
//! in one submission lose at least 16 characters in the bundled CTAPs and corpora
//! (34 pairs) and at least 10 in a synthetic corpus of 3,000 needs and 3,000 offers
//! (5,976 pairs, seed 7); the PDF renderings of the bundled CTAPs (lines rewrapped
//! at 50, 60 and 75 columns, words hyphenated at the wrap, a footer or page number
//! left inside an item) lose 0 and add 1 to 17, and a whole footer line such as
//! `APEC CTAP 2016 – Peru Page 2 of 4` adds 24.

use super::words;

/// The most characters of the shorter squeezed text the longer may lack.
pub const MAX_LOST: usize = 2;

/// The most characters the longer squeezed text may add.
pub const MAX_ADDED: usize = 32;

/// The text squeezed for comparison: its lower-case words joined without spaces.
///
/// # Examples
///
/// ```
/// use capmatch::text::squeeze;
///
/// assert_eq!(squeeze("Cyber-crime  investi-\ngation, (AML/CFT)"), "cybercrimeinvestigationamlcft");
/// ```
pub fn squeeze(text: &str) -> String {
    words(text).concat()
}

/// How two texts differ once [squeezed](squeeze): characters of the shorter the
/// longer lacks (`lost`) and characters the longer adds (`added`); `None` when
/// lost + added would exceed `bound`.
///
/// # Complexity
///
/// O((N + M) · bound) time and O(bound) memory for texts of N and M characters.
///
/// # Examples
///
/// ```
/// use capmatch::text::squeezed_difference;
///
/// // A page footer left inside the PDF's item ("page2of4"): added, nothing lost.
/// let docx = "Training on cyber crime investigation would be useful.";
/// let pdf = "Training on cyber crime investi- gation Page 2 of 4 would be useful.";
/// assert_eq!(squeezed_difference(docx, pdf, 40), Some((0, 8)));
/// // One word replaced: the letters of either that the other lacks are lost and added.
/// let other = "Training on cyber crime prosecution would be useful.";
/// assert_eq!(squeezed_difference(docx, other, 40), Some((6, 8)));
/// ```
pub fn squeezed_difference(a: &str, b: &str, bound: usize) -> Option<(usize, usize)> {
    let a: Vec<char> = squeeze(a).chars().collect();
    let b: Vec<char> = squeeze(b).chars().collect();
    let (short, long) = if a.len() <= b.len() { (&a, &b) } else { (&b, &a) };
    let d = indel_distance(short, long, bound)?;
    let grow = long.len() - short.len();
    // d = lost + added, added = lost + grow.
    let lost = (d - grow) / 2;
    Some((lost, lost + grow))
}

/// Whether two texts say the same thing in the same words, up to how they were
/// extracted: once [squeezed](squeeze), the longer lacks at most [`MAX_LOST`]
/// characters of the shorter and adds at most [`MAX_ADDED`], and every number of the
/// shorter (a resolution, a year, a count) is in the longer. Texts that squeeze to
/// nothing are near-identical to nothing.
///
/// # Examples
///
/// ```
/// use capmatch::text::near_identical;
///
/// let docx = "Specialised training for customs officers in the interpretation of x-ray images.";
/// let pdf = "Specialised training for customs officers in the inter-\npretation of x-ray\nAPEC CTAP 2016 - Peru Page 2 of 4\nimages.";
/// assert!(near_identical(docx, pdf));
/// // Same words but one: two needs, not one.
/// let other = "Specialised training for immigration officers in the interpretation of x-ray images.";
/// assert!(!near_identical(docx, other));
/// ```
pub fn near_identical(a: &str, b: &str) -> bool {
    near_identical_squeezed(&Squeezed::new(a), &Squeezed::new(b))
}

/// A text [squeezed](squeeze), as characters, with its numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Squeezed {
    chars: Vec<char>,
    /// The runs of digits in its words, sorted.
    numbers: Vec<String>,
}

impl Squeezed {
    pub(crate) fn new(text: &str) -> Squeezed {
        let words = words(text);
        let mut numbers: Vec<String> = words
            .iter()
            .flat_map(|w| w.split(|c: char| !c.is_ascii_digit()).filter(|run| !run.is_empty()))
            .map(str::to_string)
            .collect();
        numbers.sort_unstable();
        Squeezed { chars: words.concat().chars().collect(), numbers }
    }
}

/// Whether every number of `a` is in `b`.
fn numbers_in(a: &Squeezed, b: &Squeezed) -> bool {
    a.numbers.iter().all(|n| b.numbers.binary_search(n).is_ok())
}

/// [`near_identical`] on texts already squeezed.
pub(crate) fn near_identical_squeezed(a: &Squeezed, b: &Squeezed) -> bool {
    let (n, m) = (a.chars.len(), b.chars.len());
    if n == 0 || m == 0 || n.abs_diff(m) > MAX_ADDED {
        return false;
    }
    let (short, long) = if n <= m { (a, b) } else { (b, a) };
    // A number is what tells Resolution 1373 from Resolution 1267; extraction only
    // adds numbers (page numbers), never changes them.
    if !numbers_in(short, long) || n == m && !numbers_in(long, short) {
        return false;
    }
    let grow = long.chars.len() - short.chars.len();
    // lost ≤ MAX_LOST and added ≤ MAX_ADDED bound lost + added = 2·lost + grow.
    indel_distance(&short.chars, &long.chars, 2 * MAX_LOST + grow)
        .is_some_and(|d| (d - grow) / 2 + grow <= MAX_ADDED)
}

/// The insert/delete edit distance of `a` and `b` (|a| + |b| − 2·LCS), if at most
/// `bound`: Myers' greedy diff, which stops after `bound` rounds.
fn indel_distance(a: &[char], b: &[char], bound: usize) -> Option<usize> {
    // Common ends cost nothing and are most of a near-identical pair.
    let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[head..], &b[head..]);
    let tail = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[..a.len() - tail], &b[..b.len() - tail]);
    let (len_a, len_b) = (a.len(), b.len());
    if len_a.abs_diff(len_b) > bound {
        return None;
    }
    // `furthest[mid + k]`: the furthest position in `a` reached on diagonal k (the
    // position in `a` minus the position in `b`), for k in -bound..=bound.
    let mid = bound + 1;
    let mut furthest = vec![0usize; 2 * bound + 3];
    for rounds in 0..=bound {
        for diagonal in (mid - rounds..=mid + rounds).step_by(2) {
            let down = diagonal == mid - rounds
                || (diagonal != mid + rounds && furthest[diagonal - 1] < furthest[diagonal + 1]);
            let mut pos_a = if down { furthest[diagonal + 1] } else { furthest[diagonal - 1] + 1 };
            let Some(mut pos_b) = (pos_a + mid).checked_sub(diagonal) else { continue };
            while pos_a < len_a && pos_b < len_b && a[pos_a] == b[pos_b] {
                pos_a += 1;
                pos_b += 1;
            }
            furthest[diagonal] = pos_a;
            if pos_a >= len_a && pos_b >= len_b {
                return Some(rounds);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    /// The textbook dynamic programme, to check the diff against.
    fn lcs_distance(a: &[char], b: &[char]) -> usize {
        let mut row = vec![0usize; b.len() + 1];
        for x in a {
            let mut diag = 0;
            for (j, y) in b.iter().enumerate() {
                let up = row[j + 1];
                row[j + 1] = if x == y { diag + 1 } else { up.max(row[j]) };
                diag = up;
            }
        }
        a.len() + b.len() - 2 * row[b.len()]
    }

    #[test]
    fn the_diff_agrees_with_the_dynamic_programme() {
        let cases = [
            ("", ""),
            ("abc", ""),
            ("", "abc"),
            ("kitten", "sitting"),
            ("customsofficials", "immigrationofficials"),
            ("abcabba", "cbabac"),
            ("trainingoncybercrime", "trainingoncybercrimepage2of4"),
        ];
        for (a, b) in cases {
            let exact = lcs_distance(&chars(a), &chars(b));
            assert_eq!(indel_distance(&chars(a), &chars(b), 64), Some(exact), "{a} / {b}");
            assert_eq!(indel_distance(&chars(b), &chars(a), 64), Some(exact), "{b} / {a}");
            if exact > 0 {
                assert_eq!(
                    indel_distance(&chars(a), &chars(b), exact - 1),
                    None,
                    "{a} / {b} under the bound"
                );
            }
        }
    }

    #[test]
    fn the_diff_agrees_on_every_short_pair() {
        // Every pair of strings over {a, b} of length up to 6.
        let all: Vec<Vec<char>> = (0..=6u32)
            .flat_map(|len| {
                (0..1u32 << len)
                    .map(move |bits| (0..len).map(|i| if bits >> i & 1 == 1 { 'b' } else { 'a' }).collect())
            })
            .collect();
        for a in &all {
            for b in &all {
                assert_eq!(indel_distance(a, b, 12), Some(lcs_distance(a, b)), "{a:?} / {b:?}");
            }
        }
    }

    #[test]
    fn wraps_hyphens_and_footers_are_the_same_item() {
        let docx = "Sharing of best practices on the risk-based selection of export cargo for inspection.";
        for pdf in [
            // Rewrapped lines, other spacing.
            "Sharing of best practices on the risk-based\nselection of  export cargo for\ninspection.",
            // A word hyphenated across a line end, left split.
            "Sharing of best practices on the risk-based selec-\ntion of export cargo for inspection.",
            // A page footer and number caught inside the item.
            "Sharing of best practices on the risk-based selection of export APEC CTAP 2016 – Peru Page 2 of 4 \
             cargo for inspection.",
            // A page number alone, and a bullet glyph PDF extraction turned into a letter.
            "o Sharing of best practices on the risk-based selection of export cargo for inspection. 12",
        ] {
            assert!(near_identical(docx, pdf), "{pdf}");
            assert!(near_identical(pdf, docx), "{pdf}");
        }
    }

    #[test]
    fn different_needs_that_share_most_words_are_not_folded() {
        let pairs = [
            (
                "Training on the inspection of air cargo at international airports would be useful.",
                "Training on the screening of air passengers at international airports would be useful.",
            ),
            (
                "Workshops on risk management for customs officials from ASEAN economies.",
                "Workshops on risk management for immigration officials from ASEAN economies.",
            ),
            (
                "Capacity building on the implementation of UN Security Council Resolution 1373.",
                "Capacity building on the implementation of UN Security Council Resolution 1267.",
            ),
            // A year changed: another item, though two characters differ.
            (
                "Participation in the 2015 APEC workshop on AEO mutual recognition.",
                "Participation in the 2016 APEC workshop on AEO mutual recognition.",
            ),
            // A more specific need is another need, not a footer.
            (
                "Training on cyber crime investigation.",
                "Training on cyber crime investigation for prosecutors and judges of the supreme and district \
                 courts.",
            ),
        ];
        for (a, b) in pairs {
            assert!(!near_identical(a, b), "{a} / {b}: {:?}", squeezed_difference(a, b, 200));
        }
    }

    #[test]
    fn empty_texts_match_nothing() {
        assert!(!near_identical("", ""));
        assert!(!near_identical("...", "---"));
        assert!(near_identical("AEO", "AEO."));
    }
}
