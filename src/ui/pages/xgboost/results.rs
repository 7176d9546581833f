//! After (and during) a run: metrics, learning curves, then the finished model's views.

use std::sync::Arc;

use leptos::prelude::*;

use super::compare_view::CompareView;
use super::curves::LearningCurves;
use super::exports::Exports;
use super::importance::Importance;
use super::metrics_view::RunMetrics;
use super::params::LabParams;
use super::preparation_notes::{preparation_notes, validation_summary};
use super::shap_view::{ShapSource, ShapView};
use super::tree_view::TreeView;
use super::validation_view::ValidationView;
use super::{CurvePoint, Finished};
use crate::ui::job::JobState;
use crate::ui::staged::staged;

#[component]
pub fn Results(
    job: JobState,
    live: RwSignal<Vec<CurvePoint>>,
    finished: RwSignal<Option<Finished>>,
    lab: Memo<LabParams>,
    query: RwSignal<Vec<(String, String)>>,
) -> impl IntoView {
    let shap_source = Memo::new(move |_| {
        finished.get().map(|f| ShapSource {
            shap: Arc::new(f.outcome.shap.clone()),
            meta: Arc::new(f.prepared.meta.clone()),
            units: "margin units",
            intro: "Each row's prediction (margin) splits exactly into a base value plus one contribution per feature (Lundberg, Erion & Lee 2018), computed in the worker on the validation rows (the training rows when none are held out).",
        })
    });
    let stage = staged(move || finished.with(Option::is_some), 4);
    view! {
        <section class="lab-results" aria-label="Results">
            <RunMetrics finished=finished />
            <LearningCurves job=job live=live finished=finished />
            <Show when=move || finished.get().is_some()>
                <Show when=move || { stage.get() >= 1 }>
                    <Notices finished=finished />
                    <CompareView finished=finished lab=lab />
                    <Importance finished=finished lab=lab query=query />
                </Show>
                <Show when=move || { stage.get() >= 2 }>
                    <TreeView finished=finished lab=lab query=query />
                </Show>
                <Show when=move || { stage.get() >= 3 }>
                    <ValidationView finished=finished />
                </Show>
                <Show when=move || { stage.get() >= 4 }>
                    <ShapView source=shap_source class=Signal::derive(move || lab.get().view.class)
                        row=Signal::derive(move || lab.get().view.row) query=query file_prefix="xgboost" />
                    <Exports finished=finished />
                </Show>
            </Show>
        </section>
    }
}

/// What the data preparation did: task, one-hot columns, dropped rows, skipped columns.
#[component]
fn Notices(finished: RwSignal<Option<Finished>>) -> impl IntoView {
    move || {
        finished.get().map(|f| {
            let p = &f.prepared;
            let mut notes = vec![format!(
                "Trained {} with {} on {} rows × {} columns; validation: {}.",
                crate::data::supervised::task_name(p.meta.target.objective),
                p.meta.target.objective.name(),
                p.meta.train_rows.len(),
                p.meta.columns.len(),
                validation_summary(&p.meta)
            )];
            notes.extend(preparation_notes(&p.meta));
            let model = &f.outcome.model;
            if p.params.early_stopping_rounds.is_some() {
                notes.push(format!(
                    "Early stopping kept rounds 1 to {} (the best validation score).",
                    model.best_iteration + 1
                ));
            }
            view! {
                <ul class="notices" data-testid="notices">
                    {notes.into_iter().map(|n| view! { <li>{n}</li> }).collect::<Vec<_>>()}
                </ul>
            }
        })
    }
}
