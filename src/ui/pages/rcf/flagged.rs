//! `[data-testid=results]`: the rows at or above the threshold, highest score first, each
//! with `data-rank`, `data-id` (row index) and `data-score`.

use leptos::prelude::*;

use crate::data::Table;

/// Rows listed on the page; the scores CSV has every row.
const SHOWN: usize = 100;

#[component]
pub fn FlaggedList(
    #[prop(into)] flagged: Signal<Vec<(usize, f64)>>,
    #[prop(into)] table: Signal<Option<std::sync::Arc<Table>>>,
    #[prop(into)] columns: Signal<Vec<String>>,
) -> impl IntoView {
    let describe = move |row: usize| {
        let (Some(t), names) = (table.get(), columns.get()) else {
            return String::new();
        };
        names
            .iter()
            .filter_map(|n| t.column(n).map(|c| format!("{n} {}", c.display(row))))
            .collect::<Vec<_>>()
            .join(" · ")
    };
    view! {
        <section class="flagged" aria-label="Flagged rows">
            <h2>{move || {
                let n = flagged.with(Vec::len);
                if n > SHOWN { format!("Flagged rows: {n} (the {SHOWN} highest shown)") } else { format!("Flagged rows: {n}") }
            }}</h2>
            <ol class="flagged-list" data-testid="results">
                {move || flagged.get().into_iter().take(SHOWN).enumerate().map(|(rank, (row, score))| view! {
                    <li data-rank={rank + 1} data-id=row data-score=format!("{score}")>
                        <span class="row">{format!("row {row}")}</span>
                        <span class="score">{format!("score {score:.3}")}</span>
                        <span class="values">{describe(row)}</span>
                    </li>
                }).collect::<Vec<_>>()}
            </ol>
        </section>
    }
}
