use serde::{Deserialize, Serialize};

use super::run_fm::{FmJob, FmOutcome};
use super::run_knn::{KnnJob, KnnOutcome};
use super::run_linear::{LinearJob, LinearOutcome};
use super::run_rcf::{RcfJob, RcfOutcome};
use super::trees::{ForestChunkJob, ForestMergeJob, ForestOutcome, TreeJob, TreeOutcome};
use super::xgboost::{XgboostJob, XgboostOutcome};
use crate::data::{ColumnBuffer, ColumnProfile, Table};
use crate::kernels::kmeans::{KMeansModel, KMeansParams};
use crate::kernels::lda::{LdaModel, LdaParams};
use crate::kernels::pca::{PcaModel, PcaParams};
use crate::kernels::tfidf::TfidfParams;
use crate::kernels::{Matrix, Partial};

/// One thing a lab can ask a worker to do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Job {
    /// Parse the CSV file sent beside the message (a `File` read in chunks, or bytes).
    ParseCsv { file_name: String },
    /// Fit K-Means on `x` (already standardized if the user asked).
    KMeans { x: Matrix, params: KMeansParams },
    /// J of the best of `n_init` restarts for each k.
    KMeansElbow {
        x: Matrix,
        params: KMeansParams,
        ks: Vec<usize>,
    },
    /// Fit PCA on `x` (rows with missing values already dropped) and project every row.
    Pca { x: Matrix, params: PcaParams },
    /// Train gradient-boosted trees (XGBoost semantics), score both channels, SHAP.
    Xgboost(Box<XgboostJob>),
    /// Unpack the `.zip` sent beside the message into a corpus import (text entries).
    UnzipCorpus { file_name: String },
    /// A job that panics inside the worker: proves a crashed worker becomes an error and a fresh worker.
    Crash,
    /// Fit TF-IDF on the postcard-encoded `text::Corpus` sent beside the message; the result is
    /// the compact index the page queries (`jobs::tfidf_index`).
    TfidfFit { params: TfidfParams },
    /// Count the terms of documents `start..end` of the corpus sent beside the message (one
    /// shard of a fit split across workers); the result is the shard's encoded counts.
    TfidfCount {
        params: TfidfParams,
        start: usize,
        end: usize,
    },
    /// Merge the shards' encoded counts (in document order), weight, and index.
    TfidfMerge {
        params: TfidfParams,
        shards: Vec<serde_bytes::ByteBuf>,
    },
    /// Write a download from the encoded index sent beside the message.
    TfidfExport { kind: TfidfExportKind },
    /// Fit LDA topics on the postcard-encoded `text::Corpus` sent beside the message.
    LdaFit { params: LdaParams },
    /// Grow one decision tree, score both channels, SHAP.
    DecisionTree(Box<TreeJob>),
    /// Grow trees `trees` of a random forest (one share of the forest per worker).
    ForestChunk(Box<ForestChunkJob>),
    /// Merge the forest's chunks, score both channels, out-of-bag curve, SHAP.
    ForestMerge(Box<ForestMergeJob>),
    /// Train a factorization machine and its linear baseline on one-hot rows.
    Fm(Box<FmJob>),
    /// Score every row with a Random Cut Forest (batch or streaming).
    Rcf(Box<RcfJob>),
    /// Index the postcard-encoded `Vec<notes::search::SearchSource>` sent beside the message
    /// for the notes search box.
    NotesSearchIndex,
    /// Train the linear learner's models together, keep the best, score both channels.
    Linear(Box<LinearJob>),
    /// Build a k-NN index, predict the validation channel, time both indexes, map regions.
    Knn(Box<KnnJob>),
}

/// The TF-IDF lab's file downloads made in a worker (they walk every stored weight).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TfidfExportKind {
    /// `doc,term,weight`, one line per stored entry.
    SparseMatrix,
    /// `term,df,idf`.
    Vocabulary,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum JobResult {
    /// The parsed table: `skeleton` holds names, kinds, levels and text; the numbers and
    /// category codes travel in `buffers`, which the worker hands to the page as
    /// transferable typed arrays (not serialized, never copied on the page's behalf).
    Table {
        skeleton: Table,
        /// Computed in the worker: profiling a big table would stall the page.
        profiles: Vec<ColumnProfile>,
        #[serde(skip)]
        buffers: Vec<ColumnBuffer>,
        delimiter: char,
        has_header: bool,
    },
    KMeans(KMeansModel),
    Elbow(Vec<(usize, f64)>),
    /// The text entries of an unpacked archive.
    Unzipped(crate::text::CorpusImport),
    /// The fitted PCA and every row projected onto its components (rows × num_components).
    Pca {
        model: PcaModel,
        projection: Matrix,
        /// Time the fit took inside the worker (without moving data to and from it).
        fit_ms: f64,
    },
    /// A postcard-encoded `jobs::tfidf_index::TfidfIndex`, kept as bytes so the page can send it
    /// back to a worker for exports without re-encoding it.
    TfidfIndex {
        #[serde(with = "serde_bytes")]
        encoded: Vec<u8>,
    },
    /// A postcard-encoded `text::ChunkCounts` of one shard, passed on to the merge unread.
    TfidfCounts {
        #[serde(with = "serde_bytes")]
        encoded: Vec<u8>,
    },
    /// The bytes of a download (UTF-8 text).
    File {
        #[serde(with = "serde_bytes")]
        bytes: Vec<u8>,
    },
    Lda(Box<LdaModel>),
    Xgboost(Box<XgboostOutcome>),
    DecisionTree(Box<TreeOutcome>),
    ForestChunk(Box<crate::kernels::forest::ForestChunk>),
    Forest(Box<ForestOutcome>),
    Fm(Box<FmOutcome>),
    Rcf(Box<RcfOutcome>),
    /// A postcard-encoded `notes::search::NotesSearchIndex`.
    NotesSearchIndex {
        #[serde(with = "serde_bytes")]
        encoded: Vec<u8>,
    },
    Linear(Box<LinearOutcome>),
    Knn(Box<KnnOutcome>),
}

// One event exists at a time per message, moved from the runner to `post`: boxing the result
// would buy nothing but an allocation.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Event {
    /// `partials` batches the partial results produced since the last progress event.
    Progress {
        fraction: f64,
        message: String,
        partials: Vec<Partial>,
    },
    Done(JobResult),
    Failed(String),
    /// Sent once, with id 0, when a new worker has loaded and can take jobs: messages
    /// posted before then would be lost, because the handler is installed only after the
    /// worker's wasm has been fetched and instantiated.
    Ready,
}

/// Page → worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Request {
    Start { id: u64, job: Job },
}

/// Worker → page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Response {
    pub id: u64,
    pub event: Event,
}

pub fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    postcard::to_allocvec(value).unwrap_or_default()
}

pub fn decode<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Result<T, String> {
    postcard::from_bytes(bytes).map_err(|e| format!("could not decode a worker message: {e}"))
}
