//! The validation channel's confusion matrix (classification) and ROC curve (binary), drawn
//! from plain results so every supervised lab can show them.

use leptos::prelude::*;

use crate::kernels::metrics::{ConfusionMatrix, RocCurve};
use crate::ui::charts::confusion::confusion_chart;
use crate::ui::charts::line::{line_chart, Series};
use crate::ui::components::chart::Chart;

/// At most this many ROC points are drawn (a 40,000-row channel has as many thresholds).
const MAX_ROC_POINTS: usize = 600;

/// What the plots draw.
#[derive(Debug, Clone, PartialEq)]
pub struct PlotData {
    pub confusion: Option<ConfusionMatrix>,
    pub roc: Option<RocCurve>,
    /// Class names by label number.
    pub classes: Vec<String>,
    pub auc: Option<f64>,
    /// The decision threshold on P(y = 1) behind the confusion matrix, when not 0.5.
    pub threshold: Option<f64>,
}

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

/// `prefix` starts the download names (`<prefix>-confusion-matrix.svg`, `<prefix>-roc.svg`).
#[component]
pub fn ValidationPlots(plots: Signal<Option<PlotData>>, prefix: &'static str) -> impl IntoView {
    let confusion_svg = Signal::derive(move || {
        plots
            .get()
            .and_then(|p| {
                let cm = p.confusion.as_ref()?;
                let names: Vec<String> = (0..cm.n_classes)
                    .map(|i| p.classes.get(i).cloned().unwrap_or_else(|| i.to_string()))
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
        plots
            .get()
            .and_then(|p| {
                let roc = p.roc.as_ref()?;
                let auc = p.auc.unwrap_or(f64::NAN);
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
    let confusion_caption = move || {
        match plots.get().and_then(|p| p.threshold) {
        Some(t) => format!("Rows: true class; columns: predicted class (1 when P(1) ≥ {t:.3}, the threshold model selection chose)."),
        None => "Rows: true class; columns: predicted class (the most probable; P > 0.5 for binary).".to_string(),
    }
    };
    view! {
        <Show when=move || !confusion_svg.get().is_empty() || !roc_svg.get().is_empty()>
            <section class="xgb-section" data-testid="validation-plots">
                <h2>"Validation channel"</h2>
                <div class="validation-plots">
                    <Show when=move || !confusion_svg.get().is_empty()>
                        <Chart svg=confusion_svg file_name=format!("{prefix}-confusion-matrix.svg") caption=confusion_caption() />
                    </Show>
                    <Show when=move || !roc_svg.get().is_empty()>
                        <Chart svg=roc_svg file_name=format!("{prefix}-roc.svg") caption="True against false positive rate over every threshold on P(y = 1)." />
                    </Show>
                </div>
            </section>
        </Show>
    }
}
