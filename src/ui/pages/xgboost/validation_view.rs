//! The validation channel's confusion matrix (classification) and ROC curve (binary).

use leptos::prelude::*;

use super::validation_plots::{PlotData, ValidationPlots};
use super::Finished;

#[component]
pub fn ValidationView(finished: RwSignal<Option<Finished>>) -> impl IntoView {
    let plots = Signal::derive(move || {
        finished.get().map(|f| PlotData {
            confusion: f.outcome.confusion.clone(),
            roc: f.outcome.roc.clone(),
            classes: f.prepared.meta.target.classes.clone(),
            auc: f
                .outcome
                .metrics
                .iter()
                .find(|m| m.0 == "validation:auc")
                .map(|m| m.1),
            threshold: None,
        })
    });
    view! { <ValidationPlots plots=plots prefix="xgboost" /> }
}
