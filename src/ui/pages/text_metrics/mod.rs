//! `#/lab/text-metrics`: BLEU, ROUGE-1/2/L and perplexity for a candidate text against one or
//! more references, every step shown. The metrics are tiny computations, so they run on the page
//! as the user types (no worker); `compute` caps the input sizes so a pass stays under a frame.

mod bleu_view;
pub mod compute;
pub mod examples;
mod formula;
pub mod params;
mod perplexity_view;
mod rouge_view;
mod texts_form;

use leptos::prelude::*;

use bleu_view::BleuSection;
use compute::{compute, Computed};
use params::LabParams;
use perplexity_view::PerplexitySection;
use rouge_view::RougeSection;
use texts_form::TextsForm;

use crate::ui::components::job_status::JobStatus;
use crate::ui::components::metrics::{Metric, Metrics};
use crate::ui::job::{JobState, Status};
use crate::ui::route::lab_query;

const PATH: &str = "/lab/text-metrics";

/// Applies `change` to the parameters and writes them back to the URL.
fn update(query: RwSignal<Vec<(String, String)>>, change: impl FnOnce(&mut LabParams)) {
    let mut p = params::parse(&query.get_untracked()).0;
    change(&mut p);
    query.set(params::to_query(&p));
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

fn metric(name: &str, label: &str, value: f64) -> Metric {
    Metric {
        name: name.to_string(),
        label: label.to_string(),
        value,
        decimals: 4,
    }
}

fn metrics_of(out: &Computed) -> Vec<Metric> {
    let mut metrics = Vec::new();
    if let Some(bleu) = &out.bleu {
        metrics.push(metric("bleu", "BLEU", bleu.score.bleu));
        for p in &bleu.score.precisions {
            metrics.push(metric(
                &format!("bleu_precision_{}", p.n),
                &format!("p{}", p.n),
                p.precision,
            ));
        }
        metrics.push(metric(
            "brevity_penalty",
            "brevity penalty",
            bleu.score.brevity_penalty,
        ));
    }
    if let Some(rouge) = &out.rouge {
        metrics.push(metric("rouge_1_f1", "ROUGE-1 F1", rouge.rouge_1.best.f1));
        metrics.push(metric("rouge_2_f1", "ROUGE-2 F1", rouge.rouge_2.best.f1));
        if let Ok(l) = &rouge.rouge_l {
            metrics.push(metric("rouge_l_f1", "ROUGE-L F1", l.best.f1));
        }
    }
    if let Some(ppl) = &out.perplexity {
        metrics.push(metric("perplexity", "perplexity", ppl.perplexity));
    }
    metrics
}

#[component]
pub fn TextMetricsLab() -> impl IntoView {
    let query = lab_query(PATH);
    let parsed = Memo::new(move |_| params::parse(&query.get()));
    let lab = Memo::new(move |_| parsed.get().0);
    let timed = Memo::new(move |_| {
        let started = now_ms();
        let out = lab.with(compute);
        (out, now_ms() - started)
    });
    let computed = Memo::new(move |_| timed.with(|(out, _)| out.clone()));
    // The status line of every lab: done, or error with every message naming its parameter.
    let status = JobState::new();
    Effect::new(move |_| {
        let mut errors = parsed.with(|(_, errors)| errors.clone());
        let elapsed = timed.with(|(out, ms)| {
            errors.extend(out.errors.iter().cloned());
            *ms
        });
        status.elapsed_ms.set(Some(elapsed));
        status.fraction.set(1.0);
        if errors.is_empty() {
            status.error.set(None);
            status
                .message
                .set("computed on this page as you type".into());
            status.status.set(Status::Done);
        } else {
            status.error.set(Some(errors.join("; ")));
            status.message.set(String::new());
            status.status.set(Status::Error);
        }
    });
    let metrics = Signal::derive(move || computed.with(metrics_of));
    view! {
        <article class="lab text-metrics-lab">
            <header class="lab-header">
                <h1>"Text-generation metrics: BLEU, ROUGE and perplexity"</h1>
                <p>"Generated text is scored by its overlap with human references: BLEU asks how much of the candidate appears in a reference (precision, for translation), ROUGE how much of the reference the candidate recovers (recall, for summaries). Perplexity asks how surprised a language model is by real text. Type or paste texts; every number below updates as you type. "
                    <a href="#/notes/text-generation-metrics" data-testid="note-link">"Read the note on these metrics"</a>"."</p>
            </header>
            <section class="tm-inputs" aria-label="Texts">
                <TextsForm query=query lab=lab />
                <JobStatus job=status />
            </section>
            <Metrics metrics=metrics />
            <BleuSection bleu=Signal::derive(move || computed.with(|c| c.bleu.clone())) />
            <RougeSection rouge=Signal::derive(move || computed.with(|c| c.rouge.clone())) />
            <PerplexitySection query=query lab=lab result=Signal::derive(move || computed.with(|c| c.perplexity.clone())) />
        </article>
    }
}
