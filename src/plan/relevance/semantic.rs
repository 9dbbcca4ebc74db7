//! Sentence vectors for need ↔ need relevance: each need's static sentence vector
//! (`similarity::semantic`, with the `semantic` feature), stored flat.

#[cfg(feature = "semantic")]
use rayon::prelude::*;

#[cfg(feature = "semantic")]
use crate::similarity::Analysis;

/// The dimensions of the vectors.
#[cfg(feature = "semantic")]
pub(super) fn dims() -> usize {
    crate::similarity::semantic::SemanticModel::global().dims()
}

/// Every need's vector, `dims()` numbers a need, unit length (or zero for a text
/// with no known token), in need order.
///
/// Tried on the development pairs and not kept: the mean of each content word's
/// vector weighted by its inverse document frequency over the needs, and a soft
/// word alignment (each word's best cosine among the other need's words). Neither
/// beat the plain sentence vector on both kinds of pairs out of fold.
#[cfg(feature = "semantic")]
pub(super) fn sentence_vectors(analysis: &Analysis<'_>) -> Vec<f32> {
    let model = crate::similarity::semantic::SemanticModel::global();
    (0..analysis.need_count())
        .into_par_iter()
        .flat_map_iter(|i| model.embed(&analysis.need(i).item.text).as_slice().to_vec())
        .collect()
}
