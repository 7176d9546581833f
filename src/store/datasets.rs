//! User datasets in IndexedDB. The dataset's record holds the metadata as plain properties,
//! the table's skeleton (names, kinds, levels, text) and column profiles as postcard bytes,
//! and the number of columns stored beside it: each numeric or categorical column is its own
//! record (`<id>/column/<i>`), a typed array stored by structured clone as it arrived from the
//! worker. One write per column keeps each clone on the page's thread short.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::JsValue;

use super::idb;

const STORE: &str = "datasets";

/// How a stored table comes back.
pub enum StoredTable {
    /// The postcard encoding of a whole table (records written before columns were split).
    Encoded(Vec<u8>),
    /// A skeleton plus one typed array per numeric or categorical column, and the
    /// encoded column profiles.
    Parts {
        skeleton: Vec<u8>,
        profiles: Option<Vec<u8>>,
        columns: Array,
    },
}

/// What [`save`] writes besides the metadata.
pub struct Record<'a> {
    pub skeleton: &'a [u8],
    pub profiles: &'a [u8],
    pub columns: &'a Array,
}

pub struct StoredDataset {
    pub id: String,
    pub name: String,
    pub created_ms: f64,
    pub table: StoredTable,
}

fn field(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn object(fields: &[(&str, JsValue)]) -> Result<Object, String> {
    let value = Object::new();
    for (key, v) in fields {
        Reflect::set(&value, &JsValue::from_str(key), v)
            .map_err(|_| "could not build the stored record".to_string())?;
    }
    Ok(value)
}

fn column_prefix(id: &str) -> String {
    format!("{id}/column/")
}

/// Writes the columns first and the dataset's record last, so a dataset is listed only
/// once all of it is stored.
pub async fn save(id: &str, name: &str, created_ms: f64, record: Record<'_>) -> Result<(), String> {
    for (index, column) in record.columns.iter().enumerate() {
        let value = object(&[
            ("column_of", JsValue::from_str(id)),
            ("index", JsValue::from_f64(index as f64)),
            ("cells", column),
        ])?;
        idb::put(STORE, &format!("{}{index}", column_prefix(id)), &value).await?;
    }
    let value = object(&[
        ("id", JsValue::from_str(id)),
        ("name", JsValue::from_str(name)),
        ("created", JsValue::from_f64(created_ms)),
        ("skeleton", Uint8Array::from(record.skeleton).into()),
        ("profiles", Uint8Array::from(record.profiles).into()),
        (
            "column_count",
            JsValue::from_f64(record.columns.length() as f64),
        ),
    ])?;
    idb::put(STORE, id, &value).await
}

/// Changes the stored name; the columns are not touched.
pub async fn rename(id: &str, name: &str) -> Result<(), String> {
    let record = idb::get(STORE, id)
        .await?
        .ok_or_else(|| format!("dataset {id} is not stored"))?;
    Reflect::set(
        &record,
        &JsValue::from_str("name"),
        &JsValue::from_str(name),
    )
    .map_err(|_| "could not update the stored record".to_string())?;
    idb::put(STORE, id, &record).await
}

pub async fn delete(id: &str) -> Result<(), String> {
    idb::delete(STORE, id).await?;
    idb::delete_prefix(STORE, &column_prefix(id)).await
}

/// Every stored dataset with its columns in order. A dataset whose columns are not all
/// there is left out (its write was interrupted).
pub async fn load_all() -> Result<Vec<StoredDataset>, String> {
    let values = idb::get_all(STORE).await?;
    let column = |id: &str, index: usize| -> Option<JsValue> {
        values.iter().find_map(|v| {
            let matches = field(v, "column_of").as_string().as_deref() == Some(id)
                && field(v, "index").as_f64() == Some(index as f64);
            matches.then(|| field(v, "cells"))
        })
    };
    Ok(values
        .iter()
        .filter(|v| field(v, "column_of").is_undefined())
        .filter_map(|v| {
            let id = field(v, "id").as_string()?;
            let skeleton = field(v, "skeleton");
            let table = if skeleton.is_undefined() {
                StoredTable::Encoded(Uint8Array::new(&field(v, "table")).to_vec())
            } else {
                let count = field(v, "column_count").as_f64()? as usize;
                let columns = Array::new();
                for index in 0..count {
                    columns.push(&column(&id, index)?);
                }
                let profiles = field(v, "profiles");
                StoredTable::Parts {
                    skeleton: Uint8Array::new(&skeleton).to_vec(),
                    profiles: (!profiles.is_undefined())
                        .then(|| Uint8Array::new(&profiles).to_vec()),
                    columns,
                }
            };
            Some(StoredDataset {
                id,
                name: field(v, "name").as_string()?,
                created_ms: field(v, "created").as_f64().unwrap_or(0.0),
                table,
            })
        })
        .collect())
}
