//! The HTML page's section "Progress since the previous CTAP", and the overview's
//! note on earlier editions left out.

use std::fmt::Write as _;

use super::super::model::{Overview, SummaryReport};
use super::{esc, label, party_heading};
use crate::Area;
use crate::report::escape::excerpt;

/// The overview's item saying that needs, gaps and totals use each economy's
/// latest edition, when some were left out.
pub(super) fn earlier_editions(o: &Overview, s: &mut String) {
    if o.earlier_editions_left_out.is_empty() {
        return;
    }
    let editions: Vec<String> = o
        .earlier_editions_left_out
        .iter()
        .map(|e| {
            let years: Vec<String> = e.left_out.iter().map(u16::to_string).collect();
            format!("{} {} (left out: {})", label(&e.party), e.latest, years.join(", "))
        })
        .collect();
    let _ = writeln!(
        s,
        "<li>Needs, gaps and totals use each economy's latest edition, so that a restated need counts once: \
         {}. <code>--all-editions</code> reports every edition.</li>",
        editions.join("; ")
    );
}

pub(super) fn render(report: &SummaryReport, s: &mut String) {
    let Some(p) = &report.progress else {
        return;
    };
    s.push_str(
        "<p>Each economy's latest edition against its previous one: a need of the latest edition is \
         <em>persistent</em> when it restates a need of the previous one, however reworded, and <em>new</em> \
         when it restates none; a need of the previous edition that no later need restates is \
         <em>resolved</em> (met or dropped).</p>\n<table>\n<caption>Needs by economy, latest edition against the \
         previous</caption>\n<thead>\n<tr><th scope=\"col\">Economy</th><th scope=\"col\">Editions</th><th \
         scope=\"col\" class=\"num\">Persistent</th><th scope=\"col\" class=\"num\">New</th><th scope=\"col\" \
         class=\"num\">Resolved</th></tr>\n</thead>\n<tbody>\n",
    );
    for e in &p.economies {
        let _ = writeln!(
            s,
            "<tr><th scope=\"row\">{}</th><td>{} → {}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{}</td></tr>",
            label(&e.party),
            e.from,
            e.to,
            e.persistent.len(),
            e.new.len(),
            e.resolved.len()
        );
    }
    s.push_str(
        "</tbody>\n</table>\n<table>\n<caption>Region-wide, by Strategy area</caption>\n<thead>\n<tr><th \
         scope=\"col\">Area</th><th scope=\"col\" class=\"num\">Persistent</th><th scope=\"col\" \
         class=\"num\">New</th><th scope=\"col\" class=\"num\">Resolved</th></tr>\n</thead>\n<tbody>\n",
    );
    for row in &p.by_area {
        let name = row.area.map_or("No area (section unknown)", Area::name);
        let _ = writeln!(
            s,
            "<tr><th scope=\"row\">{name}</th><td class=\"num\">{}</td><td class=\"num\">{}</td><td \
             class=\"num\">{}</td></tr>",
            row.persistent, row.new, row.resolved
        );
    }
    s.push_str("</tbody>\n</table>\n");
    for e in &p.economies {
        let _ = writeln!(s, "<h3>{}, {} → {}</h3>", party_heading(&e.party), e.from, e.to);
        if !e.persistent.is_empty() {
            let _ = write!(
                s,
                "<div class=\"wide\">\n<table>\n<caption>Persistent needs, side by side</caption>\n<thead>\n<tr><th \
                 scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">Relevance</th></tr>\n\
                 </thead>\n<tbody>\n",
                e.to, e.from
            );
            for l in &e.persistent {
                let _ = writeln!(
                    s,
                    "<tr><td>{} <span class=\"id\">{}</span></td><td>{} <span class=\"id\">{}</span></td><td \
                     class=\"num\">{:.2}</td></tr>",
                    esc(&l.text),
                    esc(l.need.as_str()),
                    esc(&l.previous_text),
                    esc(l.previous.as_str()),
                    l.similarity
                );
            }
            s.push_str("</tbody>\n</table>\n</div>\n");
        }
        for (title, list) in [("New", &e.new), ("Resolved (met or dropped)", &e.resolved)] {
            if list.is_empty() {
                continue;
            }
            let _ = writeln!(s, "<h4>{title}</h4>\n<ul>");
            for n in list {
                let _ =
                    writeln!(s, "<li>{} <span class=\"id\">{}</span></li>", esc(&n.text), esc(n.id.as_str()));
            }
            s.push_str("</ul>\n");
        }
    }
    s.push_str("<h3>Needs persisting across three or more editions</h3>\n");
    if p.persisting.is_empty() {
        s.push_str("<p>None.</p>\n");
    } else {
        s.push_str("<ul>\n");
        for c in &p.persisting {
            let steps: Vec<String> = c
                .needs
                .iter()
                .zip(&c.years)
                .map(|(id, y)| format!("<span class=\"id\">{}</span> ({y})", esc(id.as_str())))
                .collect();
            let _ = writeln!(
                s,
                "<li><strong>{}</strong> {}: {}</li>",
                label(&c.party),
                steps.join(" → "),
                esc(&c.text)
            );
        }
        s.push_str("</ul>\n");
    }
    s.push_str("<h3>Persistent needs an earlier offer could already meet</h3>\n");
    if p.opportunities.is_empty() {
        s.push_str(
            "<p>None: no persistent need had an offer dated no later than the previous edition.</p>\n",
        );
        return;
    }
    s.push_str("<ul>\n");
    for o in &p.opportunities {
        let _ = writeln!(
            s,
            "<li><strong>{}</strong> {} <span class=\"id\">{}</span>: <span class=\"donor\">{}</span> {:.2} \
             ({}, {}) — {} <span class=\"id\">{}</span></li>",
            label(&o.recipient),
            esc(&o.text),
            esc(o.need.as_str()),
            label(&o.donor),
            o.score,
            o.tier.as_str(),
            o.year,
            esc(&excerpt(&o.offer_text, 160)),
            esc(o.offer.as_str()),
        );
    }
    s.push_str("</ul>\n");
}
