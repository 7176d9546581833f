//! A decision tree as a diagram (for a forest, any of its trees): each split shows its
//! rule, impurity, rows, class mix and impurity decrease; each leaf what it predicts. The
//! chosen row's path from the root to its leaf is drawn in red. Below, the impurity
//! decrease of every split as bars.

use leptos::prelude::*;

use super::params::LabKind;
use super::Finished;
use crate::kernels::tree::{DecisionTree, Node, Task};
use crate::ui::charts::hbars::hbar_chart;
use crate::ui::charts::sized::short;
use crate::ui::charts::tree::{draw_tree, DiagramNode};
use crate::ui::components::chart::Chart;
use crate::ui::components::tree_figure::TreeFigure;
use crate::ui::pages::xgboost::params::set_in;

/// Split bars drawn at most.
const MAX_SPLIT_BARS: usize = 30;

/// "[286, 169]": weighted rows per class (bootstrap counts are whole numbers too).
fn mix(node: &Node) -> String {
    let counts: Vec<String> = node
        .class_counts
        .iter()
        .map(|c| format!("{c:.0}"))
        .collect();
    format!("[{}]", counts.join(", "))
}

pub fn diagram_nodes(
    tree: &DecisionTree,
    columns: &[String],
    classes: &[String],
    path: &[usize],
) -> Vec<DiagramNode> {
    let criterion = tree.criterion.name();
    let root_value = tree.nodes.first().map_or(0.0, |n| n.value);
    tree.nodes
        .iter()
        .enumerate()
        .map(|(id, node)| {
            let stats = format!(
                "{criterion} {} · {} rows",
                short(node.impurity),
                node.samples
            );
            let highlighted = path.contains(&id);
            match &node.split {
                Some(split) => {
                    let third = match tree.task() {
                        Task::Classification => {
                            format!("{} · Δ {}", mix(node), short(split.impurity_decrease))
                        }
                        Task::Regression => format!(
                            "mean {} · Δ {}",
                            short(node.value),
                            short(split.impurity_decrease)
                        ),
                    };
                    DiagramNode {
                        children: Some((split.left, split.right)),
                        lines: vec![split.rule(columns), stats, third],
                        value: None,
                        default_left: split.missing_goes_left,
                        highlighted,
                    }
                }
                None => {
                    let (first, value) = match tree.task() {
                        Task::Classification => {
                            let k = node.value as usize;
                            let name = classes.get(k).cloned().unwrap_or_else(|| k.to_string());
                            let p = node.class_probabilities();
                            // Binary: orange for class 1, blue for class 0, paler when mixed.
                            let value = (p.len() == 2).then(|| p[1] - 0.5);
                            (format!("class {name}"), value)
                        }
                        Task::Regression => (
                            format!("value {}", short(node.value)),
                            Some(node.value - root_value),
                        ),
                    };
                    let third = match tree.task() {
                        Task::Classification => mix(node),
                        Task::Regression => String::new(),
                    };
                    DiagramNode {
                        children: None,
                        lines: vec![first, stats, third],
                        value,
                        default_left: false,
                        highlighted,
                    }
                }
            }
        })
        .collect()
}

#[component]
pub fn TreeView(
    kind: LabKind,
    finished: RwSignal<Option<Finished>>,
    tree_index: Signal<usize>,
    row: Signal<usize>,
    query: RwSignal<Vec<(String, String)>>,
) -> impl IntoView {
    let count = move || finished.get().map_or(0, |f| f.trees.len());
    let index = move || tree_index.get().min(count().saturating_sub(1));
    let picked = Memo::new(move |_| {
        let f = finished.get()?;
        let tree = f.trees.get(index())?.clone();
        let shap = &f.evaluation.shap;
        let row_values = shap
            .features
            .get(row.get().min(shap.features.len().saturating_sub(1)));
        let path = row_values
            .map(|r| tree.decision_path(r))
            .unwrap_or_default();
        Some((
            tree,
            path,
            f.prepared.meta.columns.clone(),
            f.prepared.meta.target.classes.clone(),
        ))
    });
    let drawn = Memo::new(move |_| {
        picked
            .get()
            .map(|(tree, path, columns, classes)| {
                let nodes = diagram_nodes(&tree, &columns, &classes, &path);
                let title = match kind {
                    LabKind::Tree => "Decision tree".to_string(),
                    LabKind::Forest => format!("Tree {} of the forest", index() + 1),
                };
                draw_tree(&title, &nodes)
            })
            .unwrap_or_default()
    });
    let summary = move || {
        picked.get().map(|(t, path, _, _)| {
            let which = match kind {
                LabKind::Tree => String::new(),
                LabKind::Forest => format!("tree {} of {}: ", index() + 1, count()),
            };
            format!(
                "{which}depth {}, {} leaves, {} nodes; the chosen row passes {} nodes",
                t.depth(),
                t.n_leaves(),
                t.nodes.len(),
                path.len()
            )
        })
    };
    let splits_svg = Signal::derive(move || {
        picked
            .get()
            .map_or_else(String::new, |(tree, _, columns, _)| {
                let mut bars: Vec<(String, f64)> = tree
                    .nodes
                    .iter()
                    .enumerate()
                    .filter_map(|(id, n)| {
                        n.split
                            .as_ref()
                            .map(|s| (format!("#{id} {}", s.rule(&columns)), s.impurity_decrease))
                    })
                    .collect();
                bars.sort_by(|a, b| b.1.total_cmp(&a.1));
                bars.truncate(MAX_SPLIT_BARS);
                hbar_chart(
                    "Impurity decrease per split",
                    "N_t/N · (I − N_L/N_t·I_L − N_R/N_t·I_R)",
                    &bars,
                    "#59a14f",
                )
            })
    });
    let prefix = kind.id();
    let file_name = Signal::derive(move || match kind {
        LabKind::Tree => "decision-tree.svg".to_string(),
        LabKind::Forest => format!("forest-tree-{}.svg", index() + 1),
    });
    let stepper = (kind == LabKind::Forest).then(|| {
        view! {
            <button on:click=move |_| set_in(query, "tree", index().saturating_sub(1).to_string()) disabled=move || index() == 0>"◀"</button>
            <label class="field inline">
                <span>"tree"</span>
                <input type="number" name="tree-index" min="1" max=move || count().to_string() prop:value=move || (index() + 1).to_string()
                    on:change=move |ev| {
                        let t = event_target_value(&ev).trim().parse::<usize>().unwrap_or(1).max(1);
                        set_in(query, "tree", (t - 1).to_string());
                    } />
            </label>
            <button on:click=move |_| set_in(query, "tree", (index() + 1).min(count().saturating_sub(1)).to_string()) disabled=move || { index() + 1 >= count() }>"▶"</button>
        }
    });
    view! {
        <section class="xgb-section" data-testid="tree-viewer">
            <h2>{match kind { LabKind::Tree => "The tree", LabKind::Forest => "Any tree of the forest" }}</h2>
            <div class="stepper">
                {stepper}
                <span data-testid="tree-summary">{summary}</span>
            </div>
            <TreeFigure drawn=drawn chart=format!("{prefix}-tree.svg") file_name=file_name
                caption="A row goes left (yes) when the rule holds; the dashed branch is where missing values go. Each node: rule or prediction, impurity and rows, class mix (rows per class) and the split's weighted impurity decrease Δ. Red: the chosen row's path." />
            <Chart svg=splits_svg file_name=format!("{prefix}-split-decrease.svg") caption="How much each split lowered the weighted impurity (the sum per feature, normalised, is the feature importance)." />
        </section>
    }
}
