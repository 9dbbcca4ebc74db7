//! Needs, offers, contacts and submissions.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{ActivityKind, Party, Pillar, Section};

/// The id of a need or offer: non-empty, at most 200 characters, no white space or
/// control characters. Ids are unique across a corpus.
///
/// # Examples
///
/// ```
/// use capmatch::ItemId;
///
/// let id = ItemId::new("rok-2014-o1").unwrap();
/// assert_eq!(id.as_str(), "rok-2014-o1");
/// assert!(ItemId::new("has space").is_none());
/// assert!(ItemId::new("").is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ItemId(String);

impl ItemId {
    /// The longest id accepted, in characters.
    pub const MAX_LEN: usize = 200;

    /// Validates an id; `None` if it is empty, too long, or has white space or
    /// control characters.
    pub fn new(s: impl Into<String>) -> Option<ItemId> {
        let s = s.into();
        let ok = !s.is_empty()
            && s.chars().count() <= Self::MAX_LEN
            && !s.chars().any(|c| c.is_whitespace() || c.is_control());
        ok.then_some(ItemId(s))
    }

    /// The id derived for the `index`-th (0-based) need or offer of a submission
    /// whose id prefix is `prefix`: `rok-2014-n1`, `rok-2014-o3`.
    pub(crate) fn derived(prefix: &str, kind: ItemKind, index: usize) -> ItemId {
        let letter = match kind {
            ItemKind::Need => 'n',
            ItemKind::Offer => 'o',
        };
        ItemId(format!("{prefix}-{letter}{}", index + 1))
    }

    /// The id as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ItemId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for ItemId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for ItemId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        ItemId::new(s.clone()).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "invalid id {s:?}: ids are 1 to {} characters without white space",
                ItemId::MAX_LEN
            ))
        })
    }
}

/// Whether an item is a need or an offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// A capacity-building need stated by a recipient.
    Need,
    /// Expertise or assistance offered by a donor.
    Offer,
}

impl fmt::Display for ItemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ItemKind::Need => "need",
            ItemKind::Offer => "offer",
        })
    }
}

/// A need or an offer: one stated capacity-building item.
///
/// Needs and offers share this shape; `capacity` (how many recipients a donor can
/// serve) only means something on offers.
///
/// # Examples
///
/// ```
/// use capmatch::{Item, Section};
///
/// let need = Item::new("hkc-2020-n1", "Workshops on Single Window system development")
///     .unwrap()
///     .with_section(Section::A1);
/// assert_eq!(need.section, Some(Section::A1));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// Unique id within the corpus.
    pub id: ItemId,
    /// The CTAP section the item belongs to, if known.
    pub section: Option<Section>,
    /// The item's text, as cleaned by the parser.
    pub text: String,
    /// For offers: how many recipients the donor can serve (see
    /// [`DEFAULT_CAPACITY`](crate::DEFAULT_CAPACITY) when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
    /// Strategy pillars the text speaks to (sorted, no duplicates).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pillars: Vec<Pillar>,
    /// Kinds of activity asked for or offered (sorted, no duplicates).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activities: Vec<ActivityKind>,
    /// The item states no concrete need or offer ("a diagnosis is ongoing").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unspecific: bool,
    /// The 1-based line in the source document where the item starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

impl Item {
    /// A new item with an id and text, no section and no tags.
    ///
    /// Returns `None` if `id` is not a valid [`ItemId`].
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Option<Item> {
        Some(Item {
            id: ItemId::new(id)?,
            section: None,
            text: text.into(),
            capacity: None,
            pillars: Vec::new(),
            activities: Vec::new(),
            unspecific: false,
            line: None,
        })
    }

    /// This item in `section`.
    #[must_use]
    pub fn with_section(mut self, section: Section) -> Item {
        self.section = Some(section);
        self
    }

    /// This item with capacity `capacity` (offers).
    #[must_use]
    pub fn with_capacity(mut self, capacity: u32) -> Item {
        self.capacity = Some(capacity);
        self
    }
}

/// A contact point named in a CTAP section.
///
/// Contacts are kept on the [`Submission`], never in need or offer text, and appear
/// in reports only when asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    /// The section the contact is given for, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<Section>,
    /// The role as written ("Contact Point", "Emergency Aviation Security Point of Contact").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Title and organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Telephone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub telephone: Option<String>,
    /// Fax number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fax: Option<String>,
    /// E-mail address(es).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

impl Contact {
    /// Whether no field is filled in (a blank template line of underscores).
    pub fn is_empty(&self) -> bool {
        self.name.is_none()
            && self.title.is_none()
            && self.telephone.is_none()
            && self.fax.is_none()
            && self.email.is_none()
    }
}

/// One party's submission: its needs and offers for a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Submission {
    /// Who submitted: an economy or an organisation.
    pub economy: Party,
    /// The calendar year the plan covers, if known.
    pub year: Option<u16>,
    /// Capacity-building needs.
    #[serde(default)]
    pub needs: Vec<Item>,
    /// Expertise and assistance offered.
    #[serde(default)]
    pub offers: Vec<Item>,
    /// Contact points named in the plan.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<Contact>,
    /// The file the submission was read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl Submission {
    /// An empty submission for `economy` and `year`.
    pub fn new(economy: impl Into<Party>, year: Option<u16>) -> Submission {
        Submission {
            economy: economy.into(),
            year,
            needs: Vec::new(),
            offers: Vec::new(),
            contacts: Vec::new(),
            source: None,
        }
    }

    /// The prefix derived ids of this submission start with: `rok-2014`, `hkc-undated`.
    pub fn id_prefix(&self) -> String {
        match self.year {
            Some(y) => format!("{}-{y}", self.economy.slug()),
            None => format!("{}-undated", self.economy.slug()),
        }
    }

    /// Gives every need and offer the id derived from `prefix` and its position:
    /// `{prefix}-n1`, `{prefix}-o2`, …
    pub fn derive_ids(&mut self, prefix: &str) {
        for (i, item) in self.needs.iter_mut().enumerate() {
            item.id = ItemId::derived(prefix, ItemKind::Need, i);
        }
        for (i, item) in self.offers.iter_mut().enumerate() {
            item.id = ItemId::derived(prefix, ItemKind::Offer, i);
        }
    }

    /// The items of one kind.
    pub fn items(&self, kind: ItemKind) -> &[Item] {
        match kind {
            ItemKind::Need => &self.needs,
            ItemKind::Offer => &self.offers,
        }
    }
}
