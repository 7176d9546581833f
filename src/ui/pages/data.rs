//! `#/data`: upload, list, preview, profile, rename and delete datasets.

use leptos::prelude::*;

use crate::ui::components::column_profiles::ColumnProfiles;
use crate::ui::components::data_preview::DataPreview;
use crate::ui::components::upload::Upload;
use crate::ui::datasets::{Dataset, Datasets};
use crate::ui::pages::labs::LABS;
use crate::ui::route::{replace_query, Location};

/// Labs that take a table (the others take a corpus).
const TABLE_LABS: [&str; 7] = [
    "kmeans", "pca", "tree", "forest", "xgboost", "linear", "knn",
];

#[component]
pub fn DataPage() -> impl IntoView {
    let datasets = expect_context::<Datasets>();
    let location = expect_context::<ReadSignal<Location>>();
    let initial = location.get_untracked();
    let selected = RwSignal::new(initial.param("dataset").map(str::to_string));
    let page = RwSignal::new(
        initial
            .param("page")
            .and_then(|p| p.parse::<usize>().ok())
            .map_or(0, |p| p.saturating_sub(1)),
    );
    Effect::new(move |_| {
        let mut query = Vec::new();
        if let Some(id) = selected.get() {
            query.push(("dataset".to_string(), id));
            query.push(("page".to_string(), (page.get() + 1).to_string()));
        }
        replace_query("/data", &query);
    });
    // Samples are small: load them all so the list can show their sizes.
    for (stem, _) in crate::ui::datasets::SAMPLES {
        datasets.ensure_loaded(&crate::ui::datasets::sample_id(stem));
    }
    let select = move |id: String| {
        page.set(0);
        selected.set(Some(id));
    };
    let current = Memo::new(move |_| {
        selected.get().and_then(|id| {
            datasets
                .list
                .with(|l| l.iter().find(|d| d.id == id).cloned())
        })
    });
    view! {
        <h1>"Data"</h1>
        <p>"Datasets stay in this browser (IndexedDB): nothing is uploaded anywhere. Samples are built in."</p>
        <Upload on_added=move |id| select(id) />
        <div class="scroll-x">
            <table class="datasets" data-testid="datasets">
                <thead><tr><th>"Name"</th><th>"Rows"</th><th>"Columns"</th><th>"About"</th></tr></thead>
                <tbody>
                    <For each=move || datasets.list.get() key=|d| (d.id.clone(), d.name.clone(), d.table.is_some()) let:d>
                        <DatasetRow dataset=d selected=selected on_select=Callback::new(select) />
                    </For>
                </tbody>
            </table>
        </div>
        {move || current.get().map(|d| view! { <DatasetDetail dataset=d page=page /> })}
    }
}

#[component]
fn DatasetRow(
    dataset: Dataset,
    selected: RwSignal<Option<String>>,
    on_select: Callback<String>,
) -> impl IntoView {
    let datasets = expect_context::<Datasets>();
    let renaming = RwSignal::new(false);
    let id = dataset.id.clone();
    let (rows, cols) = dataset
        .table
        .as_ref()
        .map_or((String::from("–"), String::from("–")), |t| {
            (t.rows().to_string(), t.names.len().to_string())
        });
    let is_selected = {
        let id = id.clone();
        move || selected.get().as_deref() == Some(id.as_str())
    };
    let name = dataset.name.clone();
    let (select_id, rename_id, delete_id) = (id.clone(), id.clone(), id.clone());
    view! {
        <tr class:selected=is_selected data-dataset=id.clone()>
            <td>
                {move || if renaming.get() {
                    let rename_id = rename_id.clone();
                    view! {
                        <input class="rename" aria-label="New name" value=name.clone() autofocus
                            on:change=move |ev| { datasets.rename(&rename_id, event_target_value(&ev)); renaming.set(false); } />
                    }.into_any()
                } else {
                    let select_id = select_id.clone();
                    view! { <button class="link" on:click=move |_| on_select.run(select_id.clone())>{name.clone()}</button> }.into_any()
                }}
                {dataset.sample.then(|| view! { <span class="badge" title=dataset.description.clone()>"sample"</span> })}
            </td>
            <td class="num">{rows}</td>
            <td class="num">{cols}</td>
            <td>
                {dataset.sample.then(|| view! { <span class="muted">{dataset.description.clone()}</span> })}
                {(!dataset.sample).then(|| {
                    let delete_id = delete_id.clone();
                    view! {
                        <span class="actions">
                        <button class="link" on:click=move |_| renaming.update(|r| *r = !*r)>"Rename"</button>
                        <button class="link danger" data-testid="delete" on:click=move |_| {
                            if selected.get_untracked().as_deref() == Some(delete_id.as_str()) { selected.set(None); }
                            datasets.delete(&delete_id);
                        }>"Delete"</button>
                        </span>
                    }
                })}
            </td>
        </tr>
    }
}

#[component]
fn DatasetDetail(dataset: Dataset, page: RwSignal<usize>) -> impl IntoView {
    match dataset.table {
        None => view! { <p class="muted">{format!("Loading {}…", dataset.name)}</p> }.into_any(),
        Some(table) => view! {
            <section class="dataset-detail">
                <h2>{dataset.name.clone()}</h2>
                {(!dataset.description.is_empty()).then(|| view! { <p>{dataset.description.clone()}</p> })}
                <p class="muted">{format!("{} rows × {} columns. Use it in a lab: ", table.rows(), table.names.len())}
                    {LABS.iter().filter(|lab| TABLE_LABS.contains(&lab.id)).map(|lab| view! {
                        <a class="lab-use" href=format!("#/lab/{}?dataset={}", lab.id, crate::ui::route::encode_component(&dataset.id))>{lab.title}</a>
                    }).collect::<Vec<_>>()}
                </p>
                <h3>"Columns"</h3>
                <ColumnProfiles names=table.names.clone() profiles=dataset.profiles.clone() />
                <h3>"Rows"</h3>
                <DataPreview table=table page=page on_page=move |p| page.set(p) />
            </section>
        }.into_any(),
    }
}
