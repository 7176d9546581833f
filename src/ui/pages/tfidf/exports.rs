//! Downloads made in a worker from the fitted index: the document-term matrix as a sparse CSV
//! (`doc,term,weight`) and the vocabulary with df and idf. Each is written when asked for, then
//! offered as a link (`a[data-testid=export]`).

use js_sys::{Array, Uint8Array};
use leptos::prelude::*;
use web_sys::{Blob, BlobPropertyBag, Url};

use super::run::Fitted;
use crate::jobs::protocol::TfidfExportKind;
use crate::jobs::{Event, Job, JobResult};
use crate::ui::pool::pool;

#[derive(Clone, PartialEq)]
enum Stage {
    Idle,
    Writing(f64),
    Ready { url: String, bytes: usize },
    Failed(String),
}

fn blob_url(bytes: &[u8]) -> Option<String> {
    let parts = Array::of1(&Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type("text/csv");
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    Url::create_object_url_with_blob(&blob).ok()
}

#[component]
fn WorkerExport(
    fitted: Signal<Option<Fitted>>,
    kind: TfidfExportKind,
    file_name: &'static str,
    label: &'static str,
) -> impl IntoView {
    let stage = RwSignal::new(Stage::Idle);
    // A new model makes the old file stale.
    Effect::new(move |_| {
        fitted.track();
        if let Stage::Ready { url, .. } = stage.get_untracked() {
            let _ = Url::revoke_object_url(&url);
        }
        stage.set(Stage::Idle);
    });
    let write = move |_| {
        let Some(f) = fitted.get_untracked() else {
            return;
        };
        stage.set(Stage::Writing(0.0));
        let file = Uint8Array::from(f.encoded.as_slice()).buffer();
        pool().submit_file(
            Job::TfidfExport { kind },
            file.into(),
            move |event, _| match event {
                Event::Progress { fraction, .. } => stage.set(Stage::Writing(fraction)),
                Event::Done(JobResult::File { bytes }) => stage.set(match blob_url(&bytes) {
                    Some(url) => Stage::Ready {
                        url,
                        bytes: bytes.len(),
                    },
                    None => Stage::Failed("the browser could not make the file".into()),
                }),
                Event::Done(_) => {}
                Event::Failed(message) => stage.set(Stage::Failed(message)),
                Event::Ready => {}
            },
        );
    };
    move || {
        match stage.get() {
        Stage::Idle => view! { <button class="secondary" data-export-make=file_name on:click=write>{format!("Write {label}")}</button> }.into_any(),
        Stage::Writing(_) => view! { <span class="muted">{format!("Writing {file_name}…")}</span> }.into_any(),
        Stage::Ready { url, bytes } => view! {
            <a class="export" data-testid="export" href=url download=file_name>{format!("{file_name} ({:.1} MB)", bytes as f64 / 1e6)}</a>
        }.into_any(),
        Stage::Failed(message) => view! { <span class="error">{message}</span> }.into_any(),
    }
    }
}

#[component]
pub fn Exports(fitted: Signal<Option<Fitted>>) -> impl IntoView {
    view! {
        <section class="tfidf-exports">
            <h2>"Exports"</h2>
            <p>"Charts have their own SVG links. The matrix and the vocabulary are written by a worker when you ask for them."</p>
            <div class="run-buttons">
                <WorkerExport fitted=fitted kind=TfidfExportKind::SparseMatrix file_name="tfidf-matrix.csv" label="the document-term matrix (doc, term, weight)" />
                <WorkerExport fitted=fitted kind=TfidfExportKind::Vocabulary file_name="tfidf-vocabulary.csv" label="the vocabulary (term, df, idf)" />
            </div>
        </section>
    }
}
