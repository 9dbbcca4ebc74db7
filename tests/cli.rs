//! The command line on adversarial input: every failure is one `error: FILE:LINE: …`
//! line on standard error and exit status 1 (2 only for usage errors that clap
//! reports), results go to standard output only, and `-o FILE` is all or nothing.
//!
//! Each test runs the real binary in its own directory under Cargo's
//! `CARGO_TARGET_TMPDIR`, with relative file names, so that messages are pinned
//! exactly.

use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;
use std::process::Command;

mod support;

use support::{PERU_TEXT, assert_fails, assert_fails_last, fresh_dir, json, run, stderr, write};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data");

/// A fresh, empty directory for one test.
fn workdir(name: &str) -> PathBuf {
    fresh_dir("cli", name)
}

// ---- inputs that are not what they should be -------------------------------------

#[test]
fn empty_files() {
    let dir = workdir("empty");
    write(&dir, "empty.txt", "");
    write(&dir, "blank.txt", " \n\t\r\n");
    write(&dir, "empty.json", "");
    assert_fails(&run(&dir, &["parse", "empty.txt"]), 1, "error: empty.txt: empty input");
    assert_fails(&run(&dir, &["match", "blank.txt"]), 1, "error: blank.txt: empty input");
    assert_fails(&run(&dir, &["match", "empty.json"]), 1, "error: empty.json: empty input");
}

#[test]
fn binary_files() {
    let dir = workdir("binary");
    write(&dir, "nul.txt", b"APEC COUNTER-TERRORISM ACTION PLAN\nECONOMY: Peru\n\x00\x01\x02\x03");
    write(&dir, "noise.txt", (0u8..32).cycle().take(300).collect::<Vec<u8>>());
    assert_fails(&run(&dir, &["parse", "nul.txt"]), 1, "error: nul.txt:3: binary data, not text");
    assert_fails(&run(&dir, &["parse", "noise.txt"]), 1, "error: noise.txt:1: binary data, not text");
    // Binary bytes in a `.json` file are a JSON error with a line.
    write(&dir, "nul.json", b"{\"submissions\":\n[\x00]}");
    assert_fails(&run(&dir, &["parse", "nul.json"]), 1, "error: nul.json:2: submissions[0]: expected value");
}

#[test]
fn invalid_utf8_is_decoded_lossily_with_a_warning_naming_the_line() {
    // The documented policy (`ctap::parse_bytes`): a Windows-1252 byte in otherwise
    // good text costs that character, not the plan.
    let dir = workdir("latin1");
    let text = PERU_TEXT.replace("investigation", "investigation (Per\u{1}\u{1})");
    let bytes = text.replace('\u{1}', "").into_bytes();
    let mut bytes = bytes;
    let at = bytes.windows(5).position(|w| w == b"(Per)").unwrap() + 4;
    bytes.insert(at, 0xFA); // "Perú" in Windows-1252
    write(&dir, "pe-2016.txt", &bytes);
    let out = run(&dir, &["parse", "pe-2016.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "warning: pe-2016.txt:6: invalid UTF-8 decoded lossily; the bad bytes were dropped (first on this line)\n"
    );
    let corpus = json(&out);
    let needs = corpus["submissions"][0]["needs"].as_array().unwrap();
    assert_eq!(needs.len(), 1);
    assert_eq!(needs[0]["text"], "Training on cyber crime investigation (Per) would be useful.");
    assert_eq!(needs[0]["line"], 6);
}

#[test]
fn documents_that_are_not_action_plans() {
    let dir = workdir("not-ctap");
    write(
        &dir,
        "minutes.txt",
        "Minutes of the meeting\n\nThe committee discussed the budget and agreed to meet again.\n",
    );
    assert_fails(
        &run(&dir, &["parse", "minutes.txt"]),
        1,
        "error: minutes.txt:1: not a counter-terrorism action plan: no counter-terrorism action plan title, \
         objective or template sections found",
    );
    // A plan whose economy cannot be told, and then told with --economy.
    write(&dir, "anon.txt", PERU_TEXT.replace("ECONOMY: Peru\n", ""));
    assert_fails(
        &run(&dir, &["parse", "anon.txt"]),
        1,
        "error: anon.txt: cannot determine the economy of this action plan (give it with --economy)",
    );
    let out = run(&dir, &["parse", "--quiet", "--economy", "Peru", "anon.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json(&out)["submissions"][0]["needs"][0]["id"], "pe-2016-n1");
}

// ---- corpus JSON -----------------------------------------------------------------

#[test]
fn unknown_economy_in_json() {
    let dir = workdir("atlantis-json");
    write(&dir, "c.json", "{\"submissions\":[\n{\"economy\":\"Atlantis\",\"needs\":[{\"text\":\"x\"}]}]}");
    assert_fails(
        &run(&dir, &["match", "c.json"]),
        1,
        "error: c.json:2: submissions[0].economy: unknown economy or organisation \"Atlantis\" (use an APEC \
         code such as ROK, an ISO 3166 code, a name, or \"org:NAME\" for an organisation)",
    );
}

#[test]
fn duplicate_ids() {
    let dir = workdir("duplicates");
    write(
        &dir,
        "c.json",
        "{\"submissions\":[{\"economy\":\"ROK\",\"needs\":[\n{\"id\":\"a\",\"text\":\"x\"}]},\n\
         {\"economy\":\"JPN\",\"offers\":[\n{\"id\":\"a\",\"text\":\"y\"}]}]}",
    );
    assert_fails(
        &run(&dir, &["parse", "c.json"]),
        1,
        "error: c.json:4: duplicate id \"a\" (first used at c.json:2)",
    );
    // Across files: both are named.
    write(
        &dir,
        "one.json",
        "{\"submissions\":[{\"economy\":\"ROK\",\"needs\":[{\"id\":\"a\",\"text\":\"x\"}]}]}",
    );
    write(
        &dir,
        "two.json",
        "{\"submissions\":[{\"economy\":\"JPN\",\n\"offers\":[{\"id\":\"a\",\"text\":\"y\"}]}]}",
    );
    assert_fails(
        &run(&dir, &["match", "one.json", "two.json"]),
        1,
        "error: two.json:2: duplicate id \"a\" (first used at one.json:1)",
    );
}

#[test]
fn derived_ids_never_collide_across_inputs() {
    // A CTAP whose derived ids another edition's corpus JSON writes explicitly: the
    // CTAP's ids move aside, said so, and no id repeats.
    let dir = workdir("derived-ids");
    write(
        &dir,
        "pe-2017.json",
        "{\"submissions\":[{\"economy\":\"PE\",\"year\":2017,\"needs\":[{\"id\":\"pe-2016-n1\",\"text\":\"Cargo screening training\"}]}]}",
    );
    write(&dir, "pe-2016.txt", PERU_TEXT);
    let out = run(&dir, &["match", "pe-2016.txt", "pe-2017.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let unmet: Vec<String> = json(&out)["unmet_needs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    assert_eq!(unmet, ["pe-2016-2-n1", "pe-2016-n1"]);
    assert_eq!(
        stderr(&out).lines().next(),
        Some(
            "info: pe-2016.txt: another input also uses the ids of pe-2016: ids of this file start with pe-2016-2"
        )
    );
}

#[test]
fn capacities_that_are_not_whole_positive_numbers() {
    let dir = workdir("capacity");
    let cases = [
        ("-1", "capacity must be a whole number from 1 to 4294967295, got -1"),
        ("0", "capacity must be a whole number from 1 to 4294967295, got 0"),
        ("1.5", "capacity must be a whole number from 1 to 4294967295, got 1.5"),
        ("4294967296", "capacity must be a whole number from 1 to 4294967295, got 4294967296"),
        ("1e999", "number out of range"),
        ("\"two\"", "capacity must be a whole number from 1 to 4294967295, got \"two\""),
    ];
    for (value, message) in cases {
        write(
            &dir,
            "c.json",
            format!(
                "{{\"submissions\":[{{\"economy\":\"ROK\",\n\"offers\":[{{\"text\":\"t\",\"capacity\":{value}}}]}}]}}"
            ),
        );
        assert_fails(
            &run(&dir, &["assign", "c.json"]),
            1,
            &format!("error: c.json:2: submissions[0].offers[0].capacity: {message}"),
        );
    }
}

#[test]
fn deeply_nested_json() {
    let dir = workdir("nested");
    let deep = |open: &str, close: &str| format!("{}{}", open.repeat(10_000), close.repeat(10_000));
    write(&dir, "arrays.json", deep("[", "]"));
    assert_fails(
        &run(&dir, &["parse", "arrays.json"]),
        1,
        "error: arrays.json:1: invalid type: sequence, expected a corpus object ({\"submissions\": [...]})",
    );
    write(
        &dir,
        "in-text.json",
        format!("{{\"submissions\":[{{\"economy\":\"ROK\",\"needs\":[{{\"text\":{}}}]}}]}}", deep("[", "]")),
    );
    assert_fails(
        &run(&dir, &["parse", "in-text.json"]),
        1,
        "error: in-text.json:1: submissions[0].needs[0].text: invalid type: sequence, expected a string",
    );
    // serde_json's recursion limit stops the parser, not the stack.
    write(
        &dir,
        "in-contacts.json",
        format!("{{\"submissions\":[{{\"economy\":\"ROK\",\"contacts\":[{}]}}]}}", deep("{\"name\":", "}")),
    );
    let out = run(&dir, &["parse", "in-contacts.json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).starts_with("error: in-contacts.json:1: submissions[0].contacts[0].name: "),
        "{}",
        stderr(&out)
    );
    // Nesting in an unknown field is skipped (without recursion) and reported.
    write(
        &dir,
        "unknown.json",
        format!("{{\"submissions\":[{{\"economy\":\"ROK\",\"extra\":{}}}]}}", deep("[", "]")),
    );
    let out = run(&dir, &["parse", "unknown.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "warning: unknown.json: submissions[0].extra: unknown field ignored\n");
}

#[test]
fn a_huge_array_of_needs() {
    let dir = workdir("huge-array");
    let n = 20_000;
    let mut s = String::from("{\"submissions\":[{\"economy\":\"CHL\",\"year\":2020,\"needs\":[");
    for i in 0..n {
        if i > 0 {
            s.push(',');
        }
        write!(s, "\n{{\"text\":\"Training on container risk management, module {i}\"}}").unwrap();
    }
    s.push_str("]},\n{\"economy\":\"ROK\",\"offers\":[{\"text\":\"Risk management training for customs officers\"}]}]}");
    write(&dir, "big.json", &s);
    let out = run(&dir, &["match", "--quiet", "--top", "1", "big.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json(&out);
    let matched = v["matches"].as_array().unwrap().len();
    let unmet = v["unmet_needs"].as_array().unwrap().len();
    assert_eq!(matched + unmet, n, "every need is matched or unmet");
    // The same array cut short is an error at its last line, not a partial corpus.
    let cut = s.find("module 10000").unwrap();
    write(&dir, "cut.json", &s[..cut]);
    assert_fails(
        &run(&dir, &["match", "cut.json"]),
        1,
        "error: cut.json:10002: submissions[0].needs[10000].text: EOF while parsing a string",
    );
}

// ---- settings ------------------------------------------------------------------

#[test]
fn config_files_with_bad_values() {
    let dir = workdir("config");
    let peru = dir.join("pe.txt");
    fs::write(&peru, PERU_TEXT).unwrap();
    let cases = [
        (
            "{\n  \"weights\": {\n    \"topic\": 0.8\n  }\n}",
            "error: c.json: weights: no longer used: the score is now a match probability from a model fitted \
             on labelled pairs (see \"How matches are scored\" in the README); set min_score, or read the tiers \
             \"partial\" and \"strong\"",
        ),
        (
            "{\"colour\": \"red\"}",
            "error: c.json:1: colour: unknown field `colour`, expected one of `top_k`, `min_score`, `min_topic`, \
             `fuzzy_threshold`, `posting_budget`, `max_candidates`, `exact`, `weights`",
        ),
        ("{\"top_k\": 0}", "error: c.json: top_k: must be at least 1, got 0"),
        ("{\"min_score\": 1.5}", "error: c.json: min_score: must be a number from 0 to 1, got 1.5"),
        ("{\"top_k\": 2} {}", "error: c.json:1: trailing characters"),
        ("[]", "error: c.json:1: expected a JSON object of settings, such as {\"top_k\": 10}"),
    ];
    for (config, line) in cases {
        write(&dir, "c.json", config);
        for command in ["match", "report", "assign"] {
            assert_fails(&run(&dir, &[command, "--config", "c.json", "pe.txt"]), 1, line);
        }
    }
    // A flag overrides the file, and is then what is blamed.
    write(&dir, "c.json", "{\"min_score\": 1.5}");
    let out = run(&dir, &["match", "--quiet", "--config", "c.json", "--min-score", "0.4", "pe.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    write(&dir, "c.json", "{\"top_k\": 3}");
    assert_fails(
        &run(&dir, &["match", "--config", "c.json", "--top", "0", "pe.txt"]),
        1,
        "error: invalid configuration: top: must be at least 1, got 0",
    );
    assert_fails(
        &run(&dir, &["match", "--config", "missing.json", "pe.txt"]),
        1,
        "error: missing.json: cannot read: No such file or directory (os error 2)",
    );
}

#[test]
fn truth_files_that_are_not() {
    let dir = workdir("truth");
    write(&dir, "pe.txt", PERU_TEXT);
    write(&dir, "t.json", "{\"seed\": 1,\n\"planted\": 3}");
    assert_fails(
        &run(&dir, &["match", "--truth", "t.json", "pe.txt"]),
        1,
        "error: t.json:2: planted: invalid type: integer `3`, expected a sequence",
    );
    write(&dir, "t.json", "not json");
    assert_fails(&run(&dir, &["match", "--truth", "t.json", "pe.txt"]), 1, "error: t.json:1: expected ident");
}

#[test]
fn sampled_recall_prints_both_rankings_and_writes_nothing() {
    let dir = workdir("sample");
    let synth = run(
        &dir,
        &["synth", "--needs", "400", "--offers", "400", "--seed", "2", "-o", "c.json", "--truth", "t.json"],
    );
    assert!(synth.status.success(), "{}", stderr(&synth));
    let out =
        run(&dir, &["match", "-q", "c.json", "--truth", "t.json", "--top", "10", "--sample-needs", "50"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert!(
        err.starts_with("sampled recall@10 of planted pairs on 50 needs (")
            && err.contains("every offer scored ")
            && err.contains(", candidate index "),
        "{err}"
    );
    let usage = run(&dir, &["match", "c.json", "--sample-needs", "50"]);
    assert_eq!(usage.status.code(), Some(2));
    assert!(stderr(&usage).contains("--truth <FILE>"), "{}", stderr(&usage));
}

#[test]
fn timings_name_every_stage_and_leave_the_output_alone() {
    let dir = workdir("timings");
    let synth = run(&dir, &["synth", "--needs", "200", "--offers", "200", "--seed", "3", "-o", "c.json"]);
    assert!(synth.status.success(), "{}", stderr(&synth));
    let plain = run(&dir, &["match", "-q", "c.json"]);
    let timed = run(&dir, &["match", "-q", "--timings", "c.json"]);
    assert!(plain.status.success() && timed.status.success(), "{}", stderr(&timed));
    assert_eq!(plain.stdout, timed.stdout);
    assert!(stderr(&plain).is_empty(), "{}", stderr(&plain));
    let err = stderr(&timed);
    let line = err.lines().find(|l| l.starts_with("timings: ")).unwrap_or_else(|| panic!("{err}"));
    let stages: Vec<(&str, f64)> = line["timings: ".len()..]
        .split(", ")
        .map(|part| {
            let (name, secs) = part.split_once(' ').unwrap();
            (name, secs.trim_end_matches(" s").parse().unwrap())
        })
        .collect();
    let names: Vec<&str> = stages.iter().map(|s| s.0).collect();
    assert_eq!(names, ["read", "analyse", "rank", "write", "total"]);
    let parts: f64 = stages[..4].iter().map(|s| s.1).sum();
    // Each figure is rounded to 0.01 s.
    assert!((parts - stages[4].1).abs() <= 0.03, "{line}");
    // On Linux with a steal count (the machine line of /proc/stat has eight or more
    // numbers), the share of CPU time stolen meanwhile follows; elsewhere nothing.
    let reports_steal = std::fs::read_to_string("/proc/stat").is_ok_and(|stat| {
        stat.lines().next().is_some_and(|l| l.starts_with("cpu ") && l.split_whitespace().count() > 8)
    });
    let steal = err.lines().find_map(|l| l.strip_prefix("steal: "));
    match steal {
        Some(rest) => {
            assert!(reports_steal, "{err}");
            let (percent, tail) = rest.split_once("% ").unwrap_or_else(|| panic!("{err}"));
            let percent: f64 = percent.parse().unwrap_or_else(|_| panic!("{err}"));
            assert!((0.0..=100.0).contains(&percent), "{err}");
            assert_eq!(tail, "of the machine's CPU time went to other virtual machines meanwhile");
        }
        // Too short a run can pass between two ticks of the counters.
        None => assert!(!reports_steal || stages[4].1 < 0.05, "{err}"),
    }
    assert!(stderr(&plain).lines().all(|l| !l.starts_with("steal: ")));
}

#[test]
fn jsonl_is_the_json_ranking_line_by_line() {
    let dir = workdir("jsonl");
    let synth = run(&dir, &["synth", "--needs", "300", "--offers", "300", "--seed", "4", "-o", "c.json"]);
    assert!(synth.status.success(), "{}", stderr(&synth));
    let json = run(&dir, &["match", "-q", "c.json"]);
    let jsonl = run(&dir, &["match", "-q", "c.json", "--format", "jsonl"]);
    assert!(json.status.success() && jsonl.status.success(), "{}", stderr(&jsonl));
    let full: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let mut matches = Vec::new();
    let mut unmet = Vec::new();
    for line in String::from_utf8(jsonl.stdout).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        if v["unmet"] == true {
            unmet.push(v["need"].clone());
        } else {
            matches.push(v);
        }
    }
    let expected: Vec<serde_json::Value> = full["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            serde_json::json!({"need": m["need"], "offer": m["offer"], "rank": m["rank"],
                "score": m["score"], "tier": m["tier"]})
        })
        .collect();
    assert!(expected.len() > 100 && !unmet.is_empty());
    assert_eq!(matches, expected);
    assert_eq!(&unmet, full["unmet_needs"].as_array().unwrap());
}

#[test]
fn flags_out_of_range() {
    let dir = workdir("flags");
    write(&dir, "pe.txt", PERU_TEXT);
    assert_fails(
        &run(&dir, &["match", "--top", "0", "pe.txt"]),
        1,
        "error: invalid configuration: top: must be at least 1, got 0",
    );
    assert_fails(
        &run(&dir, &["match", "--min-score", "2", "pe.txt"]),
        1,
        "error: invalid configuration: min_score: must be a number from 0 to 1, got 2",
    );
    assert_fails(
        &run(&dir, &["match", "--min-score", "NaN", "pe.txt"]),
        1,
        "error: invalid configuration: min_score: must be a number from 0 to 1, got NaN",
    );
    assert_fails(
        &run(&dir, &["parse", "--economy", "Atlantis", "pe.txt"]),
        1,
        "error: invalid configuration: economy: unknown economy or organisation \"Atlantis\" (use an APEC code \
         such as ROK, an ISO 3166 code, a name, or \"org:NAME\" for an organisation)",
    );
    assert_fails(
        &run(&dir, &["parse", "--year", "3000", "pe.txt"]),
        1,
        "error: invalid configuration: year: must be between 1989 and 2100, got 3000",
    );
    assert_fails(
        &run(&dir, &["report", "--report-year", "1500", "pe.txt"]),
        1,
        "error: invalid configuration: year: must be from 1989 to 2100, got 1500",
    );
}

#[test]
fn usage_errors_are_clap_s_and_exit_2() {
    let dir = workdir("usage");
    write(&dir, "pe.txt", PERU_TEXT);
    for args in [
        &["match"][..],
        &["match", "--top", "-1", "pe.txt"],
        &["match", "--top", "many", "pe.txt"],
        &["match", "--format", "xml", "pe.txt"],
        &["frobnicate"],
        &["synth", "--needs", "5"],
        &["match", "--threads", "0", "pe.txt"],
        &["match", "--threads", "100000", "pe.txt"],
    ] {
        let out = run(&dir, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).starts_with("error: "), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn directories_and_missing_paths() {
    let dir = workdir("paths");
    fs::create_dir_all(dir.join("plans")).unwrap();
    write(&dir, "pe.txt", PERU_TEXT);
    assert_fails(
        &run(&dir, &["match", "plans"]),
        1,
        "error: plans: cannot read: is a directory (give the files in it, e.g. dir/*.txt)",
    );
    assert_fails(
        &run(&dir, &["parse", "pe.txt", "nowhere.txt"]),
        1,
        "error: nowhere.txt: cannot read: No such file or directory (os error 2)",
    );
    assert_fails(
        &run(&dir, &["match", "nowhere.json"]),
        1,
        "error: nowhere.json: cannot read: No such file or directory (os error 2)",
    );
}

// ---- where results and diagnostics go --------------------------------------------

#[test]
fn results_on_stdout_diagnostics_on_stderr() {
    let dir = workdir("streams");
    // Unknown fields and a guessed economy: warnings on stderr, JSON on stdout.
    write(
        &dir,
        "c.json",
        "{\"submissions\":[{\"economy\":\"HKC\",\"colour\":\"red\",\"needs\":[{\"text\":\"Workshops on Single \
         Window system development\",\"weight\":2}]},{\"economy\":\"ROK\",\"offers\":[{\"section\":\"A.1\",\
         \"text\":\"Single Window workshops for customs officials\"}]}]}",
    );
    let hkc = format!("{DATA}/hkc-2020.txt");
    for format in ["json", "csv", "md"] {
        let out = run(&dir, &["match", "--format", format, "c.json", &hkc]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains("warning: c.json: submissions[0].colour: unknown field ignored\n"), "{err}");
        assert!(err.lines().all(|l| l.starts_with("warning: ") || l.starts_with("info: ")), "{err}");
        let text = String::from_utf8(out.stdout.clone()).unwrap();
        assert!(!text.contains("warning:") && !text.contains("info:"), "{text}");
        if format == "json" {
            let v = json(&out);
            assert_eq!(v["matches"][0]["donor"], "ROK");
        }
    }
    // --quiet silences diagnostics, not results.
    let out = run(&dir, &["match", "--quiet", "c.json", &hkc]);
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
    let v = json(&out);
    let json_need = v["matches"].as_array().unwrap().iter().find(|m| m["need"] == "hkc-undated-n1").unwrap();
    assert_eq!(json_need["donor"], "ROK");
}

#[test]
fn a_failing_run_leaves_no_output_file() {
    let dir = workdir("atomic-fail");
    write(&dir, "empty.txt", "");
    assert_fails(&run(&dir, &["match", "-o", "out.json", "empty.txt"]), 1, "error: empty.txt: empty input");
    // A result that was there stays as it was.
    write(&dir, "kept.json", "previous result\n");
    assert_fails(&run(&dir, &["match", "-o", "kept.json", "empty.txt"]), 1, "error: empty.txt: empty input");
    assert_eq!(fs::read_to_string(dir.join("kept.json")).unwrap(), "previous result\n");
    // Output that cannot be written names the file and says so.
    let pe = format!("{DATA}/rok-2014.txt");
    assert_fails_last(
        &run(&dir, &["match", "-o", "no-such-dir/out.json", &pe]),
        "error: no-such-dir/out.json: cannot write: No such file or directory (os error 2)",
    );
    fs::create_dir_all(dir.join("a-dir")).unwrap();
    assert_fails_last(
        &run(&dir, &["parse", "-o", "a-dir", &pe]),
        "error: a-dir: cannot write: is a directory",
    );
    let mut left: Vec<String> =
        fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    left.sort();
    assert_eq!(left, ["a-dir", "empty.txt", "kept.json"], "no result and no temporary file");
}

#[test]
fn output_file_has_the_bytes_of_stdout() {
    let dir = workdir("atomic-ok");
    let inputs = [format!("{DATA}/hkc-2020.txt"), format!("{DATA}/rok-2014.txt")];
    for args in [
        &["match", "--format", "json"][..],
        &["match", "--format", "csv"],
        &["match", "--format", "md"],
        &["report"],
        &["report", "--format", "html"],
        &["assign"],
        &["parse"],
    ] {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(inputs.iter().map(String::as_str));
        all.push("--quiet");
        let stdout = run(&dir, &all);
        assert_eq!(stdout.status.code(), Some(0), "{args:?}: {}", stderr(&stdout));
        all.extend(["-o", "out"]);
        let file = run(&dir, &all);
        assert_eq!(file.status.code(), Some(0), "{args:?}: {}", stderr(&file));
        assert!(file.stdout.is_empty(), "{args:?}");
        assert_eq!(fs::read(dir.join("out")).unwrap(), stdout.stdout, "{args:?}");
    }
    let mut left: Vec<String> =
        fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    left.sort();
    assert_eq!(left, ["out"], "no temporary file left");
}

#[cfg(unix)]
#[test]
fn output_through_a_symlink_replaces_its_target_not_the_link() {
    let dir = workdir("symlink");
    write(&dir, "pe.txt", PERU_TEXT);
    std::os::unix::fs::symlink("real.json", dir.join("link.json")).unwrap();
    let out = run(&dir, &["parse", "--quiet", "pe.txt", "-o", "link.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(fs::symlink_metadata(dir.join("link.json")).unwrap().file_type().is_symlink());
    let written = fs::read(dir.join("real.json")).unwrap();
    assert_eq!(written, run(&dir, &["parse", "--quiet", "pe.txt"]).stdout);
}

#[cfg(unix)]
#[test]
fn output_to_a_pipe_is_written_not_replaced() {
    // `-o /dev/stdout`, `-o /dev/null` or a named pipe: renaming a temporary file
    // over them replaced the device node (as root) instead of writing to it. A
    // named pipe stands in for the devices, which a test must not risk.
    let dir = workdir("fifo");
    write(&dir, "pe.txt", PERU_TEXT);
    let fifo = dir.join("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo unavailable; skipped");
        return;
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read(fifo).unwrap())
    };
    let out = run(&dir, &["parse", "--quiet", "pe.txt", "-o", "pipe"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let got = reader.join().unwrap();
    assert_eq!(got, run(&dir, &["parse", "--quiet", "pe.txt"]).stdout);
    assert!(
        std::os::unix::fs::FileTypeExt::is_fifo(&fs::symlink_metadata(&fifo).unwrap().file_type()),
        "still a pipe"
    );
}

// ---- the bundled plans, and determinism ------------------------------------------

#[test]
fn the_bundled_plans_parse() {
    let dir = workdir("bundled");
    for name in ["hkc-2020.txt", "rok-2014.txt"] {
        let out = run(&dir, &["parse", &format!("{DATA}/{name}")]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        let v = json(&out);
        assert!(!v["submissions"][0]["needs"].as_array().unwrap().is_empty(), "{name}");
        assert!(stderr(&out).lines().all(|l| !l.starts_with("error:")), "{name}");
    }
}

#[test]
fn same_output_at_one_and_two_threads() {
    let dir = workdir("threads");
    // More needs than one parallel batch (1,024), so that two threads share the work.
    let synth = run(&dir, &["synth", "--needs", "2100", "--offers", "500", "--seed", "7", "-o", "s.json"]);
    assert_eq!(synth.status.code(), Some(0), "{}", stderr(&synth));
    let hkc = format!("{DATA}/hkc-2020.txt");
    let rok = format!("{DATA}/rok-2014.txt");
    for args in [
        &["match", "--format", "json", "s.json"][..],
        &["report", "--format", "json", "s.json"],
        &["report", "--format", "html", "s.json"],
        &["match", "--format", "csv", &hkc, &rok],
        &["match", "--format", "md", &hkc, &rok],
        &["assign", &hkc, &rok],
    ] {
        let at = |threads: &str| {
            let mut all = vec!["--threads", threads, "--quiet"];
            all.extend_from_slice(args);
            let out = run(&dir, &all);
            assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
            out.stdout
        };
        let one = at("1");
        assert!(!one.is_empty());
        assert!(one == at("2"), "{args:?}: output differs between 1 and 2 threads");
    }
}
