//! BLEU, step by step: each clipped n-gram precision (table and bars), the brevity penalty
//! with the lengths it compares, cumulative BLEU-1..4 and the final score.

use leptos::prelude::*;

use super::compute::BleuView;
use super::formula::{Formula, BLEU, BREVITY, PRECISION};

#[component]
pub fn BleuSection(#[prop(into)] bleu: Signal<Option<BleuView>>) -> impl IntoView {
    view! {
        <section class="tm-section" aria-labelledby="tm-bleu">
            <h2 id="tm-bleu">"BLEU: clipped n-gram precision × brevity penalty"</h2>
            <div class="tm-formulas">
                <Formula latex=PRECISION />
                <Formula latex=BREVITY />
                <Formula latex=BLEU />
            </div>
            {move || bleu.get().map(|found| {
                let score = found.score.clone();
                let rows = score.precisions.iter().zip(&found.cumulative).map(|(p, cumulative)| {
                    let width = format!("width: {:.2}%", p.precision * 100.0);
                    view! {
                        <tr data-n=p.n>
                            <th scope="row">{format!("{}-gram", p.n)}</th>
                            <td class="num">{p.matches}</td>
                            <td class="num">{p.total}</td>
                            <td class="num">{format!("{:.4}", p.precision)}</td>
                            <td class="tm-bar-cell"><div class="tm-bar" style=width></div></td>
                            <td class="num">{format!("{cumulative:.4}")}</td>
                        </tr>
                    }
                }).collect::<Vec<_>>();
                let (c, r) = (score.candidate_length, score.reference_length);
                let penalty = if c == 0 {
                    "the candidate is empty, so BP = 0".to_string()
                } else if c > r {
                    format!("c = {c} > r = {r}, so BP = 1")
                } else {
                    format!("c = {c} ≤ r = {r}, so BP = e^(1 − {r}/{c}) = {:.4}", score.brevity_penalty)
                };
                let zero = score.precisions.iter().find(|p| p.precision == 0.0).map(|p| p.n);
                view! {
                    <div class="scroll-x">
                        <table class="tm-table">
                            <thead><tr>
                                <th>"n"</th><th class="num">"clipped matches"</th><th class="num">"candidate n-grams"</th>
                                <th class="num">"p_n"</th><th>"p_n (bar)"</th><th class="num">"BLEU-n (cumulative)"</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                    <p>"Brevity penalty: candidate length "<strong>{c}</strong>", closest reference length "<strong>{r}</strong>" (the shorter on a tie): "{penalty}"."</p>
                    <p class="tm-final">"BLEU = "<strong>{format!("{:.4}", score.bleu)}</strong>
                        {zero.map(|n| format!(" — p_{n} = 0, so the geometric mean is 0 without smoothing (common for one short sentence; the cumulative BLEU-n column shows the lower orders)."))}
                    </p>
                }
            })}
        </section>
    }
}
