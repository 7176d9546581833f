//! Every model's loss per epoch: live from the worker's curve points while training, then
//! from the fitted candidates with the chosen model drawn thick, and the chosen model's
//! training against validation loss.

use leptos::prelude::*;

use super::{CurvePoint, Finished};
use crate::ui::charts::line::{line_chart, Series};
use crate::ui::components::chart::Chart;
use crate::ui::job::{JobState, Status};

/// One series per model from live points `model N <channel> loss`, preferring the
/// validation channel (what early stopping and selection watch) when it is there.
fn live_series(points: &[CurvePoint]) -> (String, Vec<Series>) {
    let channel = if points.iter().any(|p| p.0.ends_with("validation loss")) {
        "validation"
    } else {
        "train"
    };
    let suffix = format!(" {channel} loss");
    let mut series: Vec<Series> = Vec::new();
    for (name, x, y) in points.iter().filter(|p| p.0.ends_with(&suffix)) {
        let model = name.trim_end_matches(&suffix).to_string();
        match series.iter_mut().find(|s| s.name == model) {
            Some(s) => s.points.push((*x, *y)),
            None => series.push(Series {
                name: model,
                points: vec![(*x, *y)],
                highlight: false,
            }),
        }
    }
    (channel.to_string(), series)
}

fn epochs(values: &[f64]) -> Vec<(f64, f64)> {
    values
        .iter()
        .enumerate()
        .map(|(i, &v)| ((i + 1) as f64, v))
        .collect()
}

#[component]
pub fn LossCurves(
    job: JobState,
    live: RwSignal<Vec<CurvePoint>>,
    finished: RwSignal<Option<Finished>>,
) -> impl IntoView {
    let all_models = Memo::new(move |_| {
        let (channel, series) = match finished.get() {
            Some(f) if job.status.get() != Status::Running => {
                let model = &f.outcome.model;
                let has_validation = model
                    .candidates
                    .iter()
                    .any(|c| !c.validation_loss.is_empty());
                let series = model
                    .candidates
                    .iter()
                    .enumerate()
                    .map(|(m, c)| Series {
                        name: if m == model.chosen {
                            format!("model {} (chosen)", m + 1)
                        } else {
                            format!("model {}", m + 1)
                        },
                        points: epochs(if has_validation {
                            &c.validation_loss
                        } else {
                            &c.train_loss
                        }),
                        highlight: m == model.chosen,
                    })
                    .collect();
                let channel = if has_validation {
                    "validation"
                } else {
                    "train"
                };
                (channel.to_string(), series)
            }
            _ => live.with(|l| live_series(l)),
        };
        if series.is_empty() {
            return String::new();
        }
        line_chart(
            &format!("{channel} loss per epoch, every model"),
            "epoch",
            &format!("{channel} loss"),
            &series,
            None,
        )
    });
    let chosen = Memo::new(move |_| {
        let Some(f) = finished.get() else {
            return String::new();
        };
        let model = &f.outcome.model;
        let Some(c) = model.candidates.get(model.chosen) else {
            return String::new();
        };
        let mut series = vec![Series {
            name: "train loss".into(),
            points: epochs(&c.train_loss),
            highlight: false,
        }];
        if !c.validation_loss.is_empty() {
            series.push(Series {
                name: "validation loss".into(),
                points: epochs(&c.validation_loss),
                highlight: true,
            });
        }
        line_chart(
            &format!("Chosen model {}: loss per epoch", model.chosen + 1),
            "epoch",
            "loss",
            &series,
            Some(c.best_epoch as f64),
        )
    });
    view! {
        <div class="curves" data-testid="curves">
            <Show when=move || !all_models.get().is_empty()>
                <Chart svg=all_models file_name="linear-loss-all-models.svg"
                    caption="Mean loss after each epoch (log loss for classifiers, squared error for a regressor); each model stops on its own when early stopping fires." />
            </Show>
            <Show when=move || !chosen.get().is_empty()>
                <Chart svg=chosen file_name="linear-loss-chosen.svg"
                    caption="The dashed line marks the epoch whose weights were kept (lowest validation loss)." />
            </Show>
        </div>
    }
}
