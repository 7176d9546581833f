//! Per-epoch RMSE or log loss of the FM and its linear baseline on both channels, drawn
//! live from the worker's curve points, then from the finished histories.

use leptos::prelude::*;

use super::{CurvePoint, Finished};
use crate::kernels::fm::EpochMetrics;
use crate::kernels::fm::PredictorType;
use crate::ui::charts::line::{line_chart, Series};
use crate::ui::components::chart::Chart;
use crate::ui::job::{JobState, Status};

/// The history's points under the names the live curve uses.
fn history_points(history: &[EpochMetrics], prefix: &str, metric: &str) -> Vec<CurvePoint> {
    history
        .iter()
        .flat_map(|h| {
            let train = (format!("{prefix}train {metric}"), h.epoch as f64, h.train);
            let validation = h
                .validation
                .map(|v| (format!("{prefix}validation {metric}"), h.epoch as f64, v));
            std::iter::once(train).chain(validation)
        })
        .collect()
}

fn series(points: &[CurvePoint]) -> Vec<Series> {
    let mut out: Vec<Series> = Vec::new();
    for (name, x, y) in points {
        match out.iter_mut().find(|s| s.name == *name) {
            Some(s) => s.points.push((*x, *y)),
            None => out.push(Series {
                name: name.clone(),
                points: vec![(*x, *y)],
                highlight: name == "validation rmse" || name == "validation logloss",
            }),
        }
    }
    // In order: FM train, FM validation, linear train, linear validation.
    out.sort_by_key(|s| (s.name.starts_with("linear"), s.name.contains("validation")));
    out
}

#[component]
pub fn Curves(
    job: JobState,
    live: RwSignal<Vec<CurvePoint>>,
    finished: RwSignal<Option<Finished>>,
) -> impl IntoView {
    let svg = Memo::new(move |_| {
        let (points, metric) = match finished.get() {
            Some(f) if job.status.get() != Status::Running => {
                let metric = match f.prepared.predictor {
                    PredictorType::Regressor => "rmse",
                    PredictorType::BinaryClassifier => "logloss",
                };
                let mut points = history_points(&f.outcome.history, "", metric);
                points.extend(history_points(
                    &f.outcome.baseline_history,
                    "linear ",
                    metric,
                ));
                (points, metric)
            }
            _ => {
                let points = live.get();
                let metric = if points.iter().any(|p| p.0.ends_with("logloss")) {
                    "logloss"
                } else {
                    "rmse"
                };
                (points, metric)
            }
        };
        if points.is_empty() {
            return String::new();
        }
        line_chart(
            &format!("{metric} per epoch: FM and linear baseline"),
            "epoch",
            metric,
            &series(&points),
            None,
        )
    });
    view! {
        <Show when=move || !svg.get().is_empty()>
            <Chart svg=svg file_name="fm-curves.svg" caption="Per epoch, on the training rows and the validation rows: the FM (thick: validation) and the same model without factors (linear). The gap between the validation curves is what the pairwise interactions buy." />
        </Show>
    }
}
