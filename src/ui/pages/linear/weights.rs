//! The chosen model's weights, one bar per feature on the normalized scale the penalties
//! act on (so bars compare across features), exact zeros marked: L1's doing.

use leptos::prelude::*;

use super::Finished;
use crate::ui::charts::signed_bars::signed_bar_chart;
use crate::ui::components::chart::Chart;

/// Multiclass models have one weight row per class; at most this many are drawn.
const MAX_OUTPUTS: usize = 10;

#[component]
pub fn Weights(finished: RwSignal<Option<Finished>>) -> impl IntoView {
    let charts = Memo::new(move |_| {
        let Some(f) = finished.get() else {
            return Vec::new();
        };
        let model = &f.outcome.model;
        let columns = &f.prepared.meta.columns;
        let classes = &f.prepared.meta.target.classes;
        let multi = model.weights.len() > 1;
        model
            .weights
            .iter()
            .take(MAX_OUTPUTS)
            .enumerate()
            .map(|(c, w)| {
                let bars: Vec<(String, f64)> =
                    columns.iter().cloned().zip(w.iter().copied()).collect();
                let zeros = w.iter().filter(|&&v| v == 0.0).count();
                let whose = if multi {
                    format!(
                        " for class {}",
                        classes.get(c).cloned().unwrap_or_else(|| c.to_string())
                    )
                } else {
                    String::new()
                };
                let title = format!("Weights{whose} ({zeros} of {} exactly zero)", w.len());
                let unit = if model.params.normalize_data {
                    "weight per standard deviation of the feature"
                } else {
                    "weight per unit of the feature"
                };
                (
                    format!("linear-weights-{c}.svg"),
                    signed_bar_chart(&title, unit, &bars),
                )
            })
            .collect::<Vec<_>>()
    });
    view! {
        <section class="xgb-section" data-testid="weights">
            <h2>"Weights of the chosen model"</h2>
            <For each=move || charts.get() key=|(name, svg)| (name.clone(), svg.len())
                children=move |(name, svg): (String, String)| {
                    view! { <Chart svg=Signal::derive(move || svg.clone()) file_name=name
                        caption="Red pushes toward the positive class (or a larger value), blue away; a hollow tick is a weight L1 set to exactly zero. Raw-unit weights are in the model export." /> }
                } />
        </section>
    }
}
