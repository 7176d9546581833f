//! The page both labs share: data form, hyperparameters, run / cancel, status, results.
//! The tree trains in one job; the forest across the pool (`forest_run`).

use std::sync::Arc;

use leptos::prelude::*;

use super::forest_run::ForestRun;
use super::hyper_form::HyperForm;
use super::params::{self, LabKind, LabParams};
use super::prepare::prepare;
use super::results::Results;
use super::Finished;
use crate::jobs::{Job, JobResult};
use crate::ui::components::job_status::JobStatus;
use crate::ui::components::upload::Upload;
use crate::ui::datasets::Datasets;
use crate::ui::job::{JobState, Status};
use crate::ui::pages::xgboost::data_choice::DataChoice;
use crate::ui::pages::xgboost::data_form::DataForm;
use crate::ui::route::lab_query;

#[component]
pub fn CartLab(kind: LabKind, path: &'static str, children: Children) -> impl IntoView {
    let datasets = expect_context::<Datasets>();
    let query = lab_query(path);
    let parsed = Memo::new(move |_| params::parse(kind, &query.get()));
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
    let choice = Signal::derive(move || {
        let l = lab.get();
        DataChoice {
            dataset: l.dataset.clone(),
            validation: l.validation.clone(),
            spec: l.spec(),
        }
    });
    let finished = RwSignal::new(None::<Finished>);
    // The tree runs as one job; the forest's run owns its own JobState.
    let tree_job = JobState::new();
    let forest = ForestRun::new();
    let job = match kind {
        LabKind::Tree => tree_job,
        LabKind::Forest => forest.state,
    };

    let run = move || {
        let (lab, errors): (LabParams, Vec<String>) = parsed.get_untracked();
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
        let (prepared, data) = match prepare(&lab, table, validation) {
            Ok(p) => p,
            Err(message) => {
                job.fail(message);
                return;
            }
        };
        let prepared = Arc::new(prepared);
        let criterion = prepared.criterion;
        finished.set(None);
        match kind {
            LabKind::Tree => {
                let params = lab.tree_params(criterion);
                job.start(
                    Job::DecisionTree(Box::new(crate::jobs::trees::TreeJob { data, params })),
                    |_| {},
                    move |result| {
                        if let JobResult::DecisionTree(outcome) = result {
                            let importances = Arc::new(outcome.tree.feature_importances.clone());
                            finished.set(Some(Finished {
                                trees: Arc::new(vec![outcome.tree]),
                                importances,
                                evaluation: Arc::new(outcome.evaluation),
                                oob: None,
                                oob_curve: Arc::new(Vec::new()),
                                prepared: prepared.clone(),
                            }));
                        }
                    },
                );
            }
            LabKind::Forest => {
                let params = lab.forest_params(criterion);
                forest.start(data, params, move |outcome| {
                    let model = outcome.forest;
                    finished.set(Some(Finished {
                        importances: Arc::new(model.feature_importances),
                        oob: model.oob,
                        trees: Arc::new(model.trees),
                        evaluation: Arc::new(outcome.evaluation),
                        oob_curve: Arc::new(outcome.oob_curve),
                        prepared: prepared.clone(),
                    }));
                });
            }
        }
    };
    let cancel = move || match kind {
        LabKind::Tree => tree_job.cancel(),
        LabKind::Forest => forest.cancel(),
    };

    view! {
        <article class=format!("lab xgb-lab cart-lab {}-lab", kind.id())>
            {children()}
            <div class="lab-grid">
                <section class="lab-controls" aria-label="Parameters">
                    <Upload on_added=move |id: String| {
                        query.update(|q| {
                            q.retain(|(k, _)| !["target", "features", "row", "tree", "class"].contains(&k.as_str()));
                            crate::ui::pages::xgboost::params::set(q, "dataset", id);
                        });
                    } />
                    <DataForm query=query data=choice table=table missing_note="stay missing: each split sends them to the side that suits them best.">
                        <small class="muted">"The task follows from the criterion: gini, entropy and misclassification classify; mse and mae regress."</small>
                    </DataForm>
                    <HyperForm kind=kind query=query parsed=parsed />
                    <div class="run-buttons">
                        <button class="primary" data-testid="run" on:click=move |_| run() disabled=move || job.status.get() == Status::Running>"Train"</button>
                        <button data-testid="cancel" on:click=move |_| cancel() disabled=move || job.status.get() != Status::Running>"Cancel"</button>
                    </div>
                    <JobStatus job=job />
                </section>
                <Results kind=kind finished=finished lab=lab query=query />
            </div>
        </article>
    }
}
