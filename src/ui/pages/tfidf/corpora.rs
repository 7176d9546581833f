//! The corpora the text lab can run on: the built-in sample (fetched only when chosen) and the
//! user's own, imported from files, a folder or a CSV column and kept in IndexedDB.
//!
//! Files are read one `await` at a time, so importing hundreds of files never blocks the
//! page; each file gets the corpus rules of `text::Corpus::from_files` (binary files skipped,
//! invalid UTF-8 decoded lossily). Tokenizing happens later, in the worker.

use std::sync::Arc;

use js_sys::Uint8Array;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::data::{Column, Table};
use crate::jobs::protocol::{decode, encode};
use crate::jobs::{Event, Job, JobResult};
use crate::store::corpora::{self as stored, StoredCorpus};
use crate::text::corpus::has_text_ending;
use crate::text::{Corpus, CorpusImport, Document};
use crate::ui::datasets::assemble;
use crate::ui::pool::pool;

pub const SAMPLE_ID: &str = "sample:sotu";
const SAMPLE_DIR: &str = "samples/corpus_small";

/// A corpus ready to run: the decoded documents (for snippets) and their encoded bytes
/// (sent to workers as they are).
#[derive(Clone, Debug)]
pub struct Loaded {
    pub corpus: Arc<Corpus>,
    pub encoded: Arc<Vec<u8>>,
}

#[derive(Clone, Debug)]
pub struct CorpusEntry {
    pub id: String,
    pub name: String,
    pub sample: bool,
    pub documents: usize,
    /// What the import reported: skipped files and lossily decoded ones.
    pub notes: Vec<String>,
    /// Stored bytes not decoded yet (decoded when the corpus is chosen).
    stored: Option<Arc<Vec<u8>>>,
    pub loaded: Option<Loaded>,
}

/// Entries compare by identity of their data, never by walking megabytes of text.
impl PartialEq for CorpusEntry {
    fn eq(&self, other: &Self) -> bool {
        let same = match (&self.loaded, &other.loaded) {
            (Some(a), Some(b)) => Arc::ptr_eq(&a.corpus, &b.corpus),
            (None, None) => true,
            _ => false,
        };
        same && self.id == other.id
            && self.name == other.name
            && self.documents == other.documents
            && self.notes == other.notes
    }
}

/// A CSV waiting for the user to choose its text column.
#[derive(Clone, Debug)]
pub struct PendingCsv {
    pub file_name: String,
    pub table: Arc<Table>,
}

impl PendingCsv {
    /// Columns that can hold documents: free text first, then categorical ones.
    pub fn text_columns(&self) -> Vec<String> {
        let mut text: Vec<String> = Vec::new();
        let mut other: Vec<String> = Vec::new();
        for (name, column) in self.table.names.iter().zip(&self.table.columns) {
            match column {
                Column::Text(_) => text.push(name.clone()),
                Column::Categorical { .. } => other.push(name.clone()),
                Column::Numeric(_) => {}
            }
        }
        text.extend(other);
        text
    }
}

/// Where an import stands, for the progress line.
#[derive(Clone, Debug, PartialEq)]
pub struct Importing {
    pub message: String,
    pub fraction: f64,
}

#[derive(Clone, Copy)]
pub struct Corpora {
    pub list: RwSignal<Vec<CorpusEntry>>,
    pub importing: RwSignal<Option<Importing>>,
    /// Messages of the last import (skipped files, lossy decoding) or its failure.
    pub report: RwSignal<Vec<String>>,
    pub error: RwSignal<Option<String>>,
    pub pending_csv: RwSignal<Option<PendingCsv>>,
}

fn sample_entry() -> CorpusEntry {
    CorpusEntry {
        id: SAMPLE_ID.into(),
        name: "State of the Union addresses, 1790–2018 (sample)".into(),
        sample: true,
        documents: 233,
        notes: Vec::new(),
        stored: None,
        loaded: None,
    }
}

/// The notes an import leaves: what was skipped and why, what was decoded lossily.
pub fn import_notes(import: &CorpusImport) -> Vec<String> {
    let mut notes: Vec<String> = import
        .skipped
        .iter()
        .map(|s| format!("Skipped {}: {}", s.name, s.reason))
        .collect();
    if !import.decoded_lossily.is_empty() {
        notes.push(format!(
            "Not valid UTF-8, decoded with replacement characters (�): {}",
            import.decoded_lossily.join(", ")
        ));
    }
    let empty = import
        .corpus
        .documents
        .iter()
        .filter(|d| d.text.trim().is_empty())
        .count();
    if empty > 0 {
        notes.push(format!(
            "{empty} empty document{} kept (they count as documents with no terms)",
            if empty == 1 { "" } else { "s" }
        ));
    }
    notes
}

/// Unpacks a `.zip` in a worker (inflating megabytes would stall the page).
async fn unzip(file: web_sys::File, name: &str) -> Result<CorpusImport, String> {
    let outcome = std::rc::Rc::new(std::cell::RefCell::new(
        None::<Result<CorpusImport, String>>,
    ));
    let slot = outcome.clone();
    let job = Job::UnzipCorpus {
        file_name: name.to_string(),
    };
    let finished = js_sys::Promise::new(&mut |resolve, _| {
        let slot = slot.clone();
        pool().submit_file(job.clone(), file.clone().into(), move |event, _| {
            let result = match event {
                Event::Done(JobResult::Unzipped(import)) => Ok(import),
                Event::Done(_) => Err("the worker answered with something else".to_string()),
                Event::Failed(message) => Err(message),
                Event::Progress { .. } | Event::Ready => return,
            };
            *slot.borrow_mut() = Some(result);
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        });
    });
    let _ = JsFuture::from(finished).await;
    let result = outcome.borrow_mut().take();
    result.unwrap_or_else(|| Err("the archive was not unpacked".to_string()))
}

/// A file's id inside the corpus: its path below the chosen folder, or its name.
fn document_id(file: &web_sys::File) -> String {
    let relative = js_sys::Reflect::get(file, &"webkitRelativePath".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    match relative.split_once('/') {
        Some((_, below)) if !below.is_empty() => below.to_string(),
        _ => file.name(),
    }
}

fn folder_name(files: &[web_sys::File]) -> Option<String> {
    let first = files.first()?;
    let relative = js_sys::Reflect::get(first, &"webkitRelativePath".into())
        .ok()?
        .as_string()?;
    relative
        .split_once('/')
        .map(|(folder, _)| folder.to_string())
}

impl Corpora {
    pub fn new() -> Corpora {
        let corpora = Corpora {
            list: RwSignal::new(vec![sample_entry()]),
            importing: RwSignal::new(None),
            report: RwSignal::new(Vec::new()),
            error: RwSignal::new(None),
            pending_csv: RwSignal::new(None),
        };
        corpora.restore();
        corpora
    }

    pub fn get(&self, id: &str) -> Option<CorpusEntry> {
        self.list.with(|l| l.iter().find(|c| c.id == id).cloned())
    }

    fn restore(&self) {
        let this = *self;
        spawn_local(async move {
            match stored::load_all().await {
                Ok(mut records) => {
                    records.sort_by(|a, b| a.created_ms.total_cmp(&b.created_ms));
                    let entries = records.into_iter().map(|r| CorpusEntry {
                        id: r.id,
                        name: r.name,
                        sample: false,
                        documents: r.documents,
                        notes: r.notes,
                        stored: Some(Arc::new(r.bytes)),
                        loaded: None,
                    });
                    this.list.update(|l| l.extend(entries));
                }
                Err(e) => this
                    .error
                    .set(Some(format!("Could not read saved corpora: {e}"))),
            }
        });
    }

    /// Makes a corpus ready: fetches the sample, or decodes stored bytes.
    pub fn ensure_loaded(&self, id: &str) {
        let Some(entry) = self.get(id) else { return };
        if entry.loaded.is_some() {
            return;
        }
        if let Some(bytes) = entry.stored.clone() {
            match decode::<Corpus>(&bytes) {
                Ok(corpus) => self.set_loaded(id, corpus, bytes),
                Err(e) => self.error.set(Some(format!(
                    "corpus: \"{}\" could not be read: {e}",
                    entry.name
                ))),
            }
            return;
        }
        if entry.sample && self.importing.get_untracked().is_none() {
            let this = *self;
            spawn_local(async move {
                if let Err(e) = this.fetch_sample().await {
                    this.error.set(Some(e));
                }
                this.importing.set(None);
            });
        }
    }

    fn set_loaded(&self, id: &str, corpus: Corpus, encoded: Arc<Vec<u8>>) {
        let documents = corpus.len();
        self.list.update(|l| {
            if let Some(c) = l.iter_mut().find(|c| c.id == id) {
                c.documents = documents;
                c.stored = None;
                c.loaded = Some(Loaded {
                    corpus: Arc::new(corpus),
                    encoded,
                });
            }
        });
    }

    async fn fetch_sample(&self) -> Result<(), String> {
        self.progress("Loading the sample corpus", 0.0);
        let manifest = fetch_bytes(&format!("{SAMPLE_DIR}/manifest.json")).await?;
        let manifest: serde_json::Value = serde_json::from_slice(&manifest)
            .map_err(|e| format!("the sample's manifest is not valid JSON: {e}"))?;
        let names: Vec<String> = manifest["files"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        // Start every request at once (the browser queues them); read them in order.
        let window = web_sys::window().ok_or("no window")?;
        let pending: Vec<(String, js_sys::Promise)> = names
            .into_iter()
            .map(|name| {
                let url = format!("{SAMPLE_DIR}/{}", crate::ui::route::encode_component(&name));
                (name, window.fetch_with_str(&url))
            })
            .collect();
        let total = pending.len().max(1);
        let mut import = CorpusImport::default();
        for (done, (name, request)) in pending.into_iter().enumerate() {
            let bytes = response_bytes(request, &name).await?;
            import.merge(Corpus::from_files([(name, bytes)]));
            self.progress(
                &format!("Loading the sample corpus: {} of {total} files", done + 1),
                (done + 1) as f64 / total as f64,
            );
        }
        import.corpus.sort_by_id();
        let encoded = Arc::new(encode(&import.corpus));
        self.set_loaded(SAMPLE_ID, import.corpus, encoded);
        Ok(())
    }

    fn progress(&self, message: &str, fraction: f64) {
        self.importing.set(Some(Importing {
            message: message.to_string(),
            fraction,
        }));
    }

    /// Imports the chosen or dropped files: one CSV asks for its text column; anything else
    /// becomes a corpus of text files. `on_added` gets the new corpus' id.
    pub fn import_files(&self, files: Vec<web_sys::File>, on_added: Callback<String>) {
        if files.is_empty() {
            return;
        }
        self.error.set(None);
        self.report.set(Vec::new());
        let lone_csv = files.len() == 1 && {
            let lower = files[0].name().to_lowercase();
            lower.ends_with(".csv") || lower.ends_with(".tsv")
        };
        if lone_csv {
            self.parse_csv(files[0].clone());
            return;
        }
        let this = *self;
        spawn_local(async move {
            let name = folder_name(&files).unwrap_or_else(|| match files.len() {
                1 => files[0].name(),
                n => format!("{} and {} more files", files[0].name(), n - 1),
            });
            let total = files.len();
            let mut import = CorpusImport::default();
            for (done, file) in files.into_iter().enumerate() {
                let id = document_id(&file);
                if id.to_lowercase().ends_with(".zip") {
                    this.progress(&format!("Unpacking {id}"), done as f64 / total as f64);
                    match unzip(file, &id).await {
                        Ok(unpacked) => import.merge(unpacked),
                        Err(reason) => import
                            .skipped
                            .push(crate::text::SkippedFile { name: id, reason }),
                    }
                    continue;
                }
                if !has_text_ending(&id) {
                    import.skipped.push(crate::text::SkippedFile {
                        name: id,
                        reason: "not a .txt or .md file".to_string(),
                    });
                    continue;
                }
                match JsFuture::from(file.array_buffer()).await {
                    Ok(buffer) => {
                        let bytes = Uint8Array::new(&buffer).to_vec();
                        import.merge(Corpus::from_files([(id, bytes)]));
                    }
                    Err(_) => import.skipped.push(crate::text::SkippedFile {
                        name: id,
                        reason: "the browser could not read it".to_string(),
                    }),
                }
                this.progress(
                    &format!("Reading files: {} of {total}", done + 1),
                    (done + 1) as f64 / total as f64,
                );
            }
            import.corpus.sort_by_id();
            this.add(name, import, on_added).await;
            this.importing.set(None);
        });
    }

    fn parse_csv(&self, file: web_sys::File) {
        let this = *self;
        let name = file.name();
        self.progress(&format!("Parsing {name}"), 0.0);
        let file_name = name.clone();
        pool().submit_file(
            Job::ParseCsv {
                file_name: name.clone(),
            },
            file.into(),
            move |event, buffers| match event {
                Event::Progress { fraction, .. } => {
                    this.progress(&format!("Parsing {file_name}"), fraction)
                }
                Event::Done(JobResult::Table { skeleton, .. }) => {
                    let file_name = file_name.clone();
                    spawn_local(async move {
                        let table = assemble(skeleton, &buffers).await;
                        this.importing.set(None);
                        match table {
                            Ok(table) => this.pending_csv.set(Some(PendingCsv {
                                file_name,
                                table: Arc::new(table),
                            })),
                            Err(e) => this.error.set(Some(format!("{file_name}: {e}"))),
                        }
                    });
                }
                Event::Done(_) => this.importing.set(None),
                Event::Failed(message) => {
                    this.importing.set(None);
                    this.error.set(Some(message));
                }
                Event::Ready => {}
            },
        );
    }

    /// Makes a corpus of one document per row from the chosen column of the pending CSV.
    pub fn use_csv_column(&self, column: &str, on_added: Callback<String>) {
        let Some(pending) = self.pending_csv.get_untracked() else {
            return;
        };
        let Some(values) = pending.table.column(column) else {
            self.error.set(Some(format!(
                "text column: \"{column}\" is not a column of {}",
                pending.file_name
            )));
            return;
        };
        let documents: Vec<Document> = (0..values.len())
            .map(|row| Document {
                // Row numbers as a spreadsheet shows them (the header is row 1).
                id: format!("row {}", row + 2),
                text: if values.is_missing(row) {
                    String::new()
                } else {
                    values.display(row)
                },
            })
            .collect();
        let import = CorpusImport {
            corpus: Corpus { documents },
            ..CorpusImport::default()
        };
        self.pending_csv.set(None);
        let this = *self;
        let name = format!("{} · {column}", pending.file_name);
        spawn_local(async move { this.add(name, import, on_added).await });
    }

    async fn add(&self, name: String, import: CorpusImport, on_added: Callback<String>) {
        let notes = import_notes(&import);
        self.report.set(notes.clone());
        if import.corpus.is_empty() {
            self.error.set(Some(
                "upload: no text documents were found (see the skipped files)".into(),
            ));
            return;
        }
        let id = self.fresh_id(&name);
        let encoded = Arc::new(encode(&import.corpus));
        let record = StoredCorpus {
            id: id.clone(),
            name: name.clone(),
            created_ms: js_sys::Date::now(),
            documents: import.corpus.len(),
            bytes: encoded.to_vec(),
            notes: notes.clone(),
        };
        self.list.update(|l| {
            l.push(CorpusEntry {
                id: id.clone(),
                name,
                sample: false,
                documents: import.corpus.len(),
                notes,
                stored: None,
                loaded: Some(Loaded {
                    corpus: Arc::new(import.corpus),
                    encoded,
                }),
            })
        });
        on_added.run(id);
        if let Err(e) = stored::save(&record).await {
            self.error.set(Some(format!(
                "{} could not be saved for later: {e}",
                record.name
            )));
        }
    }

    /// A readable, unique id from the corpus name.
    fn fresh_id(&self, name: &str) -> String {
        let stem: String = name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect::<String>()
            .split('-')
            .filter(|s| !s.is_empty())
            .take(6)
            .collect::<Vec<_>>()
            .join("-");
        let stem = if stem.is_empty() {
            "corpus".to_string()
        } else {
            stem
        };
        let taken = |id: &str| self.list.with_untracked(|l| l.iter().any(|c| c.id == id));
        let mut id = stem.clone();
        let mut n = 2;
        while taken(&id) {
            id = format!("{stem}-{n}");
            n += 1;
        }
        id
    }

    pub fn delete(&self, id: &str) {
        self.list.update(|l| l.retain(|c| c.id != id || c.sample));
        let this = *self;
        let id = id.to_string();
        spawn_local(async move {
            if let Err(e) = stored::delete(&id).await {
                this.error
                    .set(Some(format!("Could not delete the stored corpus: {e}")));
            }
        });
    }
}

impl Default for Corpora {
    fn default() -> Self {
        Corpora::new()
    }
}

async fn response_bytes(request: js_sys::Promise, name: &str) -> Result<Vec<u8>, String> {
    let response: web_sys::Response = JsFuture::from(request)
        .await
        .map_err(|_| format!("could not load {name}"))?
        .unchecked_into();
    if !response.ok() {
        return Err(format!("could not load {name}: HTTP {}", response.status()));
    }
    let buffer = JsFuture::from(
        response
            .array_buffer()
            .map_err(|_| format!("could not read {name}"))?,
    )
    .await
    .map_err(|_| format!("could not read {name}"))?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let window = web_sys::window().ok_or("no window")?;
    response_bytes(window.fetch_with_str(url), url).await
}
