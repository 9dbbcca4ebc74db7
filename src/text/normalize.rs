//! Normalisation of text pasted from Word, PDF and HTML.

use unicode_normalization::UnicodeNormalization;

/// Cleans a line of pasted text for display and storage.
///
/// Applies Unicode NFKC (full-width letters, ligatures, non-breaking spaces), turns
/// smart quotes into ASCII quotes and dashes into `-`, drops controls, bidirectional
/// formatting characters, zero-width and private-use characters (Wingdings bullets such as U+F0D8), un-escapes Markdown
/// escapes (`\$`), and collapses runs of white space. Case is kept.
///
/// # Examples
///
/// ```
/// use capmatch::text::clean;
///
/// assert_eq!(clean("APEC\u{2019}s  \u{201C}Single\u{00A0}Window\u{201D}"), "APEC's \"Single Window\"");
/// assert_eq!(clean("US\\$100 \u{2013} fee"), "US$100 - fee");
/// assert_eq!(clean("\u{F0D8} bullet"), "bullet");
/// ```
pub fn clean(s: &str) -> String {
    // NFKC leaves ASCII as it is: skip the normaliser for the common case.
    if s.is_ascii() { clean_chars(s.chars(), s.len()) } else { clean_chars(s.nfkc(), s.len()) }
}

fn clean_chars(chars: impl Iterator<Item = char>, len: usize) -> String {
    let mut out = String::with_capacity(len);
    let mut pending_space = false;
    let mut chars = chars.peekable();
    while let Some(c) = chars.next() {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
            '\u{2026}' => {
                push_pending(&mut out, &mut pending_space);
                out.push_str("...");
                continue;
            }
            '\\' if chars.peek().is_some_and(char::is_ascii_punctuation) => continue,
            c if c.is_whitespace() => {
                pending_space = !out.is_empty();
                continue;
            }
            c if is_invisible(c) => continue,
            c => c,
        };
        push_pending(&mut out, &mut pending_space);
        out.push(c);
    }
    out
}

fn push_pending(out: &mut String, pending: &mut bool) {
    if *pending {
        out.push(' ');
        *pending = false;
    }
}

/// Characters that carry no text: controls, bidirectional embeddings, overrides and
/// isolates, zero-width marks, byte-order marks,
/// private-use glyphs (Wingdings bullets pasted from Word), replacement characters.
fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{FFFD}' | '\u{00AD}')
        || super::is_removed_control(c)
        || ('\u{E000}'..='\u{F8FF}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_space_and_trims() {
        assert_eq!(clean("  a \t b\u{3000}c  "), "a b c");
        assert_eq!(clean(""), "");
    }

    #[test]
    fn full_width_and_ligatures() {
        assert_eq!(clean("ＡＰＥＣ ﬁnance"), "APEC finance");
    }

    #[test]
    fn ascii_and_unicode_paths_agree() {
        for s in ["a\\$b  `x`\t\u{7f}y", "plain text, nothing to do", "  lead and trail  "] {
            assert_eq!(clean(s), clean_chars(s.nfkc(), s.len()), "{s:?}");
        }
    }

    #[test]
    fn keeps_a_lone_backslash() {
        assert_eq!(clean("a\\b"), "a\\b");
    }
}
