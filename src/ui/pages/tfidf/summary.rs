//! The corpus summary: documents, tokens, vocabulary, stored weights (nnz) and sparsity, as
//! the metrics of the automation contract, plus what the hashing trick cost.

use leptos::prelude::*;

use super::run::Fitted;
use crate::ui::components::metrics::{Metric, Metrics};

fn metric(name: &str, label: &str, value: f64, decimals: usize) -> Metric {
    Metric {
        name: name.into(),
        label: label.into(),
        value,
        decimals,
    }
}

#[component]
pub fn Summary(fitted: Signal<Option<Fitted>>) -> impl IntoView {
    let metrics = Signal::derive(move || {
        fitted.get().map_or_else(Vec::new, |f| {
            let s = &f.index.summary;
            vec![
                metric("documents", "documents", s.documents as f64, 0),
                metric("tokens", "tokens", s.tokens as f64, 0),
                metric(
                    "vocabulary",
                    "vocabulary (terms used)",
                    s.vocabulary as f64,
                    0,
                ),
                metric("nnz", "nnz (stored weights)", s.nnz as f64, 0),
                metric("sparsity", "sparsity", s.sparsity, 4),
            ]
        })
    });
    let notes = move || {
        fitted.get().map(|f| {
            let s = &f.index.summary;
            let mut notes = vec![format!(
                "{:.2}% of the {} × {} document-term cells are zero: the matrix is stored sparse.",
                s.sparsity * 100.0,
                s.documents,
                f.index.hashing.as_ref().map_or(s.vocabulary, |h| h.n_features)
            )];
            if let Some(h) = &f.index.hashing {
                notes.push(format!(
                    "Hashing trick: {} distinct terms in {} buckets; {} occupied, so {} terms collided with another (their weights add up in one column).",
                    h.distinct_terms, h.n_features, h.occupied_buckets, h.collisions
                ));
            }
            if f.shards > 1 {
                notes.push(format!(
                    "Counted in {} shards by the worker pool ({} workers), then merged.",
                    f.shards,
                    crate::ui::pool::pool().size()
                ));
            }
            view! { <ul class="notices">{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect::<Vec<_>>()}</ul> }
        })
    };
    view! {
        <section class="tfidf-summary">
            <h2>"Corpus summary"</h2>
            <Metrics metrics=metrics />
            {notes}
        </section>
    }
}
