//! PDF → lines: the text layer's glyphs with their positions (through
//! pdf-extract, which decodes fonts, encodings and `ToUnicode` maps over lopdf),
//! and the lines drawn on each page (table borders, strike-through), laid out by
//! [`super::layout`].
//!
//! pdf-extract panics on some malformed files; each page is read under
//! [`std::panic::catch_unwind`], and a page that cannot be read is skipped and
//! reported ([`super::Extracted::skipped_pages`]) instead of losing the document.
//! [`super::quiet_reader_panics`] keeps such panics off standard error.

use std::io::Read;
use std::panic::{AssertUnwindSafe, catch_unwind};

use flate2::read::ZlibDecoder;
use lopdf::{Document, Object, ObjectId};
use pdf_extract::{ColorSpace, MediaBox, OutputDev, OutputError, Path, PathOp, Transform};

use super::layout::{Laid, Page, Rule, join_split_rows, lay_out, render};
use super::{DocumentOptions, Extracted, Origin, refuse};
use crate::Result;

/// Reads a PDF.
pub(crate) fn extract(bytes: &[u8], file: Option<&str>, options: &DocumentOptions) -> Result<Extracted> {
    // The page count from the trailer and page tree alone, so an oversized file is
    // refused before its objects are read.
    if let Ok(meta) = catch_unwind(|| Document::load_metadata_mem(bytes))
        .unwrap_or_else(|_| Err(lopdf::Error::Unimplemented("panic")))
        && meta.page_count > options.max_pages
    {
        return Err(too_many(file, meta.page_count, options.max_pages));
    }
    // Object streams are unpacked whole when the file is loaded: measure them first.
    if object_streams_unpack(bytes, options.max_unpacked) > options.max_unpacked {
        return Err(unpacks(file, options.max_unpacked));
    }
    let doc = match catch_unwind(|| Document::load_mem(bytes)) {
        Ok(Ok(doc)) => doc,
        Ok(Err(lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword)) => return Err(encrypted(file)),
        Ok(Err(_)) | Err(_) => return Err(refuse(file, "cannot read the pdf: the file is damaged")),
    };
    if doc.is_encrypted() {
        return Err(encrypted(file));
    }
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let count = u32::try_from(pages.len()).unwrap_or(u32::MAX);
    if count > options.max_pages {
        return Err(too_many(file, count, options.max_pages));
    }
    let mut out = Extracted { pages: Some(count), ..Extracted::default() };
    let mut glyphs = 0usize;
    let mut laid: Vec<(u32, Laid)> = Vec::with_capacity(pages.len());
    // Page content is unpacked whole by the reader: measure it first, in all.
    let mut content = 0u64;
    for id in doc.get_pages().values() {
        content = content.saturating_add(content_unpacks(&doc, *id, options.max_unpacked));
        if content > options.max_unpacked {
            return Err(unpacks(file, options.max_unpacked));
        }
    }
    for &number in &pages {
        let mut collector = Collector::default();
        let read =
            catch_unwind(AssertUnwindSafe(|| pdf_extract::output_doc_page(&doc, &mut collector, number)));
        if collector.full {
            return Err(refuse(
                file,
                format!("refused: page {number} of the pdf holds more than {MAX_GLYPHS} characters"),
            ));
        }
        let Some(page) = collector.page.take() else {
            out.skipped_pages.push(number);
            continue;
        };
        if !matches!(read, Ok(Ok(()))) {
            out.skipped_pages.push(number);
        }
        glyphs += page.glyphs.len();
        laid.push((number, lay_out(&page)));
    }
    if glyphs == 0 {
        return Err(refuse(file, "no text layer: run OCR first (the pdf has only images, like a scan)"));
    }
    let (numbers, mut laid): (Vec<u32>, Vec<Laid>) = laid.into_iter().unzip();
    join_split_rows(&mut laid);
    for (number, page) in numbers.into_iter().zip(&laid) {
        let mut first = true;
        for line in render(page) {
            // A form feed starts each page, as pdftotext writes: the parser knows
            // running headers and footers by their place next to page breaks.
            let line = if first && number > 1 { format!("\u{c}{line}") } else { line };
            first = false;
            out.push(&line, Origin::Page(number));
        }
        if first && number > 1 {
            out.push("\u{c}", Origin::Page(number));
        }
    }
    Ok(out)
}

/// The most characters one page may hold (a dense page of small print holds
/// about 10,000).
const MAX_GLYPHS: usize = 200_000;

fn unpacks(file: Option<&str>, max: u64) -> crate::Error {
    refuse(
        file,
        format!("refused: the pdf unpacks to more than {} MiB of content (a compression bomb?)", max >> 20),
    )
}

/// How many bytes `data` inflates to, counting at most `cap + 1`; `None` when it is
/// not a zlib stream.
fn inflated(data: &[u8], cap: u64) -> Option<u64> {
    let mut reader = ZlibDecoder::new(data).take(cap.saturating_add(1));
    // Damaged data counts as far as it inflates; the reader reports it later.
    let mut n = 0u64;
    let mut buf = [0u8; 16 * 1024];
    loop {
        match reader.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(k) => n += k as u64,
        }
    }
    (n > 0 || data.is_empty()).then_some(n)
}

/// How far the object streams (`/Type /ObjStm`) of a PDF unpack, in all, read
/// from the raw bytes (at most `cap + 1`).
fn object_streams_unpack(bytes: &[u8], cap: u64) -> u64 {
    let mut total = 0u64;
    let mut at = 0;
    while let Some(k) = find(&bytes[at..], b"/ObjStm") {
        let from = at + k;
        let Some(s) = find(&bytes[from..bytes.len().min(from + 4096)], b"stream") else {
            at = from + 7;
            continue;
        };
        let mut start = from + s + 6;
        while matches!(bytes.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        total = total.saturating_add(inflated(&bytes[start..], cap - total.min(cap)).unwrap_or(0));
        if total > cap {
            break;
        }
        at = start;
    }
    total
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// How far a page's content streams unpack (at most `cap + 1`; streams in other
/// encodings count their packed size).
fn content_unpacks(doc: &Document, page: ObjectId, cap: u64) -> u64 {
    let mut total = 0u64;
    for id in doc.get_page_contents(page) {
        let Ok(Object::Stream(stream)) = doc.get_object(id) else { continue };
        let flate = match stream.dict.get(b"Filter") {
            Ok(Object::Name(n)) => n.as_slice() == b"FlateDecode",
            Ok(Object::Array(a)) => a.first().and_then(|f| f.as_name().ok()) == Some(b"FlateDecode"),
            _ => false,
        };
        let size = if flate {
            inflated(&stream.content, cap).unwrap_or(stream.content.len() as u64)
        } else {
            stream.content.len() as u64
        };
        total = total.saturating_add(size);
        if total > cap {
            break;
        }
    }
    total
}

fn too_many(file: Option<&str>, pages: u32, max: u32) -> crate::Error {
    refuse(
        file,
        format!("refused: the pdf has {pages} pages, more than the limit of {max} (see --max-pages)"),
    )
}

fn encrypted(file: Option<&str>) -> crate::Error {
    refuse(file, "the pdf is encrypted: it needs a password to open; save an unprotected copy and try again")
}

/// Collects one page's glyphs and drawn lines.
#[derive(Default)]
struct Collector {
    page: Option<Page>,
    height: f64,
    /// The page holds more than [`MAX_GLYPHS`]: reading stopped.
    full: bool,
}

impl Collector {
    /// A point in page space, y measured down from the top.
    fn point(&self, ctm: &Transform, x: f64, y: f64) -> (f64, f64) {
        let px = x * ctm.m11 + y * ctm.m21 + ctm.m31;
        let py = x * ctm.m12 + y * ctm.m22 + ctm.m32;
        (px, self.height - py)
    }

    fn rules(&mut self, ctm: &Transform, path: &Path, filled: bool) {
        let mut out = Vec::new();
        let mut at = None;
        let mut start = None;
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) => {
                    at = Some(self.point(ctm, x, y));
                    start = at;
                }
                PathOp::LineTo(x, y) => {
                    let p = self.point(ctm, x, y);
                    if let Some(a) = at {
                        out.push(Rule::new(a, p));
                    }
                    at = Some(p);
                }
                PathOp::Rect(x, y, width, height) => {
                    let corner = self.point(ctm, x, y);
                    let far = self.point(ctm, x + width, y + height);
                    let whole = Rule::new(corner, far);
                    if filled {
                        // A thin filled rectangle is a rule (Word and LibreOffice draw
                        // borders and strike-through so); a big one is shading.
                        if whole.is_thin() {
                            out.push(whole);
                        }
                    } else {
                        out.push(Rule::new(corner, (far.0, corner.1)));
                        out.push(Rule::new((far.0, corner.1), far));
                        out.push(Rule::new(far, (corner.0, far.1)));
                        out.push(Rule::new((corner.0, far.1), corner));
                    }
                }
                PathOp::CurveTo(.., x, y) => at = Some(self.point(ctm, x, y)),
                PathOp::Close => {
                    if let (Some(a), Some(s)) = (at, start) {
                        out.push(Rule::new(a, s));
                    }
                    at = start;
                }
            }
        }
        if let Some(page) = &mut self.page {
            page.rules.extend(out.into_iter().filter(Rule::is_thin));
        }
    }
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page: u32,
        media: &MediaBox,
        _art: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.height = media.ury - media.lly;
        self.page = Some(Page::default());
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        // The side of the square with the area of the transformed em square.
        let (vx, vy) = (font_size * (trm.m11 + trm.m21), font_size * (trm.m12 + trm.m22));
        let size = (vx * vy).abs().sqrt();
        let (x, y) = (trm.m31, self.height - trm.m32);
        if !(x.is_finite() && y.is_finite() && size.is_finite()) || text.trim().is_empty() {
            return Ok(());
        }
        if let Some(page) = &mut self.page {
            if page.glyphs.len() >= MAX_GLYPHS {
                // Stops the reader on this page.
                self.full = true;
                return Err(OutputError::FormatError(std::fmt::Error));
            }
            page.push(x, y, (width * size).max(0.0), size, text);
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn stroke(
        &mut self,
        ctm: &Transform,
        _cs: &ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.rules(ctm, path, false);
        Ok(())
    }

    fn fill(
        &mut self,
        ctm: &Transform,
        _cs: &ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.rules(ctm, path, true);
        Ok(())
    }
}
