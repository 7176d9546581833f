//! The validation channel's confusion matrix (classification) and ROC curve (binary).
//! Shared by the tree labs.

use leptos::prelude::*;

use crate::kernels::metrics::{ConfusionMatrix, RocCurve};
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

/// What the plots draw, in a shape every supervised lab can give.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidationPlots {
    pub confusion: Option<ConfusionMatrix>,
    pub roc: Option<RocCurve>,
    /// `validation:auc`, for the ROC title.
    pub auc: f64,
    pub classes: Vec<String>,
}

#[component]
pub fn ValidationView(
    #[prop(into)] plots: Signal<Option<ValidationPlots>>,
    /// Start of the download names (`xgboost` → `xgboost-roc.svg`).
    file_prefix: &'static str,
) -> impl IntoView {
    let finished = plots;
    let confusion_svg = Signal::derive(move || {
        finished
            .get()
            .and_then(|f| {
                let cm = f.confusion.as_ref()?;
                let classes = &f.classes;
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
                let roc = f.roc.as_ref()?;
                let auc = f.auc;
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
                        <Chart svg=confusion_svg file_name=format!("{file_prefix}-confusion-matrix.svg") caption="Rows: true class; columns: predicted class (the most probable; P > 0.5 for binary)." />
                    </Show>
                    <Show when=move || !roc_svg.get().is_empty()>
                        <Chart svg=roc_svg file_name=format!("{file_prefix}-roc.svg") caption="True against false positive rate over every threshold on P(y = 1)." />
                    </Show>
                </div>
            </section>
        </Show>
    }
}
