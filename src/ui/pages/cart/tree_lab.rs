//! `#/lab/tree`: one CART decision tree, drawn and explained.

use leptos::prelude::*;

use super::page::CartLab;
use super::params::LabKind;
use super::TREE_NOTE;

#[component]
pub fn TreeLab() -> impl IntoView {
    view! {
        <CartLab kind=LabKind::Tree path="/lab/tree">
            <header class="lab-header">
                <h1>"Decision tree"</h1>
                <p>"CART grows the tree greedily: at each node every threshold between consecutive sorted values of every feature is tried, and the split that lowers the weighted impurity of the children most wins. It stops at "<code>"max_depth"</code>", below "<code>"min_samples_split"</code>" rows, when a child would get fewer than "<code>"min_samples_leaf"</code>", or when the decrease is under "<code>"min_impurity_decrease"</code>"."</p>
                <p><a href=TREE_NOTE data-testid="note-link">"Read the note: Decision trees →"</a></p>
            </header>
        </CartLab>
    }
}
