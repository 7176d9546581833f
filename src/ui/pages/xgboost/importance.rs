//! Feature importance as XGBoost's `Booster.get_score` reports it: weight (splits), gain
//! and cover (means per split), total_gain and total_cover.

use leptos::prelude::*;

use super::params::{set_in, LabParams};
use super::Finished;
use crate::kernels::boosting::FeatureImportance;
use crate::ui::charts::hbars::hbar_chart;
use crate::ui::components::chart::Chart;

/// Bars drawn at most (the rest are in the exported model).
const MAX_BARS: usize = 25;

fn value(f: &FeatureImportance, kind: &str) -> f64 {
    match kind {
        "weight" => f.weight as f64,
        "cover" => f.cover,
        "total_gain" => f.total_gain,
        "total_cover" => f.total_cover,
        _ => f.gain,
    }
}

#[component]
pub fn Importance(
    finished: RwSignal<Option<Finished>>,
    lab: Memo<LabParams>,
    query: RwSignal<Vec<(String, String)>>,
) -> impl IntoView {
    let kind = move || lab.get().view.importance;
    let svg = Signal::derive(move || {
        let Some(f) = finished.get() else {
            return String::new();
        };
        let kind = kind();
        let columns = &f.prepared.meta.columns;
        let mut bars: Vec<(String, f64)> = f
            .outcome
            .model
            .feature_importance()
            .iter()
            .filter(|i| i.weight > 0)
            .map(|i| {
                let name = columns
                    .get(i.feature)
                    .cloned()
                    .unwrap_or_else(|| format!("f{}", i.feature));
                (name, value(i, &kind))
            })
            .collect();
        bars.sort_by(|a, b| b.1.total_cmp(&a.1));
        bars.truncate(MAX_BARS);
        hbar_chart(
            &format!("Feature importance ({kind})"),
            &kind,
            &bars,
            "#4e79a7",
        )
    });
    view! {
        <section class="xgb-section" data-testid="importance">
            <h2>"Feature importance"</h2>
            <label class="field inline">
                <span>"importance_type"</span>
                <select name="importance_type" prop:value=kind on:change=move |ev| set_in(query, "importance_type", event_target_value(&ev))>
                    <option value="gain">"gain (mean loss reduction per split)"</option>
                    <option value="weight">"weight (number of splits)"</option>
                    <option value="cover">"cover (mean hessian sum per split)"</option>
                    <option value="total_gain">"total_gain"</option>
                    <option value="total_cover">"total_cover"</option>
                </select>
            </label>
            <Chart svg=svg file_name="xgboost-importance.svg" caption="Features the trees split on, as XGBoost's get_score reports them (unused features are left out)." />
        </section>
    }
}
