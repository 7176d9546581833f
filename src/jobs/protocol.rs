use serde::{Deserialize, Serialize};

use crate::data::{ColumnBuffer, ColumnProfile, Table};
use crate::kernels::kmeans::{KMeansModel, KMeansParams};
use crate::kernels::pca::{PcaModel, PcaParams};
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
    /// A job that panics inside the worker: proves a crashed worker becomes an error and a fresh worker.
    Crash,
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
    /// The fitted PCA and every row projected onto its components (rows × num_components).
    Pca {
        model: PcaModel,
        projection: Matrix,
        /// Time the fit took inside the worker (without moving data to and from it).
        fit_ms: f64,
    },
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
