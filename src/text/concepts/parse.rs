//! Reading and validating the concept graph's text format (see `README.md` here).

use std::collections::HashMap;

use super::{Concept, ConceptGraph, ConceptId, Label};
use crate::text::normalised_words;
use crate::text::phrase::PhraseSet;
use crate::{Error, Location, Result, Section};

/// One record as written, before names are resolved to ids.
#[derive(Debug, Default)]
struct Record {
    at: Location,
    label: String,
    alt: Vec<(String, u32)>,
    ambiguous: Vec<(String, u32)>,
    broader: Vec<(String, u32)>,
    related: Vec<(String, u32)>,
    sections: Vec<Section>,
    root: bool,
}

fn invalid(at: Location, message: impl Into<String>) -> Error {
    Error::InvalidValue { at, path: String::new(), message: message.into() }
}

fn split_list(value: &str) -> impl Iterator<Item = &str> {
    value.split(';').map(str::trim).filter(|s| !s.is_empty())
}

/// Reads the records of one file.
fn records(file: &str, source: &str, out: &mut Vec<Record>) -> Result<()> {
    let mut current: Option<Record> = None;
    for (n, raw) in source.lines().enumerate() {
        let line_no = n as u32 + 1;
        let at = Location::new(file, line_no);
        let line = raw.trim();
        if line.starts_with('#') {
            continue;
        }
        if line.is_empty() {
            out.extend(current.take());
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            return Err(invalid(at, format!("expected `key: value`, got {line:?}")));
        };
        let (key, value) = (key.trim(), value.trim());
        if key == "concept" {
            out.extend(current.take());
            if value.is_empty() {
                return Err(invalid(at, "a concept needs a preferred label"));
            }
            current = Some(Record { at, label: value.to_string(), ..Record::default() });
            continue;
        }
        let Some(record) = current.as_mut() else {
            return Err(invalid(at, format!("`{key}:` before any `concept:` line")));
        };
        let list = |v: &str| split_list(v).map(|s| (s.to_string(), line_no)).collect::<Vec<_>>();
        match key {
            "alt" => record.alt.extend(list(value)),
            "ambiguous" => record.ambiguous.extend(list(value)),
            "broader" => record.broader.extend(list(value)),
            "related" => record.related.extend(list(value)),
            "in" => {
                for code in value.split_whitespace() {
                    let section = Section::from_label(code);
                    if matches!(section, Section::Other(_)) {
                        return Err(invalid(
                            at,
                            format!("unknown section {code:?} (use A.1 to A.5, B or C)"),
                        ));
                    }
                    record.sections.push(section);
                }
            }
            "root" => match value {
                "yes" => record.root = true,
                "no" => record.root = false,
                _ => return Err(invalid(at, format!("`root:` takes yes or no, got {value:?}"))),
            },
            _ => {
                return Err(invalid(
                    at,
                    format!(
                        "unknown key {key:?} (expected concept, alt, ambiguous, broader, related, in or root)"
                    ),
                ));
            }
        }
    }
    out.extend(current);
    Ok(())
}

/// Parses and validates concept files, given as (file name, text) in reading order.
pub(super) fn parse(files: &[(&str, &str)]) -> Result<ConceptGraph> {
    let mut recs = Vec::new();
    for (file, source) in files {
        records(file, source, &mut recs)?;
    }
    let mut ids: HashMap<&str, ConceptId> = HashMap::with_capacity(recs.len());
    for (i, r) in recs.iter().enumerate() {
        if let Some(&first) = ids.get(r.label.as_str()) {
            let first = &recs[first as usize].at;
            return Err(invalid(
                r.at.clone(),
                format!("concept {:?} is already defined at {first}", r.label),
            ));
        }
        ids.insert(r.label.as_str(), i as ConceptId);
    }
    let resolve = |r: &Record, names: &[(String, u32)], what: &str| -> Result<Vec<ConceptId>> {
        let mut out = Vec::with_capacity(names.len());
        for (name, line) in names {
            let Some(&id) = ids.get(name.as_str()) else {
                return Err(invalid(r.at.at_line(*line), format!("unknown {what} concept {name:?}")));
            };
            if !out.contains(&id) {
                out.push(id);
            }
        }
        Ok(out)
    };

    let mut concepts = Vec::with_capacity(recs.len());
    for r in &recs {
        let broader = resolve(r, &r.broader, "broader")?;
        let related = resolve(r, &r.related, "related")?;
        match (r.root, broader.is_empty()) {
            (true, false) => {
                return Err(invalid(r.at.clone(), format!("root {:?} has a broader concept", r.label)));
            }
            (false, true) => {
                return Err(invalid(
                    r.at.clone(),
                    format!("concept {:?} needs a `broader:` concept (or `root: yes`)", r.label),
                ));
            }
            _ => {}
        }
        concepts.push(Concept {
            label: r.label.clone(),
            alt: r.alt.iter().map(|(s, _)| s.clone()).collect(),
            broader,
            narrower: Vec::new(),
            related,
            sections: r.sections.clone(),
            root: r.root,
            at: r.at.clone(),
        });
    }
    check_acyclic(&concepts)?;
    for i in 0..concepts.len() {
        for b in concepts[i].broader.clone() {
            concepts[b as usize].narrower.push(i as ConceptId);
        }
    }
    inherit_sections(&mut concepts);
    let (phrases, ambiguous) = labels(&recs)?;
    Ok(ConceptGraph::assemble(concepts, phrases, ambiguous))
}

/// A cycle of broader links is an error naming a concept on it.
fn check_acyclic(concepts: &[Concept]) -> Result<()> {
    // Iterative depth-first search: 0 unvisited, 1 on the stack, 2 done.
    let mut state = vec![0u8; concepts.len()];
    for start in 0..concepts.len() {
        if state[start] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = 1;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&b) = concepts[node].broader.get(*next) {
                *next += 1;
                match state[b as usize] {
                    0 => {
                        state[b as usize] = 1;
                        stack.push((b as usize, 0));
                    }
                    1 => {
                        let c = &concepts[b as usize];
                        return Err(invalid(
                            c.at.clone(),
                            format!("concept {:?} is its own broader concept (a cycle)", c.label),
                        ));
                    }
                    _ => {}
                }
            } else {
                state[node] = 2;
                stack.pop();
            }
        }
    }
    Ok(())
}

/// A concept without sections takes those of its broader concepts (nearest first).
fn inherit_sections(concepts: &mut [Concept]) {
    // Parents before children: repeat until nothing changes (depth is small).
    loop {
        let mut changed = false;
        for i in 0..concepts.len() {
            if !concepts[i].sections.is_empty() {
                continue;
            }
            let mut inherited: Vec<Section> = Vec::new();
            for &b in &concepts[i].broader {
                for s in &concepts[b as usize].sections {
                    if !inherited.contains(s) {
                        inherited.push(s.clone());
                    }
                }
            }
            if !inherited.is_empty() {
                concepts[i].sections = inherited;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

/// The phrase set of every label, and the concept sets of ambiguous labels. A label
/// on two concepts must be declared ambiguous on both; a label declared ambiguous
/// is one even on a single concept (the acronym means other things outside the
/// graph), so that context must confirm it.
fn labels(recs: &[Record]) -> Result<(PhraseSet<Label>, Vec<Vec<ConceptId>>)> {
    // Normalised label → (concepts, where each uses it, whether each declares it ambiguous).
    let mut uses: HashMap<Vec<String>, Vec<(ConceptId, Location, bool)>> = HashMap::new();
    let mut order: Vec<Vec<String>> = Vec::new();
    for (i, r) in recs.iter().enumerate() {
        let forms = std::iter::once((&r.label, r.at.clone(), false))
            .chain(r.alt.iter().map(|(s, l)| (s, r.at.at_line(*l), false)))
            .chain(r.ambiguous.iter().map(|(s, l)| (s, r.at.at_line(*l), true)));
        for (form, at, ambiguous) in forms {
            let words = normalised_words(form);
            if words.is_empty() {
                return Err(invalid(at, format!("label {form:?} has no words")));
            }
            let list = uses.entry(words.clone()).or_default();
            if list.is_empty() {
                order.push(words);
            }
            match list.iter_mut().find(|u| u.0 == i as ConceptId) {
                Some(u) => u.2 |= ambiguous,
                None => list.push((i as ConceptId, at, ambiguous)),
            }
        }
    }
    let mut phrases = PhraseSet::new();
    let mut ambiguous_sets: Vec<Vec<ConceptId>> = Vec::new();
    for words in order {
        let list = &uses[&words];
        if list.len() == 1 && !list[0].2 {
            phrases.insert_words(words, Label::One(list[0].0));
            continue;
        }
        if let Some(plain) = list.iter().find(|u| !u.2).filter(|_| list.len() > 1) {
            let other = list.iter().find(|u| u.0 != plain.0).map_or(&plain.1, |u| &u.1);
            return Err(invalid(
                plain.1.clone(),
                format!(
                    "label {:?} of {:?} also names {:?} ({other}): declare it `ambiguous:` on both",
                    words.join(" "),
                    recs[plain.0 as usize].label,
                    recs[list.iter().find(|u| u.0 != plain.0).map_or(plain.0, |u| u.0) as usize].label,
                ),
            ));
        }
        let mut set: Vec<ConceptId> = list.iter().map(|u| u.0).collect();
        set.sort_unstable();
        ambiguous_sets.push(set);
        phrases.insert_words(words, Label::Ambiguous(ambiguous_sets.len() as u32 - 1));
    }
    Ok((phrases, ambiguous_sets))
}
