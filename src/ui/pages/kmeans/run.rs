//! From the lab's parameters and a dataset to the matrix a K-Means job runs on.

use std::sync::Arc;

use crate::data::transform::{
    default_features, feature_matrix, standardize, FeatureError, Standardized,
};
use crate::data::Table;
use crate::kernels::kmeans::KMeansModel;
use crate::kernels::Matrix;

use super::params::LabParams;
use crate::data::csv_export::csv_field;

/// Everything a finished run needs to be shown and exported.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    pub table: Arc<Table>,
    pub features: Vec<String>,
    /// The matrix the kernel saw (z-scores when standardized).
    pub x: Matrix,
    /// Table row of each matrix row (rows with missing values may have been dropped).
    pub rows_used: Vec<usize>,
    pub scaling: Option<Standardized>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PrepareError {
    /// Rows with missing values: the lab offers to drop them.
    Missing {
        message: String,
        rows: usize,
    },
    Other(String),
}

impl PrepareError {
    pub fn message(&self) -> String {
        match self {
            PrepareError::Missing { message, .. } | PrepareError::Other(message) => message.clone(),
        }
    }
}

pub fn prepare(params: &LabParams, table: Arc<Table>) -> Result<Prepared, PrepareError> {
    let features = params
        .features
        .clone()
        .unwrap_or_else(|| default_features(&table));
    if features.is_empty() {
        return Err(PrepareError::Other(
            FeatureError::NoNumericColumn.to_string(),
        ));
    }
    let (x, rows_used) =
        feature_matrix(&table, &features, params.drop_missing).map_err(|e| match e {
            FeatureError::MissingValues { rows, .. } => PrepareError::Missing {
                message: e.to_string(),
                rows,
            },
            other => PrepareError::Other(other.to_string()),
        })?;
    if x.rows() == 0 {
        return Err(PrepareError::Other(
            "no rows are left after dropping rows with missing values".into(),
        ));
    }
    if let Err(e) = params.kmeans.validate(x.rows()) {
        return Err(PrepareError::Other(e.to_string()));
    }
    let (x, scaling) = if params.standardize {
        let s = standardize(&x);
        (s.matrix.clone(), Some(s))
    } else {
        (x, None)
    };
    Ok(Prepared {
        table,
        features,
        x,
        rows_used,
        scaling,
    })
}

impl Prepared {
    /// Centroids in the data's own units, one row per cluster.
    pub fn centroids_original(&self, model: &KMeansModel) -> Vec<Vec<f64>> {
        model
            .centroids
            .chunks_exact(model.dims.max(1))
            .map(|c| {
                self.scaling
                    .as_ref()
                    .map_or_else(|| c.to_vec(), |s| s.original(c))
            })
            .collect()
    }

    pub fn centroids_csv(&self, model: &KMeansModel) -> String {
        let mut out = format!(
            "cluster,size,{}\n",
            self.features
                .iter()
                .map(|f| csv_field(f))
                .collect::<Vec<_>>()
                .join(",")
        );
        for (c, row) in self.centroids_original(model).iter().enumerate() {
            let values: Vec<String> = row.iter().map(|v| format!("{v}")).collect();
            out.push_str(&format!(
                "{c},{},{}\n",
                model.cluster_sizes[c],
                values.join(",")
            ));
        }
        out
    }

    /// The original rows plus a `cluster` column (empty for rows left out for missing values).
    pub fn assignments_csv(&self, model: &KMeansModel) -> String {
        let mut cluster = vec![String::new(); self.table.rows()];
        for (i, &row) in self.rows_used.iter().enumerate() {
            cluster[row] = model.labels[i].to_string();
        }
        self.table.to_csv(&[("cluster", cluster)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Column;
    use crate::kernels::kmeans::{fit, KMeansParams};
    use crate::kernels::Silent;

    fn table() -> Arc<Table> {
        Arc::new(Table {
            names: vec!["a".into(), "b".into(), "label".into()],
            columns: vec![
                Column::Numeric(vec![0.0, 0.2, 10.0, 10.2, f64::NAN]),
                Column::Numeric(vec![1.0, 1.0, 1.0, 1.0, 1.0]),
                Column::Numeric(vec![0.0, 0.0, 1.0, 1.0, 1.0]),
            ],
        })
    }

    #[test]
    fn missing_values_are_offered_for_dropping() {
        let params = LabParams {
            kmeans: KMeansParams {
                k: 2,
                ..Default::default()
            },
            ..Default::default()
        };
        assert!(matches!(
            prepare(&params, table()),
            Err(PrepareError::Missing { rows: 1, .. })
        ));
        let dropped = prepare(
            &LabParams {
                drop_missing: true,
                ..params
            },
            table(),
        )
        .expect("prepared");
        assert_eq!(dropped.rows_used, vec![0, 1, 2, 3]);
    }

    #[test]
    fn exports_centroids_in_original_units_and_assignments() {
        let params = LabParams {
            kmeans: KMeansParams {
                k: 2,
                ..Default::default()
            },
            drop_missing: true,
            standardize: true,
            ..Default::default()
        };
        let prepared = prepare(&params, table()).expect("prepared");
        assert_eq!(
            prepared.scaling.as_ref().map(|s| s.constant.clone()),
            Some(vec![1])
        );
        let model = fit(
            &prepared.x,
            &params.kmeans.validate(4).expect("valid"),
            &mut Silent,
        )
        .expect("fit");
        let mut centres = prepared.centroids_original(&model);
        centres.sort_by(|p, q| p[0].total_cmp(&q[0]));
        assert!((centres[0][0] - 0.1).abs() < 1e-9 && (centres[1][0] - 10.1).abs() < 1e-9);
        assert_eq!(centres[0][1], 1.0);
        let csv = prepared.assignments_csv(&model);
        assert!(csv.starts_with("a,b,label,cluster\n"));
        assert!(csv.trim_end().ends_with(",1,1,"), "{csv}");
    }

    #[test]
    fn k_larger_than_rows_is_refused() {
        let params = LabParams {
            kmeans: KMeansParams {
                k: 9,
                ..Default::default()
            },
            drop_missing: true,
            ..Default::default()
        };
        assert_eq!(
            prepare(&params, table()).unwrap_err().message(),
            "k must be between 1 and the number of rows (4); it is 9"
        );
    }
}
