//! The command line's integrity guarantees: nothing counted twice (a plan read as
//! Word, PDF and corpus JSON is one edition), no input overwritten, no control
//! characters passed through; and Word and PDF documents in every command.
//!
//! Each test runs the real binary in its own directory under Cargo's
//! `CARGO_TARGET_TMPDIR`, with relative file names, so that messages are pinned
//! exactly (as in `tests/cli.rs`).

use std::fs;
use std::path::PathBuf;

mod support;

use support::{PERU_TEXT, assert_fails, fresh_dir, json, run, stderr, write};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data");

/// A fresh, empty directory for one test.
fn workdir(name: &str) -> PathBuf {
    fresh_dir("cli", name)
}

// ---- integrity: nothing counted twice, no input overwritten, no control characters ----

/// A plan's text as the PDF printed from it gives it: bulleted answers rewrapped at
/// 60 columns, a long word hyphenated at the wrap, and a running footer that PDF
/// extraction left inside the first wrapped answer after each question.
fn as_pdf(text: &str, footer: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    for line in text.lines() {
        if line.len() <= 60 || !line.starts_with("- ") {
            lines.push(line.to_string());
            continue;
        }
        let mut current = String::new();
        for word in line.split(' ') {
            if current.len() + 1 + word.len() <= 60 || current.is_empty() {
                if !current.is_empty() {
                    current.push(' ');
                }
                current.push_str(word);
                continue;
            }
            let room = 60usize.saturating_sub(current.len() + 1);
            if word.len() >= 8
                && room >= 4
                && word.is_char_boundary(room)
                && word[..room].chars().all(char::is_alphabetic)
            {
                lines.push(format!("{current} {}-", &word[..room]));
                current = format!("  {}", &word[room..]);
            } else {
                lines.push(std::mem::take(&mut current));
                current = format!("  {word}");
            }
        }
        lines.push(current);
    }
    let mut out = String::new();
    let mut armed = false;
    for line in lines {
        armed |= line.starts_with("WHAT");
        out.push_str(&line);
        out.push('\n');
        if armed && line.starts_with("  ") {
            out.push_str(footer);
            out.push('\n');
            armed = false;
        }
    }
    out
}

fn texts(corpus: &serde_json::Value) -> Vec<String> {
    let s = &corpus["submissions"][0];
    ["needs", "offers"]
        .iter()
        .flat_map(|k| s[k].as_array().unwrap().iter().map(|i| i["text"].as_str().unwrap().to_string()))
        .collect()
}

#[test]
fn a_plan_as_word_and_as_pdf_is_one_edition() {
    let dir = workdir("docx-and-pdf");
    let docx = fs::read_to_string(format!("{DATA}/rok-2014.txt")).unwrap();
    write(&dir, "rok-2014.txt", &docx);
    write(&dir, "rok-2014.pdf.txt", as_pdf(&docx, "APEC CTAP 2014 - Korea"));
    fs::copy(format!("{DATA}/hkc-2020.txt"), dir.join("hkc-2020.txt")).unwrap();
    // The two texts really give different item texts (a footer inside an answer).
    let word = texts(&json(&run(&dir, &["parse", "--quiet", "rok-2014.txt"])));
    let pdf = texts(&json(&run(&dir, &["parse", "--quiet", "rok-2014.pdf.txt"])));
    assert_eq!(word.len(), pdf.len());
    assert!(word != pdf, "the PDF rendering must change some item text");
    for command in ["match", "report", "assign"] {
        let once = run(&dir, &[command, "--quiet", "rok-2014.txt", "hkc-2020.txt"]);
        let both = run(&dir, &[command, "--quiet", "rok-2014.txt", "rok-2014.pdf.txt", "hkc-2020.txt"]);
        assert_eq!(both.status.code(), Some(0), "{}", stderr(&both));
        assert!(once.stdout == both.stdout, "{command}: the PDF counted again");
    }
    let out = run(&dir, &["report", "rok-2014.txt", "rok-2014.pdf.txt"]);
    let err = stderr(&out);
    let warnings: Vec<&str> = err.lines().filter(|l| l.contains("one edition")).collect();
    assert_eq!(
        warnings,
        [
            "warning: rok-2014.pdf.txt: ROK 2014 is also in rok-2014.txt: one edition; 5 items already there counted once, 0 added"
        ]
    );
}

#[test]
fn a_plan_and_the_corpus_json_made_from_it_are_one_edition() {
    let dir = workdir("txt-and-json");
    write(&dir, "pe-2016.txt", PERU_TEXT);
    let parsed = run(&dir, &["parse", "--quiet", "pe-2016.txt"]);
    fs::write(dir.join("pe-2016.json"), &parsed.stdout).unwrap();
    let once = run(&dir, &["match", "--quiet", "pe-2016.txt"]);
    let both = run(&dir, &["match", "pe-2016.txt", "pe-2016.json"]);
    assert_eq!(both.stdout, once.stdout);
    assert_eq!(
        stderr(&both),
        "warning: pe-2016.json: PE 2016 is also in pe-2016.txt: one edition; 1 item already there counted once, 0 added\n"
    );
    let first = run(&dir, &["match", "--on-duplicate", "first", "pe-2016.txt", "pe-2016.json"]);
    assert_eq!(first.stdout, once.stdout);
    assert_eq!(
        stderr(&first),
        "warning: pe-2016.json: PE 2016 is also in pe-2016.txt: one edition; the first is kept, this one ignored \
         (--on-duplicate first)\n"
    );
    let last = run(&dir, &["match", "--on-duplicate", "last", "pe-2016.txt", "pe-2016.json"]);
    assert_eq!(last.stdout, once.stdout);
    assert_eq!(
        stderr(&last),
        "warning: pe-2016.txt: PE 2016 is also in pe-2016.json: one edition; the last is kept, this one ignored \
         (--on-duplicate last)\n"
    );
    assert_fails(
        &run(&dir, &["report", "--on-duplicate", "error", "pe-2016.txt", "pe-2016.json"]),
        1,
        "error: pe-2016.json: PE 2016 is also in pe-2016.txt: one edition given twice (read it once, or use \
         --on-duplicate merge, first or last)",
    );
}

#[test]
fn editions_in_one_corpus_file_merge_and_other_years_do_not() {
    let dir = workdir("editions-in-one-file");
    write(
        &dir,
        "c.json",
        r#"{"submissions":[
  {"economy":"ROK","year":2014,"needs":[{"id":"k1","section":"C","text":"Training on cyber crime investigation"}]},
  {"economy":"Korea","year":2014,"needs":[{"id":"k2","section":"C","text":"Training on cyber-crime investigation."},
                                          {"id":"k3","section":"C","text":"Training on digital forensics"}]},
  {"economy":"ROK","year":2015,"needs":[{"id":"k4","section":"C","text":"Training on cyber crime investigation"}]},
  {"economy":"PE","needs":[{"section":"B","text":"Training for financial investigators"}]},
  {"economy":"Peru","needs":[{"section":"B","text":"Training for financial investigators"}]}]}"#,
    );
    let out = run(&dir, &["match", "c.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "warning: c.json: submissions[1]: ROK 2014 is also in submissions[0]: one edition; 1 item already there \
         counted once, 1 added\n\
         warning: c.json: submissions[4]: PE, undated is also in submissions[3]: one edition; 1 item already there \
         counted once, 0 added\n"
    );
    // k2 folded into k1; k3 added with an id of the first's numbering; 2015 untouched.
    let v = json(&out);
    let unmet: Vec<&str> = v["unmet_needs"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(unmet, ["k1", "k4", "pe-undated-n1", "rok-2014-n2"]);
}

#[test]
fn one_file_given_twice_is_read_once() {
    let dir = workdir("same-file");
    write(&dir, "pe.txt", PERU_TEXT);
    let once = run(&dir, &["report", "--quiet", "pe.txt"]);
    let mut args = vec!["report", "pe.txt", "pe.txt", "./pe.txt"];
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("pe.txt", dir.join("link.txt")).unwrap();
        fs::hard_link(dir.join("pe.txt"), dir.join("hard.txt")).unwrap();
        args.extend(["link.txt", "hard.txt"]);
    }
    let out = run(&dir, &args);
    assert_eq!(out.stdout, once.stdout);
    let mut expected = "warning: pe.txt: same file as pe.txt; read once\nwarning: ./pe.txt: same file as pe.txt; read once\n".to_string();
    if cfg!(unix) {
        expected.push_str(
            "warning: link.txt: same file as pe.txt; read once\nwarning: hard.txt: same file as pe.txt; read once\n",
        );
    }
    assert_eq!(stderr(&out), expected);
}

#[test]
fn an_output_file_that_is_an_input_is_a_usage_error() {
    let dir = workdir("output-is-input");
    write(&dir, "plan.txt", PERU_TEXT);
    write(&dir, "cfg.json", "{\"top_k\": 2}");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["parse", "plan.txt", "-o", "plan.txt"],
            "error: the output file plan.txt is also an input (plan.txt): write the result to another file",
        ),
        (
            vec!["report", "plan.txt", "--output", "./plan.txt"],
            "error: the output file ./plan.txt is also an input (plan.txt): write the result to another file",
        ),
        (
            vec!["match", "--config", "cfg.json", "plan.txt", "-o", "cfg.json"],
            "error: the output file cfg.json is also an input (cfg.json): write the result to another file",
        ),
        (
            vec!["assign", "--quiet", "plan.txt", "-o", "plan.txt"],
            "error: the output file plan.txt is also an input (plan.txt): write the result to another file",
        ),
    ];
    for (args, line) in cases {
        assert_fails(&run(&dir, &args), 2, line);
    }
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("plan.txt", dir.join("link.txt")).unwrap();
        assert_fails(
            &run(&dir, &["parse", "plan.txt", "-o", "link.txt"]),
            2,
            "error: the output file link.txt is also an input (plan.txt): write the result to another file",
        );
    }
    assert_eq!(fs::read_to_string(dir.join("plan.txt")).unwrap(), PERU_TEXT, "the plan is untouched");
    assert_eq!(fs::read_to_string(dir.join("cfg.json")).unwrap(), "{\"top_k\": 2}");
    // Another file is fine.
    assert_eq!(run(&dir, &["parse", "--quiet", "plan.txt", "-o", "plan.json"]).status.code(), Some(0));
}

/// Terminal escapes (retitle the window, clear the screen), a C1 CSI and a
/// right-to-left override, as they may hide in a pasted text.
const HOSTILE: [char; 5] = ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\u{2066}'];

#[track_caller]
fn assert_no_controls(bytes: &[u8], what: &str) {
    let text = String::from_utf8_lossy(bytes);
    assert!(!text.is_empty(), "{what}: no output");
    for c in HOSTILE {
        assert!(!text.contains(c), "{what}: {c:?} passed through: {text}");
    }
}

#[test]
fn control_characters_are_removed_from_every_input_with_a_warning() {
    let dir = workdir("controls");
    write(
        &dir,
        "c.json",
        r#"{"submissions":[
  {"economy":"PE","year":2016,"contacts":[{"name":"Ana\u001b[2J Ruiz"}],
   "needs":[{"section":"C","text":"Training on cyber crime\u001b]0;pwned\u0007 investigation\u009b31m would be useful"}]},
  {"economy":"ROK","year":2014,"offers":[{"section":"C","text":"Korea could provide training on cyber crime investigation \u202eand forensics\u2066"}]}]}"#,
    );
    let peru = PERU_TEXT.replace("- Training on cyber", "- Training\u{1b}[2J on \u{202e}cyber\u{9b}");
    write(&dir, "pe.txt", peru);
    let json_warning = "warning: c.json:2: removed 6 control characters (terminal escapes, bidirectional overrides); the first on this line";
    let text_warning = "warning: pe.txt:6: removed 3 control characters (terminal escapes, bidirectional overrides); the first on this line";
    for args in [
        &["match", "--format", "md", "c.json"][..],
        &["match", "--format", "csv", "c.json"],
        &["match", "--format", "json", "c.json"],
        &["report", "--include-contacts", "c.json"],
        &["report", "--format", "dot", "c.json"],
        &["assign", "--format", "md", "c.json"],
        &["parse", "c.json"],
    ] {
        let out = run(&dir, args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert_no_controls(&out.stdout, &format!("{args:?}"));
        assert_eq!(stderr(&out), format!("{json_warning}\n"), "{args:?}");
    }
    let out = run(&dir, &["parse", "pe.txt"]);
    assert_no_controls(&out.stdout, "parse pe.txt");
    // The controls go; what is left of an escape sequence is plain, harmless text.
    assert_eq!(texts(&json(&out)), ["Training[2J on cyber crime investigation would be useful."]);
    assert_eq!(stderr(&out), format!("{text_warning}\n"));
}

// ---- Word and PDF documents ----------------------------------------------------

#[cfg(feature = "documents")]
#[test]
fn documents_are_read_by_content_in_every_command() {
    let dir = workdir("documents-ok");
    let docs = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/documents");
    fs::copy(format!("{docs}/vn-2019-table.docx"), dir.join("vn.docx")).unwrap();
    fs::copy(format!("{docs}/hkc-2020.pdf"), dir.join("hkc.pdf")).unwrap();
    // A Word document named like text is still a Word document.
    fs::copy(format!("{docs}/rok-2014.docx"), dir.join("rok.txt")).unwrap();
    let out = run(&dir, &["parse", "--quiet", "vn.docx", "hkc.pdf", "rok.txt"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let economies: Vec<String> =
        json(&out)["submissions"].as_array().unwrap().iter().map(|s| s["economy"].to_string()).collect();
    assert_eq!(economies, ["\"VN\"", "\"HKC\"", "\"ROK\""]);
    for command in ["match", "report", "assign"] {
        let out = run(&dir, &[command, "--quiet", "vn.docx", "hkc.pdf", "rok.txt"]);
        assert!(out.status.success(), "{command}: {}", stderr(&out));
        assert!(!out.stdout.is_empty(), "{command}");
    }
    // Diagnostics name the line of the extracted text and the place in the document.
    let out = run(&dir, &["parse", "hkc.pdf"]);
    assert!(
        stderr(&out).lines().any(|l| l.starts_with("info: hkc.pdf:") && l.contains("(page ")),
        "{}",
        stderr(&out)
    );
}

#[cfg(feature = "documents")]
#[test]
fn bad_documents_are_one_clear_error() {
    use support::{PERU, docx, docx_paragraphs, pdf, scan_page, text_page, zip};
    let dir = workdir("documents-bad");
    let bad = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/documents/bad");
    fs::copy(format!("{bad}/encrypted.pdf"), dir.join("encrypted.pdf")).unwrap();
    assert_fails(
        &run(&dir, &["parse", "encrypted.pdf"]),
        1,
        "error: encrypted.pdf: the pdf is encrypted: it needs a password to open; save an unprotected copy and try again",
    );
    write(&dir, "scan.pdf", pdf(&[scan_page(), scan_page()]));
    assert_fails(
        &run(&dir, &["match", "scan.pdf"]),
        1,
        "error: scan.pdf: no text layer: run OCR first (the pdf has only images, like a scan)",
    );
    write(&dir, "broken.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n");
    assert_fails(
        &run(&dir, &["parse", "broken.pdf"]),
        1,
        "error: broken.pdf: cannot read the pdf: the file is damaged",
    );
    // The page cap: 2,000 by default, --max-pages to change it.
    let page = text_page(PERU);
    write(&dir, "long.pdf", pdf(&vec![page.clone(); 2001]));
    assert_fails(
        &run(&dir, &["parse", "long.pdf"]),
        1,
        "error: long.pdf: refused: the pdf has 2001 pages, more than the limit of 2000 (see --max-pages)",
    );
    write(&dir, "short.pdf", pdf(&[page.clone(), page.clone(), page]));
    assert_fails(
        &run(&dir, &["report", "--max-pages", "2", "short.pdf"]),
        1,
        "error: short.pdf: refused: the pdf has 3 pages, more than the limit of 2 (see --max-pages)",
    );
    assert!(run(&dir, &["parse", "--quiet", "--max-pages", "3", "short.pdf"]).status.success());
    // Word: a damaged archive, an old .doc under a new name, a zip that is not Word.
    let mut corrupt = docx_paragraphs(PERU);
    let len = corrupt.len();
    corrupt.truncate(len / 2);
    write(&dir, "corrupt.docx", corrupt);
    assert_fails(
        &run(&dir, &["parse", "corrupt.docx"]),
        1,
        "error: corrupt.docx: cannot read the word document: the zip archive is damaged",
    );
    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole.resize(4096, 0);
    write(&dir, "old.docx", ole);
    assert_fails(
        &run(&dir, &["assign", "old.docx"]),
        1,
        "error: old.docx: an old binary word document (.doc), not .docx: save it as .docx or pdf and try again",
    );
    write(&dir, "sheet.docx", zip(&[("xl/workbook.xml", b"<workbook/>")]));
    assert_fails(
        &run(&dir, &["parse", "sheet.docx"]),
        1,
        "error: sheet.docx: a zip archive without word/document.xml: not a word document",
    );
    // A zip bomb: 64 MiB of one byte packs to about 64 KiB.
    let bomb = vec![b' '; 64 << 20];
    write(&dir, "bomb.docx", zip(&[("word/document.xml", &bomb)]));
    assert_fails(
        &run(&dir, &["parse", "bomb.docx"]),
        1,
        "error: bomb.docx: refused: part word/document.xml unpacks to more than 200 times its packed size (a zip bomb?)",
    );
    // Entity expansion ("billion laughs") needs a DTD: refused before any expansion.
    let laughs = "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY a \"lol\"><!ENTITY b \"&a;&a;&a;&a;\">]>\
                  <w:document><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>";
    write(&dir, "entity.docx", docx(laughs));
    assert_fails(
        &run(&dir, &["parse", "entity.docx"]),
        1,
        "error: entity.docx: refused: word/document.xml declares a document type (<!DOCTYPE>), which word never \
         writes (entity expansion)",
    );
    // Nothing half-written: a bad document among good inputs leaves no output file.
    write(&dir, "peru.docx", docx_paragraphs(PERU));
    assert!(run(&dir, &["parse", "--quiet", "peru.docx"]).status.success());
    assert_fails(
        &run(&dir, &["match", "-o", "out.json", "peru.docx", "scan.pdf"]),
        1,
        "error: scan.pdf: no text layer: run OCR first (the pdf has only images, like a scan)",
    );
    assert!(!dir.join("out.json").exists());
}
