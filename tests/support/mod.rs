//! Shared by the integration tests: running the real binary in a directory of its
//! own, and small documents built by the tests themselves — PDFs with given pages,
//! Word documents with a given body, and the bad documents the readers must refuse.
// Each test crate uses some of these.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A fresh, empty directory `name` of the test group `group`, under Cargo's
/// `CARGO_TARGET_TMPDIR`, so that tests run with relative file names and pin
/// messages exactly.
pub fn fresh_dir(group: &str, name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(group).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `capmatch args…` in `dir`.
pub fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_capmatch"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

/// A run's standard error.
pub fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8")
}

/// A run's standard output.
pub fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

/// A PDF whose pages have these content streams (Helvetica is font /F1).
pub fn pdf(pages: &[String]) -> Vec<u8> {
    let n = pages.len();
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_string(),
    ];
    for (i, content) in pages.iter().enumerate() {
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> \
             /Contents {} 0 R >>",
            5 + 2 * i
        ));
        objects.push(format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()));
    }
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (k, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        write!(out, "{} 0 obj\n{o}\nendobj\n", k + 1).unwrap();
    }
    let xref = out.len();
    write!(out, "xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).unwrap();
    for o in offsets {
        writeln!(out, "{o:010} 00000 n ").unwrap();
    }
    write!(out, "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1)
        .unwrap();
    out
}

/// A page content stream writing `lines` top down in 11-point Helvetica.
pub fn text_page(lines: &[&str]) -> String {
    let mut s = String::from("BT /F1 11 Tf 14 TL 72 740 Td\n");
    for l in lines {
        let escaped = l.replace('\\', "\\\\").replace('(', "\\(").replace(')', "\\)");
        let _ = writeln!(s, "({escaped}) Tj T*");
    }
    s.push_str("ET");
    s
}

/// A page with a picture and no text: what a scanner makes (a grey box here).
pub fn scan_page() -> String {
    "0.5 g 72 72 468 648 re f".to_string()
}

/// A zip archive holding these (name, bytes) parts, deflated.
#[cfg(feature = "documents")]
pub fn zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        w.start_file(*name, options).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A `.docx` whose `word/document.xml` is `xml`.
#[cfg(feature = "documents")]
pub fn docx(xml: &str) -> Vec<u8> {
    zip(&[("[Content_Types].xml", b"<Types/>"), ("word/document.xml", xml.as_bytes())])
}

/// A `.docx` body of paragraphs, one per line.
#[cfg(feature = "documents")]
pub fn docx_paragraphs(lines: &[&str]) -> Vec<u8> {
    let mut xml = String::from(
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>",
    );
    for l in lines {
        let escaped = l.replace('&', "&amp;").replace('<', "&lt;");
        let _ = write!(xml, "<w:p><w:r><w:t xml:space=\"preserve\">{escaped}</w:t></w:r></w:p>");
    }
    xml.push_str("</w:body></w:document>");
    docx(&xml)
}

/// A small CTAP, as lines.
pub const PERU: &[&str] = &[
    "APEC COUNTER-TERRORISM ACTION PLAN",
    "ECONOMY: Peru",
    "CALENDAR YEAR: 2016",
    "C. PROMOTING CYBER SECURITY:",
    "WHAT SPECIFIC CAPACITY BUILDING NEEDS DOES YOUR ECONOMY HAVE?",
    "- Training on cyber crime investigation would be useful.",
];

/// Asserts a run failed with exactly this one line on stderr, exit status `code`,
/// and nothing on stdout.
#[track_caller]
pub fn assert_fails(out: &Output, code: i32, line: &str) {
    assert_eq!(stderr(out), format!("{line}\n"), "stderr");
    assert_eq!(out.status.code(), Some(code), "exit status; stderr: {}", stderr(out));
    assert!(out.stdout.is_empty(), "stdout: {}", String::from_utf8_lossy(&out.stdout));
}

/// Asserts a run failed (after any diagnostics) with `line` as its last stderr line.
#[track_caller]
pub fn assert_fails_last(out: &Output, line: &str) {
    let err = stderr(out);
    assert_eq!(err.lines().last(), Some(line), "stderr: {err}");
    assert_eq!(out.status.code(), Some(1), "exit status; stderr: {err}");
    assert!(out.stdout.is_empty(), "stdout: {}", String::from_utf8_lossy(&out.stdout));
}

pub fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

pub fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

/// A small CTAP with one need, in the 2016 layout, as one text.
pub const PERU_TEXT: &str = "APEC COUNTER-TERRORISM ACTION PLAN\nECONOMY: Peru\nCALENDAR YEAR: 2016\n\
    C. PROMOTING CYBER SECURITY:\nWHAT SPECIFIC CAPACITY BUILDING NEEDS DOES YOUR ECONOMY HAVE?\n\
    - Training on cyber crime investigation would be useful.\n";
