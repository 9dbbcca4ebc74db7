//! Escaping for each output format.

/// Escapes text for a Markdown table cell or inline text: the characters Markdown
/// gives meaning to are backslash-escaped, pipes included, and line breaks become
/// spaces so a cell stays on one line. Control characters that the readers remove
/// ([`is_removed_control`](crate::text::is_removed_control)) are dropped here too,
/// for text that did not come through them: a Markdown file is read in terminals.
///
/// # Examples
///
/// ```
/// use capmatch::report::markdown_escape;
///
/// assert_eq!(markdown_escape("a|b *c* <d>\nnext"), r"a\|b \*c\* \<d\> next");
/// assert_eq!(markdown_escape("x\u{1b}[2J\u{202e}y"), r"x\[2Jy");
/// ```
pub fn markdown_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' | '\u{b}' | '\u{c}' => out.push(' '),
            c if crate::text::is_removed_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for HTML (and inline SVG) text and double- or single-quoted
/// attribute values: `&`, `<`, `>`, `"` and `'` become character references, and
/// control characters other than tab and line breaks, and bidirectional overrides
/// ([`is_removed_control`](crate::text::is_removed_control)), are dropped (controls
/// are not allowed in HTML or XML text). Text escaped here cannot open a tag, end an
/// attribute or start a character reference.
///
/// # Examples
///
/// ```
/// use capmatch::report::html_escape;
///
/// assert_eq!(html_escape(r#"<script>"x" & 'y'</script>"#),
///            "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;");
/// assert_eq!(html_escape("Single Window"), "Single Window");
/// ```
pub fn html_escape(s: &str) -> std::borrow::Cow<'_, str> {
    let dropped =
        |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r') || crate::text::is_removed_control(c);
    let special = |c: char| matches!(c, '&' | '<' | '>' | '"' | '\'') || dropped(c);
    if !s.contains(special) {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if dropped(c) => {}
            c => out.push(c),
        }
    }
    out.into()
}

/// Makes a CSV cell safe to open in a spreadsheet or print in a terminal: a cell
/// that starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be read as
/// a formula, so it gets a leading apostrophe (the OWASP CSV-injection advice), and
/// control characters that the readers remove
/// ([`is_removed_control`](crate::text::is_removed_control)) are dropped. Quoting is
/// the csv crate's job.
///
/// # Examples
///
/// ```
/// use capmatch::report::csv_safe;
///
/// assert_eq!(csv_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
/// assert_eq!(csv_safe("-5"), "'-5");
/// assert_eq!(csv_safe("Single Window"), "Single Window");
/// assert_eq!(csv_safe("\u{1b}]0;title\u{7}AEO"), "]0;titleAEO");
/// ```
pub fn csv_safe(s: &str) -> std::borrow::Cow<'_, str> {
    let s = crate::text::strip_controls(s).text;
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}").into(),
        _ => s,
    }
}

/// Shortens text to at most `max` characters on a word boundary, adding `…`.
pub(crate) fn excerpt(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    let trimmed = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => &cut[..],
    };
    format!("{}…", trimmed.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escape_drops_control_characters_and_keeps_line_breaks() {
        assert_eq!(html_escape("a\u{0}b\u{7}c\nd\u{9f}e"), "abc\nde");
        assert_eq!(html_escape("\u{1b}[31m<b>"), "[31m&lt;b&gt;");
    }

    #[test]
    fn excerpts_cut_on_words() {
        assert_eq!(excerpt("short", 10), "short");
        assert_eq!(excerpt("one two three four five", 12), "one two…");
    }
}
