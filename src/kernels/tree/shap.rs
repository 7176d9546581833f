//! TreeSHAP for decision trees and forests: one output at a time. For classification the
//! explained output is the probability of one class (the leaf's class share), for
//! regression the predicted value; a forest averages its trees, so each tree's leaves are
//! scaled by 1 / num_trees and the ensemble's SHAP values sum to the forest's output.

use super::model::{DecisionTree, Node};
use super::params::Task;
use crate::kernels::shap::ShapTree;

/// A tree seen as one real-valued output, for [`crate::kernels::shap`].
pub struct TreeOutput<'a> {
    pub tree: &'a DecisionTree,
    /// Class whose probability is explained (ignored for regression).
    pub class: usize,
    /// Multiplies every leaf value (1 / num_trees in a forest).
    pub scale: f64,
}

impl TreeOutput<'_> {
    /// The output a row gets, as TreeSHAP decomposes it.
    pub fn output(&self, row: &[f64]) -> f64 {
        self.tree
            .leaf(row)
            .map_or(0.0, |leaf| self.value_of(leaf) * self.scale)
    }

    fn value_of(&self, node: &Node) -> f64 {
        match self.tree.task() {
            Task::Classification => node
                .class_probabilities()
                .get(self.class)
                .copied()
                .unwrap_or(0.0),
            Task::Regression => node.value,
        }
    }
}

impl ShapTree for TreeOutput<'_> {
    fn children(&self, node: usize) -> Option<(usize, usize)> {
        let split = self.tree.nodes.get(node)?.split.as_ref()?;
        let valid = |c: usize| c > node && c < self.tree.nodes.len();
        (valid(split.left) && valid(split.right)).then_some((split.left, split.right))
    }
    fn split_feature(&self, node: usize) -> usize {
        self.tree.nodes[node]
            .split
            .as_ref()
            .map_or(0, |s| s.feature)
    }
    fn goes_left(&self, node: usize, row: &[f64]) -> bool {
        self.tree.nodes[node]
            .split
            .as_ref()
            .is_some_and(|s| s.goes_left(row.get(s.feature).copied().unwrap_or(f64::NAN)))
    }
    fn cover(&self, node: usize) -> f64 {
        self.tree.nodes[node].weighted_samples
    }
    fn leaf_value(&self, node: usize) -> f64 {
        self.value_of(&self.tree.nodes[node]) * self.scale
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernels::forest::{fit as fit_forest, ForestParams};
    use crate::kernels::shap::ensemble_shap_rows;
    use crate::kernels::tree::tests_support::fixed_split;
    use crate::kernels::tree::{fit, Criterion, TreeParams};
    use crate::kernels::Silent;

    #[test]
    fn base_value_plus_shap_is_the_tree_and_forest_output() {
        let split = fixed_split("breast_cancer");
        let (x, y) = (&split.x_train, &split.y_train);
        let params = TreeParams {
            max_depth: Some(4),
            ..TreeParams::default()
        };
        let tree = fit(x, y, &params.validate().unwrap(), &mut Silent).unwrap();
        let explained = TreeOutput {
            tree: &tree,
            class: 1,
            scale: 1.0,
        };
        let rows: Vec<&[f64]> = (0..split.x_test.rows())
            .map(|i| split.x_test.row(i))
            .collect();
        let shap = ensemble_shap_rows(&[&explained], 0.0, rows.iter().copied(), tree.n_features);
        for (row, phi) in rows.iter().zip(&shap) {
            let p1 = tree.predict_proba_row(row)[1];
            assert!((phi.iter().sum::<f64>() - p1).abs() < 1e-9);
        }
        let forest_params = ForestParams {
            num_trees: 7,
            ..ForestParams::default()
        };
        let forest = fit_forest(x, y, &forest_params.validate().unwrap(), &mut Silent).unwrap();
        let outputs: Vec<TreeOutput> = forest
            .trees
            .iter()
            .map(|tree| TreeOutput {
                tree,
                class: 0,
                scale: 1.0 / 7.0,
            })
            .collect();
        let refs: Vec<&TreeOutput> = outputs.iter().collect();
        let shap = ensemble_shap_rows(&refs, 0.0, rows.iter().copied(), forest.n_features);
        for (row, phi) in rows.iter().zip(&shap) {
            let p0 = forest.predict_proba_row(row)[0];
            assert!((phi.iter().sum::<f64>() - p0).abs() < 1e-9);
        }
    }

    /// Base value plus the SHAP values of every row, for every explained output of a tree
    /// and of a forest made of `trees`.
    fn assert_local_accuracy(
        trees: &[&DecisionTree],
        outputs: &[usize],
        rows: &[&[f64]],
        n_features: usize,
        expected: impl Fn(&[f64], usize) -> f64,
    ) {
        let scale = 1.0 / trees.len() as f64;
        for &class in outputs {
            let explained: Vec<TreeOutput> = trees
                .iter()
                .map(|tree| TreeOutput { tree, class, scale })
                .collect();
            let refs: Vec<&TreeOutput> = explained.iter().collect();
            let shap = ensemble_shap_rows(&refs, 0.0, rows.iter().copied(), n_features);
            for (row, phi) in rows.iter().zip(&shap) {
                let want = expected(row, class);
                let got = phi.iter().sum::<f64>();
                assert!((got - want).abs() < 1e-9, "output {class}: {got} vs {want}");
            }
        }
    }

    #[test]
    fn base_value_plus_shap_is_the_output_for_regression_and_multiclass() {
        // Regression (mse and mae) on diabetes: the sum is the predicted value.
        let split = fixed_split("diabetes");
        let rows: Vec<&[f64]> = (0..split.x_test.rows())
            .map(|i| split.x_test.row(i))
            .collect();
        for criterion in [Criterion::Mse, Criterion::Mae] {
            let params = TreeParams {
                criterion,
                max_depth: Some(5),
                ..TreeParams::default()
            };
            let valid = params.validate().unwrap();
            let tree = fit(&split.x_train, &split.y_train, &valid, &mut Silent).unwrap();
            assert_local_accuracy(&[&tree], &[0], &rows, tree.n_features, |row, _| {
                tree.predict_row(row)
            });
        }
        let forest_params = ForestParams {
            num_trees: 5,
            criterion: Criterion::Mse,
            ..ForestParams::default()
        };
        let valid = forest_params.validate().unwrap();
        let forest = fit_forest(&split.x_train, &split.y_train, &valid, &mut Silent).unwrap();
        let trees: Vec<&DecisionTree> = forest.trees.iter().collect();
        assert_local_accuracy(&trees, &[0], &rows, forest.n_features, |row, _| {
            forest.predict_row(row)
        });

        // Three classes (breast_cancer's first feature cut into terciles as the label):
        // every class's sum is that class's probability.
        let split = fixed_split("breast_cancer");
        let cut = |v: f64| f64::from(u8::from(v > 12.0) + u8::from(v > 15.0));
        let y: Vec<f64> = (0..split.x_train.rows())
            .map(|i| cut(split.x_train.row(i)[0]))
            .collect();
        let rows: Vec<&[f64]> = (0..split.x_test.rows())
            .map(|i| split.x_test.row(i))
            .collect();
        let params = TreeParams {
            max_depth: Some(4),
            ..TreeParams::default()
        };
        let tree = fit(&split.x_train, &y, &params.validate().unwrap(), &mut Silent).unwrap();
        assert_local_accuracy(&[&tree], &[0, 1, 2], &rows, tree.n_features, |row, k| {
            tree.predict_proba_row(row)[k]
        });
        let forest_params = ForestParams {
            num_trees: 5,
            ..ForestParams::default()
        };
        let forest = fit_forest(
            &split.x_train,
            &y,
            &forest_params.validate().unwrap(),
            &mut Silent,
        )
        .unwrap();
        let trees: Vec<&DecisionTree> = forest.trees.iter().collect();
        assert_local_accuracy(&trees, &[0, 1, 2], &rows, forest.n_features, |row, k| {
            forest.predict_proba_row(row)[k]
        });
    }
}
