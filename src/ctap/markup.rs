//! Cleaning one raw line: Word, Markdown and HTML markup, struck text, indentation,
//! bullets and table cells.
//!
//! Every function here is linear in the length of the line: marks are found in one
//! pass, and text is copied once.

use crate::text::clean;

/// The family of a bullet or list marker; families tell sub-bullets from siblings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    /// `·` `•` `▪` `►` `➢`, Wingdings glyphs (private-use characters), `Ø`.
    Dot,
    /// `-` `–` `—` `+`.
    Dash,
    /// `*`.
    Star,
    /// `o` `○` `◦` `□`: Word's second-level bullets.
    Circle,
    /// `※`: a note under the item above.
    Note,
    /// `1.` `1)` `(1)`.
    Number,
    /// `a)` `(a)` `a.`.
    Letter,
    /// `i)` `(iv)`.
    Roman,
}

impl Family {
    /// Families Word and authors use for second-level lists.
    pub(crate) fn is_second_level(self) -> bool {
        matches!(self, Family::Circle | Family::Note | Family::Letter | Family::Roman)
    }
}

/// One line after cleaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cleaned {
    /// Leading white space, a tab counting four.
    pub indent: u16,
    /// The bullet or list marker the line starts with, if any.
    pub bullet: Option<Family>,
    /// The text after the marker: markup removed, [`clean`]ed, cells joined by a space.
    pub text: String,
    /// When the line has several tab-separated cells (a flattened Word table): the
    /// byte length of the first cell in `text`.
    pub first_cell: Option<usize>,
    /// Struck-through text was dropped from the line.
    pub struck: bool,
    /// The line had a form feed (a page break from PDF conversion).
    pub form_feed: bool,
}

/// Cleans one raw line (without its line terminator).
pub(crate) fn clean_line(raw: &str) -> Cleaned {
    // Zero-width marks go before bullets and markup are looked for: Word and PDF
    // paste them anywhere, and one before "• NIL" hid the bullet (and made the empty
    // answer an item).
    let raw: std::borrow::Cow<'_, str> = if !raw.is_ascii() && raw.contains(is_zero_width) {
        raw.chars().filter(|&c| !is_zero_width(c)).collect::<String>().into()
    } else {
        raw.into()
    };
    let raw = raw.as_ref();
    let form_feed = raw.contains('\u{c}');
    let (stripped, struck) = strip_markup(raw);
    let (indent, bullet, rest) = split_bullet(&stripped);
    let mut text = String::with_capacity(rest.len());
    let mut first_cell = None;
    let mut cells = 0usize;
    for cell in rest.split('\t') {
        let c = clean(cell);
        if c.is_empty() {
            continue;
        }
        if cells == 1 {
            first_cell = Some(text.len());
        }
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&c);
        cells += 1;
    }
    Cleaned { indent, bullet, text, first_cell, struck, form_feed }
}

/// Characters that take no room and carry no text: zero-width spaces and joiners,
/// direction marks, word joiner, byte-order mark, soft hyphen, replacement character.
fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{FFFD}' | '\u{00AD}')
}

/// Removes markup from a raw line and returns the text and whether struck-through
/// text was dropped.
///
/// - `~~struck~~`, `<s>…</s>`, `<del>…</del>`, `<strike>…</strike>`: dropped with their
///   content (struck text is deleted text);
/// - other HTML tags (`<u>`, `<b>`, `<span …>`): the tag is dropped, its text kept;
/// - `[text](target)`: the text is kept;
/// - `**bold**`: the asterisks are dropped;
/// - `&amp;`, `&nbsp;`, …: decoded.
pub(crate) fn strip_markup(raw: &str) -> (String, bool) {
    let fast = !raw.contains(['~', '<', '[', '*', '&']);
    if fast {
        return (raw.replace(['\u{c}', '\u{b}'], " "), false);
    }
    let (s, struck_tilde) = drop_tilde_strikes(raw);
    let (s, struck_tags) = drop_tags(&s);
    let s = unlink(&s);
    let s = drop_bold(&s);
    let s = decode_entities(&s);
    (s.replace(['\u{c}', '\u{b}'], " "), struck_tilde || struck_tags)
}

/// `a ~~b~~ c` → `a  c`; an unpaired `~~` is dropped on its own.
fn drop_tilde_strikes(s: &str) -> (String, bool) {
    if !s.contains("~~") {
        return (s.to_string(), false);
    }
    let marks: Vec<usize> = s.match_indices("~~").map(|(i, _)| i).collect();
    // `match_indices` does not overlap, so `~~~~` gives two marks.
    let mut out = String::with_capacity(s.len());
    let mut pos = 0;
    let mut struck = false;
    let mut pairs = marks.chunks(2);
    for pair in &mut pairs {
        match *pair {
            [open, close] => {
                out.push_str(&s[pos..open]);
                struck |= close > open + 2;
                pos = close + 2;
            }
            [lone] => {
                out.push_str(&s[pos..lone]);
                pos = lone + 2;
            }
            _ => {}
        }
    }
    out.push_str(&s[pos..]);
    (out, struck)
}

const STRIKE_TAGS: [&str; 3] = ["s", "del", "strike"];
const KNOWN_TAGS: [&str; 20] = [
    "u", "b", "i", "em", "strong", "ins", "br", "span", "font", "sup", "sub", "p", "div", "mark", "a", "s",
    "del", "strike", "small", "big",
];

/// Parses an HTML tag at the start of `s` (which starts with `<`): its lower-case
/// name, whether it closes, and its byte length.
fn tag_at(s: &str) -> Option<(String, bool, usize)> {
    let bytes = s.as_bytes();
    let mut i = 1;
    let closing = bytes.get(i) == Some(&b'/');
    if closing {
        i += 1;
    }
    let name_start = i;
    while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
        i += 1;
    }
    if i == name_start {
        return None;
    }
    let name = s[name_start..i].to_ascii_lowercase();
    if !KNOWN_TAGS.contains(&name.as_str()) {
        return None;
    }
    // Attributes: anything up to `>` within a short distance, no new tag inside.
    let limit = bytes.len().min(i + 300);
    while i < limit {
        match bytes[i] {
            b'>' => return Some((name, closing, i + 1)),
            b'<' => return None,
            _ => i += 1,
        }
    }
    None
}

fn drop_tags(s: &str) -> (String, bool) {
    if !s.contains('<') {
        return (s.to_string(), false);
    }
    let mut out = String::with_capacity(s.len());
    let mut struck = false;
    let mut i = 0;
    // Strike tags whose closing tag was looked for and not found: do not look again.
    let mut unclosed: Vec<&str> = Vec::new();
    while let Some(off) = s[i..].find('<') {
        let at = i + off;
        out.push_str(&s[i..at]);
        if let Some((name, closing, len)) = tag_at(&s[at..]) {
            let mut next = at + len;
            if !closing && STRIKE_TAGS.contains(&name.as_str()) && !unclosed.contains(&name.as_str()) {
                let close = format!("</{name}>");
                match find_ascii_ci(&s[next..], &close) {
                    Some(c) => {
                        struck = true;
                        next += c + close.len();
                    }
                    None => {
                        if let Some(t) = STRIKE_TAGS.iter().find(|t| **t == name) {
                            unclosed.push(t);
                        }
                    }
                }
            }
            i = next;
        } else {
            out.push('<');
            i = at + 1;
        }
    }
    out.push_str(&s[i..]);
    (out, struck)
}

/// Finds an ASCII needle in `hay`, ignoring ASCII case.
fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    let h = hay.as_bytes();
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// `[text](target)` → `text`, `![alt](target)` → `alt`.
fn unlink(s: &str) -> String {
    if !s.contains("](") {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut drop = vec![false; bytes.len()];
    let mut open: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'[' => {
                if open.len() < 64 {
                    open.push(i);
                }
                i += 1;
            }
            b']' if bytes.get(i + 1) == Some(&b'(') => {
                let Some(start) = open.pop() else {
                    i += 1;
                    continue;
                };
                let limit = bytes.len().min(i + 2 + 512);
                let close = (i + 2..limit).find(|&j| matches!(bytes[j], b')' | b'(' | b'\n'));
                match close {
                    Some(j) if bytes[j] == b')' => {
                        drop[start] = true;
                        if start > 0 && bytes[start - 1] == b'!' {
                            drop[start - 1] = true;
                        }
                        for d in &mut drop[i..=j] {
                            *d = true;
                        }
                        i = j + 1;
                    }
                    _ => i += 1,
                }
            }
            _ => i += 1,
        }
    }
    let kept: Vec<u8> = bytes.iter().zip(&drop).filter(|(_, d)| !**d).map(|(b, _)| *b).collect();
    // Only ASCII bytes were dropped, so the rest is still UTF-8.
    String::from_utf8(kept).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Drops runs of two or more `*` (Markdown bold); a single `*` (a bullet) stays.
fn drop_bold(s: &str) -> String {
    if !s.contains("**") {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut run = 0usize;
    for c in s.chars() {
        if c == '*' {
            run += 1;
            continue;
        }
        if run == 1 {
            out.push('*');
        }
        run = 0;
        out.push(c);
    }
    if run == 1 {
        out.push('*');
    }
    out
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let entity = [
            ("&nbsp;", " "),
            ("&amp;", "&"),
            ("&lt;", "<"),
            ("&gt;", ">"),
            ("&quot;", "\""),
            ("&#39;", "'"),
            ("&apos;", "'"),
        ]
        .into_iter()
        .find(|(e, _)| rest.starts_with(e));
        if let Some((e, r)) = entity {
            out.push_str(r);
            rest = &rest[e.len()..];
        } else {
            out.push('&');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

/// Splits leading white space (its width) and up to two list markers off a line.
pub(crate) fn split_bullet(s: &str) -> (u16, Option<Family>, &str) {
    let mut indent: u16 = 0;
    let mut rest = s;
    for (i, c) in s.char_indices() {
        match c {
            '\t' => indent = indent.saturating_add(4),
            ' ' | '\u{a0}' | '\u{2002}' | '\u{2003}' | '\u{2009}' => indent = indent.saturating_add(1),
            '\u{3000}' => indent = indent.saturating_add(2),
            _ => {
                rest = &s[i..];
                break;
            }
        }
        rest = &s[s.len()..];
    }
    let mut family = None;
    for _ in 0..2 {
        match marker(rest) {
            Some((f, len)) => {
                // `- ※ note`: a note marker after a bullet makes the line a note.
                family = match family {
                    Some(first) if f != Family::Note => Some(first),
                    _ => Some(f),
                };
                rest = rest[len..].trim_start_matches([' ', '\t', '\u{a0}', '\u{3000}']);
            }
            None => break,
        }
    }
    (indent, family, rest)
}

/// A list marker at the start of `s`: its family and byte length.
fn marker(s: &str) -> Option<(Family, usize)> {
    let mut chars = s.chars();
    let c = chars.next()?;
    let next = chars.next();
    let spaced = next.is_none_or(char::is_whitespace);
    let len = c.len_utf8();
    let symbol = match c {
        // Private-use characters are Wingdings and Symbol bullets pasted from Word.
        '·'
        | '•'
        | '●'
        | '▪'
        | '■'
        | '◆'
        | '►'
        | '▶'
        | '➢'
        | '➤'
        | '✓'
        | '✔'
        | '❖'
        | '◘'
        | '→'
        | '⇒'
        | '‣'
        | '⁃'
        | '∙'
        | '\u{E000}'..='\u{F8FF}' => Some(Family::Dot),
        '○' | '◦' | '□' | '◇' | '▫' => Some(Family::Circle),
        '※' => Some(Family::Note),
        'Ø' | 'ü' | '§' if spaced && next.is_some() => Some(Family::Dot),
        'o' if spaced && next.is_some() => Some(Family::Circle),
        '-' | '–' | '—' | '−' | '+' if spaced => Some(Family::Dash),
        '*' if spaced && next.is_some() => Some(Family::Star),
        '\\' if matches!(next, Some('-' | '*' | '+')) => {
            let (f, l) = marker(&s[1..])?;
            return Some((f, l + 1));
        }
        _ => None,
    };
    if let Some(f) = symbol {
        return Some((f, len));
    }
    numbered(s)
}

/// `(1)`, `1)`, `1.`, `(a)`, `a)`, `a.`, `(iv)`, `iv)` followed by white space.
fn numbered(s: &str) -> Option<(Family, usize)> {
    let bytes = s.as_bytes();
    let paren = bytes.first() == Some(&b'(');
    let start = usize::from(paren);
    let mut end = start;
    while end < bytes.len() && end - start < 5 && bytes[end].is_ascii_alphanumeric() {
        end += 1;
    }
    if end == start {
        return None;
    }
    let body = &s[start..end];
    let close = *bytes.get(end)?;
    let ok_close = if paren { close == b')' } else { close == b')' || close == b'.' };
    if !ok_close {
        return None;
    }
    let after = bytes.get(end + 1);
    if after.is_some_and(|b| !b.is_ascii_whitespace()) {
        return None;
    }
    let family = if body.len() <= 2 && body.bytes().all(|b| b.is_ascii_digit()) {
        Family::Number
    } else if is_roman(body) {
        Family::Roman
    } else if body.len() == 1 && body.bytes().all(|b| b.is_ascii_lowercase()) {
        Family::Letter
    } else {
        return None;
    };
    // `a.` / `i.` without parentheses only when text follows.
    if !paren && close == b'.' && family != Family::Number && after.is_none() {
        return None;
    }
    Some((family, end + 1))
}

fn is_roman(s: &str) -> bool {
    matches!(s, "i" | "ii" | "iii" | "iv" | "v" | "vi" | "vii" | "viii" | "ix" | "x" | "xi" | "xii")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn struck_text_is_deleted() {
        assert_eq!(strip_markup("2012~~4~~ APEC"), ("2012 APEC".to_string(), true));
        assert_eq!(strip_markup("a ~~b~~ c ~~d"), ("a  c d".to_string(), true));
        assert_eq!(strip_markup("keep <del>gone</del>kept"), ("keep kept".to_string(), true));
        assert_eq!(strip_markup("a <s>unclosed b").0, "a unclosed b");
    }

    #[test]
    fn tags_links_bold_and_entities() {
        assert_eq!(strip_markup("<u>PLEASE BE</u> AS").0, "PLEASE BE AS");
        assert_eq!(strip_markup("[WHAT SPECIFIC](#) NEEDS").0, "WHAT SPECIFIC NEEDS");
        assert_eq!(strip_markup("the [ICAO](http://icao.int) and [x] (y)").0, "the ICAO and [x] (y)");
        assert_eq!(strip_markup("**Relevant economies** to").0, "Relevant economies to");
        assert_eq!(strip_markup("R&amp;D&nbsp;x &other").0, "R&D x &other");
        assert_eq!(strip_markup("a < b and <span class=\"x\">c</span>").0, "a < b and c");
        assert_eq!(strip_markup("* bullet").0, "* bullet");
    }

    #[test]
    fn bullets_and_indent() {
        assert_eq!(split_bullet("\t· Enriching"), (4, Some(Family::Dot), "Enriching"));
        assert_eq!(split_bullet(" - Regarding"), (1, Some(Family::Dash), "Regarding"));
        assert_eq!(split_bullet(" - ※ WCO DM"), (1, Some(Family::Note), "WCO DM"));
        assert_eq!(split_bullet("\u{F0D8}\tTraining"), (0, Some(Family::Dot), "Training"));
        assert_eq!(split_bullet("Ø Training"), (0, Some(Family::Dot), "Training"));
        assert_eq!(split_bullet("o sub item"), (0, Some(Family::Circle), "sub item"));
        assert_eq!(split_bullet("(1) first"), (0, Some(Family::Number), "first"));
        assert_eq!(split_bullet("2) second"), (0, Some(Family::Number), "second"));
        assert_eq!(split_bullet("3. third"), (0, Some(Family::Number), "third"));
        assert_eq!(split_bullet("a) sub"), (0, Some(Family::Letter), "sub"));
        assert_eq!(split_bullet("(iv) sub"), (0, Some(Family::Roman), "sub"));
        assert_eq!(split_bullet("\\- escaped"), (0, Some(Family::Dash), "escaped"));
        assert_eq!(split_bullet("-"), (0, Some(Family::Dash), ""));
    }

    #[test]
    fn not_bullets() {
        for s in [
            "2009 and later",
            "10.5 million",
            "(852) 3759",
            "A. ENHANCING",
            "-3 degrees",
            "(MOLIT).",
            "or else",
        ] {
            assert_eq!(split_bullet(s).1, None, "{s}");
        }
    }

    #[test]
    fn clean_line_joins_cells_and_keeps_text() {
        let c = clean_line("\tWHAT KIND\t\tTraining on X\u{2019}s rules");
        assert_eq!(c.indent, 4);
        assert_eq!(c.text, "WHAT KIND Training on X's rules");
        assert_eq!(c.first_cell, Some("WHAT KIND".len()));
        let c = clean_line("· APEC\u{2019}s  \\$5");
        assert_eq!((c.bullet, c.text.as_str(), c.first_cell), (Some(Family::Dot), "APEC's $5", None));
        assert!(clean_line("page\u{c}").form_feed);
    }
}
