//! Long numeric vectors in worker messages as one byte string each. postcard writes a
//! `Vec<f64>` element by element through serde, and decoding 200,000 predictions plus as
//! many row indices that way was most of the page's work when a big boosting result
//! arrived (≈ 40 ms of the task). As little-endian bytes, decoding is one pass over a slice.
//! Use with `#[serde(with = "crate::data::bulk::f64s")]` (or `usizes`).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Error, SeqAccess, Visitor};
use serde::{Deserializer, Serializer};

/// Fixed-width little-endian encoding of one element.
trait Element: Sized {
    const WIDTH: usize;
    fn put(&self, out: &mut Vec<u8>);
    fn take(bytes: &[u8]) -> Option<Self>;
}

impl Element for f64 {
    const WIDTH: usize = 8;
    fn put(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
    fn take(bytes: &[u8]) -> Option<f64> {
        Some(f64::from_le_bytes(bytes.try_into().ok()?))
    }
}

/// Row indices travel as u64 so the native and the wasm32 builds agree.
impl Element for usize {
    const WIDTH: usize = 8;
    fn put(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&(*self as u64).to_le_bytes());
    }
    fn take(bytes: &[u8]) -> Option<usize> {
        usize::try_from(u64::from_le_bytes(bytes.try_into().ok()?)).ok()
    }
}

fn to_bytes<T: Element>(values: &[T]) -> Vec<u8> {
    let mut out = Vec::with_capacity(values.len() * T::WIDTH);
    for v in values {
        v.put(&mut out);
    }
    out
}

fn from_bytes<T: Element, E: Error>(bytes: &[u8]) -> Result<Vec<T>, E> {
    if !bytes.len().is_multiple_of(T::WIDTH) {
        return Err(E::custom("a numeric vector's bytes are not whole elements"));
    }
    bytes
        .chunks_exact(T::WIDTH)
        .map(|chunk| T::take(chunk).ok_or_else(|| E::custom("a row index does not fit")))
        .collect()
}

struct BytesOf<T>(PhantomData<T>);

impl<'de, T: Element> Visitor<'de> for BytesOf<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a byte string of little-endian numbers")
    }

    fn visit_bytes<E: Error>(self, bytes: &[u8]) -> Result<Vec<T>, E> {
        from_bytes(bytes)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut bytes = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(b) = seq.next_element::<u8>()? {
            bytes.push(b);
        }
        from_bytes(&bytes)
    }
}

macro_rules! bulk_module {
    ($name:ident, $t:ty) => {
        pub mod $name {
            use super::*;

            pub fn serialize<S: Serializer>(values: &[$t], s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(&to_bytes(values))
            }

            pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<$t>, D::Error> {
                d.deserialize_bytes(BytesOf::<$t>(PhantomData))
            }
        }
    };
}

bulk_module!(f64s, f64);
bulk_module!(usizes, usize);

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Carrier {
        #[serde(with = "super::f64s")]
        values: Vec<f64>,
        #[serde(with = "super::usizes")]
        rows: Vec<usize>,
        after: u8,
    }

    #[test]
    fn vectors_round_trip_through_postcard_and_json() {
        let carrier = Carrier {
            values: vec![0.25, -1e300, f64::NAN, 0.0, f64::INFINITY],
            rows: vec![0, 7, 199_999, usize::from(u16::MAX)],
            after: 9,
        };
        let bytes = postcard::to_allocvec(&carrier).expect("encode");
        let back: Carrier = postcard::from_bytes(&bytes).expect("decode");
        assert_eq!(back.rows, carrier.rows);
        assert_eq!(back.after, 9);
        let same = |a: &[f64], b: &[f64]| {
            a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits()) && a.len() == b.len()
        };
        assert!(same(&back.values, &carrier.values));
        let json = serde_json::to_string(&carrier).expect("json");
        let back: Carrier = serde_json::from_str(&json).expect("from json");
        assert!(same(&back.values, &carrier.values));
    }

    #[test]
    fn ragged_bytes_are_refused() {
        #[derive(Serialize)]
        struct Raw<'a>(#[serde(with = "serde_bytes_shim")] &'a [u8]);
        mod serde_bytes_shim {
            pub fn serialize<S: serde::Serializer>(b: &&[u8], s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(b)
            }
        }
        #[derive(Debug, Deserialize)]
        struct Values(#[serde(with = "super::f64s")] Vec<f64>);
        let bytes = postcard::to_allocvec(&Raw(&[1, 2, 3])).expect("encode");
        assert!(postcard::from_bytes::<Values>(&bytes).is_err());
        let whole = postcard::to_allocvec(&Raw(&0.5f64.to_le_bytes())).expect("encode");
        let values: Values = postcard::from_bytes(&whole).expect("decode");
        assert_eq!(values.0, vec![0.5]);
    }
}
