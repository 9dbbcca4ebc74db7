//! Need or offer? Read from the wording: "would be useful", "learn from", "lack of"
//! point at a need; "could provide", "would be able to deploy trainers", "provision of
//! training" at an offer. Also: sentence splitting, answers that state nothing
//! ("NIL", "--"), and answers that state no concrete need ("a diagnosis is ongoing").

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::ItemKind;
use crate::text::words;

/// Weight of a cue that settles the kind on its own.
pub(crate) const STRONG: u32 = 3;

/// Wording that points at a need, with its weight. `…` stands for up to six words.
const NEED_CUES: &[(&str, u32)] = &[
    ("would be useful", 3),
    ("will be useful", 3),
    ("would also be useful", 3),
    ("will also be useful", 3),
    ("would be very useful", 3),
    ("would be most useful", 3),
    ("would be helpful", 3),
    ("will be helpful", 3),
    ("would be beneficial", 3),
    ("will be beneficial", 3),
    ("would also be beneficial", 3),
    ("will also be beneficial", 3),
    ("would be valuable", 3),
    ("would be welcome", 3),
    ("would welcome", 3),
    ("would appreciate", 3),
    ("would be grateful", 3),
    ("would benefit", 3),
    ("could benefit", 3),
    ("would greatly benefit", 3),
    ("will benefit from", 3),
    ("benefit from", 2),
    ("would like to receive", 3),
    ("would like to learn", 3),
    ("would like assistance", 3),
    ("would like … training", 3),
    ("we need", 3),
    ("we require", 3),
    ("needs assistance", 3),
    ("need assistance", 3),
    ("in need of", 3),
    ("need for", 2),
    ("there is a need", 2),
    ("is needed", 2),
    ("are needed", 2),
    ("is required", 1),
    ("are required", 1),
    ("lack of", 3),
    ("lacks", 3),
    ("lacking", 2),
    ("insufficient", 2),
    ("limited capacity", 3),
    ("limited expertise", 3),
    ("limited resources", 2),
    ("limited experience", 3),
    ("require assistance", 3),
    ("requires assistance", 3),
    ("require technical assistance", 3),
    ("request assistance", 3),
    ("requests assistance", 3),
    ("seek assistance", 3),
    ("seeks assistance", 3),
    ("seeking assistance", 3),
    ("assistance is sought", 3),
    ("assistance would be", 2),
    ("learn from", 3),
    ("learning from", 3),
    ("learn more about", 3),
    ("interested in receiving", 3),
    ("interested in learning", 3),
    ("help us", 2),
    ("help our", 2),
    ("build our capacity", 3),
    ("strengthen our capacity", 3),
    ("capacity gap", 2),
    ("capacity gaps", 2),
    ("gaps in", 1),
    ("our officers", 1),
    ("our officials", 1),
];

/// Wording that points at an offer, with its weight.
const OFFER_CUES: &[(&str, u32)] = &[
    ("could provide", 3),
    ("can provide", 3),
    ("could offer", 3),
    ("can offer", 3),
    ("would offer", 3),
    ("will offer", 3),
    ("is willing to", 3),
    ("are willing to", 3),
    ("willing to share", 3),
    ("would be able to", 3),
    ("will be able to", 3),
    ("is able to provide", 3),
    ("are able to provide", 3),
    ("stands ready", 3),
    ("is ready to", 3),
    ("ready to share", 3),
    ("happy to share", 3),
    ("pleased to share", 3),
    ("could share", 3),
    ("can share", 3),
    ("could host", 3),
    ("can host", 3),
    ("could make reference to", 3),
    ("can make reference to", 3),
    ("make reference to", 2),
    ("could refer to", 3),
    ("refer members to", 3),
    ("could visit", 3),
    ("could join", 3),
    ("can join", 3),
    ("could participate in … organised", 3),
    ("could participate in … organized", 3),
    ("could attend", 3),
    ("could deploy", 3),
    ("deploy trainers", 3),
    ("deploy experts", 3),
    ("dispatch experts", 3),
    ("send experts", 2),
    ("provision of training", 3),
    ("provision of technical assistance", 3),
    ("provide training", 2),
    ("provide technical assistance", 2),
    ("provide … training to", 3),
    ("offer training", 3),
    ("offers training", 3),
    ("continue to provide", 2),
    ("continue to offer", 3),
    ("will continue to hold … for", 3),
    ("will continue to host", 3),
    ("will continue to support capacity building", 3),
    ("support capacity building efforts", 3),
    ("assist in … capacity of", 2),
    ("share its experience", 3),
    ("share our experience", 3),
    ("share its expertise", 3),
    ("share our expertise", 3),
    ("share its best practices", 3),
    ("share our best practices", 3),
    ("training center for", 3),
    ("training centre for", 3),
    ("for member economies", 2),
    ("for other economies", 2),
    ("for other member economies", 2),
    ("for apec economies", 2),
    ("for apec member economies", 2),
    ("for developing countries", 2),
    ("for developing economies", 2),
    ("to other economies", 2),
    ("to other member economies", 2),
    ("to other apec economies", 2),
    ("officials of member economies", 2),
    ("help apec economies", 2),
    ("help other economies", 2),
    ("help member economies", 2),
    ("help participating countries", 2),
    ("help participating economies", 2),
    ("assist other economies", 2),
    ("assist developing", 2),
    ("could assist", 3),
    ("can assist", 3),
    ("apec members could", 2),
    ("member economies could", 2),
    ("economies could make", 2),
];

/// Wording of answers that state no concrete need yet.
const UNSPECIFIC_CUES: &[&str] = &[
    "would be decided",
    "will be decided",
    "to be decided",
    "would be determined",
    "will be determined",
    "to be determined",
    "yet to be identified",
    "yet to be determined",
    "not yet identified",
    "not yet been identified",
    "will be identified",
    "would be identified",
    "under review",
    "under consideration",
    "being assessed",
    "being studied",
    "to be confirmed",
    "tbd",
    "is ongoing",
];

#[derive(Debug)]
enum Tok {
    Word(String),
    Gap,
}

struct Cue {
    toks: Vec<Tok>,
    weight: u32,
    kind: ItemKind,
}

struct Cues {
    list: Vec<Cue>,
    by_first: HashMap<String, Vec<usize>>,
    unspecific: Vec<Vec<String>>,
}

fn cues() -> &'static Cues {
    static C: OnceLock<Cues> = OnceLock::new();
    C.get_or_init(|| {
        let mut cues = Vec::new();
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
        for (kind, list) in [(ItemKind::Need, NEED_CUES), (ItemKind::Offer, OFFER_CUES)] {
            for (pattern, weight) in list {
                let toks: Vec<Tok> = pattern
                    .split(' ')
                    .map(|w| if w == "…" { Tok::Gap } else { Tok::Word(w.to_string()) })
                    .collect();
                if let Some(Tok::Word(first)) = toks.first() {
                    by_first.entry(first.clone()).or_default().push(cues.len());
                }
                cues.push(Cue { toks, weight: *weight, kind });
            }
        }
        let unspecific = UNSPECIFIC_CUES.iter().map(|p| p.split(' ').map(str::to_string).collect()).collect();
        Cues { list: cues, by_first, unspecific }
    })
}

/// How strongly a text's wording points at each kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Scores {
    pub need: u32,
    pub offer: u32,
}

impl Scores {
    pub(crate) fn of(self, kind: ItemKind) -> u32 {
        match kind {
            ItemKind::Need => self.need,
            ItemKind::Offer => self.offer,
        }
    }

    /// The kind with the higher score; `None` on a tie (including no cue at all).
    pub(crate) fn winner(self) -> Option<ItemKind> {
        match self.need.cmp(&self.offer) {
            std::cmp::Ordering::Greater => Some(ItemKind::Need),
            std::cmp::Ordering::Less => Some(ItemKind::Offer),
            std::cmp::Ordering::Equal => None,
        }
    }
}

/// Up to how many words a `…` in a cue spans.
const GAP: usize = 6;

fn matches_at(ws: &[String], mut i: usize, toks: &[Tok]) -> bool {
    let mut t = 0;
    while t < toks.len() {
        match &toks[t] {
            Tok::Word(w) => {
                if ws.get(i) != Some(w) {
                    return false;
                }
                i += 1;
                t += 1;
            }
            Tok::Gap => {
                let Some(Tok::Word(next)) = toks.get(t + 1) else {
                    return true;
                };
                let limit = ws.len().min(i + GAP + 1);
                match (i..limit).find(|&j| ws[j] == *next) {
                    Some(j) => {
                        i = j + 1;
                        t += 2;
                    }
                    None => return false,
                }
            }
        }
    }
    true
}

/// Scores the wording of `text`; each cue counts once.
pub(crate) fn scores(text: &str) -> Scores {
    let c = cues();
    let ws = words(text);
    let mut seen = vec![false; c.list.len()];
    let mut s = Scores::default();
    for i in 0..ws.len() {
        let Some(cands) = c.by_first.get(&ws[i]) else { continue };
        for &k in cands {
            if !seen[k] && matches_at(&ws, i, &c.list[k].toks) {
                seen[k] = true;
                match c.list[k].kind {
                    ItemKind::Need => s.need += c.list[k].weight,
                    ItemKind::Offer => s.offer += c.list[k].weight,
                }
            }
        }
    }
    s
}

/// Whether a need or offer's text states nothing concrete yet ("based on the result of
/// the diagnosis report … needs would be decided").
pub(crate) fn is_unspecific(text: &str) -> bool {
    let c = cues();
    let ws = words(text);
    let cue = c.unspecific.iter().any(|p| ws.windows(p.len()).any(|w| w == p.as_slice()));
    if !cue {
        return false;
    }
    let s = scores(text);
    s.need < STRONG && s.offer < STRONG
}

/// Whether an answer line says there is nothing: `NIL`, `N/A`, `None`, `--`, `-`,
/// blank underscores.
pub(crate) fn is_empty_answer(text: &str) -> bool {
    let t = text.trim();
    if t.len() > 80 {
        return false;
    }
    if t.chars().all(|c| matches!(c, '_' | '-' | '–' | '—' | '.' | '…' | ' ' | '=' | '*')) {
        return true;
    }
    let t = t.trim_end_matches(['.', '!', ';', ':']).trim().to_lowercase();
    // "See the answers under each section below": the answer is elsewhere.
    let refers =
        ["see ", "please see ", "please refer ", "refer to ", "as above", "as stated above", "same as above"]
            .iter()
            .any(|p| t.starts_with(p))
            && t.split_whitespace().nth(12).is_none();
    refers
        || matches!(
            t.as_str(),
            "nil"
                | "n/a"
                | "na"
                | "n.a"
                | "none"
                | "not applicable"
                | "nothing"
                | "nothing to report"
                | "no"
                | "nil at present"
                | "none at present"
                | "none at this time"
                | "nil at this stage"
                | "none at this stage"
                | "not at this stage"
                | "to be advised"
                | "-nil-"
                | "(nil)"
                | "(none)"
        )
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "no", "nos", "st", "vs", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "inc", "ltd", "co", "corp", "dept", "govt", "approx", "fig",
    "vol", "art", "para", "sec", "ag", "gen", "col", "capt", "hon", "est", "ref",
];

/// Splits text into sentences at `.`, `?` or `!` followed by white space and a
/// capital letter, digit, quote or bracket, except after abbreviations ("Mr.",
/// "U.S.", "Oct.", "e.g.") and single letters ("Z. Ni").
pub(crate) fn sentences(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if matches!(b, b'.' | b'?' | b'!') && bytes.get(i + 1).is_some_and(u8::is_ascii_whitespace) {
            let mut j = i + 1;
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            let next_ok = text[j..].chars().next().is_some_and(|c| {
                c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '\'' | '(' | '[')
            });
            if next_ok && (b != b'.' || !is_abbreviation(&text[start..i])) {
                let s = text[start..=i].trim();
                if !s.is_empty() {
                    out.push(s);
                }
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    let s = text[start..].trim();
    if !s.is_empty() {
        out.push(s);
    }
    out
}

/// Whether the word before a full stop at the end of `before` is an abbreviation.
fn is_abbreviation(before: &str) -> bool {
    let word = before.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
    let word = word.trim_start_matches(['"', '\'', '(']);
    if word.chars().count() <= 1 || word.contains('.') {
        return true;
    }
    ABBREVIATIONS.contains(&word.to_ascii_lowercase().as_str())
}

/// Whether wording a summary item has no cue for reads as the economy telling what it
/// does for others ("The Korea Customs Service has a regional training center …")
/// rather than what it needs.
pub(crate) fn reads_as_offer(text: &str) -> bool {
    let ws = words(text);
    let first = ws.first().map_or("", String::as_str);
    if matches!(first, "there" | "it" | "apec" | "more" | "further" | "training" | "workshops" | "assistance")
    {
        return false;
    }
    ws.iter().take(8).any(|w| {
        matches!(
            w.as_str(),
            "has"
                | "holds"
                | "hosts"
                | "conducts"
                | "organises"
                | "organizes"
                | "provides"
                | "offers"
                | "runs"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> Option<ItemKind> {
        scores(text).winner()
    }

    #[test]
    fn needs_from_the_fixtures() {
        for s in [
            "Enriching APEC's expertise in risk assessment rules for electronic environment will be beneficial.",
            "Workshops or seminars on Single Window system development and data connectivity would also be useful.",
            "HKC will continue to participate and learn from other economies on best practices implemented to enhance security of port facilities and ships.",
            "It will be beneficial for member economies to produce a comparative summary with each member economy's AEO program.",
            "Viet Nam would benefit from training on risk management.",
            "There is a lack of trained staff for container screening.",
            "We need assistance in drafting AML/CFT legislation.",
        ] {
            assert_eq!(kind(s), Some(ItemKind::Need), "{s}");
        }
    }

    #[test]
    fn offers_from_the_fixtures() {
        for s in [
            "HKC will continue to support capacity building efforts through the provision of training to enhance the consistency of application of ISPS Code application in APEC.",
            "Korea would be able to deploy trainers or provide training programs to help APEC economies build their own cyber crime investigation capacities.",
            "Korea will continue to hold workshops which are designed to help participating countries implement FATF Recommendations and share knowledge in the area of AML/CFT.",
            "APEC members could make reference to GovCERT.HK website (www.govcert.gov.hk) for the latest security alerts.",
            "APEC members could join public seminars or conference organised in HKC to gain knowledge on the latest cyber security landscape.",
            "The Korea Customs Service has a regional training center for Asia-Pacific and holds 'Single Window Workshops' annually for the Customs officials of member economies in the AP region.",
            "Thailand could provide training on trusted trader programmes.",
        ] {
            assert_eq!(kind(s), Some(ItemKind::Offer), "{s}");
        }
    }

    #[test]
    fn plain_statements_have_no_kind() {
        for s in [
            "Staff of Marine Department have been trained to discharge obligations as the Designated Authority under the ISPS Code.",
            "The Airport Security Unit of Hong Kong Police Force conducts regular counter terrorism exercises twice per year.",
            "Workshops on Single Window",
            "",
        ] {
            assert_eq!(kind(s), None, "{s}");
        }
    }

    #[test]
    fn unspecific_answers() {
        assert!(is_unspecific(
            "Currently, a diagnosis report conducted by CTI for resolving choke points in the APEC region is ongoing. \
             Based on the result of the diagnosis report, the areas and needs of capacity building activities would be decided."
        ));
        assert!(!is_unspecific("Training on X would be useful; details to be determined."));
        assert!(!is_unspecific("Workshops on AEO"));
    }

    #[test]
    fn empty_answers() {
        for s in ["NIL", "Nil.", "N/A", "None", "--", "-", "___________", "not applicable", "  nil  ", "n.a."]
        {
            assert!(is_empty_answer(s), "{s}");
        }
        assert!(is_empty_answer("See the answers under each section below."));
        for s in ["Nil tariffs on equipment would help", "No further training is needed this year but X"] {
            assert!(!is_empty_answer(s), "{s}");
        }
    }

    #[test]
    fn sentence_splitting() {
        assert_eq!(
            sentences(
                "Korea inspected L.A. airport on Oct. 2012 with the U.S. TSA. It will continue. Mr. Z. NI agreed."
            ),
            [
                "Korea inspected L.A. airport on Oct. 2012 with the U.S. TSA.",
                "It will continue.",
                "Mr. Z. NI agreed."
            ]
        );
        assert_eq!(
            sentences("See www.govcert.gov.hk for alerts. Then (e.g. drills) follow"),
            ["See www.govcert.gov.hk for alerts.", "Then (e.g. drills) follow"]
        );
        assert_eq!(sentences("one. two"), ["one. two"]);
        assert!(sentences("  ").is_empty());
    }

    #[test]
    fn gaps_in_cues() {
        assert_eq!(
            kind("Korea will continue to hold annual seminars on customs modernization for officials"),
            Some(ItemKind::Offer)
        );
        assert_eq!(kind("Korea will continue to hold bilateral consultations"), None);
    }
}
