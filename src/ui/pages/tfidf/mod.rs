//! `#/lab/tfidf`: a corpus in (files, a folder, a CSV column or the sample), TF-IDF fitted in
//! the worker pool with every parameter in the URL, then the corpus summary, the Zipf plot, a
//! term explorer, a document's top terms, search with snippets, a similarity heatmap and
//! exports.

pub mod corpora;
pub mod corpus_input;
mod doc_terms;
mod exports;
mod form;
mod formulas;
mod heatmap;
pub mod params;
pub mod run;
mod search;
mod summary;
pub mod svg;
mod term_explorer;
mod zipf;

use leptos::prelude::*;

use corpora::Corpora;
use corpus_input::CorpusInput;
use doc_terms::DocTerms;
use exports::Exports;
use form::Form;
use formulas::Formulas;
use heatmap::Heatmap;
use run::{FitRun, Fitted};
use search::Search;
use summary::Summary;
use term_explorer::TermExplorer;
use zipf::Zipf;

use crate::ui::components::job_status::JobStatus;
use crate::ui::job::Status;
use crate::ui::route::lab_query;

const PATH: &str = "/lab/tfidf";

#[component]
pub fn TfidfLab() -> impl IntoView {
    let corpora = Corpora::new();
    provide_context(corpora);
    let query = lab_query(PATH);
    let parsed = Memo::new(move |_| params::parse(&query.get()));
    let lab = Memo::new(move |_| parsed.get().0);
    let corpus_id = Memo::new(move |_| lab.get().corpus);
    Effect::new(move |_| {
        let id = corpus_id.get();
        if !id.is_empty() {
            // Re-runs when the list changes, so a stored corpus restored late still loads.
            corpora.list.track();
            corpora.ensure_loaded(&id);
        }
    });
    let loaded = Signal::derive(move || {
        let id = corpus_id.get();
        corpora
            .list
            .with(|l| l.iter().find(|c| c.id == id).and_then(|c| c.loaded.clone()))
    });

    let fit = FitRun::new();
    let fitted = RwSignal::new(None::<Fitted>);
    let run = move || {
        let (lab, errors) = parsed.get_untracked();
        if let Some(first) = errors.first() {
            fit.state.fail(first.clone());
            return;
        }
        let Some(loaded) = loaded.get_untracked() else {
            fit.state.fail(if lab.corpus.is_empty() {
                "corpus: choose a corpus, upload files or use the sample".to_string()
            } else {
                format!("corpus: \"{}\" is not loaded yet", lab.corpus)
            });
            return;
        };
        fit.start(&loaded, lab.tfidf, lab.shards, move |f| fitted.set(Some(f)));
    };
    // Invalid parameters are shown at once (and nothing runs).
    Effect::new(move |_| {
        let errors = parsed.get().1;
        match errors.first() {
            Some(first) => fit.state.fail(first.clone()),
            None if fit.state.status.get_untracked() == Status::Error => {
                fit.state.error.set(None);
                fit.state.status.set(Status::Idle);
            }
            None => {}
        }
    });
    // A chosen corpus runs once it is loaded, so a link reproduces its view without a click.
    let auto_ran = StoredValue::new(None::<String>);
    Effect::new(move |_| {
        if loaded.get().is_none() {
            return;
        }
        let id = corpus_id.get();
        if auto_ran.get_value().as_deref() != Some(id.as_str())
            && parsed.get_untracked().1.is_empty()
            && fit.state.status.get_untracked() != Status::Running
        {
            auto_ran.set_value(Some(id));
            run();
        }
    });

    let fitted_signal: Signal<Option<Fitted>> = fitted.into();
    let tfidf_params = Signal::derive(move || lab.get().tfidf);
    let scoring = Signal::derive(move || lab.get().scoring);
    view! {
        <article class="lab tfidf-lab">
            <header class="lab-header">
                <h1>"TF-IDF: a corpus, its vocabulary and a search engine"</h1>
                <p>"Term frequency times inverse document frequency: a word weighs a lot in a document when it is frequent there and rare in the rest of the corpus. The weights make each document a vector; the same vectors rank documents for a query. Everything runs in this browser, in background workers."</p>
                <p class="note-link"><a href="#/notes/tf-idf" data-testid="note-link">"Read the note: TF-IDF →"</a></p>
            </header>
            <div class="lab-grid">
                <section class="lab-controls" aria-label="Corpus and parameters">
                    <CorpusInput selected=Signal::derive(move || corpus_id.get()) on_select=Callback::new(move |id: String| {
                        query.update(|q| {
                            q.retain(|(k, _)| k != "doc");
                            params::set(q, "corpus", id);
                        });
                    }) />
                    <Form query=query parsed=parsed />
                    <div class="run-buttons">
                        <button class="primary" data-testid="run" on:click=move |_| run() disabled=move || fit.state.status.get() == Status::Running>"Run"</button>
                        <button data-testid="cancel" on:click=move |_| fit.cancel() disabled=move || fit.state.status.get() != Status::Running>"Cancel"</button>
                    </div>
                    <JobStatus job=fit.state />
                    <Formulas params=tfidf_params scoring=scoring />
                </section>
                <div class="lab-results">
                    <Summary fitted=fitted_signal />
                    <Show when=move || fitted.get().is_some() fallback=|| view! {
                        <p class="muted">"Choose a corpus (or use the sample) and run: the views appear here."</p>
                    }>
                        <Search fitted=fitted_signal text=Signal::derive(move || lab.get().query) scoring=scoring query=query />
                        <TermExplorer fitted=fitted_signal term=Signal::derive(move || lab.get().term) query=query />
                        <DocTerms fitted=fitted_signal doc=Signal::derive(move || lab.get().doc) query=query />
                        <Zipf fitted=fitted_signal />
                        <Heatmap fitted=fitted_signal />
                        <Exports fitted=fitted_signal />
                    </Show>
                </div>
            </div>
        </article>
    }
}
