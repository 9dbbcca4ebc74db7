//! The Summary Report in Markdown, for people.

use std::fmt::Write as _;

use super::model::{Counts, SummaryReport};
use super::{gaps_by_pillar, overview_lines, period, plural};
use crate::report::escape::{excerpt, markdown_escape};
use crate::report::{party_heading, party_label, section_heading};
use crate::{Area, Pillar};

impl SummaryReport {
    /// The report in Markdown, for people: overview, needs by section with their
    /// best candidate donors, the gaps by section and by pillar, offers no one
    /// asked for, the donor × recipient strength table, totals by area and pillar,
    /// and contact points if included. Texts are shortened to excerpts and every
    /// text is escaped (pipes included).
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::{Corpus, MatchConfig, graph::{MatchGraph, Ranking}, similarity::Analysis};
    /// use capmatch::report::{SummaryOptions, SummaryReport};
    ///
    /// let corpus = Corpus::from_json_str(r#"{"submissions":[
    ///   {"economy":"HKC","year":2020,"needs":[{"section":"A.1","text":"Workshops on Single Window system development"}]},
    ///   {"economy":"ROK","year":2020,"offers":[{"section":"A.1","text":"Single Window workshops for customs officials"}]}]}"#, None)?;
    /// let config = MatchConfig::new().build()?;
    /// let analysis = Analysis::new(&corpus, config.fuzzy_threshold);
    /// let ranking = Ranking::new(&analysis, &config);
    /// let md = SummaryReport::new(&MatchGraph::new(&ranking), &SummaryOptions::new()).to_markdown();
    /// assert!(md.starts_with("# Summary Report of Counter-Terrorism Capacity Building Needs\n"));
    /// assert!(md.contains("| ROK | "));
    /// # Ok::<(), capmatch::Error>(())
    /// ```
    pub fn to_markdown(&self) -> String {
        let mut s = String::new();
        for section in SECTIONS {
            section(self, &mut s);
        }
        s
    }
}

/// The report's sections, in order: a new section is a function here (and its
/// data in the model).
const SECTIONS: [fn(&SummaryReport, &mut String); 9] =
    [overview, needs, regional, gaps, unrequested, strength, totals, progress, contacts];

fn overview(report: &SummaryReport, s: &mut String) {
    let o = &report.overview;
    let _ = writeln!(s, "# {}\n", report.title);
    let years = period(report);
    let _ = writeln!(
        s,
        "{years} · {} · {} · {}\n",
        plural(o.economies, "economy", "economies")
            + &if o.organisations > 0 {
                format!(" and {}", plural(o.organisations, "organisation", "organisations"))
            } else {
                String::new()
            },
        plural(o.needs, "need", "needs"),
        plural(o.offers, "offer", "offers"),
    );
    for line in overview_lines(o, |p| markdown_escape(party_label(p))) {
        let _ = writeln!(s, "- {}{}.", line.text, if line.see_gaps { " (see Gaps)" } else { "" });
    }
    if !o.undated_left_out.is_empty() {
        let names: Vec<String> = o.undated_left_out.iter().map(|p| markdown_escape(party_label(p))).collect();
        let _ = writeln!(s, "- Undated submissions left out of this {years} report: {}.", names.join(", "));
    }
    if !o.earlier_editions_left_out.is_empty() {
        let editions: Vec<String> = o
            .earlier_editions_left_out
            .iter()
            .map(|e| {
                let years: Vec<String> = e.left_out.iter().map(u16::to_string).collect();
                format!(
                    "{} {} (left out: {})",
                    markdown_escape(party_label(&e.party)),
                    e.latest,
                    years.join(", ")
                )
            })
            .collect();
        let _ = writeln!(
            s,
            "- Needs, gaps and totals use each economy's latest edition, so that a restated need counts once: \
             {}. `--all-editions` reports every edition.",
            editions.join("; ")
        );
    }
    let _ = writeln!(
        s,
        "\n{} Matches below {:.2} are not listed.",
        super::super::score_meaning(&crate::similarity::Model::builtin().thresholds),
        o.min_score
    );
}

fn needs(report: &SummaryReport, s: &mut String) {
    s.push_str("\n## Needs by section\n");
    if report.sections.is_empty() {
        s.push_str("\nNo needs were submitted.\n");
    }
    for sec in &report.sections {
        let _ = write!(s, "\n### {}\n", section_heading(sec.section.as_deref(), &sec.title));
        for group in &sec.economies {
            let _ = write!(s, "\n#### {}\n\n", party_heading(&group.party));
            for need in &group.needs {
                let _ = writeln!(
                    s,
                    "- {} ({})",
                    markdown_escape(&excerpt(&need.text, 220)),
                    markdown_escape(need.id.as_str())
                );
                if need.donors.is_empty() {
                    s.push_str("  - _No candidate donor: see Gaps._\n");
                }
                for d in &need.donors {
                    let terms = if d.shared_terms.is_empty() {
                        String::new()
                    } else {
                        format!(" · _{}_", markdown_escape(&d.shared_terms.join(", ")))
                    };
                    let _ = writeln!(
                        s,
                        "  - **{}** {:.2} {} — {} ({}){terms}",
                        markdown_escape(party_label(&d.donor)),
                        d.score,
                        d.tier.as_str(),
                        markdown_escape(&excerpt(&d.offer_text, 110)),
                        markdown_escape(d.offer.as_str()),
                    );
                }
            }
        }
    }
}

fn regional(report: &SummaryReport, s: &mut String) {
    s.push_str("\n## Regional demand: candidate projects\n\n");
    crate::report::demand::write_clusters(&report.regional_demand, s, 3);
}

fn gaps(report: &SummaryReport, s: &mut String) {
    let unmet = report.overview.unmet_needs;
    s.push_str("\n## Gaps: needs no offer meets\n\n");
    if unmet == 0 {
        s.push_str("Every need has at least one candidate donor.\n");
        return;
    }
    let _ = writeln!(
        s,
        "{} no candidate donor: where new project proposals can start.",
        plural(unmet, "need has", "needs have")
    );
    s.push_str("\n### By section\n");
    for sec in &report.gaps.by_section {
        let _ = write!(s, "\n**{}**\n\n", section_heading(sec.section.as_deref(), &sec.title));
        for need in &sec.needs {
            let pillars: Vec<&str> = need.pillars.iter().map(|p| p.name()).collect();
            let pillars =
                if pillars.is_empty() { String::new() } else { format!(" · {}", pillars.join(", ")) };
            let _ = writeln!(
                s,
                "- **{}**: {} ({}){pillars}",
                markdown_escape(party_label(&need.recipient)),
                markdown_escape(&excerpt(&need.text, 220)),
                markdown_escape(need.id.as_str()),
            );
        }
    }
    s.push_str("\n### By pillar\n\n| Pillar | Unmet needs |\n|---|---|\n");
    for row in gaps_by_pillar(report) {
        let name = row.name;
        let needs: Vec<String> = row
            .needs
            .iter()
            .map(|(id, at)| match at {
                Some((party, section)) => format!(
                    "{} ({}, {})",
                    markdown_escape(id.as_str()),
                    markdown_escape(party_label(party)),
                    markdown_escape(section)
                ),
                None => markdown_escape(id.as_str()),
            })
            .collect();
        let cell = if needs.is_empty() { "—".to_string() } else { needs.join("; ") };
        let _ = writeln!(s, "| {name} | {cell} |");
    }
}

fn unrequested(report: &SummaryReport, s: &mut String) {
    s.push_str("\n## Offers no one asked for\n\n");
    if report.unrequested_offers.is_empty() {
        s.push_str("Every offer meets at least one need.\n");
        return;
    }
    s.push_str("| Donor | Section | Offer |\n|---|---|---|\n");
    for o in &report.unrequested_offers {
        let _ = writeln!(
            s,
            "| {} | {} | {} ({}) |",
            markdown_escape(party_label(&o.donor)),
            markdown_escape(o.section.as_deref().unwrap_or("—")),
            markdown_escape(&excerpt(&o.text, 160)),
            markdown_escape(o.id.as_str()),
        );
    }
}

fn strength(report: &SummaryReport, s: &mut String) {
    let t = &report.strength;
    s.push_str("\n## Match strength between economies\n\n");
    if t.donors.is_empty() || t.recipients.is_empty() {
        s.push_str("No donor and recipient to compare.\n");
        return;
    }
    s.push_str(
        "Sum of the scores of the matches between a donor's offers (rows) and a recipient's \
         needs (columns); blank where there is none.\n\n",
    );
    s.push_str("| Donor / recipient |");
    for r in &t.recipients {
        let _ = write!(s, " {} |", markdown_escape(party_label(r)));
    }
    s.push_str("\n|---|");
    s.push_str(&"---:|".repeat(t.recipients.len()));
    s.push('\n');
    for d in &t.donors {
        let _ = write!(s, "| {} |", markdown_escape(party_label(d)));
        for r in &t.recipients {
            match t.link(d, r) {
                Some(l) => {
                    let _ = write!(s, " {:.2} |", l.strength);
                }
                None => s.push_str("  |"),
            }
        }
        s.push('\n');
    }
}

fn totals(report: &SummaryReport, s: &mut String) {
    s.push_str("\n## Totals by Strategy area and pillar\n\n");
    let header = "| Needs | Offers | Needs matched | Needs unmet |\n|---|---:|---:|---:|---:|\n";
    let _ = write!(s, "| Area {header}");
    for row in &report.totals.by_area {
        let name = row.area.map_or("No area (section unknown)", Area::name);
        counts_row(s, name, row.counts);
    }
    let _ = write!(s, "\n| Pillar {header}");
    for row in &report.totals.by_pillar {
        let name = row.pillar.map_or("No pillar identified", Pillar::name);
        counts_row(s, name, row.counts);
    }
    s.push_str("\nAn item that speaks to several pillars counts under each.\n");
}

fn progress(report: &SummaryReport, s: &mut String) {
    let Some(p) = &report.progress else {
        return;
    };
    s.push_str(
        "\n## Progress since the previous CTAP\n\nEach economy's latest edition against its previous one: a \
         need of the latest edition is *persistent* when it restates a need of the previous one, however \
         reworded, and *new* when it restates none; a need of the previous edition that no later need \
         restates is *resolved* (met or dropped).\n\n| Economy | Editions | Persistent | New | Resolved |\n\
         |---|---|---:|---:|---:|\n",
    );
    for e in &p.economies {
        let _ = writeln!(
            s,
            "| {} | {} → {} | {} | {} | {} |",
            markdown_escape(party_label(&e.party)),
            e.from,
            e.to,
            e.persistent.len(),
            e.new.len(),
            e.resolved.len()
        );
    }
    s.push_str("\n### By Strategy area\n\n| Area | Persistent | New | Resolved |\n|---|---:|---:|---:|\n");
    for row in &p.by_area {
        let name = row.area.map_or("No area (section unknown)", Area::name);
        let _ = writeln!(s, "| {name} | {} | {} | {} |", row.persistent, row.new, row.resolved);
    }
    for e in &p.economies {
        let _ = write!(s, "\n### {}, {} → {}\n", party_heading(&e.party), e.from, e.to);
        if !e.persistent.is_empty() {
            let _ = write!(s, "\n**Persistent** ({} text, then {})\n\n", e.to, e.from);
            for l in &e.persistent {
                let _ = writeln!(
                    s,
                    "- {} ({}) ← {} ({}) · {:.2}",
                    markdown_escape(&excerpt(&l.text, 220)),
                    markdown_escape(l.need.as_str()),
                    markdown_escape(&excerpt(&l.previous_text, 220)),
                    markdown_escape(l.previous.as_str()),
                    l.similarity
                );
            }
        }
        for (title, list) in [("New", &e.new), ("Resolved (met or dropped)", &e.resolved)] {
            if list.is_empty() {
                continue;
            }
            let _ = write!(s, "\n**{title}**\n\n");
            for n in list {
                let _ = writeln!(
                    s,
                    "- {} ({})",
                    markdown_escape(&excerpt(&n.text, 220)),
                    markdown_escape(n.id.as_str())
                );
            }
        }
    }
    s.push_str("\n### Needs persisting across three or more editions\n\n");
    if p.persisting.is_empty() {
        s.push_str("None.\n");
    }
    for c in &p.persisting {
        let steps: Vec<String> = c
            .needs
            .iter()
            .zip(&c.years)
            .map(|(id, y)| format!("{} ({y})", markdown_escape(id.as_str())))
            .collect();
        let _ = writeln!(
            s,
            "- **{}** {}: {}",
            markdown_escape(party_label(&c.party)),
            steps.join(" → "),
            markdown_escape(&excerpt(&c.text, 220))
        );
    }
    s.push_str("\n### Persistent needs an earlier offer could already meet\n\n");
    if p.opportunities.is_empty() {
        s.push_str("None: no persistent need had an offer dated no later than the previous edition.\n");
    }
    for o in &p.opportunities {
        let _ = writeln!(
            s,
            "- **{}** {} ({}): **{}** {:.2} ({}, {}) — {} ({})",
            markdown_escape(party_label(&o.recipient)),
            markdown_escape(&excerpt(&o.text, 160)),
            markdown_escape(o.need.as_str()),
            markdown_escape(party_label(&o.donor)),
            o.score,
            o.tier.as_str(),
            o.year,
            markdown_escape(&excerpt(&o.offer_text, 110)),
            markdown_escape(o.offer.as_str()),
        );
    }
}

fn contacts(report: &SummaryReport, s: &mut String) {
    let Some(contacts) = &report.contacts else {
        return;
    };
    s.push_str("\n## Contact points\n\n");
    if contacts.is_empty() {
        s.push_str("No contact points were given.\n");
        return;
    }
    s.push_str(
        "| Party | Section | Role | Name | Title | Telephone | E-mail |\n|---|---|---|---|---|---|---|\n",
    );
    for c in contacts {
        let cell = |v: &Option<String>| v.as_deref().map(markdown_escape).unwrap_or_default();
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} |",
            markdown_escape(party_label(&c.party)),
            c.contact.section.as_ref().map_or_else(String::new, |x| markdown_escape(x.label())),
            cell(&c.contact.role),
            cell(&c.contact.name),
            cell(&c.contact.title),
            cell(&c.contact.telephone),
            cell(&c.contact.email),
        );
    }
}

fn counts_row(s: &mut String, name: &str, c: Counts) {
    let _ = writeln!(s, "| {name} | {} | {} | {} | {} |", c.needs, c.offers, c.matched, c.unmet);
}
