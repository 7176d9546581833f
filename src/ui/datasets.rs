//! The user's datasets and the built-in samples, shared by the data area and every lab.
//! Uploads are parsed in a worker; parsed tables are kept in IndexedDB so a reload loses nothing.

use std::rc::Rc;
use std::sync::Arc;

use js_sys::{Array, ArrayBuffer, Float64Array, Uint32Array};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::pool::pool;
use super::yield_now::yield_to_browser;
use crate::data::{join_columns, profile_column, ColumnBuffer, ColumnProfile, Table};
use crate::jobs::protocol::{decode, encode};
use crate::jobs::{Event, Job, JobResult};
use crate::store::datasets::{self as stored, StoredTable};

/// Built-in samples: file stem in `public/samples/` and what it is.
pub const SAMPLES: [(&str, &str); 6] = [
    ("blobs_2d", "2,000 points in 5 Gaussian blobs, 2 features"),
    ("blobs_10d", "5,000 points in 6 Gaussian blobs, 10 features"),
    (
        "breast_cancer",
        "Wisconsin breast cancer: 569 tumours, 30 features, binary label",
    ),
    (
        "diabetes",
        "Diabetes progression: 442 patients, 10 features, regression target",
    ),
    (
        "ratings",
        "Generated ratings: 300 users × 200 items, 12,000 ratings driven by user × item tastes",
    ),
    (
        "timeseries_anomaly",
        "10,000-point time series with 8 spikes and a 400-point period break, 0/1 label",
    ),
];

pub fn sample_id(stem: &str) -> String {
    format!("sample:{stem}")
}

#[derive(Clone, Debug)]
pub struct Dataset {
    pub id: String,
    pub name: String,
    pub description: String,
    pub sample: bool,
    /// `None` until a sample has been fetched and parsed.
    pub table: Option<Arc<Table>>,
    /// One per column, in order; empty while `table` is `None`.
    pub profiles: Arc<Vec<ColumnProfile>>,
}

/// Two datasets are equal when they hold the very same table: comparing the tables' contents
/// (what `Arc`'s own `PartialEq` does) would walk millions of cells on the main thread every
/// time a memo over the dataset list re-runs.
impl PartialEq for Dataset {
    fn eq(&self, other: &Self) -> bool {
        let same_table = match (&self.table, &other.table) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        same_table
            && Arc::ptr_eq(&self.profiles, &other.profiles)
            && self.id == other.id
            && self.name == other.name
            && self.description == other.description
            && self.sample == other.sample
    }
}

/// An upload in progress or one that failed (failures stay listed until dismissed).
#[derive(Clone, Debug, PartialEq)]
pub struct Upload {
    pub file_name: String,
    pub fraction: f64,
    pub error: Option<String>,
    pub job_id: Option<u64>,
}

/// A table that has come back from the worker, with what storing it needs.
struct Parsed {
    table: Arc<Table>,
    profiles: Arc<Vec<ColumnProfile>>,
    /// The encoded skeleton and the columns as the typed arrays that arrived.
    skeleton: Vec<u8>,
    columns: Array,
}

#[derive(Clone, Copy)]
pub struct Datasets {
    pub list: RwSignal<Vec<Dataset>>,
    pub uploads: RwSignal<Vec<Upload>>,
    /// Set once the stored datasets have been read back from IndexedDB.
    pub restored: RwSignal<bool>,
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

impl Datasets {
    pub fn new() -> Datasets {
        let samples = SAMPLES
            .iter()
            .map(|(stem, description)| Dataset {
                id: sample_id(stem),
                name: format!("{stem}.csv"),
                description: (*description).to_string(),
                sample: true,
                table: None,
                profiles: Arc::default(),
            })
            .collect();
        let datasets = Datasets {
            list: RwSignal::new(samples),
            uploads: RwSignal::new(Vec::new()),
            restored: RwSignal::new(false),
        };
        datasets.restore();
        datasets
    }

    pub fn get(&self, id: &str) -> Option<Dataset> {
        self.list.with(|l| l.iter().find(|d| d.id == id).cloned())
    }

    fn restore(&self) {
        let this = *self;
        spawn_local(async move {
            match stored::load_all().await {
                Ok(mut records) => {
                    records.sort_by(|a, b| a.created_ms.total_cmp(&b.created_ms));
                    for record in records {
                        let name = record.name.clone();
                        match restore_table(record.table).await {
                            Ok((table, profiles)) => this.list.update(|l| {
                                l.push(Dataset {
                                    id: record.id,
                                    name: record.name,
                                    description: String::new(),
                                    sample: false,
                                    table: Some(Arc::new(table)),
                                    profiles: Arc::new(profiles),
                                })
                            }),
                            Err(e) => this.record_failure(
                                &name,
                                format!("{name}: the saved copy could not be read ({e})"),
                            ),
                        }
                    }
                }
                Err(e) => super::panic::show_banner(&format!("Could not read saved datasets: {e}")),
            }
            this.restored.set(true);
        });
    }

    /// Fetches and parses a sample the first time it is needed.
    pub fn ensure_loaded(&self, id: &str) {
        let Some(dataset) = self.get(id) else { return };
        if dataset.table.is_some() || !dataset.sample {
            return;
        }
        let this = *self;
        let id = id.to_string();
        let url = format!("samples/{}", dataset.name);
        spawn_local(async move {
            match fetch_bytes(&url).await {
                Ok(buffer) => this.parse_sample(dataset.name.clone(), buffer, id),
                Err(e) => this.record_failure(&dataset.name, e),
            }
        });
    }

    /// Parses a user's file in a worker (which reads it in slices: the page never loads it);
    /// on success it is stored and listed.
    pub fn upload(&self, file: web_sys::File, on_added: impl Fn(String) + 'static) {
        let this = *self;
        let name = file.name();
        let file_name = name.clone();
        let on_table = move |parsed: Parsed| {
            let id = this.fresh_id(&name);
            this.list.update(|l| {
                l.push(Dataset {
                    id: id.clone(),
                    name: name.clone(),
                    description: String::new(),
                    sample: false,
                    table: Some(parsed.table),
                    profiles: parsed.profiles.clone(),
                })
            });
            let (save_id, save_name) = (id.clone(), name.clone());
            spawn_local(async move {
                let record = stored::Record {
                    skeleton: &parsed.skeleton,
                    profiles: &encode(parsed.profiles.as_ref()),
                    columns: &parsed.columns,
                };
                let saved = stored::save(&save_id, &save_name, now_ms(), record).await;
                if let Err(e) = saved {
                    this.record_failure(
                        &save_name,
                        format!("{save_name} could not be saved for later: {e}"),
                    );
                }
            });
            on_added(id);
        };
        self.submit_parse(file_name, file.into(), on_table);
    }

    fn record_failure(&self, file_name: &str, error: String) {
        self.uploads.update(|u| {
            u.retain(|x| x.file_name != file_name);
            u.push(Upload {
                file_name: file_name.to_string(),
                fraction: 0.0,
                error: Some(error),
                job_id: None,
            })
        });
    }

    fn parse_sample(&self, file_name: String, buffer: ArrayBuffer, sample_id: String) {
        let this = *self;
        self.submit_parse(file_name, buffer.into(), move |parsed| {
            this.list.update(|l| {
                if let Some(d) = l.iter_mut().find(|d| d.id == sample_id) {
                    d.table = Some(parsed.table.clone());
                    d.profiles = parsed.profiles.clone();
                }
            });
        });
    }

    /// Parses `file` (a `File` or an `ArrayBuffer`) in a worker and hands the result to `on_table`.
    fn submit_parse(&self, file_name: String, file: JsValue, on_table: impl Fn(Parsed) + 'static) {
        let this = *self;
        let name = file_name.clone();
        let on_table = Rc::new(on_table);
        let job_id = pool().submit_file(
            Job::ParseCsv {
                file_name: file_name.clone(),
            },
            file,
            move |event, buffers| match event {
                Event::Progress { fraction, .. } => this.uploads.update(|u| {
                    if let Some(x) = u.iter_mut().find(|x| x.file_name == name) {
                        x.fraction = fraction;
                    }
                }),
                Event::Done(JobResult::Table {
                    skeleton, profiles, ..
                }) => {
                    let (name, on_table) = (name.clone(), on_table.clone());
                    spawn_local(async move {
                        let skeleton_bytes = encode(&skeleton);
                        let table = assemble(skeleton, &buffers).await;
                        this.uploads.update(|u| u.retain(|x| x.file_name != name));
                        match table {
                            Ok(table) => on_table(Parsed {
                                table: Arc::new(table),
                                profiles: Arc::new(profiles),
                                skeleton: skeleton_bytes,
                                columns: buffers.iter().collect(),
                            }),
                            Err(e) => this.record_failure(&name, format!("{name}: {e}")),
                        }
                    });
                }
                Event::Done(_) => this.record_failure(&name, format!("{name}: unexpected result")),
                Event::Failed(message) if message == "cancelled" => {
                    this.uploads.update(|u| u.retain(|x| x.file_name != name))
                }
                Event::Failed(message) => this.record_failure(&name, message),
                Event::Ready => {}
            },
        );
        self.uploads.update(|u| {
            u.retain(|x| x.file_name != file_name);
            u.push(Upload {
                file_name,
                fraction: 0.0,
                error: None,
                job_id: Some(job_id),
            })
        });
    }

    pub fn cancel_upload(&self, file_name: &str) {
        let job = self.uploads.with(|u| {
            u.iter()
                .find(|x| x.file_name == file_name)
                .and_then(|x| x.job_id)
        });
        match job {
            Some(id) => pool().cancel(id),
            None => self
                .uploads
                .update(|u| u.retain(|x| x.file_name != file_name)),
        }
    }

    /// A readable, unique id: the file stem plus a counter when needed.
    fn fresh_id(&self, name: &str) -> String {
        let stem: String = name
            .trim_end_matches(".csv")
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        let stem = if stem.is_empty() {
            "dataset".to_string()
        } else {
            stem
        };
        let taken = |id: &str| self.list.with_untracked(|l| l.iter().any(|d| d.id == id));
        let mut id = stem.clone();
        let mut n = 2;
        while taken(&id) {
            id = format!("{stem}-{n}");
            n += 1;
        }
        id
    }

    pub fn rename(&self, id: &str, new_name: String) {
        let mut renamed = false;
        self.list.update(|l| {
            if let Some(d) = l.iter_mut().find(|d| d.id == id && !d.sample) {
                d.name = new_name.clone();
                renamed = true;
            }
        });
        if renamed {
            let this = *self;
            let id = id.to_string();
            spawn_local(async move {
                if let Err(e) = stored::rename(&id, &new_name).await {
                    this.record_failure(&new_name, format!("could not save the new name: {e}"));
                }
            });
        }
    }

    pub fn delete(&self, id: &str) {
        self.list.update(|l| l.retain(|d| d.id != id || d.sample));
        let id = id.to_string();
        spawn_local(async move {
            if let Err(e) = stored::delete(&id).await {
                super::panic::show_banner(&format!("Could not delete the stored dataset: {e}"));
            }
        });
    }
}

impl Default for Datasets {
    fn default() -> Self {
        Datasets::new()
    }
}

/// A stored table and its profiles (profiled here only for records that predate stored profiles).
async fn restore_table(stored: StoredTable) -> Result<(Table, Vec<ColumnProfile>), String> {
    let (table, profiles) = match stored {
        StoredTable::Encoded(bytes) => (decode::<Table>(&bytes)?, None),
        StoredTable::Parts {
            skeleton,
            profiles,
            columns,
        } => {
            let table = assemble(decode::<Table>(&skeleton)?, &columns.to_vec()).await?;
            (table, profiles.and_then(|p| decode(&p).ok()))
        }
    };
    let profiles = profiles.unwrap_or_else(|| table.columns.iter().map(profile_column).collect());
    Ok((table, profiles))
}

/// Copies a table's columns out of the typed arrays they arrived in (from the worker or
/// from storage), one column per task so the page never stalls on a big table.
pub async fn assemble(skeleton: Table, columns: &[JsValue]) -> Result<Table, String> {
    let mut buffers = Vec::with_capacity(columns.len());
    for column in columns {
        if let Some(cells) = column.dyn_ref::<Float64Array>() {
            buffers.push(ColumnBuffer::F64(cells.to_vec()));
        } else if let Some(codes) = column.dyn_ref::<Uint32Array>() {
            buffers.push(ColumnBuffer::U32(codes.to_vec()));
        } else {
            return Err("a column arrived in an unknown form".to_string());
        }
        yield_to_browser().await;
    }
    join_columns(skeleton, buffers)
}

async fn fetch_bytes(url: &str) -> Result<ArrayBuffer, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| format!("could not load {url}"))?
        .unchecked_into();
    if !response.ok() {
        return Err(format!("could not load {url}: HTTP {}", response.status()));
    }
    let buffer = JsFuture::from(
        response
            .array_buffer()
            .map_err(|_| format!("could not read {url}"))?,
    )
    .await
    .map_err(|_| format!("could not read {url}"))?;
    Ok(buffer.unchecked_into())
}
