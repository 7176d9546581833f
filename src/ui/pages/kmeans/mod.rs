//! `#/lab/kmeans`: parameters (all in the URL), a run in a worker with live J, then the
//! iterations to step through on a scatter plot, J per iteration, cluster sizes, the
//! elbow plot and exports.

mod form;
pub mod params;
mod results;
pub mod run;

use std::sync::Arc;

use leptos::prelude::*;

use crate::jobs::{Job, JobResult};
use crate::kernels::kmeans::KMeansModel;
use crate::kernels::Partial;
use crate::ui::components::job_status::JobStatus;
use crate::ui::components::upload::Upload;
use crate::ui::datasets::Datasets;
use crate::ui::job::{JobState, Status};
use crate::ui::route::lab_query;
use form::Form;
use results::Results;
use run::{prepare, PrepareError, Prepared};

const PATH: &str = "/lab/kmeans";

/// A finished run: the model and the data it was fitted on.
#[derive(Clone, PartialEq)]
pub struct Finished {
    pub model: Arc<KMeansModel>,
    pub prepared: Arc<Prepared>,
}

#[component]
pub fn KMeansLab() -> impl IntoView {
    let datasets = expect_context::<Datasets>();
    let query = lab_query(PATH);
    let parsed = Memo::new(move |_| params::parse(&query.get()));
    let lab = Memo::new(move |_| parsed.get().0);
    Effect::new(move |_| datasets.ensure_loaded(&lab.get().dataset));
    // A derived signal, not a memo: a memo would compare whole tables (Arc's PartialEq is deep).
    let table = Signal::derive(move || datasets.get(&lab.get().dataset).and_then(|d| d.table));

    let job = JobState::new();
    let missing_rows = RwSignal::new(None::<usize>);
    let live_j = RwSignal::new(Vec::<(String, f64, f64)>::new());
    let finished = RwSignal::new(None::<Finished>);

    let run = move || {
        missing_rows.set(None);
        let (lab, errors) = parsed.get_untracked();
        if let Some(first) = errors.first() {
            job.fail(first.clone());
            return;
        }
        if lab.crash_worker {
            job.start(Job::Crash, |_| {}, |_| {});
            return;
        }
        let Some(table) = table.get_untracked() else {
            job.fail(format!(
                "dataset: \"{}\" is not loaded (pick a dataset or upload one)",
                lab.dataset
            ));
            return;
        };
        let prepared = match prepare(&lab, table) {
            Ok(p) => Arc::new(p),
            Err(PrepareError::Missing { message, rows }) => {
                missing_rows.set(Some(rows));
                job.fail(message);
                return;
            }
            Err(PrepareError::Other(message)) => {
                job.fail(message);
                return;
            }
        };
        live_j.set(Vec::new());
        let kept = prepared.clone();
        job.start(
            Job::KMeans {
                x: prepared.x.clone(),
                params: lab.kmeans.clone(),
            },
            move |partials| {
                live_j.update(|curve| {
                    curve.extend(partials.into_iter().filter_map(|p| match p {
                        Partial::CurvePoint { series, x, y } => Some((series, x, y)),
                        _ => None,
                    }))
                })
            },
            move |result| {
                if let JobResult::KMeans(model) = result {
                    finished.set(Some(Finished {
                        model: Arc::new(model),
                        prepared: kept.clone(),
                    }));
                }
            },
        );
    };

    view! {
        <article class="lab">
            <header class="lab-header">
                <h1>"K-Means clustering"</h1>
                <p>"Lloyd's algorithm alternates two steps until the centroids stop moving: assign every point to its nearest centroid, then move each centroid to the centre of its points. Neither step can raise the objective J, so the loop always settles:"</p>
                <div class="formula" inner_html=FORMULA_J></div>
                <p class="note-link"><a href="#/notes/k-means" data-testid="note-link">"Read the note: K-Means →"</a></p>
            </header>
            <div class="lab-grid">
                <section class="lab-controls" aria-label="Parameters">
                    <Upload on_added=move |id| params::set_in(query, "dataset", id) />
                    <Form query=query parsed=parsed table=table />
                    <Show when=move || missing_rows.get().is_some()>
                        <button class="secondary" data-testid="drop-missing" on:click=move |_| {
                            params::set_in(query, "drop_missing", "true".into());
                            run();
                        }>{move || format!("Drop the {} rows with missing values and run", missing_rows.get().unwrap_or(0))}</button>
                    </Show>
                    <div class="run-buttons">
                        <button class="primary" data-testid="run" on:click=move |_| run() disabled=move || job.status.get() == Status::Running>"Run"</button>
                        <button data-testid="cancel" on:click=move |_| job.cancel() disabled=move || job.status.get() != Status::Running>"Cancel"</button>
                    </div>
                    <JobStatus job=job />
                </section>
                <Results job=job live_j=live_j finished=finished lab=lab query=query />
            </div>
        </article>
    }
}

/// J = Σᵢ ‖xᵢ − μ_c(i)‖², as MathML (static text, no user content).
const FORMULA_J: &str = r#"<math display="block"><mi>J</mi><mo>=</mo><munderover><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi></munderover><msup><mrow><mo>‖</mo><msub><mi>x</mi><mi>i</mi></msub><mo>−</mo><msub><mi>μ</mi><mrow><mi>c</mi><mo>(</mo><mi>i</mi><mo>)</mo></mrow></msub><mo>‖</mo></mrow><mn>2</mn></msup><mspace width="2em"/><msub><mi>μ</mi><mi>k</mi></msub><mo>←</mo><mfrac><mn>1</mn><mrow><mo>|</mo><msub><mi>C</mi><mi>k</mi></msub><mo>|</mo></mrow></mfrac><munder><mo>∑</mo><mrow><mi>i</mi><mo>∈</mo><msub><mi>C</mi><mi>k</mi></msub></mrow></munder><msub><mi>x</mi><mi>i</mi></msub></math>"#;
