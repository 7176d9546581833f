//! After (and during) a run: the live curves, then the metrics named as SageMaker emits
//! them, the FM-versus-linear comparison, the embeddings and the exports.

use leptos::prelude::*;

use super::curves::Curves;
use super::embedding::Embedding;
use super::exports::Exports;
use super::{CurvePoint, Finished};
use crate::jobs::run_fm::FmOutcome;
use crate::ui::charts::bars::bar_chart;
use crate::ui::components::chart::Chart;
use crate::ui::components::metrics::{Metric, Metrics};
use crate::ui::job::{JobState, Status};

fn label(name: &str) -> String {
    match name.strip_prefix("linear_baseline:") {
        Some(rest) => format!("linear baseline {rest}"),
        None => format!("FM {name}"),
    }
}

fn metrics(o: &FmOutcome) -> Vec<Metric> {
    let mut out: Vec<Metric> = o
        .metrics
        .iter()
        .map(|(name, value)| Metric {
            name: name.clone(),
            label: label(name),
            value: *value,
            decimals: 4,
        })
        .collect();
    for (name, label, value, decimals) in [
        ("features", "one-hot features d", o.features as f64, 0),
        (
            "train_nnz",
            "non-zeros in the training rows",
            o.train_nnz as f64,
            0,
        ),
        ("fit_ms", "FM fit time in the worker (ms)", o.fit_ms, 1),
    ] {
        out.push(Metric {
            name: name.into(),
            label: label.into(),
            value,
            decimals,
        });
    }
    out
}

/// The headline metric on the validation channel (train when there is none), for the FM
/// and the baseline: (metric name, FM, linear); lower is better for both metrics.
fn headline(o: &FmOutcome) -> Option<(String, f64, f64)> {
    let get = |n: &str| o.metrics.iter().find(|(m, _)| m == n).map(|m| m.1);
    for channel in ["validation", "train"] {
        for metric in ["rmse", "logloss"] {
            let name = format!("{channel}:{metric}");
            if let (Some(fm), Some(linear)) = (get(&name), get(&format!("linear_baseline:{name}")))
            {
                return Some((name, fm, linear));
            }
        }
    }
    None
}

#[component]
pub fn Results(
    job: JobState,
    live: RwSignal<Vec<CurvePoint>>,
    finished: RwSignal<Option<Finished>>,
) -> impl IntoView {
    let done = move || job.status.get() == Status::Done && finished.with(Option::is_some);
    let metric_list = Signal::derive(move || {
        finished
            .get()
            .filter(|_| job.status.get() == Status::Done)
            .map(|f| metrics(&f.outcome))
            .unwrap_or_default()
    });
    let comparison = Memo::new(move |_| {
        let f = finished.get()?;
        let (name, fm, linear) = headline(&f.outcome)?;
        let k = f.outcome.history.len();
        let svg = bar_chart(
            &format!("{name}: FM versus linear"),
            "model",
            &name,
            &[("linear (num_factors 0)".into(), linear), ("FM".into(), fm)],
        );
        let change = (linear - fm) / linear * 100.0;
        let verdict = if fm < linear {
            format!("After {k} epochs the FM's {name} is {fm:.4}, {change:.1} % below the linear baseline's {linear:.4}: the user × item interactions are real and only the factors can express them.")
        } else {
            format!("After {k} epochs the FM's {name} is {fm:.4}, not below the linear baseline's {linear:.4}: on this data the pairwise interactions add nothing the biases do not already explain (or the FM needs more epochs or less weight decay).")
        };
        Some((svg, verdict))
    });
    view! {
        <section class="lab-results" aria-label="Results">
            <Metrics metrics=metric_list />
            <Curves job=job live=live finished=finished />
            <Show when=done>
                {move || comparison.get().map(|(svg, verdict)| view! {
                    <Chart svg=svg file_name="fm-vs-linear.svg" caption="The same training, rows and hyperparameters; the baseline only has num_factors = 0." />
                    <p class="verdict" data-testid="verdict">{verdict}</p>
                })}
                <Embedding finished=finished />
                <Exports finished=finished />
            </Show>
        </section>
    }
}
