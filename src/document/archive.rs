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

/// An open `.docx` archive and what has been unpacked from it so far.
pub(crate) struct Archive<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    file: Option<&'a str>,
    unpacked: u64,
    options: &'a DocumentOptions,
}

impl<'a> Archive<'a> {
    pub(crate) fn open(bytes: &'a [u8], file: Option<&'a str>, options: &'a DocumentOptions) -> Result<Self> {
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
