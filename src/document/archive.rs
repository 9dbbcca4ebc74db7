//! Reading parts of a `.docx` zip archive within limits.
//!
//! A part is unpacked through a reader that stops one byte past what is allowed,
//! so sizes written in the archive (which a zip bomb lies about) are never
//! trusted: the total of all parts read and each part's ratio of unpacked to
//! packed size are checked on the bytes actually produced.

use std::io::{Cursor, Read};

use zip::ZipArchive;
use zip::result::ZipError;

use super::{DocumentOptions, refuse};
use crate::Result;

/// Parts under this size are not held to the ratio limit: a small part of
/// repeated markup can pack very well and harm nobody.
const RATIO_FREE: u64 = 1 << 20;

/// The most parts an archive may have: Word writes a few dozen, and the zip
/// reader indexes every part before the first is read (900,000 empty parts in
/// 85 MB took 0.64 GB).
const MAX_PARTS: u64 = 10_000;

/// The number of parts the archive's end record declares, if it has one: the
/// end-of-central-directory record ("PK\x05\x06") in the last 64 KiB, or the
/// ZIP64 record it points to when the count does not fit in 16 bits.
fn declared_parts(bytes: &[u8]) -> Option<u64> {
    const EOCD: &[u8] = b"PK\x05\x06";
    let tail = bytes.len().saturating_sub(22 + 65_535);
    let at = tail + bytes[tail..].windows(4).rposition(|w| w == EOCD)?;
    let le16 = |k: usize| bytes.get(k..k + 2).map(|b| u64::from(u16::from_le_bytes([b[0], b[1]])));
    let count = le16(at + 10)?;
    if count != 0xFFFF {
        return Some(count);
    }
    // ZIP64: a locator right before the record gives the ZIP64 record's offset.
    let locator = at.checked_sub(20)?;
    if bytes.get(locator..locator + 4)? != b"PK\x06\x07" {
        return Some(count);
    }
    let le64 = |k: usize| bytes.get(k..k + 8).and_then(|b| b.try_into().ok()).map(u64::from_le_bytes);
    let record = usize::try_from(le64(locator + 8)?).ok()?;
    le64(record.checked_add(32)?)
}

/// An open `.docx` archive and what has been unpacked from it so far.
pub(crate) struct Archive<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    file: Option<&'a str>,
    unpacked: u64,
    options: &'a DocumentOptions,
}

impl<'a> Archive<'a> {
    pub(crate) fn open(bytes: &'a [u8], file: Option<&'a str>, options: &'a DocumentOptions) -> Result<Self> {
        if let Some(n) = declared_parts(bytes).filter(|n| *n > MAX_PARTS) {
            return Err(refuse(
                file,
                format!(
                    "refused: the archive has {n} parts, more than {MAX_PARTS} (a word document has a few dozen)"
                ),
            ));
        }
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(file, &e))?;
        Ok(Archive { zip, file, unpacked: 0, options })
    }

    /// The part's bytes, `None` when the archive has no such part.
    pub(crate) fn part(&mut self, name: &str) -> Result<Option<Vec<u8>>> {
        let file = self.file;
        let mut entry = match self.zip.by_name(name) {
            Ok(entry) => entry,
            Err(ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(damaged(file, &e)),
        };
        if entry.encrypted() {
            return Err(refuse(file, "the word document is encrypted: remove the password and try again"));
        }
        let packed = entry.compressed_size().max(1);
        let room = self.options.max_unpacked.saturating_sub(self.unpacked);
        let ratio_cap = packed.saturating_mul(self.options.max_ratio).max(RATIO_FREE);
        let cap = room.min(ratio_cap);
        let mut out = Vec::with_capacity(usize::try_from(entry.size().min(cap).min(64 << 20)).unwrap_or(0));
        (&mut entry).take(cap.saturating_add(1)).read_to_end(&mut out).map_err(|e| damaged_io(file, &e))?;
        let got = out.len() as u64;
        if got > cap {
            return Err(if cap == room {
                refuse(
                    file,
                    format!(
                        "refused: the word document unpacks to more than {} MiB (a zip bomb?)",
                        self.options.max_unpacked >> 20
                    ),
                )
            } else {
                refuse(
                    file,
                    format!(
                        "refused: part {name} unpacks to more than {} times its packed size (a zip bomb?)",
                        self.options.max_ratio
                    ),
                )
            });
        }
        self.unpacked += got;
        Ok(Some(out))
    }
}

fn damaged(file: Option<&str>, e: &ZipError) -> crate::Error {
    let why = match e {
        ZipError::UnsupportedArchive(what) if *what == ZipError::PASSWORD_REQUIRED => {
            return refuse(file, "the word document is encrypted: remove the password and try again");
        }
        ZipError::UnsupportedArchive(_) | ZipError::CompressionMethodNotSupported(_) => {
            "it uses a zip feature word does not write"
        }
        _ => "the zip archive is damaged",
    };
    refuse(file, format!("cannot read the word document: {why}"))
}

fn damaged_io(file: Option<&str>, _e: &std::io::Error) -> crate::Error {
    refuse(file, "cannot read the word document: the zip archive is damaged")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_end_record_says_how_many_parts() {
        let mut zip = vec![0u8; 100];
        zip.extend_from_slice(b"PK\x05\x06\0\0\0\0\x03\0\x03\0");
        zip.extend_from_slice(&[0; 10]);
        assert_eq!(declared_parts(&zip), Some(3));
        assert_eq!(declared_parts(b"PK\x03\x04 no end record"), None);
        let mut many = vec![0u8; 10];
        many.extend_from_slice(b"PK\x05\x06\0\0\0\0\x50\xC3\x50\xC3");
        many.extend_from_slice(&[0; 10]);
        let err = Archive::open(&many, Some("many.docx"), &DocumentOptions::new()).err().unwrap();
        assert_eq!(
            err.to_string(),
            "many.docx: refused: the archive has 50000 parts, more than 10000 (a word document has a few dozen)"
        );
    }
}
