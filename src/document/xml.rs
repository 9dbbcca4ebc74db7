//! The few things the Word readers need from quick-xml: a reader that refuses
//! document type declarations, text with its character references resolved, and
//! attribute values.

use quick_xml::Reader;
use quick_xml::events::{BytesRef, BytesStart, BytesText};

use super::refuse;
use crate::Error;

/// A reader over one part; white space is kept (it is text in `w:t`).
pub(crate) fn reader(xml: &[u8]) -> Reader<&[u8]> {
    let mut r = Reader::from_reader(xml);
    r.config_mut().trim_text(false);
    // Word writes well-formed XML; a mismatched end tag is a damaged part.
    r.config_mut().check_end_names = true;
    r
}

/// The error for a part that is not well-formed XML.
pub(crate) fn malformed(file: Option<&str>, part: &str) -> Error {
    refuse(file, format!("cannot read the word document: {part} is not well-formed xml"))
}

/// The error for a part with a document type declaration: the only way XML has to
/// define entities, which Word never writes and entity-expansion attacks need.
pub(crate) fn doctype(file: Option<&str>, part: &str) -> Error {
    refuse(
        file,
        format!(
            "refused: {part} declares a document type (<!DOCTYPE>), which word never writes (entity expansion)"
        ),
    )
}

/// The text of a text event (undecodable bytes are dropped, not fatal).
pub(crate) fn text(e: &BytesText<'_>) -> String {
    match e.decode() {
        Ok(s) => s.into_owned(),
        Err(_) => String::from_utf8_lossy(e.as_ref()).into_owned(),
    }
}

/// The character a reference stands for: the five predefined entities and
/// character references; anything else (which would need a DTD) gives nothing.
pub(crate) fn reference(e: &BytesRef<'_>) -> Option<char> {
    if let Ok(Some(c)) = e.resolve_char_ref() {
        return Some(c);
    }
    let name: &[u8] = e;
    match name {
        b"amp" => Some('&'),
        b"lt" => Some('<'),
        b"gt" => Some('>'),
        b"quot" => Some('"'),
        b"apos" => Some('\''),
        _ => None,
    }
}

/// The value of attribute `name` (a qualified name such as `w:val`).
pub(crate) fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    let a = e.try_get_attribute(name).ok()??;
    match a.unescape_value() {
        Ok(v) => Some(v.into_owned()),
        Err(_) => Some(String::from_utf8_lossy(&a.value).into_owned()),
    }
}

/// Whether an on/off property (`<w:strike/>`, `<w:strike w:val="false"/>`) is on.
pub(crate) fn on(e: &BytesStart<'_>) -> bool {
    !matches!(attr(e, b"w:val").as_deref(), Some("false" | "0" | "off" | "none"))
}

/// The `w:val` attribute as a number.
pub(crate) fn number(e: &BytesStart<'_>) -> Option<u32> {
    attr(e, b"w:val")?.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use quick_xml::events::Event;

    use super::*;

    #[test]
    fn references_and_attributes() {
        let mut r = reader(br#"<w:t a="1" w:val="false">A &amp; B &#x41;&#66; &bogus;</w:t>"#);
        let mut s = String::new();
        let mut off = false;
        loop {
            match r.read_event() {
                Ok(Event::Start(e)) => off = !on(&e),
                Ok(Event::Text(t)) => s.push_str(&text(&t)),
                Ok(Event::GeneralRef(g)) => s.extend(reference(&g)),
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
        assert_eq!(s, "A & B AB ");
        assert!(off);
    }
}
