//! After a run: metrics, what the data preparation did, then the model's views.

use std::sync::Arc;

use leptos::prelude::*;

use super::importance::Importance;
use super::oob_curve::OobCurve;
use super::params::{LabKind, LabParams};
use super::row_picker::RowPicker;
use super::tree_exports::TreeExports;
use super::tree_view::TreeView;
use super::Finished;
use crate::ui::components::metrics::{Metric, Metrics};
use crate::ui::pages::xgboost::preparation_notes::{preparation_notes, validation_summary};
use crate::ui::pages::xgboost::shap_view::{ShapSource, ShapView};
use crate::ui::pages::xgboost::validation_plots::{PlotData, ValidationPlots};

#[component]
pub fn Results(
    kind: LabKind,
    finished: RwSignal<Option<Finished>>,
    lab: Memo<LabParams>,
    query: RwSignal<Vec<(String, String)>>,
) -> impl IntoView {
    let metrics = Signal::derive(move || {
        finished.get().map_or_else(Vec::new, |f| {
            let mut list: Vec<(String, f64)> = f.evaluation.metrics.clone();
            if let Some(oob) = &f.oob {
                list.push(("oob:error".into(), oob.error));
                list.push(("oob:score".into(), oob.score));
            }
            list.into_iter()
                .map(|(name, value)| Metric {
                    label: name.clone(),
                    name,
                    value,
                    decimals: 4,
                })
                .collect()
        })
    });
    let shap_source = Memo::new(move |_| {
        finished.get().map(|f| ShapSource {
            shap: Arc::new(f.evaluation.shap.clone()),
            meta: f.prepared.meta.clone(),
            units: match (f.prepared.task(), f.evaluation.shap.values.len()) {
                (crate::kernels::tree::Task::Regression, _) => "predicted value",
                (_, 1) => "P(class 1)",
                _ => "class probability",
            },
            intro: "Each row's prediction (a class probability, or the value for regression) splits exactly into the base value E[f(x)] plus one contribution per feature (exact TreeSHAP, Lundberg, Erion & Lee 2018), computed in the worker on the validation rows (the training rows when none are held out).",
        })
    });
    let validation_plots = Memo::new(move |_| {
        finished.get().map(|f| PlotData {
            confusion: f.evaluation.confusion.clone(),
            roc: f.evaluation.roc.clone(),
            auc: f
                .evaluation
                .metrics
                .iter()
                .find(|m| m.0 == "validation:auc")
                .map(|m| m.1),
            classes: f.prepared.meta.target.classes.clone(),
            threshold: None,
        })
    });
    let row = Signal::derive(move || lab.get().view.row);
    let class = Signal::derive(move || lab.get().view.class);
    let tree_index = Signal::derive(move || lab.get().view.tree);
    view! {
        <section class="lab-results" aria-label="Results">
            <Metrics metrics=metrics />
            <Show when=move || finished.get().is_some()>
                <Notices finished=finished />
                <Show when=move || kind == LabKind::Forest>
                    <OobCurve finished=finished />
                </Show>
                <Importance kind=kind finished=finished />
                <TreeView kind=kind finished=finished tree_index=tree_index row=row query=query />
                <RowPicker finished=finished row=row query=query />
                <ValidationPlots plots=Signal::from(validation_plots) prefix=kind.id() />
                <ShapView source=shap_source class=class row=row query=query file_prefix=kind.id() />
                <TreeExports kind=kind finished=finished />
            </Show>
        </section>
    }
}

/// What the data preparation did: task, criterion, rows, one-hot columns, dropped rows.
#[component]
fn Notices(finished: RwSignal<Option<Finished>>) -> impl IntoView {
    move || {
        finished.get().map(|f| {
            let p = &f.prepared;
            let meta = &p.meta;
            let mut notes = vec![format!(
                "Trained with criterion {} on {} rows × {} columns; validation: {}.",
                p.criterion.name(),
                meta.train_rows.len(),
                meta.columns.len(),
                validation_summary(meta)
            )];
            notes.extend(preparation_notes(meta));
            if let Some(oob) = &f.oob {
                notes.push(format!(
                    "Out-of-bag: {} of {} training rows were left out by at least one tree; their error is {:.4}.",
                    oob.rows_scored,
                    meta.train_rows.len(),
                    oob.error
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
