//! The parameter form: every input reads from and writes to the URL query.

use leptos::prelude::*;

use super::params::{idf_name, norm_name, set_in, tf_name, LabParams};

#[component]
pub fn Form(
    query: RwSignal<Vec<(String, String)>>,
    parsed: Memo<(LabParams, Vec<String>)>,
) -> impl IntoView {
    // What the URL says, or the default the parser uses.
    let raw = move |name: &'static str, default: fn(&LabParams) -> String| {
        move || {
            query
                .with(|q| q.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
                .unwrap_or_else(|| default(&LabParams::default()))
        }
    };
    let lab = move || parsed.get().0;
    let text = move |name: &'static str,
                     label: &'static str,
                     default: fn(&LabParams) -> String,
                     placeholder: &'static str,
                     help: &'static str| {
        view! {
            <label class="field">
                <span>{label}</span>
                <input type="text" inputmode="decimal" name=name placeholder=placeholder prop:value=raw(name, default)
                    on:change=move |ev| set_in(query, name, event_target_value(&ev)) />
                <small>{help}</small>
            </label>
        }
    };
    let choice = move |name: &'static str,
                       label: &'static str,
                       current: fn(&LabParams) -> &'static str,
                       options: &'static [(&'static str, &'static str)]| {
        view! {
            <label class="field">
                <span>{label}</span>
                <select name=name prop:value=move || current(&lab())
                    on:change=move |ev| set_in(query, name, event_target_value(&ev))>
                    {options.iter().map(|(value, text)| view! { <option value=*value>{*text}</option> }).collect::<Vec<_>>()}
                </select>
            </label>
        }
    };
    let ngram = move || {
        let (lo, hi) = lab().tfidf.ngram_range;
        format!("{lo},{hi}")
    };
    view! {
        <div class="form">
            <fieldset>
                <legend>"Tokens"</legend>
                <label class="check">
                    <input type="checkbox" name="stop_words" prop:checked=move || lab().tfidf.stop_words
                        on:change=move |ev| set_in(query, "stop_words", event_target_checked(&ev).to_string()) />
                    "stop_words: drop English stop words (scikit-learn's list)"
                </label>
                <label class="field">
                    <span>"ngram_range"</span>
                    <select name="ngram_range" prop:value=ngram
                        on:change=move |ev| set_in(query, "ngram_range", event_target_value(&ev))>
                        <option value="1,1">"1,1 (words)"</option>
                        <option value="1,2">"1,2 (words and word pairs)"</option>
                        <option value="1,3">"1,3 (up to word triples)"</option>
                        <option value="2,2">"2,2 (word pairs only)"</option>
                        <option value="2,3">"2,3"</option>
                        <option value="3,3">"3,3 (word triples only)"</option>
                    </select>
                </label>
            </fieldset>
            <fieldset>
                <legend>"Vocabulary"</legend>
                {text("min_df", "min_df", |p| p.tfidf.min_df.to_string(), "1", "Keep terms in at least this many documents (2) or this fraction of them (0.01).")}
                {text("max_df", "max_df", |p| p.tfidf.max_df.to_string(), "1.0", "Drop terms in more documents than this (count or fraction): corpus-specific stop words.")}
                {text("max_features", "max_features", |_| String::new(), "no limit", "Keep only the most frequent terms.")}
                {text("n_features", "n_features (hashing trick)", |_| String::new(), "off: use a vocabulary", "Hash each term into this many columns instead of keeping a vocabulary (2^20 = 1048576 in scikit-learn). Collisions are counted.")}
            </fieldset>
            <fieldset>
                <legend>"Weighting"</legend>
                {choice("tf", "tf", |p| tf_name(p.tfidf.tf), &[("log", "log: 1 + ln f (sublinear)"), ("raw", "raw count f"), ("length", "length: f / document length")])}
                {choice("idf", "idf", |p| idf_name(p.tfidf.idf), &[("smooth", "smooth"), ("plain", "plain"), ("probabilistic", "probabilistic"), ("none", "none (tf only)")])}
                {choice("norm", "norm", |p| norm_name(p.tfidf.norm), &[("l2", "l2 (unit length)"), ("l1", "l1 (weights sum to 1)"), ("none", "none")])}
            </fieldset>
            <button class="link" on:click=move |_| query.update(|q| q.retain(|(k, _)| ["corpus", "q", "scoring", "term", "doc", "shards"].contains(&k.as_str())))>
                "Reset to scikit-learn's defaults"
            </button>
        </div>
    }
}
