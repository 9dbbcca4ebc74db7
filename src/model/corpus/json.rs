//! Reading corpus JSON: its shape checked with line and JSON path in errors, unknown
//! fields reported, and missing ids left to be derived once every input is read.

use std::fmt;

use rayon::prelude::*;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer};

use super::super::draft::{Draft, fill_in};
use super::super::{Contact, Item, ItemId, ItemKind, Party, Section, Submission};
use super::{IdSpace, MAX_YEAR, MIN_YEAR};
use crate::diagnostic::{Diagnostic, DiagnosticKind, Severity};
use crate::model::party::UNKNOWN_PARTY_TAG;
use crate::{Error, Location, Result, text};

/// Corpus JSON whose shape is checked but whose missing ids are not derived yet, so
/// that [`crate::input::load`] can derive them once every input is read.
pub(crate) struct JsonCorpus {
    at: Location,
    submissions: Vec<Obj<RawSubmission>>,
    diagnostics: Vec<Diagnostic>,
}

impl JsonCorpus {
    /// Reads and checks the shape of corpus JSON.
    pub(crate) fn read(json: &[u8], file: Option<&str>) -> Result<JsonCorpus> {
        let at = Location { file: file.map(str::to_string), line: None };
        let mut diagnostics = Vec::new();
        let (json, removed, first) = text::strip_json_controls(json);
        if let Some(first) = first {
            diagnostics.push(text::removed_warning(at.at_line(text::line_of(&json, first)), removed));
        }
        let raw = parse_raw(&json, &at, &mut diagnostics)?;
        Ok(JsonCorpus { at, submissions: raw.submissions, diagnostics })
    }

    /// Whether some item has no id written, so that one is derived.
    pub(crate) fn derives_ids(&self) -> bool {
        self.submissions.iter().flat_map(|s| s.0.needs.iter().chain(&s.0.offers)).any(|r| r.0.id.is_none())
    }

    /// The ids written in the JSON.
    pub(crate) fn explicit_ids(&self) -> impl Iterator<Item = &ItemId> {
        self.submissions
            .iter()
            .flat_map(|s| s.0.needs.iter().chain(&s.0.offers))
            .filter_map(|r| r.0.id.as_ref())
    }

    /// The submissions, with missing ids derived in `ids`, missing sections inferred
    /// and tags filled in; and the diagnostics of the file.
    pub(crate) fn finish(self, ids: &mut IdSpace) -> (Vec<Submission>, Vec<Diagnostic>) {
        let (drafts, mut diagnostics) = self.drafts();
        let mut submissions = Vec::with_capacity(drafts.len());
        for mut draft in drafts {
            draft.number(ids);
            diagnostics.extend(draft.inferred_diagnostics());
            submissions.push(draft.submission);
        }
        (submissions, diagnostics)
    }

    /// The submissions with missing sections inferred and tags filled in, but missing
    /// ids not derived yet ([`Draft::number`] does that); and the diagnostics of the
    /// file so far.
    pub(crate) fn drafts(self) -> (Vec<Draft>, Vec<Diagnostic>) {
        let JsonCorpus { at, submissions: raw, diagnostics } = self;
        let mut drafts = Vec::with_capacity(raw.len());
        for Obj(raw_sub) in raw {
            let mut sub = Submission::new(raw_sub.economy, raw_sub.year.map(|y| y.0));
            sub.contacts = raw_sub.contacts.into_iter().map(|c| c.0).collect();
            sub.source = raw_sub.source.or_else(|| at.file.clone());
            let explicit =
                |items: &[Obj<RawItem>]| -> Vec<bool> { items.iter().map(|r| r.0.id.is_some()).collect() };
            let explicit = [explicit(&raw_sub.needs), explicit(&raw_sub.offers)];
            for (kind, raw_items) in [(ItemKind::Need, raw_sub.needs), (ItemKind::Offer, raw_sub.offers)] {
                let items = match kind {
                    ItemKind::Need => &mut sub.needs,
                    ItemKind::Offer => &mut sub.offers,
                };
                items.reserve_exact(raw_items.len());
                for (i, Obj(r)) in raw_items.into_iter().enumerate() {
                    let item = Item {
                        // A placeholder until `Draft::number`.
                        id: r.id.unwrap_or_else(|| ItemId::derived("", kind, i)),
                        section: r.section,
                        text: r.text.0,
                        capacity: r.capacity.map(|c| c.0),
                        pillars: r.pillars,
                        activities: r.activities,
                        unspecific: r.unspecific,
                        line: r.line,
                    };
                    items.push(item);
                }
            }
            let inferred = [vec![None; sub.needs.len()], vec![None; sub.offers.len()]];
            drafts.push(Draft { submission: sub, explicit, inferred });
        }
        // Annotation reads every text: in parallel.
        let mut items: Vec<(&mut Item, &mut Option<Location>)> = drafts
            .iter_mut()
            .flat_map(|d| {
                let [needs, offers] = &mut d.inferred;
                d.submission.needs.iter_mut().zip(needs).chain(d.submission.offers.iter_mut().zip(offers))
            })
            .collect();
        items.par_iter_mut().with_min_len(256).for_each(|(item, inferred)| {
            if fill_in(item) {
                **inferred = Some(Location { file: at.file.clone(), line: item.line });
            }
        });
        (drafts, diagnostics)
    }
}

/// `submissions.0.needs.2.foo` (the form of `serde_ignored`) → `submissions[0].needs[2].foo`
/// (the form of `serde_path_to_error`, used in errors).
fn bracket_indices(path: &str) -> String {
    let mut out = String::with_capacity(path.len() + 4);
    for seg in path.split('.') {
        if !seg.is_empty() && seg.bytes().all(|b| b.is_ascii_digit()) {
            out.push('[');
            out.push_str(seg);
            out.push(']');
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(seg);
        }
    }
    out
}

/// The 1-based line of the `n`-th (1-based) place where `id` is written as the value
/// of an `"id"` key; `None` when it is not found (written with escapes, say).
// Counted once per error; not worth a byte-counting dependency.
#[allow(clippy::naive_bytecount)]
pub(crate) fn id_line(json: &[u8], id: &str, n: usize) -> Option<u32> {
    let needle = serde_json::to_string(id).ok()?;
    let needle = needle.as_bytes();
    let mut found = 0;
    let mut from = 0;
    while let Some(k) = find(&json[from..], needle) {
        let at = from + k;
        from = at + needle.len();
        // `"id"`, white space, `:`, white space, then the value.
        let before = json[..at].trim_ascii_end();
        let Some(before) = before.strip_suffix(b":") else { continue };
        if !before.trim_ascii_end().ends_with(b"\"id\"") {
            continue;
        }
        found += 1;
        if found == n {
            let newlines = json[..at].iter().filter(|&&b| b == b'\n').count();
            return Some(u32::try_from(newlines + 1).unwrap_or(u32::MAX));
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn parse_raw(json: &[u8], at: &Location, diagnostics: &mut Vec<Diagnostic>) -> Result<RawCorpus> {
    if json.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty { at: at.clone() });
    }
    let mut ignored = Vec::new();
    // Read first without tracking the path (it costs on every value, and only an
    // error needs it); on an error, read again with it for the message.
    let untracked = {
        let mut de = serde_json::Deserializer::from_slice(json);
        serde_ignored::deserialize(&mut de, |path| ignored.push(bracket_indices(&path.to_string())))
            .and_then(|raw| de.end().map(|()| raw))
    };
    if let Ok(Obj(raw)) = untracked {
        return Ok(finish_raw(raw, ignored, at, diagnostics));
    }
    ignored.clear();
    let mut de = serde_json::Deserializer::from_slice(json);
    let mut track = serde_path_to_error::Track::new();
    let result = {
        let tracked = serde_path_to_error::Deserializer::new(&mut de, &mut track);
        serde_ignored::deserialize(tracked, |path| ignored.push(bracket_indices(&path.to_string())))
    };
    let raw: RawCorpus = match result.and_then(|raw| de.end().map(|()| raw)) {
        Ok(Obj(raw)) => raw,
        Err(err) => {
            // The path stops at the last value known: an unread key shows as `?`.
            let mut path = track.path().to_string();
            while let Some(known) = path.strip_suffix(".?") {
                path.truncate(known.len());
            }
            if path == "." || path == "?" {
                path.clear();
            }
            return Err(json_error(&err, path, at));
        }
    };
    Ok(finish_raw(raw, ignored, at, diagnostics))
}

/// A corpus read, with a warning for each unknown field (`ignored`, by path).
fn finish_raw(
    raw: RawCorpus,
    ignored: Vec<String>,
    at: &Location,
    diagnostics: &mut Vec<Diagnostic>,
) -> RawCorpus {
    for path in ignored {
        diagnostics.push(Diagnostic::new(
            Severity::Warning,
            DiagnosticKind::SkippedLine,
            at.clone(),
            format!("{path}: unknown field ignored"),
        ));
    }
    raw
}

fn json_error(err: &serde_json::Error, path: String, at: &Location) -> Error {
    let at = Location { file: at.file.clone(), line: u32::try_from(err.line()).ok().filter(|l| *l > 0) };
    let full = err.to_string();
    // serde_json appends " at line L column C"; the location already says where.
    let message = match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    };
    if let Some(value) = message.strip_prefix(UNKNOWN_PARTY_TAG) {
        return Error::UnknownParty { at, path, value: value.to_string() };
    }
    if let Some(message) = message.strip_prefix(INVALID_TAG) {
        return Error::InvalidValue { at, path, message: message.to_string() };
    }
    Error::Json { at, path, message }
}

/// Marks serde errors raised by our own validating types (ids, years, capacities).
const INVALID_TAG: &str = "\u{1}invalid:";

fn invalid<E: de::Error>(message: impl fmt::Display) -> E {
    E::custom(format!("{INVALID_TAG}{message}"))
}

/// A record read from a JSON object only. Serde's derived structs also accept an
/// array of their fields in order (`[["ROK", 2014]]` as a corpus), which the corpus
/// format does not allow and which made for baffling errors.
struct Obj<T>(T);

/// What a record is called in errors ("expected a submission object").
trait Record {
    const EXPECTING: &'static str;
}

impl<'de, T: Deserialize<'de> + Record> Deserialize<'de> for Obj<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Fields<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de> + Record> Visitor<'de> for Fields<T> {
            type Value = T;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(T::EXPECTING)
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map))
            }
        }
        d.deserialize_map(Fields(std::marker::PhantomData)).map(Obj)
    }
}

impl Record for RawCorpus {
    const EXPECTING: &'static str = "a corpus object ({\"submissions\": [...]})";
}

impl Record for RawSubmission {
    const EXPECTING: &'static str = "a submission object";
}

impl Record for RawItem {
    const EXPECTING: &'static str = "a need or offer object";
}

impl Record for Contact {
    const EXPECTING: &'static str = "a contact object";
}

#[derive(Deserialize)]
#[serde(expecting = "a corpus object ({\"submissions\": [...]})")]
struct RawCorpus {
    submissions: Vec<Obj<RawSubmission>>,
    /// What the corpus is and where it comes from (free text): read, not kept.
    #[serde(default)]
    #[allow(dead_code, reason = "read so that it is checked to be a string and not reported as unknown")]
    description: Option<String>,
}

#[derive(Deserialize)]
#[serde(expecting = "a submission object")]
struct RawSubmission {
    economy: Party,
    #[serde(default)]
    year: Option<Year>,
    #[serde(default)]
    needs: Vec<Obj<RawItem>>,
    #[serde(default)]
    offers: Vec<Obj<RawItem>>,
    #[serde(default)]
    contacts: Vec<Obj<Contact>>,
    #[serde(default)]
    source: Option<String>,
}

#[derive(Deserialize)]
#[serde(expecting = "a need or offer object")]
struct RawItem {
    #[serde(default, deserialize_with = "de_id")]
    id: Option<ItemId>,
    #[serde(default)]
    section: Option<Section>,
    text: Text,
    #[serde(default)]
    capacity: Option<Capacity>,
    #[serde(default)]
    pillars: Vec<crate::Pillar>,
    #[serde(default)]
    activities: Vec<crate::ActivityKind>,
    #[serde(default)]
    unspecific: bool,
    #[serde(default)]
    line: Option<u32>,
}

fn de_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<ItemId>, D::Error> {
    match Option::<String>::deserialize(d)? {
        None => Ok(None),
        Some(s) => ItemId::new(s.clone()).map(Some).ok_or_else(|| {
            invalid(format!(
                "invalid id {s:?}: ids are 1 to {} characters without white space",
                ItemId::MAX_LEN
            ))
        }),
    }
}

struct Text(String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let trimmed = s.trim();
        if trimmed.is_empty() {
            return Err(invalid("text must not be empty"));
        }
        Ok(Text(if trimmed.len() == s.len() { s } else { trimmed.to_string() }))
    }
}

/// A whole number in `lo..=hi` from a JSON number (or a string of digits, for years).
struct Bounded<const LO: u64, const HI: u64>(&'static str);

impl<const LO: u64, const HI: u64> Visitor<'_> for Bounded<LO, HI> {
    type Value = u64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a whole number from {LO} to {HI}")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<u64, E> {
        if (LO..=HI).contains(&v) {
            Ok(v)
        } else {
            Err(invalid(format!("{} must be a whole number from {LO} to {HI}, got {v}", self.0)))
        }
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<u64, E> {
        match u64::try_from(v) {
            Ok(v) => self.visit_u64(v),
            Err(_) => Err(invalid(format!("{} must be a whole number from {LO} to {HI}, got {v}", self.0))),
        }
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<u64, E> {
        // `2.0` is a whole number (JSON Schema's "integer" says so too).
        if v.fract() == 0.0 && (LO as f64..=HI as f64).contains(&v) {
            return Ok(v as u64);
        }
        Err(invalid(format!("{} must be a whole number from {LO} to {HI}, got {v}", self.0)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<u64, E> {
        match v.trim().parse::<u64>() {
            Ok(n) => self.visit_u64(n),
            Err(_) => Err(invalid(format!("{} must be a whole number from {LO} to {HI}, got {v:?}", self.0))),
        }
    }
}

struct Year(u16);

impl<'de> Deserialize<'de> for Year {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = d.deserialize_any(Bounded::<{ MIN_YEAR as u64 }, { MAX_YEAR as u64 }>("year"))?;
        Ok(Year(v as u16))
    }
}

struct Capacity(u32);

impl<'de> Deserialize<'de> for Capacity {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = d.deserialize_any(Bounded::<1, { u32::MAX as u64 }>("capacity"))?;
        Ok(Capacity(v as u32))
    }
}
