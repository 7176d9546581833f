//! `#/lab/knn`: k-nearest neighbours with SageMaker k-NN's parameters. The worker builds
//! the index (brute force or a k-d tree), predicts the validation rows, times the other
//! index on the same queries, and predicts a grid over two features; the page shows the
//! metrics, why one index is faster here, and the decision regions as a map.

mod form;
mod index_view;
pub mod params;
mod prepare;
mod regions_view;
mod results;

use std::sync::Arc;

use leptos::prelude::*;

use crate::data::supervised::{feature_names, target_name};
use crate::data::Column;
use crate::jobs::run_knn::KnnOutcome;
use crate::jobs::{Job, JobResult};
use crate::ui::components::job_status::JobStatus;
use crate::ui::components::upload::Upload;
use crate::ui::datasets::Datasets;
use crate::ui::job::{JobState, Status};
use crate::ui::pages::xgboost::data_form::DataForm;
use crate::ui::pages::xgboost::params::set;
use crate::ui::route::lab_query;
use form::{KnnForm, PredictorSelect};
use prepare::{prepare, Prepared};
use results::Results;

const PATH: &str = "/lab/knn";
/// The library note this lab runs (its front matter names `lab: knn`).
pub const NOTE: &str = "#/notes/k-nearest-neighbors";

/// A finished run: what the worker computed and how the data was prepared.
#[derive(Clone)]
pub struct Finished {
    pub outcome: Arc<KnnOutcome>,
    pub prepared: Arc<Prepared>,
}

/// Runs compare by identity: comparing whole outcomes on every signal update is wasted work.
impl PartialEq for Finished {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.outcome, &other.outcome)
    }
}

#[component]
pub fn KnnLab() -> impl IntoView {
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
    // The numeric features the map can span.
    let map_columns = Signal::derive(move || {
        let Some(t) = table.get() else {
            return Vec::new();
        };
        let spec = lab.get().data.spec;
        let Some(target) = target_name(&spec, &t) else {
            return Vec::new();
        };
        feature_names(&spec, &t, &target)
            .0
            .into_iter()
            .filter(|f| matches!(t.column(f), Some(Column::Numeric(_))))
            .collect()
    });

    let job = JobState::new();
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
        let (prepared, input) = match prepare(&lab, table, validation) {
            Ok(p) => p,
            Err(message) => {
                job.fail(message);
                return;
            }
        };
        let prepared = Arc::new(prepared);
        finished.set(None);
        job.start(
            Job::Knn(Box::new(input)),
            |_| {},
            move |result| {
                if let JobResult::Knn(outcome) = result {
                    finished.set(Some(Finished {
                        outcome: Arc::new(*outcome),
                        prepared: prepared.clone(),
                    }));
                }
            },
        );
    };

    view! {
        <article class="lab xgb-lab knn-lab">
            <header class="lab-header">
                <h1>"k-nearest neighbours"</h1>
                <p>"k-NN keeps the training rows and, for a new row, finds the k nearest of them: a classifier predicts the class most of them have, a regressor their mean. There is no training beyond building an index; all the work is in the queries. Distances are only fair when features share a scale, which is what "<code>"standardize"</code>" does. "
                    <a href=NOTE data-testid="note-link">"Read the note on k-NN"</a>"."</p>
                <div class="formula" inner_html=FORMULA></div>
            </header>
            <div class="lab-grid">
                <section class="lab-controls" aria-label="Parameters">
                    <Upload on_added=move |id: String| {
                        query.update(|q| {
                            q.retain(|(k, _)| !["target", "features", "predictor_type", "map_x", "map_y"].contains(&k.as_str()));
                            set(q, "dataset", id);
                        });
                    } />
                    <DataForm query=query data=Signal::derive(move || lab.get().data) table=table
                        missing_note="stop the run: k-NN needs every value to measure a distance (fill or drop them first).">
                        <PredictorSelect query=query />
                    </DataForm>
                    <KnnForm query=query columns=map_columns errors=Signal::derive(move || parsed.get().1) />
                    <div class="run-buttons">
                        <button class="primary" data-testid="run" on:click=move |_| run() disabled=move || job.status.get() == Status::Running>"Run"</button>
                        <button data-testid="cancel" on:click=move |_| job.cancel() disabled=move || job.status.get() != Status::Running>"Cancel"</button>
                    </div>
                    <JobStatus job=job />
                </section>
                <Results finished=finished />
            </div>
        </article>
    }
}

/// ŷ(x) = majority of {y_i : i ∈ N_k(x)} (classifier) or (1/k) Σ_{i ∈ N_k(x)} y_i (regressor).
const FORMULA: &str = r#"<math display="block"><mover><mi>y</mi><mo>^</mo></mover><mo>(</mo><mi>x</mi><mo>)</mo><mo>=</mo><mfrac><mn>1</mn><mi>k</mi></mfrac><munder><mo>∑</mo><mrow><mi>i</mi><mo>∈</mo><msub><mi>N</mi><mi>k</mi></msub><mo>(</mo><mi>x</mi><mo>)</mo></mrow></munder><msub><mi>y</mi><mi>i</mi></msub><mspace width="1.5em"/><mi>d</mi><mo>(</mo><mi>a</mi><mo>,</mo><mi>b</mi><mo>)</mo><mo>=</mo><msqrt><munder><mo>∑</mo><mi>j</mi></munder><msup><mrow><mo>(</mo><msub><mi>a</mi><mi>j</mi></msub><mo>−</mo><msub><mi>b</mi><mi>j</mi></msub><mo>)</mo></mrow><mn>2</mn></msup></msqrt></math>"#;
