//! The worker side of the protocol: receives requests, runs them, posts events back.
//! `src/bin/worker.rs` calls [`register`] and nothing else.

use std::cell::Cell;

use std::io::{self, Read};

use js_sys::{Array, ArrayBuffer, Float64Array, Object, Reflect, Uint32Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, DedicatedWorkerGlobalScope, FileReaderSync, MessageEvent};

use super::protocol::{decode, encode, Event, JobResult, Request, Response};
use super::runner::FileInput;
use crate::data::ColumnBuffer;
use crate::kernels::Control;

thread_local! {
    /// The job being run, so the panic hook can fail it by id.
    static CURRENT_JOB: Cell<Option<u64>> = const { Cell::new(None) };
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

/// Posts `{payload, buffers}`: the postcard-encoded response, and for a parsed table its
/// columns as typed arrays. Everything is transferred, so nothing is copied again on the way.
fn post(mut response: Response) {
    let message = Object::new();
    let transfer = Array::new();
    if let Event::Done(JobResult::Table { buffers, .. }) = &mut response.event {
        let arrays = Array::new();
        // Each column is copied out of wasm memory and dropped at once, so the worker never
        // holds the whole table twice.
        for buffer in std::mem::take(buffers) {
            let array: JsValue = match buffer {
                ColumnBuffer::F64(cells) => Float64Array::from(cells.as_slice()).into(),
                ColumnBuffer::U32(cells) => Uint32Array::from(cells.as_slice()).into(),
            };
            if let Ok(buffer) = Reflect::get(&array, &JsValue::from_str("buffer")) {
                transfer.push(&buffer);
            }
            arrays.push(&array);
        }
        let _ = Reflect::set(&message, &JsValue::from_str("buffers"), &arrays);
    }
    let payload = Uint8Array::from(encode(&response).as_slice());
    transfer.push(&payload.buffer());
    let _ = Reflect::set(&message, &JsValue::from_str("payload"), &payload);
    let _ = scope().post_message_with_transfer(&message, &transfer);
}

/// Reads a `File` (a `Blob`) in slices with the worker-only synchronous reader: the file is
/// never in memory whole, only one slice at a time.
struct BlobReader {
    blob: Blob,
    reader: FileReaderSync,
    position: f64,
    chunk: Vec<u8>,
    used: usize,
}

/// Bytes read from the file per slice.
const SLICE_BYTES: f64 = 4.0 * 1024.0 * 1024.0;

impl Read for BlobReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.used == self.chunk.len() {
            let size = self.blob.size();
            if self.position >= size {
                return Ok(0);
            }
            let end = (self.position + SLICE_BYTES).min(size);
            let failed = |_| io::Error::other("the browser could not read the file");
            let slice = self
                .blob
                .slice_with_f64_and_f64(self.position, end)
                .map_err(failed)?;
            let bytes = self.reader.read_as_array_buffer(&slice).map_err(failed)?;
            let view = Uint8Array::new(&bytes);
            self.chunk.resize(view.length() as usize, 0);
            view.copy_to(&mut self.chunk);
            self.used = 0;
            self.position = end;
        }
        let n = buf.len().min(self.chunk.len() - self.used);
        buf[..n].copy_from_slice(&self.chunk[self.used..self.used + n]);
        self.used += n;
        Ok(n)
    }
}

/// The file sent with a job: a `File` to stream, or bytes (a fetched sample).
fn file_input(value: JsValue) -> Option<FileInput> {
    if let Some(blob) = value.dyn_ref::<Blob>() {
        let reader = FileReaderSync::new().ok()?;
        return Some(FileInput {
            len: blob.size() as u64,
            reader: Box::new(BlobReader {
                blob: blob.clone(),
                reader,
                position: 0.0,
                chunk: Vec::new(),
                used: 0,
            }),
        });
    }
    let buffer = value.dyn_into::<ArrayBuffer>().ok()?;
    Some(FileInput::from_bytes(Uint8Array::new(&buffer).to_vec()))
}

fn now_ms() -> f64 {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("performance"))
        .ok()
        .and_then(|p| p.dyn_into::<web_sys::Performance>().ok())
        .map_or(0.0, |p| p.now())
}

/// Installs the message handler and a panic hook that turns a panic into a `Failed` event
/// (the page then replaces this worker, whose wasm instance is dead after a panic).
pub fn register() {
    std::panic::set_hook(Box::new(|info| {
        let message = format!("the worker crashed: {info}");
        web_sys::console::error_1(&JsValue::from_str(&message));
        if let Some(id) = CURRENT_JOB.with(Cell::get) {
            post(Response {
                id,
                event: Event::Failed(message),
            });
        }
    }));
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        let data = event.data();
        let payload =
            Reflect::get(&data, &JsValue::from_str("payload")).unwrap_or(JsValue::UNDEFINED);
        let file = Reflect::get(&data, &JsValue::from_str("file"))
            .ok()
            .and_then(file_input);
        let bytes = Uint8Array::new(&payload).to_vec();
        match decode::<Request>(&bytes) {
            Ok(Request::Start { id, job }) => {
                CURRENT_JOB.with(|c| c.set(Some(id)));
                super::run(job, file, &now_ms, &mut |event| {
                    post(Response { id, event });
                    Control::Continue
                });
                CURRENT_JOB.with(|c| c.set(None));
            }
            Err(message) => web_sys::console::error_1(&JsValue::from_str(&message)),
        }
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    post(Response {
        id: 0,
        event: Event::Ready,
    });
}
