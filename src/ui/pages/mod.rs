//! One page per route.

pub mod cart;
pub mod data;
pub mod home;
pub mod kmeans;
pub mod labs;
pub mod lda;
pub mod not_found;
pub mod notes;
pub mod pca;
pub mod tfidf;
pub mod xgboost;
