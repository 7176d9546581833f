//! From the lab's parameters and the chosen table(s) to the worker's data and the
//! criterion the target allows, plus what the page needs afterwards (column and class
//! names, which rows went where).

use std::sync::Arc;

use super::params::LabParams;
use crate::data::supervised::{self, PreparedMeta};
use crate::data::Table;
use crate::jobs::trees::TreeData;
use crate::kernels::boosting::Objective;
use crate::kernels::tree::{Criterion, Task};

/// SHAP values and row paths are computed for at most this many validation rows.
pub const MAX_SHAP_ROWS: usize = 1000;

#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    pub table: Arc<Table>,
    pub validation_table: Option<Arc<Table>>,
    pub meta: Arc<PreparedMeta>,
    pub criterion: Criterion,
    /// The encoded targets (class numbers or values) of the train and validation rows.
    pub train_y: Arc<Vec<f64>>,
    pub validation_y: Arc<Vec<f64>>,
}

impl Prepared {
    pub fn task(&self) -> Task {
        self.criterion.task()
    }

    pub fn train_truth(&self) -> &[f64] {
        &self.train_y
    }

    pub fn validation_truth(&self) -> &[f64] {
        &self.validation_y
    }
}

/// The criterion a run uses: the chosen one (which set the task, see [`LabParams::spec`]),
/// else gini for a detected class target and mse for a detected numeric one.
fn criterion_for(lab: &LabParams, meta: &PreparedMeta) -> Criterion {
    lab.criterion.unwrap_or(match meta.target.objective {
        Objective::SquaredError => Criterion::Mse,
        _ => Criterion::Gini,
    })
}

/// A chosen criterion sets the task; refuse, naming the criterion, a target that cannot
/// take it: a regression criterion needs numbers, a classification one a target whose
/// distinct values can be classes.
fn check_criterion_against_target(
    lab: &LabParams,
    spec: &supervised::SupervisedSpec,
    table: &Table,
) -> Result<(), String> {
    let Some(criterion) = lab.criterion else {
        return Ok(());
    };
    let Some(name) = supervised::target_name(spec, table) else {
        return Ok(());
    };
    let Some(column) = table.column(&name) else {
        return Ok(());
    };
    match criterion.task() {
        Task::Regression if column.as_numeric().is_none() => Err(format!(
            "criterion: {} needs a numeric target; \"{name}\" is {}",
            criterion.name(),
            column.kind().name()
        )),
        Task::Classification => match supervised::class_count(column) {
            classes if classes > supervised::MAX_CLASSES => Err(format!(
                "criterion: {} is a classification criterion but the target \"{name}\" has {classes} distinct values, too many to be classes (use mse or mae to predict it as a number)",
                criterion.name()
            )),
            _ => Ok(()),
        },
        Task::Regression => Ok(()),
    }
}

pub fn prepare(
    lab: &LabParams,
    table: Arc<Table>,
    validation_table: Option<(String, Arc<Table>)>,
) -> Result<(Prepared, TreeData), String> {
    let channel = validation_table
        .as_ref()
        .map(|(name, t)| (name.as_str(), t.as_ref()));
    let spec = lab.spec();
    check_criterion_against_target(lab, &spec, &table)?;
    let (meta, data) = supervised::prepare(&spec, &table, channel)?;
    let criterion = criterion_for(lab, &meta);
    let n_classes = match criterion.task() {
        Task::Classification => meta.target.classes.len(),
        Task::Regression => 0,
    };
    let train_y = Arc::new(data.train_y.clone());
    let validation_y = Arc::new(
        data.validation
            .as_ref()
            .map(|v| v.1.clone())
            .unwrap_or_default(),
    );
    let tree_data = TreeData {
        train_x: data.train_x,
        train_y: data.train_y,
        validation: data.validation,
        n_classes,
        max_shap_rows: MAX_SHAP_ROWS,
    };
    let prepared = Prepared {
        table,
        validation_table: validation_table.map(|(_, t)| t),
        meta: Arc::new(meta),
        criterion,
        train_y,
        validation_y,
    };
    Ok((prepared, tree_data))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Column;
    use crate::ui::pages::cart::params::LabKind;

    #[test]
    fn the_criterion_must_suit_the_target() {
        let table = Arc::new(Table {
            names: vec!["a".into(), "label".into()],
            columns: vec![
                Column::Numeric((0..20).map(f64::from).collect()),
                Column::Numeric((0..20).map(|i| f64::from(i % 2)).collect()),
            ],
        });
        let mut lab = LabParams::new(LabKind::Tree);
        let (p, data) = prepare(&lab, table.clone(), None).unwrap();
        assert_eq!((p.criterion, data.n_classes), (Criterion::Gini, 2));
        lab.criterion = Some(Criterion::Mae);
        let (p, data) = prepare(&lab, table.clone(), None).unwrap();
        assert_eq!((p.criterion, data.n_classes), (Criterion::Mae, 0));
        // Without a criterion, "a" (20 distinct integers) is detected as regression.
        lab.target = Some("a".into());
        lab.criterion = None;
        let (p, data) = prepare(&lab, table.clone(), None).unwrap();
        assert_eq!((p.criterion, data.n_classes), (Criterion::Mse, 0));
        // Choosing a classification criterion overrides that: its 20 values are classes.
        lab.criterion = Some(Criterion::Entropy);
        let (p, data) = prepare(&lab, table, None).unwrap();
        assert_eq!((p.criterion, data.n_classes), (Criterion::Entropy, 20));
        // A numeric target with more distinct values than classes can be is refused by the
        // criterion's name.
        let wide = Arc::new(Table {
            names: vec!["a".into(), "y".into()],
            columns: vec![
                Column::Numeric((0..150).map(f64::from).collect()),
                Column::Numeric((0..150).map(|i| f64::from(i) * 0.5).collect()),
            ],
        });
        lab.target = Some("y".into());
        lab.criterion = Some(Criterion::Gini);
        let e = prepare(&lab, wide, None).unwrap_err();
        assert!(
            e.starts_with("criterion: gini is a classification criterion but the target \"y\" has 150 distinct values"),
            "{e}"
        );
        // A text target cannot be a regression target; the criterion names why.
        let text = Arc::new(Table {
            names: vec!["a".into(), "kind".into()],
            columns: vec![
                Column::Numeric((0..4).map(f64::from).collect()),
                Column::Categorical {
                    codes: vec![Some(0), Some(1), Some(0), Some(1)],
                    levels: vec!["x".into(), "y".into()],
                },
            ],
        });
        lab.target = Some("kind".into());
        lab.criterion = Some(Criterion::Mse);
        let e = prepare(&lab, text, None).unwrap_err();
        assert!(
            e.starts_with("criterion: mse needs a numeric target; \"kind\" is categorical"),
            "{e}"
        );
    }
}
