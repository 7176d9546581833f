//! The page's half of [`crate::data::table_pack`]: tables → one `Blob` to attach to a job.
//! Each column is copied once into a typed array and once into its own small `Blob`, and
//! the page yields between slices of columns: 200,000 × 28 cells are 46 MB, whose two
//! copies took one 80 ms task when done in one go. The final `Blob` only references the
//! column blobs, so it costs nothing to build.

use js_sys::{Array, Float64Array, Uint32Array, Uint8Array};
use wasm_bindgen::JsValue;
use web_sys::Blob;

use super::yield_now::SliceClock;
use crate::data::table_pack::{cell_slices, pack_header, CellSlice};
use crate::data::table_parts::MISSING_CODE;
use crate::data::Table;

fn blob_of(part: &JsValue) -> Result<Blob, String> {
    Blob::new_with_buffer_source_sequence(&Array::of1(part))
        .map_err(|e| format!("could not hand the table to a worker: {e:?}"))
}

pub async fn table_blob(tables: &[&Table]) -> Result<Blob, String> {
    let parts = Array::new();
    let header = blob_of(&Uint8Array::from(pack_header(tables)?.as_slice()).into())?;
    parts.push(&header);
    let mut clock = SliceClock::new();
    for table in tables {
        for slice in cell_slices(table) {
            let cells: JsValue = match slice {
                CellSlice::F64(values) => Float64Array::from(values).into(),
                CellSlice::Codes(codes) => {
                    let flat: Vec<u32> = codes.iter().map(|c| c.unwrap_or(MISSING_CODE)).collect();
                    Uint32Array::from(flat.as_slice()).into()
                }
            };
            let column = blob_of(&cells)?;
            parts.push(&column);
            clock.tick().await;
        }
    }
    Blob::new_with_blob_sequence(&parts)
        .map_err(|e| format!("could not hand the table to a worker: {e:?}"))
}
