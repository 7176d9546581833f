//! The Random Cut Forest job: every row's anomaly score (batch or streaming), the
//! mean + 3σ threshold, and the AUC against a label column when one is given.

use serde::{Deserialize, Serialize};

use crate::kernels::metrics::roc_auc;
use crate::kernels::rcf::{self, RcfParams};
use crate::kernels::{Matrix, Progress};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RcfJob {
    /// Rows in time order (for shingling), the chosen feature columns.
    pub x: Matrix,
    pub params: RcfParams,
    /// 0/1 per row when the user chose a label column as `target`.
    pub labels: Option<Vec<f64>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RcfOutcome {
    pub scores: Vec<f64>,
    pub score_mean: f64,
    pub score_std: f64,
    /// mean + 3σ, SageMaker's suggested cut.
    pub threshold: f64,
    pub auc: Option<f64>,
    /// Points held by each tree at the end (≤ num_samples_per_tree).
    pub tree_masses: Vec<usize>,
    pub dims: usize,
    pub fit_ms: f64,
}

pub fn run(
    job: RcfJob,
    now_ms: &dyn Fn() -> f64,
    progress: &mut dyn Progress,
) -> Result<RcfOutcome, String> {
    let valid = job
        .params
        .validate(job.x.rows())
        .map_err(|e| e.to_string())?;
    if let Some(labels) = &job.labels {
        if let Some(r) = labels.iter().position(|&v| v != 0.0 && v != 1.0) {
            return Err(format!(
                "target: row {} has label {}; the label column must hold 0 (normal) or 1 (anomaly)",
                r + 1,
                labels[r]
            ));
        }
    }
    let started = now_ms();
    let model = rcf::fit(&job.x, &valid, progress).map_err(|e| e.to_string())?;
    let fit_ms = now_ms() - started;
    let auc = match &job.labels {
        Some(labels) => {
            Some(roc_auc(labels, &model.scores).map_err(|e| format!("target: auc: {e}"))?)
        }
        None => None,
    };
    Ok(RcfOutcome {
        tree_masses: model.forest.tree_masses(),
        dims: model.forest.dims,
        scores: model.scores,
        score_mean: model.score_mean,
        score_std: model.score_std,
        threshold: model.threshold,
        auc,
        fit_ms,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernels::Silent;

    #[test]
    fn an_outlier_scores_highest_and_labels_give_auc() {
        let mut values: Vec<f64> = (0..300).map(|i| (i as f64 * 0.3).sin()).collect();
        values[200] = 9.0;
        let labels: Vec<f64> = (0..300).map(|i| f64::from(u8::from(i == 200))).collect();
        let job = RcfJob {
            x: Matrix::new(300, 1, values).expect("matrix"),
            params: RcfParams {
                num_trees: 20,
                ..RcfParams::default()
            },
            labels: Some(labels),
        };
        let outcome = run(job.clone(), &|| 0.0, &mut Silent).expect("run");
        assert_eq!(outcome.auc, Some(1.0));
        assert!(outcome.scores[200] > outcome.threshold);
        let err = run(
            RcfJob {
                params: RcfParams {
                    shingle_size: 301,
                    ..job.params.clone()
                },
                ..job.clone()
            },
            &|| 0.0,
            &mut Silent,
        )
        .unwrap_err();
        assert!(
            err.starts_with("shingle_size must be between 1 and the length of the series (300)")
        );
        let err = run(
            RcfJob {
                labels: Some(vec![2.0; 300]),
                ..job
            },
            &|| 0.0,
            &mut Silent,
        )
        .unwrap_err();
        assert!(err.starts_with("target: row 1 has label 2"));
    }
}
