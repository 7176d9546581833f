//! `#/lab/lda`: topics of a corpus by collapsed Gibbs sampling, with SageMaker LDA's
//! parameters in the URL, the perplexity per sweep live, each topic's words, and each
//! document's topic mixture.

mod form;
mod mixtures;
pub mod params;
mod topics;

use std::sync::Arc;

use js_sys::Uint8Array;
use leptos::prelude::*;

use form::Form;
use mixtures::Mixtures;
use topics::Topics;

use crate::jobs::{Event, Job, JobResult};
use crate::kernels::lda::LdaModel;
use crate::kernels::Partial;
use crate::ui::charts::line::{line_chart, Series};
use crate::ui::components::chart::Chart;
use crate::ui::components::job_status::JobStatus;
use crate::ui::components::metrics::{Metric, Metrics};
use crate::ui::job::{JobState, Status};
use crate::ui::pages::tfidf::corpora::Corpora;
use crate::ui::pages::tfidf::corpus_input::CorpusInput;
use crate::ui::pool::pool;
use crate::ui::route::lab_query;

const PATH: &str = "/lab/lda";

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

fn set(query: RwSignal<Vec<(String, String)>>, name: &str, value: String) {
    crate::ui::pages::tfidf::params::set_in(query, name, value);
}

#[component]
pub fn LdaLab() -> impl IntoView {
    let corpora = Corpora::new();
    provide_context(corpora);
    let query = lab_query(PATH);
    let parsed = Memo::new(move |_| params::parse(&query.get()));
    let lab = Memo::new(move |_| parsed.get().0);
    let corpus_id = Memo::new(move |_| lab.get().corpus);
    Effect::new(move |_| {
        let id = corpus_id.get();
        if !id.is_empty() {
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
    let job = JobState::new();
    // The running job, so Cancel can reach it (JobState's own start sends no file).
    let job_id = StoredValue::new(None::<u64>);
    let curve = RwSignal::new(Vec::<(f64, f64)>::new());
    let model = RwSignal::new(None::<Arc<LdaModel>>);
    Effect::new(move |_| {
        if let Some(first) = parsed.get().1.first() {
            job.fail(first.clone());
        } else if job.status.get_untracked() == Status::Error {
            job.error.set(None);
            job.status.set(Status::Idle);
        }
    });
    let run = move |_| {
        let (lab, errors) = parsed.get_untracked();
        if let Some(first) = errors.first() {
            job.fail(first.clone());
            return;
        }
        let Some(loaded) = loaded.get_untracked() else {
            job.fail("corpus: choose a corpus, upload files or use the sample".into());
            return;
        };
        curve.set(Vec::new());
        if let Some(previous) = job_id.get_value() {
            pool().cancel(previous);
        }
        job.status.set(Status::Running);
        job.fraction.set(0.0);
        job.message.set("queued".into());
        job.error.set(None);
        job.elapsed_ms.set(None);
        let started = now_ms();
        let file = Uint8Array::from(loaded.encoded.as_slice()).buffer();
        let id = pool().submit_file(
            Job::LdaFit { params: lab.lda },
            file.into(),
            move |event, _| match event {
                Event::Progress {
                    fraction,
                    message,
                    partials,
                } => {
                    job.fraction.set(fraction);
                    job.message.set(message);
                    let points: Vec<(f64, f64)> = partials
                        .into_iter()
                        .filter_map(|p| match p {
                            Partial::CurvePoint { series, x, y } if series == "perplexity" => {
                                Some((x, y))
                            }
                            _ => None,
                        })
                        .collect();
                    if !points.is_empty() {
                        curve.update(|c| c.extend(points));
                    }
                }
                Event::Done(JobResult::Lda(m)) => {
                    job_id.set_value(None);
                    job.elapsed_ms.set(Some(now_ms() - started));
                    job.fraction.set(1.0);
                    job.message.set("finished".into());
                    curve.set(
                        m.perplexity_per_iteration
                            .iter()
                            .enumerate()
                            .map(|(i, &p)| ((i + 1) as f64, p))
                            .collect(),
                    );
                    model.set(Some(Arc::new(*m)));
                    job.status.set(Status::Done);
                }
                Event::Done(_) | Event::Ready => {}
                Event::Failed(message) if message == "cancelled" => {
                    job_id.set_value(None);
                    job.message.set("cancelled".into());
                    job.status.set(Status::Idle);
                }
                Event::Failed(message) => {
                    job_id.set_value(None);
                    job.fail(message);
                }
            },
        );
        job_id.set_value(Some(id));
    };
    let metrics = Signal::derive(move || {
        model.get().map_or_else(Vec::new, |m| {
            vec![
                Metric {
                    name: "perplexity".into(),
                    label: "perplexity (training)".into(),
                    value: m.perplexity,
                    decimals: 1,
                },
                Metric {
                    name: "vocabulary".into(),
                    label: "vocabulary".into(),
                    value: m.terms.len() as f64,
                    decimals: 0,
                },
                Metric {
                    name: "tokens".into(),
                    label: "tokens".into(),
                    value: m.total_tokens as f64,
                    decimals: 0,
                },
            ]
        })
    });
    let curve_svg = Signal::derive(move || {
        let points = curve.get();
        if points.is_empty() {
            return String::new();
        }
        line_chart(
            "Perplexity per sweep",
            "sweep",
            "perplexity",
            &[Series {
                name: "perplexity".into(),
                points,
                highlight: true,
            }],
            None,
        )
    });
    let model_signal: Signal<Option<Arc<LdaModel>>> = model.into();
    view! {
        <article class="lab lda-lab">
            <header class="lab-header">
                <h1>"LDA: topics of a corpus"</h1>
                <p>"Latent Dirichlet Allocation sees each document as a mixture of topics and each topic as a distribution over words. Collapsed Gibbs sampling resamples every word's topic in turn from the counts of all the others; after enough sweeps the counts settle into topics a reader can name. Perplexity (lower is better) measures how surprised the model is by the corpus."</p>
                <p class="note-link"><a href="#/notes/latent-dirichlet-allocation" data-testid="note-link">"Read the note: LDA →"</a></p>
            </header>
            <div class="lab-grid">
                <section class="lab-controls" aria-label="Corpus and parameters">
                    <CorpusInput selected=Signal::derive(move || corpus_id.get()) on_select=Callback::new(move |id: String| {
                        query.update(|q| {
                            q.retain(|(k, _)| k != "doc");
                            crate::ui::pages::tfidf::params::set(q, "corpus", id);
                        });
                    }) />
                    <Form query=query parsed=parsed />
                    <div class="run-buttons">
                        <button class="primary" data-testid="run" on:click=run disabled=move || job.status.get() == Status::Running>"Run"</button>
                        <button data-testid="cancel" on:click=move |_| { if let Some(id) = job_id.get_value() { pool().cancel(id); } } disabled=move || job.status.get() != Status::Running>"Cancel"</button>
                    </div>
                    <JobStatus job=job />
                    <p class="note">{format!("Runs in a background worker ({} in the pool).", pool().size())}</p>
                </section>
                <div class="lab-results">
                    <Metrics metrics=metrics />
                    <Show when=move || !curve_svg.get().is_empty()>
                        <Chart svg=curve_svg file_name="lda-perplexity.svg" caption="Training perplexity after each sweep." />
                    </Show>
                    <Show when=move || model.get().is_some() fallback=|| view! { <p class="muted">"Choose a corpus and run: the topics appear here."</p> }>
                        <h2>"Topics"</h2>
                        <Topics model=model_signal />
                        <h2>"Documents"</h2>
                        <p>"Each bar is one document's topic mixture; click one to see its topics."</p>
                        <Mixtures model=model_signal doc=Signal::derive(move || lab.get().doc) on_pick=Callback::new(move |id: String| set(query, "doc", id)) />
                    </Show>
                </div>
            </div>
        </article>
    }
}
