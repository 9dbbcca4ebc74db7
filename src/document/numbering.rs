//! Word's list numbering (`numbering.xml`) and the styles (`styles.xml`) that
//! give paragraphs numbering and runs strike-through.
//!
//! A list paragraph names a numbering instance (`w:numId`) and a level
//! (`w:ilvl`); the instance points at an abstract definition whose level says
//! how the marker looks (`w:numFmt`, `w:lvlText` such as `%1.` or `(%1)`, a
//! bullet glyph). Counters belong to the abstract definition, as in Word: a new
//! instance continues the count unless it restarts a level (`w:startOverride`).

use std::collections::{HashMap, HashSet};

use quick_xml::events::Event;

use super::xml::{attr, doctype, malformed, number, on, reader};
use crate::Result;

const LEVELS: usize = 9;

#[derive(Debug, Clone, Default)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

#[derive(Debug, Clone, Default)]
struct Instance {
    abstract_id: u32,
    restarts: [Option<u32>; LEVELS],
}

/// The numbering definitions of a document.
#[derive(Debug, Clone, Default)]
pub(crate) struct Numbering {
    abstracts: HashMap<u32, Vec<Level>>,
    instances: HashMap<u32, Instance>,
}

/// Where the lists of a document have counted to.
#[derive(Debug, Default)]
pub(crate) struct Counters {
    counts: HashMap<u32, [u32; LEVELS]>,
    seen: HashSet<u32>,
}

impl Numbering {
    pub(crate) fn read(xml: &[u8], file: Option<&str>) -> Result<Numbering> {
        const PART: &str = "word/numbering.xml";
        let mut n = Numbering::default();
        let mut r = reader(xml);
        let mut current_abstract: Option<u32> = None;
        let mut level: Option<usize> = None;
        let mut instance: Option<u32> = None;
        let mut override_level: Option<usize> = None;
        loop {
            let (e, empty) = match r.read_event() {
                Ok(Event::Start(e)) => (e, false),
                Ok(Event::Empty(e)) => (e, true),
                Ok(Event::End(e)) => {
                    match e.name().as_ref() {
                        b"w:abstractNum" => current_abstract = None,
                        b"w:lvl" => level = None,
                        b"w:num" => instance = None,
                        b"w:lvlOverride" => override_level = None,
                        _ => {}
                    }
                    continue;
                }
                Ok(Event::DocType(_)) => return Err(doctype(file, PART)),
                Ok(Event::Eof) => break,
                Err(_) => return Err(malformed(file, PART)),
                Ok(_) => continue,
            };
            let level_no =
                || attr(&e, b"w:ilvl").and_then(|v| v.parse::<usize>().ok()).filter(|l| *l < LEVELS);
            match e.name().as_ref() {
                b"w:abstractNum" if !empty => {
                    current_abstract = attr(&e, b"w:abstractNumId").and_then(|v| v.parse().ok());
                }
                b"w:lvl" if !empty => {
                    level = level_no();
                    // A level inside a w:lvlOverride replaces nothing we track.
                    if let (Some(a), Some(l), None) = (current_abstract, level, instance) {
                        let levels = n.abstracts.entry(a).or_default();
                        if levels.len() <= l {
                            levels.resize(l + 1, Level { start: 1, ..Level::default() });
                        }
                    }
                }
                b"w:start" | b"w:numFmt" | b"w:lvlText" => {
                    if let (Some(a), Some(l), None) = (current_abstract, level, instance)
                        && let Some(lv) = n.abstracts.get_mut(&a).and_then(|v| v.get_mut(l))
                    {
                        match e.name().as_ref() {
                            b"w:start" => lv.start = number(&e).unwrap_or(1),
                            b"w:numFmt" => lv.format = attr(&e, b"w:val").unwrap_or_default(),
                            _ => lv.text = attr(&e, b"w:val").unwrap_or_default(),
                        }
                    }
                }
                b"w:num" if !empty => {
                    instance = attr(&e, b"w:numId").and_then(|v| v.parse().ok());
                    if let Some(id) = instance {
                        n.instances.insert(id, Instance::default());
                    }
                }
                b"w:abstractNumId" => {
                    if let Some(i) = instance.and_then(|id| n.instances.get_mut(&id)) {
                        i.abstract_id = number(&e).unwrap_or(0);
                    }
                }
                b"w:lvlOverride" if !empty => override_level = level_no(),
                b"w:startOverride" => {
                    if let (Some(i), Some(l)) =
                        (instance.and_then(|id| n.instances.get_mut(&id)), override_level)
                    {
                        i.restarts[l] = Some(number(&e).unwrap_or(1));
                    }
                }
                _ => {}
            }
        }
        Ok(n)
    }

    /// The marker of the next paragraph of instance `num` at `level` ("•", "1.",
    /// "(b)"), counting it; `None` when the instance is unknown or draws nothing.
    pub(crate) fn marker(&self, counters: &mut Counters, num: u32, level: u8) -> Option<String> {
        let l = usize::from(level).min(LEVELS - 1);
        let instance = self.instances.get(&num)?;
        let levels = self.abstracts.get(&instance.abstract_id)?;
        let def = levels.get(l)?;
        let counts = counters.counts.entry(instance.abstract_id).or_insert_with(|| {
            let mut c = [0; LEVELS];
            for (k, lv) in levels.iter().enumerate().take(LEVELS) {
                c[k] = lv.start.saturating_sub(1);
            }
            c
        });
        if counters.seen.insert(num) {
            for (k, restart) in instance.restarts.iter().enumerate() {
                if let Some(s) = restart {
                    counts[k] = s.saturating_sub(1);
                }
            }
        }
        counts[l] = counts[l].saturating_add(1);
        for (k, c) in counts.iter_mut().enumerate().skip(l + 1) {
            *c = levels.get(k).map_or(0, |lv| lv.start.saturating_sub(1));
        }
        match def.format.as_str() {
            "none" => None,
            "bullet" => Some(bullet(&def.text)),
            _ => {
                let mut out = String::new();
                let mut chars = def.text.chars().peekable();
                while let Some(c) = chars.next() {
                    if c == '%'
                        && let Some(d) = chars.peek().and_then(|d| d.to_digit(10))
                    {
                        chars.next();
                        let k = (d as usize).saturating_sub(1).min(LEVELS - 1);
                        let format = levels.get(k).map_or("decimal", |lv| lv.format.as_str());
                        out.push_str(&format_number(counts[k], format));
                    } else {
                        out.push(c);
                    }
                }
                (!out.trim().is_empty()).then_some(out)
            }
        }
    }
}

/// A bullet glyph as text: Symbol and Wingdings glyphs (private-use characters)
/// and empty glyphs become "•".
fn bullet(text: &str) -> String {
    let t = text.trim();
    match t.chars().next() {
        None => "•".to_string(),
        Some(c) if ('\u{E000}'..='\u{F8FF}').contains(&c) => "•".to_string(),
        Some(_) => t.to_string(),
    }
}

fn format_number(n: u32, format: &str) -> String {
    match format {
        "lowerLetter" => letters(n, false),
        "upperLetter" => letters(n, true),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "decimalZero" if n < 10 => format!("0{n}"),
        _ => n.to_string(),
    }
}

/// 1 → a, 26 → z, 27 → aa (Word repeats the letter).
fn letters(n: u32, upper: bool) -> String {
    if n == 0 {
        return "0".to_string();
    }
    let base = if upper { b'A' } else { b'a' };
    let letter = char::from(base + ((n - 1) % 26) as u8);
    std::iter::repeat_n(letter, ((n - 1) / 26 + 1).min(10) as usize).collect()
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

#[derive(Debug, Clone, Default)]
struct Style {
    based_on: Option<String>,
    num: Option<u32>,
    level: Option<u8>,
    struck: Option<bool>,
}

/// Paragraph and character styles: the numbering a paragraph style gives, and
/// whether a character style strikes its runs through.
#[derive(Debug, Clone, Default)]
pub(crate) struct Styles {
    styles: HashMap<String, Style>,
}

impl Styles {
    pub(crate) fn read(xml: &[u8], file: Option<&str>) -> Result<Styles> {
        const PART: &str = "word/styles.xml";
        let mut s = Styles::default();
        let mut r = reader(xml);
        let mut current: Option<String> = None;
        // Inside a style's w:rPr (not its w:pPr's) / inside a *Change element.
        let mut in_rpr = false;
        let mut in_change = 0usize;
        loop {
            let (e, empty) = match r.read_event() {
                Ok(Event::Start(e)) => (e, false),
                Ok(Event::Empty(e)) => (e, true),
                Ok(Event::End(e)) => {
                    match e.name().as_ref() {
                        b"w:style" => current = None,
                        b"w:rPr" => in_rpr = false,
                        n if n.ends_with(b"Change") => in_change = in_change.saturating_sub(1),
                        _ => {}
                    }
                    continue;
                }
                Ok(Event::DocType(_)) => return Err(doctype(file, PART)),
                Ok(Event::Eof) => break,
                Err(_) => return Err(malformed(file, PART)),
                Ok(_) => continue,
            };
            let name = e.name();
            if name.as_ref().ends_with(b"Change") {
                in_change += usize::from(!empty);
                continue;
            }
            if in_change > 0 {
                continue;
            }
            let Some(id) = current.clone() else {
                if name.as_ref() == b"w:style" && !empty {
                    current = attr(&e, b"w:styleId");
                    if let Some(id) = &current {
                        s.styles.insert(id.clone(), Style::default());
                    }
                }
                continue;
            };
            let Some(style) = s.styles.get_mut(&id) else { continue };
            match name.as_ref() {
                b"w:basedOn" => style.based_on = attr(&e, b"w:val"),
                b"w:numId" => style.num = number(&e),
                b"w:ilvl" => style.level = number(&e).map(|l| l.min(8) as u8),
                b"w:rPr" if !empty => in_rpr = true,
                b"w:strike" | b"w:dstrike" if in_rpr => style.struck = Some(on(&e)),
                _ => {}
            }
        }
        Ok(s)
    }

    /// The numbering instance and level a paragraph style gives (through the
    /// styles it is based on).
    pub(crate) fn numbering(&self, id: &str) -> Option<(u32, u8)> {
        let mut at = self.styles.get(id)?;
        for _ in 0..16 {
            if let Some(num) = at.num {
                return Some((num, at.level.unwrap_or(0)));
            }
            at = self.styles.get(at.based_on.as_deref()?)?;
        }
        None
    }

    /// Whether a character style strikes its text through.
    pub(crate) fn struck(&self, id: &str) -> bool {
        let mut at = self.styles.get(id);
        for _ in 0..16 {
            let Some(s) = at else { return false };
            if let Some(v) = s.struck {
                return v;
            }
            at = s.based_on.as_deref().and_then(|b| self.styles.get(b));
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NUMBERING: &str = r#"<w:numbering xmlns:w="x">
      <w:abstractNum w:abstractNumId="1">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="(%1)"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="2">
        <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="&#xF0B7;"/></w:lvl>
        <w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>
      <w:num w:numId="6"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
      <w:num w:numId="7"><w:abstractNumId w:val="2"/></w:num>
    </w:numbering>"#;

    #[test]
    fn markers_count_like_word() {
        let n = Numbering::read(NUMBERING.as_bytes(), None).unwrap();
        let mut c = Counters::default();
        let mut m = |num, lvl| n.marker(&mut c, num, lvl);
        assert_eq!(m(5, 0).as_deref(), Some("(1)"));
        assert_eq!(m(5, 1).as_deref(), Some("a)"));
        assert_eq!(m(5, 1).as_deref(), Some("b)"));
        assert_eq!(m(5, 0).as_deref(), Some("(2)"));
        assert_eq!(m(5, 1).as_deref(), Some("a)"));
        // Another instance of the same list restarts only where it says so.
        assert_eq!(m(6, 0).as_deref(), Some("(1)"));
        assert_eq!(m(6, 0).as_deref(), Some("(2)"));
        assert_eq!(m(7, 0).as_deref(), Some("•"));
        assert_eq!(m(7, 1).as_deref(), Some("o"));
        assert_eq!(m(99, 0), None);
    }

    #[test]
    fn number_formats() {
        assert_eq!(letters(28, false), "bb");
        assert_eq!(roman(14), "XIV");
        assert_eq!(format_number(4, "lowerRoman"), "iv");
        assert_eq!(format_number(3, "decimalZero"), "03");
    }

    #[test]
    fn styles_give_numbering_and_strike() {
        let xml = r#"<w:styles xmlns:w="x">
          <w:style w:type="paragraph" w:styleId="ListBullet"><w:basedOn w:val="Normal"/>
            <w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>
          <w:style w:type="paragraph" w:styleId="ListBullet2"><w:basedOn w:val="ListBullet"/></w:style>
          <w:style w:type="character" w:styleId="Gone"><w:rPr><w:strike/></w:rPr>
            <w:rPrChange><w:rPr><w:dstrike/></w:rPr></w:rPrChange></w:style>
          <w:style w:type="character" w:styleId="Kept"><w:rPr><w:b/></w:rPr>
            <w:rPrChange w:id="1"><w:rPr><w:strike/></w:rPr></w:rPrChange></w:style>
        </w:styles>"#;
        let s = Styles::read(xml.as_bytes(), None).unwrap();
        assert_eq!(s.numbering("ListBullet2"), Some((7, 0)));
        assert_eq!(s.numbering("Normal"), None);
        assert!(s.struck("Gone"));
        assert!(!s.struck("Kept"));
        let err = Styles::read(b"<!DOCTYPE x [<!ENTITY a \"b\">]><w:styles/>", Some("f.docx")).unwrap_err();
        assert!(err.to_string().contains("declares a document type"), "{err}");
    }
}
