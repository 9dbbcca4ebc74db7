//! `capmatch clusters` and `capmatch brief` through the real binary: the clusters
//! JSON contract, messages pinned exactly, the same bytes at 1 and 2 threads, and
//! `-o` never an input.

mod support;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use support::{fresh_dir, run, stderr, stdout};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A fresh, empty directory for one test, holding copies of the data it reads.
fn workdir(name: &str, files: &[&str]) -> PathBuf {
    let dir = fresh_dir("plan_cli", name);
    for f in files {
        let from = Path::new(ROOT).join(f);
        fs::copy(&from, dir.join(from.file_name().unwrap())).unwrap();
    }
    dir
}

#[track_caller]
fn assert_ok(out: &Output) {
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(out));
}

#[track_caller]
fn assert_fails(out: &Output, code: i32, line: &str) {
    assert_eq!(stderr(out), format!("{line}\n"), "stderr");
    assert_eq!(out.status.code(), Some(code), "exit status");
    assert!(out.stdout.is_empty(), "stdout: {}", stdout(out));
}

const ILLUSTRATIVE: &str = "examples/data/illustrative-apec.json";
const DEV: &str = "tests/data/clusters/dev.json";

/// Checks the clusters contract on `capmatch clusters --format json` output for
/// the needs `expected` (every need exactly once, ordering, ids), and returns the
/// parsed JSON.
#[track_caller]
fn check_contract(text: &str, expected: &BTreeSet<String>, min_economies: usize) -> serde_json::Value {
    let v: serde_json::Value = serde_json::from_str(text).expect("JSON");
    let clusters = v["clusters"].as_array().expect("clusters");
    let unclustered: Vec<&str> =
        v["unclustered"].as_array().unwrap().iter().map(|x| x.as_str().unwrap()).collect();
    let mut seen: Vec<&str> = unclustered.clone();
    let mut keys = Vec::new();
    for (k, c) in clusters.iter().enumerate() {
        assert_eq!(c["id"], format!("c{}", k + 1));
        assert!(c["label"].as_str().is_some_and(|l| !l.is_empty()));
        let needs: Vec<&str> = c["needs"].as_array().unwrap().iter().map(|x| x.as_str().unwrap()).collect();
        assert!(needs.windows(2).all(|w| w[0] < w[1]), "needs in id order: {needs:?}");
        let economies = c["economies"].as_array().unwrap().len();
        assert!(economies >= min_economies, "{c}");
        assert!(c["sections"].is_array() && c["donors"].is_array());
        for d in c["donors"].as_array().unwrap() {
            assert!(
                d["donor"].is_string() && d["offers"].is_array() && d["needs_met"].as_u64().unwrap() >= 1
            );
        }
        keys.push((std::cmp::Reverse(economies), std::cmp::Reverse(needs.len()), needs[0]));
        seen.extend(needs);
    }
    assert!(keys.windows(2).all(|w| w[0] < w[1]), "cluster order: {keys:?}");
    assert!(unclustered.windows(2).all(|w| w[0] < w[1]), "unclustered in id order");
    let set: BTreeSet<String> = seen.iter().map(|s| (*s).to_string()).collect();
    assert_eq!(set.len(), seen.len(), "a need appears twice");
    assert_eq!(&set, expected, "every need exactly once");
    v
}

fn need_ids(path: &str, years: Option<&[(&str, u64)]>) -> BTreeSet<String> {
    let v: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(Path::new(ROOT).join(path)).unwrap()).unwrap();
    v["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| years.is_none_or(|ys| !ys.iter().any(|(e, y)| s["economy"] == *e && s["year"] == *y)))
        .flat_map(|s| s["needs"].as_array().cloned().unwrap_or_default())
        .map(|n| n["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn clusters_json_holds_the_contract_on_labelled_and_illustrative_data() {
    let dir = workdir("contract", &[DEV, ILLUSTRATIVE]);
    let out = run(&dir, &["clusters", "--format", "json", "dev.json"]);
    assert_ok(&out);
    let v = check_contract(&stdout(&out), &need_ids(DEV, None), 2);
    assert!(!v["clusters"].as_array().unwrap().is_empty());

    // The illustrative corpus: latest editions only, and a note naming what was left out.
    let out = run(&dir, &["clusters", "--format", "json", "illustrative-apec.json"]);
    assert_ok(&out);
    let superseded = [
        ("PHL", 2019),
        ("INA", 2019),
        ("PE", 2019),
        ("PNG", 2019),
        ("MEX", 2019),
        ("USA", 2019),
        ("AUS", 2019),
        ("THA", 2019),
    ];
    check_contract(&stdout(&out), &need_ids(ILLUSTRATIVE, Some(&superseded)), 2);
    assert_eq!(
        stderr(&out),
        "info: each economy's latest edition is used, so that a restated need counts once: AUS 2021 (left out: \
         2019); INA 2021 (left out: 2019); MEX 2021 (left out: 2019); PNG 2021 (left out: 2019); PE 2021 (left \
         out: 2019); PHL 2021 (left out: 2019); THA 2021 (left out: 2019); USA 2021 (left out: 2019); \
         --all-editions uses every edition\n"
    );
    let out = run(
        &dir,
        &["clusters", "--format", "json", "--all-editions", "--min-economies", "3", "illustrative-apec.json"],
    );
    assert_ok(&out);
    assert_eq!(stderr(&out), "", "nothing is left out");
    check_contract(&stdout(&out), &need_ids(ILLUSTRATIVE, None), 3);
}

#[test]
fn the_same_bytes_at_one_and_two_threads() {
    let dir = workdir("threads", &[DEV, ILLUSTRATIVE]);
    for args in [
        &["clusters", "--format", "json", "dev.json"][..],
        &["clusters", "--format", "md", "illustrative-apec.json"],
        &["brief", "--donor", "USA", "--format", "json", "illustrative-apec.json"],
        &["brief", "--donor", "UNODC", "illustrative-apec.json"],
        &["report", "illustrative-apec.json"],
        &["report", "--format", "html", "illustrative-apec.json"],
    ] {
        let one = run(&dir, &[&["--threads", "1"], args].concat());
        let two = run(&dir, &[&["--threads", "2"], args].concat());
        assert_ok(&one);
        assert!(one.stdout == two.stdout, "{args:?} differs between 1 and 2 threads");
    }
}

#[test]
fn the_bundled_ctaps_make_no_cluster() {
    let dir = workdir("bundled", &["examples/data/hkc-2020.txt", "examples/data/rok-2014.txt"]);
    let out = run(&dir, &["clusters", "--quiet", "hkc-2020.txt", "rok-2014.txt"]);
    assert_ok(&out);
    assert_eq!(
        stdout(&out).lines().take(3).collect::<Vec<_>>(),
        [
            "# Regional demand: candidate projects",
            "",
            "No need is shared by needs of two or more economies: no candidate regional project."
        ]
    );
}

#[test]
fn bad_options_are_one_error_each() {
    let dir = workdir("errors", &[DEV]);
    assert_fails(
        &run(&dir, &["clusters", "--min-economies", "1", "dev.json"]),
        1,
        "error: invalid configuration: min_economies: must be at least 2 (a cluster spans several economies), got 1",
    );
    assert_fails(
        &run(&dir, &["brief", "--donor", "Atlantis", "dev.json"]),
        1,
        "error: invalid configuration: donor: unknown economy or organisation \"Atlantis\" (use an APEC code such \
         as USA, an ISO 3166 code, a name, or \"org:NAME\" for an organisation)",
    );
    assert_fails(
        &run(&dir, &["--quiet", "brief", "--donor", "Bangladesh", "dev.json"]),
        1,
        "error: invalid configuration: donor: unknown economy or organisation \"Bangladesh\" (use an APEC code \
         such as USA, an ISO 3166 code, a name, or \"org:NAME\" for an organisation)",
    );
    assert_fails(
        &run(&dir, &["--quiet", "brief", "--donor", "Brunei Darussalam", "dev.json"]),
        1,
        "error: invalid configuration: donor: no offers by BD in the inputs (parties with offers: AUS, CDA, CHL, \
         INA, JPN, ROK, MAS, MEX, NZ, PE, RUS, SGP, CT, THA, USA, VN, APG, ICAO, IMO, INTERPOL, UNODC, WCO)",
    );
    // A usage error clap reports: no donor.
    let out = run(&dir, &["brief", "dev.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("error: the following required arguments were not provided:"));
    // The result would overwrite an input.
    assert_fails(
        &run(&dir, &["clusters", "-o", "dev.json", "dev.json"]),
        2,
        "error: the output file dev.json is also an input (dev.json): write the result to another file",
    );
    assert_fails(
        &run(&dir, &["brief", "--donor", "USA", "-o", "dev.json", "dev.json"]),
        2,
        "error: the output file dev.json is also an input (dev.json): write the result to another file",
    );
}

#[test]
fn a_donor_that_files_no_ctap_gets_a_brief_from_its_offers_alone() {
    let dir = workdir("offers-only", &[DEV]);
    fs::write(
        dir.join("programmes.json"),
        r#"{"submissions": [{"economy": "org:Global Maritime Security Fund", "year": 2020, "offers": [
            {"id": "gmsf-o1", "section": "A.2", "text": "Courses for port facility security officers on ISPS Code compliance and port facility security assessments."},
            {"id": "gmsf-o2", "section": "A.2", "text": "Mentoring for port authorities on drafting port facility security plans."}]}]}"#,
    )
    .unwrap();
    let out = run(
        &dir,
        &[
            "brief",
            "--donor",
            "org:Global Maritime Security Fund",
            "--format",
            "json",
            "dev.json",
            "programmes.json",
        ],
    );
    assert_ok(&out);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["donor"], "org:Global Maritime Security Fund");
    assert_eq!(v["areas"], serde_json::json!(["supply_chains"]));
    let fits: Vec<&str> = v["fits"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap()).collect();
    // The ISPS Code needs of the labelled data.
    for id in ["phl-2019-n3", "vn-2019-n3"] {
        assert!(fits.contains(&id), "{fits:?}");
    }
    // An organisation partners a project; it never proposes one.
    for c in v["clusters"].as_array().unwrap() {
        assert_eq!(c["role"], "partner");
    }
    let md =
        run(&dir, &["brief", "--donor", "org:Global Maritime Security Fund", "dev.json", "programmes.json"]);
    assert_ok(&md);
    assert!(stdout(&md).starts_with("# Donor brief: Global Maritime Security Fund\n"));
    assert!(stdout(&md).contains("\n## Needs in its areas that nobody meets\n"));
}
