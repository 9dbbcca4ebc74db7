//! Each item's meaning as a compact vector: the static sentence embedding of the
//! `semantic` feature ([`SemanticModel`](super::semantic::SemanticModel)), quantised
//! to one byte per dimension, so that a million items take 130 MB and a cosine is an
//! integer dot product. Without the feature every cosine is 0.

#[cfg(feature = "semantic")]
use rayon::prelude::*;

/// The items' embeddings of one side (needs or offers), in item order.
#[derive(Debug, Default)]
pub(crate) struct Meanings {
    dims: usize,
    /// Row `i` is `values[i * dims..(i + 1) * dims]`, the embedding divided by
    /// `scale[i]` and rounded.
    values: Vec<i8>,
    scale: Vec<f32>,
    /// Row `i`'s sign sketch: bit `d` is set when dimension `d` (of the first
    /// [`SKETCH_DIMS`]) is positive, and the last bit, [`SKETCH_VALID`], when the
    /// text has a known token at all.
    sketch: Vec<[u64; 2]>,
}

/// Dimensions a sign sketch keeps: with the validity bit, 16 bytes an item, so
/// that comparing a need with hundreds of offers reads 16 bytes of each (and
/// nothing else), not the whole vector.
const SKETCH_DIMS: usize = 127;

/// The bit of a sketch's second word that says the vector is not all zero.
const SKETCH_VALID: u64 = 1 << 63;

impl Meanings {
    /// Embeds every text (in parallel; the result does not depend on the thread
    /// count).
    #[cfg(feature = "semantic")]
    pub(crate) fn new(texts: &[&str]) -> Meanings {
        let model = super::semantic::SemanticModel::global();
        let dims = model.dims();
        let rows: Vec<(Vec<i8>, f32)> = texts
            .par_iter()
            .with_min_len(256)
            .map(|t| {
                let e = model.embed(t);
                let v = e.as_slice();
                let max = v.iter().fold(0f32, |m, x| m.max(x.abs()));
                if max == 0.0 {
                    return (vec![0; dims], 0.0);
                }
                let q = v.iter().map(|x| (x / max * 127.0).round() as i8).collect();
                (q, max / 127.0)
            })
            .collect();
        let mut values = Vec::with_capacity(rows.len() * dims);
        let mut scale = Vec::with_capacity(rows.len());
        for (q, s) in rows {
            values.extend(q);
            scale.push(s);
        }
        let sketch = values.chunks_exact(dims.max(1)).map(sign_sketch).collect();
        Meanings { dims, values, scale, sketch }
    }

    /// Without the `semantic` feature: no vectors.
    #[cfg(not(feature = "semantic"))]
    pub(crate) fn new(_texts: &[&str]) -> Meanings {
        Meanings::default()
    }

    /// Item `i`'s sign sketch (one with no known token when there is none, as
    /// without the `semantic` feature).
    pub(crate) fn sketch(&self, i: usize) -> Sketch {
        Sketch(self.sketch.get(i).copied().unwrap_or_default())
    }

    /// Reads item `i`'s vector, a line at a time (see `Side::warm`).
    pub(crate) fn warm(&self, i: usize) -> u64 {
        let row = self.values.get(i * self.dims..(i + 1) * self.dims).unwrap_or_default();
        let bytes = row.iter().step_by(64).fold(0u64, |f, &x| f ^ u64::from(x as u8));
        bytes ^ self.scale.get(i).map_or(0, |s| u64::from(s.to_bits()))
    }

    /// The cosine of item `i` here and item `j` of `other`, in [-1, 1] (0 without
    /// the `semantic` feature or for a text with no known token).
    pub(crate) fn cosine(&self, i: usize, other: &Meanings, j: usize) -> f64 {
        if self.dims == 0 || self.dims != other.dims {
            return 0.0;
        }
        let a = &self.values[i * self.dims..(i + 1) * self.dims];
        let b = &other.values[j * other.dims..(j + 1) * other.dims];
        // Products of two bytes fit an i16: sixteen running sums, which the
        // compiler keeps in vector registers, added up once at the end. Integer
        // sums are exact, so the order does not change the value.
        let (ca, cb) = (a.chunks_exact(16), b.chunks_exact(16));
        let tail: i32 =
            ca.remainder().iter().zip(cb.remainder()).map(|(x, y)| i32::from(*x) * i32::from(*y)).sum();
        let mut lanes = [0i32; 16];
        for (x, y) in ca.zip(cb) {
            for ((lane, &x), &y) in lanes.iter_mut().zip(x).zip(y) {
                *lane += i32::from(i16::from(x) * i16::from(y));
            }
        }
        let dot = lanes.iter().sum::<i32>() + tail;
        (f64::from(dot) * f64::from(self.scale[i]) * f64::from(other.scale[j])).clamp(-1.0, 1.0)
    }
}

/// A text's sign sketch, copied out of [`Meanings`] where it is read often.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Sketch([u64; 2]);

impl Sketch {
    /// How many of the first [`SKETCH_DIMS`] dimensions of the two texts' vectors
    /// agree in sign, as a similarity in [-1, 1]: 1 when all agree, 0 when half do
    /// (as for unrelated texts), and 0 when either text has no known token or
    /// without the `semantic` feature. A coarse, cheap stand-in for
    /// [`Meanings::cosine`], for choosing among many offers.
    pub(crate) fn similarity(self, other: Sketch) -> f32 {
        let (a, b) = (self.0, other.0);
        if a[1] & b[1] & SKETCH_VALID == 0 {
            return 0.0;
        }
        // Both validity bits are set, so they do not differ.
        let differ = (a[0] ^ b[0]).count_ones() + (a[1] ^ b[1]).count_ones();
        1.0 - 2.0 * differ as f32 / SKETCH_DIMS as f32
    }
}

/// The sign sketch of one quantised vector (see [`Meanings::sketch`]).
#[cfg_attr(not(feature = "semantic"), allow(dead_code))]
fn sign_sketch(row: &[i8]) -> [u64; 2] {
    let mut bits = [0u64; 2];
    for (d, &x) in row.iter().take(SKETCH_DIMS).enumerate() {
        bits[d / 64] |= u64::from(x > 0) << (d % 64);
    }
    if row.iter().any(|&x| x != 0) {
        bits[1] |= SKETCH_VALID;
    }
    bits
}

#[cfg(all(test, feature = "semantic"))]
mod tests {
    use super::*;
    use crate::similarity::semantic::SemanticModel;

    #[test]
    fn quantised_cosines_stay_close_to_the_model_s() {
        let texts = [
            "Known Shipper regime for air cargo",
            "regulated agents and known consignors",
            "training on money laundering investigations",
            "",
        ];
        let m = Meanings::new(&texts);
        let model = SemanticModel::global();
        for (i, a) in texts.iter().enumerate() {
            for (j, b) in texts.iter().enumerate() {
                let exact = f64::from(model.embed(a).cosine(&model.embed(b)));
                assert!((m.cosine(i, &m, j) - exact).abs() < 0.02, "{a} / {b}");
            }
        }
        assert_eq!(m.cosine(3, &m, 0), 0.0);
    }

    #[test]
    fn sign_sketches_follow_the_cosine() {
        let texts = [
            "Known Shipper regime for air cargo",
            "regulated agents and known consignors for air cargo",
            "training on money laundering investigations",
            "",
        ];
        let m = Meanings::new(&texts);
        assert_eq!(m.sketch(0).similarity(m.sketch(0)), 1.0);
        // The two air cargo texts are closer than air cargo and money laundering,
        // in the sketch as in the cosine.
        assert!(m.cosine(0, &m, 1) > m.cosine(0, &m, 2));
        assert!(m.sketch(0).similarity(m.sketch(1)) > m.sketch(0).similarity(m.sketch(2)));
        // A text with no known token is like nothing, not even itself.
        assert_eq!(m.sketch(3).similarity(m.sketch(3)), 0.0);
        assert_eq!(m.sketch(0).similarity(m.sketch(3)), 0.0);
    }

    #[test]
    fn a_sketch_sets_the_bits_of_positive_dimensions() {
        let mut row = vec![0i8; 130];
        assert_eq!(sign_sketch(&row), [0, 0]);
        row[1] = -5;
        assert_eq!(sign_sketch(&row), [0, SKETCH_VALID]);
        row[0] = 5;
        row[64] = 1;
        row[127] = 9; // past SKETCH_DIMS
        assert_eq!(sign_sketch(&row), [1, 1 | SKETCH_VALID]);
    }
}
