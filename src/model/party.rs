//! Parties: the 21 APEC member economies and international organisations.

use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{Error, Location, Result};

/// One of the 21 APEC member economies.
///
/// Written and read by its APEC abbreviation (`ROK`, `HKC`, …); [`Economy::lookup`]
/// also accepts ISO 3166-1 alpha-3 codes, full names and the aliases people write.
///
/// # Examples
///
/// ```
/// use capmatch::Economy;
///
/// assert_eq!(Economy::lookup("Republic of Korea"), Some(Economy::Rok));
/// assert_eq!(Economy::lookup("Hong Kong, China"), Some(Economy::Hkc));
/// assert_eq!(Economy::lookup("Vietnam"), Some(Economy::Vn));
/// assert_eq!(Economy::lookup("PHL"), Some(Economy::Phl));
/// assert_eq!(Economy::Usa.code(), "USA");
/// assert_eq!(Economy::Ct.name(), "Chinese Taipei");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[allow(missing_docs)] // each variant is documented by the table in `Economy::info`
pub enum Economy {
    Aus,
    Bd,
    Cda,
    Chl,
    Prc,
    Hkc,
    Ina,
    Jpn,
    Rok,
    Mas,
    Mex,
    Nz,
    Png,
    Pe,
    Phl,
    Rus,
    Sgp,
    Ct,
    Tha,
    Usa,
    Vn,
}

struct EconomyInfo {
    code: &'static str,
    name: &'static str,
    iso3: &'static str,
    /// Other ways people write the name (matched after [`fold_name`]).
    aliases: &'static [&'static str],
    /// Words that identify the economy inside running text (agency names, demonyms).
    #[allow(dead_code, reason = "read by the CTAP parser (`ctap`), built on another branch")]
    markers: &'static [&'static str],
}

const INFO: [EconomyInfo; 21] = [
    EconomyInfo {
        code: "AUS",
        name: "Australia",
        iso3: "AUS",
        aliases: &["commonwealth of australia"],
        markers: &["australia", "australian"],
    },
    EconomyInfo {
        code: "BD",
        name: "Brunei Darussalam",
        iso3: "BRN",
        aliases: &["brunei", "bdi"],
        markers: &["brunei"],
    },
    EconomyInfo {
        code: "CDA",
        name: "Canada",
        iso3: "CAN",
        aliases: &["can"],
        markers: &["canada", "canadian", "rcmp"],
    },
    EconomyInfo {
        code: "CHL",
        name: "Chile",
        iso3: "CHL",
        aliases: &["republic of chile", "chi"],
        markers: &["chile", "chilean"],
    },
    EconomyInfo {
        code: "PRC",
        name: "People's Republic of China",
        iso3: "CHN",
        aliases: &[
            "china",
            "peoples republic of china",
            "the people's republic of china",
            "p.r. china",
            "pr china",
        ],
        markers: &["people's republic of china", "chinese government"],
    },
    EconomyInfo {
        code: "HKC",
        name: "Hong Kong, China",
        iso3: "HKG",
        aliases: &[
            "hong kong",
            "hong kong china",
            "hong kong sar",
            "hksar",
            "hong kong special administrative region",
            "hk",
        ],
        markers: &["hong kong", "hksar", "hkc"],
    },
    EconomyInfo {
        code: "INA",
        name: "Indonesia",
        iso3: "IDN",
        aliases: &["republic of indonesia", "ri"],
        markers: &["indonesia", "indonesian"],
    },
    EconomyInfo {
        code: "JPN",
        name: "Japan",
        iso3: "JPN",
        aliases: &["jp"],
        markers: &["japan", "japanese"],
    },
    EconomyInfo {
        code: "ROK",
        name: "Republic of Korea",
        iso3: "KOR",
        aliases: &["korea", "south korea", "korea republic of", "korea, republic of", "kor", "rk"],
        markers: &["korea", "korean"],
    },
    EconomyInfo {
        code: "MAS",
        name: "Malaysia",
        iso3: "MYS",
        aliases: &["mys", "my"],
        markers: &["malaysia", "malaysian"],
    },
    EconomyInfo {
        code: "MEX",
        name: "Mexico",
        iso3: "MEX",
        aliases: &["united mexican states", "méxico"],
        markers: &["mexico", "mexican"],
    },
    EconomyInfo {
        code: "NZ",
        name: "New Zealand",
        iso3: "NZL",
        aliases: &["nzl", "aotearoa"],
        markers: &["new zealand"],
    },
    EconomyInfo {
        code: "PNG",
        name: "Papua New Guinea",
        iso3: "PNG",
        aliases: &["papua new guinea", "png"],
        markers: &["papua new guinea"],
    },
    EconomyInfo {
        code: "PE",
        name: "Peru",
        iso3: "PER",
        aliases: &["perú", "republic of peru", "per"],
        markers: &["peru", "peruvian"],
    },
    EconomyInfo {
        code: "PHL",
        name: "The Philippines",
        iso3: "PHL",
        aliases: &["philippines", "the philippines", "republic of the philippines", "rp", "phi"],
        markers: &["philippines", "philippine", "filipino"],
    },
    EconomyInfo {
        code: "RUS",
        name: "Russia",
        iso3: "RUS",
        aliases: &["russian federation", "the russian federation", "russia"],
        markers: &["russia", "russian federation"],
    },
    EconomyInfo {
        code: "SGP",
        name: "Singapore",
        iso3: "SGP",
        aliases: &["republic of singapore", "sg", "sin"],
        markers: &["singapore"],
    },
    EconomyInfo {
        code: "CT",
        name: "Chinese Taipei",
        iso3: "TWN",
        aliases: &["chinese taipei", "taipei", "taiwan", "twn"],
        markers: &["chinese taipei"],
    },
    EconomyInfo {
        code: "THA",
        name: "Thailand",
        iso3: "THA",
        aliases: &["kingdom of thailand", "th"],
        markers: &["thailand", "thai"],
    },
    EconomyInfo {
        code: "USA",
        name: "United States",
        iso3: "USA",
        aliases: &["united states of america", "the united states", "us", "u.s.", "u.s.a.", "america"],
        markers: &["united states"],
    },
    EconomyInfo {
        code: "VN",
        name: "Viet Nam",
        iso3: "VNM",
        aliases: &["vietnam", "viet nam", "socialist republic of viet nam", "vnm"],
        markers: &["viet nam", "vietnam", "vietnamese"],
    },
];

impl Economy {
    /// All 21 member economies, in the order APEC lists them.
    pub const ALL: [Economy; 21] = [
        Economy::Aus,
        Economy::Bd,
        Economy::Cda,
        Economy::Chl,
        Economy::Prc,
        Economy::Hkc,
        Economy::Ina,
        Economy::Jpn,
        Economy::Rok,
        Economy::Mas,
        Economy::Mex,
        Economy::Nz,
        Economy::Png,
        Economy::Pe,
        Economy::Phl,
        Economy::Rus,
        Economy::Sgp,
        Economy::Ct,
        Economy::Tha,
        Economy::Usa,
        Economy::Vn,
    ];

    fn info(self) -> &'static EconomyInfo {
        &INFO[self as usize]
    }

    /// The APEC abbreviation, as used in APEC documents and in capmatch output.
    pub fn code(self) -> &'static str {
        self.info().code
    }

    /// The name APEC uses.
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// The ISO 3166-1 alpha-3 code.
    pub fn iso3(self) -> &'static str {
        self.info().iso3
    }

    /// Other names people write for this economy (lower-case).
    pub fn aliases(self) -> &'static [&'static str] {
        self.info().aliases
    }

    /// Words that, found in running text, point at this economy (lower-case).
    #[allow(dead_code, reason = "used by the CTAP parser (`ctap`), built on another branch")]
    pub(crate) fn markers(self) -> &'static [&'static str] {
        self.info().markers
    }

    /// Finds an economy by APEC code, ISO alpha-3 code, name or alias, ignoring
    /// case, punctuation and a leading "the".
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::Economy;
    ///
    /// assert_eq!(Economy::lookup("  the Russian Federation "), Some(Economy::Rus));
    /// assert_eq!(Economy::lookup("Atlantis"), None);
    /// ```
    pub fn lookup(s: &str) -> Option<Economy> {
        let key = fold_name(s);
        if key.is_empty() {
            return None;
        }
        ECONOMY_KEYS.iter().find(|(name, _)| *name == key).map(|&(_, e)| e)
    }
}

impl fmt::Display for Economy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Every economy's code, name, ISO code and aliases, as [`fold_name`] gives them,
/// economy by economy in [`Economy::ALL`]'s order: folded once, not at every lookup
/// (every submission of a corpus names its party, and each lookup used to fold some
/// 75 names: 87,000 instructions).
static ECONOMY_KEYS: LazyLock<Vec<(String, Economy)>> = LazyLock::new(|| {
    Economy::ALL
        .into_iter()
        .flat_map(|e| {
            let info = e.info();
            [info.code, info.name, info.iso3]
                .into_iter()
                .chain(info.aliases.iter().copied())
                .map(move |n| (fold_name(n), e))
        })
        .collect()
});

/// Every known organisation's short name, full name and aliases, as [`fold_name`]
/// gives them, with its short name, in [`ORGANISATIONS`]' order.
static ORGANISATION_KEYS: LazyLock<Vec<(String, &'static str)>> = LazyLock::new(|| {
    ORGANISATIONS
        .iter()
        .flat_map(|&(short, full, aliases)| {
            [short, full].into_iter().chain(aliases.iter().copied()).map(move |n| (fold_name(n), short))
        })
        .collect()
});

/// Lower-cases, drops punctuation (keeping letters, digits and single spaces) and a
/// leading "the ", so that "Hong Kong, China" and "hong kong china" compare equal.
pub(crate) fn fold_name(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .map(|w| w.trim_matches('\''))
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    match out.strip_prefix("the ") {
        Some(rest) => rest.to_string(),
        None => out,
    }
}

/// International organisations that offer capacity building, by canonical short name,
/// full name and aliases.
const ORGANISATIONS: &[(&str, &str, &[&str])] = &[
    ("WCO", "World Customs Organization", &["world customs organisation"]),
    ("ICAO", "International Civil Aviation Organization", &["international civil aviation organisation"]),
    ("IMO", "International Maritime Organization", &["international maritime organisation"]),
    (
        "INTERPOL",
        "International Criminal Police Organization",
        &["icpo-interpol", "icpo interpol", "icpo", "international criminal and police organization"],
    ),
    ("FATF", "Financial Action Task Force", &[]),
    (
        "APG",
        "Asia/Pacific Group on Money Laundering",
        &["asia pacific group on money laundering", "asia-pacific group on money laundering"],
    ),
    ("UNODC", "United Nations Office on Drugs and Crime", &["un office on drugs and crime"]),
    (
        "UN CTED",
        "Counter-Terrorism Committee Executive Directorate",
        &[
            "cted",
            "un counter-terrorism committee executive directorate",
            "united nations counter-terrorism committee executive directorate",
        ],
    ),
    ("UNOCT", "United Nations Office of Counter-Terrorism", &["un office of counter-terrorism", "uncct"]),
    ("IAEA", "International Atomic Energy Agency", &[]),
    (
        "OPCW",
        "Organisation for the Prohibition of Chemical Weapons",
        &["organization for the prohibition of chemical weapons"],
    ),
    ("Egmont Group", "Egmont Group of Financial Intelligence Units", &["egmont"]),
    ("IMF", "International Monetary Fund", &[]),
    ("World Bank", "World Bank Group", &["wb"]),
    ("ADB", "Asian Development Bank", &[]),
    ("ASEAN", "Association of Southeast Asian Nations", &["asean secretariat"]),
    ("OAS/CICTE", "Inter-American Committee against Terrorism", &["cicte", "oas cicte", "oas"]),
    ("GCTF", "Global Counterterrorism Forum", &["global counter-terrorism forum"]),
    ("APEC Secretariat", "APEC Secretariat", &["apec sec"]),
];

/// An international organisation acting as a donor.
///
/// Known organisations (WCO, ICAO, IMO, INTERPOL, FATF, APG, UNODC, UN CTED, …) are
/// recognised by short name, full name or alias; any other is named explicitly with
/// the `org:` prefix, so that a misspelt economy is an error rather than a new donor.
///
/// # Examples
///
/// ```
/// use capmatch::Organisation;
///
/// assert_eq!(Organisation::lookup("World Customs Organization").unwrap().name(), "WCO");
/// assert_eq!(Organisation::lookup("org:Global Shipping Forum").unwrap().name(), "Global Shipping Forum");
/// assert!(Organisation::lookup("Atlantis").is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Organisation {
    name: String,
    known: bool,
}

impl Organisation {
    /// Finds a known organisation by name or alias, or takes `org:NAME` literally.
    pub fn lookup(s: &str) -> Option<Organisation> {
        let trimmed = s.trim();
        if let Some(rest) = strip_prefix_ci(trimmed, "org:") {
            let rest = rest.trim();
            if rest.is_empty() {
                return None;
            }
            return Some(
                Organisation::lookup_known(rest)
                    .unwrap_or(Organisation { name: rest.to_string(), known: false }),
            );
        }
        Organisation::lookup_known(trimmed)
    }

    fn lookup_known(s: &str) -> Option<Organisation> {
        let key = fold_name(s);
        ORGANISATION_KEYS
            .iter()
            .find(|(name, _)| *name == key)
            .map(|&(_, short)| Organisation { name: short.to_string(), known: true })
    }

    /// The short name (`WCO`) or, for one named with `org:`, the name as given.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether this is one of the organisations capmatch knows by name.
    pub fn is_known(&self) -> bool {
        self.known
    }

    /// The short names of all organisations capmatch knows.
    pub fn known_names() -> impl Iterator<Item = &'static str> {
        ORGANISATIONS.iter().map(|(short, _, _)| *short)
    }
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &s[prefix.len()..])
}

/// Who files a submission: a member economy or an international organisation.
///
/// Serialised as the economy's APEC code, a known organisation's short name, or
/// `org:NAME` for any other organisation, so that output reads back unchanged.
///
/// # Examples
///
/// ```
/// use capmatch::{Economy, Party};
///
/// let p: Party = "Korea".parse()?;
/// assert_eq!(p, Party::Economy(Economy::Rok));
/// assert_eq!(p.to_string(), "ROK");
/// assert_eq!("ICAO".parse::<Party>()?.to_string(), "ICAO");
/// assert_eq!("org:Pacific Islands Forum".parse::<Party>()?.to_string(), "org:Pacific Islands Forum");
/// assert!("Atlantis".parse::<Party>().is_err());
/// # Ok::<(), capmatch::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Party {
    /// An APEC member economy.
    Economy(Economy),
    /// An international organisation (donor only, in practice).
    Organisation(Organisation),
}

impl Party {
    /// A short lower-case slug used to derive ids: `rok`, `wco`, `pacific-islands-forum`.
    pub fn slug(&self) -> String {
        let raw = match self {
            Party::Economy(e) => e.code(),
            Party::Organisation(o) => o.name(),
        };
        let mut slug = String::with_capacity(raw.len());
        for c in raw.chars() {
            if c.is_ascii_alphanumeric() {
                slug.push(c.to_ascii_lowercase());
            } else if !slug.ends_with('-') && !slug.is_empty() {
                slug.push('-');
            }
        }
        let slug = slug.trim_end_matches('-').to_string();
        if slug.is_empty() { "org".to_string() } else { slug }
    }

    /// The economy, if this party is one.
    pub fn economy(&self) -> Option<Economy> {
        match self {
            Party::Economy(e) => Some(*e),
            Party::Organisation(_) => None,
        }
    }
}

impl From<Economy> for Party {
    fn from(e: Economy) -> Self {
        Party::Economy(e)
    }
}

impl fmt::Display for Party {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Party::Economy(e) => f.write_str(e.code()),
            Party::Organisation(o) if o.known => f.write_str(&o.name),
            Party::Organisation(o) => write!(f, "org:{}", o.name),
        }
    }
}

impl FromStr for Party {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        if let Some(e) = Economy::lookup(s) {
            return Ok(Party::Economy(e));
        }
        if let Some(o) = Organisation::lookup(s) {
            return Ok(Party::Organisation(o));
        }
        Err(Error::UnknownParty { at: Location::default(), path: String::new(), value: s.to_string() })
    }
}

impl Serialize for Party {
    /// As [`Display`](fmt::Display) writes it; a code or a known name is written as
    /// it is, without the formatting machinery (twice per match in the match JSON).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Party::Economy(e) => serializer.serialize_str(e.code()),
            Party::Organisation(o) if o.known => serializer.serialize_str(&o.name),
            Party::Organisation(_) => serializer.collect_str(self),
        }
    }
}

impl<'de> Deserialize<'de> for Party {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(|_| serde::de::Error::custom(UnknownPartyMarker(s)))
    }
}

/// Carries an unknown party through serde so the corpus reader can turn it into
/// [`Error::UnknownParty`] with the JSON path.
pub(crate) struct UnknownPartyMarker(pub String);

pub(crate) const UNKNOWN_PARTY_TAG: &str = "\u{1}unknown-party:";

impl fmt::Display for UnknownPartyMarker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{UNKNOWN_PARTY_TAG}{}", self.0)
    }
}

#[cfg(test)]
mod tests;
