//! The page's half of [`crate::data::table_pack`]: tables → one `Blob` to attach to a job.
//! Each column is copied once into a typed array and once by the `Blob` constructor, both
//! native copies, so even 200,000 × 28 cells leave the main thread in a few milliseconds
//! (serializing them cell by cell took hundreds).

use js_sys::{Array, Float64Array, Uint32Array, Uint8Array};
use web_sys::Blob;

use crate::data::table_pack::{cell_slices, pack_header, CellSlice};
use crate::data::table_parts::MISSING_CODE;
use crate::data::Table;

pub fn table_blob(tables: &[&Table]) -> Result<Blob, String> {
    let parts = Array::new();
    parts.push(&Uint8Array::from(pack_header(tables)?.as_slice()));
    for table in tables {
        for slice in cell_slices(table) {
            match slice {
                CellSlice::F64(values) => parts.push(&Float64Array::from(values)),
                CellSlice::Codes(codes) => {
                    let flat: Vec<u32> = codes.iter().map(|c| c.unwrap_or(MISSING_CODE)).collect();
                    parts.push(&Uint32Array::from(flat.as_slice()))
                }
            };
        }
    }
    Blob::new_with_buffer_source_sequence(&parts)
        .map_err(|e| format!("could not hand the table to a worker: {e:?}"))
}
