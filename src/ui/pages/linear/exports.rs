//! The ways out: predictions of both channels as CSV, the chosen model (weights in raw and
//! normalized units, bias, threshold, every candidate) as JSON, and the hyperparameters as
//! a SageMaker linear learner training job takes them. Each file is made only on click.

use leptos::prelude::*;

use super::Finished;
use crate::data::csv_export::csv_field;
use crate::kernels::linear::PredictorType;
use crate::ui::components::export_link::ExportLink;

/// channel, row of its data (0-based), the true target, the model's score(s), prediction.
pub fn predictions_csv(f: &Finished) -> String {
    let (p, o) = (&f.prepared, &f.outcome);
    let predictor = o.model.params.predictor_type;
    let classes = &p.meta.target.classes;
    let outputs = match predictor {
        PredictorType::MulticlassClassifier => o.model.bias.len().max(1),
        _ => 1,
    };
    let mut header = vec![
        "channel".into(),
        "row".into(),
        csv_field(&p.meta.target.name),
    ];
    match predictor {
        PredictorType::Regressor => header.push("prediction".to_string()),
        PredictorType::BinaryClassifier => {
            header.extend(["probability".to_string(), "predicted".to_string()])
        }
        PredictorType::MulticlassClassifier => {
            header.extend((0..outputs).map(|c| {
                csv_field(&format!(
                    "probability_{}",
                    classes.get(c).cloned().unwrap_or_else(|| c.to_string())
                ))
            }));
            header.push("predicted".into());
        }
    }
    let mut out = header.join(",");
    out.push('\n');
    let class_name = |v: f64| {
        classes
            .get(v as usize)
            .cloned()
            .unwrap_or_else(|| v.to_string())
    };
    for (channel, rows, scores, predicted, table) in [
        (
            "train",
            &p.meta.train_rows,
            &o.train_scores,
            &o.train_predicted,
            &p.table,
        ),
        (
            "validation",
            &p.meta.validation_rows,
            &o.validation_scores,
            &o.validation_predicted,
            p.validation_table.as_ref().unwrap_or(&p.table),
        ),
        (
            "test",
            &p.test_rows,
            &o.test_scores,
            &o.test_predicted,
            p.test_table.as_ref().unwrap_or(&p.table),
        ),
    ] {
        let truth = table.column(&p.meta.target.name);
        for (i, &row) in rows.iter().enumerate() {
            let (Some(s), Some(&v)) =
                (scores.get(i * outputs..(i + 1) * outputs), predicted.get(i))
            else {
                break;
            };
            let mut cells = vec![
                channel.to_string(),
                row.to_string(),
                csv_field(&truth.map(|c| c.display(row)).unwrap_or_default()),
            ];
            if predictor != PredictorType::Regressor {
                cells.extend(s.iter().map(|x| format!("{x}")));
                cells.push(csv_field(&class_name(v)));
            } else {
                cells.push(format!("{v}"));
            }
            out.push_str(&cells.join(","));
            out.push('\n');
        }
    }
    out
}

fn model_json(f: &Finished) -> String {
    let model = &f.outcome.model;
    let (raw_weights, raw_bias) = model.raw_weights();
    let json = serde_json::json!({
        "features": f.prepared.meta.columns,
        "classes": f.prepared.meta.target.classes,
        "predictor_type": model.params.predictor_type.name(),
        "raw_weights": raw_weights,
        "raw_bias": raw_bias,
        "normalized_weights": model.weights,
        "normalized_bias": model.bias,
        "feature_mean": model.features.mean,
        "feature_std": model.features.std,
        "threshold": model.threshold,
        "chosen_model": model.chosen + 1,
        "selection_reason": model.selection_reason,
        "candidates": model.candidates,
    });
    serde_json::to_string_pretty(&json).unwrap_or_default()
}

/// The hyperparameters as strings, as a SageMaker training job's HyperParameters map.
fn sagemaker_hyperparameters(f: &Finished) -> String {
    let p = &f.prepared.params;
    let feature_dim = f.prepared.meta.columns.len();
    let auto = |v: Option<f64>| v.map_or_else(|| "auto".to_string(), |v| v.to_string());
    let mut map = serde_json::Map::new();
    let mut put = |k: &str, v: String| {
        map.insert(k.to_string(), serde_json::Value::String(v));
    };
    put("predictor_type", p.predictor_type.name().into());
    put("feature_dim", feature_dim.to_string());
    put("num_models", p.num_models.to_string());
    put("optimizer", p.optimizer.name().into());
    put("learning_rate", auto(p.learning_rate));
    put("l1", auto(p.l1));
    put("wd", auto(p.wd));
    put("mini_batch_size", p.mini_batch_size.to_string());
    put("epochs", p.epochs.to_string());
    put("use_bias", p.use_bias.to_string());
    put("normalize_data", p.normalize_data.to_string());
    put(
        "early_stopping_patience",
        p.early_stopping_patience.to_string(),
    );
    put(
        "early_stopping_tolerance",
        p.early_stopping_tolerance.to_string(),
    );
    if p.predictor_type == PredictorType::BinaryClassifier {
        put(
            "binary_classifier_model_selection_criteria",
            p.binary_classifier_model_selection_criteria.name().into(),
        );
        put("target_recall", p.target_recall.to_string());
        put("target_precision", p.target_precision.to_string());
    }
    if p.predictor_type == PredictorType::MulticlassClassifier {
        put(
            "num_classes",
            f.prepared.meta.target.classes.len().to_string(),
        );
        put(
            "balance_multiclass_weights",
            p.balance_multiclass_weights.to_string(),
        );
    }
    serde_json::to_string_pretty(&map).unwrap_or_default()
}

#[component]
pub fn Exports(finished: RwSignal<Option<Finished>>) -> impl IntoView {
    let with = move |make: fn(&Finished) -> String| {
        Signal::derive(move || finished.with(|f| f.as_ref().map(make).unwrap_or_default()))
    };
    view! {
        <section class="xgb-section">
            <h2>"Take it with you"</h2>
            <div class="exports">
                <ExportLink file_name="linear-predictions.csv" mime="text/csv" label="predictions CSV" content=with(predictions_csv) />
                <ExportLink file_name="linear-model.json" mime="application/json" label="model (weights, bias, threshold, candidates)" content=with(model_json) />
                <ExportLink file_name="sagemaker-hyperparameters.json" mime="application/json" label="SageMaker hyperparameters" content=with(sagemaker_hyperparameters) />
            </div>
        </section>
    }
}
