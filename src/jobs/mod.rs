//! The job protocol: what the UI may ask a worker to do, and what comes back.
//!
//! Messages travel as postcard bytes (compact binary, never JSON text) in transferable
//! buffers; a raw file being parsed travels beside the message as its own buffer.

pub mod protocol;
pub mod runner;
pub mod worker;
pub mod xgboost;

pub use protocol::{Event, Job, JobResult, Request, Response};
pub use runner::run;
