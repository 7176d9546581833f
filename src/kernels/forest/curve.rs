//! The out-of-bag error after each tree: how the forest's held-out error falls as trees
//! are added. Each tree's bootstrap draw is replayed from its seed (tree i's stream), so
//! the curve needs only the fitted trees and the training rows.

use super::model::ForestModel;
use super::params::ForestValidParams;
use super::train::{row_weights, tree_rng};
use crate::kernels::tree::Task;
use crate::kernels::{KernelError, Matrix};

/// `curve[i]` is the out-of-bag error (misclassification rate or MSE) of the first i + 1
/// trees, over the rows at least one of them left out (NaN while there are none). Empty
/// without bootstrap. The last value equals `forest.oob.error`.
pub fn oob_error_curve(
    forest: &ForestModel,
    valid: &ForestValidParams,
    x: &Matrix,
    y: &[f64],
) -> Result<Vec<f64>, KernelError> {
    if !valid.get().bootstrap {
        return Ok(Vec::new());
    }
    if x.rows() != y.len() || x.cols() != forest.n_features {
        return Err(KernelError::InvalidData(
            "the out-of-bag curve needs the rows the forest was trained on".into(),
        ));
    }
    let width = match forest.task() {
        Task::Classification => forest.n_classes,
        Task::Regression => 1,
    };
    let mut sums = vec![0.0; y.len() * width];
    let mut votes = vec![0u32; y.len()];
    let mut curve = Vec::with_capacity(forest.trees.len());
    for (index, tree) in forest.trees.iter().enumerate() {
        let mut rng = tree_rng(valid.get().seed, index);
        let weights = row_weights(y.len(), valid, &mut rng);
        for (i, _) in weights.iter().enumerate().filter(|(_, &w)| w == 0.0) {
            let row = x.row(i);
            let slot = &mut sums[i * width..(i + 1) * width];
            match forest.task() {
                Task::Classification => slot
                    .iter_mut()
                    .zip(tree.predict_proba_row(row))
                    .for_each(|(s, p)| *s += p),
                Task::Regression => slot[0] += tree.predict_row(row),
            }
            votes[i] += 1;
        }
        curve.push(error(forest.task(), y, &sums, &votes, width));
    }
    Ok(curve)
}

fn error(task: Task, y: &[f64], sums: &[f64], votes: &[u32], width: usize) -> f64 {
    let (mut total, mut scored) = (0.0, 0usize);
    for (i, &truth) in y.iter().enumerate().filter(|(i, _)| votes[*i] > 0) {
        let slot = &sums[i * width..(i + 1) * width];
        total += match task {
            // The first largest class wins ties, as the forest's own out-of-bag score.
            Task::Classification => {
                let best = (0..width).fold(0, |b, k| if slot[k] > slot[b] { k } else { b });
                f64::from(u8::from(best as f64 != truth))
            }
            Task::Regression => (slot[0] / f64::from(votes[i]) - truth).powi(2),
        };
        scored += 1;
    }
    if scored == 0 {
        f64::NAN
    } else {
        total / scored as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernels::forest::{fit, ForestParams};
    use crate::kernels::tree::tests_support::fixed_split;
    use crate::kernels::tree::Criterion;
    use crate::kernels::Silent;

    #[test]
    fn the_curve_ends_at_the_forests_out_of_bag_error() {
        let split = fixed_split("breast_cancer");
        let (x, y) = (&split.x_train, &split.y_train);
        for params in [
            ForestParams {
                num_trees: 15,
                ..ForestParams::default()
            },
            ForestParams {
                num_trees: 6,
                criterion: Criterion::Mse,
                ..ForestParams::default()
            },
        ] {
            let valid = params.validate().unwrap();
            let forest = fit(x, y, &valid, &mut Silent).unwrap();
            let curve = oob_error_curve(&forest, &valid, x, y).unwrap();
            assert_eq!(curve.len(), forest.trees.len());
            let last = curve.last().copied().unwrap();
            assert!((last - forest.oob.clone().unwrap().error).abs() < 1e-12);
        }
        let no_bootstrap = ForestParams {
            num_trees: 2,
            bootstrap: false,
            ..ForestParams::default()
        }
        .validate()
        .unwrap();
        let forest = fit(x, y, &no_bootstrap, &mut Silent).unwrap();
        assert!(oob_error_curve(&forest, &no_bootstrap, x, y)
            .unwrap()
            .is_empty());
    }
}
