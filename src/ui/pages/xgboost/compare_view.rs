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

/// One row of the table: what it shows, each side's text and full-precision value (for
/// `data-value`), and its key (`data-compare`, the metric's name for metrics).
struct Row {
    label: String,
    a: String,
    b: String,
    values: (f64, f64),
    key: String,
}

fn row(label: &str, a: String, b: String, values: (f64, f64), key: &str) -> Row {
    Row {
        label: label.to_string(),
        a,
        b,
        values,
        key: key.to_string(),
    }
}

fn rows(a: &XgboostOutcome, b: &XgboostOutcome) -> Vec<Row> {
    let (sa, sb) = (shapes(&a.model), shapes(&b.model));
    let (leaves_a, leaves_b) = (mean(sa.iter().map(|s| s.0)), mean(sb.iter().map(|s| s.0)));
    let (depth_a, depth_b) = (mean(sa.iter().map(|s| s.1)), mean(sb.iter().map(|s| s.1)));
    let deepest = |s: &[(usize, usize)]| s.iter().map(|s| s.1).max().unwrap_or(0);
    let (rounds_a, rounds_b) = (a.model.rounds(), b.model.rounds());
    let mut out = vec![
        row(
            "fit time (binning + boosting)",
            format!("{:.0} ms", a.fit_ms),
            format!("{:.0} ms", b.fit_ms),
            (a.fit_ms, b.fit_ms),
            "fit_ms",
        ),
        row(
            "rounds kept",
            rounds_a.to_string(),
            rounds_b.to_string(),
            (rounds_a as f64, rounds_b as f64),
            "rounds",
        ),
        row(
            "leaves per tree (mean)",
            format!("{leaves_a:.1}"),
            format!("{leaves_b:.1}"),
            (leaves_a, leaves_b),
            "mean_leaves",
        ),
        row(
            "depth per tree (mean / deepest)",
            format!("{depth_a:.1} / {}", deepest(&sa)),
            format!("{depth_b:.1} / {}", deepest(&sb)),
            (depth_a, depth_b),
            "depth",
        ),
    ];
    for (name, value) in &a.metrics {
        let rival = b.metrics.iter().find(|(n, _)| n == name).map(|m| m.1);
        out.push(row(
            name,
            format!("{value:.4}"),
            rival.map_or_else(|| "–".to_string(), |v| format!("{v:.4}")),
            (*value, rival.unwrap_or(f64::NAN)),
            name,
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
                .map(|r| {
                    view! {
                        <tr data-compare=r.key>
                            <th scope="row">{r.label}</th>
                            <td data-side="xgboost" data-value=r.values.0.to_string()>{r.a}</td>
                            <td data-side="lightgbm" data-value=r.values.1.to_string()>{r.b}</td>
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
    let trees = Signal::derive(move || -> Vec<(String, String)> {
        pair().map_or_else(Vec::new, |(f, rival)| {
            let round = lab.get().view.tree;
            let columns = &f.prepared.meta.columns;
            [("XGBoost", &f.outcome.model), ("LightGBM", &rival.model)]
                .into_iter()
                .filter_map(|(name, model)| {
                    let index = round.min(model.rounds().saturating_sub(1)) * model.outputs.max(1);
                    let tree = model.trees.get(index)?;
                    let title = format!(
                        "{name}, round {}: {} leaves, depth {}",
                        index / model.outputs.max(1) + 1,
                        tree.leaf_count(),
                        tree.depth()
                    );
                    let svg = tree_diagram(&title, &diagram_nodes(tree, columns));
                    Some((title, svg))
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
                    {move || trees.get().into_iter().map(|(title, svg)| view! {
                        <figure class="chart">
                            <div class="chart-svg" inner_html=svg></div>
                            <figcaption>{title}</figcaption>
                        </figure>
                    }).collect::<Vec<_>>()}
                </div>
            </section>
        </Show>
    }
}
