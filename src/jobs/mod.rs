//! The job protocol: what the UI may ask a worker to do, and what comes back.
//!
//! Messages travel as postcard bytes (compact binary, never JSON text) in transferable
//! buffers; a file being parsed travels beside the message as a `File` the worker reads in
//! chunks, and a parsed table comes back as typed arrays the page takes over without a copy.

pub mod protocol;
pub mod run_fm;
pub mod run_knn;
mod run_lda;
pub mod run_linear;
mod run_notes_search;
pub mod run_rcf;
mod run_tfidf;
pub mod runner;
pub mod tfidf_index;
pub mod trees;
pub mod worker;
pub mod xgboost;

pub use protocol::{Event, Job, JobResult, Request, Response};
pub use runner::{run, FileInput};
