//! The Summary Report over the test corpora: content, order, escaping, options.

use capmatch::graph::{MatchGraph, Ranking};
use capmatch::report::{self, SummaryOptions, SummaryReport};
use capmatch::similarity::Analysis;
use capmatch::{Corpus, MatchConfig};

fn corpus(name: &str) -> Corpus {
    let path = format!("{}/tests/data/corpus/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    Corpus::from_json_str(&text, Some(&path)).unwrap_or_else(|e| panic!("{e}"))
}

/// The report (as data, Markdown and JSON) and the DOT of a corpus.
fn render(corpus: &Corpus, options: SummaryOptions) -> (SummaryReport, String, String, String) {
    let config = MatchConfig::new().build().unwrap();
    let analysis = Analysis::new(corpus, config.fuzzy_threshold);
    let ranking = Ranking::new(&analysis, &config);
    let graph = MatchGraph::new(&ranking);
    let report = SummaryReport::new(&graph, &options.build().unwrap());
    let (md, json) = (report.to_markdown(), report.to_json());
    (report, md, json, report::to_dot(&graph))
}

/// The lines of the Markdown section that starts with `heading`, up to the next
/// heading of the same level.
fn chapter<'a>(md: &'a str, heading: &str) -> Vec<&'a str> {
    let level = heading.split(' ').next().unwrap();
    md.lines()
        .skip_while(|l| *l != heading)
        .skip(1)
        .take_while(|l| !(l.starts_with(level) && l.as_bytes().get(level.len()) == Some(&b' ')))
        .collect()
}

/// Splits a Markdown table row into cells, honouring `\|` escapes.
fn cells(row: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut chars = row.trim().trim_start_matches('|').chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                chars.next();
                out.last_mut().unwrap().push('|');
            }
            '|' => out.push(String::new()),
            c => out.last_mut().unwrap().push(c),
        }
    }
    out.pop();
    out.into_iter().map(|c| c.trim().to_string()).collect()
}

#[test]
fn sections_come_in_template_order_then_others_then_none() {
    let (report, md, _, _) = render(&corpus("apec-2020.json"), SummaryOptions::new());
    let labels: Vec<Option<&str>> = report.sections.iter().map(|s| s.section.as_deref()).collect();
    assert_eq!(
        labels,
        [
            Some("A.1"),
            Some("A.2"),
            Some("A.3"),
            Some("A.4"),
            Some("A.5"),
            Some("B"),
            Some("C"),
            Some("Energy Security"),
            None
        ]
    );
    let headings: Vec<&str> =
        chapter(&md, "## Needs by section").into_iter().filter(|l| l.starts_with("### ")).collect();
    assert_eq!(
        headings,
        [
            "### A.1 Protect Cargo",
            "### A.2 Protect Port Facilities and Ships Engaged in International Voyages",
            "### A.3 Protect International Aviation",
            "### A.4 Protect People in Transit",
            "### A.5 Combat Threats to Security",
            "### B Halting Terrorist Financing",
            "### C Promoting Cyber Security",
            "### Energy Security",
            "### No section",
        ]
    );
    // Within a section, recipients in party order, each with its needs by id.
    let a1 = chapter(&md, "### A.1 Protect Cargo");
    let recipients: Vec<&str> = a1.iter().copied().filter(|l| l.starts_with("#### ")).collect();
    assert_eq!(
        recipients,
        [
            "#### CHL — Chile",
            "#### HKC — Hong Kong, China",
            "#### INA — Indonesia",
            "#### PHL — The Philippines"
        ]
    );
}

// Expects the default model's answers, which read sentence vectors (the `semantic` feature).
#[cfg(feature = "semantic")]
#[test]
fn needs_show_their_best_donors_with_scores_and_shared_terms() {
    let (report, md, _, _) = render(&corpus("apec-2020.json"), SummaryOptions::new());
    let vn = report.sections[1].economies.iter().find(|e| e.party.to_string() == "VN").unwrap();
    let donors: Vec<String> = vn.needs[0].donors.iter().map(|d| d.donor.to_string()).collect();
    assert_eq!(donors, ["AUS", "HKC", "JPN"]);
    let aus = &vn.needs[0].donors[0];
    assert!(md.contains(&format!(
        "  - **AUS** {:.2} {} — Port security workshops on the ISPS Code for port facility security officers \
         (aus-2020-o2) · _port facility security officer, isps code_",
        aus.score,
        aus.tier.as_str()
    )));
    assert!(aus.score >= capmatch::similarity::Model::builtin().thresholds.strong);
    // Top 3 by default, each donor once.
    assert!(
        report.sections.iter().flat_map(|s| &s.economies).flat_map(|e| &e.needs).all(|n| n.donors.len() <= 3)
    );
    let (report, _, _, _) = render(&corpus("apec-2020.json"), SummaryOptions::new().top_donors(1));
    assert_eq!(report.sections[1].economies[1].needs[0].donors.len(), 1);
}

#[test]
fn a_known_gap_is_listed_under_its_section_and_pillar() {
    let (report, md, json, _) = render(&corpus("apec-2020.json"), SummaryOptions::new());
    let o = &report.overview;
    assert_eq!((o.needs, o.matched_needs + o.unmet_needs), (19, 19));
    // Gaps no offer in the corpus is about: Indonesia's container security and
    // radiation monitors (the nearest offers, port facility plans and cargo
    // targeting, are other topics), Peru's drones at major events, Viet Nam's
    // offshore platforms, PNG's help with drafting its action plan.
    let gap_ids: Vec<&str> =
        report.gaps.by_section.iter().flat_map(|g| &g.needs).map(|n| n.id.as_str()).collect();
    for id in ["ina-2019-n1", "pe-2020-n2", "vn-2020-n4", "png-undated-n1"] {
        assert!(gap_ids.contains(&id), "{id} not among the gaps {gap_ids:?}");
    }
    assert_eq!(gap_ids.len(), o.unmet_needs);
    let energy =
        report.gaps.by_section.iter().find(|g| g.section.as_deref() == Some("Energy Security")).unwrap();
    assert_eq!(energy.needs[0].id.as_str(), "vn-2020-n4");
    let gaps = chapter(&md, "## Gaps: needs no offer meets");
    let at = gaps.iter().position(|l| *l == "**Energy Security**").expect("the Energy Security gap heading");
    assert_eq!(
        gaps[at + 2],
        "- **VN**: Protection of offshore oil and gas platforms and LNG terminals against terrorist attack \
         (vn-2020-n4) · Security"
    );
    let security = gaps.iter().find(|l| l.starts_with("| Security | ")).expect("the Security row");
    assert!(
        security.contains("pe-2020-n2 (PE, A.5)") && security.contains("vn-2020-n4 (VN, Energy Security)")
    );
    assert!(gaps.contains(&"| Resilience | — |"));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["gaps"]["by_pillar"][0]["pillar"], "security");
    let ids = v["gaps"]["by_pillar"][0]["needs"].as_array().unwrap();
    assert!(ids.contains(&serde_json::json!("pe-2020-n2")) && ids.contains(&serde_json::json!("vn-2020-n4")));
    assert!(md.contains(&format!(
        "- {} needs have at least one candidate donor; {} are unmet (see Gaps).",
        o.matched_needs, o.unmet_needs
    )));
}

// Expects the default model's answers, which read sentence vectors (the `semantic` feature).
#[cfg(feature = "semantic")]
#[test]
fn offers_no_one_asked_for_are_listed() {
    let (report, md, _, _) = render(&corpus("apec-2020.json"), SummaryOptions::new());
    let ids: Vec<&str> = report.unrequested_offers.iter().map(|o| o.id.as_str()).collect();
    // Japan's food-defence seminar: no need in the corpus is about food.
    assert_eq!(ids, ["jpn-2020-o3", "usa-2020-o4"]);
    assert!(chapter(&md, "## Offers no one asked for").contains(
        &"| USA | Energy Security | Workshops on protecting electricity grids and industrial control systems of \
          energy operators (usa-2020-o4) |"
    ));
}

#[test]
fn the_strength_table_has_donors_as_rows_and_recipients_as_columns() {
    let (report, md, _, _) = render(&corpus("apec-2020.json"), SummaryOptions::new());
    let table: Vec<Vec<String>> = chapter(&md, "## Match strength between economies")
        .into_iter()
        .filter(|l| l.starts_with('|'))
        .map(cells)
        .collect();
    assert_eq!(table[0], ["Donor / recipient", "CHL", "HKC", "INA", "PNG", "PE", "PHL", "VN"]);
    let row = |donor: &str| table.iter().find(|r| r[0] == donor).unwrap();
    let col = |recipient: &str| table[0].iter().position(|c| c == recipient).unwrap();
    // A cell is the sum of the pair's match scores: JPN meets two of VN's needs.
    let link = report.strength.link(&"JPN".parse().unwrap(), &"VN".parse().unwrap()).unwrap();
    assert_eq!(row("JPN")[col("VN")], format!("{:.2}", link.strength));
    assert!(row("ROK")[col("CHL")].parse::<f64>().unwrap() > 0.9);
    assert_eq!(row("WCO")[col("VN")], "");
    // Only parties that appear: donors with offers, recipients with needs.
    let donors: Vec<&str> = table[2..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(donors, ["AUS", "HKC", "JPN", "ROK", "USA", "WCO"]);
    let link = report.strength.link(&"JPN".parse().unwrap(), &"VN".parse().unwrap()).unwrap();
    assert_eq!((link.matches, link.needs_met), (2, 2));
}

#[test]
fn totals_by_area_and_pillar() {
    let (report, md, _, _) = render(&corpus("apec-2020.json"), SummaryOptions::new());
    let infra = &report.totals.by_area[3];
    assert_eq!(infra.area, Some(capmatch::Area::Infrastructure));
    let c = &infra.counts;
    assert_eq!((c.needs, c.offers, c.matched + c.unmet), (5, 5, 5));
    assert!(md.contains(&format!("| Secure Infrastructure | 5 | 5 | {} | {} |", c.matched, c.unmet)));
    // PNG's planning need has no section, so no area, and no offer meets it.
    assert!(md.contains("| No area (section unknown) | 1 | 0 | 0 | 1 |"));
    let needs: usize = report.totals.by_area.iter().map(|a| a.counts.needs).sum();
    assert_eq!(needs, report.overview.needs);
}

#[test]
fn contacts_appear_only_when_asked_for() {
    let c = corpus("apec-2020.json");
    let (report, md, json, dot) = render(&c, SummaryOptions::new());
    assert!(report.contacts.is_none());
    for secret in
        ["Alan CHAN", "alan_chan", "alan\\_chan", "+852", "msantos@amlc.gov.ph", "KAUPA", "Contact point"]
    {
        assert!(!md.contains(secret), "{secret} leaked into the Markdown");
        assert!(!json.contains(secret), "{secret} leaked into the JSON");
        assert!(!dot.contains(secret), "{secret} leaked into the DOT");
    }
    let (report, md, json, _) = render(&c, SummaryOptions::new().include_contacts(true));
    assert_eq!(report.contacts.as_ref().map(Vec::len), Some(4));
    assert!(md.contains(
        "| HKC | A.1 | Contact Point | Mr Alan CHAN | Senior Superintendent, Customs and Excise Department \
         | +852 2815 7711 | alan\\_chan@customs.gov.hk |"
    ));
    assert!(
        md.contains("| PNG |  | Contact Point | Mr John KAUPA |  | +675 301 2000 | jkaupa@pmnec.gov.pg |")
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["contacts"][0]["email"], "alan_chan@customs.gov.hk");
    assert_eq!(v["contacts"][0]["party"], "HKC");
}

#[test]
fn a_year_keeps_that_years_submissions_and_names_the_undated_ones_left_out() {
    let (report, md, json, _) =
        render(&corpus("apec-2020.json"), SummaryOptions::new().year(2020).include_contacts(true));
    assert_eq!(report.overview.years, [2020]);
    assert_eq!(report.overview.undated_left_out.iter().map(ToString::to_string).collect::<Vec<_>>(), ["PNG"]);
    assert!(md.contains("- Undated submissions left out of this 2020 report: PNG."));
    assert!(
        md.lines()
            .nth(2)
            .unwrap()
            .starts_with("2020 · 9 economies and 1 organisation · 16 needs · 16 offers")
    );
    for gone in ["ina-2019-n1", "png-undated-n1", "KAUPA", "### No section"] {
        assert!(!md.contains(gone), "{gone} is not from 2020");
    }
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["year"], 2020);
    assert!(!v["strength"]["recipients"].as_array().unwrap().iter().any(|p| p == "INA"));
    // Without a year the undated list is not in the JSON at all.
    let (_, _, json, _) = render(&corpus("apec-2020.json"), SummaryOptions::new());
    assert!(!json.contains("undated_left_out"));
}

#[test]
fn markdown_escapes_pipes_and_markup_in_item_text_and_party_names() {
    let (_, md, json, _) = render(&corpus("edge-cases.json"), SummaryOptions::new());
    assert!(md.contains(
        "- Equipment: radiation portal monitors \\| handheld detectors \\| training on their use at container \
         terminals (tha-2020-n1)"
    ));
    assert!(md.contains("\\*ISPS Code\\* \\<Part A\\_B\\>"));
    assert!(!md.contains("monitors | handheld"));
    // The organisation named with a pipe stays one cell in the strength table.
    let table: Vec<Vec<String>> = chapter(&md, "## Match strength between economies")
        .into_iter()
        .filter(|l| l.starts_with('|'))
        .map(cells)
        .collect();
    assert!(table.iter().all(|r| r.len() == table[0].len()), "{table:?}");
    assert!(table.iter().any(|r| r[0] == "Customs | Border \\*Network\\*"));
    // JSON keeps the text as it is.
    assert!(json.contains("radiation portal monitors | handheld detectors"));
}

#[test]
fn dot_escapes_quotes_and_backslashes_in_organisation_names() {
    let (_, _, _, dot) = render(&corpus("edge-cases.json"), SummaryOptions::new());
    assert!(dot.contains(r#"label = "The \"Safe Seas\" Forum \\ Pacific" shape = box"#), "{dot}");
    assert!(dot.contains(r#"label = "Customs | Border *Network*" shape = box"#), "{dot}");
    assert!(dot.contains(r#"tooltip = "The \"Safe Seas\" Forum \\ Pacific → THA: 1 match"#), "{dot}");
    // Every quote in the text is either a delimiter or escaped: an even number of
    // unescaped quotes per line.
    for line in dot.lines() {
        let unescaped = line
            .match_indices('"')
            .filter(|(i, _)| !line[..*i].ends_with('\\') || line[..*i].ends_with("\\\\"))
            .count();
        assert_eq!(unescaped % 2, 0, "{line}");
    }
}

#[test]
fn dot_draws_donor_to_recipient_edges_scaled_by_strength() {
    let (_, _, _, dot) = render(&corpus("apec-2020.json"), SummaryOptions::new());
    assert!(dot.starts_with("digraph economies {\n"));
    let node = |code: &str| {
        dot.lines()
            .find(|l| l.contains(&format!("label = \"{code}\" shape")))
            .and_then(|l| l.split_whitespace().next())
            .unwrap()
            .to_string()
    };
    let (aus, phl) = (node("AUS"), node("PHL"));
    // The strongest link (AUS → PHL, two matches) gets the widest pen.
    assert!(dot.contains(&format!("{aus} -> {phl} [ label = \"2\" penwidth = 5.00 ")), "{dot}");
    assert!(dot.contains("WCO\" shape = box"));
}

#[test]
fn the_same_input_gives_the_same_bytes_at_any_thread_count() {
    let c = corpus("apec-2020.json");
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        pool.install(|| {
            let (_, md, json, dot) = render(&c, SummaryOptions::new().include_contacts(true));
            (md, json, dot)
        })
    };
    assert_eq!(run(1), run(2));
}

#[test]
fn graphviz_renders_the_dot() {
    let available = std::process::Command::new("dot").arg("-V").output().is_ok_and(|o| o.status.success());
    if !available {
        println!("skipped: Graphviz `dot` is not installed");
        return;
    }
    for name in ["apec-2020.json", "edge-cases.json"] {
        let (_, _, _, dot) = render(&corpus(name), SummaryOptions::new());
        let mut child = std::process::Command::new("dot")
            .arg("-Tsvg")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        std::io::Write::write_all(child.stdin.as_mut().unwrap(), dot.as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(String::from_utf8_lossy(&out.stdout).contains("<svg"), "{name}");
    }
}

#[test]
fn needs_by_economy_and_area_add_up_to_the_totals() {
    let (report, _, json, _) = render(&corpus("apec-2020.json"), SummaryOptions::new());
    let grid = &report.demand;
    assert_eq!(grid.total.needs, report.overview.needs);
    assert_eq!(grid.total.unmet, report.overview.unmet_needs);
    let rows: Vec<_> = grid.rows.iter().map(|r| r.party.clone()).collect();
    assert_eq!(rows, report.strength.recipients);
    // Energy Security maps to Secure Infrastructure; the need without a section to none.
    assert_eq!(grid.areas.last(), Some(&None));
    for (k, area) in grid.areas.iter().enumerate() {
        let column: usize = grid.rows.iter().map(|r| r.cells[k].needs).sum();
        assert_eq!(column, grid.totals[k].needs);
        let row = report.totals.by_area.iter().find(|t| t.area == *area).unwrap();
        assert_eq!(
            (grid.totals[k].needs, grid.totals[k].unmet),
            (row.counts.needs, row.counts.unmet),
            "{area:?}"
        );
    }
    for row in &grid.rows {
        assert_eq!(row.cells.iter().map(|c| c.needs).sum::<usize>(), row.total.needs, "{}", row.party);
    }
    let vn = grid.rows.iter().find(|r| r.party.to_string() == "VN").unwrap();
    let infrastructure = grid.areas.iter().position(|a| *a == Some(capmatch::Area::Infrastructure)).unwrap();
    assert!(
        vn.cells[infrastructure].unmet >= 1,
        "vn-2020-n4 (Energy Security) is an unmet infrastructure need"
    );
    assert_eq!(grid.totals[grid.areas.len() - 1], capmatch::report::DemandCell { needs: 1, unmet: 1 });
    // The published JSON format is unchanged: the grid is not in it.
    assert!(!json.contains("\"demand\""));
}
