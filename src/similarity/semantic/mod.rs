//! A general semantic signal: static token vectors distilled from a sentence-embedding
//! model (behind the `semantic` feature).
//!
//! Takes any text and gives out an [`Embedding`], a unit vector whose
//! [cosine](Embedding::cosine) with another text's says how close their meanings are,
//! for paraphrase that no thesaurus lists ("terrorist financing" and "money
//! laundering" share no word). The vectors were distilled, Model2Vec-style, from
//! all-MiniLM-L6-v2 (Apache-2.0; see `README.md` beside this file for the source,
//! the licence and attribution, the method and how to regenerate them): one vector
//! per `WordPiece` token of the model's uncased vocabulary, the model's own embedding
//! of that token alone, PCA-reduced, weighted down for frequent tokens, quantised to
//! int8. A text's embedding is the mean of its tokens' vectors, L2-normalised; no
//! model runs at build or run time and nothing is downloaded.
//!
//! # Examples
//!
//! ```
//! use capmatch::similarity::semantic::SemanticModel;
//!
//! let model = SemanticModel::global();
//! let need = model.embed("Training on money laundering investigations");
//! let paraphrase = model.embed("Workshop on tracing the proceeds of crime");
//! let port = model.embed("Port facility security assessments");
//! assert!(need.cosine(&paraphrase) > need.cosine(&port));
//! ```

mod tokenize;

use std::sync::OnceLock;

use tokenize::WordPiece;

/// The distilled vectors: header, one f32 scale a row, then int8 rows (format in README.md).
static VECTORS: &[u8] = include_bytes!("vectors.bin");
/// The teacher's `WordPiece` vocabulary, one token a line; the line number is the row.
static VOCAB: &str = include_str!("vocab.txt");

const MAGIC: &[u8; 4] = b"CMSV";
const VERSION: u32 = 1;
const QUANT_INT8_ROW_SCALE: u32 = 1;
const HEADER: usize = 20;
/// Partial sums in [`Embedding::cosine`].
const LANES: usize = 8;

/// Static token vectors and the tokenizer that reads text into their rows.
///
/// Built once from data compiled into the crate; [`SemanticModel::global`] gives the
/// shared instance. Embedding is deterministic (the same text gives bit-identical
/// vectors on every run and thread) and never panics.
///
/// # Examples
///
/// ```
/// use capmatch::similarity::semantic::SemanticModel;
///
/// let model = SemanticModel::global();
/// assert_eq!(model.tokens("Unaffable!"), ["una", "##ffa", "##ble", "!"]);
/// assert_eq!(model.embed("counter-terrorism").as_slice().len(), model.dims());
/// ```
pub struct SemanticModel {
    wordpiece: WordPiece,
    scales: Vec<f32>,
    rows: &'static [u8],
    dims: usize,
}

impl SemanticModel {
    /// The model built from the vectors compiled into the crate, made on first use
    /// (about a millisecond: the vocabulary's lookup tables) and shared afterwards.
    ///
    /// # Panics
    ///
    /// Only if the compiled-in data were inconsistent, which the crate's tests rule out.
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::similarity::semantic::SemanticModel;
    ///
    /// assert!(std::ptr::eq(SemanticModel::global(), SemanticModel::global()));
    /// ```
    pub fn global() -> &'static SemanticModel {
        static MODEL: OnceLock<SemanticModel> = OnceLock::new();
        MODEL.get_or_init(|| match Self::parse(VECTORS, VOCAB) {
            Ok(model) => model,
            // Not reachable from input: the data is part of the build and tested.
            Err(why) => panic!("compiled-in semantic vectors are corrupt: {why}"),
        })
    }

    fn parse(data: &'static [u8], vocab: &'static str) -> Result<Self, &'static str> {
        let word = |i: usize| -> Result<u32, &'static str> {
            let bytes = data.get(4 + 4 * i..8 + 4 * i).ok_or("truncated header")?;
            Ok(u32::from_le_bytes(bytes.try_into().map_err(|_| "truncated header")?))
        };
        if data.get(..4) != Some(MAGIC.as_slice()) {
            return Err("bad magic");
        }
        if word(0)? != VERSION || word(3)? != QUANT_INT8_ROW_SCALE {
            return Err("unsupported version or quantisation");
        }
        let dims = word(1)? as usize;
        let count = word(2)? as usize;
        let wordpiece = WordPiece::new(vocab)?;
        if wordpiece.tokens.len() != count || dims == 0 {
            return Err("vocabulary and vectors disagree in size");
        }
        let scales_end = HEADER + 4 * count;
        if data.len() != scales_end + count * dims {
            return Err("data length does not match the header");
        }
        let scales = data[HEADER..scales_end]
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect::<Vec<_>>();
        if scales.iter().any(|s| !s.is_finite() || *s < 0.0) {
            return Err("a row scale is negative or not finite");
        }
        Ok(Self { wordpiece, scales, rows: &data[scales_end..], dims })
    }

    /// The number of dimensions of every [`Embedding`].
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::similarity::semantic::SemanticModel;
    ///
    /// assert_eq!(SemanticModel::global().dims(), 128);
    /// ```
    pub fn dims(&self) -> usize {
        self.dims
    }

    /// The number of `WordPiece` tokens in the vocabulary.
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::similarity::semantic::SemanticModel;
    ///
    /// assert_eq!(SemanticModel::global().vocab_size(), 30522);
    /// ```
    pub fn vocab_size(&self) -> usize {
        self.wordpiece.tokens.len()
    }

    /// The `WordPiece` tokens of `text`, as BERT's uncased tokenizer gives them: lower
    /// case, accents stripped, split at white space and punctuation, each word cut
    /// greedily into the longest vocabulary pieces (`##` marks a continuation); a
    /// word that cannot be cut, or is longer than 100 characters, is `[UNK]`.
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::similarity::semantic::SemanticModel;
    ///
    /// let model = SemanticModel::global();
    /// assert_eq!(model.tokens("Résumé of the CTAP"), ["resume", "of", "the", "ct", "##ap"]);
    /// assert_eq!(model.tokens("e-seal"), ["e", "-", "seal"]);
    /// ```
    pub fn tokens(&self, text: &str) -> Vec<&'static str> {
        let mut ids = Vec::new();
        self.wordpiece.tokenize(text, &mut String::new(), &mut ids);
        ids.iter().map(|&id| self.wordpiece.tokens[id as usize]).collect()
    }

    /// The embedding of `text`: the mean of its tokens' vectors, L2-normalised. A
    /// text with no known token (empty, white space, only unknown words) gives the
    /// zero vector, whose cosine with anything is 0.
    ///
    /// # Complexity
    ///
    /// O(characters + tokens × dims); allocates the result, the token ids and one word buffer.
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::similarity::semantic::SemanticModel;
    ///
    /// let model = SemanticModel::global();
    /// let e = model.embed("Container security initiative");
    /// let norm: f32 = e.as_slice().iter().map(|x| x * x).sum::<f32>().sqrt();
    /// assert!((norm - 1.0).abs() < 1e-5);
    /// assert!(model.embed("  ").is_zero());
    /// ```
    pub fn embed(&self, text: &str) -> Embedding {
        let mut ids = Vec::with_capacity(text.len() / 4);
        self.wordpiece.tokenize(text, &mut String::new(), &mut ids);
        let mut sum = vec![0f32; self.dims];
        for id in ids {
            let id = id as usize;
            let scale = self.scales[id];
            if scale == 0.0 {
                continue;
            }
            let row = &self.rows[id * self.dims..(id + 1) * self.dims];
            for (acc, &q) in sum.iter_mut().zip(row) {
                *acc += scale * f32::from(q.cast_signed());
            }
        }
        // Dividing by the token count would not change the direction: normalise only.
        let norm = sum.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm > 0.0 && norm.is_finite() {
            for x in &mut sum {
                *x /= norm;
            }
        } else {
            sum.fill(0.0);
        }
        Embedding(sum.into_boxed_slice())
    }
}

/// A text's embedding: a unit vector of [`SemanticModel::dims`] numbers, or the zero
/// vector for a text without known tokens.
///
/// # Examples
///
/// ```
/// use capmatch::similarity::semantic::SemanticModel;
///
/// let model = SemanticModel::global();
/// let a = model.embed("Known Shipper regime for air cargo");
/// assert!((a.cosine(&a) - 1.0).abs() < 1e-5);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Embedding(Box<[f32]>);

impl Embedding {
    /// The cosine of two embeddings, in [-1, 1]: 1 for the same direction, about 0
    /// for unrelated texts (in practice most pairs of texts score between 0 and 1),
    /// and 0 when either is the zero vector. Both must come from the same model;
    /// vectors of different lengths compare over the shorter one.
    ///
    /// # Complexity
    ///
    /// O(dims), no allocation.
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::similarity::semantic::SemanticModel;
    ///
    /// let model = SemanticModel::global();
    /// let aml = model.embed("anti-money laundering");
    /// let cft = model.embed("countering the financing of terrorism");
    /// let seals = model.embed("container seals");
    /// assert!(aml.cosine(&cft) > aml.cosine(&seals));
    /// assert_eq!(aml.cosine(&model.embed("")), 0.0);
    /// ```
    pub fn cosine(&self, other: &Embedding) -> f32 {
        let n = self.0.len().min(other.0.len());
        let (a, b) = (self.0[..n].chunks_exact(LANES), other.0[..n].chunks_exact(LANES));
        let tail: f32 = a.remainder().iter().zip(b.remainder()).map(|(x, y)| x * y).sum();
        // Eight independent partial sums let the compiler use SIMD; the order of the
        // additions is still fixed, so the result is the same on every run.
        let mut lanes = [0f32; LANES];
        for (x, y) in a.zip(b) {
            for i in 0..LANES {
                lanes[i] += x[i] * y[i];
            }
        }
        (lanes.iter().sum::<f32>() + tail).clamp(-1.0, 1.0)
    }

    /// The vector's components.
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::similarity::semantic::SemanticModel;
    ///
    /// assert!(SemanticModel::global().embed("").as_slice().iter().all(|&x| x == 0.0));
    /// ```
    pub fn as_slice(&self) -> &[f32] {
        &self.0
    }

    /// Whether this is the zero vector (the text had no known token).
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::similarity::semantic::SemanticModel;
    ///
    /// assert!(SemanticModel::global().embed("").is_zero());
    /// assert!(!SemanticModel::global().embed("border").is_zero());
    /// ```
    pub fn is_zero(&self) -> bool {
        self.0.iter().all(|&x| x == 0.0)
    }
}

#[cfg(test)]
mod tests;
