//! The page's pool of job workers: queues jobs, forwards their events, cancels them
//! (asking first, terminating the worker if it has not ended the job within a second),
//! and replaces any worker that crashes.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker};

use crate::jobs::protocol::{decode, encode};
use crate::jobs::{Event, Job, Request, Response};

/// Where Trunk puts the worker's loader, relative to the page (works under any sub-path).
const WORKER_URL: &str = "./worker_loader.js";
/// How long a cancelled job may take to stop before its worker is terminated.
const CANCEL_GRACE_MS: i32 = 1000;

/// Receives a job's events; the second argument holds the typed arrays that came with the
/// event (a parsed table's columns), empty otherwise.
/// A worker that has read a file bigger than this is replaced once it is done.
const RETIRE_AFTER_BYTES: f64 = 16.0 * 1024.0 * 1024.0;

/// The size of a `File` or an `ArrayBuffer`.
fn byte_size(file: &JsValue) -> f64 {
    ["size", "byteLength"]
        .iter()
        .find_map(|k| Reflect::get(file, &JsValue::from_str(k)).ok()?.as_f64())
        .unwrap_or(0.0)
}

type Listener = Rc<dyn Fn(Event, Vec<JsValue>)>;

struct Queued {
    id: u64,
    job: Job,
    /// A `File` (read by the worker in slices) or an `ArrayBuffer` (transferred).
    file: Option<JsValue>,
    /// Replace the worker once this job ends, to hand its memory back to the system.
    retire_after: bool,
}

struct Slot {
    worker: Worker,
    /// False until the worker says it has loaded; jobs wait in the queue until then.
    ready: bool,
    running: Option<u64>,
    retire_after: bool,
    // Kept alive as long as the worker.
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

#[derive(Default)]
struct Inner {
    slots: Vec<Option<Slot>>,
    queue: VecDeque<Queued>,
    listeners: Vec<(u64, Listener)>,
    next_id: u64,
    size: usize,
    /// Replaced workers whose closures may still be on the stack; dropped on the next submit.
    retired: Vec<Slot>,
}

#[derive(Clone)]
pub struct Pool {
    inner: Rc<RefCell<Inner>>,
}

impl Pool {
    /// `hardwareConcurrency − 1` workers, at least one; spawned on first use.
    pub fn new() -> Pool {
        let cores = web_sys::window().map_or(2.0, |w| w.navigator().hardware_concurrency());
        let size = ((cores as usize).saturating_sub(1)).max(1);
        let inner = Inner {
            slots: (0..size).map(|_| None).collect(),
            size,
            next_id: 1,
            ..Default::default()
        };
        Pool {
            inner: Rc::new(RefCell::new(inner)),
        }
    }

    pub fn size(&self) -> usize {
        self.inner.borrow().size
    }

    /// Queues a job; `on_event` receives its progress and exactly one `Done` or `Failed`.
    pub fn submit(&self, job: Job, on_event: impl Fn(Event) + 'static) -> u64 {
        self.enqueue(job, None, Rc::new(move |event, _| on_event(event)))
    }

    /// Queues a job that reads `file` (a `File` or an `ArrayBuffer`); `on_event` also gets the
    /// typed arrays that come back with the result. After a big file the worker is replaced:
    /// a wasm instance never shrinks, and would otherwise keep the parse's peak memory.
    pub fn submit_file(
        &self,
        job: Job,
        file: JsValue,
        on_event: impl Fn(Event, Vec<JsValue>) + 'static,
    ) -> u64 {
        self.enqueue(job, Some(file), Rc::new(on_event))
    }

    fn enqueue(&self, job: Job, file: Option<JsValue>, listener: Listener) -> u64 {
        let id = {
            let mut inner = self.inner.borrow_mut();
            inner.retired.clear();
            let id = inner.next_id;
            inner.next_id += 1;
            inner.listeners.push((id, listener));
            let retire_after = file
                .as_ref()
                .is_some_and(|f| byte_size(f) > RETIRE_AFTER_BYTES);
            inner.queue.push_back(Queued {
                id,
                job,
                file,
                retire_after,
            });
            id
        };
        self.dispatch();
        id
    }

    /// Cancels a queued or running job; its listener gets `Failed("cancelled")`.
    pub fn cancel(&self, id: u64) {
        let running_slot = {
            let mut inner = self.inner.borrow_mut();
            inner.queue.retain(|q| q.id != id);
            inner
                .slots
                .iter()
                .position(|s| s.as_ref().is_some_and(|s| s.running == Some(id)))
        };
        self.finish(id, Event::Failed("cancelled".into()));
        let Some(index) = running_slot else { return };
        // The worker cannot read a message while a kernel runs; give it the grace period to
        // finish on its own, then replace it.
        let pool = self.clone();
        let timer = Closure::once_into_js(move || {
            let stuck = pool.inner.borrow().slots[index]
                .as_ref()
                .is_some_and(|s| s.running == Some(id));
            if stuck {
                pool.replace(index);
                pool.dispatch();
            }
        });
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                timer.unchecked_ref(),
                CANCEL_GRACE_MS,
            );
        }
    }

    fn finish(&self, id: u64, event: Event) {
        let listener = {
            let mut inner = self.inner.borrow_mut();
            let position = inner.listeners.iter().position(|(l, _)| *l == id);
            position.map(|p| inner.listeners.remove(p).1)
        };
        if let Some(listener) = listener {
            listener(event, Vec::new());
        }
    }

    fn replace(&self, index: usize) {
        let mut inner = self.inner.borrow_mut();
        if let Some(slot) = inner.slots[index].take() {
            slot.worker.set_onmessage(None);
            slot.worker.set_onerror(None);
            slot.worker.terminate();
            inner.retired.push(slot);
        }
    }

    fn spawn(&self, index: usize) -> Result<Slot, String> {
        let worker =
            Worker::new(WORKER_URL).map_err(|e| format!("could not start a worker: {e:?}"))?;
        let pool = self.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let data = event.data();
            let field = |name: &str| Reflect::get(&data, &JsValue::from_str(name)).ok();
            let bytes = field("payload").map_or_else(Vec::new, |p| Uint8Array::new(&p).to_vec());
            let buffers = field("buffers")
                .filter(|b| b.is_object())
                .map_or_else(Vec::new, |b| Array::from(&b).to_vec());
            match decode::<Response>(&bytes) {
                Ok(response) => pool.on_response(index, response, buffers),
                Err(message) => web_sys::console::error_1(&JsValue::from_str(&message)),
            }
        });
        let pool = self.clone();
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
            event.prevent_default();
            pool.on_crash(index, event.message());
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(Slot {
            worker,
            ready: false,
            running: None,
            retire_after: false,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    fn on_response(&self, index: usize, response: Response, buffers: Vec<JsValue>) {
        if response.event == Event::Ready {
            if let Some(slot) = self.inner.borrow_mut().slots[index].as_mut() {
                slot.ready = true;
            }
            self.dispatch();
            return;
        }
        let ended = matches!(response.event, Event::Done(_) | Event::Failed(_));
        let mut retire = false;
        if ended {
            if let Some(slot) = self.inner.borrow_mut().slots[index].as_mut() {
                if slot.running == Some(response.id) {
                    slot.running = None;
                    retire = slot.retire_after;
                }
            }
        }
        let is_panic =
            matches!(&response.event, Event::Failed(m) if m.starts_with("the worker crashed"));
        if retire {
            self.replace(index);
        }
        let listener = {
            let mut inner = self.inner.borrow_mut();
            let position = inner.listeners.iter().position(|(l, _)| *l == response.id);
            match position {
                Some(p) if ended => Some(inner.listeners.remove(p).1),
                Some(p) => Some(inner.listeners[p].1.clone()),
                None => None,
            }
        };
        if let Some(listener) = listener {
            listener(response.event, buffers);
        }
        if is_panic {
            // A panicked wasm instance is unusable: replace it before the next job.
            self.replace(index);
        }
        if ended {
            self.dispatch();
        }
    }

    fn on_crash(&self, index: usize, message: String) {
        let running = self.inner.borrow().slots[index]
            .as_ref()
            .and_then(|s| s.running);
        self.replace(index);
        if let Some(id) = running {
            self.finish(id, Event::Failed(format!("the worker crashed: {message}")));
        }
        self.dispatch();
    }

    /// Starts queued jobs on idle workers, spawning workers as needed.
    fn dispatch(&self) {
        loop {
            let next = {
                let mut inner = self.inner.borrow_mut();
                if inner.queue.is_empty() {
                    return;
                }
                let ready = inner
                    .slots
                    .iter()
                    .position(|s| s.as_ref().is_some_and(|s| s.ready && s.running.is_none()));
                let starting = inner
                    .slots
                    .iter()
                    .any(|s| s.as_ref().is_some_and(|s| !s.ready));
                let empty = inner.slots.iter().position(Option::is_none);
                match (ready, starting, empty) {
                    (Some(index), _, _) => inner.queue.pop_front().map(|q| Ok((index, q))),
                    // A worker is loading: it takes the next job when it says it is ready.
                    (None, true, _) => None,
                    (None, false, Some(index)) => Some(Err(index)),
                    (None, false, None) => None,
                }
            };
            match next {
                None => return,
                Some(Ok((index, queued))) => self.start(index, queued),
                Some(Err(index)) => match self.spawn(index) {
                    Ok(slot) => self.inner.borrow_mut().slots[index] = Some(slot),
                    Err(message) => {
                        let failed = self.inner.borrow_mut().queue.pop_front();
                        if let Some(queued) = failed {
                            self.finish(queued.id, Event::Failed(message));
                        }
                    }
                },
            }
        }
    }

    fn start(&self, index: usize, queued: Queued) {
        let payload = Uint8Array::from(
            encode(&Request::Start {
                id: queued.id,
                job: queued.job,
            })
            .as_slice(),
        );
        let message = Object::new();
        let transfer = Array::of1(&payload.buffer());
        let _ = Reflect::set(&message, &JsValue::from_str("payload"), &payload);
        if let Some(file) = &queued.file {
            let _ = Reflect::set(&message, &JsValue::from_str("file"), file);
            // A File is sent by reference; bytes are handed over without a copy.
            if file.is_instance_of::<ArrayBuffer>() {
                transfer.push(file);
            }
        }
        let posted = {
            let mut inner = self.inner.borrow_mut();
            match inner.slots[index].as_mut() {
                Some(slot) => {
                    slot.running = Some(queued.id);
                    slot.retire_after = queued.retire_after;
                    slot.worker
                        .post_message_with_transfer(&message, &transfer)
                        .map_err(|e| format!("{e:?}"))
                }
                None => Err("the worker is gone".to_string()),
            }
        };
        if let Err(message) = posted {
            self.finish(
                queued.id,
                Event::Failed(format!("could not send the job to a worker: {message}")),
            );
        }
    }
}

impl Default for Pool {
    fn default() -> Self {
        Pool::new()
    }
}

thread_local! {
    static POOL: Pool = Pool::new();
}

/// The app's one worker pool.
pub fn pool() -> Pool {
    POOL.with(Pool::clone)
}
