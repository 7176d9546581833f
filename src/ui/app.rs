//! The app shell: header, theme, and the page for the current hash route.

use leptos::prelude::*;

use super::components::header::Header;
use super::datasets::Datasets;
use super::pages::notes::{MyNotes, NotePage, NotesIndex, NotesSearch};
use super::pages::{
    cart::forest_lab::ForestLab, cart::tree_lab::TreeLab, data::DataPage, home::HomePage,
    kmeans::KMeansLab, knn::KnnLab, labs::LabsPage, lda::LdaLab, linear::LinearLab,
    not_found::NotFound, pca::PcaLab, text_metrics::TextMetricsLab, tfidf::TfidfLab,
    xgboost::XgboostLab,
};
use super::pages::{fm::FmLab, rcf::RcfLab};
use super::route::{use_location, Location, Route};

#[component]
pub fn App() -> impl IntoView {
    let location = use_location();
    provide_context::<ReadSignal<Location>>(location);
    provide_context(Datasets::new());
    let my_notes = MyNotes::new();
    provide_context(my_notes);
    provide_context(NotesSearch::new(my_notes));
    // Only a change of route remounts the page; query changes are the page's own business.
    let route = Memo::new(move |_| location.with(|l| l.route.page()));
    view! {
        <Header />
        <main id="main">
            {move || match route.get() {
                Route::Home => view! { <HomePage /> }.into_any(),
                Route::Data => view! { <DataPage /> }.into_any(),
                Route::Labs => view! { <LabsPage /> }.into_any(),
                Route::Notes => view! { <NotesIndex /> }.into_any(),
                Route::Note { slug, .. } => view! { <NotePage slug=slug /> }.into_any(),
                Route::Lab(name) if name == "kmeans" => view! { <KMeansLab /> }.into_any(),
                Route::Lab(name) if name == "pca" => view! { <PcaLab /> }.into_any(),
                Route::Lab(name) if name == "tfidf" => view! { <TfidfLab /> }.into_any(),
                Route::Lab(name) if name == "lda" => view! { <LdaLab /> }.into_any(),
                Route::Lab(name) if name == "text-metrics" => view! { <TextMetricsLab /> }.into_any(),
                Route::Lab(name) if name == "xgboost" => view! { <XgboostLab /> }.into_any(),
                Route::Lab(name) if name == "tree" => view! { <TreeLab /> }.into_any(),
                Route::Lab(name) if name == "forest" => view! { <ForestLab /> }.into_any(),
                Route::Lab(name) if name == "fm" => view! { <FmLab /> }.into_any(),
                Route::Lab(name) if name == "rcf" => view! { <RcfLab /> }.into_any(),
                Route::Lab(name) if name == "linear" => view! { <LinearLab /> }.into_any(),
                Route::Lab(name) if name == "knn" => view! { <KnnLab /> }.into_any(),
                Route::Lab(name) => view! { <NotFound path=format!("/lab/{name}") /> }.into_any(),
                Route::NotFound(path) => view! { <NotFound path=path /> }.into_any(),
            }}
        </main>
    }
}
