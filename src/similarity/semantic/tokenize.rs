//! BERT's uncased tokenizer: the basic tokenizer (clean, split CJK ideographs,
//! strip accents, lowercase, split on white space and punctuation) followed by greedy
//! longest-match-first `WordPiece`, as the teacher model's `tokenizer.json` configures
//! it (Hugging Face's `BertNormalizer` with lowercasing, `BertPreTokenizer`,
//! `WordPiece` with `[UNK]` and at most 100 characters a word).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use unicode_normalization::char::decompose_canonical;
use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};

/// Words longer than this many characters become `[UNK]` (BERT's `max_input_chars_per_word`).
pub(crate) const MAX_WORD_CHARS: usize = 100;

/// The Fx hash (rustc's): a multiply and a rotate per 8 bytes. Vocabulary keys are
/// short strings, for which `SipHash`'s setup dominates; the maps are built from
/// compiled-in data, so hash flooding is not a concern.
#[derive(Default)]
pub(crate) struct Fx(u64);

impl Fx {
    const K: u64 = 0x517c_c1b7_2722_0a95;

    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(Self::K);
    }
}

impl Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }
}

type Map = HashMap<&'static str, u32, BuildHasherDefault<Fx>>;

/// A `WordPiece` vocabulary split into word-initial pieces and `##` continuations
/// (stored without the `##`), so that lookups take slices of the word as they are.
pub(crate) struct WordPiece {
    pub(crate) tokens: Vec<&'static str>,
    initial: Map,
    continuation: Map,
    /// The longest piece in bytes: no match is tried beyond it.
    longest: usize,
    pub(crate) unk: u32,
}

impl WordPiece {
    /// Reads a vocabulary with one token a line; the line number is the id.
    pub(crate) fn new(vocab: &'static str) -> Result<Self, &'static str> {
        let tokens: Vec<&'static str> = vocab.lines().collect();
        let mut initial = Map::default();
        let mut continuation = Map::default();
        let mut longest = 0;
        for (id, &token) in tokens.iter().enumerate() {
            let id = u32::try_from(id).map_err(|_| "vocabulary too large")?;
            let (map, piece) = match token.strip_prefix("##") {
                Some(rest) if !rest.is_empty() => (&mut continuation, rest),
                _ => (&mut initial, token),
            };
            longest = longest.max(piece.len());
            // The first occurrence wins, as in BERT's own loader.
            map.entry(piece).or_insert(id);
        }
        let unk = *initial.get("[UNK]").ok_or("vocabulary has no [UNK] token")?;
        Ok(Self { tokens, initial, continuation, longest, unk })
    }

    /// Appends the ids of one basic-tokenized word's pieces to `ids`: greedy
    /// longest-match-first, or `[UNK]` alone when some part has no piece.
    fn word(&self, word: &str, ids: &mut Vec<u32>) {
        if word.is_empty() {
            return;
        }
        if word.len() > MAX_WORD_CHARS && word.chars().count() > MAX_WORD_CHARS {
            ids.push(self.unk);
            return;
        }
        let first = ids.len();
        let mut start = 0;
        while start < word.len() {
            let map = if start == 0 { &self.initial } else { &self.continuation };
            let mut end = word.len().min(start + self.longest);
            let found = loop {
                while !word.is_char_boundary(end) {
                    end -= 1;
                }
                if end <= start {
                    break None;
                }
                if let Some(&id) = map.get(&word[start..end]) {
                    break Some(id);
                }
                end -= 1;
            };
            let Some(id) = found else {
                // A part without a piece makes the whole word [UNK].
                ids.truncate(first);
                ids.push(self.unk);
                return;
            };
            ids.push(id);
            start = end;
        }
    }

    /// Appends the id of every piece of `text` to `ids`, in order. `scratch` is a
    /// reusable buffer for the current normalised word.
    pub(crate) fn tokenize(&self, text: &str, scratch: &mut String, ids: &mut Vec<u32>) {
        scratch.clear();
        if text.is_ascii() {
            for b in text.bytes() {
                match b {
                    b'\t' | b'\n' | b'\r' | b' ' => self.flush(scratch, ids),
                    0..=0x1F | 0x7F => {}
                    b if b.is_ascii_punctuation() => {
                        self.flush(scratch, ids);
                        self.word(char::from(b).encode_utf8(&mut [0; 4]), ids);
                    }
                    b => scratch.push(char::from(b.to_ascii_lowercase())),
                }
            }
        } else {
            for c in text.chars() {
                if c == '\0' || c == '\u{FFFD}' || is_control(c) {
                    continue;
                }
                if c.is_whitespace() {
                    self.flush(scratch, ids);
                    continue;
                }
                // An ideograph is a word of its own (after the same normalisation).
                let cjk = is_cjk(c);
                if cjk {
                    self.flush(scratch, ids);
                }
                decompose_canonical(c, |d| {
                    if d.general_category() == GeneralCategory::NonspacingMark {
                        return;
                    }
                    for l in d.to_lowercase() {
                        if is_punctuation(l) {
                            self.flush(scratch, ids);
                            self.word(l.encode_utf8(&mut [0; 4]), ids);
                        } else {
                            scratch.push(l);
                        }
                    }
                });
                if cjk {
                    self.flush(scratch, ids);
                }
            }
        }
        self.flush(scratch, ids);
    }

    fn flush(&self, scratch: &mut String, ids: &mut Vec<u32>) {
        self.word(scratch, ids);
        scratch.clear();
    }
}

/// Unicode "Other" (Cc, Cf, Cs, Co, Cn) except the white space controls, which BERT
/// drops from its input.
fn is_control(c: char) -> bool {
    !matches!(c, '\t' | '\n' | '\r') && c.general_category_group() == GeneralCategoryGroup::Other
}

/// ASCII punctuation and symbols (`$`, `+`, `<`, `^`, `` ` `` …) or any Unicode punctuation (P*).
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() || c.general_category_group() == GeneralCategoryGroup::Punctuation
}

/// The CJK Unified Ideograph blocks BERT surrounds with spaces (not kana or hangul).
fn is_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x4E00..=0x9FFF
        | 0x3400..=0x4DBF
        | 0x2_0000..=0x2_A6DF
        | 0x2_A700..=0x2_B73F
        | 0x2_B740..=0x2_B81F
        | 0x2_B820..=0x2_CEAF
        | 0xF900..=0xFAFF
        | 0x2_F800..=0x2_FA1F)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(vocab: &'static str, text: &str) -> Vec<&'static str> {
        let wp = WordPiece::new(vocab).unwrap();
        let mut ids = Vec::new();
        wp.tokenize(text, &mut String::new(), &mut ids);
        ids.iter().map(|&id| wp.tokens[id as usize]).collect()
    }

    const TOY: &str = "[PAD]\n[UNK]\nun\n##aff\n##able\nwant\n##want\n##ed\n,\nrunning\n##s\n!\ncafe\n";

    #[test]
    fn greedy_longest_match_first_with_continuations() {
        assert_eq!(pieces(TOY, "unaffable"), ["un", "##aff", "##able"]);
        assert_eq!(pieces(TOY, "wantwanted"), ["want", "##want", "##ed"]);
    }

    #[test]
    fn a_word_with_an_unmatched_part_is_one_unk() {
        assert_eq!(pieces(TOY, "unwantedx running"), ["[UNK]", "running"]);
    }

    #[test]
    fn lowercases_splits_punctuation_and_strips_accents() {
        assert_eq!(pieces(TOY, "UNwant\u{00E9}d,running!"), ["un", "##want", "##ed", ",", "running", "!"]);
        assert_eq!(pieces(TOY, "Caf\u{00E9}!"), ["cafe", "!"]);
        assert_eq!(pieces(TOY, "WANTED"), ["want", "##ed"]);
    }

    #[test]
    fn controls_vanish_and_odd_white_space_separates() {
        assert_eq!(pieces(TOY, "want\u{200B}ed\u{3000}cafe\u{0}"), ["want", "##ed", "cafe"]);
        assert_eq!(pieces(TOY, "want\u{7}ed\tcafe"), ["want", "##ed", "cafe"]);
    }

    #[test]
    fn over_long_words_are_unk() {
        let long = "want".repeat(26); // 104 characters
        assert_eq!(pieces(TOY, &long), ["[UNK]"]);
        let fits = "want".repeat(25); // 100 characters
        assert_eq!(pieces(TOY, &fits).len(), 25);
    }

    #[test]
    fn vocabulary_without_unk_is_refused() {
        assert_eq!(WordPiece::new("a\nb\n").err(), Some("vocabulary has no [UNK] token"));
    }
}
