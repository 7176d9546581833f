//! The train / validation split: a seeded shuffle, optionally stratified (each class keeps
//! its share in both parts, as scikit-learn's `stratify=y`). Pure and deterministic.

use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// Splits positions `0..n` into (train, validation), both ascending. With `classes`
/// (one class per position) each class is split on its own.
pub fn split(
    n: usize,
    fraction: f64,
    seed: u64,
    classes: Option<&[f64]>,
) -> (Vec<usize>, Vec<usize>) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let groups: Vec<Vec<usize>> = match classes {
        Some(labels) => {
            let mut keys: Vec<f64> = labels.to_vec();
            keys.sort_by(f64::total_cmp);
            keys.dedup();
            keys.iter()
                .map(|k| (0..n).filter(|&i| labels[i] == *k).collect())
                .collect()
        }
        None => vec![(0..n).collect()],
    };
    let (mut train, mut validation) = (Vec::new(), Vec::new());
    for mut group in groups {
        group.shuffle(&mut rng);
        let held = ((group.len() as f64) * fraction).round() as usize;
        validation.extend_from_slice(&group[..held.min(group.len())]);
        train.extend_from_slice(&group[held.min(group.len())..]);
    }
    train.sort_unstable();
    validation.sort_unstable();
    (train, validation)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stratified_split_keeps_class_shares_and_is_seeded() {
        let labels: Vec<f64> = (0..100).map(|i| f64::from(i % 4 == 0)).collect();
        let (train, valid) = split(100, 0.2, 7, Some(&labels));
        assert_eq!((train.len(), valid.len()), (80, 20));
        assert_eq!(valid.iter().filter(|&&i| labels[i] == 1.0).count(), 5);
        assert_eq!(split(100, 0.2, 7, Some(&labels)), (train.clone(), valid));
        assert_ne!(split(100, 0.2, 8, Some(&labels)).0, train);
    }

    #[test]
    fn zero_fraction_keeps_every_row_for_training() {
        let (train, valid) = split(5, 0.0, 0, None);
        assert_eq!((train, valid), (vec![0, 1, 2, 3, 4], vec![]));
    }
}
