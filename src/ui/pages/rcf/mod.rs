//! `#/lab/rcf`: Random Cut Forest anomaly scores with SageMaker's hyperparameter names (all
//! in the URL), in batch or streaming mode in a worker; then the series with the score
//! overlaid, an adjustable threshold, the flagged rows, AUC against a label, and exports.

mod explain;
mod flagged;
mod form;
pub mod params;
pub mod prepare;
mod results;

use std::sync::Arc;

use leptos::prelude::*;

use crate::data::Table;
use crate::jobs::run_rcf::RcfOutcome;
use crate::jobs::{Job, JobResult};
use crate::ui::components::job_status::JobStatus;
use crate::ui::components::upload::Upload;
use crate::ui::datasets::Datasets;
use crate::ui::job::{JobState, Status};
use crate::ui::route::lab_query;
use explain::HowScored;
use form::Form;
use prepare::prepare;
use results::Results;

const PATH: &str = "/lab/rcf";

/// A finished run: the scores and what they were computed on.
#[derive(Clone)]
pub struct Finished {
    pub outcome: Arc<RcfOutcome>,
    pub table: Arc<Table>,
    pub features: Vec<String>,
    pub target: Option<String>,
}

/// Runs compare by identity: comparing 10,000 scores on every signal update is wasted work.
impl PartialEq for Finished {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.outcome, &other.outcome)
    }
}

#[component]
pub fn RcfLab() -> impl IntoView {
    let datasets = expect_context::<Datasets>();
    let query = lab_query(PATH);
    let parsed = Memo::new(move |_| params::parse(&query.get()));
    let lab = Memo::new(move |_| parsed.get().0);
    Effect::new(move |_| datasets.ensure_loaded(&lab.get().dataset));
    // A derived signal, not a memo: a memo would compare whole tables.
    let table = Signal::derive(move || datasets.get(&lab.get().dataset).and_then(|d| d.table));

    let job = JobState::new();
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
        let prepared = match prepare(&lab, &table) {
            Ok(p) => p,
            Err(message) => {
                job.fail(message);
                return;
            }
        };
        let (features, target) = (prepared.features, prepared.target);
        finished.set(None);
        job.start(
            Job::Rcf(Box::new(prepared.job)),
            |_| {},
            move |result| {
                if let JobResult::Rcf(outcome) = result {
                    finished.set(Some(Finished {
                        outcome: Arc::new(*outcome),
                        table: table.clone(),
                        features: features.clone(),
                        target: target.clone(),
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
        <article class="lab rcf-lab">
            <header class="lab-header">
                <h1>"Random Cut Forest"</h1>
                <p>"Each tree keeps a random sample of the points and cuts their bounding box again and again, choosing a dimension with probability proportional to its range and a uniform value along it, until every point is alone. A point that a random cut separates early, near the root, is unlike the others: its score is high. A time series is first "<em>"shingled"</em>": point t becomes the window of the last "<code>"shingle_size"</code>" values, so a spike or a change of rhythm is a point out of place. In streaming mode each point is scored on arrival, then offered to every tree's reservoir sample, where it may replace an older point."</p>
                <p class="note-link"><a href="#/notes/random-cut-forest" data-testid="note-link">"Read the note: Random Cut Forest →"</a></p>
            </header>
            <div class="lab-grid">
                <section class="lab-controls" aria-label="Parameters">
                    <Upload on_added=move |id: String| {
                        query.update(|q| {
                            q.retain(|(k, _)| !["target", "features", "threshold"].contains(&k.as_str()));
                            params::set(q, "dataset", id);
                        });
                    } />
                    <Form query=query parsed=parsed table=table />
                    <div class="run-buttons">
                        <button class="primary" data-testid="run" on:click=move |_| run() disabled=move || job.status.get() == Status::Running>"Score"</button>
                        <button data-testid="cancel" on:click=move |_| job.cancel() disabled=move || job.status.get() != Status::Running>"Cancel"</button>
                    </div>
                    <JobStatus job=job />
                </section>
                <Results job=job finished=finished lab=lab query=query />
            </div>
            <HowScored />
        </article>
    }
}
