//! `word/document.xml` → lines.
//!
//! One pass over the body's XML builds a tree of paragraphs and tables (cells
//! holding paragraphs and tables, text boxes attached to the paragraph that
//! anchors them), which is then written out as lines: see [`super`] for the
//! layout. What is not body text is skipped on the way: tracked deletions
//! (`w:del`, `w:moveFrom`), the old properties kept by tracked formatting changes
//! (`w:rPrChange` …), field instructions (`w:instrText`: a field shows its result),
//! the fallback copy of a drawing (`mc:Fallback`), and struck-through runs
//! (`w:strike`, `w:dstrike`, directly or through a character style).

use quick_xml::events::{BytesStart, Event};

use super::archive::Archive;
use super::numbering::{Counters, Numbering, Styles};
use super::xml::{self, attr, doctype, malformed, on, reader};
use super::{DocumentOptions, Extracted, Origin, refuse};
use crate::Result;

const BODY: &str = "word/document.xml";

/// How deep tables and text boxes may nest (Word documents nest a table or two
/// in a cell; the tree is walked recursively when it is written out, and a text
/// box's content moves up one level per enclosing box).
const MAX_NESTING: usize = 32;

/// Reads a `.docx`.
pub(crate) fn extract(bytes: &[u8], file: Option<&str>, options: &DocumentOptions) -> Result<Extracted> {
    let mut archive = Archive::open(bytes, file, options)?;
    let Some(body) = archive.part(BODY)? else {
        return Err(refuse(file, "a zip archive without word/document.xml: not a word document"));
    };
    let numbering = match archive.part("word/numbering.xml")? {
        Some(xml) => Numbering::read(&xml, file)?,
        None => Numbering::default(),
    };
    let styles = match archive.part("word/styles.xml")? {
        Some(xml) => Styles::read(&xml, file)?,
        None => Styles::default(),
    };
    let blocks = Walker::new(&numbering, &styles).walk(&body, file)?;
    let mut out = Extracted::default();
    write_blocks(&blocks, &mut out, None);
    // No trailing blank lines.
    while out.text.ends_with('\n') {
        out.text.pop();
        out.origins.pop();
    }
    Ok(out)
}

/// A paragraph or a table of the body (or of a cell or text box).
#[derive(Debug)]
enum Block {
    Para { text: String, marker: Option<String>, level: u8, index: u32 },
    Table { index: u32, rows: Vec<Vec<Cell>> },
}

#[derive(Debug, Default)]
struct Cell {
    blocks: Vec<Block>,
    /// A vertically merged cell that continues the one above (its content, if
    /// any, is not shown by Word).
    continued: bool,
}

/// A paragraph being read.
#[derive(Debug, Default)]
struct Para {
    text: String,
    index: u32,
    num: Option<u32>,
    level: Option<u8>,
    style: Option<String>,
    /// Its paragraph mark is a tracked deletion: it runs on into the next one.
    mark_deleted: bool,
    /// Text boxes anchored in it.
    boxes: Vec<Block>,
}

// The flags are independent pieces of XML context (inside w:pPr, w:rPr, w:t, a
// struck run), each set and cleared by its own element: not a state machine.
#[allow(clippy::struct_excessive_bools)]
struct Walker<'a> {
    numbering: &'a Numbering,
    styles: &'a Styles,
    counters: Counters,
    paragraphs: u32,
    tables: u32,
    /// Where finished blocks go: the body, a cell, a text box.
    containers: Vec<Vec<Block>>,
    /// Open tables, innermost last.
    open_tables: Vec<(u32, Vec<Vec<Cell>>)>,
    /// Whether each open cell continues a vertical merge.
    cell_continued: Vec<bool>,
    paras: Vec<Para>,
    /// Text of paragraphs whose mark was deleted, for the next paragraph.
    carry: String,
    /// Depth inside elements whose content is not read.
    skip: usize,
    /// Tables and text boxes were nested deeper than [`MAX_NESTING`].
    too_deep: bool,
    in_ppr: bool,
    in_rpr: bool,
    in_text: bool,
    struck: bool,
}

/// Elements whose whole content is not body text.
fn skipped(name: &[u8]) -> bool {
    matches!(
        name,
        b"w:del"
            | b"w:moveFrom"
            | b"mc:Fallback"
            | b"w:instrText"
            | b"w:delInstrText"
            | b"w:delText"
            | b"w:footnote"
            | b"w:endnote"
            | b"w:comment"
            | b"w:tblPr"
            | b"w:tblGrid"
            | b"w:sectPr"
    ) || name.ends_with(b"Change")
}

impl<'a> Walker<'a> {
    fn new(numbering: &'a Numbering, styles: &'a Styles) -> Self {
        Walker {
            numbering,
            styles,
            counters: Counters::default(),
            paragraphs: 0,
            tables: 0,
            containers: vec![Vec::new()],
            open_tables: Vec::new(),
            cell_continued: Vec::new(),
            paras: Vec::new(),
            carry: String::new(),
            skip: 0,
            too_deep: false,
            in_ppr: false,
            in_rpr: false,
            in_text: false,
            struck: false,
        }
    }

    fn walk(mut self, body: &[u8], file: Option<&str>) -> Result<Vec<Block>> {
        let mut r = reader(body);
        loop {
            match r.read_event() {
                Ok(Event::Start(e)) => {
                    self.start(&e, false);
                    if self.too_deep {
                        return Err(refuse(
                            file,
                            format!(
                                "refused: {BODY} nests tables or text boxes more than {MAX_NESTING} deep"
                            ),
                        ));
                    }
                }
                Ok(Event::Empty(e)) => self.start(&e, true),
                Ok(Event::End(e)) => self.end(e.name().as_ref()),
                Ok(Event::Text(t)) => {
                    if self.reading() {
                        let s = xml::text(&t);
                        self.push_text(&s);
                    }
                }
                Ok(Event::CData(t)) => {
                    if self.reading() {
                        let s = String::from_utf8_lossy(&t).into_owned();
                        self.push_text(&s);
                    }
                }
                Ok(Event::GeneralRef(g)) => {
                    if self.reading()
                        && let Some(c) = xml::reference(&g)
                    {
                        self.push_char(c);
                    }
                }
                Ok(Event::DocType(_)) => return Err(doctype(file, BODY)),
                Ok(Event::Eof) => break,
                Err(_) => return Err(malformed(file, BODY)),
                Ok(_) => {}
            }
        }
        // Whatever is still open (a truncated part) is kept as it is.
        while !self.paras.is_empty() {
            self.end(b"w:p");
        }
        while self.containers.len() > 1 {
            let blocks = self.containers.pop().unwrap_or_default();
            if let Some(c) = self.containers.last_mut() {
                c.extend(blocks);
            }
        }
        Ok(self.containers.pop().unwrap_or_default())
    }

    fn reading(&self) -> bool {
        self.skip == 0 && self.in_text && !self.struck && !self.paras.is_empty()
    }

    fn push_text(&mut self, s: &str) {
        if let Some(p) = self.paras.last_mut() {
            p.text.push_str(s);
        }
    }

    fn push_char(&mut self, c: char) {
        if let Some(p) = self.paras.last_mut() {
            p.text.push(c);
        }
    }

    fn start(&mut self, e: &BytesStart<'_>, empty: bool) {
        let name = e.name();
        let name = name.as_ref();
        if self.skip > 0 {
            self.skip += usize::from(!empty);
            return;
        }
        if skipped(name) {
            // An empty w:del in a paragraph mark's properties deletes the mark.
            if name == b"w:del"
                && self.in_ppr
                && self.in_rpr
                && let Some(p) = self.paras.last_mut()
            {
                p.mark_deleted = true;
            }
            self.skip += usize::from(!empty);
            return;
        }
        match name {
            b"w:p" => {
                self.paragraphs += 1;
                let para =
                    Para { index: self.paragraphs, text: std::mem::take(&mut self.carry), ..Para::default() };
                if empty {
                    self.paras.push(para);
                    self.end(b"w:p");
                } else {
                    self.paras.push(para);
                }
            }
            b"w:pPr" if !empty => self.in_ppr = true,
            b"w:rPr" if !empty => self.in_rpr = true,
            b"w:r" if !empty => self.struck = false,
            b"w:t" if !empty => self.in_text = true,
            b"w:pStyle" if self.in_ppr => {
                if let Some(p) = self.paras.last_mut() {
                    p.style = attr(e, b"w:val");
                }
            }
            b"w:numId" if self.in_ppr => {
                if let Some(p) = self.paras.last_mut() {
                    p.num = xml::number(e);
                }
            }
            b"w:ilvl" if self.in_ppr => {
                if let Some(p) = self.paras.last_mut() {
                    p.level = xml::number(e).map(|l| l.min(8) as u8);
                }
            }
            b"w:rStyle"
                if self.in_rpr
                    && !self.in_ppr
                    && attr(e, b"w:val").is_some_and(|s| self.styles.struck(&s)) =>
            {
                self.struck = true;
            }
            b"w:strike" | b"w:dstrike" if self.in_rpr && !self.in_ppr => {
                if on(e) {
                    self.struck = true;
                } else if name == b"w:strike" {
                    self.struck = false;
                }
            }
            b"w:tab" if !self.in_ppr => self.run_char('\t'),
            // A page or column break is layout, not a new line of text.
            b"w:br" | b"w:cr"
                if !self.in_ppr && !matches!(attr(e, b"w:type").as_deref(), Some("page" | "column")) =>
            {
                self.run_char('\n');
            }
            b"w:noBreakHyphen" => self.run_char('-'),
            b"w:sym" => {
                if let Some(c) = attr(e, b"w:char")
                    .and_then(|h| u32::from_str_radix(h.trim(), 16).ok())
                    .and_then(char::from_u32)
                {
                    self.run_char(c);
                }
            }
            b"w:txbxContent" | b"w:tbl"
                if !empty && self.containers.len() + self.open_tables.len() > MAX_NESTING =>
            {
                self.too_deep = true;
            }
            b"w:txbxContent" if !empty => self.containers.push(Vec::new()),
            b"w:tbl" if !empty => {
                self.tables += 1;
                self.open_tables.push((self.tables, Vec::new()));
            }
            b"w:tr" if !empty => {
                if let Some((_, rows)) = self.open_tables.last_mut() {
                    rows.push(Vec::new());
                }
            }
            b"w:tc" if !empty => {
                self.containers.push(Vec::new());
                self.cell_continued.push(false);
            }
            b"w:vMerge" => {
                let continued = !matches!(attr(e, b"w:val").as_deref(), Some("restart"));
                if let Some(c) = self.cell_continued.last_mut() {
                    *c = continued;
                }
            }
            _ => {}
        }
    }

    /// A character a run element stands for (a tab, a line break).
    fn run_char(&mut self, c: char) {
        if self.skip == 0 && !self.struck {
            self.push_char(c);
        }
    }

    fn end(&mut self, name: &[u8]) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        match name {
            b"w:p" => self.end_paragraph(),
            b"w:pPr" => self.in_ppr = false,
            b"w:rPr" => self.in_rpr = false,
            b"w:r" => self.struck = false,
            b"w:t" => self.in_text = false,
            b"w:txbxContent" if self.containers.len() > 1 => {
                let blocks = self.containers.pop().unwrap_or_default();
                match self.paras.last_mut() {
                    Some(p) => p.boxes.extend(blocks),
                    None => {
                        if let Some(c) = self.containers.last_mut() {
                            c.extend(blocks);
                        }
                    }
                }
            }
            b"w:tc" if self.containers.len() > 1 => {
                let blocks = self.containers.pop().unwrap_or_default();
                let continued = self.cell_continued.pop().unwrap_or(false);
                if let Some(row) = self.open_tables.last_mut().and_then(|(_, rows)| rows.last_mut()) {
                    row.push(Cell { blocks, continued });
                }
            }
            b"w:tbl" => {
                if let Some((index, rows)) = self.open_tables.pop() {
                    self.place(Block::Table { index, rows });
                }
            }
            _ => {}
        }
    }

    fn end_paragraph(&mut self) {
        let Some(mut p) = self.paras.pop() else { return };
        if p.mark_deleted {
            // Accepting the deletion joins this paragraph to the next.
            self.carry = p.text;
            self.carry.push(' ');
            for b in p.boxes {
                self.place(b);
            }
            return;
        }
        let num = match (p.num, p.style.as_deref().and_then(|s| self.styles.numbering(s))) {
            (Some(n), _) => Some((n, p.level.unwrap_or(0))),
            (None, Some((n, l))) => Some((n, p.level.unwrap_or(l))),
            (None, None) => None,
        };
        let (marker, level) = match num {
            // numId 0 takes numbering away.
            Some((n, l)) if n != 0 => (self.numbering.marker(&mut self.counters, n, l), l),
            _ => (None, 0),
        };
        let text = std::mem::take(&mut p.text);
        self.place(Block::Para { text, marker, level, index: p.index });
        for b in p.boxes {
            self.place(b);
        }
    }

    fn place(&mut self, b: Block) {
        if let Some(c) = self.containers.last_mut() {
            c.push(b);
        }
    }
}

/// The lines of one block list with their origins; `cell` is the table cell
/// they are in, if any.
fn write_blocks(blocks: &[Block], out: &mut Extracted, cell: Option<Origin>) {
    // A blank line between paragraphs, except between two list paragraphs.
    let mut last_list: Option<bool> = None;
    for b in blocks {
        match b {
            Block::Para { text, marker, level, index } => {
                let origin = cell.unwrap_or(Origin::Paragraph(*index));
                let list = marker.is_some();
                if last_list.is_some_and(|l| !(l && list)) {
                    out.push("", origin);
                }
                last_list = Some(list);
                let mut first = true;
                for piece in text.split('\n') {
                    let mut line = String::new();
                    if first && let Some(m) = marker {
                        line.extend(std::iter::repeat_n(' ', 4 * usize::from(*level)));
                        line.push_str(m);
                        line.push(' ');
                    }
                    first = false;
                    line.push_str(piece.trim_end());
                    out.push(&line, origin);
                }
            }
            Block::Table { index, rows } => {
                if last_list.is_some() {
                    out.push("", cell.unwrap_or(Origin::Row { table: *index, row: 1 }));
                }
                last_list = None;
                write_table(*index, rows, out);
            }
        }
    }
    if last_list.is_some() {
        let origin = out.origins.last().copied().unwrap_or(Origin::Paragraph(0));
        out.push("", origin);
    }
}

fn write_table(table: u32, rows: &[Vec<Cell>], out: &mut Extracted) {
    for (r, row) in rows.iter().enumerate() {
        let row_no = u32::try_from(r + 1).unwrap_or(u32::MAX);
        let mut cells: Vec<(u32, Extracted)> = Vec::new();
        for (c, cell) in row.iter().enumerate() {
            if cell.continued {
                continue;
            }
            let origin = Origin::Cell { table, row: row_no, cell: u32::try_from(c + 1).unwrap_or(u32::MAX) };
            let mut lines = Extracted::default();
            write_blocks(&cell.blocks, &mut lines, Some(origin));
            let text = lines.text.trim();
            if !text.is_empty() {
                cells.push((u32::try_from(c + 1).unwrap_or(u32::MAX), lines));
            }
        }
        let one_line = |e: &Extracted| e.text.trim().lines().count() == 1;
        if cells.len() >= 2 && cells.iter().all(|(_, e)| one_line(e)) {
            // A flattened row: "ECONOMY:\tViet Nam", "Contact Point:\tName: …\tTitle: …".
            let joined: Vec<&str> = cells.iter().map(|(_, e)| e.text.trim()).collect();
            out.push(&joined.join("\t"), Origin::Row { table, row: row_no });
        } else {
            for (_, lines) in &cells {
                for (line, origin) in lines.text.split('\n').zip(&lines.origins) {
                    out.push(line, *origin);
                }
                out.push("", *lines.origins.last().unwrap_or(&Origin::Row { table, row: row_no }));
            }
        }
        out.push("", Origin::Row { table, row: row_no });
    }
}

#[cfg(test)]
mod tests;
