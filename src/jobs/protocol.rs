use serde::{Deserialize, Serialize};

use super::xgboost::{XgboostJob, XgboostOutcome};
use crate::kernels::kmeans::{KMeansModel, KMeansParams};
use crate::kernels::{Matrix, Partial};

/// One thing a lab can ask a worker to do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Job {
    /// Parse the CSV file sent beside the message.
    ParseCsv { file_name: String },
    /// Fit K-Means on `x` (already standardized if the user asked).
    KMeans { x: Matrix, params: KMeansParams },
    /// J of the best of `n_init` restarts for each k.
    KMeansElbow {
        x: Matrix,
        params: KMeansParams,
        ks: Vec<usize>,
    },
    /// Train gradient-boosted trees (XGBoost semantics), score both channels, SHAP.
    Xgboost(Box<XgboostJob>),
    /// A job that panics inside the worker: proves a crashed worker becomes an error and a fresh worker.
    Crash,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum JobResult {
    /// The parsed table, postcard-encoded: the page stores these bytes as they are and
    /// decodes them once, instead of decoding and re-encoding 100 MB on its main thread.
    Table {
        #[serde(with = "serde_bytes")]
        encoded: Vec<u8>,
        delimiter: char,
        has_header: bool,
    },
    KMeans(KMeansModel),
    Elbow(Vec<(usize, f64)>),
    Xgboost(Box<XgboostOutcome>),
}

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
