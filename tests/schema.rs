//! The corpus JSON Schema (`capmatch schema`, `src/model/corpus.schema.json`) is
//! written by hand, for the people who read it; these tests keep it from drifting
//! from the types that read and write the format:
//!
//! - it is a valid draft 2020-12 schema;
//! - everything capmatch writes validates: the bundled corpora, what `parse` makes of
//!   the bundled CTAPs, synthetic corpora of any seed, items with every tag;
//! - what the reader rejects for its shape, the schema rejects too (a list of
//!   cases), and any document the schema accepts, the reader reads (a property over
//!   documents built from right and wrong values for every field).
//!
//! What a schema cannot say is left to the reader: that an economy name is known,
//! that ids are unique across the corpus. The reader is also more lenient than the
//! schema in places (a year written as a string of digits, a null `source`), never
//! the other way round.

use std::fs;
use std::path::Path;

use capmatch::ctap::{ParseOptions, parse};
use capmatch::synth::{SynthConfig, generate};
use capmatch::{ActivityKind, Contact, Corpus, Item, Pillar, Section, Submission};
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Value, json};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(capmatch::model::CORPUS_SCHEMA).expect("the schema is JSON");
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

#[track_caller]
fn assert_valid(validator: &jsonschema::Validator, doc: &Value, what: &str) {
    let errors: Vec<String> =
        validator.iter_errors(doc).map(|e| format!("{} at {}", e, e.instance_path())).take(5).collect();
    assert!(errors.is_empty(), "{what} does not validate: {errors:#?}");
}

fn files(dir: &str, ext: &str) -> Vec<std::path::PathBuf> {
    let mut out: Vec<_> = fs::read_dir(Path::new(ROOT).join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    out.sort();
    out
}

#[test]
fn the_schema_is_a_draft_2020_12_schema() {
    let schema: Value = serde_json::from_str(capmatch::model::CORPUS_SCHEMA).unwrap();
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    jsonschema::meta::validate(&schema).expect("valid against the draft 2020-12 meta-schema");
}

#[test]
fn every_bundled_corpus_validates() {
    let v = validator();
    let mut n = 0;
    for path in files("tests/data/corpus", "json") {
        let doc: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
        assert_valid(&v, &doc, &path.display().to_string());
        n += 1;
    }
    for path in files("tests/data/relevance", "json") {
        let doc: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
        assert_valid(&v, &doc["corpus"], &format!("{}: corpus", path.display()));
        n += 1;
    }
    for path in files("examples/data", "json") {
        let doc: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
        assert_valid(&v, &doc, &path.display().to_string());
        n += 1;
    }
    assert!(n >= 5, "found only {n} corpora");
}

#[test]
fn what_parse_makes_of_the_bundled_ctaps_validates() {
    let v = validator();
    let mut paths = files("examples/data", "txt");
    paths.extend(files("tests/data/ctap", "txt"));
    paths.extend(files("tests/data/ctap/variants", "txt"));
    let mut n = 0;
    for path in paths {
        let text = fs::read_to_string(&path).unwrap();
        // One variant is another plan's template, rejected on purpose.
        let Ok(parsed) = parse(&text, &ParseOptions::new().file(path.display().to_string())) else {
            continue;
        };
        let corpus = Corpus::from_submissions(vec![parsed.submission]).unwrap();
        let doc: Value = serde_json::from_str(&corpus.to_json_pretty()).unwrap();
        assert_valid(&v, &doc, &path.display().to_string());
        n += 1;
    }
    assert!(n >= 8, "parsed only {n} CTAPs");
}

#[test]
fn every_tag_contact_field_and_party_kind_validates() {
    let mut full = Submission::new("org:Pacific Islands Forum".parse::<capmatch::Party>().unwrap(), None);
    let mut item =
        Item::new("pif-1", "Drills for port facility security officers").unwrap().with_capacity(u32::MAX);
    item.section = Some(Section::Other("D. Energy Security".into()));
    item.pillars = Pillar::ALL.to_vec();
    item.activities = ActivityKind::ALL.to_vec();
    item.unspecific = true;
    item.line = Some(1);
    full.offers.push(item);
    full.needs.push(Item::new("pif-2", "Training").unwrap());
    full.contacts.push(Contact {
        section: Some(Section::A5),
        role: Some("Contact Point".into()),
        name: Some("A".into()),
        title: Some("B".into()),
        telephone: Some("+1".into()),
        fax: Some("--".into()),
        email: Some("a@b.c".into()),
    });
    full.source = Some("pif.txt".into());
    let mut sections = Submission::new(capmatch::Economy::Rok, Some(2100));
    sections.needs = Section::KNOWN
        .iter()
        .enumerate()
        .map(|(k, s)| Item::new(format!("rok-{k}"), "Training").unwrap().with_section(s.clone()))
        .collect();
    let corpus = Corpus::from_submissions(vec![full, sections]).unwrap();
    assert_valid(&validator(), &serde_json::to_value(&corpus).unwrap(), "a corpus with every tag");
}

/// Documents the reader rejects for their shape or values: the schema must reject
/// each one too.
const REJECTED: &[(&str, &str)] = &[
    ("no submissions", "{}"),
    ("submissions not an array", r#"{"submissions": {}}"#),
    ("a submission as an array", r#"{"submissions": [["ROK", 2014]]}"#),
    ("no economy", r#"{"submissions": [{"year": 2014}]}"#),
    ("economy not a string", r#"{"submissions": [{"economy": 5}]}"#),
    ("economy empty", r#"{"submissions": [{"economy": ""}]}"#),
    ("year too early", r#"{"submissions": [{"economy": "ROK", "year": 1988}]}"#),
    ("year too late", r#"{"submissions": [{"economy": "ROK", "year": 2101}]}"#),
    ("year not whole", r#"{"submissions": [{"economy": "ROK", "year": 2014.5}]}"#),
    ("needs not an array", r#"{"submissions": [{"economy": "ROK", "needs": null}]}"#),
    ("an item without text", r#"{"submissions": [{"economy": "ROK", "needs": [{"section": "B"}]}]}"#),
    ("an item as a string", r#"{"submissions": [{"economy": "ROK", "needs": ["Training"]}]}"#),
    ("a blank text", r#"{"submissions": [{"economy": "ROK", "needs": [{"text": " \t "}]}]}"#),
    (
        "a text of controls only",
        r#"{"submissions": [{"economy": "ROK", "needs": [{"text": "\u001b\u0007"}]}]}"#,
    ),
    ("text not a string", r#"{"submissions": [{"economy": "ROK", "needs": [{"text": 5}]}]}"#),
    ("capacity zero", r#"{"submissions": [{"economy": "ROK", "offers": [{"text": "t", "capacity": 0}]}]}"#),
    (
        "capacity negative",
        r#"{"submissions": [{"economy": "ROK", "offers": [{"text": "t", "capacity": -1}]}]}"#,
    ),
    (
        "capacity not whole",
        r#"{"submissions": [{"economy": "ROK", "offers": [{"text": "t", "capacity": 1.5}]}]}"#,
    ),
    (
        "capacity too large",
        r#"{"submissions": [{"economy": "ROK", "offers": [{"text": "t", "capacity": 4294967296}]}]}"#,
    ),
    (
        "capacity a word",
        r#"{"submissions": [{"economy": "ROK", "offers": [{"text": "t", "capacity": "two"}]}]}"#,
    ),
    ("an id with a space", r#"{"submissions": [{"economy": "ROK", "needs": [{"id": "a b", "text": "t"}]}]}"#),
    ("an empty id", r#"{"submissions": [{"economy": "ROK", "needs": [{"id": "", "text": "t"}]}]}"#),
    (
        "an id of controls only",
        r#"{"submissions": [{"economy": "ROK", "needs": [{"id": "\u001b", "text": "t"}]}]}"#,
    ),
    ("an id not a string", r#"{"submissions": [{"economy": "ROK", "needs": [{"id": 7, "text": "t"}]}]}"#),
    ("an empty section", r#"{"submissions": [{"economy": "ROK", "needs": [{"section": "", "text": "t"}]}]}"#),
    (
        "a section of punctuation",
        r#"{"submissions": [{"economy": "ROK", "needs": [{"section": ".:", "text": "t"}]}]}"#,
    ),
    (
        "an unknown pillar",
        r#"{"submissions": [{"economy": "ROK", "needs": [{"text": "t", "pillars": ["speed"]}]}]}"#,
    ),
    (
        "pillars not an array",
        r#"{"submissions": [{"economy": "ROK", "needs": [{"text": "t", "pillars": "security"}]}]}"#,
    ),
    (
        "an unknown activity",
        r#"{"submissions": [{"economy": "ROK", "needs": [{"text": "t", "activities": ["party"]}]}]}"#,
    ),
    (
        "unspecific not a boolean",
        r#"{"submissions": [{"economy": "ROK", "needs": [{"text": "t", "unspecific": "yes"}]}]}"#,
    ),
    ("a negative line", r#"{"submissions": [{"economy": "ROK", "needs": [{"text": "t", "line": -1}]}]}"#),
    ("a contact as a string", r#"{"submissions": [{"economy": "ROK", "contacts": ["A"]}]}"#),
    ("a contact's e-mail a number", r#"{"submissions": [{"economy": "ROK", "contacts": [{"email": 5}]}]}"#),
    ("a description that is not a string", r#"{"description": ["a"], "submissions": []}"#),
];

#[test]
fn what_the_reader_rejects_the_schema_rejects() {
    let v = validator();
    for (what, json) in REJECTED {
        assert!(Corpus::from_json_str(json, None).is_err(), "{what}: the reader accepts {json}");
        let doc: Value = serde_json::from_str(json).unwrap();
        assert!(!v.is_valid(&doc), "{what}: the schema accepts {json}");
    }
}

#[test]
fn a_minimal_corpus_validates_and_reads() {
    let v = validator();
    for json in [
        r#"{"submissions": []}"#,
        r#"{"submissions": [{"economy": "Korea"}]}"#,
        r#"{"submissions": [{"economy": "WCO", "year": null, "needs": [{"text": "Training", "section": null}]}]}"#,
        r#"{"submissions": [{"economy": "ROK", "offers": [{"text": "t", "capacity": 2.0}]}], "note": "ignored"}"#,
        r#"{"description": "Two plans, invented for a test.", "submissions": []}"#,
    ] {
        assert!(Corpus::from_json_str(json, None).is_ok(), "{json}");
        assert!(v.is_valid(&serde_json::from_str(json).unwrap()), "{json}");
    }
}

#[test]
fn a_top_level_description_is_read_without_a_warning() {
    let json = r#"{"description": "Illustrative data.", "submissions": [{"economy": "ROK", "needs": [{"section": "A.1", "text": "Single Window workshops"}]}]}"#;
    let (corpus, diagnostics) = Corpus::from_json_slice(json.as_bytes(), Some("c.json")).unwrap();
    assert_eq!(corpus.need_count(), 1);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    // Any other unknown top-level member is still a warning naming it.
    let (_, diagnostics) =
        Corpus::from_json_slice(br#"{"descripton": "typo", "submissions": []}"#, Some("c.json")).unwrap();
    assert!(diagnostics.iter().any(|d| d.message.contains("descripton")), "{diagnostics:?}");
    let err = Corpus::from_json_str(r#"{"description": 5, "submissions": []}"#, Some("c.json")).unwrap_err();
    assert!(
        err.to_string().starts_with("c.json:1: description: invalid type: integer `5`, expected a string"),
        "{err}"
    );
}

// ---- properties ------------------------------------------------------------------

/// A value for a field, or none (the field left out): mostly right ones, then
/// values on the edge of what is allowed, then wrong ones, so that documents are
/// often valid and often one value away from it.
fn field(right: Vec<Value>, edge: Vec<Value>, wrong: Vec<Value>) -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        6 => select(right).prop_map(Some),
        2 => select(edge).prop_map(Some),
        1 => select(wrong).prop_map(Some),
        1 => Just(None),
    ]
}

fn object(fields: Vec<(&str, Option<Value>)>) -> Value {
    Value::Object(fields.into_iter().filter_map(|(k, v)| v.map(|v| (k.to_string(), v))).collect())
}

fn item() -> impl Strategy<Value = Value> {
    let fields = (
        field(
            vec![json!("ID")],
            vec![json!("\u{1b}"), json!("x".repeat(201)), json!("a\u{202e}")],
            vec![json!("a b"), json!(""), json!(7), Value::Null],
        ),
        field(
            vec![json!("A.1"), json!("b"), json!("Energy Security"), Value::Null],
            vec![json!("."), json!(" : "), json!("\u{1b}"), json!("Protect Cargo:")],
            vec![json!(""), json!(3)],
        ),
        field(
            vec![json!("Training on cyber crime investigation"), json!("a\u{202e}b")],
            vec![json!("  "), json!("\u{1b}\u{7}"), json!("\u{85}"), json!("x\u{2069}")],
            vec![json!(5), Value::Null],
        ),
        field(
            vec![json!(1), json!(3), json!(4_294_967_295u64)],
            vec![json!(0), json!(2.0), json!("2"), json!(4_294_967_296u64)],
            vec![json!(-1), json!(1.5), json!("two")],
        ),
        field(
            vec![json!(["security"]), json!([])],
            vec![json!(["security", "security"])],
            vec![json!(["speed"]), json!("security")],
        ),
        field(
            vec![json!(["workshop", "exercise"]), json!([])],
            vec![json!(["training_course"])],
            vec![json!(["party"])],
        ),
        (
            field(vec![json!(true), json!(false)], vec![json!(0)], vec![json!("yes")]),
            field(vec![json!(1), json!(40)], vec![json!(0), json!("3")], vec![json!(-1)]),
        ),
    );
    let item = fields.prop_map(|(id, section, text, capacity, pillars, activities, (unspecific, line))| {
        object(vec![
            ("id", id),
            ("section", section),
            ("text", text),
            ("capacity", capacity),
            ("pillars", pillars),
            ("activities", activities),
            ("unspecific", unspecific),
            ("line", line),
        ])
    });
    prop_oneof![19 => item, 1 => Just(json!(["Training"]))]
}

fn submission() -> impl Strategy<Value = Value> {
    (
        field(
            vec![json!("ROK"), json!("Hong Kong, China"), json!("WCO"), json!("org:Pacific Islands Forum")],
            vec![json!(" rok ")],
            vec![json!(5), json!("")],
        ),
        field(
            vec![json!(2014), json!(1989), json!(2100), Value::Null],
            vec![json!("2014"), json!(2014.0), json!(1988), json!(2101)],
            vec![json!("x"), json!(-5)],
        ),
        prop::option::of(prop::collection::vec(item(), 0..4)),
        prop::option::of(prop::collection::vec(item(), 0..4)),
        field(
            vec![json!([{"name": "A", "email": "a@b.c"}]), json!([])],
            vec![json!([{}])],
            vec![json!([{"email": 5}]), json!(["A"])],
        ),
        field(vec![json!("a.txt")], vec![Value::Null], vec![json!(5)]),
    )
        .prop_map(|(economy, year, needs, offers, contacts, source)| {
            object(vec![
                ("economy", economy),
                ("year", year),
                ("needs", needs.map(Value::Array)),
                ("offers", offers.map(Value::Array)),
                ("contacts", contacts),
                ("source", source),
            ])
        })
}

/// Gives every `"ID"` placeholder a unique id: that ids are unique across a
/// corpus is for the reader to check, not the schema.
fn unique_ids(doc: &mut Value, next: &mut usize) {
    match doc {
        Value::String(s) if s == "ID" => {
            *next += 1;
            *s = format!("id-{next}");
        }
        Value::Array(values) => values.iter_mut().for_each(|v| unique_ids(v, next)),
        Value::Object(map) => map.values_mut().for_each(|v| unique_ids(v, next)),
        _ => {}
    }
}

/// The string ids of every item in `doc`, in document order.
fn string_ids<'a>(doc: &'a Value, out: &mut Vec<&'a str>) {
    match doc {
        Value::Array(values) => values.iter().for_each(|v| string_ids(v, out)),
        Value::Object(map) => {
            if let Some(Value::String(id)) = map.get("id") {
                out.push(id);
            }
            map.values().for_each(|v| string_ids(v, out));
        }
        _ => {}
    }
}

/// Whether two items share an id: the edge values of `item`'s id (a control
/// character, a bidi mark, 201 characters) are fixed strings, so two items can
/// draw the same one.
fn repeats_an_id(doc: &Value) -> bool {
    let mut ids = Vec::new();
    string_ids(doc, &mut ids);
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    ids.len() < count
}

#[test]
fn a_repeated_edge_id_is_seen() {
    let item = |id: &str| json!({ "id": id, "text": "Training" });
    let repeated =
        json!({ "submissions": [{ "economy": "ROK", "needs": [item("a\u{202e}"), item("a\u{202e}")] }] });
    let distinct = json!({ "submissions": [{ "economy": "ROK", "needs": [item("a\u{202e}")], "offers": [item("id-1")] }] });
    assert!(repeats_an_id(&repeated));
    assert!(!repeats_an_id(&distinct));
    // What the property leaves to the reader, the reader rejects.
    assert!(validator().is_valid(&repeated));
    let err = Corpus::from_json_str(&repeated.to_string(), None).unwrap_err();
    assert!(err.to_string().contains("duplicate id"), "{err}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// The schema is never looser than the reader: what it accepts, the reader reads.
    /// Documents whose items repeat an id are left out: that ids are unique is for
    /// the reader to check (`a_repeated_edge_id_is_seen`), not the schema.
    #[test]
    fn what_the_schema_accepts_the_reader_reads(submissions in prop::collection::vec(submission(), 0..3)) {
        let mut doc = json!({ "submissions": submissions });
        unique_ids(&mut doc, &mut 0);
        prop_assume!(!repeats_an_id(&doc));
        let text = doc.to_string();
        if validator().is_valid(&doc) {
            let read = Corpus::from_json_str(&text, None);
            prop_assert!(read.is_ok(), "the schema accepts what the reader rejects: {}\n{}", read.unwrap_err(), text);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    /// Synthetic corpora of any seed and shape validate, as `capmatch synth` writes them.
    #[test]
    fn synthetic_corpora_validate(seed in any::<u64>(), needs in 1usize..400, offers in 1usize..400, economies in 1usize..=21) {
        let config = SynthConfig::new().needs(needs).offers(offers).economies(economies).seed(seed).build().unwrap();
        let doc = serde_json::to_value(&generate(&config).corpus).unwrap();
        let errors: Vec<String> = validator().iter_errors(&doc).map(|e| format!("{e} at {}", e.instance_path())).take(3).collect();
        prop_assert!(errors.is_empty(), "seed {seed}: {errors:?}");
    }
}
