//! The run's downloads: every row's predictions (FM and linear baseline) and the mapped
//! embeddings. Made only when a link is clicked.

use leptos::prelude::*;

use super::Finished;
use crate::data::csv_export::csv_field;
use crate::ui::components::export_link::ExportLink;

/// `channel,row,target,fm_prediction,linear_prediction`; `row` is the 0-based row of the
/// channel's table.
pub fn predictions_csv(f: &Finished) -> String {
    let (p, o) = (&f.prepared, &f.outcome);
    let mut out = format!(
        "channel,row,{},fm_prediction,linear_prediction\n",
        csv_field(&p.target)
    );
    let channels = [
        (
            "train",
            &p.train_rows,
            &p.train_labels,
            &o.train_predictions,
            &o.baseline_train_predictions,
        ),
        (
            "validation",
            &p.validation_rows,
            &p.validation_labels,
            &o.validation_predictions,
            &o.baseline_validation_predictions,
        ),
    ];
    for (channel, rows, labels, fm, linear) in channels {
        for (i, row) in rows.iter().enumerate() {
            let (Some(y), Some(a), Some(b)) = (labels.get(i), fm.get(i), linear.get(i)) else {
                continue;
            };
            out.push_str(&format!("{channel},{row},{y},{a},{b}\n"));
        }
    }
    out
}

/// `level,pc1,pc2,linear_weight` of the mapped column.
pub fn embeddings_csv(f: &Finished) -> String {
    let Some(e) = &f.outcome.embedding else {
        return String::new();
    };
    let levels = f.prepared.levels.get(e.column).cloned().unwrap_or_default();
    let mut out = String::from("level,pc1,pc2,linear_weight\n");
    for ((level, (x, y)), w) in levels.iter().zip(&e.points).zip(&e.linear) {
        out.push_str(&format!("{},{x},{y},{w}\n", csv_field(level)));
    }
    out
}

#[component]
pub fn Exports(finished: RwSignal<Option<Finished>>) -> impl IntoView {
    let has_embedding =
        move || finished.with(|f| f.as_ref().is_some_and(|f| f.outcome.embedding.is_some()));
    view! {
        <div class="exports">
            <span>"Download: "</span>
            <ExportLink file_name="fm-predictions.csv" mime="text/csv" label="predictions CSV"
                content=Signal::derive(move || finished.get().map(|f| predictions_csv(&f)).unwrap_or_default()) />
            <Show when=has_embedding>
                <ExportLink file_name="fm-embeddings.csv" mime="text/csv" label="embeddings CSV"
                    content=Signal::derive(move || finished.get().map(|f| embeddings_csv(&f)).unwrap_or_default()) />
            </Show>
        </div>
    }
}
