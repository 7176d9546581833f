//! The validation channel's confusion matrix (classification) and ROC curve (binary).

use leptos::prelude::*;

use super::Finished;
use crate::ui::charts::confusion::confusion_chart;
use crate::ui::charts::line::{line_chart, Series};
use crate::ui::components::chart::Chart;

/// At most this many ROC points are drawn (a 40,000-row channel has as many thresholds).
const MAX_ROC_POINTS: usize = 600;

/// Every k-th point plus the last, so the curve keeps its ends.
fn thin(points: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    if points.len() <= MAX_ROC_POINTS {
        return points;
    }
    let step = points.len().div_ceil(MAX_ROC_POINTS);
    let last = points.last().copied();
    let mut kept: Vec<(f64, f64)> = points.into_iter().step_by(step).collect();
    if kept.last().copied() != last {
        kept.extend(last);
    }
    kept
}

#[component]
pub fn ValidationView(finished: RwSignal<Option<Finished>>) -> impl IntoView {
    let confusion_svg = Signal::derive(move || {
        finished
            .get()
            .and_then(|f| {
                let cm = f.outcome.confusion.as_ref()?;
                let classes = &f.prepared.meta.target.classes;
                let names: Vec<String> = (0..cm.n_classes)
                    .map(|i| classes.get(i).cloned().unwrap_or_else(|| i.to_string()))
                    .collect();
                Some(confusion_chart(
                    "Validation confusion matrix",
                    &names,
                    &cm.counts,
                ))
            })
            .unwrap_or_default()
    });
    let roc_svg = Signal::derive(move || {
        finished
            .get()
            .and_then(|f| {
                let roc = f.outcome.roc.as_ref()?;
                let auc = f
                    .outcome
                    .metrics
                    .iter()
                    .find(|m| m.0 == "validation:auc")
                    .map_or(f64::NAN, |m| m.1);
                let curve = Series {
                    name: format!("ROC (AUC {auc:.4})"),
                    points: thin(
                        roc.fpr
                            .iter()
                            .copied()
                            .zip(roc.tpr.iter().copied())
                            .collect(),
                    ),
                    highlight: true,
                };
                Some(line_chart(
                    &format!("Validation ROC curve, AUC {auc:.4}"),
                    "false positive rate",
                    "true positive rate",
                    &[curve],
                    None,
                ))
            })
            .unwrap_or_default()
    });
    view! {
        <Show when=move || !confusion_svg.get().is_empty() || !roc_svg.get().is_empty()>
            <section class="xgb-section" data-testid="validation-plots">
                <h2>"Validation channel"</h2>
                <div class="validation-plots">
                    <Show when=move || !confusion_svg.get().is_empty()>
                        <Chart svg=confusion_svg file_name="xgboost-confusion-matrix.svg" caption="Rows: true class; columns: predicted class (the most probable; P > 0.5 for binary)." />
                    </Show>
                    <Show when=move || !roc_svg.get().is_empty()>
                        <Chart svg=roc_svg file_name="xgboost-roc.svg" caption="True against false positive rate over every threshold on P(y = 1)." />
                    </Show>
                </div>
            </section>
        </Show>
    }
}
