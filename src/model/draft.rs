//! Submissions read but not finished: missing ids not derived yet, so that
//! [`crate::input::load`] can first fold duplicate editions; and the annotation
//! that fills in what an input left out.

use super::{IdSpace, Item, ItemId, ItemKind, Section, Submission};
use crate::diagnostic::{Diagnostic, DiagnosticKind, Severity};
use crate::{Location, text};

/// A submission read from corpus JSON whose missing ids are not derived yet, so
/// that [`crate::input::load`] can first fold duplicate editions.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    /// The submission; items without an explicit id carry a placeholder.
    pub(crate) submission: Submission,
    /// For needs and offers: whether each item's id was written in the input.
    pub(crate) explicit: [Vec<bool>; 2],
    /// For needs and offers: where each item whose section was inferred from its
    /// text was read (file and line), for the diagnostic.
    pub(crate) inferred: [Vec<Option<Location>>; 2],
}

impl Draft {
    /// A draft of a submission whose ids are all derived and whose diagnostics are
    /// given (a parsed CTAP).
    pub(crate) fn derived(submission: Submission) -> Draft {
        let (needs, offers) = (submission.needs.len(), submission.offers.len());
        Draft {
            submission,
            explicit: [vec![false; needs], vec![false; offers]],
            inferred: [vec![None; needs], vec![None; offers]],
        }
    }

    /// Derives the missing ids in `ids`; returns the prefix taken.
    pub(crate) fn number(&mut self, ids: &mut IdSpace) -> String {
        let missing = |e: &[bool]| -> Vec<usize> {
            e.iter().enumerate().filter(|(_, e)| !**e).map(|(i, _)| i).collect()
        };
        let [needs, offers] = [missing(&self.explicit[0]), missing(&self.explicit[1])];
        let prefix = ids.prefix(&self.submission.id_prefix(), &needs, &offers);
        for i in needs {
            self.submission.needs[i].id = ItemId::derived(&prefix, ItemKind::Need, i);
        }
        for i in offers {
            self.submission.offers[i].id = ItemId::derived(&prefix, ItemKind::Offer, i);
        }
        prefix
    }

    /// An info diagnostic for every item whose section was inferred, by final id.
    pub(crate) fn inferred_diagnostics(&self) -> impl Iterator<Item = Diagnostic> + '_ {
        let s = &self.submission;
        let needs = s.needs.iter().zip(&self.inferred[0]);
        needs.chain(s.offers.iter().zip(&self.inferred[1])).filter_map(|(item, at)| {
            at.as_ref().map(|at| inferred_section(item, item.section.as_ref().map_or("", Section::label), at))
        })
    }
}

fn inferred_section(item: &Item, label: &str, at: &Location) -> Diagnostic {
    Diagnostic::new(
        Severity::Info,
        DiagnosticKind::InferredSection,
        at.clone(),
        format!("{}: section {label} inferred from the text", item.id),
    )
}

/// Fills in what the input left out: a section inferred from the text (with an
/// info diagnostic, returned), and pillar and activity tags read from the text.
/// Tags the input gives are sorted and deduplicated.
pub(crate) fn annotate(item: &mut Item, at: &Location) -> Option<Diagnostic> {
    let at = Location { file: at.file.clone(), line: item.line };
    fill_in(item).then(|| inferred_section(item, item.section.as_ref().map_or("", Section::label), &at))
}

/// [`annotate`] without the diagnostic: whether the section was inferred.
pub(crate) fn fill_in(item: &mut Item) -> bool {
    let reads_text = item.section.is_none() || item.pillars.is_empty() || item.activities.is_empty();
    let words = if reads_text { text::normalised_words(&item.text) } else { Vec::new() };
    let mut inferred = false;
    if item.section.is_none()
        && let Some(section) = text::infer_section_of_words(&words)
    {
        item.section = Some(section);
        inferred = true;
    }
    if item.pillars.is_empty() {
        item.pillars = text::pillars_of_words(&words);
    } else {
        item.pillars.sort_unstable();
        item.pillars.dedup();
    }
    if item.activities.is_empty() {
        item.activities = text::activities_of_words(&words);
    } else {
        item.activities.sort_unstable();
        item.activities.dedup();
    }
    inferred
}
