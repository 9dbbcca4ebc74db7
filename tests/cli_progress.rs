//! `capmatch progress` and the Summary Report's progress section on the command
//! line: the JSON contract, the messages (pinned), `--for`, odd inputs (one
//! edition, undated, two names for one economy, one edition given twice), the same
//! bytes in any input order and at 1 or 2 threads, and the report's latest-edition
//! view and `--all-editions`.
//!
//! Each test runs the real binary in its own directory under Cargo's
//! `CARGO_TARGET_TMPDIR`, with relative file names, so that messages are pinned
//! exactly.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use support::{fresh_dir, run, stderr, stdout};

const DEV: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/progress/dev");

fn workdir(name: &str) -> PathBuf {
    fresh_dir("cli_progress", name)
}

#[track_caller]
fn ok(out: &Output) -> serde_json::Value {
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(out));
    serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null)
}

fn write(dir: &Path, name: &str, text: &str) {
    fs::write(dir.join(name), text).unwrap();
}

/// The development editions' input files (not the labels).
fn dev_inputs() -> Vec<String> {
    let mut files: Vec<String> = fs::read_dir(DEV)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "json" || x == "txt")
                && p.file_name().is_some_and(|f| f != "expected.json")
        })
        .map(|p| p.display().to_string())
        .collect();
    files.sort();
    files
}

const PE_2012: &str = r#"{"submissions": [{"economy": "PE", "year": 2012, "needs": [
  {"id": "pe-2012-n1", "section": "A.4", "text": "Assistance to introduce an Advance Passenger Information system at the airport."},
  {"id": "pe-2012-n2", "section": "B", "text": "Training for FIU analysts on suspicious transaction reports."}]}]}"#;
const PE_2014: &str = r#"{"submissions": [{"economy": "Peru", "year": 2014, "needs": [
  {"id": "pe-2014-n1", "section": "A.4", "text": "Technical assistance to put an API system in place so that passenger data arrives before flights land."},
  {"id": "pe-2014-n2", "section": "C", "text": "Training for the national CSIRT on malware analysis."}]},
  {"economy": "USA", "year": 2010, "offers": [
  {"id": "usa-2010-o1", "section": "A.4", "text": "Technical assistance to set up Advance Passenger Information systems at airports."}]}]}"#;
const ROK: &str = r#"{"submissions": [{"economy": "ROK", "year": 2014, "needs": [
  {"id": "rok-2014-n1", "section": "A.1", "text": "Workshops on Single Window development."}]}]}"#;
const HKC: &str = r#"{"submissions": [{"economy": "Hong Kong, China", "needs": [
  {"id": "hkc-n1", "section": "A.2", "text": "Port facility security assessments."}]}]}"#;

#[test]
fn the_json_contract_on_the_development_editions() {
    let dir = workdir("dev");
    let mut args = vec!["progress", "--quiet", "--format", "json"];
    let files = dev_inputs();
    args.extend(files.iter().map(String::as_str));
    let v = ok(&run(&dir, &args));
    let editions = v["editions"].as_array().unwrap();
    assert_eq!(editions.len(), 7);
    let keys: Vec<&str> = editions[0].as_object().unwrap().keys().map(String::as_str).collect();
    // serde_json's map is sorted by key; the contract has exactly these.
    assert_eq!(keys, ["economy", "from", "new", "persistent", "resolved", "to"]);
    let link = editions[0]["persistent"][0].as_object().unwrap();
    assert_eq!(link.keys().map(String::as_str).collect::<Vec<_>>(), ["need", "previous", "similarity"]);
    // By economy (APEC order), then from.
    let order: Vec<(String, u64)> = editions
        .iter()
        .map(|e| (e["economy"].as_str().unwrap().to_string(), e["from"].as_u64().unwrap()))
        .collect();
    assert_eq!(order[3..5], [("PE".to_string(), 2012), ("PE".to_string(), 2014)]);
}

#[test]
fn one_edition_undated_and_two_names_for_one_economy() {
    let dir = workdir("odd");
    write(&dir, "pe-2012.json", PE_2012);
    write(&dir, "pe-2014.json", PE_2014);
    write(&dir, "rok.json", ROK);
    write(&dir, "hkc.json", HKC);
    let out =
        run(&dir, &["progress", "--format", "json", "pe-2014.json", "rok.json", "hkc.json", "pe-2012.json"]);
    let v = ok(&out);
    assert_eq!(
        stderr(&out),
        "warning: hkc.json: HKC, undated: left out of progress between editions (give its year with --year)\n\
         info: rok.json: ROK has one dated edition (2014): no progress entry\n"
    );
    let editions = v["editions"].as_array().unwrap();
    assert_eq!(editions.len(), 1, "Peru and PE are one economy");
    assert_eq!(editions[0]["economy"], "PE");
    assert_eq!(editions[0]["persistent"][0]["need"], "pe-2014-n1");
    assert_eq!(editions[0]["persistent"][0]["previous"], "pe-2012-n1");
    assert_eq!(editions[0]["new"], serde_json::json!(["pe-2014-n2"]));
    assert_eq!(editions[0]["resolved"], serde_json::json!(["pe-2012-n2"]));
    // Korea and ROK are one economy, without a warning.
    write(
        &dir,
        "korea.json",
        &ROK.replace("\"ROK\", \"year\": 2014", "\"Korea\", \"year\": 2016").replace("rok-2014", "rok-2016"),
    );
    let out = run(&dir, &["progress", "--format", "json", "rok.json", "korea.json"]);
    let v = ok(&out);
    assert_eq!(stderr(&out), "");
    assert_eq!(
        (v["editions"][0]["economy"].as_str(), v["editions"][0]["to"].as_u64()),
        (Some("ROK"), Some(2016))
    );
    // Only one edition anywhere: no entry, a note, exit 0.
    let out = run(&dir, &["progress", "--format", "json", "rok.json"]);
    assert_eq!(stdout(&out), "{\n  \"editions\": []\n}\n");
    assert_eq!(stderr(&out), "info: rok.json: ROK has one dated edition (2014): no progress entry\n");
}

#[test]
fn for_keeps_one_economy() {
    let dir = workdir("for");
    write(&dir, "pe-2012.json", PE_2012);
    write(&dir, "pe-2014.json", PE_2014);
    write(&dir, "rok.json", ROK);
    let out = run(
        &dir,
        &["progress", "--format", "json", "--for", "Peru", "pe-2012.json", "pe-2014.json", "rok.json"],
    );
    let v = ok(&out);
    assert_eq!(stderr(&out), "", "notes about other economies are left out");
    assert_eq!(v["editions"].as_array().unwrap().len(), 1);
    let out = run(
        &dir,
        &["progress", "--format", "json", "--for", "ROK", "pe-2012.json", "pe-2014.json", "rok.json"],
    );
    assert_eq!(stdout(&out), "{\n  \"editions\": []\n}\n");
    assert_eq!(stderr(&out), "info: rok.json: ROK has one dated edition (2014): no progress entry\n");
    let out = run(&dir, &["progress", "--format", "json", "--for", "CHL", "pe-2012.json", "pe-2014.json"]);
    assert_eq!(stdout(&out), "{\n  \"editions\": []\n}\n");
    assert_eq!(stderr(&out), "warning: --for CHL: no submission of CHL in the inputs\n");
    let out = run(&dir, &["progress", "--for", "Atlantis", "pe-2012.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: invalid configuration: for: unknown economy or organisation \"Atlantis\" (use an APEC code such as \
         ROK, an ISO 3166 code, a name, or \"org:NAME\" for an organisation)\n"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn one_edition_given_twice_is_one_edition() {
    let dir = workdir("twice");
    write(&dir, "pe-2012.json", PE_2012);
    write(&dir, "pe-2014.json", PE_2014);
    // The 2014 plan again, under other ids, in another file.
    write(
        &dir,
        "pe-2014-copy.json",
        &PE_2014.replace("pe-2014-n", "copy-n").replace("usa-2010-o1", "usa-2010-copy"),
    );
    let out =
        run(&dir, &["progress", "--format", "json", "pe-2012.json", "pe-2014.json", "pe-2014-copy.json"]);
    let v = ok(&out);
    assert!(
        stderr(&out).contains("warning: pe-2014-copy.json: PE 2014 is also in pe-2014.json: one edition;"),
        "{}",
        stderr(&out)
    );
    assert_eq!(v["editions"][0]["new"], serde_json::json!(["pe-2014-n2"]), "each need counted once");
    let out = run(
        &dir,
        &["progress", "--on-duplicate", "error", "pe-2012.json", "pe-2014.json", "pe-2014-copy.json"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with("error: pe-2014-copy.json: "), "{}", stderr(&out));
}

#[test]
fn markdown_puts_persistent_texts_side_by_side() {
    let dir = workdir("md");
    write(&dir, "pe-2012.json", PE_2012);
    write(&dir, "pe-2014.json", PE_2014);
    let out = run(&dir, &["progress", "pe-2012.json", "pe-2014.json"]);
    ok(&out);
    let md = stdout(&out);
    assert!(md.starts_with("# Progress between CTAP editions\n"), "{md}");
    assert!(md.contains("## PE — Peru\n\n### 2012 → 2014\n\n1 persistent · 1 new · 1 resolved\n"), "{md}");
    assert!(md.contains(
        "| pe-2014-n1 (A.4): Technical assistance to put an API system in place so that passenger data arrives \
         before flights land. | pe-2012-n1 (A.4): Assistance to introduce an Advance Passenger Information system \
         at the airport. |"
    ), "{md}");
    // The 2010 offer could already meet the 2012 need.
    assert!(md.contains("| USA usa-2010-o1 (2010, "), "{md}");
    assert!(
        md.contains("**New**\n\n- pe-2014-n2 (C): Training for the national CSIRT on malware analysis.\n"),
        "{md}"
    );
}

#[test]
fn the_same_bytes_in_any_order_and_at_one_or_two_threads() {
    let dir = workdir("bytes");
    let files = dev_inputs();
    for format in ["json", "md"] {
        let at = |threads: &str, files: &[String]| {
            let mut args = vec!["--threads", threads, "--quiet", "progress", "--format", format];
            args.extend(files.iter().map(String::as_str));
            let out = run(&dir, &args);
            assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
            out.stdout
        };
        let one = at("1", &files);
        let mut reversed = files.clone();
        reversed.reverse();
        assert!(one == at("2", &files), "{format}: 1 and 2 threads differ");
        assert!(one == at("2", &reversed), "{format}: input order changes the output");
    }
}

#[test]
fn the_report_uses_latest_editions_and_says_so() {
    let dir = workdir("report");
    write(&dir, "pe-2012.json", PE_2012);
    write(&dir, "pe-2014.json", PE_2014);
    write(&dir, "rok.json", ROK);
    let out = run(&dir, &["report", "--quiet", "pe-2012.json", "pe-2014.json", "rok.json"]);
    ok(&out);
    let md = stdout(&out);
    assert!(md.contains(" · 3 needs · 1 offer\n"), "latest editions only: {md}");
    assert!(md.contains(
        "- Needs, gaps and totals use each economy's latest edition, so that a restated need counts once: PE 2014 \
         (left out: 2012). `--all-editions` reports every edition.\n"
    ), "{md}");
    assert!(md.contains("## Progress since the previous CTAP\n"), "{md}");
    assert!(md.contains("| PE | 2012 → 2014 | 1 | 1 | 1 |\n"), "{md}");
    assert!(md.contains("### Persistent needs an earlier offer could already meet\n\n- **PE** "), "{md}");
    let all = run(&dir, &["report", "--quiet", "--all-editions", "pe-2012.json", "pe-2014.json", "rok.json"]);
    ok(&all);
    let all = stdout(&all);
    assert!(all.contains(" · 5 needs · 1 offer\n"), "{all}");
    assert!(!all.contains("latest edition, so that"), "{all}");
    assert!(all.contains("## Progress since the previous CTAP\n"), "{all}");
    let json = ok(&run(
        &dir,
        &["report", "--quiet", "--format", "json", "pe-2012.json", "pe-2014.json", "rok.json"],
    ));
    assert_eq!(json["progress"]["economies"][0]["persistent"][0]["previous"], "pe-2012-n1");
    assert_eq!(json["overview"]["earlier_editions_left_out"][0]["left_out"], serde_json::json!([2012]));
    let html =
        run(&dir, &["report", "--quiet", "--format", "html", "pe-2012.json", "pe-2014.json", "rok.json"]);
    ok(&html);
    let html = stdout(&html);
    assert!(html.contains("<h2 id=\"progress-h\">Progress since the previous CTAP</h2>"), "{html}");
    // One edition each: no section, no note.
    let single = ok(&run(&dir, &["report", "--quiet", "--format", "json", "pe-2014.json", "rok.json"]));
    assert!(single.get("progress").is_none());
    assert!(single["overview"].get("earlier_editions_left_out").is_none());
}
