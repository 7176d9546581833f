//! One lab's view of a job: status, progress, error and timing as signals.

use leptos::prelude::*;

use wasm_bindgen::JsValue;

use super::pool::pool;
use crate::jobs::{Event, Job, JobResult};
use crate::kernels::Partial;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Idle,
    Running,
    Done,
    Error,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Idle => "idle",
            Status::Running => "running",
            Status::Done => "done",
            Status::Error => "error",
        }
    }
}

#[derive(Clone, Copy)]
pub struct JobState {
    pub status: RwSignal<Status>,
    pub fraction: RwSignal<f64>,
    pub message: RwSignal<String>,
    pub error: RwSignal<Option<String>>,
    pub elapsed_ms: RwSignal<Option<f64>>,
    job_id: RwSignal<Option<u64>>,
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

impl JobState {
    pub fn new() -> JobState {
        JobState {
            status: RwSignal::new(Status::Idle),
            fraction: RwSignal::new(0.0),
            message: RwSignal::new(String::new()),
            error: RwSignal::new(None),
            elapsed_ms: RwSignal::new(None),
            job_id: RwSignal::new(None),
        }
    }

    pub fn is_running(&self) -> bool {
        self.status.get() == Status::Running
    }

    /// Starts `job` in the pool; partial results go to `on_partial`, the result to `on_done`.
    pub fn start(
        &self,
        job: Job,
        on_partial: impl Fn(Vec<Partial>) + 'static,
        on_done: impl Fn(JobResult) + 'static,
    ) {
        self.start_with(job, None, on_partial, on_done);
    }

    /// [`JobState::start`] with an attachment for the worker (a `Blob`, `File` or
    /// `ArrayBuffer`), such as tables packed by [`crate::ui::table_blob`].
    pub fn start_with(
        &self,
        job: Job,
        attachment: Option<JsValue>,
        on_partial: impl Fn(Vec<Partial>) + 'static,
        on_done: impl Fn(JobResult) + 'static,
    ) {
        if let Some(previous) = self.job_id.get_untracked() {
            pool().cancel(previous);
        }
        let state = *self;
        state.status.set(Status::Running);
        state.fraction.set(0.0);
        state.message.set("queued".into());
        state.error.set(None);
        state.elapsed_ms.set(None);
        let started = now_ms();
        let on_event = move |event| match event {
            Event::Progress {
                fraction,
                message,
                partials,
            } => {
                state.fraction.set(fraction);
                state.message.set(message);
                if !partials.is_empty() {
                    on_partial(partials);
                }
            }
            Event::Done(result) => {
                state.elapsed_ms.set(Some(now_ms() - started));
                state.fraction.set(1.0);
                state.message.set("finished".into());
                state.job_id.set(None);
                on_done(result);
                state.status.set(Status::Done);
            }
            Event::Failed(message) if message == "cancelled" => {
                state.job_id.set(None);
                state.message.set("cancelled".into());
                state.status.set(Status::Idle);
            }
            Event::Failed(message) => {
                state.job_id.set(None);
                state.error.set(Some(message));
                state.status.set(Status::Error);
            }
            Event::Ready => {}
        };
        let id = match attachment {
            Some(file) => pool().submit_file(job, file, move |event, _| on_event(event)),
            None => pool().submit(job, on_event),
        };
        self.job_id.set(Some(id));
    }

    pub fn cancel(&self) {
        if let Some(id) = self.job_id.get_untracked() {
            pool().cancel(id);
        }
    }

    /// Shows a problem found before any job ran (invalid parameter, missing data…).
    pub fn fail(&self, message: String) {
        self.error.set(Some(message));
        self.status.set(Status::Error);
    }
}

impl Default for JobState {
    fn default() -> Self {
        JobState::new()
    }
}
