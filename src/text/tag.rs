//! Tags read from text: Strategy pillars, activity kinds, and a section guess.

use std::sync::OnceLock;

use super::concepts::ConceptGraph;
use super::phrase::{PhraseSet, normalised_words};
use crate::{ActivityKind, Pillar, Section};

/// Phrases that point at each pillar (matched on normalised words).
///
/// Security is the pillar of detection, prevention and enforcement; Efficiency of
/// facilitation; Resilience of response and recovery (see the Strategy).
const PILLAR_PHRASES: &[(Pillar, &[&str])] = &[
    (
        Pillar::Security,
        &[
            "screening",
            "screen",
            "detection",
            "detect",
            "threat",
            "threats",
            "terrorist",
            "terrorism",
            "inspection",
            "interdiction",
            "prevent",
            "prevention",
            "protect",
            "protection",
            "surveillance",
            "intelligence",
            "investigation",
            "investigate",
            "enforcement",
            "vulnerability",
            "attack",
            "illicit",
            "smuggling",
            "proliferation",
            "misuse",
            "security audit",
            "risk assessment",
            "risk management",
            "targeting",
            "forensic",
            "forensics",
            "crime",
            "cybercrime",
            "money laundering",
            "financing of terrorism",
            "terrorist financing",
            "suspicious",
            "sanctions",
            "export control",
            "counter-terrorism",
            "counter terrorism",
            "malicious",
            "phishing",
            "explosive",
            "weapons",
            "integrity",
            "fraud",
            "stolen",
            "alert",
        ],
    ),
    (
        Pillar::Efficiency,
        &[
            "facilitate",
            "facilitation",
            "single window",
            "trusted trader",
            "trusted traveler",
            "authorized economic operator",
            "aeo",
            "mutual recognition",
            "streamline",
            "expedite",
            "smooth flow",
            "seamless",
            "one-stop",
            "efficiency",
            "efficient",
            "paperless",
            "automated",
            "automation",
            "harmonize",
            "harmonization",
            "interoperability",
            "data model",
            "modernization",
            "legitimate trade",
            "legitimate travel",
            "transaction costs",
            "clearance",
            "electronic",
            "business travel card",
            "data connectivity",
            "connectivity",
            "reduce costs",
            "cost",
        ],
    ),
    (
        Pillar::Resilience,
        &[
            "recovery",
            "recover",
            "resilience",
            "resilient",
            "continuity",
            "drill",
            "drills",
            "exercise",
            "exercises",
            "contingency",
            "emergency",
            "response",
            "preparedness",
            "restore",
            "restoration",
            "crisis",
            "disaster",
            "incident response",
            "incident handling",
            "consequence management",
            "trade recovery",
            "business continuity",
            "first responders",
        ],
    ),
];

/// Phrases that name each kind of activity.
const ACTIVITY_PHRASES: &[(ActivityKind, &[&str])] = &[
    (ActivityKind::Workshop, &["workshop", "workshops"]),
    (
        ActivityKind::Seminar,
        &[
            "seminar",
            "seminars",
            "conference",
            "conferences",
            "symposium",
            "forum",
            "webinar",
            "dialogue",
            "roundtable",
        ],
    ),
    (
        ActivityKind::TrainingCourse,
        &[
            "training",
            "trainings",
            "training course",
            "training program",
            "training programme",
            "course",
            "courses",
            "classes",
            "education",
            "curriculum",
            "instruction",
            "e-learning",
            "trained",
        ],
    ),
    (
        ActivityKind::TrainTheTrainer,
        &[
            "train-the-trainer",
            "train the trainer",
            "train the trainers",
            "trainer training",
            "TTT",
            "training of trainers",
        ],
    ),
    (
        ActivityKind::BestPractices,
        &[
            "best practice",
            "best practices",
            "good practice",
            "good practices",
            "lessons learned",
            "guidelines",
            "guidance",
            "guidance materials",
            "handbook",
            "manual",
            "compendium",
            "toolkit",
            "learn from",
            "experience",
            "experiences",
            "comparative summary",
            "reference",
        ],
    ),
    (
        ActivityKind::InformationSharing,
        &[
            "information sharing",
            "share information",
            "sharing of information",
            "exchange of information",
            "information exchange",
            "intelligence sharing",
            "intelligence exchange",
            "database",
            "databases",
            "portal",
            "website",
            "alerts",
            "security alerts",
            "platform",
            "network",
            "networking",
            "hotline",
        ],
    ),
    (
        ActivityKind::StudyTour,
        &[
            "study tour",
            "study tours",
            "study visit",
            "study visits",
            "exchange program",
            "exchange programme",
            "staff exchange",
            "exchanges",
            "attachment",
            "internship",
            "interns",
            "secondment",
            "site visit",
            "site visits",
            "fellowship",
            "scholarship",
        ],
    ),
    (
        ActivityKind::Exercise,
        &["exercise", "exercises", "drill", "drills", "simulation", "tabletop", "table-top", "cyber range"],
    ),
    (
        ActivityKind::ExpertDeployment,
        &[
            "expert",
            "experts",
            "mentoring",
            "mentor",
            "mentorship",
            "advisor",
            "adviser",
            "advisory",
            "deploy",
            "deployment",
            "consultant",
            "consultants",
            "peer review",
            "trainers",
            "specialists",
        ],
    ),
    (
        ActivityKind::TechnicalAssistance,
        &[
            "technical assistance",
            "technical cooperation",
            "assessment",
            "needs assessment",
            "diagnosis",
            "legal drafting",
            "system development",
            "pilot project",
            "implementation support",
            "advice",
            "technical support",
            "assistance",
        ],
    ),
    (
        ActivityKind::EquipmentFunding,
        &[
            "equipment",
            "funding",
            "fund",
            "funds",
            "grant",
            "grants",
            "donation",
            "donate",
            "contribution",
            "hardware",
            "software",
            "devices",
            "scanners",
            "financial assistance",
            "trust fund",
        ],
    ),
];

/// Words that point at a section when no concept of the graph does.
const SECTION_WORDS: &[(Section, &[&str])] = &[
    (Section::A1, &["cargo", "shipment", "consignment", "trade", "goods", "import", "export"]),
    (Section::A2, &["port", "ship", "vessel", "maritime", "seafarer", "harbor", "shipping"]),
    (Section::A3, &["aviation", "airport", "aircraft", "airline", "flight", "air"]),
    (Section::A4, &["passenger", "traveler", "travel", "visa", "passport", "immigration", "border"]),
    (Section::A5, &["terrorist", "weapon", "nuclear", "chemical", "extremism", "infrastructure"]),
    (Section::B, &["financial", "finance", "money", "bank", "banking", "remittance", "payment"]),
    (Section::C, &["cyber", "computer", "internet", "online", "digital", "network"]),
];

struct Taggers {
    pillars: PhraseSet<Pillar>,
    activities: PhraseSet<ActivityKind>,
    sections: PhraseSet<u8>,
}

fn taggers() -> &'static Taggers {
    static TAGGERS: OnceLock<Taggers> = OnceLock::new();
    TAGGERS.get_or_init(|| {
        let mut pillars = PhraseSet::new();
        for (p, phrases) in PILLAR_PHRASES {
            for phrase in *phrases {
                pillars.insert(phrase, *p);
            }
        }
        let mut activities = PhraseSet::new();
        for (a, phrases) in ACTIVITY_PHRASES {
            for phrase in *phrases {
                activities.insert(phrase, *a);
            }
        }
        let mut sections = PhraseSet::new();
        for (i, (_, words)) in SECTION_WORDS.iter().enumerate() {
            for w in *words {
                sections.insert(w, i as u8);
            }
        }
        Taggers { pillars, activities, sections }
    })
}

/// The Strategy pillars a text speaks to, sorted.
///
/// # Examples
///
/// ```
/// use capmatch::{Pillar, text::pillars};
///
/// assert_eq!(pillars("Workshops on Single Window system development"), [Pillar::Efficiency]);
/// assert_eq!(pillars("cyber security drills to test incident response"), [Pillar::Resilience]);
/// assert_eq!(pillars("air cargo screening to detect threats"), [Pillar::Security]);
/// ```
pub fn pillars(text: &str) -> Vec<Pillar> {
    pillars_of_words(&normalised_words(text))
}

/// [`pillars`] over already normalised words.
pub(crate) fn pillars_of_words(ws: &[String]) -> Vec<Pillar> {
    let mut out: Vec<_> = taggers().pillars.find(ws).into_iter().map(|f| f.value).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The kinds of activity a text asks for or offers, sorted.
///
/// # Examples
///
/// ```
/// use capmatch::{ActivityKind, text::activities};
///
/// assert_eq!(
///     activities("Workshops or seminars on Single Window"),
///     [ActivityKind::Workshop, ActivityKind::Seminar]
/// );
/// assert_eq!(
///     activities("deploy trainers or provide training programs"),
///     [ActivityKind::TrainingCourse, ActivityKind::ExpertDeployment]
/// );
/// ```
pub fn activities(text: &str) -> Vec<ActivityKind> {
    activities_of_words(&normalised_words(text))
}

/// [`activities`] over already normalised words.
pub(crate) fn activities_of_words(ws: &[String]) -> Vec<ActivityKind> {
    let mut out: Vec<_> = taggers().activities.find(ws).into_iter().map(|f| f.value).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Guesses the CTAP section of a text from the concepts and words it uses, or
/// `None` when the evidence is weak or split evenly.
///
/// # Examples
///
/// ```
/// use capmatch::{Section, text::infer_section};
///
/// assert_eq!(infer_section("training on AML/CFT for financial intelligence units"), Some(Section::B));
/// assert_eq!(infer_section("cyber crime investigation trainers"), Some(Section::C));
/// assert_eq!(infer_section("workshops"), None);
/// ```
pub fn infer_section(text: &str) -> Option<Section> {
    infer_section_of_words(&normalised_words(text))
}

/// [`infer_section`] over already normalised words.
pub(crate) fn infer_section_of_words(ws: &[String]) -> Option<Section> {
    let mut score = [0.0f64; 7];
    let t = ConceptGraph::global();
    for found in t.find(ws, None) {
        for (rank, section) in t.concept(found.value).sections.iter().enumerate() {
            if let Some(i) = Section::KNOWN.iter().position(|k| k == section) {
                // A concept's first section is where it belongs; the others are where
                // it also turns up.
                score[i] += if rank == 0 { 1.0 } else { 0.25 };
            }
        }
    }
    for found in taggers().sections.find(ws) {
        score[found.value as usize] += 0.5;
    }
    let (best, best_score) =
        score.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(&a.0)))?;
    let runner_up = score.iter().enumerate().filter(|(i, _)| *i != best).map(|(_, s)| *s).fold(0.0, f64::max);
    (*best_score >= 1.0 && *best_score > runner_up).then(|| Section::KNOWN[best].clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn activity_examples_from_the_fixtures() {
        assert_eq!(
            activities(
                "Korea will continue to hold workshops which are designed to help participating countries implement FATF Recommendations"
            ),
            [ActivityKind::Workshop]
        );
        assert!(
            activities("Train-the-Trainer Workshop on computer Forensic")
                .contains(&ActivityKind::TrainTheTrainer)
        );
        assert!(
            activities("the purchase of x-ray scanners and detection equipment")
                .contains(&ActivityKind::EquipmentFunding)
        );
    }

    #[test]
    fn sections_from_text() {
        assert_eq!(infer_section("security of port facilities and ships"), Some(Section::A2));
        assert_eq!(infer_section("API/PNR implementation for airlines"), Some(Section::A4));
        assert_eq!(infer_section("Single Window and AEO"), Some(Section::A1));
        assert_eq!(infer_section(""), None);
    }
}
