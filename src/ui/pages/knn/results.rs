//! After a run: metrics, the index comparison, the decision-region map, the validation
//! confusion matrix and ROC, and the predictions as CSV.

use leptos::prelude::*;

use super::index_view::IndexView;
use super::regions_view::RegionsView;
use super::Finished;
use crate::data::csv_export::csv_field;
use crate::ui::components::export_link::ExportLink;
use crate::ui::components::metrics::{Metric, Metrics};
use crate::ui::pages::xgboost::validation_plots::{PlotData, ValidationPlots};

/// One line per validation row: its row in its data, the true target, the prediction.
fn predictions_csv(f: &Finished) -> String {
    let p = &f.prepared;
    let classes = &p.meta.target.classes;
    let table = p.validation_table.as_ref().unwrap_or(&p.table);
    let truth = table.column(&p.meta.target.name);
    let mut out = format!("row,{},predicted\n", csv_field(&p.meta.target.name));
    for (&row, &v) in p
        .meta
        .validation_rows
        .iter()
        .zip(&f.outcome.validation_predicted)
    {
        let predicted = if classes.is_empty() {
            v.to_string()
        } else {
            classes
                .get(v as usize)
                .cloned()
                .unwrap_or_else(|| v.to_string())
        };
        let label = truth.map(|c| c.display(row)).unwrap_or_default();
        out.push_str(&format!(
            "{row},{},{}\n",
            csv_field(&label),
            csv_field(&predicted)
        ));
    }
    out
}

#[component]
pub fn Results(finished: RwSignal<Option<Finished>>) -> impl IntoView {
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
    let predictions = Signal::derive(move || {
        finished.with(|f| f.as_ref().map(predictions_csv).unwrap_or_default())
    });
    let has_validation = move || {
        finished.with(|f| {
            f.as_ref()
                .is_some_and(|f| !f.prepared.meta.validation_rows.is_empty())
        })
    };
    view! {
        <section class="lab-results" aria-label="Results">
            <Metrics metrics=metrics />
            <Show when=move || finished.get().is_some()>
                <p class="notice" data-testid="summary">{move || finished.get().map(|f| {
                    let p = &f.prepared;
                    format!(
                        "{} rows in the index ({} of {} training rows), {} features{}; {} validation rows.",
                        f.outcome.index_rows,
                        f.outcome.index_rows,
                        p.meta.train_rows.len(),
                        p.meta.columns.len(),
                        if p.params.standardize { ", standardized" } else { ", raw" },
                        p.meta.validation_rows.len()
                    )
                })}</p>
                <RegionsView finished=finished />
                <IndexView finished=finished />
                <ValidationPlots plots=plots prefix="knn" />
                <Show when=has_validation>
                    <section class="xgb-section">
                        <h2>"Take it with you"</h2>
                        <div class="exports">
                            <ExportLink file_name="knn-predictions.csv" mime="text/csv" label="validation predictions CSV" content=predictions />
                        </div>
                    </section>
                </Show>
            </Show>
        </section>
    }
}
