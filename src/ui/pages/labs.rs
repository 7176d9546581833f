use leptos::prelude::*;

pub struct LabInfo {
    pub id: &'static str,
    pub title: &'static str,
    pub summary: &'static str,
}

/// Labs that work end to end; a lab is listed here only once it does.
pub const LABS: [LabInfo; 12] = [
    LabInfo {
        id: "kmeans",
        title: "K-Means clustering",
        summary: "Watch Lloyd's algorithm assign and move centroids step by step; compare k with the elbow plot.",
    },
    LabInfo {
        id: "pca",
        title: "Principal component analysis",
        summary: "Regular (covariance + eigendecomposition) or randomized PCA: scree plot, a 2-D projection, loadings.",
    },
    LabInfo {
        id: "tfidf",
        title: "TF-IDF and search",
        summary: "Drop a folder of documents: vocabulary, each document's characteristic terms, a search engine and document similarity.",
    },
    LabInfo {
        id: "lda",
        title: "LDA topics",
        summary: "Find the topics of a corpus by Gibbs sampling and see each document's mixture of them.",
    },
    LabInfo {
        id: "text-metrics",
        title: "Text-generation metrics",
        summary: "Score a candidate against references: BLEU's clipped n-gram precisions and brevity penalty, ROUGE-1, -2 and -L, and perplexity from token probabilities.",
    },
    LabInfo {
        id: "tree",
        title: "Decision tree",
        summary: "Grow one tree by exact greedy splits (gini, entropy, misclassification, mse, mae); follow any row's path and see where the impurity drops.",
    },
    LabInfo {
        id: "forest",
        title: "Random forest",
        summary: "Bagged trees trained in parallel across the workers: out-of-bag error as trees are added, importance, and any tree of the forest.",
    },
    LabInfo {
        id: "xgboost",
        title: "Gradient boosting (XGBoost)",
        summary: "Train boosted trees with XGBoost's semantics and SageMaker's hyperparameter names; open any tree, explain predictions with SHAP, export the model to real XGBoost.",
    },
    LabInfo {
        id: "fm",
        title: "Factorization machines",
        summary: "One-hot users, items and context into a sparse matrix; watch pairwise factors beat the linear model on held-out ratings and map the item embeddings.",
    },
    LabInfo {
        id: "rcf",
        title: "Random Cut Forest",
        summary: "Score anomalies in a time series or a table, in batch or streaming mode; move the threshold and see which points are flagged.",
    },
    LabInfo {
        id: "linear",
        title: "Linear learner",
        summary: "Train several linear models at once, as SageMaker does, and see which one the selection criterion keeps and why: loss curves, weights zeroed by L1, threshold, ROC.",
    },
    LabInfo {
        id: "knn",
        title: "k-nearest neighbours",
        summary: "Classify or regress by the k nearest training rows: decision regions on a map, standardized or raw distances, brute force against a k-d tree.",
    },
];

#[component]
pub fn LabsPage() -> impl IntoView {
    view! {
        <h1>"Labs"</h1>
        <p>"Each lab runs in a background worker on a built-in sample or on a dataset you upload."</p>
        <ul class="cards">
            {LABS.iter().map(|lab| view! {
                <li class="card"><a href=format!("#/lab/{}", lab.id)><strong>{lab.title}</strong><span>{lab.summary}</span></a></li>
            }).collect::<Vec<_>>()}
        </ul>
    }
}
