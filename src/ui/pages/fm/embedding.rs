//! The chosen column's factor vectors in 2-D (PCA of the vectors, computed in the worker),
//! coloured by the level's linear weight: levels close together interact alike with every
//! other feature, whatever their popularity.

use leptos::prelude::*;

use super::Finished;
use crate::ui::charts::colour;
use crate::ui::charts::scatter::{scatter, ScatterInput};
use crate::ui::components::chart::Chart;

/// Quintile (0..5) of each value.
fn quintiles(values: &[f64]) -> Vec<usize> {
    if values.is_empty() {
        return Vec::new();
    }
    let mut sorted: Vec<f64> = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let edges: Vec<f64> = (1..5).map(|i| sorted[(sorted.len() - 1) * i / 5]).collect();
    values
        .iter()
        .map(|v| edges.iter().filter(|e| v > e).count())
        .collect()
}

#[component]
pub fn Embedding(finished: RwSignal<Option<Finished>>) -> impl IntoView {
    let view_data = Memo::new(move |_| {
        let f = finished.get()?;
        let e = f.outcome.embedding.as_ref()?;
        let column = f.prepared.features.get(e.column)?.clone();
        let groups = quintiles(&e.linear);
        let points: Vec<(f64, f64, usize)> = e
            .points
            .iter()
            .zip(groups)
            .map(|(&(x, y), g)| (x, y, g))
            .collect();
        let share = |i: usize| e.explained_variance_ratio.get(i).copied().unwrap_or(0.0) * 100.0;
        let svg = scatter(&ScatterInput {
            title: &format!("{column} embeddings: factor vectors in 2-D"),
            x_label: &format!("PC1 of the {column} vectors ({:.0} %)", share(0)),
            y_label: &format!("PC2 ({:.0} %)", share(1)),
            points: &points,
            centroid_paths: &[],
        });
        Some((svg, column, e.points.len()))
    });
    let legend = [
        "lowest 20 % linear weight",
        "20–40 %",
        "40–60 %",
        "60–80 %",
        "highest 20 % (most liked overall)",
    ];
    view! {
        {move || view_data.get().map(|(svg, column, n)| view! {
            <Chart svg=svg file_name="fm-embeddings.svg" caption=format!("Each of the {n} {column} levels at the first two principal components of its factor vector v. Nearby levels get similar interaction scores ⟨v_user, v_{column}⟩ from every user; the colour is the level's linear weight w (its overall popularity), which the vectors do not need to carry.") />
            <ul class="legend">
                {legend.iter().enumerate().map(|(i, name)| view! {
                    <li><span class="swatch" style=format!("background:{}", colour(i))></span>{*name}</li>
                }).collect::<Vec<_>>()}
            </ul>
        })}
    }
}
