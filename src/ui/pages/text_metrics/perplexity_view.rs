//! Perplexity from per-token probabilities typed or pasted by the user, with its formula and
//! the numbers that go into it.

use leptos::prelude::*;

use super::compute::PerplexityView;
use super::formula::{Formula, PERPLEXITY};
use super::params::LabParams;
use super::update;

#[component]
pub fn PerplexitySection(
    query: RwSignal<Vec<(String, String)>>,
    lab: Memo<LabParams>,
    #[prop(into)] result: Signal<Option<PerplexityView>>,
) -> impl IntoView {
    view! {
        <section class="tm-section" aria-labelledby="tm-perplexity">
            <h2 id="tm-perplexity">"Perplexity of a language model"</h2>
            <div class="tm-perplexity">
                <div class="tm-perplexity-input">
                    <label class="field">
                        <span>"Probability the model gave each token"</span>
                        <textarea name="probabilities" data-testid="probabilities" rows="3" spellcheck="false"
                            placeholder="0.25 0.5 0.125"
                            prop:value=move || lab.with(|p| p.probabilities.clone())
                            on:input=move |ev| { let v = event_target_value(&ev); update(query, move |p| p.probabilities = v) }></textarea>
                        <small>"Separated by spaces, commas or new lines."</small>
                    </label>
                    <label class="check">
                        <input type="checkbox" name="log" prop:checked=move || lab.with(|p| p.log_probabilities)
                            on:change=move |ev| { let v = event_target_checked(&ev); update(query, move |p| p.log_probabilities = v) } />
                        "these are natural-log probabilities (ln p)"
                    </label>
                </div>
                <div>
                    <Formula latex=PERPLEXITY />
                    {move || result.get().map(|r| view! {
                        <p>
                            "N = "<strong>{r.count}</strong>", mean ln p = "<strong>{format!("{:.6}", r.mean_log)}</strong>
                            ", so the cross-entropy is H = "<strong>{format!("{:.6}", -r.mean_log)}</strong>" nats and PPL = e"<sup>"H"</sup>" = "
                            <strong>{format!("{:.4}", r.perplexity)}</strong>"."
                        </p>
                        <p class="muted">{format!("The model is as unsure as if it chose uniformly among {:.1} tokens at each step.", r.perplexity)}</p>
                    })}
                </div>
            </div>
        </section>
    }
}
