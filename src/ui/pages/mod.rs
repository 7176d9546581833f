//! One page per route.

pub mod cart;
pub mod data;
pub mod fm;
pub mod home;
pub mod kmeans;
pub mod knn;
pub mod labs;
pub mod lda;
pub mod linear;
pub mod not_found;
pub mod notes;
pub mod pca;
pub mod rcf;
pub mod text_metrics;
pub mod tfidf;
pub mod xgboost;
