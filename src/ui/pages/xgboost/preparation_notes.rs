//! What the shared data preparation did to a supervised lab's data, in sentences: the class
//! codes, one-hot columns, rows dropped for a missing target, columns left out, and columns
//! of the validation channel that training never saw. Shared by the boosting and tree labs.

use crate::data::supervised::{PreparedMeta, ValidationSource};

/// "N rows held out (20 %)", "N rows of the channel v.csv" or "none".
pub fn validation_summary(meta: &PreparedMeta) -> String {
    match &meta.validation_source {
        ValidationSource::Split { fraction } => format!(
            "{} rows held out ({:.0} %)",
            meta.validation_rows.len(),
            fraction * 100.0
        ),
        ValidationSource::Channel { name } => {
            format!("{} rows of the channel {name}", meta.validation_rows.len())
        }
        ValidationSource::None => "none".to_string(),
    }
}

/// One sentence per thing the preparation changed or left out.
pub fn preparation_notes(meta: &PreparedMeta) -> Vec<String> {
    let mut notes = Vec::new();
    if !meta.target.classes.is_empty() {
        let map: Vec<String> = meta
            .target
            .classes
            .iter()
            .enumerate()
            .take(12)
            .map(|(i, c)| format!("{i} = {c}"))
            .collect();
        notes.push(format!(
            "Classes of \"{}\": {}.",
            meta.target.name,
            map.join(", ")
        ));
    }
    for (column, levels) in &meta.one_hot {
        notes.push(format!(
            "\"{column}\" was one-hot encoded into {levels} columns."
        ));
    }
    let (train_missing, valid_missing) = meta.missing_target;
    if train_missing + valid_missing > 0 {
        notes.push(format!(
            "{} rows with a missing target were dropped ({train_missing} in the training data, {valid_missing} in the validation channel).",
            train_missing + valid_missing
        ));
    }
    if !meta.skipped.is_empty() {
        notes.push(format!(
            "Left out of the default features (free text or over 64 categories): {}.",
            meta.skipped.join(", ")
        ));
    }
    if !meta.extra_validation_columns.is_empty() {
        notes.push(format!(
            "The validation channel has columns the training data does not, so the model cannot use them; they were ignored: {}.",
            meta.extra_validation_columns.join(", ")
        ));
    }
    notes
}
