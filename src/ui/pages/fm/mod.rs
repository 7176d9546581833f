//! `#/lab/fm`: factorization machines with SageMaker's hyperparameter names (all in the URL).
//! Categorical columns are one-hot encoded into a sparse matrix; a worker trains the FM and
//! the same model without factors (the linear baseline) with live per-epoch curves; then
//! the metrics, the comparison, the item embeddings in 2-D and the predictions export.

mod about_sample;
mod curves;
mod data_form;
mod embedding;
mod exports;
mod hyper_form;
pub mod params;
pub mod prepare;
mod results;

use std::sync::Arc;

use leptos::prelude::*;

use crate::jobs::run_fm::FmOutcome;
use crate::jobs::{Job, JobResult};
use crate::kernels::Partial;
use crate::ui::components::job_status::JobStatus;
use crate::ui::components::upload::Upload;
use crate::ui::datasets::Datasets;
use crate::ui::job::{JobState, Status};
use crate::ui::route::lab_query;
use about_sample::AboutSample;
use data_form::DataForm;
use hyper_form::HyperForm;
use params::LabParams;
use prepare::{prepare, Prepared};
use results::Results;

const PATH: &str = "/lab/fm";

/// A finished run: what the worker computed and how the data was prepared.
#[derive(Clone)]
pub struct Finished {
    pub outcome: Arc<FmOutcome>,
    pub prepared: Arc<Prepared>,
}

/// Runs compare by identity: comparing whole outcomes on every signal update is wasted work.
impl PartialEq for Finished {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.outcome, &other.outcome)
    }
}

/// One point of a live curve: (series such as `validation rmse`, epoch, value).
pub type CurvePoint = (String, f64, f64);

/// The lab's params as the forms read them.
pub type Parsed = Memo<(LabParams, Vec<String>)>;

#[component]
pub fn FmLab() -> impl IntoView {
    let datasets = expect_context::<Datasets>();
    let query = lab_query(PATH);
    let parsed = Memo::new(move |_| params::parse(&query.get()));
    let lab = Memo::new(move |_| parsed.get().0);
    Effect::new(move |_| {
        let l = lab.get();
        datasets.ensure_loaded(&l.dataset);
        if let Some(v) = &l.validation {
            datasets.ensure_loaded(v);
        }
    });
    // Derived signals, not memos: a memo would compare whole tables.
    let table = Signal::derive(move || datasets.get(&lab.get().dataset).and_then(|d| d.table));
    let validation_table = Signal::derive(move || {
        lab.get()
            .validation
            .and_then(|id| datasets.get(&id))
            .and_then(|d| d.table)
    });

    let job = JobState::new();
    let live = RwSignal::new(Vec::<CurvePoint>::new());
    let finished = RwSignal::new(None::<Finished>);
    // Run was pressed while a sample was still loading: run as soon as it arrives.
    let run_when_loaded = RwSignal::new(false);

    let run = move || {
        let (lab, errors) = parsed.get_untracked();
        if let Some(first) = errors.first() {
            job.fail(first.clone());
            return;
        }
        let Some(table) = table.get_untracked() else {
            if datasets.get(&lab.dataset).is_some_and(|d| d.sample) {
                run_when_loaded.set(true);
                job.message.set(format!("loading {}…", lab.dataset));
                return;
            }
            job.fail(format!(
                "dataset: \"{}\" is not loaded (pick a dataset or upload one)",
                lab.dataset
            ));
            return;
        };
        let validation = validation_table.get_untracked();
        if let (Some(id), None) = (&lab.validation, &validation) {
            job.fail(format!(
                "validation: \"{id}\" is not loaded (pick a dataset or upload one)"
            ));
            return;
        }
        let (prepared, input) = match prepare(&lab, &table, validation.as_ref()) {
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
            Job::Fm(Box::new(input)),
            move |partials| {
                live.update(|l| {
                    l.extend(partials.into_iter().filter_map(|p| match p {
                        Partial::CurvePoint { series, x, y } => Some((series, x, y)),
                        _ => None,
                    }))
                })
            },
            move |result| {
                if let JobResult::Fm(outcome) = result {
                    finished.set(Some(Finished {
                        outcome: Arc::new(*outcome),
                        prepared: prepared.clone(),
                    }));
                }
            },
        );
    };

    Effect::new(move |_| {
        if run_when_loaded.get() && table.with(Option::is_some) {
            run_when_loaded.set(false);
            run();
        }
    });

    view! {
        <article class="lab fm-lab">
            <header class="lab-header">
                <h1>"Factorization machines"</h1>
                <p>"Each categorical column (user, item, context…) is one-hot encoded, so a row is a sparse vector with one 1 per column. A linear model adds independent effects (“this user rates high”, “this item is popular”); a factorization machine also gives every feature a vector v"<sub>"i"</sub>" of "<code>"num_factors"</code>" numbers and scores each pair of features by their dot product, so it can learn that "<em>"this"</em>" user likes "<em>"this"</em>" item, even for pairs it never saw together. The pairwise sum costs O(nnz · k) instead of O(nnz² · k) thanks to the identity on the right:"</p>
                <div class="formula fm-formulas"><div inner_html=FORMULA_MODEL></div><div inner_html=FORMULA_TRICK></div></div>
                <p class="note-link"><a href="#/notes/factorization-machines" data-testid="note-link">"Read the note: Factorization Machines →"</a></p>
            </header>
            <div class="lab-grid">
                <section class="lab-controls" aria-label="Parameters">
                    <Upload on_added=move |id: String| {
                        query.update(|q| {
                            q.retain(|(k, _)| !["target", "features", "embed"].contains(&k.as_str()));
                            params::set(q, "dataset", id);
                        });
                    } />
                    <DataForm query=query parsed=parsed table=table />
                    <HyperForm query=query parsed=parsed />
                    <div class="run-buttons">
                        <button class="primary" data-testid="run" on:click=move |_| run() disabled=move || job.status.get() == Status::Running>"Train"</button>
                        <button data-testid="cancel" on:click=move |_| job.cancel() disabled=move || job.status.get() != Status::Running>"Cancel"</button>
                    </div>
                    <JobStatus job=job />
                </section>
                <Results job=job live=live finished=finished />
            </div>
            <AboutSample />
        </article>
    }
}

/// ŷ = w₀ + Σ wᵢxᵢ + Σ_{i<j} ⟨vᵢ, vⱼ⟩ xᵢxⱼ (static MathML).
const FORMULA_MODEL: &str = r#"<math display="block"><mover><mi>y</mi><mo>^</mo></mover><mo>=</mo><msub><mi>w</mi><mn>0</mn></msub><mo>+</mo><munder><mo>∑</mo><mi>i</mi></munder><msub><mi>w</mi><mi>i</mi></msub><msub><mi>x</mi><mi>i</mi></msub><mo>+</mo><munder><mo>∑</mo><mrow><mi>i</mi><mo>&lt;</mo><mi>j</mi></mrow></munder><mo>⟨</mo><msub><mi>v</mi><mi>i</mi></msub><mo>,</mo><msub><mi>v</mi><mi>j</mi></msub><mo>⟩</mo><msub><mi>x</mi><mi>i</mi></msub><msub><mi>x</mi><mi>j</mi></msub></math>"#;
/// Σ_{i<j} ⟨vᵢ, vⱼ⟩ xᵢxⱼ = ½ Σ_f [(Σᵢ v_if xᵢ)² − Σᵢ v_if² xᵢ²].
const FORMULA_TRICK: &str = r#"<math display="block"><munder><mo>∑</mo><mrow><mi>i</mi><mo>&lt;</mo><mi>j</mi></mrow></munder><mo>⟨</mo><msub><mi>v</mi><mi>i</mi></msub><mo>,</mo><msub><mi>v</mi><mi>j</mi></msub><mo>⟩</mo><msub><mi>x</mi><mi>i</mi></msub><msub><mi>x</mi><mi>j</mi></msub><mo>=</mo><mfrac><mn>1</mn><mn>2</mn></mfrac><munder><mo>∑</mo><mi>f</mi></munder><mrow><mo>[</mo><msup><mrow><mo>(</mo><munder><mo>∑</mo><mi>i</mi></munder><msub><mi>v</mi><mrow><mi>i</mi><mi>f</mi></mrow></msub><msub><mi>x</mi><mi>i</mi></msub><mo>)</mo></mrow><mn>2</mn></msup><mo>−</mo><munder><mo>∑</mo><mi>i</mi></munder><msubsup><mi>v</mi><mrow><mi>i</mi><mi>f</mi></mrow><mn>2</mn></msubsup><msubsup><mi>x</mi><mi>i</mi><mn>2</mn></msubsup><mo>]</mo></mrow></math>"#;
