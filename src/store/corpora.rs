//! User corpora in IndexedDB: metadata as plain properties, the documents as the postcard
//! bytes of a `text::Corpus` (the same bytes a TF-IDF job receives, so nothing is re-encoded).

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::JsValue;

use super::idb;

const STORE: &str = "corpora";

/// A stored corpus. `notes` are the import's messages (skipped files, lossy decoding).
pub struct StoredCorpus {
    pub id: String,
    pub name: String,
    pub created_ms: f64,
    pub documents: usize,
    pub bytes: Vec<u8>,
    pub notes: Vec<String>,
}

pub async fn save(corpus: &StoredCorpus) -> Result<(), String> {
    let value = Object::new();
    let set = |k: &str, v: JsValue| Reflect::set(&value, &JsValue::from_str(k), &v).map(|_| ());
    let notes: Array = corpus.notes.iter().map(|n| JsValue::from_str(n)).collect();
    set("id", JsValue::from_str(&corpus.id))
        .and_then(|_| set("name", JsValue::from_str(&corpus.name)))
        .and_then(|_| set("created", JsValue::from_f64(corpus.created_ms)))
        .and_then(|_| set("documents", JsValue::from_f64(corpus.documents as f64)))
        .and_then(|_| set("notes", notes.into()))
        .and_then(|_| set("corpus", Uint8Array::from(corpus.bytes.as_slice()).into()))
        .map_err(|_| "could not build the stored record".to_string())?;
    idb::put(STORE, &corpus.id, &value).await
}

pub async fn delete(id: &str) -> Result<(), String> {
    idb::delete(STORE, id).await
}

pub async fn load_all() -> Result<Vec<StoredCorpus>, String> {
    let get =
        |v: &JsValue, k: &str| Reflect::get(v, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
    Ok(idb::get_all(STORE)
        .await?
        .iter()
        .filter_map(|v| {
            let notes = get(v, "notes");
            let notes: Vec<String> = if Array::is_array(&notes) {
                Array::from(&notes)
                    .iter()
                    .filter_map(|n| n.as_string())
                    .collect()
            } else {
                Vec::new()
            };
            Some(StoredCorpus {
                id: get(v, "id").as_string()?,
                name: get(v, "name").as_string()?,
                created_ms: get(v, "created").as_f64().unwrap_or(0.0),
                documents: get(v, "documents").as_f64().unwrap_or(0.0) as usize,
                bytes: Uint8Array::new(&get(v, "corpus")).to_vec(),
                notes,
            })
        })
        .collect())
}
