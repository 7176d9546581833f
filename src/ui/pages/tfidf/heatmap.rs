//! Cosine similarity between documents (the first 300) as a heatmap, in corpus order.

use leptos::prelude::*;

use super::run::Fitted;
use super::svg::heatmap;
use crate::ui::components::chart::Chart;

#[component]
pub fn Heatmap(fitted: Signal<Option<Fitted>>) -> impl IntoView {
    let svg = Signal::derive(move || {
        fitted.get().map_or_else(String::new, |f| {
            let s = &f.index.similarity;
            let labels: Vec<String> = f.index.doc_ids.iter().take(s.docs).cloned().collect();
            heatmap(
                "Cosine similarity between documents",
                s.docs,
                &s.values,
                &labels,
            )
        })
    });
    let caption = move || {
        fitted.get().map_or_else(String::new, |f| {
            let shown = f.index.similarity.docs;
            let all = f.index.documents();
            if shown < all {
                format!("The first {shown} of {all} documents, in corpus order; darker = more alike (the colour scale spans the lowest to the highest cosine between two different documents).")
            } else {
                format!("All {shown} documents, in corpus order; darker = more alike (the colour scale spans the lowest to the highest cosine between two different documents).")
            }
        })
    };
    view! {
        <section class="tfidf-heatmap">
            <h2>"Document similarity"</h2>
            <p>"Cell (i, j) is the cosine between documents i and j: the dot product of their tf-idf vectors divided by their lengths. Blocks along the diagonal are runs of similar documents."</p>
            {move || {
                let caption = caption();
                view! { <Chart svg=svg file_name="tfidf-similarity.svg" caption=caption /> }
            }}
        </section>
    }
}
