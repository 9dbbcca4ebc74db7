//! The template's three questions, found however they are written: wrapped over
//! several lines or pages, split in the middle, with the answer on the same line or
//! in the next table cell.
//!
//! A question is matched word by word against the template's wording (case, spelling
//! and punctuation ignored, a missing or extra word tolerated), so that the answer
//! starts exactly where the question stops. Matching looks at a bounded number of
//! words, whatever the length of the line.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::text::fold_spelling;

/// One of the three questions every section asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Question {
    /// "PLEASE DESCRIBE THE APEC CAPACITY BUILDING ACTIVITIES IN WHICH YOUR ECONOMY
    /// PARTICIPATED…": achievements, sometimes a follow-on wish.
    Participated,
    /// "WHAT SPECIFIC CAPACITY BUILDING NEEDS…".
    Needs,
    /// "WHAT KIND OF EXPERTISE AND/OR ASSISTANCE…".
    Offers,
}

/// The questions as the 2008–2024 templates word them.
const LONG: &[(Question, &str)] = &[
    (
        Question::Participated,
        "PLEASE DESCRIBE THE APEC CAPACITY BUILDING ACTIVITIES IN WHICH YOUR ECONOMY PARTICIPATED \
         DURING THE LAST YEAR. WHAT BENEFITS DID YOUR ECONOMY DERIVE FROM THESE ACTIVITIES? WHAT \
         FOLLOW-ON ACTIVITIES WOULD BE USEFUL?",
    ),
    (
        Question::Needs,
        "WHAT SPECIFIC CAPACITY BUILDING NEEDS DOES YOUR ECONOMY HAVE THAT HINDER YOUR ABILITY TO \
         IMPLEMENT COMMITMENTS, AND WHAT CAPACITY BUILDING OPPORTUNITIES COULD BE PROVIDED THROUGH \
         APEC TO ADDRESS THESE NEEDS? PLEASE BE AS SPECIFIC AS POSSIBLE REGARDING THE TYPES OF \
         CAPACITY BUILDING ACTIVITIES THAT WOULD BENEFIT YOUR ECONOMY (E.G., SEMINARS, WORKSHOPS, \
         INFORMATION SHARING, BEST PRACTICES, SPECIALIZED TRAINING, ETC.)",
    ),
    (
        Question::Offers,
        "WHAT KIND OF EXPERTISE AND/OR ASSISTANCE COULD YOUR ECONOMY PROVIDE TO OTHER APEC MEMBERS \
         THAT COULD HELP ADDRESS THEIR CAPACITY BUILDING NEEDS? PLEASE BE AS SPECIFIC AS POSSIBLE \
         REGARDING THE TYPES OF CAPACITY BUILDING ACTIVITIES THAT YOUR ECONOMY COULD PROVIDE (E.G., \
         SEMINARS, WORKSHOPS, INFORMATION SHARING, BEST PRACTICES, SPECIALIZED TRAINING, ETC.)",
    ),
    // Older (2003–2007) wordings.
    (
        Question::Needs,
        "WHAT ARE YOUR ECONOMY'S SPECIFIC CAPACITY BUILDING NEEDS IN IMPLEMENTING THESE COMMITMENTS?",
    ),
    (
        Question::Offers,
        "WHAT EXPERTISE OR ASSISTANCE COULD YOUR ECONOMY OFFER TO OTHER ECONOMIES IN IMPLEMENTING THESE \
         COMMITMENTS?",
    ),
];

/// Short headings older templates and tables use instead of the full question; they
/// count only when they make up the start of the line, followed by nothing, a colon,
/// a parenthesis or the next table cell.
const SHORT: &[(Question, &str)] = &[
    (Question::Needs, "capacity building needs"),
    (Question::Needs, "specific capacity building needs"),
    (Question::Needs, "capacity building needs identified"),
    (Question::Needs, "needs for capacity building"),
    (Question::Needs, "assistance required"),
    (Question::Needs, "technical assistance needs"),
    (Question::Offers, "assistance and expertise to offer"),
    (Question::Offers, "expertise and assistance to offer"),
    (Question::Offers, "expertise to offer"),
    (Question::Offers, "capacity building offers"),
    (Question::Offers, "assistance offered"),
    (Question::Offers, "expertise or assistance available"),
    (Question::Offers, "expertise and assistance available"),
    (Question::Participated, "capacity building activities participated in"),
    (Question::Participated, "participation in capacity building activities"),
];

/// How many words of a line are looked at, at most.
const MAX_WORDS: usize = 160;

struct Templates {
    /// Each long template's words, lower-case and spelling-folded.
    long: Vec<(Question, Vec<String>)>,
    short: Vec<(Question, Vec<String>)>,
    /// Four consecutive template words → (template, position of the first).
    grams: HashMap<String, Vec<(usize, usize)>>,
    /// Words a question or a piece of one can start with, lower-case.
    starts: HashSet<String>,
}

fn templates() -> &'static Templates {
    static T: OnceLock<Templates> = OnceLock::new();
    T.get_or_init(|| {
        let long: Vec<_> = LONG.iter().map(|(q, s)| (*q, template_words(s))).collect();
        let short: Vec<(Question, Vec<String>)> =
            SHORT.iter().map(|(q, s)| (*q, template_words(s))).collect();
        let mut grams: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        for (t, (_, words)) in long.iter().enumerate() {
            for (pos, w) in words.windows(4).enumerate() {
                grams.entry(w.join(" ")).or_default().push((t, pos));
            }
        }
        let starts = grams
            .keys()
            .filter_map(|g| g.split(' ').next())
            .chain(short.iter().filter_map(|(_, w): &(Question, Vec<String>)| w.first().map(String::as_str)))
            .map(str::to_string)
            .collect();
        Templates { long, short, grams, starts }
    })
}

fn template_words(s: &str) -> Vec<String> {
    word_spans(s, usize::MAX).into_iter().map(|(a, b)| norm(&s[a..b])).collect()
}

/// Byte ranges of the first `max` words (runs of letters and digits) of `s`.
pub(crate) fn word_spans(s: &str, max: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        // Apostrophes inside words ("ECONOMY'S") belong to the word.
        let in_word = c.is_alphanumeric() || (c == '\'' && start.is_some());
        match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                out.push((st, i));
                start = None;
                if out.len() >= max {
                    return out;
                }
            }
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push((st, s.len()));
    }
    out
}

fn norm(word: &str) -> String {
    let mut lower = word.trim_end_matches('\'').to_lowercase();
    if lower.ends_with("'s") {
        lower.truncate(lower.len() - 2);
    }
    if lower.contains('\'') {
        lower.retain(|c| c != '\'');
    }
    match fold_spelling(&lower) {
        std::borrow::Cow::Borrowed(b) if b.len() == lower.len() && b == lower => lower,
        folded => folded.into_owned(),
    }
}

/// Where a question was found on a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PromptHit {
    /// Which question.
    pub question: Question,
    /// The line continues a question rather than starting one.
    pub fragment: bool,
    /// Byte offset in the line's text where an answer on the same line starts.
    pub answer: Option<usize>,
    /// Where to look for the rest of the question on the next line, when the line
    /// stops in the middle of it.
    pub cursor: Option<Cursor>,
}

/// A position inside a long template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cursor {
    template: u8,
    pos: u8,
}

/// Finds the start of a question, or a fragment of one, at the start of `text`.
pub(crate) fn detect(text: &str, first_cell: Option<usize>) -> Option<PromptHit> {
    let t = templates();
    // Most lines are not questions: look at the first word, then a few more.
    let head = word_spans(text, 6);
    let &(first_start, first_end) = head.first()?;
    if !t.starts.contains(&norm(&text[first_start..first_end])) {
        return None;
    }
    let words: Vec<String> = head.iter().map(|&(a, b)| norm(&text[a..b])).collect();
    if words.len() >= 4
        && let Some(cands) = t.grams.get(&words[..4].join(" "))
    {
        let spans = word_spans(text, MAX_WORDS);
        let normed: Vec<String> = spans.iter().map(|&(a, b)| norm(&text[a..b])).collect();
        // Prefer a question's start over a fragment; then the longest match.
        let best = cands
            .iter()
            .map(|&(tmpl, pos)| {
                let (i, p) = extend(&normed, 4, &t.long[tmpl].1, pos + 4);
                (pos != 0, std::cmp::Reverse(i), tmpl, p, i)
            })
            .min();
        if let Some((fragment, _, tmpl, p, i)) = best {
            return Some(hit(text, &spans, first_cell, tmpl, i, p, fragment));
        }
    }
    short(text, &head, &words, first_cell)
}

/// Whether `text` continues the question at `cursor` (the previous line stopped in
/// the middle of it).
pub(crate) fn continue_at(text: &str, first_cell: Option<usize>, cursor: Cursor) -> Option<PromptHit> {
    let t = templates();
    let words = &t.long.get(usize::from(cursor.template))?.1;
    let pos = usize::from(cursor.pos);
    let remaining = words.len().saturating_sub(pos);
    let spans = word_spans(text, MAX_WORDS);
    let normed: Vec<String> = spans.iter().map(|&(a, b)| norm(&text[a..b])).collect();
    let (i, p) = extend(&normed, 0, words, pos);
    (i >= remaining.min(3) && i > 0)
        .then(|| hit(text, &spans, first_cell, usize::from(cursor.template), i, p, true))
}

fn hit(
    text: &str,
    spans: &[(usize, usize)],
    first_cell: Option<usize>,
    template: usize,
    matched: usize,
    pos: usize,
    fragment: bool,
) -> PromptHit {
    let t = templates();
    let question = t.long[template].0;
    let end = if matched == 0 { 0 } else { spans[matched - 1].1 };
    let answer = match first_cell {
        // A Word table row: the question fills the first cell, the answer the next.
        Some(cell) if end <= cell => Some(cell),
        _ => answer_after(text, end),
    };
    let done = pos >= t.long[template].1.len();
    // Templates are few and short: both fit a byte.
    let cursor = match (u8::try_from(template), u8::try_from(pos)) {
        (Ok(template), Ok(pos)) if !done && answer.is_none() => Some(Cursor { template, pos }),
        _ => None,
    };
    PromptHit { question, fragment, answer, cursor }
}

/// The start of an answer after the question's last word at byte `end`, skipping the
/// question's closing punctuation.
fn answer_after(text: &str, end: usize) -> Option<usize> {
    let rest = text.get(end..)?;
    let skipped = rest.len()
        - rest
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '?' | ')' | '.' | ':' | ']' | ','))
            .len();
    let start = end + skipped;
    (start < text.len()).then_some(start)
}

fn short(
    text: &str,
    spans: &[(usize, usize)],
    normed: &[String],
    first_cell: Option<usize>,
) -> Option<PromptHit> {
    let t = templates();
    let (question, n) = t
        .short
        .iter()
        .filter(|(_, words)| normed.len() >= words.len() && words.iter().zip(normed).all(|(w, n)| w == n))
        .map(|(q, words)| (*q, words.len()))
        .max_by_key(|(_, n)| *n)?;
    let end = spans[n - 1].1;
    let rest = &text[end..];
    let trimmed = rest.trim_start();
    let answer = if trimmed.is_empty() {
        None
    } else if let Some(cell) = first_cell.filter(|c| *c >= end && text[end..*c].trim().is_empty()) {
        Some(cell)
    } else if let Some(after) = trimmed.strip_prefix(':') {
        let a = after.trim_start();
        (!a.is_empty()).then(|| text.len() - a.len())
    } else if trimmed.starts_with('(') {
        // "CAPACITY BUILDING NEEDS (please be specific): answer"
        let close = trimmed.find(')')?;
        let after = trimmed[close + 1..].trim_start().trim_start_matches(':').trim_start();
        (!after.is_empty()).then(|| text.len() - after.len())
    } else if trimmed.starts_with('?') {
        answer_after(text, end)
    } else {
        return None;
    };
    Some(PromptHit { question, fragment: false, answer, cursor: None })
}

/// Extends a match of `words[pos..]` over the line's normalised words `line[i..]`, tolerating one missing or one
/// extra word when the next word confirms it. Returns the line word and template
/// position after the last word matched.
fn extend(line: &[String], mut i: usize, words: &[String], mut p: usize) -> (usize, usize) {
    let spans = line;
    let eq = |i: usize, p: usize| -> bool {
        match (line.get(i), words.get(p)) {
            (Some(a), Some(w)) => a == w,
            _ => false,
        }
    };
    let (mut good_i, mut good_p) = (i, p);
    while i < spans.len() && p < words.len() {
        if eq(i, p) {
            i += 1;
            p += 1;
            (good_i, good_p) = (i, p);
        } else if eq(i, p + 1) && (i + 1 >= spans.len() || p + 2 >= words.len() || eq(i + 1, p + 2)) {
            p += 1;
        } else if eq(i + 1, p) && (i + 2 >= spans.len() || p + 1 >= words.len() || eq(i + 2, p + 1)) {
            i += 1;
        } else {
            break;
        }
    }
    (good_i, good_p)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NEEDS: &str = "WHAT SPECIFIC CAPACITY BUILDING NEEDS DOES YOUR ECONOMY HAVE THAT HINDER YOUR ABILITY TO \
        IMPLEMENT COMMITMENTS, AND WHAT CAPACITY BUILDING OPPORTUNITIES COULD BE PROVIDED THROUGH APEC TO \
        ADDRESS THESE NEEDS? PLEASE BE AS SPECIFIC AS POSSIBLE REGARDING THE TYPES OF CAPACITY BUILDING \
        ACTIVITIES THAT WOULD BENEFIT YOUR ECONOMY (E.G., SEMINARS, WORKSHOPS, INFORMATION SHARING, BEST \
        PRACTICES, SPECIALISED TRAINING, ETC.)";

    #[test]
    fn whole_question_on_one_line() {
        let h = detect(NEEDS, None).unwrap();
        assert_eq!((h.question, h.fragment, h.answer, h.cursor), (Question::Needs, false, None, None));
    }

    #[test]
    fn answer_on_the_same_line() {
        let line = format!("{NEEDS} Workshops on AEO would be useful.");
        let h = detect(&line, None).unwrap();
        assert_eq!(&line[h.answer.unwrap()..], "Workshops on AEO would be useful.");
        let short = "What specific capacity building needs does your economy have? None at present";
        let h = detect(short, None).unwrap();
        assert_eq!(h.question, Question::Needs);
        assert_eq!(&short[h.answer.unwrap()..], "None at present");
    }

    #[test]
    fn answer_in_the_next_cell() {
        let line = "WHAT KIND OF EXPERTISE AND/OR ASSISTANCE COULD YOUR ECONOMY PROVIDE Training on X";
        let cell = line.find("Training").unwrap();
        let h = detect(line, Some(cell)).unwrap();
        assert_eq!((h.question, h.answer), (Question::Offers, Some(cell)));
    }

    #[test]
    fn split_question_continues_on_a_later_line() {
        let first = "WHAT SPECIFIC CAPACITY BUILDING NEEDS DOES YOUR ECONOMY HAVE THAT HINDER YOUR ABILITY TO \
            IMPLEMENT COMMITMENTS, AND WHAT CAPACITY BUILDING OPPORTUNITIES COULD BE PROVIDED THROUGH APEC TO \
            ADDRESS THESE NEEDS? PLEASE BE AS SPECIFIC AS";
        let h = detect(first, None).unwrap();
        let cursor = h.cursor.unwrap();
        let second = "POSSIBLE REGARDING THE TYPES OF CAPACITY BUILDING ACTIVITIES THAT WOULD BENEFIT YOUR \
            ECONOMY (E.G., SEMINARS, WORKSHOPS, INFORMATION SHARING, BEST PRACTICES, SPECIALIZED TRAINING, ETC.)";
        let h2 = continue_at(second, None, cursor).unwrap();
        assert_eq!((h2.question, h2.fragment, h2.answer, h2.cursor), (Question::Needs, true, None, None));
        assert!(continue_at("Korea needs training", None, cursor).is_none());
        // An orphan fragment is still recognised.
        assert!(detect(second, None).unwrap().fragment);
    }

    #[test]
    fn tail_of_a_question_on_its_own_line() {
        let h = detect(&NEEDS[..NEEDS.find("TRAINING, ETC").unwrap()], None).unwrap();
        let h2 = continue_at("TRAINING, ETC.)", None, h.cursor.unwrap()).unwrap();
        assert_eq!(h2.answer, None);
    }

    #[test]
    fn short_headings() {
        let h = detect("CAPACITY BUILDING NEEDS:", None).unwrap();
        assert_eq!((h.question, h.answer), (Question::Needs, None));
        let s = "Capacity building needs: training in cargo screening";
        assert_eq!(&s[detect(s, None).unwrap().answer.unwrap()..], "training in cargo screening");
        assert!(detect("Capacity building needs and opportunities were discussed", None).is_none());
        assert_eq!(detect("ASSISTANCE AND EXPERTISE TO OFFER", None).unwrap().question, Question::Offers);
    }

    #[test]
    fn ordinary_text_is_not_a_question() {
        assert!(detect("Korea will continue to hold workshops", None).is_none());
        assert!(detect("", None).is_none());
    }
}
