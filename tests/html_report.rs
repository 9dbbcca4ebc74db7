//! The HTML Summary Report: a well-formed, self-contained, accessible page that
//! holds every need, escapes hostile text, gives the same bytes every time, and
//! renders in a real browser (headless Chromium, when installed).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use capmatch::graph::{MatchGraph, Ranking};
use capmatch::input::{LoadOptions, load};
use capmatch::report::{SummaryOptions, SummaryReport};
use capmatch::similarity::Analysis;
use capmatch::synth::{SynthConfig, generate};
use capmatch::{Corpus, MatchConfig};
use scraper::{ElementRef, Html, Selector};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn report(corpus: &Corpus, options: SummaryOptions) -> SummaryReport {
    let config = MatchConfig::new().build().unwrap();
    let analysis = Analysis::new(corpus, config.fuzzy_threshold);
    let ranking = Ranking::new(&analysis, &config);
    SummaryReport::new(&MatchGraph::new(&ranking), &options.build().unwrap())
}

fn bundled_ctaps() -> Corpus {
    let inputs = [root().join("examples/data/hkc-2020.txt"), root().join("examples/data/rok-2014.txt")];
    load(&inputs, &LoadOptions::default()).unwrap().corpus
}

fn corpus_file(name: &str) -> Corpus {
    load(&[root().join("tests/data/corpus").join(name)], &LoadOptions::default()).unwrap().corpus
}

fn synthetic() -> Corpus {
    generate(&SynthConfig::new().needs(60).offers(60).economies(12).seed(3).build().unwrap()).corpus
}

/// Every corpus the page is checked on, by name.
fn corpora() -> Vec<(&'static str, Corpus)> {
    vec![
        ("bundled CTAPs", bundled_ctaps()),
        ("apec-2020", corpus_file("apec-2020.json")),
        ("edge-cases", corpus_file("edge-cases.json")),
        ("synthetic", synthetic()),
    ]
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn text(e: &ElementRef<'_>) -> String {
    e.text().collect()
}

/// Parses a page, failing on any HTML5 parse error.
fn parse(name: &str, html: &str) -> Html {
    let doc = Html::parse_document(html);
    assert!(doc.errors.is_empty(), "{name}: parse errors {:?}", doc.errors);
    doc
}

#[test]
fn the_page_parses_without_errors_and_holds_every_need() {
    for (name, corpus) in corpora() {
        let html = report(&corpus, SummaryOptions::new().include_contacts(true)).to_html();
        let doc = parse(name, &html);
        let body = text(&select(&doc, "body")[0]);
        for need in corpus.needs() {
            assert!(body.contains(need.item.id.as_str()), "{name}: {} is missing", need.item.id);
            let words: String = need.item.text.split_whitespace().collect::<Vec<_>>().join(" ");
            let body_words: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(body_words.contains(&words), "{name}: the text of {} is missing", need.item.id);
        }
        // Every section of the Markdown report is in the page.
        let md = report(&corpus, SummaryOptions::new().include_contacts(true)).to_markdown();
        let headings: BTreeSet<String> = select(&doc, "h2, h3").iter().map(text).collect();
        for line in md.lines().filter(|l| l.starts_with("## ")) {
            assert!(headings.contains(&line[3..]), "{name}: no section {line:?} in the page");
        }
    }
}

#[test]
fn the_page_is_accessible() {
    for (name, corpus) in corpora() {
        let html = report(&corpus, SummaryOptions::new().include_contacts(true)).to_html();
        let doc = parse(name, &html);
        assert_eq!(select(&doc, "html")[0].value().attr("lang"), Some("en"), "{name}");
        let title = text(&select(&doc, "head > title")[0]);
        assert!(title.starts_with("Summary Report of Counter-Terrorism Capacity Building Needs"), "{name}");
        // Headings in order: one h1, and no level skipped on the way down.
        let levels: Vec<usize> = select(&doc, "h1, h2, h3, h4, h5, h6")
            .iter()
            .map(|h| h.value().name()[1..].parse().unwrap())
            .collect();
        assert_eq!(levels.iter().filter(|&&l| l == 1).count(), 1, "{name}");
        assert_eq!(levels[0], 1, "{name}");
        for pair in levels.windows(2) {
            assert!(pair[1] <= pair[0] + 1, "{name}: heading h{} follows h{}", pair[1], pair[0]);
        }
        // Tables: a caption, and every header cell says what it heads.
        for table in select(&doc, "table") {
            assert!(
                table.select(&Selector::parse("caption").unwrap()).next().is_some(),
                "{name}: a table without caption"
            );
            for th in table.select(&Selector::parse("th").unwrap()) {
                assert!(matches!(th.value().attr("scope"), Some("col" | "row")), "{name}: {}", th.html());
            }
        }
        // Pictures: an image role with a title and a description that exist.
        for svg in select(&doc, "svg") {
            assert_eq!(svg.value().attr("role"), Some("img"), "{name}");
            let ids = svg.value().attr("aria-labelledby").expect("aria-labelledby");
            for id in ids.split(' ') {
                let target = select(&doc, &format!("#{id}"));
                assert_eq!(target.len(), 1, "{name}: #{id}");
                assert!(!text(&target[0]).trim().is_empty(), "{name}: #{id} is empty");
            }
        }
        // Ids are unique, and every in-page link lands on one.
        let ids: Vec<&str> = select(&doc, "[id]").iter().map(|e| e.value().attr("id").unwrap()).collect();
        let unique: BTreeSet<&str> = ids.iter().copied().collect();
        assert_eq!(ids.len(), unique.len(), "{name}: duplicate ids");
        for a in select(&doc, "a[href]") {
            let href = a.value().attr("href").unwrap();
            assert!(unique.contains(&href[1..]), "{name}: link to {href} lands nowhere");
        }
    }
}

#[test]
fn the_page_needs_nothing_from_outside() {
    for (name, corpus) in corpora() {
        let html = report(&corpus, SummaryOptions::new().include_contacts(true)).to_html();
        let doc = parse(name, &html);
        for tag in [
            "script", "link", "img", "iframe", "object", "embed", "base", "image", "use", "video", "audio",
            "source",
        ] {
            assert!(select(&doc, tag).is_empty(), "{name}: <{tag}> in the page");
        }
        for e in select(&doc, "*") {
            for (attr, value) in e.value().attrs() {
                let attr = attr.to_ascii_lowercase();
                assert!(!attr.starts_with("on"), "{name}: event handler {attr}");
                if matches!(attr.as_str(), "href" | "xlink:href") {
                    assert!(value.starts_with('#'), "{name}: {attr}={value}");
                }
                assert!(
                    !matches!(
                        attr.as_str(),
                        "src" | "srcset" | "action" | "formaction" | "poster" | "data" | "ping"
                    ),
                    "{name}: {attr}={value}"
                );
                if attr == "style" {
                    assert!(!value.contains("url("), "{name}: style={value}");
                }
            }
        }
        for style in select(&doc, "style") {
            let css = text(&style).to_lowercase();
            assert!(
                !css.contains("url(") && !css.contains("@import") && !css.contains("@font-face"),
                "{name}"
            );
        }
        // Neither the page nor these inputs have a URL anywhere, protocol-relative included.
        for needle in ["http://", "https://", "//"] {
            assert!(!html.contains(needle), "{name}: {needle:?} in the page");
        }
    }
}

#[test]
fn hostile_text_stays_text() {
    let corpus = Corpus::from_json_str(
        r#"{"submissions":[
          {"economy":"THA","year":2020,"needs":[
            {"id":"tha-x\"><script>alert(0)</script>","section":"A.1",
             "text":"Radiation portal monitors <script>alert(1)</script> for container terminals \"onload=alert(2) x='y' & <img src=x onerror=alert(3)>"}]},
          {"economy":"org:<b>Evil</b> \"Forum\" 'x' onmouseover=alert(4)","year":2020,"offers":[
            {"section":"A.1","text":"Training on radiation portal monitors for container terminals </desc><script>alert(5)</script>"}]}]}"#,
        None,
    )
    .unwrap();
    let r = report(&corpus, SummaryOptions::new().include_contacts(true));
    assert_eq!(r.overview.matched_needs, 1, "the hostile offer must be drawn in the network too");
    let html = r.to_html();
    let doc = parse("hostile", &html);
    assert!(select(&doc, "script, img, b").is_empty(), "markup from the input became elements");
    for e in select(&doc, "*") {
        for (attr, _) in e.value().attrs() {
            assert!(!attr.starts_with("on"), "attribute {attr} from the input");
        }
    }
    let body = text(&select(&doc, "body")[0]);
    assert!(body.contains(
        "Radiation portal monitors <script>alert(1)</script> for container terminals \"onload=alert(2) x='y' & \
         <img src=x onerror=alert(3)>"
    ));
    assert!(body.contains("tha-x\"><script>alert(0)</script>"));
    assert!(body.contains("<b>Evil</b> \"Forum\" 'x' onmouseover=alert(4)"));
    assert!(!html.contains("<script") && !html.contains("\"onload=") && !html.contains("<b>Evil"));
    // The SVG's text equivalent names the organisation, as text.
    let desc = text(&select(&doc, "svg desc")[0]);
    assert!(desc.contains("<b>Evil</b> \"Forum\""), "{desc}");
}

#[test]
fn the_same_report_gives_the_same_bytes_at_any_thread_count() {
    let corpus = synthetic();
    let render = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        pool.install(|| report(&corpus, SummaryOptions::new()).to_html())
    };
    let one = render(1);
    assert_eq!(one, render(4));
    assert_eq!(one, report(&corpus, SummaryOptions::new()).to_html());
}

#[test]
fn an_empty_report_is_still_a_page() {
    let corpus = Corpus::from_json_str(r#"{"submissions":[{"economy":"PE","year":2020}]}"#, None).unwrap();
    let html = report(&corpus, SummaryOptions::new()).to_html();
    let doc = parse("empty", &html);
    assert!(select(&doc, "svg").is_empty());
    let body = text(&select(&doc, "body")[0]);
    assert!(body.contains("No needs were submitted."));
    assert!(body.contains("No donor and recipient to compare."));
}

/// Debian's `chromium`, or the browser `CAPMATCH_CHROMIUM` names.
fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CAPMATCH_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|p| p.is_file())
}

/// Runs headless Chromium on `page` with no network, a fresh profile and `output`
/// (`--screenshot=…` or `--print-to-pdf=…`).
fn run_chromium(browser: &Path, dir: &Path, page: &Path, output: &str) {
    let profile = dir.join(format!("profile-{}", output.split('=').next().unwrap().trim_start_matches('-')));
    let status = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
            "--window-size=1280,2000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(output)
        .arg(format!("file://{}", page.display()))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("chromium runs");
    assert!(status.success(), "chromium {output}: {status}");
}

#[test]
fn chromium_renders_the_page() {
    let Some(browser) = chromium() else {
        println!("skipped: no chromium on PATH (apt-get install chromium, or set CAPMATCH_CHROMIUM)");
        return;
    };
    let dir = std::env::temp_dir().join(format!("capmatch-html-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("report.html");
    std::fs::write(&page, report(&corpus_file("apec-2020.json"), SummaryOptions::new()).to_html()).unwrap();

    let png = dir.join("report.png");
    run_chromium(&browser, &dir, &page, &format!("--screenshot={}", png.display()));
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    // IHDR: width and height, big-endian, at bytes 16..24.
    let size = |k: usize| u32::from_be_bytes(bytes[k..k + 4].try_into().unwrap());
    assert_eq!((size(16), size(20)), (1280, 2000));
    // A blank or failed page compresses to a few kilobytes; this one has pictures and text.
    assert!(bytes.len() > 100_000, "the screenshot is nearly empty ({} bytes)", bytes.len());

    let pdf = dir.join("report.pdf");
    run_chromium(&browser, &dir, &page, &format!("--print-to-pdf={}", pdf.display()));
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    println!("chromium rendered {} and {}", png.display(), pdf.display());
    if std::env::var_os("CAPMATCH_KEEP_RENDERS").is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
}
