//! `#/lab/forest`: a random forest grown across the worker pool.

use leptos::prelude::*;

use super::page::CartLab;
use super::params::LabKind;
use super::FOREST_NOTE;

#[component]
pub fn ForestLab() -> impl IntoView {
    view! {
        <CartLab kind=LabKind::Forest path="/lab/forest">
            <header class="lab-header">
                <h1>"Random forest"</h1>
                <p>"Bagging plus feature sampling: each of "<code>"num_trees"</code>" trees grows on a bootstrap sample of the rows and tries only "<code>"max_features"</code>" randomly drawn features at each split; the forest averages their class probabilities (or values). Rows a tree never drew score it, which gives the out-of-bag error for free. The trees are grown in parallel, one share per worker; tree i always draws from stream i of "<code>"seed"</code>", so the forest does not depend on how many workers grew it."</p>
                <p><a href=FOREST_NOTE data-testid="note-link">"Read the note: Random forest →"</a></p>
            </header>
        </CartLab>
    }
}
