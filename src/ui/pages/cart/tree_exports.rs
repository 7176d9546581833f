//! Downloads: predictions of both channels as CSV, and the model as JSON (the fitted
//! tree or forest with its feature and class names). Each file is made only when its link
//! is clicked.

use leptos::prelude::*;

use super::params::LabKind;
use super::Finished;
use crate::data::csv_export::csv_field;
use crate::jobs::trees::predicted_classes;
use crate::kernels::tree::Task;
use crate::ui::components::export_link::ExportLink;

/// One line per row of both channels: channel, row of its data (0-based), the true
/// target, and the prediction (class probabilities and the predicted class, or the value).
pub fn predictions_csv(f: &Finished) -> String {
    let (p, e) = (&f.prepared, &f.evaluation);
    let classes = &p.meta.target.classes;
    let mut header = vec![
        "channel".to_string(),
        "row".to_string(),
        csv_field(&p.meta.target.name),
    ];
    match p.task() {
        Task::Regression => header.push("prediction".into()),
        Task::Classification => {
            header.extend((0..e.width).map(|k| {
                csv_field(&format!(
                    "probability_{}",
                    classes.get(k).cloned().unwrap_or_else(|| k.to_string())
                ))
            }));
            header.push("predicted".into());
        }
    }
    let mut out = header.join(",");
    out.push('\n');
    let class_name = |i: usize| classes.get(i).cloned().unwrap_or_else(|| i.to_string());
    for (channel, rows, predictions, table) in [
        ("train", &p.meta.train_rows, &e.train_predictions, &p.table),
        (
            "validation",
            &p.meta.validation_rows,
            &e.validation_predictions,
            p.validation_table.as_ref().unwrap_or(&p.table),
        ),
    ] {
        let truth = table.column(&p.meta.target.name);
        let predicted = predicted_classes(predictions, e.width);
        for (i, &row) in rows.iter().enumerate() {
            let Some(scores) = predictions.get(i * e.width..(i + 1) * e.width) else {
                break;
            };
            let mut cells = vec![
                channel.to_string(),
                row.to_string(),
                csv_field(&truth.map(|c| c.display(row)).unwrap_or_default()),
            ];
            cells.extend(scores.iter().map(|v| format!("{v}")));
            if p.task() == Task::Classification {
                cells.push(csv_field(&class_name(predicted[i])));
            }
            out.push_str(&cells.join(","));
            out.push('\n');
        }
    }
    out
}

/// The fitted model as JSON: scikit-learn-like fields (nodes with their rule, counts and
/// children) plus the names of the features and classes.
pub fn model_json(f: &Finished, kind: LabKind) -> String {
    let meta = &f.prepared.meta;
    let model = serde_json::json!({
        "kind": if kind == LabKind::Tree { "decision_tree" } else { "random_forest" },
        "criterion": f.prepared.criterion.name(),
        "feature_names": meta.columns,
        "target": meta.target.name,
        "classes": meta.target.classes,
        "feature_importances": *f.importances,
        "trees": *f.trees,
    });
    serde_json::to_string(&model).unwrap_or_default()
}

#[component]
pub fn TreeExports(kind: LabKind, finished: RwSignal<Option<Finished>>) -> impl IntoView {
    let predictions = Signal::derive(move || {
        finished.with(|f| f.as_ref().map(predictions_csv).unwrap_or_default())
    });
    let model = Signal::derive(move || {
        finished.with(|f| f.as_ref().map(|f| model_json(f, kind)).unwrap_or_default())
    });
    let id = kind.id();
    view! {
        <section class="xgb-section">
            <h2>"Take it with you"</h2>
            <div class="exports">
                <ExportLink file_name=format!("{id}-model.json") mime="application/json" label="model (JSON)" content=model />
                <ExportLink file_name=format!("{id}-predictions.csv") mime="text/csv" label="predictions CSV" content=predictions />
            </div>
            <p class="muted">"The JSON holds every node (depth-first, left child first): its rule ("<code>"at_most"</code>" threshold: rows with value ≤ it go left), rows, impurity, class counts and prediction. The tree diagrams download as SVG under each figure."</p>
        </section>
    }
}
