use std::sync::Arc;

use leptos::prelude::*;

use crate::data::Table;

/// `fieldset.features`: one checkbox per numeric column. `chosen` is the current list (the
/// lab's `features` parameter or its default); `on_change` gets the new list in the table's
/// column order, so the link a user shares stays stable.
#[component]
pub fn FeaturePicker(
    #[prop(into)] table: Signal<Option<Arc<Table>>>,
    #[prop(into)] chosen: Signal<Vec<String>>,
    #[prop(into)] on_change: Callback<Vec<String>>,
) -> impl IntoView {
    let numeric = move || table.get().map(|t| t.numeric_names()).unwrap_or_default();
    let toggle = move |name: String, on: bool| {
        let mut list = chosen.get_untracked();
        list.retain(|f| f != &name);
        if on {
            list.push(name);
        }
        let order = numeric();
        list.sort_by_key(|f| order.iter().position(|o| o == f).unwrap_or(usize::MAX));
        on_change.run(list);
    };
    view! {
        <fieldset class="features">
            <legend>"Features"</legend>
            {move || {
                let picked = chosen.get();
                numeric().into_iter().map(|name| {
                    let checked = picked.contains(&name);
                    let n = name.clone();
                    view! {
                        <label class="check"><input type="checkbox" prop:checked=checked
                            on:change=move |ev| toggle(n.clone(), event_target_checked(&ev)) />{name}</label>
                    }
                }).collect::<Vec<_>>()
            }}
        </fieldset>
    }
}
