//! Every document's topic mixture as a stacked bar; a click shows one document's mixture.

use std::sync::Arc;

use leptos::prelude::*;

use crate::kernels::lda::LdaModel;
use crate::ui::charts::colour;

#[component]
pub fn Mixtures(
    model: Signal<Option<Arc<LdaModel>>>,
    doc: Signal<Option<String>>,
    on_pick: Callback<String>,
) -> impl IntoView {
    let picked = move || {
        let m = model.get()?;
        let id = doc.get()?;
        let at = m.doc_ids.iter().position(|d| *d == id)?;
        Some((id, m.document_topics(at).to_vec(), m))
    };
    view! {
        {move || picked().map(|(id, mixture, m)| {
            let dominant = LdaModel::dominant_topic(&mixture);
            view! {
                <div class="mixture" data-testid="mixture" data-dominant=dominant + 1>
                    <h3>{format!("{id}: mostly topic {} ({:.0}%)", dominant + 1, mixture.get(dominant).copied().unwrap_or(0.0) * 100.0)}</h3>
                    <ul>
                        {mixture.iter().enumerate().filter(|(_, &s)| s >= 0.01).map(|(k, &share)| {
                            let words: Vec<String> = m.top_words(k, 5).into_iter().map(|w| w.0).collect();
                            view! { <li><span class="swatch" style=format!("background:{}", colour(k))></span>{format!("topic {}: {:.1}% — {}", k + 1, share * 100.0, words.join(", "))}</li> }
                        }).collect::<Vec<_>>()}
                    </ul>
                </div>
            }
        })}
        {move || model.get().map(|m| {
            let k = m.num_topics();
            view! {
                <ol class="mixtures" data-testid="mixtures">
                    {m.doc_ids.iter().enumerate().map(|(d, id)| {
                        let mixture = m.document_topics(d);
                        let pick = id.clone();
                        view! {
                            <li>
                                <button class="mixture-row" title=id.clone() on:click=move |_| on_pick.run(pick.clone())>
                                    <span class="mixture-id">{id.clone()}</span>
                                    <span class="stack">
                                        {(0..k).map(|t| view! {
                                            <span style=format!("width:{:.2}%;background:{}", mixture.get(t).copied().unwrap_or(0.0) * 100.0, colour(t))></span>
                                        }).collect::<Vec<_>>()}
                                    </span>
                                </button>
                            </li>
                        }
                    }).collect::<Vec<_>>()}
                </ol>
            }
        })}
    }
}
