//! The forest's out-of-bag error as trees are added: each training row is scored only by
//! the trees whose bootstrap sample left it out, so the curve estimates the held-out error
//! without a validation set.

use leptos::prelude::*;

use super::Finished;
use crate::kernels::tree::Task;
use crate::ui::charts::line::{line_chart, Series};
use crate::ui::components::chart::Chart;

#[component]
pub fn OobCurve(finished: RwSignal<Option<Finished>>) -> impl IntoView {
    let svg = Signal::derive(move || {
        let Some(f) = finished.get() else {
            return String::new();
        };
        let points: Vec<(f64, f64)> = f
            .oob_curve
            .iter()
            .enumerate()
            .filter(|(_, e)| e.is_finite())
            .map(|(i, e)| ((i + 1) as f64, *e))
            .collect();
        if points.is_empty() {
            return String::new();
        }
        let label = match f.prepared.task() {
            Task::Classification => "out-of-bag error rate",
            Task::Regression => "out-of-bag MSE",
        };
        let series = Series {
            name: label.to_string(),
            points,
            highlight: true,
        };
        line_chart(
            "Out-of-bag error by number of trees",
            "trees",
            label,
            &[series],
            None,
        )
    });
    view! {
        <Show when=move || !svg.get().is_empty()>
            <section class="xgb-section" data-testid="oob">
                <h2>"Out-of-bag error"</h2>
                <Chart svg=svg file_name="forest-oob-error.svg" caption="Each training row scored only by the trees that did not draw it, after 1, 2, … trees." />
            </section>
        </Show>
    }
}
