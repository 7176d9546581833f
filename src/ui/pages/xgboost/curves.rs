//! Learning curves: each eval_metric on the train and validation channels per round, drawn
//! live from the worker's curve points, then from the model's full history.

use leptos::prelude::*;

use super::{CurvePoint, Finished};
use crate::ui::charts::line::{line_chart, Series};
use crate::ui::components::chart::Chart;
use crate::ui::job::{JobState, Status};

/// Groups `channel:metric` points into one list of series per metric, in first-seen order.
fn by_metric(points: &[CurvePoint]) -> Vec<(String, Vec<Series>)> {
    let mut out: Vec<(String, Vec<Series>)> = Vec::new();
    for (name, x, y) in points {
        let metric = name
            .split_once(':')
            .map_or(name.as_str(), |(_, m)| m)
            .to_string();
        let index = match out.iter().position(|(m, _)| *m == metric) {
            Some(i) => i,
            None => {
                out.push((metric, Vec::new()));
                out.len() - 1
            }
        };
        let series = &mut out[index].1;
        match series.iter_mut().find(|s| s.name == *name) {
            Some(s) => s.points.push((*x, *y)),
            None => series.push(Series {
                name: name.clone(),
                points: vec![(*x, *y)],
                highlight: name.starts_with("validation"),
            }),
        }
    }
    out
}

#[component]
pub fn LearningCurves(
    job: JobState,
    live: RwSignal<Vec<CurvePoint>>,
    finished: RwSignal<Option<Finished>>,
) -> impl IntoView {
    let charts = Memo::new(move |_| {
        let (points, marker) = match finished.get() {
            Some(f) if job.status.get() != Status::Running => {
                let model = &f.outcome.model;
                let points: Vec<CurvePoint> = model
                    .history
                    .iter()
                    .flat_map(|h| {
                        h.values
                            .iter()
                            .enumerate()
                            .map(|(i, v)| (h.name.clone(), (i + 1) as f64, *v))
                            .collect::<Vec<_>>()
                    })
                    .collect();
                let stopped_early = f.prepared.params.early_stopping_rounds.is_some();
                (
                    points,
                    stopped_early.then(|| (model.best_iteration + 1) as f64),
                )
            }
            _ => (live.get(), None),
        };
        by_metric(&points)
            .into_iter()
            .map(|(metric, series)| {
                let title = format!("{metric} per round");
                (
                    metric.clone(),
                    line_chart(&title, "round", &metric, &series, marker),
                )
            })
            .collect::<Vec<_>>()
    });
    view! {
        <div class="curves" data-testid="curves">
            <For each=move || charts.get() key=|(m, svg)| (m.clone(), svg.len())
                children=move |(metric, svg): (String, String)| {
                    let file_name = format!("xgboost-curve-{metric}.svg");
                    let caption = format!("{metric} on the train and validation channels after each round.");
                    view! { <Chart svg=Signal::derive(move || svg.clone()) file_name=file_name caption=caption /> }
                } />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_channels_under_their_metric() {
        let points = vec![
            ("train:auc".to_string(), 1.0, 0.9),
            ("validation:auc".to_string(), 1.0, 0.8),
            ("train:logloss".to_string(), 1.0, 0.5),
            ("train:auc".to_string(), 2.0, 0.95),
        ];
        let grouped = by_metric(&points);
        assert_eq!(grouped.len(), 2);
        assert_eq!(grouped[0].0, "auc");
        assert_eq!(grouped[0].1.len(), 2);
        assert_eq!(grouped[0].1[0].points.len(), 2);
    }
}
