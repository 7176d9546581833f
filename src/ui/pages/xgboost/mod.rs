//! `#/lab/xgboost`: gradient-boosted trees with XGBoost's semantics and SageMaker's names.
//! Data and every hyperparameter live in the URL; training runs in a worker with live
//! learning curves; then metrics, importance, any tree, the validation confusion matrix
//! and ROC curve, TreeSHAP plots and the ways out (XGBoost JSON, SageMaker
//! hyperparameters, CSVs, SVGs).

pub mod channel_upload;
mod compare_view;
mod curves;
pub mod data_choice;
pub mod data_form;
mod exports;
mod hyper_form;
mod importance;
mod metrics_view;
mod objective_select;
pub mod params;
pub mod preparation_notes;
pub mod prepare;
mod progress;
mod results;
pub mod shap_view;
mod tree_view;
pub mod validation_plots;
mod validation_view;

use std::sync::Arc;

use leptos::prelude::*;

use crate::jobs::xgboost::XgboostOutcome;
use crate::jobs::{Job, JobResult};
use crate::ui::components::job_status::JobStatus;
use crate::ui::components::upload::Upload;
use crate::ui::datasets::Datasets;
use crate::ui::job::{JobState, Status};
use crate::ui::route::lab_query;
use data_form::DataForm;
use hyper_form::HyperForm;
use objective_select::ObjectiveSelect;
use params::LabParams;
use prepare::Prepared;
use progress::RoundClock;
use results::Results;

const PATH: &str = "/lab/xgboost";

/// A finished run: what the worker computed and how the data was prepared.
#[derive(Clone)]
pub struct Finished {
    pub outcome: Arc<XgboostOutcome>,
    pub prepared: Arc<Prepared>,
}

/// Runs compare by identity: comparing whole models on every signal update is wasted work.
impl PartialEq for Finished {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.outcome, &other.outcome)
    }
}

/// One point of a live learning curve: (series like `validation:auc`, round, value).
pub type CurvePoint = (String, f64, f64);

#[component]
pub fn XgboostLab() -> impl IntoView {
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
    // Derived signals, not memos: a memo would compare whole tables (Arc's PartialEq is deep).
    let table = Signal::derive(move || datasets.get(&lab.get().dataset).and_then(|d| d.table));
    let validation_table = Signal::derive(move || {
        lab.get()
            .validation
            .and_then(|id| datasets.get(&id))
            .and_then(|d| d.table.map(|t| (d.name, t)))
    });

    let job = JobState::new();
    let live = RwSignal::new(Vec::<CurvePoint>::new());
    let finished = RwSignal::new(None::<Finished>);
    let clock = RoundClock::new();

    let run = move || {
        let (lab, errors) = parsed.get_untracked();
        if let Some(first) = errors.first() {
            job.fail(first.clone());
            return;
        }
        let Some(table) = table.get_untracked() else {
            job.fail(format!(
                "dataset: \"{}\" is not loaded (pick a dataset or upload one)",
                lab.dataset
            ));
            return;
        };
        let validation = match &lab.validation {
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
        let input = prepare::job(&lab, validation.as_ref().map(|(name, _)| name.as_str()));
        let validation_table = validation.map(|(_, t)| t);
        let rounds = match lab.booster {
            crate::jobs::xgboost::Booster::LightGbm => lab.lgbm.num_boost_round,
            _ => lab.xgb.num_round,
        };
        live.set(Vec::new());
        finished.set(None);
        clock.reset();
        job.start_when_ready(
            Job::Xgboost(Box::new(input)),
            prepare::attachment(table.clone(), validation_table.clone()),
            move |partials| {
                let points: Vec<CurvePoint> = partials
                    .into_iter()
                    .filter_map(|p| match p {
                        crate::kernels::Partial::CurvePoint { series, x, y } => {
                            Some((series, x, y))
                        }
                        _ => None,
                    })
                    .collect();
                if let Some(round) = points.iter().map(|p| p.1).reduce(f64::max) {
                    job.message.set(clock.message(round, rounds));
                }
                live.update(|l| l.extend(points));
            },
            move |result| {
                if let JobResult::Xgboost(outcome) = result {
                    let prepared = Prepared::new(table.clone(), validation_table.clone(), &outcome);
                    finished.set(Some(Finished {
                        outcome: Arc::new(*outcome),
                        prepared: Arc::new(prepared),
                    }));
                }
            },
        );
    };

    view! {
        <article class="lab xgb-lab">
            <header class="lab-header">
                <h1>"Gradient boosting (XGBoost and LightGBM)"</h1>
                <p>"Each round fits one regression tree to the gradients g and hessians h of the loss at the current predictions. A leaf's weight and a split's gain come straight from their sums G and H (XGBoost's "<code>"hist"</code>" method: features cut into at most "<code>"max_bin"</code>" quantile bins; a split is kept only when its gain exceeds "<code>"gamma"</code>" and each child's H is at least "<code>"min_child_weight"</code>"):"</p>
                <div class="formula xgb-formulas"><div inner_html=FORMULA_WEIGHT></div><div inner_html=FORMULA_GAIN></div></div>
                <p class="note-link"><a href="#/notes/xgboost" data-testid="note-link">"Read the note: XGBoost →"</a></p>
            </header>
            <div class="lab-grid">
                <section class="lab-controls" aria-label="Parameters">
                    <Upload on_added=move |id: String| {
                        query.update(|q| {
                            q.retain(|(k, _)| !["target", "features"].contains(&k.as_str()));
                            params::set(q, "dataset", id);
                        });
                    } />
                    <DataForm query=query data=Signal::derive(move || lab.get().data()) table=table objective_names=true
                        missing_note="stay missing: each split learns which branch they take.">
                        <ObjectiveSelect query=query />
                    </DataForm>
                    <HyperForm query=query parsed=parsed />
                    <div class="run-buttons">
                        <button class="primary" data-testid="run" on:click=move |_| run() disabled=move || job.status.get() == Status::Running>"Train"</button>
                        <button data-testid="cancel" on:click=move |_| job.cancel() disabled=move || job.status.get() != Status::Running>"Cancel"</button>
                    </div>
                    <JobStatus job=job />
                </section>
                <Results job=job live=live finished=finished lab=lab query=query />
            </div>
        </article>
    }
}

/// w* = −η G / (H + λ): a leaf's weight (XGBoost's src/tree/param.h, α's soft threshold
/// left out for readability).
const FORMULA_WEIGHT: &str = r#"<math display="block"><msup><mi>w</mi><mo>*</mo></msup><mo>=</mo><mo>−</mo><mi>η</mi><mfrac><mi>G</mi><mrow><mi>H</mi><mo>+</mo><mi>λ</mi></mrow></mfrac></math>"#;
/// The gain of splitting a node into L and R (no ½ factor, as XGBoost computes it).
const FORMULA_GAIN: &str = r#"<math display="block"><mtext>gain</mtext><mo>=</mo><mfrac><msubsup><mi>G</mi><mi>L</mi><mn>2</mn></msubsup><mrow><msub><mi>H</mi><mi>L</mi></msub><mo>+</mo><mi>λ</mi></mrow></mfrac><mo>+</mo><mfrac><msubsup><mi>G</mi><mi>R</mi><mn>2</mn></msubsup><mrow><msub><mi>H</mi><mi>R</mi></msub><mo>+</mo><mi>λ</mi></mrow></mfrac><mo>−</mo><mfrac><msup><mrow><mo>(</mo><msub><mi>G</mi><mi>L</mi></msub><mo>+</mo><msub><mi>G</mi><mi>R</mi></msub><mo>)</mo></mrow><mn>2</mn></msup><mrow><msub><mi>H</mi><mi>L</mi></msub><mo>+</mo><msub><mi>H</mi><mi>R</mi></msub><mo>+</mo><mi>λ</mi></mrow></mfrac></math>"#;

/// The lab's params as the form and results read them.
pub type Parsed = Memo<(LabParams, Vec<String>)>;
