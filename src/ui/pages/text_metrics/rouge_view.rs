//! ROUGE-1, ROUGE-2 and ROUGE-L: recall, precision and F1 against the best reference, and each
//! reference's F1 when there are several.

use leptos::prelude::*;

use super::compute::RougeView;
use super::formula::{Formula, ROUGE_L, ROUGE_N};
use crate::kernels::text_metrics::RougeResult;

fn row(name: &'static str, result: &RougeResult) -> impl IntoView {
    let best = result.best;
    let per_reference = (result.per_reference.len() > 1).then(|| {
        result
            .per_reference
            .iter()
            .enumerate()
            .map(|(i, s)| format!("#{}: {:.3}", i + 1, s.f1))
            .collect::<Vec<_>>()
            .join(", ")
    });
    view! {
        <tr>
            <th scope="row">{name}</th>
            <td class="num">{format!("{:.4}", best.recall)}</td>
            <td class="num">{format!("{:.4}", best.precision)}</td>
            <td class="num">{format!("{:.4}", best.f1)}</td>
            <td class="tm-bar-cell"><div class="tm-bar" style=format!("width: {:.2}%", best.f1 * 100.0)></div></td>
            <td class="muted">{per_reference.unwrap_or_else(|| "—".to_string())}</td>
        </tr>
    }
}

#[component]
pub fn RougeSection(#[prop(into)] rouge: Signal<Option<RougeView>>) -> impl IntoView {
    view! {
        <section class="tm-section" aria-labelledby="tm-rouge">
            <h2 id="tm-rouge">"ROUGE: n-gram and longest-common-subsequence overlap"</h2>
            <div class="tm-formulas">
                <Formula latex=ROUGE_N />
                <Formula latex=ROUGE_L />
            </div>
            {move || rouge.get().map(|found| {
                let skipped = found.rouge_l.as_ref().err().cloned();
                view! {
                    <div class="scroll-x">
                        <table class="tm-table">
                            <thead><tr>
                                <th></th><th class="num">"recall"</th><th class="num">"precision"</th><th class="num">"F1"</th>
                                <th>"F1 (bar)"</th><th>"F1 per reference"</th>
                            </tr></thead>
                            <tbody>
                                {row("ROUGE-1", &found.rouge_1)}
                                {row("ROUGE-2", &found.rouge_2)}
                                {found.rouge_l.as_ref().ok().map(|l| row("ROUGE-L", l))}
                            </tbody>
                        </table>
                    </div>
                    {skipped.map(|reason| view! { <p class="note" data-testid="rouge-l-skipped">{reason}</p> })}
                    <p class="muted">"With several references, each score is the one against the reference with the best F1 (Lin 2004 takes the best pairwise score). m and n are the reference and candidate lengths."</p>
                }
            })}
        </section>
    }
}
