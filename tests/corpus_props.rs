//! Fuzzing the corpus JSON reader (`Corpus::from_json_slice`) with proptest: any
//! bytes, any JSON, and structure-aware mutations of valid corpora (fields dropped,
//! duplicated, retyped, filled with random Unicode or extreme numbers, the text cut
//! or spliced). It never panics; an error always says where (the file, and the line
//! for anything read past the first byte); a success is well formed, keeps every
//! need and offer of the input, and reads back the same after writing.

use std::collections::HashSet;

use capmatch::{Corpus, Error, Severity};
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Map, Value, json};

const CASES: u32 = 1024;
const FILE: &str = "c.json";

/// Checks an error from reading `input`: it names the file, and a line within the
/// input for every error found inside it.
fn check_error(err: &Error, input: &[u8]) {
    let at = err.location().unwrap_or_else(|| panic!("no location: {err}"));
    assert_eq!(at.file.as_deref(), Some(FILE), "{err}");
    let shown = err.to_string();
    assert!(shown.starts_with(FILE), "{shown}");
    assert!(!shown.contains('\u{1}'), "internal marker leaked: {shown:?}");
    let lines = input.split(|&b| b == b'\n').count();
    match err {
        Error::Empty { .. } => assert!(input.iter().all(u8::is_ascii_whitespace)),
        Error::Json { at, .. } | Error::InvalidValue { at, .. } | Error::UnknownParty { at, .. } => {
            let line = at.line.unwrap_or_else(|| panic!("no line: {err}")) as usize;
            assert!((1..=lines).contains(&line), "line {line} of {lines}: {err}");
        }
        Error::DuplicateId { at, first, .. } => {
            for l in [at.line, first.line].into_iter().flatten() {
                assert!((1..=lines as u32).contains(&l), "line {l} of {lines}: {err}");
            }
        }
        other => panic!("unexpected error kind from the JSON reader: {other:?}"),
    }
}

/// Checks a successful read: ids unique and valid, texts non-empty, trimmed and
/// free of control characters, capacities positive, and writing then reading gives
/// the same corpus.
fn check_corpus(corpus: &Corpus) {
    let mut ids = HashSet::new();
    for r in corpus.needs().chain(corpus.offers()) {
        assert!(ids.insert(r.item.id.as_str()), "duplicate id {}", r.item.id);
        assert!(!r.item.id.as_str().is_empty() && !r.item.id.as_str().contains(char::is_whitespace));
        assert!(!r.item.text.is_empty() && r.item.text.trim() == r.item.text, "{:?}", r.item.text);
        let control = capmatch::text::is_removed_control;
        assert!(!r.item.text.chars().chain(r.item.id.as_str().chars()).any(control), "{:?}", r.item.text);
        assert!(r.item.capacity.is_none_or(|c| c >= 1));
    }
    for s in &corpus.submissions {
        assert!(s.year.is_none_or(|y| (1989..=2100).contains(&y)));
    }
    let again = Corpus::from_json_str(&corpus.to_json_pretty(), None).expect("written corpus reads back");
    assert_eq!(&again, corpus, "write then read gives the corpus back");
}

/// Reads `input`; checks the result whichever it is.
fn read(input: &[u8]) -> Result<Corpus, Error> {
    match Corpus::from_json_slice(input, Some(FILE)) {
        Ok((corpus, diagnostics)) => {
            check_corpus(&corpus);
            for d in &diagnostics {
                assert_eq!(d.at.file.as_deref(), Some(FILE), "{d}");
                if d.severity == Severity::Warning {
                    let controls = d.message.starts_with("removed ")
                        && d.message
                            .ends_with("(terminal escapes, bidirectional overrides); the first on this line");
                    assert!(d.message.ends_with("unknown field ignored") || controls, "{d}");
                }
            }
            Ok(corpus)
        }
        Err(err) => {
            check_error(&err, input);
            Err(err)
        }
    }
}

// ---- generators ----------------------------------------------------------------

const ECONOMIES: &[&str] = &[
    "ROK",
    "Korea",
    "Hong Kong, China",
    "HKC",
    "Viet Nam",
    "VNM",
    "Chinese Taipei",
    "org:Pacific Islands Forum",
    "WCO",
    "UNODC",
    "Atlantis",
    "",
];
const SECTIONS: &[&str] =
    &["A.1", "A.5", "B", "C", "Energy Security", "D. Food Defence", "Secure Finance", "", ".", " :. "];
const TEXTS: &[&str] = &[
    "Workshops on Single Window system development",
    "AML/CFT training for FIU analysts would be useful",
    "Korea would be able to deploy trainers on cyber crime investigation",
    "  padded text  ",
    "   ",
    "",
    "\u{FEFF}zero\u{200B}width",
    "e\u{301}cole \u{1F600} \u{F0D8} right-to-left \u{202E}",
];

/// Mostly valid values, so that mutations are what breaks a corpus; now and then
/// an invalid one.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => select(&TEXTS[..4]).prop_map(str::to_string),
        3 => "[A-Za-z][\\PC]{0,30}",
        1 => select(TEXTS).prop_map(str::to_string),
        1 => any::<String>(),
    ]
}

fn item(offer: bool) -> impl Strategy<Value = Value> {
    (
        prop::option::of(prop_oneof![12 => "[a-z]{1,3}-[0-9]{1,3}", 1 => "\\PC{0,8}"]),
        prop::option::of(prop_oneof![12 => select(&SECTIONS[..7]), 1 => select(SECTIONS)]),
        text(),
        prop::option::of(prop_oneof![
            8 => (1u32..10).prop_map(|c| json!(c)),
            1 => select(vec![json!(0), json!("2"), json!(1.5), json!(null)]),
        ]),
        any::<bool>(),
    )
        .prop_map(move |(id, section, text, capacity, extra)| {
            let mut m = Map::new();
            if let Some(id) = id {
                m.insert("id".into(), json!(id));
            }
            if let Some(section) = section {
                m.insert("section".into(), json!(section));
            }
            m.insert("text".into(), json!(text));
            if offer && let Some(c) = capacity {
                m.insert("capacity".into(), c);
            }
            if extra {
                m.insert("pillars".into(), json!(["security", "efficiency"]));
                m.insert("activities".into(), json!(["workshop"]));
            }
            Value::Object(m)
        })
}

fn submission() -> impl Strategy<Value = Value> {
    (
        prop_oneof![12 => select(&ECONOMIES[..10]), 1 => select(ECONOMIES)],
        prop::option::of(prop_oneof![8 => 1989u32..=2100, 1 => 1985u32..2105]),
        prop::collection::vec(item(false), 0..5),
        prop::collection::vec(item(true), 0..5),
    )
        .prop_map(|(economy, year, needs, offers)| {
            let mut m = Map::new();
            m.insert("economy".into(), json!(economy));
            if let Some(y) = year {
                m.insert("year".into(), json!(y));
            }
            m.insert("needs".into(), Value::Array(needs));
            m.insert("offers".into(), Value::Array(offers));
            Value::Object(m)
        })
}

fn corpus_value() -> impl Strategy<Value = Value> {
    prop::collection::vec(submission(), 0..5).prop_map(|s| json!({ "submissions": s }))
}

/// Any JSON value, a few levels deep.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| json!(f)),
        "\\PC{0,12}".prop_map(Value::String),
        select(ECONOMIES).prop_map(|e| json!(e)),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    select(
                        &["submissions", "economy", "needs", "offers", "text", "id", "capacity", "year"][..]
                    )
                    .prop_map(str::to_string),
                    "\\PC{0,6}"
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Extreme numbers, written as JSON text (some have no `Value` form).
const HUGE: &[&str] = &[
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775808",
    "4294967296",
    "1e999",
    "-1e999",
    "1.7976931348623157e308",
    "5e-324",
    "-0",
    "0.0",
    "2014.0",
    "99999999999999999999999999999999999999",
];

#[derive(Debug, Clone)]
enum Mutation {
    /// Remove a key of the k-th object.
    Drop(usize, usize),
    /// Replace the k-th value.
    Retype(usize, Value),
    /// Duplicate the k-th array's element (a need or offer, id and all).
    Duplicate(usize, usize),
    /// Replace the k-th string with random Unicode.
    Unicode(usize, String),
    /// Replace the k-th value with an extreme number.
    Huge(usize, &'static str),
    /// Add a field to the k-th object.
    Add(usize, String, Value),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<usize>()).prop_map(|(k, n)| Mutation::Drop(k, n)),
        (any::<usize>(), any_json()).prop_map(|(k, v)| Mutation::Retype(k, v)),
        (any::<usize>(), any::<usize>()).prop_map(|(k, n)| Mutation::Duplicate(k, n)),
        (any::<usize>(), any::<String>()).prop_map(|(k, s)| Mutation::Unicode(k, s)),
        (any::<usize>(), select(HUGE)).prop_map(|(k, h)| Mutation::Huge(k, h)),
        (any::<usize>(), "[a-z_]{1,8}", any_json()).prop_map(|(k, key, v)| Mutation::Add(k, key, v)),
    ]
}

/// Placeholder strings stand in for numbers that `Value` cannot hold, and are
/// replaced in the text.
const HUGE_MARK: &str = "\u{1}huge:";

/// Visits every node in a fixed order; `f` returns true to stop.
fn visit(v: &mut Value, f: &mut dyn FnMut(&mut Value) -> bool) -> bool {
    if f(v) {
        return true;
    }
    match v {
        Value::Array(a) => a.iter_mut().any(|x| visit(x, f)),
        Value::Object(m) => m.values_mut().any(|x| visit(x, f)),
        _ => false,
    }
}

/// Applies `g` to the k-th (modulo their number) node for which `pick` holds.
fn at_kth(v: &mut Value, k: usize, pick: fn(&Value) -> bool, g: impl FnOnce(&mut Value)) {
    let mut count = 0;
    visit(v, &mut |x| {
        count += usize::from(pick(x));
        false
    });
    if count == 0 {
        return;
    }
    let target = k % count;
    let mut seen = 0;
    let mut g = Some(g);
    visit(v, &mut |x| {
        if pick(x) {
            if seen == target {
                if let Some(g) = g.take() {
                    g(x);
                }
                return true;
            }
            seen += 1;
        }
        false
    });
}

fn apply(v: &mut Value, m: &Mutation) {
    match m.clone() {
        Mutation::Drop(k, n) => at_kth(v, k, Value::is_object, |x| {
            if let Value::Object(o) = x
                && !o.is_empty()
            {
                let key = o.keys().nth(n % o.len()).cloned().unwrap_or_default();
                o.remove(&key);
            }
        }),
        Mutation::Retype(k, new) => at_kth(v, k, |_| true, |x| *x = new),
        Mutation::Duplicate(k, n) => at_kth(v, k, Value::is_array, |x| {
            if let Value::Array(a) = x
                && !a.is_empty()
            {
                let copy = a[n % a.len()].clone();
                a.push(copy);
            }
        }),
        Mutation::Unicode(k, s) => at_kth(v, k, Value::is_string, |x| *x = Value::String(s)),
        Mutation::Huge(k, h) => at_kth(v, k, |x| !x.is_object(), |x| *x = json!(format!("{HUGE_MARK}{h}"))),
        Mutation::Add(k, key, new) => at_kth(v, k, Value::is_object, |x| {
            if let Value::Object(o) = x {
                o.insert(key, new);
            }
        }),
    }
}

/// The JSON text of `v`, pretty or compact, with extreme numbers put in.
fn to_text(v: &Value, pretty: bool) -> String {
    let text = if pretty { serde_json::to_string_pretty(v) } else { serde_json::to_string(v) }.unwrap();
    let mut out = text;
    for h in HUGE {
        out = out.replace(&format!("\"\\u0001huge:{h}\""), h);
    }
    out
}

/// The number of needs and offers in a corpus value, if it has the corpus shape.
fn counts(v: &Value) -> Option<(usize, usize)> {
    let subs = v.get("submissions")?.as_array()?;
    let n = |key: &str| subs.iter().map(|s| s.get(key).and_then(Value::as_array).map_or(0, Vec::len)).sum();
    Some((n("needs"), n("offers")))
}

#[derive(Debug, Clone)]
enum Splice {
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Truncate(usize),
}

fn splice() -> impl Strategy<Value = Splice> {
    prop_oneof![
        (any::<usize>(), prop::collection::vec(any::<u8>(), 1..8)).prop_map(|(i, b)| Splice::Insert(i, b)),
        (any::<usize>(), 1usize..16).prop_map(|(i, n)| Splice::Delete(i, n)),
        any::<usize>().prop_map(Splice::Truncate),
    ]
}

// ---- properties ------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = read(&bytes);
        // The same bytes behind a valid opening.
        let mut framed = b"{\"submissions\":[{\"economy\":\"ROK\",\"needs\":[".to_vec();
        framed.extend_from_slice(&bytes);
        let _ = read(&framed);
    }

    #[test]
    fn arbitrary_json(v in any_json(), pretty in any::<bool>()) {
        let _ = read(to_text(&v, pretty).as_bytes());
        let _ = read(to_text(&json!({ "submissions": [v] }), pretty).as_bytes());
    }

    #[test]
    fn generated_corpora_keep_every_item(v in corpus_value(), pretty in any::<bool>()) {
        let text = to_text(&v, pretty);
        if let Ok(corpus) = read(text.as_bytes()) {
            let (needs, offers) = counts(&v).unwrap();
            prop_assert_eq!(corpus.need_count(), needs, "{}", text);
            prop_assert_eq!(corpus.offer_count(), offers, "{}", text);
        }
    }

    #[test]
    fn mutated_corpora(
        mut v in corpus_value(),
        mutations in prop::collection::vec(mutation(), 1..4),
        pretty in any::<bool>(),
    ) {
        for m in &mutations {
            apply(&mut v, m);
        }
        let text = to_text(&v, pretty);
        if let Ok(corpus) = read(text.as_bytes()) {
            // Whatever was accepted kept every need and offer written.
            let (needs, offers) = counts(&v).expect("an accepted corpus has the corpus shape");
            prop_assert_eq!(corpus.need_count(), needs, "{}", text);
            prop_assert_eq!(corpus.offer_count(), offers, "{}", text);
        }
    }

    #[test]
    fn spliced_text(v in corpus_value(), splices in prop::collection::vec(splice(), 1..4), pretty in any::<bool>()) {
        let mut bytes = to_text(&v, pretty).into_bytes();
        for s in &splices {
            let n = bytes.len();
            match s {
                Splice::Insert(i, b) => {
                    let at = i % (n + 1);
                    bytes.splice(at..at, b.iter().copied());
                }
                Splice::Delete(i, k) if n > 0 => {
                    let at = i % n;
                    bytes.drain(at..(at + k).min(n));
                }
                Splice::Truncate(i) => bytes.truncate(i % (n + 1)),
                Splice::Delete(..) => {}
            }
        }
        let _ = read(&bytes);
    }
}

// ---- fixed cases the fuzzing found worth keeping -----------------------------------

#[test]
fn the_bundled_corpora_read_and_round_trip() {
    for name in ["apec-2020.json", "edge-cases.json"] {
        let path = format!("{}/tests/data/corpus/{name}", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(&path).unwrap();
        let corpus = read(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let v: Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(Some((corpus.need_count(), corpus.offer_count())), counts(&v), "{name}");
    }
}

#[test]
fn extreme_numbers_are_errors_with_a_line() {
    let cases = [
        ("\"year\": 1e999", "c.json:2: submissions[0].year: number out of range"),
        (
            "\"year\": 2014.5",
            "c.json:2: submissions[0].year: year must be a whole number from 1989 to 2100, got 2014.5",
        ),
        (
            "\"year\": 1988.0",
            "c.json:2: submissions[0].year: year must be a whole number from 1989 to 2100, got 1988",
        ),
        (
            "\"year\": -9223372036854775808",
            "c.json:2: submissions[0].year: year must be a whole number from 1989 to 2100, got -9223372036854775808",
        ),
        (
            "\"year\": 99999999999999999999999",
            "c.json:2: submissions[0].year: year must be a whole number from 1989 to 2100, got 100000000000000000000000",
        ),
    ];
    for (field, message) in cases {
        let text = format!("{{\"submissions\":[{{\"economy\":\"ROK\",\n{field}}}]}}");
        let err = read(text.as_bytes()).unwrap_err();
        assert_eq!(err.to_string(), message, "{field}");
    }
    // A whole number written with a fraction is the whole number (JSON Schema's
    // "integer" says so too).
    let read = read(b"{\"submissions\":[{\"economy\":\"ROK\",\"year\":2014.0}]}").unwrap();
    assert_eq!(read.submissions[0].year, Some(2014));
}
