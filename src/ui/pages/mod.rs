//! One page per route.

pub mod data;
pub mod home;
pub mod kmeans;
pub mod knn;
pub mod labs;
pub mod lda;
pub mod linear;
pub mod not_found;
pub mod notes;
pub mod pca;
pub mod tfidf;
pub mod xgboost;
