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
    /// Counts starts, so an attachment still being packed for a start that was cancelled
    /// or superseded is dropped instead of submitted.
    generation: RwSignal<u64>,
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
            generation: RwSignal::new(0),
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
        self.begin("queued");
        self.submit(job, attachment, now_ms(), on_partial, on_done);
    }

    /// [`JobState::start_with`] once `attachment` is ready: the job counts as running (and
    /// can be cancelled) while the page packs its data in slices between frames.
    pub fn start_when_ready(
        &self,
        job: Job,
        attachment: impl std::future::Future<Output = Result<JsValue, String>> + 'static,
        on_partial: impl Fn(Vec<Partial>) + 'static,
        on_done: impl Fn(JobResult) + 'static,
    ) {
        let generation = self.begin("packing the data for the worker");
        let started = now_ms();
        let state = *self;
        leptos::task::spawn_local(async move {
            let attachment = attachment.await;
            if state.generation.get_untracked() != generation {
                return;
            }
            match attachment {
                Ok(a) => state.submit(job, Some(a), started, on_partial, on_done),
                Err(message) => state.fail(message),
            }
        });
    }

    /// Cancels what runs, resets the signals for a new start and returns its generation.
    fn begin(&self, message: &str) -> u64 {
        if let Some(previous) = self.job_id.get_untracked() {
            pool().cancel(previous);
            self.job_id.set(None);
        }
        let generation = self.generation.get_untracked() + 1;
        self.generation.set(generation);
        self.status.set(Status::Running);
        self.fraction.set(0.0);
        self.message.set(message.into());
        self.error.set(None);
        self.elapsed_ms.set(None);
        generation
    }

    fn submit(
        &self,
        job: Job,
        attachment: Option<JsValue>,
        started: f64,
        on_partial: impl Fn(Vec<Partial>) + 'static,
        on_done: impl Fn(JobResult) + 'static,
    ) {
        let state = *self;
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
        } else if self.status.get_untracked() == Status::Running {
            // Still packing: nothing reached the pool yet.
            self.generation.update(|g| *g += 1);
            self.message.set("cancelled".into());
            self.status.set(Status::Idle);
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
