//! The section "Progress since the previous CTAP" of the [`SummaryReport`], built
//! from [`Progress`], and the note on earlier editions left out.

use super::model::{
    AreaProgress, EconomyProgress, MissedOpportunity, PersistingNeed, ProgressLink, ProgressNeed,
    ProgressSummary, SummaryReport,
};
use crate::Area;
use crate::plan::EarlierEditions;
use crate::plan::progress::{NeedRef, Progress};

impl SummaryReport {
    /// Adds the section "Progress since the previous CTAP": per economy its latest
    /// pair of editions (persistent, new and resolved needs), region-wide counts by
    /// Strategy area, the needs persisting across three or more editions, and the
    /// persistent needs an earlier offer could already meet. Nothing is added when
    /// no economy has two dated editions. A one-year report compares the editions up
    /// to its year.
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::{Corpus, MatchConfig, graph::{MatchGraph, Ranking}, similarity::Analysis};
    /// use capmatch::plan::{latest_editions, progress::Progress};
    /// use capmatch::report::{SummaryOptions, SummaryReport};
    ///
    /// let corpus = Corpus::from_json_str(r#"{"submissions":[
    ///   {"economy":"PE","year":2012,"needs":[{"id":"pe-2012-n1","section":"A.4","text":"Advance Passenger Information system at the airport"}]},
    ///   {"economy":"PE","year":2014,"needs":[{"id":"pe-2014-n1","section":"A.4","text":"An API system so that passenger data arrives before flights land"}]}]}"#, None)?;
    /// let progress = Progress::new(&Analysis::new(&corpus, 0.92));
    /// let (latest, earlier) = latest_editions(&corpus);
    /// let config = MatchConfig::new().build()?;
    /// let analysis = Analysis::new(&latest, config.fuzzy_threshold);
    /// let ranking = Ranking::new(&analysis, &config);
    /// let report = SummaryReport::new(&MatchGraph::new(&ranking), &SummaryOptions::new())
    ///     .with_earlier_editions(earlier)
    ///     .with_progress(&progress);
    /// assert_eq!(report.overview.needs, 1); // the latest edition only
    /// let section = report.progress.as_ref().unwrap();
    /// assert_eq!(section.economies[0].persistent[0].previous.as_str(), "pe-2012-n1");
    /// assert!(report.to_markdown().contains("## Progress since the previous CTAP"));
    /// # Ok::<(), capmatch::Error>(())
    /// ```
    #[must_use]
    pub fn with_progress(mut self, progress: &Progress) -> SummaryReport {
        let year = self.year;
        // Each party's latest pair within the report's years.
        let mut latest: Vec<&crate::plan::progress::EditionPair> = Vec::new();
        for e in progress.editions.iter().filter(|e| year.is_none_or(|y| e.to <= y)) {
            match latest.last_mut() {
                Some(last) if last.economy == e.economy => *last = e,
                _ => latest.push(e),
            }
        }
        if latest.is_empty() {
            return self;
        }
        let need = |n: &NeedRef| ProgressNeed {
            id: n.id.clone(),
            section: n.section.as_ref().map(|s| s.label().to_string()),
            text: n.text.clone(),
        };
        let economies: Vec<EconomyProgress> = latest
            .iter()
            .map(|e| EconomyProgress {
                party: e.economy.clone(),
                from: e.from,
                to: e.to,
                persistent: e
                    .persistent
                    .iter()
                    .map(|p| ProgressLink {
                        need: p.need.id.clone(),
                        previous: p.previous.id.clone(),
                        similarity: p.similarity,
                        text: p.need.text.clone(),
                        previous_text: p.previous.text.clone(),
                    })
                    .collect(),
                new: e.new.iter().map(need).collect(),
                resolved: e.resolved.iter().map(need).collect(),
            })
            .collect();
        let mut by_area: Vec<AreaProgress> = Area::ALL
            .iter()
            .map(|&a| AreaProgress { area: Some(a), persistent: 0, new: 0, resolved: 0 })
            .collect();
        let mut none = AreaProgress { area: None, persistent: 0, new: 0, resolved: 0 };
        let mut count = |n: &NeedRef, field: fn(&mut AreaProgress) -> &mut usize| {
            let areas = n.section.as_ref().map_or(&[] as &[Area], |s| s.areas());
            if areas.is_empty() {
                *field(&mut none) += 1;
            }
            for row in by_area.iter_mut().filter(|r| r.area.is_some_and(|a| areas.contains(&a))) {
                *field(row) += 1;
            }
        };
        for e in &latest {
            for p in &e.persistent {
                count(&p.need, |r| &mut r.persistent);
            }
            for n in &e.new {
                count(n, |r| &mut r.new);
            }
            for n in &e.resolved {
                count(n, |r| &mut r.resolved);
            }
        }
        if none.persistent + none.new + none.resolved > 0 {
            by_area.push(none);
        }
        let persisting = progress
            .persisting
            .iter()
            .filter(|c| c.needs.last().is_some_and(|n| year.is_none_or(|y| n.year <= y)))
            .map(|c| PersistingNeed {
                party: c.economy.clone(),
                needs: c.needs.iter().map(|n| n.id.clone()).collect(),
                years: c.needs.iter().map(|n| n.year).collect(),
                text: c.needs.last().map(|n| n.text.clone()).unwrap_or_default(),
            })
            .collect();
        let opportunities = latest
            .iter()
            .flat_map(|e| e.persistent.iter().map(move |p| (e, p)))
            .filter_map(|(e, p)| {
                let o = p.opportunity.as_ref()?;
                Some(MissedOpportunity {
                    recipient: e.economy.clone(),
                    need: p.need.id.clone(),
                    previous: p.previous.id.clone(),
                    text: p.need.text.clone(),
                    donor: o.donor.clone(),
                    offer: o.offer.clone(),
                    year: o.year,
                    score: o.score,
                    tier: o.tier,
                    offer_text: o.text.clone(),
                })
            })
            .collect();
        self.progress = Some(ProgressSummary { economies, by_area, persisting, opportunities });
        self
    }

    /// Records the earlier editions a latest-edition view left out
    /// ([`latest_editions`](crate::plan::latest_editions)), so that the report
    /// says its needs, gaps and totals come from each economy's latest edition.
    #[must_use]
    pub fn with_earlier_editions(mut self, left_out: Vec<EarlierEditions>) -> SummaryReport {
        self.overview.earlier_editions_left_out = left_out;
        self
    }
}
