//! Control characters removed from every input: they carry no text, and some of them
//! act on whoever displays the text (a terminal escape sequence retitles the window or
//! clears the screen; a bidirectional override makes a line read in another order
//! than it is stored).
//!
//! Removed: C0 and C1 controls (U+0000–U+001F, U+007F–U+009F) other than tab and
//! the line breaks LF, VT, FF and CR, and the bidirectional embedding, override and
//! isolate characters U+202A–U+202E and U+2066–U+2069. Kept: everything else,
//! including the marks U+200E and U+200F, which [`clean`](super::clean) drops from
//! CTAP lines anyway.

use std::borrow::Cow;

/// Whether `c` is removed from input text: a C0 or C1 control other than tab and a
/// line break (LF, VT, FF, CR), or a bidirectional embedding, override or isolate.
///
/// # Examples
///
/// ```
/// use capmatch::text::is_removed_control;
///
/// assert!(is_removed_control('\u{1b}'));  // ESC, starts terminal escape sequences
/// assert!(is_removed_control('\u{9b}'));  // CSI, the C1 form of ESC [
/// assert!(is_removed_control('\u{202e}')); // right-to-left override
/// assert!(!is_removed_control('\t'));
/// assert!(!is_removed_control('\n'));
/// assert!(!is_removed_control('é'));
/// ```
pub fn is_removed_control(c: char) -> bool {
    match c {
        '\t' | '\n' | '\u{0b}' | '\u{0c}' | '\r' => false,
        '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

/// Text with the [removed controls](is_removed_control) taken out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stripped<'a> {
    /// The text without them (borrowed when there were none).
    pub text: Cow<'a, str>,
    /// How many were removed.
    pub removed: usize,
    /// The byte offset, in the original text, of the first one removed.
    pub first: Option<usize>,
}

/// Removes the [removed controls](is_removed_control) from `text`.
///
/// # Examples
///
/// ```
/// use capmatch::text::strip_controls;
///
/// let s = strip_controls("Training\u{1b}]0;pwned\u{7} on \u{202e}AML\u{202c}");
/// assert_eq!(s.text, "Training]0;pwned on AML");
/// assert_eq!((s.removed, s.first), (4, Some(8)));
/// assert_eq!(strip_controls("tab\tand\nline").removed, 0);
/// ```
pub fn strip_controls(text: &str) -> Stripped<'_> {
    let Some(first) = text.char_indices().find(|(_, c)| is_removed_control(*c)).map(|(i, _)| i) else {
        return Stripped { text: Cow::Borrowed(text), removed: 0, first: None };
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first]);
    let mut removed = 0;
    for c in text[first..].chars() {
        if is_removed_control(c) {
            removed += 1;
        } else {
            out.push(c);
        }
    }
    Stripped { text: Cow::Owned(out), removed, first: Some(first) }
}

/// Removes the [removed controls](is_removed_control) from the strings of JSON text:
/// written raw (DEL, C1 controls, bidirectional characters in UTF-8) or as escapes
/// (`\u001b`, `\b`, `\u202E`). Raw C0 controls are left alone: JSON does not allow
/// them in strings, and the JSON reader reports them where they are. Line breaks
/// are never removed, so line numbers stay right.
///
/// Returns the JSON (borrowed when nothing was removed), how many characters were
/// removed, and the byte offset of the first.
pub(crate) fn strip_json_controls(json: &[u8]) -> (Cow<'_, [u8]>, usize, Option<usize>) {
    // Every removal starts at a backslash, DEL, or the first byte of a C1 control
    // or bidirectional character. Most JSON has none of those bytes: one pass
    // without early exit (which the compiler vectorises) says so, at a fraction
    // of the cost of the walk through strings below.
    let starts_removal = |b: u8| matches!(b, b'\\' | 0x7f | 0xc2 | 0xe2);
    if !json.chunks(4096).any(|c| c.iter().fold(false, |seen, &b| seen | starts_removal(b))) {
        return (Cow::Borrowed(json), 0, None);
    }
    let mut out: Option<Vec<u8>> = None;
    let mut removed = 0;
    let mut first = None;
    // Bytes of `json[copied..i]` still to be copied into `out`.
    let mut copied = 0;
    let mut in_string = false;
    let mut i = 0;
    let mut cut = |out: &mut Option<Vec<u8>>, copied: &mut usize, start: usize, end: usize| {
        let buf = out.get_or_insert_with(|| Vec::with_capacity(json.len()));
        buf.extend_from_slice(&json[*copied..start]);
        *copied = end;
        removed += 1;
        first.get_or_insert(start);
    };
    while i < json.len() {
        let b = json[i];
        if !in_string {
            in_string = b == b'"';
            i += 1;
            continue;
        }
        match b {
            b'"' => {
                in_string = false;
                i += 1;
            }
            b'\\' => {
                let len = match json.get(i + 1) {
                    Some(b'b') => {
                        cut(&mut out, &mut copied, i, i + 2);
                        0
                    }
                    Some(b'u') => {
                        let code = json
                            .get(i + 2..i + 6)
                            .and_then(|h| std::str::from_utf8(h).ok())
                            .and_then(|h| u32::from_str_radix(h, 16).ok());
                        match code.and_then(char::from_u32) {
                            Some(c) if is_removed_control(c) => {
                                cut(&mut out, &mut copied, i, i + 6);
                                0
                            }
                            _ => 6,
                        }
                    }
                    _ => 2,
                };
                // A removed escape has moved `copied` past itself.
                i = if len == 0 { copied } else { i + len };
            }
            0x7f => {
                cut(&mut out, &mut copied, i, i + 1);
                i += 1;
            }
            // U+0080–U+009F: C2 80–C2 9F.
            0xc2 if json.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)) => {
                cut(&mut out, &mut copied, i, i + 2);
                i += 2;
            }
            // U+202A–U+202E: E2 80 AA–AE; U+2066–U+2069: E2 81 A6–A9.
            0xe2 if matches!(
                (json.get(i + 1), json.get(i + 2)),
                (Some(0x80), Some(0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
            ) =>
            {
                cut(&mut out, &mut copied, i, i + 3);
                i += 3;
            }
            _ => i += 1,
        }
    }
    match out {
        None => (Cow::Borrowed(json), 0, None),
        Some(mut buf) => {
            buf.extend_from_slice(&json[copied..]);
            (Cow::Owned(buf), removed, first)
        }
    }
}

/// The 1-based line of byte offset `at` in `bytes`.
// Counted once per file with controls; not worth a byte-counting dependency.
#[allow(clippy::naive_bytecount)]
pub(crate) fn line_of(bytes: &[u8], at: usize) -> u32 {
    let n = bytes.get(..at).map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count());
    u32::try_from(n).unwrap_or(u32::MAX - 1) + 1
}

/// The warning for `removed` controls taken out of a file, the first at `at`.
pub(crate) fn removed_warning(at: crate::Location, removed: usize) -> crate::Diagnostic {
    let what = if removed == 1 { "character" } else { "characters" };
    crate::Diagnostic::new(
        crate::Severity::Warning,
        crate::DiagnosticKind::Repaired,
        at,
        format!(
            "removed {removed} control {what} (terminal escapes, bidirectional overrides); the first on this line"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(s: &str) -> (String, usize, Option<usize>) {
        let (out, n, first) = strip_json_controls(s.as_bytes());
        (String::from_utf8(out.into_owned()).unwrap(), n, first)
    }

    #[test]
    fn c0_c1_and_bidi_go_tab_and_line_breaks_stay() {
        for c in ['\0', '\u{7}', '\u{8}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9b}', '\u{202a}', '\u{2069}'] {
            assert!(is_removed_control(c), "{c:?}");
        }
        for c in ['\t', '\n', '\r', '\u{b}', '\u{c}', ' ', '\u{a0}', '\u{200e}', '\u{2028}', '\u{2070}'] {
            assert!(!is_removed_control(c), "{c:?}");
        }
    }

    #[test]
    fn json_escapes_and_raw_characters_are_removed_inside_strings() {
        let (out, n, first) = json(r#"{"text": "a\u001b[2Jb\u009B1m\bc", "x": "\u202Ed"}"#);
        assert_eq!(out, r#"{"text": "a[2Jb1mc", "x": "d"}"#);
        assert_eq!((n, first), (4, Some(11)));
        let (out, n, _) = json("{\"t\": \"a\u{85}b\u{202e}c\u{7f}\"}");
        assert_eq!((out.as_str(), n), ("{\"t\": \"abc\"}", 3));
        // Kept: other escapes, an escaped backslash before `u001b`, tab and line escapes.
        let kept = r#"{"t": "a\\u001b \"q\" \t\n\f\r \u00e9 \ud83d\ude00 \u0009"}"#;
        assert_eq!(json(kept), (kept.to_string(), 0, None));
    }

    #[test]
    fn json_outside_strings_and_broken_escapes_are_left_to_the_reader() {
        for s in ["{\"a\": 1}\u{202e}", r#"{"a": "\u00"}"#, r#"{"a": "\"#, "\"\u{c2}"] {
            assert_eq!(json(s), (s.to_string(), 0, None), "{s:?}");
        }
    }

    #[test]
    fn lines_are_counted_from_one() {
        assert_eq!(line_of(b"a\nb\nc", 4), 3);
        assert_eq!(line_of(b"abc", 0), 1);
    }
}
