//! Regional demand in Markdown (`capmatch clusters --format md`, and the Summary
//! Report's section "Regional demand: candidate projects"), and donor briefs in
//! Markdown and JSON (`capmatch brief`).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::escape::{excerpt, markdown_escape as esc};
use super::party_label;
use crate::plan::{Cluster, DonorBrief, EarlierEditions, RegionalDemand};
use crate::similarity::Tier;
use crate::{Area, Party, Pillar};

impl RegionalDemand {
    /// The clusters and their draft project concepts in Markdown, for people: per
    /// cluster the project's fields, the needs it answers and the candidate donors
    /// with their offers and tiers; then the needs in no cluster. Every text is
    /// escaped.
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::{Corpus, MatchConfig, graph::Ranking, similarity::Analysis};
    /// use capmatch::plan::{DemandOptions, DonorBrief, RegionalDemand};
    ///
    /// let corpus = Corpus::from_json_str(r#"{"submissions":[
    ///   {"economy":"PHL","year":2021,"needs":[{"id":"phl-n1","section":"B","text":"Training for customs officers on detecting cash couriers at airports"}]},
    ///   {"economy":"PE","year":2021,"needs":[{"id":"pe-n1","section":"B","text":"Workshops on detecting cash couriers at land borders"}]},
    ///   {"economy":"USA","year":2021,"offers":[{"id":"usa-o1","section":"B","text":"Training on detecting cash couriers and bulk cash smuggling"}]}]}"#, None)?;
    /// let config = MatchConfig::new().top_k(50).build()?;
    /// let analysis = Analysis::new(&corpus, config.fuzzy_threshold);
    /// let ranking = Ranking::new(&analysis, &config);
    /// let demand = RegionalDemand::new(&ranking, &DemandOptions::new());
    /// let md = demand.to_markdown();
    /// assert!(md.contains("## c1 · bulk cash smuggling — 2 economies, 2 needs"));
    /// assert!(md.contains("| Proposing economy | USA (its offers meet 2 of 2) |"));
    /// assert!(md.contains("| Sub-fora | SCCP (Sub-Committee on Customs Procedures) |"));
    /// # Ok::<(), capmatch::Error>(())
    /// ```
    pub fn to_markdown(&self) -> String {
        let mut s = String::from("# Regional demand: candidate projects\n\n");
        write_clusters(self, &mut s, 2);
        s
    }
}

/// `PHL 2021 (left out: 2019); PE 2021 (left out: 2017, 2019)`, escaped.
pub(crate) fn editions(list: &[EarlierEditions]) -> String {
    esc(&crate::plan::demand::editions_line(list))
}

/// `1 need`, `2 needs`.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn parties(list: &[Party]) -> String {
    if list.is_empty() {
        return "—".to_string();
    }
    list.iter().map(|p| esc(party_label(p))).collect::<Vec<_>>().join(", ")
}

/// The body of the regional demand section, with cluster headings at `level`.
pub(crate) fn write_clusters(demand: &RegionalDemand, s: &mut String, level: usize) {
    let needs_in: usize = demand.clusters.iter().map(|c| c.needs.len()).sum();
    if demand.clusters.is_empty() {
        s.push_str("No need is shared by needs of two or more economies: no candidate regional project.\n");
    } else {
        let _ = writeln!(
            s,
            "{} of several economies that one regional project could answer ({} in them), \
             with a draft APEC project concept each; {} in no cluster.",
            plural(demand.clusters.len(), "cluster", "clusters") + " of needs",
            plural(needs_in, "need", "needs"),
            plural(demand.unclustered.len(), "need is", "needs are"),
        );
    }
    if !demand.left_out.is_empty() {
        let _ = writeln!(
            s,
            "\nEach economy's latest edition is used, so that a restated need counts once: {}.",
            editions(&demand.left_out)
        );
    }
    let hashes = "#".repeat(level);
    for c in &demand.clusters {
        let _ = write!(
            s,
            "\n{hashes} {} · {} — {}, {}\n\n",
            c.id,
            esc(&c.label),
            plural(c.economies.len(), "economy", "economies"),
            plural(c.needs.len(), "need", "needs"),
        );
        write_cluster(c, s);
    }
    if !demand.unclustered.is_empty() && !demand.clusters.is_empty() {
        let _ = write!(s, "\n{hashes} Needs in no cluster\n\n");
        let ids: Vec<String> = demand.unclustered.iter().map(|id| esc(id.as_str())).collect();
        let _ = writeln!(s, "{}.", ids.join(", "));
    }
}

fn write_cluster(c: &Cluster, s: &mut String) {
    let project = &c.project;
    let _ = writeln!(s, "**Draft project concept: {}**\n", esc(&project.title));
    s.push_str("| Field | Draft |\n|---|---|\n");
    let proposing = match (
        &project.proposing_economy,
        c.donors.iter().find(|d| Some(&d.donor) == project.proposing_economy.as_ref()),
    ) {
        (Some(economy), Some(donor)) => {
            format!(
                "{} (its offers meet {} of {})",
                esc(party_label(economy)),
                donor.needs_met,
                c.needs.len()
            )
        }
        (Some(economy), None) => esc(party_label(economy)),
        (None, _) => "open: no APEC economy among the donors meets half of the needs".to_string(),
    };
    let _ = writeln!(s, "| Proposing economy | {proposing} |");
    let _ = writeln!(s, "| Co-sponsors | {} |", parties(&project.co_sponsors));
    let _ = writeln!(s, "| Partners | {} |", parties(&project.partners));
    let _ = writeln!(s, "| Beneficiaries | {} |", parties(&project.beneficiaries));
    let _ = writeln!(s, "| Sponsoring forum | {} |", esc(&project.sponsoring_forum));
    let fora: Vec<String> =
        project.sub_fora.iter().map(|f| format!("{} ({})", esc(&f.code), esc(&f.name))).collect();
    let _ = writeln!(s, "| Sub-fora | {} |", if fora.is_empty() { "—".to_string() } else { fora.join("; ") });
    let areas: Vec<&str> = c.areas.iter().map(|a| Area::name(*a)).collect();
    let pillars: Vec<&str> = c.pillars.iter().map(|x| Pillar::name(*x)).collect();
    let _ = writeln!(
        s,
        "| Strategy | {} · {} |",
        if areas.is_empty() { "no area".to_string() } else { areas.join(", ") },
        if pillars.is_empty() { "no common pillar".to_string() } else { pillars.join(", ") }
    );
    let sections: Vec<String> = c.sections.iter().map(|x| esc(x)).collect();
    let _ = writeln!(
        s,
        "| Sections | {} |",
        if sections.is_empty() { "—".to_string() } else { sections.join(", ") }
    );
    let _ = writeln!(s, "| Why together | {} |", esc(&project.rationale));
    s.push_str("\nNeeds it answers:\n\n");
    for n in &project.needs {
        let _ = writeln!(
            s,
            "- **{}**{}: {} ({})",
            esc(party_label(&n.economy)),
            n.section.as_deref().map_or_else(String::new, |x| format!(" {}", esc(x))),
            esc(&excerpt(&n.text, 220)),
            esc(n.id.as_str())
        );
    }
    if c.donors.is_empty() {
        s.push_str(
            "\nNo offer meets these needs at the partial tier or better: a project with no donor yet.\n",
        );
        return;
    }
    s.push_str("\n| Candidate donor | Needs met | Offers (best tier) |\n|---|---:|---|\n");
    for d in &c.donors {
        let mut best: BTreeMap<&str, Tier> = BTreeMap::new();
        for m in &d.matches {
            let t = best.entry(m.offer.as_str()).or_insert(m.tier);
            *t = (*t).max(m.tier);
        }
        let offers: Vec<String> = best.iter().map(|(o, t)| format!("{} ({})", esc(o), t.as_str())).collect();
        let _ = writeln!(
            s,
            "| {} | {} of {} | {} |",
            esc(party_label(&d.donor)),
            d.needs_met,
            c.needs.len(),
            offers.join(", ")
        );
    }
}

impl DonorBrief {
    /// The brief in Markdown, for people: the donor's offers, the needs they fit by
    /// tier, the clusters it could propose or join, and the needs in its areas that
    /// nobody meets. Every text is escaped.
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::{Corpus, MatchConfig, graph::Ranking, similarity::Analysis};
    /// use capmatch::plan::{DemandOptions, DonorBrief, RegionalDemand};
    ///
    /// let corpus = Corpus::from_json_str(r#"{"submissions":[
    ///   {"economy":"PHL","year":2021,"needs":[{"id":"phl-n1","section":"B","text":"Training for customs officers on detecting cash couriers at airports"}]},
    ///   {"economy":"PE","year":2021,"needs":[{"id":"pe-n1","section":"B","text":"Workshops on detecting cash couriers at land borders"}]},
    ///   {"economy":"USA","year":2021,"offers":[{"id":"usa-o1","section":"B","text":"Training on detecting cash couriers and bulk cash smuggling"}]}]}"#, None)?;
    /// let config = MatchConfig::new().top_k(50).build()?;
    /// let analysis = Analysis::new(&corpus, config.fuzzy_threshold);
    /// let ranking = Ranking::new(&analysis, &config);
    /// let demand = RegionalDemand::new(&ranking, &DemandOptions::new());
    /// let brief = DonorBrief::new(&ranking, &demand, &"USA".parse()?, false)?;
    /// let md = brief.to_markdown();
    /// assert!(md.starts_with("# Donor brief: United States\n"));
    /// assert!(md.contains("| c1 | Regional workshop on bulk cash smuggling | proponent | 2 of 2 | PE, PHL |"));
    /// # Ok::<(), capmatch::Error>(())
    /// ```
    pub fn to_markdown(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "# Donor brief: {}\n", esc(&self.name));
        let areas: Vec<&str> = self.areas.iter().map(|a| a.name()).collect();
        let _ = writeln!(
            s,
            "{} · {} · areas: {}\n",
            plural(self.offers.len(), "offer", "offers"),
            plural(self.fits.len(), "need met", "needs met"),
            if areas.is_empty() { "none (offers without a section)".to_string() } else { areas.join(", ") }
        );
        if !self.left_out.is_empty() {
            let _ =
                writeln!(s, "Each party's latest edition is used; left out: {}.\n", editions(&self.left_out));
        }
        s.push_str("## Its offers\n\n");
        for o in &self.offers {
            let _ = writeln!(
                s,
                "- {}{}: {}",
                esc(o.id.as_str()),
                o.section.as_deref().map_or_else(String::new, |x| format!(" ({})", esc(x))),
                esc(&excerpt(&o.text, 220))
            );
        }
        s.push_str("\n## Needs its offers fit\n");
        if self.fits.is_empty() {
            s.push_str("\nNo need of another party is met at the partial tier or better.\n");
        }
        for tier in [Tier::Strong, Tier::Partial] {
            let fits: Vec<_> = self.fits.iter().filter(|f| f.tier == tier).collect();
            if fits.is_empty() {
                continue;
            }
            let _ = write!(
                s,
                "\n### {} ({})\n\n",
                if tier == Tier::Strong { "Strong" } else { "Partial" },
                fits.len()
            );
            s.push_str(
                "| Need | Economy | Section | Text | Best offer | Score |\n|---|---|---|---|---|---:|\n",
            );
            for f in fits {
                let _ = writeln!(
                    s,
                    "| {} | {} | {} | {} | {} | {:.2} |",
                    esc(f.need.id.as_str()),
                    esc(party_label(&f.need.economy)),
                    esc(f.need.section.as_deref().unwrap_or("—")),
                    esc(&excerpt(&f.need.text, 160)),
                    esc(f.offer.as_str()),
                    f.score
                );
            }
        }
        s.push_str("\n## Regional projects it could propose or join\n\n");
        if self.clusters.is_empty() {
            s.push_str("Its offers meet no need of a cluster of regional demand.\n");
        } else {
            s.push_str(
                "| Cluster | Draft project | Role | Needs met | Beneficiaries |\n|---|---|---|---:|---|\n",
            );
            for c in &self.clusters {
                let _ = writeln!(
                    s,
                    "| {} | {} | {} | {} of {} | {} |",
                    esc(&c.cluster),
                    esc(&c.title),
                    c.role,
                    c.needs_met,
                    c.needs,
                    parties(&c.economies)
                );
            }
        }
        s.push_str("\n## Needs in its areas that nobody meets\n\n");
        if self.gaps.is_empty() {
            s.push_str("Every need in its areas has a candidate donor.\n");
        }
        for g in &self.gaps {
            let _ = writeln!(
                s,
                "- **{}**{}: {} ({})",
                esc(party_label(&g.economy)),
                g.section.as_deref().map_or_else(String::new, |x| format!(" {}", esc(x))),
                esc(&excerpt(&g.text, 220)),
                esc(g.id.as_str())
            );
        }
        s
    }

    /// The brief as pretty-printed JSON, ending in a newline: the model's fields
    /// (`donor`, `name`, `areas`, `offers`, `fits`, `clusters`, `gaps`).
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::{Corpus, MatchConfig, graph::Ranking, similarity::Analysis};
    /// use capmatch::plan::{DemandOptions, DonorBrief, RegionalDemand};
    ///
    /// let corpus = Corpus::from_json_str(r#"{"submissions":[
    ///   {"economy":"PHL","year":2021,"needs":[{"id":"phl-n1","section":"B","text":"Training for customs officers on detecting cash couriers at airports"}]},
    ///   {"economy":"PE","year":2021,"needs":[{"id":"pe-n1","section":"B","text":"Workshops on detecting cash couriers at land borders"}]},
    ///   {"economy":"USA","year":2021,"offers":[{"id":"usa-o1","section":"B","text":"Training on detecting cash couriers and bulk cash smuggling"}]}]}"#, None)?;
    /// let config = MatchConfig::new().top_k(50).build()?;
    /// let analysis = Analysis::new(&corpus, config.fuzzy_threshold);
    /// let ranking = Ranking::new(&analysis, &config);
    /// let demand = RegionalDemand::new(&ranking, &DemandOptions::new());
    /// let brief = DonorBrief::new(&ranking, &demand, &"USA".parse()?, false)?;
    /// let json: serde_json::Value = serde_json::from_str(&brief.to_json()).unwrap();
    /// assert_eq!(json["fits"].as_array().unwrap().len(), 2);
    /// assert_eq!(json["clusters"][0]["role"], "proponent");
    /// assert_eq!(json["areas"], serde_json::json!(["finance"]));
    /// # Ok::<(), capmatch::Error>(())
    /// ```
    pub fn to_json(&self) -> String {
        // Plain data with string keys: serialising into a String cannot fail.
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}
