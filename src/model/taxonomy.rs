//! The Strategy's vocabulary: CTAP sections, areas, pillars and activity kinds.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A section of the CTAP template.
///
/// The seven current sections have their own variants; any other section a template
/// has (older templates' "Energy Security", a "D" section) is kept as
/// [`Section::Other`] with its label, never dropped.
///
/// Serialised as its label: `"A.1"`, `"B"`, or the other section's label.
///
/// # Examples
///
/// ```
/// use capmatch::{Area, Section};
///
/// let s: Section = "A.2".parse().unwrap();
/// assert_eq!(s, Section::A2);
/// assert_eq!(s.title(), "Protect Port Facilities and Ships Engaged in International Voyages");
/// assert_eq!(s.areas(), &[Area::SupplyChains]);
/// assert_eq!("a1".parse::<Section>().unwrap(), Section::A1);
/// assert_eq!("D".parse::<Section>().unwrap(), Section::Other("D".into()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// A.1 Protect Cargo.
    A1,
    /// A.2 Protect Port Facilities and Ships Engaged in International Voyages.
    A2,
    /// A.3 Protect International Aviation.
    A3,
    /// A.4 Protect People in Transit.
    A4,
    /// A.5 Combat Threats to Security.
    A5,
    /// B. Halting Terrorist Financing.
    B,
    /// C. Promoting Cyber Security.
    C,
    /// A section the current template does not have, by its label.
    Other(String),
}

impl Section {
    /// The seven sections of the current template, in document order.
    pub const KNOWN: [Section; 7] =
        [Section::A1, Section::A2, Section::A3, Section::A4, Section::A5, Section::B, Section::C];

    /// The label: `A.1` … `C`, or the other section's own label.
    pub fn label(&self) -> &str {
        match self {
            Section::A1 => "A.1",
            Section::A2 => "A.2",
            Section::A3 => "A.3",
            Section::A4 => "A.4",
            Section::A5 => "A.5",
            Section::B => "B",
            Section::C => "C",
            Section::Other(label) => label,
        }
    }

    /// The template's title for the section (the label itself for other sections).
    pub fn title(&self) -> &str {
        match self {
            Section::A1 => "Protect Cargo",
            Section::A2 => "Protect Port Facilities and Ships Engaged in International Voyages",
            Section::A3 => "Protect International Aviation",
            Section::A4 => "Protect People in Transit",
            Section::A5 => "Combat Threats to Security",
            Section::B => "Halting Terrorist Financing",
            Section::C => "Promoting Cyber Security",
            Section::Other(label) => label,
        }
    }

    /// The Strategy areas the section falls under.
    ///
    /// A.1/A.2 → supply chains, A.3/A.4 → travel, B → finance, C and A.5 →
    /// infrastructure. Other sections are mapped from words in their label (energy,
    /// health, food, cyber … → infrastructure; trade → supply chains), else none.
    pub fn areas(&self) -> &'static [Area] {
        match self {
            Section::A1 | Section::A2 => &[Area::SupplyChains],
            Section::A3 | Section::A4 => &[Area::Travel],
            Section::B => &[Area::Finance],
            Section::A5 | Section::C => &[Area::Infrastructure],
            Section::Other(label) => {
                let l = label.to_lowercase();
                let has = |ws: &[&str]| ws.iter().any(|w| l.contains(w));
                if has(&["financ", "money"]) {
                    &[Area::Finance]
                } else if has(&["travel", "people", "aviation", "passenger", "border", "transit"]) {
                    &[Area::Travel]
                } else if has(&["trade", "cargo", "supply", "port", "maritime", "ship"]) {
                    &[Area::SupplyChains]
                } else if has(&[
                    "energy",
                    "health",
                    "infrastructure",
                    "cyber",
                    "food",
                    "communit",
                    "threat",
                    "weapon",
                    "nuclear",
                    "chemical",
                ]) {
                    &[Area::Infrastructure]
                } else {
                    &[]
                }
            }
        }
    }

    /// Whether this is one of the seven sections of the current template.
    pub fn is_known(&self) -> bool {
        !matches!(self, Section::Other(_))
    }

    /// Reads a section label or title: `A.1`, `A1`, `a.1`, `B`, `Protect Cargo`,
    /// `Halting Terrorist Financing`. Anything else becomes [`Section::Other`].
    pub fn from_label(s: &str) -> Section {
        let t = s.trim().trim_end_matches([':', '.']).trim();
        let compact: String =
            t.chars().filter(|c| !c.is_whitespace() && *c != '.').collect::<String>().to_uppercase();
        let by_label = match compact.as_str() {
            "A1" => Some(Section::A1),
            "A2" => Some(Section::A2),
            "A3" => Some(Section::A3),
            "A4" => Some(Section::A4),
            "A5" => Some(Section::A5),
            "B" => Some(Section::B),
            "C" => Some(Section::C),
            _ => None,
        };
        if let Some(s) = by_label {
            return s;
        }
        let lower = t.to_lowercase();
        Section::KNOWN
            .into_iter()
            .find(|k| k.title().to_lowercase() == lower)
            .unwrap_or_else(|| Section::Other(t.to_string()))
    }
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl FromStr for Section {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Section::from_label(s))
    }
}

impl Serialize for Section {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.label())
    }
}

impl<'de> Deserialize<'de> for Section {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        if s.trim().is_empty() {
            return Err(serde::de::Error::custom("a section label must not be empty"));
        }
        match Section::from_label(&s) {
            // "." or ":" is punctuation only: it would be written back as "" and
            // could not be read again.
            Section::Other(label) if label.is_empty() => {
                Err(serde::de::Error::custom(format!("a section label must name a section, got {s:?}")))
            }
            section => Ok(section),
        }
    }
}

/// One of the Strategy's four cross-cutting activity areas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Area {
    /// Secure Supply Chains: the movement of goods.
    SupplyChains,
    /// Secure Travel: the movement of people.
    Travel,
    /// Secure Finance: the flow of money.
    Finance,
    /// Secure Infrastructure: critical infrastructure, soft targets, cyber space.
    Infrastructure,
}

impl Area {
    /// All four areas.
    pub const ALL: [Area; 4] = [Area::SupplyChains, Area::Travel, Area::Finance, Area::Infrastructure];

    /// The Strategy's name: "Secure Supply Chains", …
    pub fn name(self) -> &'static str {
        match self {
            Area::SupplyChains => "Secure Supply Chains",
            Area::Travel => "Secure Travel",
            Area::Finance => "Secure Finance",
            Area::Infrastructure => "Secure Infrastructure",
        }
    }

    /// A one-bit mask for compact sets.
    // For the matching stages' compact sets; unused until they are merged.
    #[allow(dead_code)]
    pub(crate) fn bit(self) -> u8 {
        1 << self as u8
    }
}

impl fmt::Display for Area {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One of the Strategy's three pillars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pillar {
    /// Prevent and protect against attack, disruption and misuse.
    Security,
    /// Security that does not hamper the flow of legitimate trade and travel.
    Efficiency,
    /// Response and recovery after disruption.
    Resilience,
}

impl Pillar {
    /// All three pillars.
    pub const ALL: [Pillar; 3] = [Pillar::Security, Pillar::Efficiency, Pillar::Resilience];

    /// The pillar's name, capitalised.
    pub fn name(self) -> &'static str {
        match self {
            Pillar::Security => "Security",
            Pillar::Efficiency => "Efficiency",
            Pillar::Resilience => "Resilience",
        }
    }

    /// A one-bit mask for compact sets.
    // For the matching stages' compact sets; unused until they are merged.
    #[allow(dead_code)]
    pub(crate) fn bit(self) -> u8 {
        1 << self as u8
    }
}

impl fmt::Display for Pillar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The kind of capacity-building activity an item asks for or offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    /// Workshops.
    Workshop,
    /// Seminars, conferences, symposia, forums.
    Seminar,
    /// Training courses and programmes.
    TrainingCourse,
    /// Train-the-trainer programmes.
    TrainTheTrainer,
    /// Sharing of best practices, guidelines, lessons learned.
    BestPractices,
    /// Information and intelligence sharing, portals, alerts.
    InformationSharing,
    /// Study tours, study visits, staff exchanges, internships.
    StudyTour,
    /// Exercises, drills, simulations.
    Exercise,
    /// Deployment of experts or trainers, mentoring, advisory missions.
    ExpertDeployment,
    /// Technical assistance: assessments, system design, legal drafting.
    TechnicalAssistance,
    /// Equipment, tools and funding.
    EquipmentFunding,
}

impl ActivityKind {
    /// All activity kinds.
    pub const ALL: [ActivityKind; 11] = [
        ActivityKind::Workshop,
        ActivityKind::Seminar,
        ActivityKind::TrainingCourse,
        ActivityKind::TrainTheTrainer,
        ActivityKind::BestPractices,
        ActivityKind::InformationSharing,
        ActivityKind::StudyTour,
        ActivityKind::Exercise,
        ActivityKind::ExpertDeployment,
        ActivityKind::TechnicalAssistance,
        ActivityKind::EquipmentFunding,
    ];

    /// A human-readable name ("train-the-trainer").
    pub fn name(self) -> &'static str {
        match self {
            ActivityKind::Workshop => "workshop",
            ActivityKind::Seminar => "seminar",
            ActivityKind::TrainingCourse => "training course",
            ActivityKind::TrainTheTrainer => "train-the-trainer",
            ActivityKind::BestPractices => "best-practice sharing",
            ActivityKind::InformationSharing => "information sharing",
            ActivityKind::StudyTour => "study tour or exchange",
            ActivityKind::Exercise => "exercise or drill",
            ActivityKind::ExpertDeployment => "expert deployment or mentoring",
            ActivityKind::TechnicalAssistance => "technical assistance",
            ActivityKind::EquipmentFunding => "equipment or funding",
        }
    }

    /// A one-bit mask for compact sets.
    // For the matching stages' compact sets; unused until they are merged.
    #[allow(dead_code)]
    pub(crate) fn bit(self) -> u16 {
        1 << self as u16
    }
}

impl fmt::Display for ActivityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_titles_round_trip() {
        for s in Section::KNOWN {
            assert_eq!(Section::from_label(s.label()), s);
            assert_eq!(Section::from_label(s.title()), s);
            assert_eq!(Section::from_label(&format!("{}:", s.label())), s);
        }
    }

    #[test]
    fn other_sections_keep_their_label_and_get_an_area() {
        let s = Section::from_label("Energy Security");
        assert_eq!(s, Section::Other("Energy Security".into()));
        assert_eq!(s.areas(), &[Area::Infrastructure]);
        assert_eq!(Section::from_label("D").areas(), &[] as &[Area]);
    }

    #[test]
    fn sections_sort_in_document_order_then_others() {
        let mut v = vec![Section::Other("D".into()), Section::C, Section::A1, Section::B];
        v.sort();
        assert_eq!(v, vec![Section::A1, Section::B, Section::C, Section::Other("D".into())]);
    }

    #[test]
    fn serde_names() {
        assert_eq!(serde_json::to_string(&Area::SupplyChains).unwrap(), "\"supply_chains\"");
        assert_eq!(serde_json::to_string(&ActivityKind::TrainTheTrainer).unwrap(), "\"train_the_trainer\"");
        assert_eq!(serde_json::to_string(&Section::A3).unwrap(), "\"A.3\"");
    }
}
