//! `#/lab/linear`: SageMaker's linear learner. Several linear models train together in a
//! worker (their loss curves drawn live), the selection criterion picks one and its
//! decision threshold on the validation rows, and the page shows why it won, its weights
//! (L1 zeroing some), metrics, confusion matrix and ROC, and the predictions as CSV.

mod candidates;
mod curves;
mod exports;
mod hyper_form;
pub mod params;
mod prepare;
mod results;
mod test_channel;
mod weights;

use std::sync::Arc;

use leptos::prelude::*;

use crate::jobs::run_linear::LinearOutcome;
use crate::jobs::{Job, JobResult};
use crate::ui::components::job_status::JobStatus;
use crate::ui::components::upload::Upload;
use crate::ui::datasets::Datasets;
use crate::ui::job::{JobState, Status};
use crate::ui::pages::xgboost::data_form::DataForm;
use crate::ui::pages::xgboost::params::set;
use crate::ui::route::lab_query;
use hyper_form::{HyperForm, PredictorSelect};
use prepare::{prepare, Prepared};
use results::Results;
use test_channel::TestChannel;

const PATH: &str = "/lab/linear";
/// The library note this lab runs (its front matter names `lab: linear`).
pub const NOTE: &str = "#/notes/linear-learner";

/// A finished run: what the worker computed and how the data was prepared.
#[derive(Clone)]
pub struct Finished {
    pub outcome: Arc<LinearOutcome>,
    pub prepared: Arc<Prepared>,
}

/// Runs compare by identity: comparing whole models on every signal update is wasted work.
impl PartialEq for Finished {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.outcome, &other.outcome)
    }
}

/// One live loss point: (series like `model 3 validation loss`, epoch, loss).
pub type CurvePoint = (String, f64, f64);

#[component]
pub fn LinearLab() -> impl IntoView {
    let datasets = expect_context::<Datasets>();
    let query = lab_query(PATH);
    let parsed = Memo::new(move |_| params::parse(&query.get()));
    let lab = Memo::new(move |_| parsed.get().0);
    Effect::new(move |_| {
        let data = lab.get().data;
        datasets.ensure_loaded(&data.dataset);
        if let Some(v) = &data.validation {
            datasets.ensure_loaded(v);
        }
        if let Some(t) = &lab.get().test {
            datasets.ensure_loaded(t);
        }
    });
    // Derived signals, not memos: a memo would compare whole tables.
    let table = Signal::derive(move || datasets.get(&lab.get().data.dataset).and_then(|d| d.table));
    let validation_table = Signal::derive(move || {
        lab.get()
            .data
            .validation
            .and_then(|id| datasets.get(&id))
            .and_then(|d| d.table.map(|t| (d.name, t)))
    });

    let test_table = Signal::derive(move || {
        lab.get()
            .test
            .and_then(|id| datasets.get(&id))
            .and_then(|d| d.table.map(|t| (d.name, t)))
    });

    let job = JobState::new();
    let live = RwSignal::new(Vec::<CurvePoint>::new());
    let finished = RwSignal::new(None::<Finished>);

    let run = move || {
        let (lab, errors) = parsed.get_untracked();
        if let Some(first) = errors.first() {
            job.fail(first.clone());
            return;
        }
        let Some(table) = table.get_untracked() else {
            job.fail(format!(
                "dataset: \"{}\" is not loaded (pick a dataset or upload one)",
                lab.data.dataset
            ));
            return;
        };
        let validation = match &lab.data.validation {
            Some(id) => match validation_table.get_untracked() {
                Some(v) => Some(v),
                None => {
                    job.fail(format!(
                        "validation: \"{id}\" is not loaded (pick a dataset or upload one)"
                    ));
                    return;
                }
            },
            None => None,
        };
        let test = match &lab.test {
            Some(id) => match test_table.get_untracked() {
                Some(t) => Some(t),
                None => {
                    job.fail(format!(
                        "test: \"{id}\" is not loaded (pick a dataset or upload one)"
                    ));
                    return;
                }
            },
            None => None,
        };
        let (prepared, input) = match prepare(&lab, table, validation, test) {
            Ok(p) => p,
            Err(message) => {
                job.fail(message);
                return;
            }
        };
        let prepared = Arc::new(prepared);
        live.set(Vec::new());
        finished.set(None);
        job.start(
            Job::Linear(Box::new(input)),
            move |partials| {
                let points = partials.into_iter().filter_map(|p| match p {
                    crate::kernels::Partial::CurvePoint { series, x, y } => Some((series, x, y)),
                    _ => None,
                });
                live.update(|l| l.extend(points));
            },
            move |result| {
                if let JobResult::Linear(outcome) = result {
                    finished.set(Some(Finished {
                        outcome: Arc::new(*outcome),
                        prepared: prepared.clone(),
                    }));
                }
            },
        );
    };

    view! {
        <article class="lab xgb-lab linear-lab">
            <header class="lab-header">
                <h1>"Linear learner"</h1>
                <p>"A linear model scores a row as s = w·x + b on normalized features: the score itself for a regressor, the probability σ(s) of class 1 for a binary classifier, a softmax over one score per class for multiclass. Like SageMaker's linear learner, this lab trains "<code>"num_models"</code>" models at once on the same shuffled mini-batches, each with its own learning rate and regularization, and keeps the one the selection criterion prefers on the validation rows, together with the decision threshold that criterion chose. "
                    <a href=NOTE data-testid="note-link">"Read the note on the linear learner"</a>"."</p>
                <div class="formula" inner_html=FORMULA></div>
            </header>
            <div class="lab-grid">
                <section class="lab-controls" aria-label="Parameters">
                    <Upload on_added=move |id: String| {
                        query.update(|q| {
                            q.retain(|(k, _)| !["target", "features", "predictor_type"].contains(&k.as_str()));
                            set(q, "dataset", id);
                        });
                    } />
                    <DataForm query=query data=Signal::derive(move || lab.get().data) table=table
                        missing_note="stop the run: the linear learner needs every value (fill or drop them first).">
                        <PredictorSelect query=query />
                    </DataForm>
                    <TestChannel query=query current=Signal::derive(move || lab.get().test)
                        dataset=Signal::derive(move || lab.get().data.dataset) />
                    <HyperForm query=query errors=Signal::derive(move || parsed.get().1) />
                    <div class="run-buttons">
                        <button class="primary" data-testid="run" on:click=move |_| run() disabled=move || job.status.get() == Status::Running>"Train"</button>
                        <button data-testid="cancel" on:click=move |_| job.cancel() disabled=move || job.status.get() != Status::Running>"Cancel"</button>
                    </div>
                    <JobStatus job=job />
                </section>
                <Results job=job live=live finished=finished />
            </div>
        </article>
    }
}

/// min over W, b of mean loss(Wz + b, y) + l1‖W‖₁ + ½ wd‖W‖², as MathML (static text).
const FORMULA: &str = r#"<math display="block"><munder><mo>min</mo><mrow><mi>w</mi><mo>,</mo><mi>b</mi></mrow></munder><mfrac><mn>1</mn><mi>n</mi></mfrac><munder><mo>∑</mo><mi>i</mi></munder><mi>ℓ</mi><mo>(</mo><mi>w</mi><mo>·</mo><msub><mi>z</mi><mi>i</mi></msub><mo>+</mo><mi>b</mi><mo>,</mo><msub><mi>y</mi><mi>i</mi></msub><mo>)</mo><mo>+</mo><msub><mi>l</mi><mn>1</mn></msub><msub><mrow><mo>‖</mo><mi>w</mi><mo>‖</mo></mrow><mn>1</mn></msub><mo>+</mo><mfrac><mn>1</mn><mn>2</mn></mfrac><mtext>wd</mtext><msubsup><mrow><mo>‖</mo><mi>w</mi><mo>‖</mo></mrow><mn>2</mn><mn>2</mn></msubsup></math>"#;
