//! The texts: a worked example to load, the candidate, one box per reference (add / remove),
//! and how the texts are split into tokens. Every edit goes straight to the URL.

use leptos::prelude::*;

use super::examples::EXAMPLES;
use super::params::LabParams;
use super::update;
use crate::ui::route::format_query;

/// The example whose texts are on the page, if any (for the picker).
fn current_example(p: &LabParams) -> &'static str {
    EXAMPLES
        .iter()
        .find(|e| {
            e.candidate == p.candidate
                && e.references.len() == p.references.len()
                && e.references.iter().zip(&p.references).all(|(a, b)| a == b)
        })
        .map_or("", |e| e.id)
}

#[component]
pub fn TextsForm(query: RwSignal<Vec<(String, String)>>, lab: Memo<LabParams>) -> impl IntoView {
    let reference_count = Memo::new(move |_| lab.with(|p| p.references.len()));
    let example_source = move || {
        let id = lab.with(current_example);
        EXAMPLES.iter().find(|e| e.id == id).map(|e| e.source)
    };
    view! {
        <div class="tm-texts">
            <div class="tm-candidate">
                <label class="field">
                    <span>"Example"</span>
                    <select data-testid="example" prop:value=move || lab.with(current_example)
                        on:change=move |ev| {
                            let id = event_target_value(&ev);
                            if let Some(example) = EXAMPLES.iter().find(|e| e.id == id) {
                                let (lowercase, split) = lab.with_untracked(|p| (p.lowercase, p.split_punctuation));
                                let mut params = example.params();
                                params.lowercase = lowercase;
                                params.split_punctuation = split;
                                query.set(super::params::to_query(&params));
                            }
                        }>
                        <option value="">"(your own texts)"</option>
                        {EXAMPLES.iter().map(|e| view! { <option value=e.id>{e.label}</option> }).collect::<Vec<_>>()}
                    </select>
                    <small>{example_source}</small>
                </label>
                <label class="field">
                    <span>"Candidate (the model's output)"</span>
                    <textarea name="candidate" data-testid="candidate" rows="4" spellcheck="false"
                        prop:value=move || lab.with(|p| p.candidate.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); update(query, move |p| p.candidate = v) }></textarea>
                </label>
                <fieldset class="tm-tokens">
                    <legend>"Tokens"</legend>
                    <label class="check">
                        <input type="checkbox" name="lowercase" prop:checked=move || lab.with(|p| p.lowercase)
                            on:change=move |ev| { let v = event_target_checked(&ev); update(query, move |p| p.lowercase = v) } />
                        "lowercase every text"
                    </label>
                    <label class="check">
                        <input type="checkbox" name="punctuation" prop:checked=move || lab.with(|p| p.split_punctuation)
                            on:change=move |ev| { let v = event_target_checked(&ev); update(query, move |p| p.split_punctuation = v) } />
                        "split punctuation off words (“mat.” → “mat” “.”)"
                    </label>
                    <small class="muted">"Otherwise tokens are the text split at spaces, compared exactly (BLEU's definition)."</small>
                </fieldset>
            </div>
            <div class="tm-references">
                <For each=move || 0..reference_count.get() key=|i| *i let:i>
                    <div class="field tm-reference">
                        <div class="tm-reference-head">
                            <span>{format!("Reference {}", i + 1)}</span>
                            <Show when=move || { reference_count.get() > 1 }>
                                <button class="link" data-testid="remove-reference" aria-label=format!("Remove reference {}", i + 1)
                                    on:click=move |_| update(query, move |p| { if i < p.references.len() { p.references.remove(i); } })>"remove"</button>
                            </Show>
                        </div>
                        <textarea name="ref" data-testid="reference" rows="3" spellcheck="false"
                            prop:value=move || lab.with(|p| p.references.get(i).cloned().unwrap_or_default())
                            on:input=move |ev| { let v = event_target_value(&ev); update(query, move |p| if let Some(r) = p.references.get_mut(i) { *r = v }) }></textarea>
                    </div>
                </For>
                <button data-testid="add-reference" on:click=move |_| update(query, |p| p.references.push(String::new()))>"+ Add a reference"</button>
                <p class="muted tm-share">
                    "Everything is in the address: "
                    <a href=move || format!("#/lab/text-metrics?{}", format_query(&query.get()))>"link to this view"</a>"."
                </p>
            </div>
        </div>
    }
}
