//! The Summary Report as JSON, for programs: the model serialised.

use super::model::SummaryReport;

impl SummaryReport {
    /// The report as pretty-printed JSON, ending in a newline.
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::{Corpus, MatchConfig, graph::{MatchGraph, Ranking}, similarity::Analysis};
    /// use capmatch::report::{SummaryOptions, SummaryReport};
    ///
    /// let corpus = Corpus::from_json_str(r#"{"submissions":[
    ///   {"economy":"PHL","year":2020,"needs":[{"section":"B","text":"Training for FIU analysts on terrorist financing"}]}]}"#, None)?;
    /// let config = MatchConfig::new().build()?;
    /// let analysis = Analysis::new(&corpus, config.fuzzy_threshold);
    /// let ranking = Ranking::new(&analysis, &config);
    /// let report = SummaryReport::new(&MatchGraph::new(&ranking), &SummaryOptions::new());
    /// let v: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
    /// assert_eq!(v["gaps"]["by_section"][0]["section"], "B");
    /// assert_eq!(v["overview"]["unmet_needs"], 1);
    /// assert!(v.get("contacts").is_none());
    /// # Ok::<(), capmatch::Error>(())
    /// ```
    pub fn to_json(&self) -> String {
        // Plain data with string keys: serialising into a String cannot fail.
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}
