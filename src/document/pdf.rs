//! PDF → lines.
use super::{DocumentOptions, Extracted, refuse};
use crate::Result;

pub(crate) fn extract(_bytes: &[u8], file: Option<&str>, _options: &DocumentOptions) -> Result<Extracted> {
    Err(refuse(file, "todo"))
}
