//! Document frequency against rank on log-log axes: the Zipf plot of the corpus.

use leptos::prelude::*;

use super::run::Fitted;
use super::svg::loglog;
use crate::ui::components::chart::Chart;

#[component]
pub fn Zipf(fitted: Signal<Option<Fitted>>) -> impl IntoView {
    let svg = Signal::derive(move || {
        fitted.get().map_or_else(String::new, |f| {
            loglog(
                "Document frequency by rank",
                "rank of the term (most widespread first)",
                "documents containing the term (df)",
                &f.index.zipf,
            )
        })
    });
    view! {
        <section class="tfidf-zipf">
            <h2>"Document frequency (Zipf plot)"</h2>
            <p>"A few terms are in almost every document and get the lowest idf; most terms are in one or two documents. On log-log axes the long tail is close to a straight line."</p>
            <Chart svg=svg file_name="tfidf-zipf.svg" caption="Terms ranked by document frequency, log-log." />
        </section>
    }
}
