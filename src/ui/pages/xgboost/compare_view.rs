//! The compare view (`booster=compare`): XGBoost's depth-wise and LightGBM's leaf-wise
//! ensembles trained on the same rows, side by side: time, every metric, the shape of the
//! trees (leaves and depth per round) and one round's tree from each.

use leptos::prelude::*;

use super::params::LabParams;
use super::tree_view::diagram_nodes;
use super::Finished;
use crate::jobs::xgboost::XgboostOutcome;
use crate::kernels::boosting::Model;
use crate::ui::charts::line::{line_chart, Series};
use crate::ui::charts::tree::tree_diagram;
use crate::ui::components::chart::Chart;

/// Per round, (leaves, depth) of the round's first tree.
fn shapes(model: &Model) -> Vec<(usize, usize)> {
    model
        .trees
        .iter()
        .step_by(model.outputs.max(1))
        .map(|t| (t.leaf_count(), t.depth()))
        .collect()
}

fn mean(values: impl Iterator<Item = usize>) -> f64 {
    let (sum, n) = values.fold((0, 0), |(s, n), v| (s + v, n + 1));
    sum as f64 / f64::from(n.max(1))
}

/// The table's rows: (label, XGBoost's value, LightGBM's value, metric name for tests).
fn rows(a: &XgboostOutcome, b: &XgboostOutcome) -> Vec<(String, String, String, String)> {
    let (sa, sb) = (shapes(&a.model), shapes(&b.model));
    let mut out = vec![
        (
            "fit time (binning + boosting)".to_string(),
            format!("{:.0} ms", a.fit_ms),
            format!("{:.0} ms", b.fit_ms),
            "fit_ms".to_string(),
        ),
        (
            "rounds kept".to_string(),
            a.model.rounds().to_string(),
            b.model.rounds().to_string(),
            "rounds".to_string(),
        ),
        (
            "leaves per tree (mean)".to_string(),
            format!("{:.1}", mean(sa.iter().map(|s| s.0))),
            format!("{:.1}", mean(sb.iter().map(|s| s.0))),
            "mean_leaves".to_string(),
        ),
        (
            "depth per tree (mean / deepest)".to_string(),
            format!(
                "{:.1} / {}",
                mean(sa.iter().map(|s| s.1)),
                sa.iter().map(|s| s.1).max().unwrap_or(0)
            ),
            format!(
                "{:.1} / {}",
                mean(sb.iter().map(|s| s.1)),
                sb.iter().map(|s| s.1).max().unwrap_or(0)
            ),
            "depth".to_string(),
        ),
    ];
    for (name, value) in &a.metrics {
        let rival = b.metrics.iter().find(|(n, _)| n == name).map(|m| m.1);
        out.push((
            name.clone(),
            format!("{value:.4}"),
            rival.map_or_else(|| "–".to_string(), |v| format!("{v:.4}")),
            name.clone(),
        ));
    }
    out
}

fn shape_chart(a: &Model, b: &Model, leaves: bool) -> String {
    let series = |name: &str, model: &Model| Series {
        name: name.to_string(),
        points: shapes(model)
            .into_iter()
            .enumerate()
            .map(|(i, (l, d))| ((i + 1) as f64, if leaves { l } else { d } as f64))
            .collect(),
        highlight: false,
    };
    let (title, y) = if leaves {
        ("Leaves per tree", "leaves")
    } else {
        ("Depth per tree", "depth")
    };
    line_chart(
        title,
        "round",
        y,
        &[
            series("XGBoost (depth-wise)", a),
            series("LightGBM (leaf-wise)", b),
        ],
        None,
    )
}

#[component]
pub fn CompareView(finished: RwSignal<Option<Finished>>, lab: Memo<LabParams>) -> impl IntoView {
    let pair = move || {
        finished
            .get()
            .and_then(|f| f.outcome.rival.clone().map(|rival| (f, rival)))
    };
    let table = move || {
        pair().map(|(f, rival)| {
            rows(&f.outcome, &rival)
                .into_iter()
                .map(|(label, a, b, name)| {
                    view! {
                        <tr data-compare=name>
                            <th scope="row">{label}</th>
                            <td data-side="xgboost">{a}</td>
                            <td data-side="lightgbm">{b}</td>
                        </tr>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    let chart = move |leaves: bool| {
        Signal::derive(move || {
            pair().map_or_else(String::new, |(f, rival)| {
                shape_chart(&f.outcome.model, &rival.model, leaves)
            })
        })
    };
    let trees = Signal::derive(move || {
        pair().map_or_else(Vec::new, |(f, rival)| {
            let round = lab.get().view.tree;
            let columns = &f.prepared.meta.columns;
            [("XGBoost", &f.outcome.model), ("LightGBM", &rival.model)]
                .into_iter()
                .filter_map(|(name, model)| {
                    let index = round.min(model.rounds().saturating_sub(1)) * model.outputs.max(1);
                    let tree = model.trees.get(index)?;
                    let title = format!("{name}, round {}", index / model.outputs.max(1) + 1);
                    Some(tree_diagram(&title, &diagram_nodes(tree, columns)))
                })
                .collect()
        })
    });
    view! {
        <Show when=move || pair().is_some()>
            <section class="xgb-section" data-testid="compare">
                <h2>"Depth-wise against leaf-wise"</h2>
                <p class="muted">"Both trained on the same rows and bins. XGBoost grows each tree level by level to max_depth; LightGBM keeps splitting whichever leaf gains most, up to num_leaves, so its trees are deeper on one side and shallow elsewhere."</p>
                <table class="compare-table">
                    <thead><tr><th></th><th scope="col">"XGBoost (depth-wise)"</th><th scope="col">"LightGBM (leaf-wise)"</th></tr></thead>
                    <tbody>{table}</tbody>
                </table>
                <div class="compare-charts">
                    <Chart svg=chart(true) file_name="compare-leaves.svg" caption="Leaves of each round's tree." />
                    <Chart svg=chart(false) file_name="compare-depth.svg" caption="Depth of each round's tree." />
                </div>
                <div class="compare-trees">
                    {move || trees.get().into_iter().map(|svg| view! { <div class="chart-svg tree-scroll" inner_html=svg></div> }).collect::<Vec<_>>()}
                </div>
            </section>
        </Show>
    }
}
