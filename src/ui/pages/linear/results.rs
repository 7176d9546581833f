//! After (and during) a run: metrics, every model's loss curve, then why the chosen model
//! won, its weights, the validation confusion matrix and ROC, and the exports.

use leptos::prelude::*;

use super::candidates::Candidates;
use super::curves::LossCurves;
use super::exports::Exports;
use super::weights::Weights;
use super::{CurvePoint, Finished};
use crate::kernels::linear::PredictorType;
use crate::ui::components::metrics::{Metric, Metrics};
use crate::ui::job::JobState;
use crate::ui::pages::xgboost::validation_plots::{PlotData, ValidationPlots};

#[component]
pub fn Results(
    job: JobState,
    live: RwSignal<Vec<CurvePoint>>,
    finished: RwSignal<Option<Finished>>,
) -> impl IntoView {
    let metrics = Signal::derive(move || {
        finished.get().map_or_else(Vec::new, |f| {
            f.outcome
                .metrics
                .iter()
                .map(|(name, value)| Metric {
                    name: name.clone(),
                    label: name.clone(),
                    value: *value,
                    decimals: 4,
                })
                .collect()
        })
    });
    let plots = Signal::derive(move || {
        finished.get().map(|f| {
            let o = &f.outcome;
            PlotData {
                confusion: o.confusion.clone(),
                roc: o.roc.clone(),
                classes: f.prepared.meta.target.classes.clone(),
                auc: o
                    .metrics
                    .iter()
                    .find(|m| m.0 == "validation:auc")
                    .map(|m| m.1),
                threshold: (o.model.params.predictor_type == PredictorType::BinaryClassifier)
                    .then_some(o.model.threshold),
            }
        })
    });
    view! {
        <section class="lab-results" aria-label="Results">
            <Metrics metrics=metrics />
            <LossCurves job=job live=live finished=finished />
            <Show when=move || finished.get().is_some()>
                <Candidates finished=finished />
                <Weights finished=finished />
                <ValidationPlots plots=plots prefix="linear" />
                <Exports finished=finished />
            </Show>
        </section>
    }
}
