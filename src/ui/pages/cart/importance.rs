//! Feature importance as scikit-learn's `feature_importances_`: each feature's total
//! weighted impurity decrease, normalised to sum to 1 (for a forest, the mean over trees).

use leptos::prelude::*;

use super::params::LabKind;
use super::Finished;
use crate::ui::charts::hbars::hbar_chart;
use crate::ui::components::chart::Chart;

const MAX_BARS: usize = 25;

#[component]
pub fn Importance(kind: LabKind, finished: RwSignal<Option<Finished>>) -> impl IntoView {
    let svg = Signal::derive(move || {
        let Some(f) = finished.get() else {
            return String::new();
        };
        let columns = &f.prepared.meta.columns;
        let mut bars: Vec<(String, f64)> = f
            .importances
            .iter()
            .enumerate()
            .filter(|(_, v)| **v > 0.0)
            .map(|(j, v)| {
                (
                    columns.get(j).cloned().unwrap_or_else(|| format!("x{j}")),
                    *v,
                )
            })
            .collect();
        bars.sort_by(|a, b| b.1.total_cmp(&a.1));
        bars.truncate(MAX_BARS);
        hbar_chart(
            "Feature importance (impurity decrease)",
            "share of the total impurity decrease",
            &bars,
            "#4e79a7",
        )
    });
    view! {
        <section class="xgb-section" data-testid="importance">
            <h2>"Feature importance"</h2>
            <Chart svg=svg file_name=format!("{}-importance.svg", kind.id()) caption="Each feature's share of the weighted impurity decrease of the splits on it (unused features are left out)." />
        </section>
    }
}
