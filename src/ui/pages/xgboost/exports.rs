//! The ways out: the model as XGBoost JSON (loads in `xgboost.Booster(model_file=…)`), the
//! hyperparameters as a SageMaker training job takes them, predictions and SHAP values as
//! CSV. Each file is made only when its link is clicked.

use leptos::prelude::*;

use super::prepare::Prepared;
use super::Finished;
use crate::data::csv_export::csv_field;
use crate::jobs::xgboost::{predicted_classes, XgboostOutcome};
use crate::kernels::boosting::export::{
    sagemaker_hyperparameters, sagemaker_lightgbm_hyperparameters, to_xgboost_json,
};
use crate::kernels::boosting::Objective;
use crate::ui::components::export_link::ExportLink;

/// One line per row of both channels: channel, row of its data (0-based), the true
/// target, and the model's prediction (probabilities and the predicted class when it
/// classifies).
pub fn predictions_csv(p: &Prepared, o: &XgboostOutcome) -> String {
    let objective = o.model.objective;
    let k = o.model.outputs.max(1);
    let classes = &p.meta.target.classes;
    let mut header = vec![
        "channel".to_string(),
        "row".to_string(),
        csv_field(&p.meta.target.name),
    ];
    match objective {
        Objective::BinaryLogistic => header.extend(["probability".into(), "predicted".into()]),
        Objective::SquaredError => header.push("prediction".into()),
        Objective::Softprob => {
            header.extend(
                classes
                    .iter()
                    .map(|c| csv_field(&format!("probability_{c}"))),
            );
            header.push("predicted".into());
        }
    }
    let mut out = header.join(",");
    out.push('\n');
    let class_name = |i: usize| classes.get(i).cloned().unwrap_or_else(|| i.to_string());
    for (channel, rows, predictions, table) in [
        ("train", &p.meta.train_rows, &o.train_predictions, &p.table),
        (
            "validation",
            &p.meta.validation_rows,
            &o.validation_predictions,
            p.validation_table.as_ref().unwrap_or(&p.table),
        ),
    ] {
        let truth = table.column(&p.meta.target.name);
        let predicted = predicted_classes(objective, predictions, k);
        for (i, &row) in rows.iter().enumerate() {
            let Some(scores) = predictions.get(i * k..(i + 1) * k) else {
                break;
            };
            let mut cells = vec![
                channel.to_string(),
                row.to_string(),
                csv_field(&truth.map(|c| c.display(row)).unwrap_or_default()),
            ];
            cells.extend(scores.iter().map(|v| format!("{v}")));
            if objective != Objective::SquaredError {
                cells.push(csv_field(&class_name(predicted[i])));
            }
            out.push_str(&cells.join(","));
            out.push('\n');
        }
    }
    out
}

#[component]
pub fn Exports(finished: RwSignal<Option<Finished>>) -> impl IntoView {
    let with = move |make: fn(&Finished) -> String| {
        Signal::derive(move || finished.with(|f| f.as_ref().map(make).unwrap_or_default()))
    };
    let model = with(|f| {
        let json = to_xgboost_json(&f.outcome.model, Some(&f.prepared.meta.columns));
        serde_json::to_string(&json).unwrap_or_default()
    });
    let hyper = with(|f| {
        let json = match &f.outcome.lightgbm {
            Some(lightgbm) => sagemaker_lightgbm_hyperparameters(lightgbm),
            None => sagemaker_hyperparameters(&f.prepared.params),
        };
        serde_json::to_string_pretty(&json).unwrap_or_default()
    });
    let predictions = with(|f| predictions_csv(&f.prepared, &f.outcome));
    view! {
        <section class="xgb-section">
            <h2>"Take it with you"</h2>
            <div class="exports">
                <ExportLink file_name="xgboost-model.json" mime="application/json" label="model (XGBoost JSON)" content=model />
                <ExportLink file_name="sagemaker-hyperparameters.json" mime="application/json" label="SageMaker hyperparameters" content=hyper />
                <ExportLink file_name="xgboost-predictions.csv" mime="text/csv" label="predictions CSV" content=predictions />
            </div>
            <p class="muted">"Load the model in Python with "<code>"xgboost.Booster(model_file=\"xgboost-model.json\")"</code>". The SHAP values download with their plots above."</p>
        </section>
    }
}
