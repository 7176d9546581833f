//! Choosing a corpus: the picker (sample + stored corpora, deletable), several files or a
//! folder by picker or drag and drop, one CSV with a text column, and what an import skipped.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, FileList, HtmlInputElement};

use super::corpora::{Corpora, SAMPLE_ID};

fn files(list: Option<FileList>) -> Vec<web_sys::File> {
    list.map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect())
        .unwrap_or_default()
}

fn input_files(ev: &web_sys::Event) -> Vec<web_sys::File> {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    let chosen = files(input.files());
    // Let the same files be chosen again after an error.
    input.set_value("");
    chosen
}

#[component]
pub fn CorpusInput(
    #[prop(into)] selected: Signal<String>,
    #[prop(into)] on_select: Callback<String>,
) -> impl IntoView {
    let corpora = expect_context::<Corpora>();
    let dragging = RwSignal::new(false);
    let on_drop = move |ev: DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        corpora.import_files(files(ev.data_transfer().and_then(|d| d.files())), on_select);
    };
    let chosen_column = RwSignal::new(String::new());
    // Whether the chosen corpus is in memory and can run (a hook for scripts and tests).
    let ready = move || {
        let id = selected.get();
        corpora
            .list
            .with(|l| l.iter().any(|c| c.id == id && c.loaded.is_some()))
    };
    view! {
        <div class="corpus-input" data-loaded=move || ready().to_string()>
            <label class="field">
                <span>"Corpus"</span>
                <select name="corpus" data-testid="dataset" prop:value=move || selected.get()
                    on:change=move |ev| on_select.run(event_target_value(&ev))>
                    <option value="" disabled=true selected=move || selected.get().is_empty()>"Choose a corpus…"</option>
                    {move || corpora.list.get().into_iter().map(|c| {
                        let label = format!("{} ({} documents)", c.name, c.documents);
                        view! { <option value=c.id.clone() selected={ c.id == selected.get_untracked() }>{label}</option> }
                    }).collect::<Vec<_>>()}
                </select>
            </label>
            <Show when=move || selected.get().is_empty()>
                <button class="secondary" data-testid="load-sample" on:click=move |_| on_select.run(SAMPLE_ID.to_string())>
                    "Use the sample: 233 State of the Union addresses (10.8 MB)"
                </button>
            </Show>
            <div class="upload" class:dragging=move || dragging.get()
                on:dragover=move |ev: DragEvent| { ev.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop>
                <label class="upload-label">
                    <span>"Drop .txt / .md files or a .zip of them here, or "<u>"choose files"</u>" (several at once, or one CSV)"</span>
                    <input type="file" data-testid="upload" multiple accept=".txt,.md,.markdown,.text,.zip,.csv,.tsv,application/zip,text/plain,text/markdown,text/csv"
                        on:change=move |ev| corpora.import_files(input_files(&ev), on_select) />
                </label>
                <label class="upload-label">
                    <span><u>"Choose a folder"</u>" (its .txt and .md files become the documents)"</span>
                    <input type="file" data-testid="upload-folder" prop:webkitdirectory=true multiple
                        on:change=move |ev| corpora.import_files(input_files(&ev), on_select) />
                </label>
            </div>
            {move || corpora.importing.get().map(|i| view! {
                <p class="importing" data-testid="importing">
                    <span>{i.message}</span>
                    <progress max="1" value=i.fraction></progress>
                </p>
            })}
            {move || corpora.pending_csv.get().map(|pending| {
                let columns = pending.text_columns();
                if chosen_column.get_untracked().is_empty() || !columns.contains(&chosen_column.get_untracked()) {
                    chosen_column.set(columns.first().cloned().unwrap_or_default());
                }
                let empty = columns.is_empty();
                view! {
                    <div class="csv-column">
                        <label class="field">
                            <span>{format!("Text column of {}", pending.file_name)}</span>
                            <select name="text_column" data-testid="text-column" prop:value=move || chosen_column.get()
                                on:change=move |ev| chosen_column.set(event_target_value(&ev))>
                                {columns.into_iter().map(|c| view! { <option value=c.clone()>{c.clone()}</option> }).collect::<Vec<_>>()}
                            </select>
                            <small>{if empty { "This CSV has no text column." } else { "Each row becomes one document." }}</small>
                        </label>
                        <div class="run-buttons">
                            <button class="primary" disabled=empty data-testid="use-column"
                                on:click=move |_| corpora.use_csv_column(&chosen_column.get_untracked(), on_select)>"Make the corpus"</button>
                            <button on:click=move |_| corpora.pending_csv.set(None)>"Cancel"</button>
                        </div>
                    </div>
                }
            })}
            {move || corpora.error.get().map(|e| view! { <p class="error" role="alert" data-testid="error">{e}</p> })}
            <Show when=move || !corpora.report.get().is_empty()>
                <ul class="import-report" data-testid="import-report">
                    {move || corpora.report.get().into_iter().map(|n| view! { <li>{n}</li> }).collect::<Vec<_>>()}
                </ul>
            </Show>
            <StoredCorpora selected=selected on_select=on_select />
        </div>
    }
}

/// The user's stored corpora, each deletable.
#[component]
fn StoredCorpora(selected: Signal<String>, on_select: Callback<String>) -> impl IntoView {
    let corpora = expect_context::<Corpora>();
    let own = move || {
        corpora
            .list
            .get()
            .into_iter()
            .filter(|c| !c.sample)
            .collect::<Vec<_>>()
    };
    view! {
        <Show when=move || !own().is_empty()>
            <details class="stored-corpora" open=true>
                <summary>"Your corpora (kept in this browser)"</summary>
                <ul data-testid="corpora">
                    {move || own().into_iter().map(|c| {
                        let id = c.id.clone();
                        let pick = c.id.clone();
                        let current = c.id == selected.get();
                        view! {
                            <li data-corpus=c.id.clone() class:current=current>
                                <button class="link" on:click=move |_| on_select.run(pick.clone())>{c.name.clone()}</button>
                                <span class="muted">{format!(" {} documents", c.documents)}</span>
                                {(!c.notes.is_empty()).then(|| view! { <span class="muted" title=c.notes.join("\n")>{format!(" · {} notes", c.notes.len())}</span> })}
                                <button class="link danger" aria-label=format!("Delete {}", c.name) on:click=move |_| {
                                    corpora.delete(&id);
                                    if selected.get_untracked() == id {
                                        on_select.run(String::new());
                                    }
                                }>"Delete"</button>
                            </li>
                        }
                    }).collect::<Vec<_>>()}
                </ul>
            </details>
        </Show>
    }
}
