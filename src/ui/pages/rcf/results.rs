//! After a run: metrics (`auc` when a label column is the target), the series with the
//! score overlaid and the threshold, the threshold control, the flagged rows and exports.

use leptos::prelude::*;

use super::flagged::FlaggedList;
use super::params::{remove_in, set_in, LabParams};
use super::Finished;
use crate::ui::charts::score_series::{score_series, ScoreSeriesInput};
use crate::ui::components::chart::Chart;
use crate::ui::components::export_link::ExportLink;
use crate::ui::components::metrics::{Metric, Metrics};
use crate::ui::job::{JobState, Status};

fn metrics(f: &Finished, threshold: f64, flagged: usize) -> Vec<Metric> {
    let o = &f.outcome;
    let mut out = Vec::new();
    let mut push = |name: &str, label: &str, value: f64, decimals: usize| {
        out.push(Metric {
            name: name.into(),
            label: label.into(),
            value,
            decimals,
        })
    };
    if let Some(auc) = o.auc {
        push("auc", "AUC against the label", auc, 4);
    }
    push("threshold", "threshold", threshold, 4);
    push("flagged", "rows flagged", flagged as f64, 0);
    push("score_mean", "mean score", o.score_mean, 4);
    push("score_std", "score σ", o.score_std, 4);
    push("points", "points scored", o.scores.len() as f64, 0);
    push(
        "dimensions",
        "dimensions per point (features × shingle)",
        o.dims as f64,
        0,
    );
    push("fit_ms", "time in the worker (ms)", o.fit_ms, 1);
    out
}

/// Rows, their score and whether they are flagged, after the table's own columns.
fn scores_csv(f: &Finished, threshold: f64) -> String {
    let scores: Vec<String> = f.outcome.scores.iter().map(|s| s.to_string()).collect();
    let flags: Vec<String> = f
        .outcome
        .scores
        .iter()
        .map(|s| u8::from(*s >= threshold).to_string())
        .collect();
    f.table.to_csv(&[("score", scores), ("flagged", flags)])
}

#[component]
pub fn Results(
    job: JobState,
    finished: RwSignal<Option<Finished>>,
    lab: Memo<LabParams>,
    query: RwSignal<Vec<(String, String)>>,
) -> impl IntoView {
    let done = move || job.status.get() == Status::Done && finished.with(Option::is_some);
    let threshold = Memo::new(move |_| {
        let default = finished.with(|f| f.as_ref().map(|f| f.outcome.threshold));
        lab.get().threshold.or(default).unwrap_or(f64::INFINITY)
    });
    let flagged = Memo::new(move |_| {
        let cut = threshold.get();
        finished.with(|f| {
            let Some(f) = f else { return Vec::new() };
            let mut rows: Vec<(usize, f64)> = f
                .outcome
                .scores
                .iter()
                .copied()
                .enumerate()
                .filter(|&(_, s)| s >= cut)
                .collect();
            rows.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            rows
        })
    });
    let metric_list = Signal::derive(move || {
        finished
            .get()
            .filter(|_| job.status.get() == Status::Done)
            .map(|f| metrics(&f, threshold.get(), flagged.with(Vec::len)))
            .unwrap_or_default()
    });
    let chart = Signal::derive(move || {
        let Some(f) = finished.get() else {
            return String::new();
        };
        let Some(first) = f.features.first() else {
            return String::new();
        };
        let values = f
            .table
            .column(first)
            .and_then(|c| c.as_numeric())
            .map(<[f64]>::to_vec)
            .unwrap_or_default();
        let mut rows: Vec<usize> = flagged.get().into_iter().map(|r| r.0).collect();
        rows.sort_unstable();
        score_series(&ScoreSeriesInput {
            title: "The series with its anomaly score",
            value_label: first,
            values: &values,
            scores: &f.outcome.scores,
            threshold: threshold.get(),
            flagged: &rows,
        })
    });
    let score_range = move || {
        finished.with(|f| {
            f.as_ref().map_or((0.0, 1.0), |f| {
                let s = &f.outcome.scores;
                let lo = s.iter().copied().fold(f64::INFINITY, f64::min);
                let hi = s.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                (lo, hi)
            })
        })
    };
    let set_threshold = move |v: String| {
        if v.is_empty() {
            remove_in(query, "threshold")
        } else {
            set_in(query, "threshold", v)
        }
    };
    let table = Signal::derive(move || finished.get().map(|f| f.table.clone()));
    let columns = Signal::derive(move || {
        finished
            .get()
            .map(|f| f.features.iter().cloned().chain(f.target.clone()).collect())
            .unwrap_or_default()
    });
    view! {
        <section class="lab-results" aria-label="Results">
            <Metrics metrics=metric_list />
            <Show when=done>
                <div class="threshold-control">
                    <label class="field inline">
                        <span>"threshold"</span>
                        <input type="range" name="threshold-slider"
                            min=move || format!("{}", score_range().0)
                            max=move || format!("{}", score_range().1)
                            step="any"
                            prop:value=move || format!("{}", threshold.get())
                            on:change=move |ev| set_threshold(event_target_value(&ev)) />
                        <input type="number" name="threshold" step="0.01"
                            prop:value=move || format!("{:.4}", threshold.get())
                            on:change=move |ev| set_threshold(event_target_value(&ev)) />
                    </label>
                    <button class="secondary" on:click=move |_| remove_in(query, "threshold")
                        disabled=move || lab.get().threshold.is_none()>"mean + 3σ"</button>
                </div>
                <Chart svg=chart file_name="rcf-scores.svg" caption="Grey: the first feature; blue: the anomaly score (right axis); dashed red: the threshold; red dots: the flagged rows. Long series are drawn with each pixel's lowest and highest value, so single-point spikes stay visible." />
                <FlaggedList flagged=flagged table=table columns=columns />
                <div class="exports">
                    <span>"Download: "</span>
                    <ExportLink file_name="rcf-scores.csv" mime="text/csv" label="scores CSV"
                        content=Signal::derive(move || finished.get().map(|f| scores_csv(&f, threshold.get())).unwrap_or_default()) />
                </div>
            </Show>
        </section>
    }
}
