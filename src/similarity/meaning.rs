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
}

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
        Meanings { dims, values, scale }
    }

    /// Without the `semantic` feature: no vectors.
    #[cfg(not(feature = "semantic"))]
    pub(crate) fn new(_texts: &[&str]) -> Meanings {
        Meanings::default()
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
        // Products of two bytes fit an i16 and sums of two an i32: in blocks of 16
        // the compiler multiplies and adds pairs in one vector instruction.
        let (ca, cb) = (a.chunks_exact(16), b.chunks_exact(16));
        let tail: i32 =
            ca.remainder().iter().zip(cb.remainder()).map(|(x, y)| i32::from(*x) * i32::from(*y)).sum();
        let dot: i32 = ca
            .zip(cb)
            .map(|(x, y)| {
                let mut block = [0i32; 16];
                for k in 0..16 {
                    block[k] = i32::from(i16::from(x[k]) * i16::from(y[k]));
                }
                block.iter().sum::<i32>()
            })
            .sum::<i32>()
            + tail;
        (f64::from(dot) * f64::from(self.scale[i]) * f64::from(other.scale[j])).clamp(-1.0, 1.0)
    }
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
}
