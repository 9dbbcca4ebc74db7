//! Words, stopwords and word-form folding.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

use super::phrase::Fnv;

/// Splits text into lower-case words: runs of letters and digits. Apostrophes
/// inside words are dropped with a possessive `'s` (`APEC's` → `apec`); every other
/// character separates words, so `AML/CFT` gives `aml`, `cft` and `cyber-crime`
/// gives `cyber`, `crime`.
///
/// # Examples
///
/// ```
/// use capmatch::text::words;
///
/// assert_eq!(words("APEC's AML/CFT e-Passport"), ["apec", "aml", "cft", "e", "passport"]);
/// ```
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |w| out.push(w.to_string()));
    out
}

/// Calls `f` with each word of `text`, as [`words`] splits them, from one reused
/// buffer: for callers that keep a word only in another form.
pub(crate) fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    let mut current = String::new();
    let mut emit = |current: &mut String| {
        if !current.is_empty() {
            f(current);
            current.clear();
        }
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // ASCII, most of every text: a run of letters and digits at a time, without
        // decoding characters or the Unicode tables.
        if b.is_ascii_alphanumeric() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            let from = current.len();
            current.push_str(&text[start..i]);
            current[from..].make_ascii_lowercase();
            continue;
        }
        if b.is_ascii() && b != b'\'' {
            emit(&mut current);
            i += 1;
            continue;
        }
        // `i` is at a character boundary: runs end before a non-ASCII byte.
        let Some(c) = text[i..].chars().next() else { break };
        i += c.len_utf8();
        if c.is_alphanumeric() {
            current.extend(c.to_lowercase());
        } else if (c == '\'' || c == '\u{2019}') && !current.is_empty() {
            // "APEC's" → "apec"; "don't" → "dont".
            let mut next = text[i..].chars();
            if next.next().is_some_and(|n| n == 's' || n == 'S')
                && !next.next().is_some_and(char::is_alphanumeric)
            {
                // Past the "s" (one byte).
                i += 1;
                emit(&mut current);
            }
        } else {
            emit(&mut current);
        }
    }
    emit(&mut current);
}

/// Whether a lower-case word carries no topic: function words, and the template's
/// boilerplate ("economy", "apec", "capacity", "building") that every item shares.
pub fn is_stopword(word: &str) -> bool {
    // A hashed set: every word of every item asks, and a binary search of the
    // table compared strings nine times a word.
    static SET: OnceLock<HashSet<&'static str, BuildHasherDefault<Fnv>>> = OnceLock::new();
    SET.get_or_init(|| STOPWORDS.iter().copied().collect()).contains(word)
}

/// Sorted, for binary search.
const STOPWORDS: &[&str] = &[
    "a",
    "able",
    "about",
    "above",
    "accelerate",
    "across",
    "activities",
    "activity",
    "address",
    "after",
    "again",
    "all",
    "also",
    "an",
    "and",
    "any",
    "apec",
    "are",
    "as",
    "assist",
    "at",
    "be",
    "been",
    "being",
    "beneficial",
    "benefit",
    "both",
    "build",
    "building",
    "but",
    "by",
    "can",
    "capacities",
    "capacity",
    "continue",
    "could",
    "current",
    "currently",
    "do",
    "does",
    "during",
    "e",
    "each",
    "economies",
    "economy",
    "efforts",
    "eg",
    "enhance",
    "enhancing",
    "etc",
    "for",
    "from",
    "further",
    "g",
    "has",
    "have",
    "help",
    "her",
    "here",
    "his",
    "how",
    "i",
    "ie",
    "if",
    "implement",
    "implementation",
    "implementing",
    "improve",
    "in",
    "including",
    "into",
    "is",
    "it",
    "its",
    "like",
    "may",
    "member",
    "members",
    "more",
    "most",
    "much",
    "need",
    "needs",
    "new",
    "no",
    "not",
    "of",
    "on",
    "ongoing",
    "only",
    "opportunities",
    "opportunity",
    "or",
    "other",
    "others",
    "our",
    "over",
    "participate",
    "participating",
    "particular",
    "per",
    "possible",
    "provide",
    "provided",
    "providing",
    "provision",
    "region",
    "regional",
    "related",
    "relevant",
    "s",
    "same",
    "share",
    "shared",
    "sharing",
    "should",
    "so",
    "some",
    "specific",
    "strengthen",
    "strengthening",
    "such",
    "support",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "under",
    "up",
    "upon",
    "us",
    "use",
    "used",
    "useful",
    "using",
    "various",
    "very",
    "was",
    "we",
    "well",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "will",
    "with",
    "within",
    "would",
    "year",
    "years",
    "yet",
];

/// British spellings (and a few variant forms) folded to one spelling before stemming.
const SPELLING: &[(&str, &str)] = &[
    ("aeroplane", "airplane"),
    ("ageing", "aging"),
    ("analyse", "analyze"),
    ("analysed", "analyzed"),
    ("analyses", "analyzes"),
    ("analysing", "analyzing"),
    ("behaviour", "behavior"),
    ("behaviours", "behaviors"),
    ("catalogue", "catalog"),
    ("centre", "center"),
    ("centres", "centers"),
    ("cheque", "check"),
    ("counselling", "counseling"),
    ("cyberattack", "cyber attack"),
    ("cyberattacks", "cyber attacks"),
    ("cybercrime", "cyber crime"),
    ("cybercrimes", "cyber crimes"),
    ("cybersecurity", "cyber security"),
    ("defence", "defense"),
    ("defences", "defenses"),
    ("email", "e mail"),
    ("enrolment", "enrollment"),
    ("favour", "favor"),
    ("fulfil", "fulfill"),
    ("harbour", "harbor"),
    ("harbours", "harbors"),
    ("honour", "honor"),
    ("judgement", "judgment"),
    ("labour", "labor"),
    ("licence", "license"),
    ("licences", "licenses"),
    ("manoeuvre", "maneuver"),
    ("metre", "meter"),
    ("modelling", "modeling"),
    ("neighbour", "neighbor"),
    ("neighbouring", "neighboring"),
    ("neighbours", "neighbors"),
    ("offence", "offense"),
    ("offences", "offenses"),
    ("practise", "practice"),
    ("practised", "practiced"),
    ("programme", "program"),
    ("programmes", "programs"),
    ("theatre", "theater"),
    ("travelled", "traveled"),
    ("traveller", "traveler"),
    ("travellers", "travelers"),
    ("travelling", "traveling"),
    ("tyre", "tire"),
];

/// Stems before which British `-is-` is American `-iz-` (organise → organize).
const IZE_STEMS: &[&str] = &[
    "author",
    "capital",
    "categor",
    "central",
    "character",
    "civil",
    "computer",
    "criminal",
    "custom",
    "digital",
    "emphas",
    "final",
    "financ",
    "formal",
    "harmon",
    "industrial",
    "internal",
    "legal",
    "local",
    "maxim",
    "memor",
    "minim",
    "mobil",
    "modern",
    "neutral",
    "normal",
    "optim",
    "organ",
    "penal",
    "prior",
    "real",
    "recogn",
    "special",
    "standard",
    "summar",
    "synchron",
    "util",
    "visual",
];

/// Folds a British spelling of a lower-case word to the American one.
///
/// # Examples
///
/// ```
/// use capmatch::text::fold_spelling;
///
/// assert_eq!(fold_spelling("organisation"), "organization");
/// assert_eq!(fold_spelling("authorised"), "authorized");
/// assert_eq!(fold_spelling("defence"), "defense");
/// assert_eq!(fold_spelling("exercise"), "exercise");
/// ```
pub fn fold_spelling(word: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    if may_be_british(word)
        && let Ok(i) = SPELLING.binary_search_by(|(from, _)| from.cmp(&word))
    {
        return Cow::Borrowed(SPELLING[i].1);
    }
    // Every suffix below holds "is"; most words do not.
    if !word.contains("is") {
        return Cow::Borrowed(word);
    }
    for suffix in ["isation", "isations", "ise", "ised", "ises", "ising", "iser", "isers"] {
        if let Some(stem) = word.strip_suffix(suffix)
            && IZE_STEMS.contains(&stem)
        {
            return Cow::Owned(format!("{stem}iz{}", &suffix[2..]));
        }
    }
    Cow::Borrowed(word)
}

/// Folds word forms to one stem: plurals, `-ing`, `-ed`, `-ation`, a final `e`,
/// doubled consonants. Light by design (like an S-stemmer with the common verb
/// endings): `workshops` → `workshop`, `screening` → `screen`, `trained` → `train`,
/// `investigation`/`investigate` → `investigat`. Words of four letters or fewer and
/// words with digits are kept as they are.
///
/// # Examples
///
/// ```
/// use capmatch::text::stem;
///
/// assert_eq!(stem("workshops"), "workshop");
/// assert_eq!(stem("screening"), stem("screen"));
/// assert_eq!(stem("investigation"), stem("investigate"));
/// assert_eq!(stem("sharing"), stem("share"));
/// assert_eq!(stem("policies"), stem("policy"));
/// assert_eq!(stem("ISPS"), "ISPS");
/// ```
pub fn stem(word: &str) -> String {
    if word.len() <= 4 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word.to_string();
    }
    // Edited in place: this is on the path of every word of every item.
    let mut w = String::with_capacity(word.len() + 1);
    w.push_str(word);
    // Plurals.
    if w.ends_with("ies") {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if w.ends_with("sses") || w.ends_with("shes") || w.ends_with("ches") || w.ends_with("xes") {
        w.truncate(w.len() - 2);
    } else if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        w.pop();
    }
    // Derivational and verb endings.
    let mut stripped_verb = false;
    for (suffix, replacement) in [("ization", "ize"), ("ation", "ate"), ("ing", ""), ("ed", "")] {
        if let Some(s) = w.strip_suffix(suffix)
            && s.len() >= 3
            && s.bytes().any(is_vowel)
        {
            w.truncate(s.len());
            w.push_str(replacement);
            stripped_verb = replacement.is_empty();
            break;
        }
    }
    if stripped_verb {
        let b = w.as_bytes();
        let n = b.len();
        if n >= 2 && b[n - 1] == b[n - 2] && !is_vowel(b[n - 1]) && !matches!(b[n - 1], b'l' | b's' | b'z') {
            w.pop();
        }
    }
    // A final "y" stays (policy / policies already agree; "y" → "i" would not
    // help further); a final "e" goes.
    if !w.ends_with('y') && w.len() > 4 && w.ends_with('e') {
        w.pop();
    }
    w
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// For each word length (31 for longer), a bit per first letter (its code modulo
/// 32) of the [`SPELLING`] entries of that length: a word without its bit is not in
/// the table, and most words are spared the search (this is on the path of every
/// word of every item).
const SPELLING_FILTER: [u32; 32] = {
    let mut filter = [0u32; 32];
    let mut i = 0;
    while i < SPELLING.len() {
        let w = SPELLING[i].0.as_bytes();
        let len = if w.len() < 32 { w.len() } else { 31 };
        filter[len] |= 1 << (w[0] % 32);
        i += 1;
    }
    filter
};

/// Whether `word` passes [`SPELLING_FILTER`].
fn may_be_british(word: &str) -> bool {
    let b = word.as_bytes();
    b.first().is_some_and(|&c| SPELLING_FILTER[b.len().min(31)] & (1 << (c % 32)) != 0)
}

/// The normalised form of a word used for matching: spelling folded, then stemmed.
/// A British spelling that folds to two words (`cybercrime`) gives both.
pub(crate) fn normal_forms(word: &str, out: &mut Vec<String>) {
    with_normal_forms(word, |forms| out.extend(forms.iter().map(|f| String::from(&**f))));
}

/// Calls `f` with each of [`normal_forms`], borrowed: for a caller that only
/// reads them, nothing is allocated per word.
pub(crate) fn for_each_normal_form(word: &str, mut f: impl FnMut(&str)) {
    with_normal_forms(word, |forms| forms.iter().for_each(|form| f(form)));
}

/// Calls `f` with the normal forms of `word`.
///
/// Remembered per thread (up to [`MEMO_WORDS`] words): a corpus repeats its words,
/// and every item's text is read into normal forms more than once (its tags, its
/// terms, the shared terms of its matches).
fn with_normal_forms(word: &str, f: impl FnOnce(&[Box<str>])) {
    type Memo = HashMap<Box<str>, Box<[Box<str>]>, BuildHasherDefault<Fnv>>;
    thread_local! {
        static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
    }
    let compute = |word: &str| -> Box<[Box<str>]> {
        fold_spelling(word).split(' ').map(|part| stem(part).into()).collect()
    };
    MEMO.with(|memo| {
        // Busy only if `f` asks for normal forms itself: answer that without it.
        let Ok(mut memo) = memo.try_borrow_mut() else {
            return f(&compute(word));
        };
        if let Some(forms) = memo.get(word) {
            f(forms);
            return;
        }
        let forms = compute(word);
        f(&forms);
        if memo.len() < MEMO_WORDS {
            memo.insert(word.into(), forms);
        }
    });
}

/// The most words [`with_normal_forms`] remembers per thread (a few megabytes).
const MEMO_WORDS: usize = 1 << 16;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]), "STOPWORDS must be sorted");
        assert!(SPELLING.windows(2).all(|w| w[0].0 < w[1].0), "SPELLING must be sorted");
        assert!(SPELLING.iter().all(|(from, _)| may_be_british(from)), "the filter must pass every entry");
        assert!(!may_be_british("workshop") && !may_be_british(""));
    }

    #[test]
    fn word_forms() {
        for (a, b) in [
            ("workshop", "workshops"),
            ("screen", "screening"),
            ("train", "trained"),
            ("train", "training"),
            ("plan", "planning"),
            ("exercise", "exercises"),
            ("practice", "practices"),
            ("match", "matches"),
            ("authorize", "authorization"),
            ("organize", "organization"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} ~ {b}");
        }
    }

    #[test]
    fn british_and_american_spellings_meet() {
        for (a, b) in [
            ("organisation", "organization"),
            ("authorised", "authorized"),
            ("programme", "program"),
            ("centre", "center"),
            ("travellers", "travelers"),
            ("harmonise", "harmonize"),
        ] {
            let (mut x, mut y) = (Vec::new(), Vec::new());
            normal_forms(a, &mut x);
            normal_forms(b, &mut y);
            assert_eq!(x, y, "{a} ~ {b}");
        }
    }

    #[test]
    fn normal_forms_can_be_asked_for_while_reading_them() {
        let mut inner = Vec::new();
        for_each_normal_form("organisations", |outer| {
            normal_forms("cybercrime", &mut inner);
            assert_eq!(outer, stem("organizations"));
        });
        assert_eq!(inner, [stem("cyber"), stem("crime")]);
    }

    #[test]
    fn words_split_on_punctuation() {
        assert_eq!(
            words("GovCERT.HK (www.govcert.gov.hk)"),
            ["govcert", "hk", "www", "govcert", "gov", "hk"]
        );
        assert_eq!(words("don't stop"), ["dont", "stop"]);
        assert_eq!(words(""), Vec::<String>::new());
    }
}
