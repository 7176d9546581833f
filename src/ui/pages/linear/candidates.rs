//! Why the chosen model won: every candidate's settings, kept epoch, zeroed weights, loss
//! and (binary classifiers) the threshold and criterion value selection found, the chosen
//! row marked, and the kernel's own sentence explaining the choice.

use leptos::prelude::*;

use super::Finished;
use crate::kernels::linear::{CandidateReport, SelectionCriterion};

fn criterion_label(f: &Finished) -> String {
    let p = &f.outcome.model.params;
    match p.binary_classifier_model_selection_criteria {
        SelectionCriterion::Accuracy => "accuracy".into(),
        SelectionCriterion::FBeta => format!("F{}", p.f_beta),
        SelectionCriterion::PrecisionAtTargetRecall => {
            format!("precision at recall ≥ {}", p.target_recall)
        }
        SelectionCriterion::RecallAtTargetPrecision => {
            format!("recall at precision ≥ {}", p.target_precision)
        }
        SelectionCriterion::LossFunction => "loss".into(),
    }
}

fn row(m: usize, c: &CandidateReport, chosen: bool, dims: usize) -> impl IntoView {
    let (threshold, value) = match c.threshold {
        Some(t) => (
            format!("{:.3}", t.threshold),
            format!(
                "{:.4}{}",
                t.value,
                if t.target_met { "" } else { " (target missed)" }
            ),
        ),
        None => ("–".into(), "–".into()),
    };
    view! {
        <tr class:chosen=chosen data-model={m + 1} data-chosen={chosen.to_string()}>
            <td>{format!("{}{}", m + 1, if chosen { " ★" } else { "" })}</td>
            <td>{format!("{:.2e}", c.learning_rate)}</td>
            <td>{format!("{:.1e}", c.l1)}</td>
            <td>{format!("{:.1e}", c.wd)}</td>
            <td>{c.train_loss.len()}</td>
            <td>{c.best_epoch}</td>
            <td>{format!("{} / {dims}", c.zero_weights)}</td>
            <td data-loss=c.selection_loss.to_string()>{format!("{:.4}", c.selection_loss)}</td>
            <td>{threshold}</td>
            <td>{value}</td>
        </tr>
    }
}

#[component]
pub fn Candidates(finished: RwSignal<Option<Finished>>) -> impl IntoView {
    move || {
        finished.get().map(|f| {
            let model = &f.outcome.model;
            let dims = model.weights.first().map_or(0, Vec::len) * model.weights.len();
            let criterion = criterion_label(&f);
            let rows = model
                .candidates
                .iter()
                .enumerate()
                .map(|(m, c)| row(m, c, m == model.chosen, dims))
                .collect::<Vec<_>>();
            view! {
                <section class="xgb-section" data-testid="selection">
                    <h2>"Why this model"</h2>
                    <p data-testid="selection-reason">{model.selection_reason.clone()}"."</p>
                    <div class="table-scroll">
                        <table class="candidates">
                            <thead><tr>
                                <th>"model"</th><th>"learning_rate"</th><th>"l1"</th><th>"wd"</th>
                                <th>"epochs run"</th><th>"kept epoch"</th><th>"zero weights"</th>
                                <th>"loss"</th><th>"threshold"</th><th>{criterion}</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                    <p class="muted">"Loss and criterion are measured on the validation rows (the training rows when there are none), with each model's kept weights. A binary classifier's threshold is the cut on P(1) that maximizes the criterion there; the model with the best value wins, ties going to the lower loss."</p>
                </section>
            }
        })
    }
}
