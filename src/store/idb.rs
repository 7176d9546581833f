//! A thin async wrapper over IndexedDB: one database, object stores keyed by string ids,
//! values stored as JS objects by structured clone (binary payloads stay binary).

use js_sys::{Array, Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbOpenDbRequest, IdbRequest, IdbTransactionMode};

const DB_NAME: &str = "ml-field-guide";
// 2: the "corpora" store (text lab).
const DB_VERSION: u32 = 2;
/// Every object store the app uses; created on first open.
pub const STORES: [&str; 3] = ["datasets", "notes", "corpora"];

fn js_error(value: JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "storage error".to_string())
}

/// Resolves when the request succeeds, with its result.
async fn request_done(request: &IdbRequest) -> Result<JsValue, String> {
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        let ok_request = request.clone();
        let on_success = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call1(
                &JsValue::NULL,
                &ok_request.result().unwrap_or(JsValue::UNDEFINED),
            );
        });
        let err_request = request.clone();
        let on_error = Closure::once_into_js(move |_: web_sys::Event| {
            let message = err_request
                .error()
                .ok()
                .flatten()
                .map(|e| e.message())
                .unwrap_or_else(|| "IndexedDB request failed".to_string());
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(&message));
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise).await.map_err(js_error)
}

pub async fn open() -> Result<IdbDatabase, String> {
    let window = web_sys::window().ok_or("no window")?;
    let factory = window
        .indexed_db()
        .map_err(js_error)?
        .ok_or("IndexedDB is not available in this browser")?;
    let request: IdbOpenDbRequest = factory
        .open_with_u32(DB_NAME, DB_VERSION)
        .map_err(js_error)?;
    let upgrade_request = request.clone();
    let on_upgrade = Closure::once_into_js(move |_: web_sys::Event| {
        if let Ok(result) = upgrade_request.result() {
            let db: IdbDatabase = result.unchecked_into();
            let existing = db.object_store_names();
            for store in STORES {
                if !existing.contains(store) {
                    let _ = db.create_object_store(store);
                }
            }
        }
    });
    request.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
    let db = request_done(&request).await?;
    Ok(db.unchecked_into())
}

fn store(
    db: &IdbDatabase,
    name: &str,
    mode: IdbTransactionMode,
) -> Result<web_sys::IdbObjectStore, String> {
    db.transaction_with_str_and_mode(name, mode)
        .and_then(|t| t.object_store(name))
        .map_err(js_error)
}

pub async fn put(store_name: &str, key: &str, value: &JsValue) -> Result<(), String> {
    let db = open().await?;
    let request = store(&db, store_name, IdbTransactionMode::Readwrite)?
        .put_with_key(value, &JsValue::from_str(key))
        .map_err(js_error)?;
    request_done(&request).await.map(|_| ())
}

/// The value stored under `key`, if any.
pub async fn get(store_name: &str, key: &str) -> Result<Option<JsValue>, String> {
    let db = open().await?;
    let request = store(&db, store_name, IdbTransactionMode::Readonly)?
        .get(&JsValue::from_str(key))
        .map_err(js_error)?;
    let value = request_done(&request).await?;
    Ok((!value.is_undefined()).then_some(value))
}

pub async fn delete(store_name: &str, key: &str) -> Result<(), String> {
    let db = open().await?;
    let request = store(&db, store_name, IdbTransactionMode::Readwrite)?
        .delete(&JsValue::from_str(key))
        .map_err(js_error)?;
    request_done(&request).await.map(|_| ())
}

/// Deletes every key that starts with `prefix`.
pub async fn delete_prefix(store_name: &str, prefix: &str) -> Result<(), String> {
    let db = open().await?;
    let range = web_sys::IdbKeyRange::bound(
        &JsValue::from_str(prefix),
        &JsValue::from_str(&format!("{prefix}\u{ffff}")),
    )
    .map_err(js_error)?;
    let request = store(&db, store_name, IdbTransactionMode::Readwrite)?
        .delete(&range)
        .map_err(js_error)?;
    request_done(&request).await.map(|_| ())
}

/// Every value in a store, in key order.
pub async fn get_all(store_name: &str) -> Result<Vec<JsValue>, String> {
    let db = open().await?;
    let request = store(&db, store_name, IdbTransactionMode::Readonly)?
        .get_all()
        .map_err(js_error)?;
    let values: Array = request_done(&request).await?.unchecked_into();
    Ok(values.iter().collect())
}
