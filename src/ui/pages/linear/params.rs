//! The linear learner lab's whole state as URL query parameters: the data choices (shared
//! with every supervised lab) and each hyperparameter under its SageMaker linear learner
//! name. "auto" (or no value) leaves learning_rate, l1, wd and normalize_label to the
//! kernel, as SageMaker does. Parsing reports each bad value naming its parameter. Pure.

use crate::kernels::boosting::Objective;
use crate::kernels::linear::{LinearParams, OptimizerKind, PredictorType, SelectionCriterion};
use crate::ui::pages::xgboost::data_choice::{self, boolean, number, whole, DataChoice};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct LabParams {
    pub data: DataChoice,
    /// A dataset used as SageMaker's `test` channel: scored, never trained or selected on.
    pub test: Option<String>,
    /// `None`: from the target column (two classes → binary_classifier, more →
    /// multiclass_classifier, numbers → regressor).
    pub predictor_type: Option<PredictorType>,
    /// The hyperparameters; `predictor_type` is filled in from the data.
    pub linear: LinearParams,
}

impl LabParams {
    /// The data choices with the task forced when `predictor_type` is set.
    pub fn data(&self) -> DataChoice {
        let mut data = self.data.clone();
        data.spec.objective = self.predictor_type.map(objective_of);
        data
    }
}

/// The preparation's task for a predictor type.
pub fn objective_of(predictor: PredictorType) -> Objective {
    match predictor {
        PredictorType::Regressor => Objective::SquaredError,
        PredictorType::BinaryClassifier => Objective::BinaryLogistic,
        PredictorType::MulticlassClassifier => Objective::Softprob,
    }
}

/// The predictor type for a detected (or forced) task.
pub fn predictor_of(objective: Objective) -> PredictorType {
    match objective {
        Objective::SquaredError => PredictorType::Regressor,
        Objective::BinaryLogistic => PredictorType::BinaryClassifier,
        Objective::Softprob => PredictorType::MulticlassClassifier,
    }
}

/// The hyperparameter names this lab reads, in the order the form shows them.
pub const HYPER_NAMES: [&str; 23] = [
    "test",
    "predictor_type",
    "num_models",
    "binary_classifier_model_selection_criteria",
    "target_recall",
    "target_precision",
    "f_beta",
    "optimizer",
    "learning_rate",
    "l1",
    "wd",
    "mini_batch_size",
    "epochs",
    "use_bias",
    "normalize_data",
    "normalize_label",
    "balance_multiclass_weights",
    "early_stopping_patience",
    "early_stopping_tolerance",
    "beta_1",
    "beta_2",
    "momentum",
    "seed",
];

fn auto_number(name: &str, value: &str) -> Result<Option<f64>, String> {
    match value.trim() {
        "" | "auto" => Ok(None),
        v => number(name, v).map(Some),
    }
}

fn read_one(p: &mut LabParams, name: &str, value: &str) -> Result<(), String> {
    if let Some(result) = data_choice::read(&mut p.data, name, value) {
        return result;
    }
    let l = &mut p.linear;
    match name {
        "test" => p.test = Some(value.to_string()).filter(|v| !v.is_empty()),
        "predictor_type" => {
            p.predictor_type = match value.trim() {
                "" | "auto" => None,
                v => Some(PredictorType::parse(v).ok_or_else(|| {
                    format!("predictor_type: \"{v}\" must be auto, binary_classifier, multiclass_classifier or regressor")
                })?),
            }
        }
        "optimizer" => {
            l.optimizer = OptimizerKind::parse(value.trim())
                .ok_or_else(|| format!("optimizer: \"{value}\" must be sgd, adam or adagrad"))?
        }
        "binary_classifier_model_selection_criteria" => {
            l.binary_classifier_model_selection_criteria = SelectionCriterion::parse(value.trim())
                .ok_or_else(|| format!("binary_classifier_model_selection_criteria: \"{value}\" must be accuracy, f1, f_beta, precision_at_target_recall, recall_at_target_precision or loss_function"))?
        }
        "learning_rate" => l.learning_rate = auto_number(name, value)?,
        "l1" => l.l1 = auto_number(name, value)?,
        "wd" => l.wd = auto_number(name, value)?,
        "normalize_label" => {
            l.normalize_label = match value.trim() {
                "" | "auto" => None,
                v => Some(boolean(name, v)?),
            }
        }
        "num_models" => l.num_models = whole(name, value)?,
        "target_recall" => l.target_recall = number(name, value)?,
        "target_precision" => l.target_precision = number(name, value)?,
        "f_beta" => l.f_beta = number(name, value)?,
        "mini_batch_size" => l.mini_batch_size = whole(name, value)?,
        "epochs" => l.epochs = whole(name, value)?,
        "use_bias" => l.use_bias = boolean(name, value)?,
        "normalize_data" => l.normalize_data = boolean(name, value)?,
        "balance_multiclass_weights" => l.balance_multiclass_weights = boolean(name, value)?,
        "early_stopping_patience" => l.early_stopping_patience = whole(name, value)?,
        "early_stopping_tolerance" => l.early_stopping_tolerance = number(name, value)?,
        "beta_1" => l.beta_1 = number(name, value)?,
        "beta_2" => l.beta_2 = number(name, value)?,
        "momentum" => l.momentum = number(name, value)?,
        "seed" => l.seed = whole(name, value)? as u64,
        other => {
            return Err(format!(
                "unknown parameter \"{other}\" (this lab reads: {}, {})",
                data_choice::DATA_NAMES.join(", "),
                HYPER_NAMES.join(", ")
            ))
        }
    }
    Ok(())
}

/// Reads every parameter; unknown names and unreadable values are reported, not ignored,
/// then the kernel's own rules (each naming its parameter) are checked.
pub fn parse(query: &[(String, String)]) -> (LabParams, Vec<String>) {
    let mut p = LabParams::default();
    let mut errors = Vec::new();
    for (name, value) in query {
        if let Err(e) = read_one(&mut p, name, value) {
            errors.push(e);
        }
    }
    if errors.is_empty() {
        if let Err(e) = p.linear.validate() {
            errors.push(e.to_string());
        }
    }
    (p, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn reads_sagemaker_names_and_auto() {
        let (p, errors) = parse(&q(&[
            ("predictor_type", "binary_classifier"),
            ("learning_rate", "auto"),
            ("l1", "0.01"),
            (
                "binary_classifier_model_selection_criteria",
                "precision_at_target_recall",
            ),
            ("target_recall", "0.9"),
            ("optimizer", "sgd"),
            ("epochs", "30"),
            ("normalize_data", "false"),
            ("target", "label"),
        ]));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(p.predictor_type, Some(PredictorType::BinaryClassifier));
        assert_eq!((p.linear.learning_rate, p.linear.l1), (None, Some(0.01)));
        assert_eq!(
            p.linear.binary_classifier_model_selection_criteria,
            SelectionCriterion::PrecisionAtTargetRecall
        );
        assert_eq!((p.linear.epochs, p.linear.normalize_data), (30, false));
        assert_eq!(p.data().spec.objective, Some(Objective::BinaryLogistic));
    }

    #[test]
    fn invalid_values_name_the_parameter() {
        let first = |pairs: &[(&str, &str)]| parse(&q(pairs)).1.first().cloned().unwrap();
        assert!(first(&[("learning_rate", "0")]).starts_with("learning_rate must be"));
        assert!(first(&[("num_models", "0")]).starts_with("num_models"));
        assert!(first(&[("optimizer", "rmsprop")]).starts_with("optimizer:"));
        assert!(first(&[("predictor_type", "ranker")]).starts_with("predictor_type:"));
        assert!(first(&[("epochs", "x")]).starts_with("epochs:"));
        assert!(first(&[("bogus", "1")]).starts_with("unknown parameter \"bogus\""));
    }
}
