//! The HTML page's section "Regional demand: candidate projects" (its own file to
//! keep `html.rs` short; the Markdown is `crate::report::demand`).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::model::SummaryReport;
use super::plural;
use crate::Party;
use crate::report::escape::html_escape as esc;
use crate::report::party_label;
use crate::similarity::Tier;

fn parties(list: &[Party]) -> String {
    if list.is_empty() {
        return "—".to_string();
    }
    list.iter().map(|p| esc(party_label(p)).into_owned()).collect::<Vec<_>>().join(", ")
}

/// The clusters of regional demand, each as its draft project concept (a table of
/// the proposal's fields), the needs it answers and its candidate donors.
pub(super) fn html(report: &SummaryReport, s: &mut String) {
    let demand = &report.regional_demand;
    if demand.clusters.is_empty() {
        s.push_str(
            "<p>No need is shared by needs of two or more economies: no candidate regional project.</p>\n",
        );
    } else {
        let _ = writeln!(
            s,
            "<p>{} of several economies that one regional project could answer, with a draft APEC \
             project concept each; {} in no cluster.</p>",
            plural(demand.clusters.len(), "cluster", "clusters") + " of needs",
            plural(demand.unclustered.len(), "need is", "needs are"),
        );
    }
    if !demand.left_out.is_empty() {
        let _ = writeln!(
            s,
            "<p class=\"note\">Each economy's latest edition is used, so that a restated need counts once: \
             {}.</p>",
            esc(&crate::report::demand::editions(&demand.left_out))
        );
    }
    for c in &demand.clusters {
        let p = &c.project;
        let _ = writeln!(
            s,
            "<section id=\"regional-{}\" class=\"project\">\n<h3>{} · {} <span class=\"note\">{}, {}</span></h3>",
            esc(&c.id),
            esc(&c.id),
            esc(&c.label),
            plural(c.economies.len(), "economy", "economies"),
            plural(c.needs.len(), "need", "needs"),
        );
        let proposing = match &p.proposing_economy {
            Some(e) => esc(party_label(e)).into_owned(),
            None => "open: no APEC economy among the donors meets half of the needs".to_string(),
        };
        let fora: Vec<String> =
            p.sub_fora.iter().map(|f| format!("{} ({})", esc(&f.code), esc(&f.name))).collect();
        let areas: Vec<&str> = c.areas.iter().map(|a| a.name()).collect();
        let pillars: Vec<&str> = c.pillars.iter().map(|x| x.name()).collect();
        let _ = writeln!(s, "<table>\n<caption>Draft project concept: {}</caption>\n<tbody>", esc(&p.title));
        let rows: [(&str, String); 9] = [
            ("Proposing economy", proposing),
            ("Co-sponsors", parties(&p.co_sponsors)),
            ("Partners", parties(&p.partners)),
            ("Beneficiaries", parties(&p.beneficiaries)),
            ("Sponsoring forum", esc(&p.sponsoring_forum).into_owned()),
            ("Sub-fora", if fora.is_empty() { "—".to_string() } else { fora.join("; ") }),
            (
                "Strategy",
                format!(
                    "{} · {}",
                    if areas.is_empty() { "no area".to_string() } else { areas.join(", ") },
                    if pillars.is_empty() { "no common pillar".to_string() } else { pillars.join(", ") }
                ),
            ),
            (
                "Sections",
                if c.sections.is_empty() {
                    "—".to_string()
                } else {
                    esc(&c.sections.join(", ")).into_owned()
                },
            ),
            ("Why together", esc(&p.rationale).into_owned()),
        ];
        for (name, value) in rows {
            let _ = writeln!(s, "<tr><th scope=\"row\">{name}</th><td>{value}</td></tr>");
        }
        s.push_str("</tbody>\n</table>\n<ul>\n");
        for n in &p.needs {
            let _ = writeln!(
                s,
                "<li><strong>{}</strong>{}: {} <span class=\"id\">{}</span></li>",
                esc(party_label(&n.economy)),
                n.section.as_deref().map_or_else(String::new, |x| format!(" {}", esc(x))),
                esc(&n.text),
                esc(n.id.as_str())
            );
        }
        s.push_str("</ul>\n");
        if c.donors.is_empty() {
            s.push_str("<p class=\"none\">No offer meets these needs at the partial tier or better.</p>\n");
        } else {
            s.push_str(
                "<table>\n<caption>Candidate donors</caption>\n<thead>\n<tr><th scope=\"col\">Donor</th>\
                 <th scope=\"col\" class=\"num\">Needs met</th><th scope=\"col\">Offers (best tier)</th></tr>\n\
                 </thead>\n<tbody>\n",
            );
            for d in &c.donors {
                let mut best: BTreeMap<&str, Tier> = BTreeMap::new();
                for m in &d.matches {
                    let t = best.entry(m.offer.as_str()).or_insert(m.tier);
                    *t = (*t).max(m.tier);
                }
                let offers: Vec<String> = best
                    .iter()
                    .map(|(o, t)| format!("<span class=\"id\">{}</span> ({})", esc(o), t.as_str()))
                    .collect();
                let _ = writeln!(
                    s,
                    "<tr><th scope=\"row\">{}</th><td class=\"num\">{} of {}</td><td>{}</td></tr>",
                    esc(party_label(&d.donor)),
                    d.needs_met,
                    c.needs.len(),
                    offers.join(", ")
                );
            }
            s.push_str("</tbody>\n</table>\n");
        }
        s.push_str("</section>\n");
    }
}
