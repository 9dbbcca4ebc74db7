//! The APEC sub-fora a project drafted from the CTAPs may involve, as data
//! (`fora.txt`): which CTAP sections, Strategy pillars and concepts of the graph
//! each forum's work covers.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use serde::Serialize;

use crate::text::{ConceptGraph, ConceptId};
use crate::{Error, Location, Pillar, Result, Section};

/// The forum that sponsors every project drafted from the CTAPs.
pub const SPONSORING_FORUM: &str = "CTWG";

/// The sub-fora mapping compiled into the crate.
pub const FORA_SOURCE: &str = include_str!("fora.txt");

/// One APEC sub-forum and what its work covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Forum {
    /// The short name shown in a project concept ("SCCP").
    pub code: String,
    /// The full name ("Sub-Committee on Customs Procedures").
    pub name: String,
    /// The forum's own concept in the concept graph.
    #[serde(skip)]
    pub concept: ConceptId,
    /// CTAP sections whose needs the forum's work covers.
    #[serde(skip)]
    pub sections: Vec<Section>,
    /// Strategy pillars the forum leads on.
    #[serde(skip)]
    pub pillars: Vec<Pillar>,
    /// Concepts of the graph (their narrower concepts count too).
    #[serde(skip)]
    pub concepts: Vec<ConceptId>,
}

/// The sub-fora, in the order of the data.
///
/// # Examples
///
/// ```
/// use capmatch::plan::{Fora, fora_involved};
/// use capmatch::{Pillar, Section};
/// use capmatch::text::ConceptGraph;
///
/// let fora = Fora::global();
/// assert_eq!(fora.all()[0].code, "SCCP");
/// let g = ConceptGraph::global();
/// // Port facility security (A.2) is transport security; the ISPS Code is a kind of maritime security.
/// let isps = g.id("isps code").unwrap();
/// let codes: Vec<&str> = fora_involved(&[Section::A2], &[Pillar::Security], &[isps]).iter().map(|f| f.code.as_str()).collect();
/// assert_eq!(codes, ["TPTWG"]);
/// ```
#[derive(Debug, Clone)]
pub struct Fora {
    fora: Vec<Forum>,
}

impl Fora {
    /// The mapping compiled into the crate (`src/plan/fora.txt`).
    ///
    /// # Panics
    ///
    /// Never in a released build: the compiled-in data is checked by this crate's
    /// tests.
    pub fn global() -> &'static Fora {
        static FORA: OnceLock<Fora> = OnceLock::new();
        // Part of the crate, validated by a unit test: not input.
        FORA.get_or_init(|| Fora::parse("fora.txt", FORA_SOURCE).expect("the compiled-in fora are valid"))
    }

    /// Reads a mapping in the format of `src/plan/fora.txt`, resolving concept
    /// labels in the global concept graph.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] naming the file and line for an unknown key, section,
    /// pillar or concept label, a record without `forum:` or `concept:`, or a
    /// forum named twice.
    pub fn parse(file: &str, source: &str) -> Result<Fora> {
        let graph = ConceptGraph::global();
        let invalid = |line: u32, message: String| Error::InvalidValue {
            at: Location::new(file, line),
            path: String::new(),
            message,
        };
        let concept = |line: u32, label: &str| {
            graph.id(label).ok_or_else(|| invalid(line, format!("unknown concept {label:?}")))
        };
        let mut fora: Vec<Forum> = Vec::new();
        let mut open: Option<(Forum, u32, bool)> = None;
        let close = |open: &mut Option<(Forum, u32, bool)>, fora: &mut Vec<Forum>| -> Result<()> {
            if let Some((forum, line, has_concept)) = open.take() {
                if !has_concept {
                    return Err(invalid(line, format!("forum {} has no `concept:`", forum.code)));
                }
                if fora.iter().any(|f| f.code == forum.code) {
                    return Err(invalid(line, format!("forum {} is named twice", forum.code)));
                }
                fora.push(forum);
            }
            Ok(())
        };
        for (n, raw) in source.lines().enumerate() {
            let line = n as u32 + 1;
            let text = raw.trim();
            if text.starts_with('#') {
                continue;
            }
            if text.is_empty() {
                close(&mut open, &mut fora)?;
                continue;
            }
            let Some((key, value)) = text.split_once(':') else {
                return Err(invalid(line, format!("expected `key: value`, got {text:?}")));
            };
            let (key, value) = (key.trim(), value.trim());
            if key == "forum" {
                close(&mut open, &mut fora)?;
                if value.is_empty() {
                    return Err(invalid(line, "a forum needs a short name".to_string()));
                }
                let forum = Forum {
                    code: value.to_string(),
                    name: value.to_string(),
                    concept: 0,
                    sections: Vec::new(),
                    pillars: Vec::new(),
                    concepts: Vec::new(),
                };
                open = Some((forum, line, false));
                continue;
            }
            let Some((forum, _, has_concept)) = open.as_mut() else {
                return Err(invalid(line, format!("`{key}:` before any `forum:` line")));
            };
            match key {
                "name" => forum.name = value.to_string(),
                "concept" => {
                    forum.concept = concept(line, value)?;
                    *has_concept = true;
                }
                "sections" => {
                    for code in value.split_whitespace() {
                        let section = Section::from_label(code);
                        if !section.is_known() {
                            return Err(invalid(
                                line,
                                format!("unknown section {code:?} (use A.1 to A.5, B or C)"),
                            ));
                        }
                        forum.sections.push(section);
                    }
                }
                "pillars" => {
                    for name in value.split_whitespace() {
                        let pillar = Pillar::ALL
                            .into_iter()
                            .find(|p| p.name().eq_ignore_ascii_case(name))
                            .ok_or_else(|| invalid(line, format!("unknown pillar {name:?}")))?;
                        forum.pillars.push(pillar);
                    }
                }
                "concepts" => {
                    for label in value.split(';').map(str::trim).filter(|s| !s.is_empty()) {
                        forum.concepts.push(concept(line, label)?);
                    }
                }
                _ => return Err(invalid(line, format!("unknown key `{key}:`"))),
            }
        }
        close(&mut open, &mut fora)?;
        Ok(Fora { fora })
    }

    /// Every forum, in the order of the data.
    pub fn all(&self) -> &[Forum] {
        &self.fora
    }

    /// The fora whose work covers one of `sections`, `pillars` or `concepts` (a
    /// concept counts when it is one of the forum's or narrower than one), in the
    /// order of the data.
    pub fn involved(&self, sections: &[Section], pillars: &[Pillar], concepts: &[ConceptId]) -> Vec<&Forum> {
        let graph = ConceptGraph::global();
        let lineage: BTreeSet<ConceptId> = concepts.iter().flat_map(|&c| ancestors(graph, c)).collect();
        self.fora
            .iter()
            .filter(|f| {
                f.sections.iter().any(|s| sections.contains(s))
                    || f.pillars.iter().any(|p| pillars.contains(p))
                    || f.concepts.iter().any(|c| lineage.contains(c))
            })
            .collect()
    }
}

/// [`Fora::involved`] on the global mapping.
pub fn fora_involved(
    sections: &[Section],
    pillars: &[Pillar],
    concepts: &[ConceptId],
) -> Vec<&'static Forum> {
    Fora::global().involved(sections, pillars, concepts)
}

/// `c` and every concept broader than it, at any distance.
fn ancestors(graph: &ConceptGraph, c: ConceptId) -> Vec<ConceptId> {
    let mut seen = vec![c];
    let mut k = 0;
    while k < seen.len() {
        for &b in &graph.concept(seen[k]).broader {
            if !seen.contains(&b) {
                seen.push(b);
            }
        }
        k += 1;
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_in_fora_are_valid_and_are_apec_fora_of_the_graph() {
        let fora = Fora::parse("fora.txt", FORA_SOURCE).unwrap();
        let codes: Vec<&str> = fora.all().iter().map(|f| f.code.as_str()).collect();
        assert_eq!(codes, ["SCCP", "BMG", "TPTWG", "TEL", "EPWG"]);
        let graph = ConceptGraph::global();
        let apec_fora = graph.id("APEC fora").unwrap();
        for f in fora.all() {
            assert!(ancestors(graph, f.concept).contains(&apec_fora), "{} is not an APEC forum", f.code);
            assert!(!f.concepts.is_empty() && f.name.len() > f.code.len(), "{}", f.code);
        }
        // The sponsor is a forum of the graph too.
        assert!(ancestors(graph, graph.id(SPONSORING_FORUM).unwrap()).contains(&apec_fora));
    }

    #[test]
    fn the_issue_s_mapping_holds() {
        let g = ConceptGraph::global();
        let id = |l: &str| g.id(l).unwrap();
        let codes = |sections: &[Section], pillars: &[Pillar], concepts: &[ConceptId]| -> Vec<String> {
            fora_involved(sections, pillars, concepts).iter().map(|f| f.code.clone()).collect()
        };
        // Supply chains and customs: SCCP, even for cash declared at customs (B).
        assert_eq!(codes(&[Section::A1], &[], &[id("authorized economic operator")]), ["SCCP"]);
        assert_eq!(codes(&[Section::B], &[], &[id("bulk cash smuggling")]), ["SCCP"]);
        // Travel: BMG; transport security: TPTWG; cyber: TEL; resilience: EPWG.
        assert_eq!(codes(&[Section::A4], &[], &[id("advance passenger information")]), ["BMG"]);
        assert_eq!(codes(&[Section::A3], &[], &[id("mass transit security")]), ["TPTWG"]);
        // Air cargo is where the Strategy asks customs and transport security to meet.
        assert_eq!(codes(&[Section::A3], &[], &[id("air cargo screening")]), ["SCCP", "TPTWG"]);
        assert_eq!(codes(&[Section::C], &[], &[id("national CERT")]), ["TEL"]);
        assert_eq!(codes(&[Section::A5], &[Pillar::Resilience], &[]), ["EPWG"]);
        assert_eq!(codes(&[Section::A5], &[], &[id("CBRN preparedness and response")]), ["EPWG"]);
        // Terrorist financing alone: the CTWG only.
        assert!(codes(&[Section::B], &[Pillar::Security], &[id("npo misuse")]).is_empty());
    }

    #[test]
    fn bad_data_is_an_error_with_its_line() {
        let err = |s: &str| Fora::parse("f.txt", s).unwrap_err().to_string();
        assert_eq!(
            err("forum: X\nconcept: no such concept\n"),
            "f.txt:2: unknown concept \"no such concept\""
        );
        assert_eq!(
            err("forum: X\nconcept: SCCP\nsections: Z\n"),
            "f.txt:3: unknown section \"Z\" (use A.1 to A.5, B or C)"
        );
        assert_eq!(err("forum: X\nconcept: SCCP\npillars: speed\n"), "f.txt:3: unknown pillar \"speed\"");
        assert_eq!(err("name: X\n"), "f.txt:1: `name:` before any `forum:` line");
        assert_eq!(err("forum: X\nname: Y\n"), "f.txt:1: forum X has no `concept:`");
        assert_eq!(err("forum: X\ncolour: red\n"), "f.txt:2: unknown key `colour:`");
        assert_eq!(
            err("forum: X\nconcept: SCCP\n\nforum: X\nconcept: BMG\n"),
            "f.txt:4: forum X is named twice"
        );
    }
}
