//! Picks the row whose path the tree diagram highlights and whose SHAP waterfall is shown:
//! a number for any explained row, and a short table of rows around it (click one).

use leptos::prelude::*;

use super::Finished;
use crate::jobs::trees::predicted_classes;
use crate::kernels::tree::Task;
use crate::ui::charts::sized::short;
use crate::ui::pages::xgboost::params::set_in;

/// Rows listed around the chosen one.
const WINDOW: usize = 8;

/// (index among the explained rows, data row label, truth, prediction) for the table.
fn listed(f: &Finished, chosen: usize) -> Vec<(usize, String, String, String)> {
    let e = &f.evaluation;
    let meta = &f.prepared.meta;
    let validation = e.shap.channel == "validation";
    let (labels, predictions) = if validation {
        (f.prepared.validation_truth(), &e.validation_predictions)
    } else {
        (f.prepared.train_truth(), &e.train_predictions)
    };
    let n = e.shap.rows.len();
    let start = chosen
        .saturating_sub(WINDOW / 2)
        .min(n.saturating_sub(WINDOW));
    let classes = &meta.target.classes;
    let name = |k: usize| classes.get(k).cloned().unwrap_or_else(|| k.to_string());
    (start..(start + WINDOW).min(n))
        .map(|i| {
            let r = e.shap.rows[i];
            let source = if validation {
                meta.validation_rows.get(r)
            } else {
                meta.train_rows.get(r)
            };
            let truth = labels.get(r).copied().unwrap_or(f64::NAN);
            let scores = predictions
                .get(r * e.width..(r + 1) * e.width)
                .unwrap_or(&[]);
            let (truth, predicted) = match f.prepared.task() {
                Task::Regression => (
                    short(truth),
                    scores.first().map_or(String::new(), |v| short(*v)),
                ),
                Task::Classification => {
                    let k = predicted_classes(scores, e.width)
                        .first()
                        .copied()
                        .unwrap_or(0);
                    let p = scores.get(k).copied().unwrap_or(0.0);
                    (
                        name(truth as usize),
                        format!("{} ({:.0} %)", name(k), p * 100.0),
                    )
                }
            };
            (
                i,
                source.map_or_else(String::new, |s| (s + 1).to_string()),
                truth,
                predicted,
            )
        })
        .collect()
}

#[component]
pub fn RowPicker(
    finished: RwSignal<Option<Finished>>,
    row: Signal<usize>,
    query: RwSignal<Vec<(String, String)>>,
) -> impl IntoView {
    let rows = move || finished.get().map_or(0, |f| f.evaluation.shap.rows.len());
    let channel = move || {
        finished
            .get()
            .map_or(String::new(), |f| f.evaluation.shap.channel.clone())
    };
    let table = move || {
        finished
            .get()
            .map(|f| listed(&f, row.get()))
            .unwrap_or_default()
    };
    view! {
        <div class="row-picker" data-testid="row-picker">
            <label class="field inline">
                <span>{move || format!("{} row", channel())}</span>
                <input type="number" name="row" min="0" max=move || rows().saturating_sub(1).to_string() prop:value=move || row.get().to_string()
                    on:change=move |ev| set_in(query, "row", event_target_value(&ev).trim().parse::<usize>().unwrap_or(0).to_string()) />
                <small>{move || format!("of {} (click a row below)", rows())}</small>
            </label>
            <table class="row-table">
                <thead><tr><th>"#"</th><th>"data row"</th><th>"truth"</th><th>"predicted"</th></tr></thead>
                <tbody>
                    {move || table().into_iter().map(|(i, source, truth, predicted)| {
                        let selected = i == row.get();
                        view! {
                            <tr class:selected=selected data-row=i.to_string() on:click=move |_| set_in(query, "row", i.to_string())>
                                <td>{i}</td><td>{source}</td><td>{truth}</td><td>{predicted}</td>
                            </tr>
                        }
                    }).collect::<Vec<_>>()}
                </tbody>
            </table>
        </div>
    }
}
