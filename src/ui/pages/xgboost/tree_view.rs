//! Any tree of the ensemble as a diagram: pick the round (and the class for multiclass);
//! splits show their rule, gain and cover, leaves their value and cover.

use leptos::prelude::*;

use super::params::{set_in, LabParams};
use super::Finished;
use crate::kernels::boosting::Tree;
use crate::ui::charts::sized::short;
use crate::ui::charts::tree::{draw_tree, DiagramNode};
use crate::ui::components::tree_figure::TreeFigure;

/// Characters a box's line holds (`charts::tree` clips longer lines).
const RULE_FITS: usize = 25;

pub fn diagram_nodes(tree: &Tree, columns: &[String]) -> Vec<DiagramNode> {
    (0..tree.node_count())
        .map(|n| {
            if tree.is_leaf(n) {
                DiagramNode {
                    children: None,
                    lines: vec![
                        format!("leaf {}", short(tree.leaf_value[n])),
                        format!("cover {}", short(tree.cover[n])),
                    ],
                    value: Some(tree.leaf_value[n]),
                    default_left: false,
                    highlighted: false,
                }
            } else {
                let f = tree.feature[n] as usize;
                let name = columns.get(f).cloned().unwrap_or_else(|| format!("f{f}"));
                let rule = format!("< {}", short(tree.threshold[n]));
                let stats = format!(
                    "gain {} · cover {}",
                    short(tree.loss_change[n]),
                    short(tree.cover[n])
                );
                // The rule on one line when it fits the box: one SVG text fewer per split.
                let lines = if name.chars().count() + rule.chars().count() < RULE_FITS {
                    vec![format!("{name} {rule}"), stats]
                } else {
                    vec![name, rule, stats]
                };
                DiagramNode {
                    children: Some((tree.left[n] as usize, tree.right[n] as usize)),
                    lines,
                    value: None,
                    default_left: tree.default_left[n],
                    highlighted: false,
                }
            }
        })
        .collect()
}

#[component]
pub fn TreeView(
    finished: RwSignal<Option<Finished>>,
    lab: Memo<LabParams>,
    query: RwSignal<Vec<(String, String)>>,
) -> impl IntoView {
    let rounds = move || finished.get().map_or(0, |f| f.outcome.model.rounds());
    let outputs = move || finished.get().map_or(1, |f| f.outcome.model.outputs.max(1));
    let round = move || lab.get().view.tree.min(rounds().saturating_sub(1));
    let class = move || lab.get().view.class.min(outputs() - 1);
    let picked = Memo::new(move |_| {
        let f = finished.get()?;
        let index = round() * outputs() + class();
        let tree = f.outcome.model.trees.get(index)?.clone();
        Some((tree, f.prepared.meta.columns.clone()))
    });
    let drawn = Memo::new(move |_| {
        picked
            .get()
            .map(|(tree, columns)| {
                let title = format!("Tree of round {}", round() + 1);
                draw_tree(&title, &diagram_nodes(&tree, &columns))
            })
            .unwrap_or_default()
    });
    let summary = move || {
        picked.get().map(|(t, _)| {
            format!(
                "round {} of {}: depth {}, {} leaves, {} nodes",
                round() + 1,
                rounds(),
                t.depth(),
                t.leaf_count(),
                t.node_count()
            )
        })
    };
    let class_names = move || {
        finished
            .get()
            .map(|f| f.prepared.meta.target.classes.clone())
            .unwrap_or_default()
    };
    let file_name = Signal::derive(move || format!("xgboost-tree-round-{}.svg", round() + 1));
    view! {
        <section class="xgb-section" data-testid="tree-viewer">
            <h2>"Trees"</h2>
            <div class="stepper">
                <button on:click=move |_| set_in(query, "tree", round().saturating_sub(1).to_string()) disabled=move || round() == 0>"◀"</button>
                <label class="field inline">
                    <span>"round"</span>
                    <input type="number" name="tree-round" min="1" max=move || rounds().to_string() prop:value=move || (round() + 1).to_string()
                        on:change=move |ev| {
                            let r = event_target_value(&ev).trim().parse::<usize>().unwrap_or(1).max(1);
                            set_in(query, "tree", (r - 1).to_string());
                        } />
                </label>
                <button on:click=move |_| set_in(query, "tree", (round() + 1).min(rounds().saturating_sub(1)).to_string()) disabled=move || { round() + 1 >= rounds() }>"▶"</button>
                <Show when=move || { outputs() > 1 }>
                    <label class="field inline">
                        <span>"class"</span>
                        <select name="class" prop:value=move || class().to_string() on:change=move |ev| set_in(query, "class", event_target_value(&ev))>
                            {move || class_names().into_iter().enumerate().map(|(i, c)| view! { <option value=i.to_string()>{format!("{i} = {c}")}</option> }).collect::<Vec<_>>()}
                        </select>
                    </label>
                </Show>
                <span data-testid="tree-summary">{summary}</span>
            </div>
            <TreeFigure drawn=drawn chart="xgboost-tree.svg" file_name=file_name
                caption="A row goes left (yes) when its value is below the threshold; the dashed branch is where missing values go. Leaf values are in margin units (log-odds for binary), already scaled by eta." />
        </section>
    }
}
