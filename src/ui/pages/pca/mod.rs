//! `#/lab/pca`: SageMaker PCA's parameters (all in the URL), a fit in a worker (regular:
//! covariance + symmetric eigendecomposition; randomized: Halko–Martinsson–Tropp), then the
//! scree plot, a 2-D projection coloured by any column, the loadings and exports.

mod form;
pub mod params;
mod results;

use std::sync::Arc;

use leptos::prelude::*;

use crate::data::transform::{default_features, feature_matrix, FeatureError};
use crate::data::Table;
use crate::jobs::{Job, JobResult};
use crate::kernels::pca::PcaModel;
use crate::kernels::Matrix;
use crate::ui::components::job_status::JobStatus;
use crate::ui::components::upload::Upload;
use crate::ui::datasets::Datasets;
use crate::ui::job::{JobState, Status};
use crate::ui::pages::kmeans::params::set_in;
use crate::ui::route::lab_query;
use form::Form;
use params::LabParams;
use results::Results;

const PATH: &str = "/lab/pca";

/// A finished fit: the model, every used row's projection, and where the rows came from.
#[derive(Clone, PartialEq)]
pub struct Finished {
    pub model: Arc<PcaModel>,
    pub projection: Arc<Matrix>,
    pub table: Arc<Table>,
    pub features: Vec<String>,
    /// Table row of each projected row (rows with missing values may have been dropped).
    pub rows_used: Arc<Vec<usize>>,
    /// The fit alone, timed in the worker.
    pub fit_ms: f64,
}

enum Prepared {
    Ready {
        x: Matrix,
        features: Vec<String>,
        rows_used: Vec<usize>,
    },
    /// Rows with missing values: the lab offers to drop them.
    Missing(String, usize),
}

fn prepare(lab: &LabParams, table: &Table) -> Result<Prepared, String> {
    let features = lab
        .features
        .clone()
        .unwrap_or_else(|| default_features(table));
    if features.is_empty() {
        return Err(FeatureError::NoNumericColumn.to_string());
    }
    match feature_matrix(table, &features, lab.drop_missing) {
        Ok((x, rows_used)) => {
            lab.pca
                .validate(x.rows(), x.cols())
                .map_err(|e| e.to_string())?;
            Ok(Prepared::Ready {
                x,
                features,
                rows_used,
            })
        }
        Err(e @ FeatureError::MissingValues { rows, .. }) => {
            Ok(Prepared::Missing(e.to_string(), rows))
        }
        Err(e) => Err(e.to_string()),
    }
}

#[component]
pub fn PcaLab() -> impl IntoView {
    let datasets = expect_context::<Datasets>();
    let query = lab_query(PATH);
    let parsed = Memo::new(move |_| params::parse(&query.get()));
    let lab = Memo::new(move |_| parsed.get().0);
    Effect::new(move |_| datasets.ensure_loaded(&lab.get().dataset));
    // A derived signal, not a memo: a memo would compare whole tables.
    let table = Signal::derive(move || datasets.get(&lab.get().dataset).and_then(|d| d.table));

    let job = JobState::new();
    let missing_rows = RwSignal::new(None::<usize>);
    let finished = RwSignal::new(None::<Finished>);
    // Run was pressed while a sample was still loading: run as soon as it arrives.
    let run_when_loaded = RwSignal::new(false);

    let run = move || {
        missing_rows.set(None);
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
        let (x, features, rows_used) = match prepare(&lab, &table) {
            Ok(Prepared::Ready {
                x,
                features,
                rows_used,
            }) => (x, features, rows_used),
            Ok(Prepared::Missing(message, rows)) => {
                missing_rows.set(Some(rows));
                job.fail(message);
                return;
            }
            Err(message) => {
                job.fail(message);
                return;
            }
        };
        let rows_used = Arc::new(rows_used);
        job.start(
            Job::Pca {
                x,
                params: lab.pca.clone(),
            },
            |_| {},
            move |result| {
                if let JobResult::Pca {
                    model,
                    projection,
                    fit_ms,
                } = result
                {
                    finished.set(Some(Finished {
                        fit_ms,
                        model: Arc::new(model),
                        projection: Arc::new(projection),
                        table: table.clone(),
                        features: features.clone(),
                        rows_used: rows_used.clone(),
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
        <article class="lab">
            <header class="lab-header">
                <h1>"Principal component analysis"</h1>
                <p>"PCA finds the orthogonal directions along which the (centred) data varies most. The regular mode forms the d × d covariance matrix and takes its eigenvectors; each eigenvalue is the variance along its direction, so its share of the total is that component's explained variance ratio. The randomized mode multiplies the data by a random matrix to catch the top directions in a small sketch, then decomposes only the sketch: far cheaper when there are many rows and columns. "
                    <a href=NOTE data-testid="note-link">"Read the note on PCA"</a>"."</p>
                <div class="formula" inner_html=FORMULA></div>
            </header>
            <div class="lab-grid">
                <section class="lab-controls" aria-label="Parameters">
                    <Upload on_added=move |id| set_in(query, "dataset", id) />
                    <Form query=query parsed=parsed table=table />
                    <Show when=move || missing_rows.get().is_some()>
                        <button class="secondary" data-testid="drop-missing" on:click=move |_| {
                            set_in(query, "drop_missing", "true".into());
                            run();
                        }>{move || format!("Drop the {} rows with missing values and run", missing_rows.get().unwrap_or(0))}</button>
                    </Show>
                    <div class="run-buttons">
                        <button class="primary" data-testid="run" on:click=move |_| run() disabled=move || job.status.get() == Status::Running>"Run"</button>
                        <button data-testid="cancel" on:click=move |_| job.cancel() disabled=move || job.status.get() != Status::Running>"Cancel"</button>
                    </div>
                    <JobStatus job=job />
                </section>
                <Results job=job finished=finished lab=lab query=query />
            </div>
        </article>
    }
}

/// The library note this lab runs (its front matter names `lab: pca`).
pub const NOTE: &str = "#/notes/principal-component-analysis";

/// Σ = XᵀX / (n − 1),  Σ vⱼ = λⱼ vⱼ,  ratioⱼ = λⱼ / Σₖ λₖ — as MathML (static text).
const FORMULA: &str = r#"<math display="block"><mi>Σ</mi><mo>=</mo><mfrac><mrow><msup><mi>X</mi><mo>⊤</mo></msup><mi>X</mi></mrow><mrow><mi>n</mi><mo>−</mo><mn>1</mn></mrow></mfrac><mspace width="1.5em"/><mi>Σ</mi><msub><mi>v</mi><mi>j</mi></msub><mo>=</mo><msub><mi>λ</mi><mi>j</mi></msub><msub><mi>v</mi><mi>j</mi></msub><mspace width="1.5em"/><msub><mtext>ratio</mtext><mi>j</mi></msub><mo>=</mo><mfrac><msub><mi>λ</mi><mi>j</mi></msub><mrow><munder><mo>∑</mo><mi>k</mi></munder><msub><mi>λ</mi><mi>k</mi></msub></mrow></mfrac></math>"#;
