//! The Summary Report as one self-contained HTML page, for people who would rather
//! look than read: every section of the Markdown report, a heat map of needs by
//! economy and Strategy area, and the cooperation network as inline SVG.
//!
//! The page needs nothing outside itself: the style sheet is inline, fonts are the
//! reader's own, there is no script, and no attribute refers to anything but the
//! page's own anchors. Every text from the input is escaped ([`html_escape`]).
//! The same report gives the same bytes.

use std::fmt::Write as _;

use super::model::{Counts, DemandCell, SummaryReport};
use super::{gaps_by_pillar, overview_lines, period, plural, svg};

mod progress;
use crate::report::escape::{excerpt, html_escape as esc};
use crate::report::party_label;
use crate::{Area, Party, Pillar};

/// The inline style sheet (screen and print).
const CSS: &str = include_str!("report.css");

/// A top-level section of the page: its anchor, its heading, whether the report
/// has it, and its writer. Adding a section to the report is adding one here.
struct Part {
    id: &'static str,
    heading: &'static str,
    shown: fn(&SummaryReport) -> bool,
    render: fn(&SummaryReport, &mut String),
}

/// The page's sections, in order: the overview, the two pictures, then the
/// Markdown report's sections (the strength table is the network's text
/// equivalent, so it follows the network).
const PARTS: [Part; 10] = [
    Part { id: "overview", heading: "Overview", shown: always, render: overview },
    Part { id: "demand", heading: "Needs by economy and Strategy area", shown: always, render: demand },
    Part { id: "network", heading: "Cooperation network", shown: always, render: network },
    Part { id: "needs", heading: "Needs by section", shown: always, render: needs },
    Part {
        id: "regional",
        heading: "Regional demand: candidate projects",
        shown: always,
        render: super::regional::html,
    },
    Part { id: "gaps", heading: "Gaps: needs no offer meets", shown: always, render: gaps },
    Part { id: "unrequested", heading: "Offers no one asked for", shown: always, render: unrequested },
    Part { id: "totals", heading: "Totals by Strategy area and pillar", shown: always, render: totals },
    Part {
        id: "progress",
        heading: "Progress since the previous CTAP",
        shown: has_progress,
        render: progress::render,
    },
    Part { id: "contacts", heading: "Contact points", shown: has_contacts, render: contacts },
];

fn always(_: &SummaryReport) -> bool {
    true
}

fn has_progress(report: &SummaryReport) -> bool {
    report.progress.is_some()
}

fn has_contacts(report: &SummaryReport) -> bool {
    report.contacts.is_some()
}

impl SummaryReport {
    /// The report as one self-contained HTML page: the sections of
    /// [`to_markdown`](SummaryReport::to_markdown) (texts in full where Markdown
    /// shortens needs), plus a heat map of needs by economy and Strategy area and
    /// the cooperation network drawn as inline SVG, each with a text equivalent.
    ///
    /// The page fetches nothing (inline CSS, local fonts, no script, no external
    /// reference), prints on A4 and Letter, and escapes every input text. The same
    /// report gives the same bytes.
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::{Corpus, MatchConfig, graph::{MatchGraph, Ranking}, similarity::Analysis};
    /// use capmatch::report::{SummaryOptions, SummaryReport};
    ///
    /// let corpus = Corpus::from_json_str(r#"{"submissions":[
    ///   {"economy":"HKC","year":2020,"needs":[{"section":"A.1","text":"Workshops on <Single Window> development"}]},
    ///   {"economy":"ROK","year":2020,"offers":[{"section":"A.1","text":"Single Window workshops for customs officials"}]}]}"#, None)?;
    /// let config = MatchConfig::new().build()?;
    /// let analysis = Analysis::new(&corpus, config.fuzzy_threshold);
    /// let ranking = Ranking::new(&analysis, &config);
    /// let html = SummaryReport::new(&MatchGraph::new(&ranking), &SummaryOptions::new()).to_html();
    /// assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    /// assert!(html.contains("Workshops on &lt;Single Window&gt; development"));
    /// assert!(html.contains("<svg class=\"network\""));
    /// assert!(!html.contains("<script"));
    /// # Ok::<(), capmatch::Error>(())
    /// ```
    pub fn to_html(&self) -> String {
        let mut s = String::with_capacity(64 * 1024);
        let title = format!("{}, {}", self.title, period(self));
        let _ = write!(
            s,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"color-scheme\" content=\"light\">\n<title>{}</title>\n<style>\n{CSS}</style>\n\
             </head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to the report</a>\n\
             <header class=\"masthead\">\n<h1>{}</h1>\n<p>{}</p>\n</header>\n",
            esc(&title),
            esc(&self.title),
            esc(&lede(self)),
        );
        contents(self, &mut s);
        s.push_str("<main id=\"main\">\n");
        for part in PARTS.iter().filter(|p| (p.shown)(self)) {
            let _ = write!(
                s,
                "<section id=\"{}\" aria-labelledby=\"{}-h\">\n<h2 id=\"{}-h\">{}</h2>\n",
                part.id, part.id, part.id, part.heading
            );
            (part.render)(self, &mut s);
            s.push_str("</section>\n");
        }
        s.push_str("</main>\n</body>\n</html>\n");
        s
    }
}

/// `2020 · 12 economies and 2 organisations · 60 needs · 60 offers`.
fn lede(report: &SummaryReport) -> String {
    let o = &report.overview;
    let orgs = if o.organisations > 0 {
        format!(" and {}", plural(o.organisations, "organisation", "organisations"))
    } else {
        String::new()
    };
    format!(
        "{} · {}{orgs} · {} · {}",
        period(report),
        plural(o.economies, "economy", "economies"),
        plural(o.needs, "need", "needs"),
        plural(o.offers, "offer", "offers"),
    )
}

/// The table of contents, with the CTAP sections under "Needs by section".
fn contents(report: &SummaryReport, s: &mut String) {
    s.push_str("<nav class=\"toc\" aria-labelledby=\"toc-h\">\n<h2 id=\"toc-h\">Contents</h2>\n<ol>\n");
    for part in PARTS.iter().filter(|p| (p.shown)(report)) {
        let _ = write!(s, "<li><a href=\"#{}\">{}</a>", part.id, part.heading);
        if part.id == "needs" && !report.sections.is_empty() {
            s.push_str("\n<ol>\n");
            for (k, sec) in report.sections.iter().enumerate() {
                let _ = writeln!(
                    s,
                    "<li><a href=\"#needs-{}\">{}</a></li>",
                    k + 1,
                    section_heading(sec.section.as_deref(), &sec.title)
                );
            }
            s.push_str("</ol>\n");
        }
        s.push_str("</li>\n");
    }
    s.push_str("</ol>\n</nav>\n");
}

/// A section's heading, escaped: `A.1 Protect Cargo`, `Energy Security`, `No section`.
fn section_heading(label: Option<&str>, title: &str) -> String {
    match label {
        Some(l) if l != title => format!("{} {}", esc(l), esc(title)),
        Some(l) => esc(l).into_owned(),
        None => esc(title).into_owned(),
    }
}

/// A party as a heading, escaped: `ROK — Republic of Korea`, or the organisation.
fn party_heading(party: &Party) -> String {
    match party {
        Party::Economy(e) => format!("{} — {}", e.code(), esc(e.name())),
        Party::Organisation(o) => esc(o.name()).into_owned(),
    }
}

fn label(party: &Party) -> std::borrow::Cow<'_, str> {
    esc(party_label(party))
}

fn overview(report: &SummaryReport, s: &mut String) {
    let o = &report.overview;
    s.push_str("<dl class=\"figures\">\n");
    let figure = |s: &mut String, name: &str, n: usize, alert: bool| {
        let class = if alert && n > 0 { " class=\"alert\"" } else { "" };
        let _ = writeln!(s, "<div{class}><dt>{name}</dt><dd>{n}</dd></div>");
    };
    figure(s, "Needs", o.needs, false);
    figure(s, "Needs with a candidate donor", o.matched_needs, false);
    figure(s, "Unmet needs (gaps)", o.unmet_needs, true);
    figure(s, "Offers", o.offers, false);
    figure(s, "Offers meeting no need", o.unrequested_offers, true);
    s.push_str("</dl>\n<ul>\n");
    for line in overview_lines(o, |p| label(p).into_owned()) {
        let gaps = if line.see_gaps { " (see <a href=\"#gaps\">Gaps</a>)" } else { "" };
        let _ = writeln!(s, "<li>{}{gaps}.</li>", line.text);
    }
    if !o.undated_left_out.is_empty() {
        let names: Vec<_> = o.undated_left_out.iter().map(|p| label(p)).collect();
        let _ = writeln!(
            s,
            "<li>Undated submissions left out of this {} report: {}.</li>",
            period(report),
            names.join(", ")
        );
    }
    progress::earlier_editions(o, s);
    let _ = writeln!(
        s,
        "</ul>\n<p class=\"note\">{} Matches below {:.2} are not listed.</p>",
        super::super::score_meaning(&crate::similarity::Model::builtin().thresholds),
        o.min_score
    );
}

/// Shade level 0–5 of `n` on a scale up to `max`: 0 only for nothing, 5 for the top.
fn level(n: f64, max: f64) -> u8 {
    if n <= 0.0 || max <= 0.0 { 0 } else { (n / max * 5.0).ceil().clamp(1.0, 5.0) as u8 }
}

fn area_name(area: Option<Area>) -> &'static str {
    area.map_or("No area (section unknown)", Area::name)
}

fn demand(report: &SummaryReport, s: &mut String) {
    let grid = &report.demand;
    if grid.rows.is_empty() {
        s.push_str("<p>No needs were submitted.</p>\n");
        return;
    }
    let max = grid.max_needs();
    // The explanation, the legend and the table print on one page.
    s.push_str(
        "<div class=\"keep\">\n<p>How many needs each economy states in each area of the Counter-Terrorism \
         and Secure Trade Strategy. The darker the cell, the more needs; a dashed frame marks needs no offer \
         meets.</p>\n",
    );
    legend(s, max);
    let many = if grid.areas.len() + 2 > 9 { " many" } else { "" };
    let _ = write!(
        s,
        "<div class=\"wide\">\n<table class=\"heat{many}\">\n<caption>Needs by recipient economy and Strategy \
         area (unmet needs below the count)</caption>\n<thead>\n<tr><th scope=\"col\">Economy</th>"
    );
    for &area in &grid.areas {
        let _ = write!(s, "<th scope=\"col\">{}</th>", area_name(area));
    }
    s.push_str("<th scope=\"col\">All areas</th></tr>\n</thead>\n<tbody>\n");
    for row in &grid.rows {
        let _ = write!(s, "<tr><th scope=\"row\">{}</th>", label(&row.party));
        for &cell in &row.cells {
            heat_cell(s, cell, Some(level(cell.needs as f64, max as f64)));
        }
        heat_cell(s, row.total, None);
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody>\n<tfoot>\n<tr><th scope=\"row\">All economies</th>");
    for &cell in &grid.totals {
        heat_cell(s, cell, None);
    }
    heat_cell(s, grid.total, None);
    s.push_str("</tr>\n</tfoot>\n</table>\n</div>\n</div>\n");
}

/// A cell of the heat map: shaded at `level`, or a total (`None`, not shaded).
fn heat_cell(s: &mut String, cell: DemandCell, level: Option<u8>) {
    let gap = if cell.unmet > 0 { " gap" } else { "" };
    let class = level.map_or_else(|| "total".to_string(), |l| format!("l{l}"));
    let _ = write!(s, "<td class=\"{class}{gap}\"><span class=\"n\">{}</span>", cell.needs);
    if cell.unmet > 0 {
        let _ = write!(s, "<span class=\"u\">{} unmet</span>", cell.unmet);
    }
    s.push_str("</td>");
}

/// The shades' ranges of needs per cell, and the unmet frame.
fn legend(s: &mut String, max: usize) {
    s.push_str("<ul class=\"legend\" aria-label=\"Legend\">\n<li class=\"l0\">0 needs</li>\n");
    for k in 1..=5 {
        let lo = (k - 1) * max / 5 + 1;
        let hi = k * max / 5;
        if lo > hi {
            continue;
        }
        let range = if lo == hi { lo.to_string() } else { format!("{lo}–{hi}") };
        let _ = writeln!(s, "<li class=\"l{k}\">{range}</li>");
    }
    s.push_str("<li class=\"gap\">some needs unmet</li>\n</ul>\n");
}

fn network(report: &SummaryReport, s: &mut String) {
    let t = &report.strength;
    if t.links.is_empty() {
        s.push_str("<p>No offer meets another party's need: there is no network to draw.</p>\n");
    } else {
        s.push_str(
            "<p>Who could help whom: each band runs from a donor (left) to a recipient (right); its width is \
             the strength of the match, the sum of the scores of the donor's offers for the recipient's \
             needs.</p>\n<figure>\n",
        );
        s.push_str(&svg::network(t));
        let _ = writeln!(
            s,
            "<figcaption>{} between {} and {}. The table below gives every link's strength.</figcaption>\n\
             </figure>",
            plural(t.links.len(), "link", "links"),
            plural(t.donors.len(), "party with offers", "parties with offers"),
            plural(t.recipients.len(), "party with needs", "parties with needs"),
        );
    }
    s.push_str("<h3 id=\"strength\">Match strength between economies</h3>\n");
    if t.donors.is_empty() || t.recipients.is_empty() {
        s.push_str("<p>No donor and recipient to compare.</p>\n");
        return;
    }
    s.push_str(
        "<p>Sum of the scores of the matches between a donor's offers (rows) and a recipient's needs \
         (columns); blank where there is none.</p>\n",
    );
    let max = t.links.iter().map(|l| l.strength).fold(0.0, f64::max);
    // Past a dozen columns the table prints small to fit the page's width.
    let many = if t.recipients.len() > 12 { " many" } else { "" };
    let _ = write!(
        s,
        "<div class=\"wide\">\n<table class=\"matrix{many}\">\n<caption>Donor (row) by recipient \
         (column)</caption>\n<thead>\n<tr><th scope=\"col\">Donor / recipient</th>"
    );
    for r in &t.recipients {
        let _ = write!(s, "<th scope=\"col\" class=\"num\">{}</th>", label(r));
    }
    s.push_str("</tr>\n</thead>\n<tbody>\n");
    for d in &t.donors {
        let _ = write!(s, "<tr><th scope=\"row\">{}</th>", label(d));
        for r in &t.recipients {
            match t.link(d, r) {
                Some(l) => {
                    let _ = write!(s, "<td class=\"l{}\">{:.2}</td>", level(l.strength, max), l.strength);
                }
                None => s.push_str("<td></td>"),
            }
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody>\n</table>\n</div>\n");
}

fn pillar_list(pillars: &[Pillar]) -> String {
    if pillars.is_empty() {
        return String::new();
    }
    let names: Vec<&str> = pillars.iter().map(|p| p.name()).collect();
    format!(" <span class=\"pillars\">{}</span>", names.join(", "))
}

fn needs(report: &SummaryReport, s: &mut String) {
    if report.sections.is_empty() {
        s.push_str("<p>No needs were submitted.</p>\n");
    }
    for (k, sec) in report.sections.iter().enumerate() {
        let _ = writeln!(
            s,
            "<section id=\"needs-{}\">\n<h3>{}</h3>",
            k + 1,
            section_heading(sec.section.as_deref(), &sec.title)
        );
        for group in &sec.economies {
            let _ = writeln!(s, "<h4>{}</h4>\n<ol class=\"needs\">", party_heading(&group.party));
            for need in &group.needs {
                let _ = writeln!(
                    s,
                    "<li class=\"need\"><p>{} <span class=\"id\">{}</span>{}</p>",
                    esc(&need.text),
                    esc(need.id.as_str()),
                    pillar_list(&need.pillars)
                );
                if need.donors.is_empty() {
                    s.push_str(
                        "<p class=\"none\">No candidate donor: see <a href=\"#gaps\">Gaps</a>.</p></li>\n",
                    );
                    continue;
                }
                s.push_str("<ul class=\"donors\">\n");
                for d in &need.donors {
                    let terms = if d.shared_terms.is_empty() {
                        String::new()
                    } else {
                        format!(" · <span class=\"terms\">{}</span>", esc(&d.shared_terms.join(", ")))
                    };
                    let _ = writeln!(
                        s,
                        "<li><span class=\"donor\">{}</span><span class=\"score\">\
                         <span style=\"width:{:.0}%\"></span><span class=\"v\">{:.2}</span></span><span>\
                         <span class=\"tier {tier}\">{tier}</span> {} <span class=\"id\">{}</span>{terms}</span></li>",
                        label(&d.donor),
                        (d.score * 100.0).clamp(0.0, 100.0),
                        d.score,
                        esc(&excerpt(&d.offer_text, 160)),
                        esc(d.offer.as_str()),
                        tier = d.tier.as_str(),
                    );
                }
                s.push_str("</ul></li>\n");
            }
            s.push_str("</ol>\n");
        }
        s.push_str("</section>\n");
    }
}

fn gaps(report: &SummaryReport, s: &mut String) {
    let unmet = report.overview.unmet_needs;
    if unmet == 0 {
        s.push_str("<p>Every need has at least one candidate donor.</p>\n");
        return;
    }
    let _ = writeln!(
        s,
        "<p>{} no candidate donor: where new project proposals can start.</p>\n<h3>By section</h3>",
        plural(unmet, "need has", "needs have")
    );
    for sec in &report.gaps.by_section {
        let _ = writeln!(s, "<h4>{}</h4>\n<ul>", section_heading(sec.section.as_deref(), &sec.title));
        for need in &sec.needs {
            let _ = writeln!(
                s,
                "<li><strong>{}</strong>: {} <span class=\"id\">{}</span>{}</li>",
                label(&need.recipient),
                esc(&need.text),
                esc(need.id.as_str()),
                pillar_list(&need.pillars),
            );
        }
        s.push_str("</ul>\n");
    }
    s.push_str(
        "<h3>By pillar</h3>\n<table>\n<caption>Unmet needs by Strategy pillar</caption>\n<thead>\n\
         <tr><th scope=\"col\">Pillar</th><th scope=\"col\">Unmet needs</th></tr>\n</thead>\n<tbody>\n",
    );
    for row in gaps_by_pillar(report) {
        let name = row.name;
        let needs: Vec<String> = row
            .needs
            .iter()
            .map(|(id, at)| match at {
                Some((party, section)) => format!(
                    "<span class=\"id\">{}</span> ({}, {})",
                    esc(id.as_str()),
                    label(party),
                    esc(section)
                ),
                None => format!("<span class=\"id\">{}</span>", esc(id.as_str())),
            })
            .collect();
        let cell = if needs.is_empty() { "—".to_string() } else { needs.join("; ") };
        let _ = writeln!(s, "<tr><th scope=\"row\">{name}</th><td>{cell}</td></tr>");
    }
    s.push_str("</tbody>\n</table>\n");
}

fn unrequested(report: &SummaryReport, s: &mut String) {
    if report.unrequested_offers.is_empty() {
        s.push_str("<p>Every offer meets at least one need.</p>\n");
        return;
    }
    s.push_str(
        "<table>\n<caption>Offers that meet no need in this report</caption>\n<thead>\n<tr><th \
         scope=\"col\">Donor</th><th scope=\"col\">Section</th><th scope=\"col\">Offer</th></tr>\n</thead>\n\
         <tbody>\n",
    );
    for o in &report.unrequested_offers {
        let _ = writeln!(
            s,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{} <span class=\"id\">{}</span></td></tr>",
            label(&o.donor),
            esc(o.section.as_deref().unwrap_or("—")),
            esc(&o.text),
            esc(o.id.as_str()),
        );
    }
    s.push_str("</tbody>\n</table>\n");
}

fn totals(report: &SummaryReport, s: &mut String) {
    let table = |s: &mut String, what: &str, rows: &mut dyn Iterator<Item = (&str, Counts)>| {
        let _ = write!(
            s,
            "<table>\n<caption>By Strategy {}</caption>\n<thead>\n<tr><th scope=\"col\">{what}</th><th \
             scope=\"col\" class=\"num\">Needs</th><th scope=\"col\" class=\"num\">Offers</th><th \
             scope=\"col\" class=\"num\">Needs matched</th><th scope=\"col\" class=\"num\">Needs unmet</th>\
             </tr>\n</thead>\n<tbody>\n",
            what.to_lowercase()
        );
        for (name, c) in rows {
            let _ = writeln!(
                s,
                "<tr><th scope=\"row\">{name}</th><td class=\"num\">{}</td><td class=\"num\">{}</td><td \
                 class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                c.needs, c.offers, c.matched, c.unmet
            );
        }
        s.push_str("</tbody>\n</table>\n");
    };
    table(s, "Area", &mut report.totals.by_area.iter().map(|r| (area_name(r.area), r.counts)));
    table(
        s,
        "Pillar",
        &mut report
            .totals
            .by_pillar
            .iter()
            .map(|r| (r.pillar.map_or("No pillar identified", Pillar::name), r.counts)),
    );
    s.push_str("<p class=\"note\">An item that speaks to several pillars counts under each.</p>\n");
}

fn contacts(report: &SummaryReport, s: &mut String) {
    let Some(contacts) = &report.contacts else {
        return;
    };
    if contacts.is_empty() {
        s.push_str("<p>No contact points were given.</p>\n");
        return;
    }
    s.push_str("<div class=\"wide\">\n<table>\n<caption>Contact points by party and section</caption>\n<thead>\n<tr>");
    for h in ["Party", "Section", "Role", "Name", "Title", "Telephone", "E-mail"] {
        let _ = write!(s, "<th scope=\"col\">{h}</th>");
    }
    s.push_str("</tr>\n</thead>\n<tbody>\n");
    for c in contacts {
        let cell = |v: &Option<String>| v.as_deref().map(|x| esc(x).into_owned()).unwrap_or_default();
        let _ = writeln!(
            s,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            label(&c.party),
            c.contact.section.as_ref().map_or_else(String::new, |x| esc(x.label()).into_owned()),
            cell(&c.contact.role),
            cell(&c.contact.name),
            cell(&c.contact.title),
            cell(&c.contact.telephone),
            cell(&c.contact.email),
        );
    }
    s.push_str("</tbody>\n</table>\n</div>\n");
}
