//! The decision regions over two features: a k-NN with this run's settings, fitted on
//! those two features only, predicted on a grid in the worker and drawn with the indexed
//! training rows on top.

use leptos::prelude::*;

use super::Finished;
use crate::ui::charts::regions::{region_chart, RegionInput};
use crate::ui::components::chart::Chart;

#[component]
pub fn RegionsView(finished: RwSignal<Option<Finished>>) -> impl IntoView {
    let svg = Signal::derive(move || {
        finished
            .with(|f| {
                let f = f.as_ref()?;
                let map = f.outcome.map.as_ref()?;
                let (x_name, y_name) = f.prepared.map_features.as_ref()?;
                let title = format!(
                    "k-NN (k = {}) on {x_name} and {y_name}",
                    f.prepared.params.k
                );
                Some(region_chart(&RegionInput {
                    title: &title,
                    x_label: x_name,
                    y_label: y_name,
                    x_range: map.x_range,
                    y_range: map.y_range,
                    cells: &map.predictions,
                    resolution: map.spec.resolution,
                    points: &map.points,
                    classes: &f.prepared.meta.target.classes,
                }))
            })
            .unwrap_or_default()
    });
    view! {
        <Show when=move || !svg.get().is_empty()>
            <section class="xgb-section" data-testid="regions">
                <h2>"Decision regions"</h2>
                <Chart svg=svg file_name="knn-decision-regions.svg"
                    caption="Each cell is coloured by what a k-NN with these settings, using only these two features, predicts there; dots are the indexed training rows in their true class (or value). Pick the two features under Decision-region map." />
            </section>
        </Show>
    }
}
