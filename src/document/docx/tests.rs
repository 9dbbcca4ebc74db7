use super::*;

/// The lines of a document whose body is `body` (inside `w:body`).
fn lines(body: &str) -> Vec<String> {
    let numbering = Numbering::read(
            br#"<w:numbering><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="&#xF0B7;"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl></w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#,
            None,
        )
        .unwrap();
    let styles = Styles::read(
            br#"<w:styles><w:style w:styleId="ListBullet"><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style><w:style w:styleId="Gone"><w:rPr><w:strike/></w:rPr></w:style></w:styles>"#,
            None,
        )
        .unwrap();
    let xml = format!("<w:document><w:body>{body}</w:body></w:document>");
    let blocks = Walker::new(&numbering, &styles).walk(xml.as_bytes(), None).unwrap();
    let mut out = Extracted::default();
    write_blocks(&blocks, &mut out, None);
    out.text.lines().map(str::to_string).filter(|l| !l.is_empty()).collect()
}

fn p(runs: &str) -> String {
    format!("<w:p>{runs}</w:p>")
}

fn r(text: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

#[test]
fn deleted_struck_and_field_code_text_is_not_read() {
    let body = p(&format!(
        "{}<w:del w:id=\"1\"><w:r><w:delText>4</w:delText></w:r></w:del>{}\
             <w:r><w:rPr><w:strike/></w:rPr><w:t>old</w:t></w:r>\
             <w:r><w:rPr><w:dstrike w:val=\"true\"/></w:rPr><w:t>older</w:t></w:r>\
             <w:r><w:rPr><w:strike w:val=\"0\"/></w:rPr><w:t> kept</w:t></w:r>\
             <w:r><w:rPr><w:rStyle w:val=\"Gone\"/></w:rPr><w:t>styled</w:t></w:r>\
             <w:r><w:rPr><w:b/><w:rPrChange><w:rPr><w:strike/></w:rPr></w:rPrChange></w:rPr><w:t> bold</w:t></w:r>",
        r("201"),
        r("2 PLAN")
    ));
    assert_eq!(lines(&body), ["2012 PLAN kept bold"]);
    let fields = p(&format!(
        "{}<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> DATE \\@ \"MMM yyyy\" </w:instrText></w:r>\
             <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>{}<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>\
             <w:fldSimple w:instr=\" DOCPROPERTY x \">{}</w:fldSimple>",
        r("LAST UPDATED: "),
        r("Jan 2013"),
        r(" (kept)")
    ));
    assert_eq!(lines(&fields), ["LAST UPDATED: Jan 2013 (kept)"]);
}

#[test]
fn lists_tables_and_text_boxes() {
    let list = format!(
        "<w:p><w:pPr><w:pStyle w:val=\"ListBullet\"/></w:pPr>{}</w:p>\
             <w:p><w:pPr><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"3\"/></w:numPr></w:pPr>{}</w:p>\
             <w:p><w:pPr><w:pStyle w:val=\"ListBullet\"/><w:numPr><w:numId w:val=\"0\"/></w:numPr></w:pPr>{}</w:p>",
        r("Training"),
        r("sub item"),
        r("not a list")
    );
    assert_eq!(lines(&list), ["• Training", "    a) sub item", "not a list"]);
    let cell = |body: &str, props: &str| format!("<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>");
    let table = format!(
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"x\"/></w:tblPr>\
             <w:tr>{}</w:tr><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
        cell(&p(&r("A.1 Protect Cargo:")), "<w:gridSpan w:val=\"2\"/>"),
        cell(&p(&r("ECONOMY:")), "<w:vMerge w:val=\"restart\"/>"),
        cell(&p(&r("Chile")), ""),
        cell(&p(&r("repeated")), "<w:vMerge/>"),
        cell(&p(&r("Peru")), ""),
        cell(&p(&r("WHAT SPECIFIC NEEDS?")), ""),
        cell(&format!("{}{}", p(&r("first")), p(&r("second"))), ""),
    );
    assert_eq!(
        lines(&table),
        ["A.1 Protect Cargo:", "ECONOMY:\tChile", "Peru", "WHAT SPECIFIC NEEDS?", "first", "second"]
    );
    // A text box: Word writes it twice (DrawingML and a VML fallback); read once,
    // after the paragraph that anchors it.
    let boxed = p(&format!(
        "{}<mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx><w:txbxContent>{}</w:txbxContent></wps:txbx></w:drawing></mc:Choice>\
             <mc:Fallback><w:pict><v:textbox><w:txbxContent>{}</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent>{}",
        r("Anchor"),
        p(&r("In the box")),
        p(&r("In the box")),
        r(" text")
    ));
    assert_eq!(lines(&boxed), ["Anchor text", "In the box"]);
}

#[test]
fn a_deleted_paragraph_mark_joins_paragraphs() {
    let body = format!(
        "<w:p><w:pPr><w:rPr><w:del w:id=\"2\"/></w:rPr></w:pPr>{}</w:p>{}",
        r("Training on"),
        p(&r("screening would be useful."))
    );
    assert_eq!(lines(&body), ["Training on screening would be useful."]);
}

#[test]
fn origins_name_paragraphs_and_cells() {
    let numbering = Numbering::default();
    let styles = Styles::default();
    let xml = format!(
        "<w:document><w:body>{}<w:tbl><w:tr><w:tc>{}{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl></w:body></w:document>",
        p(&r("Title")),
        p(&r("Q")),
        p(&r("Q2")),
        p(&r("A"))
    );
    let blocks = Walker::new(&numbering, &styles).walk(xml.as_bytes(), None).unwrap();
    let mut out = Extracted::default();
    write_blocks(&blocks, &mut out, None);
    let at = |line: &str| {
        let k = out.text.split('\n').position(|l| l == line).unwrap();
        out.origins[k].to_string()
    };
    assert_eq!(at("Title"), "paragraph 1");
    assert_eq!(at("Q2"), "table 1, row 1, cell 1");
    assert_eq!(at("A"), "table 1, row 1, cell 2");
}

#[test]
fn deep_nesting_is_refused() {
    let numbering = Numbering::default();
    let styles = Styles::default();
    let nests = [
        ("<w:tbl><w:tr><w:tc>", "</w:tc></w:tr></w:tbl>"),
        ("<w:p><w:r><w:txbxContent>", "</w:txbxContent></w:r></w:p>"),
    ];
    for (open, close) in nests {
        let xml = format!("<w:document><w:body>{}</w:body></w:document>", open.repeat(40));
        let err = Walker::new(&numbering, &styles).walk(xml.as_bytes(), Some("x.docx")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.docx: refused: word/document.xml nests tables or text boxes more than 32 deep"
        );
        // A few levels are read.
        let body = format!("{}{}{}", open.repeat(5), p(&r("deep")), close.repeat(5));
        assert_eq!(lines(&body), ["deep"]);
    }
}

#[test]
fn hostile_xml_is_refused() {
    let numbering = Numbering::default();
    let styles = Styles::default();
    let bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]>\
                    <w:document><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>";
    let err = Walker::new(&numbering, &styles).walk(bomb.as_bytes(), Some("x.docx")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "x.docx: refused: word/document.xml declares a document type (<!DOCTYPE>), which word never writes \
             (entity expansion)"
    );
    let err = Walker::new(&numbering, &styles).walk(b"<w:body><w:p></w:q>", Some("x.docx")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "x.docx: cannot read the word document: word/document.xml is not well-formed xml"
    );
}
