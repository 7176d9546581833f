//! A fitted TF-IDF model in the compact form the page keeps and queries.
//!
//! The worker fits a [`TfidfModel`] and turns it into a [`TfidfIndex`]: the used columns with
//! their names, document frequency and idf, the weights as postings (column → documents, the
//! layout a search engine uses), each document's heaviest terms, and what the charts need.
//! The big arrays are raw little-endian bytes, so decoding the index on the page is a copy,
//! not a walk over millions of numbers.
//!
//! Queries cost what their postings cost: a search reads only the postings of the query's
//! terms, a term lookup is a binary search. Scores are computed in exactly the order the
//! kernel's [`TfidfModel::search`] uses, so they agree with it to the last bit.

use serde::{Deserialize, Serialize};

use crate::data::csv_export::csv_field;
use crate::kernels::tfidf::{
    bucket_of, normalize, term_frequency, Features, SearchHit, SearchScoring, TfidfModel,
    TfidfSummary, ValidParams,
};
use crate::kernels::{Control, KernelError, Progress};

/// Heaviest terms kept per document (the bar chart shows up to this many).
pub const TOP_TERMS_PER_DOC: usize = 25;
/// Largest number of documents in the similarity heatmap (the first documents of the corpus).
pub const MAX_HEATMAP_DOCS: usize = 300;
/// Terms named per hash bucket; more are summarized as a count.
const NAMES_PER_BUCKET: usize = 4;

/// What the hashing trick cost (the full term list stays in the worker).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HashingSummary {
    pub n_features: usize,
    pub distinct_terms: usize,
    pub occupied_buckets: usize,
    pub collisions: usize,
}

/// Cosine similarities of the first documents, row-major `docs × docs`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Similarity {
    pub docs: usize,
    pub values: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TfidfIndex {
    pub params: ValidParams,
    pub summary: TfidfSummary,
    pub hashing: Option<HashingSummary>,
    pub doc_ids: Vec<String>,
    pub doc_tokens: Vec<u64>,
    /// Euclidean length of each document's weight vector (1 under l2, 0 for an empty document).
    pub doc_norms: Vec<f64>,
    /// Per document, `(slot, weight)` of its heaviest terms, heaviest first, ties by column.
    pub doc_top: Vec<Vec<(u32, f64)>>,
    /// `(rank, document frequency)` points of the terms sorted by df, log-spaced ranks.
    pub zipf: Vec<(f64, f64)>,
    pub similarity: Similarity,
    /// Used columns ascending (u32 LE); a column's position here is its *slot*.
    #[serde(with = "serde_bytes")]
    columns: Vec<u8>,
    /// Slot names, UTF-8, concatenated; `name_ends` (u32 LE) holds where each one ends.
    #[serde(with = "serde_bytes")]
    names: Vec<u8>,
    #[serde(with = "serde_bytes")]
    name_ends: Vec<u8>,
    /// Per slot: document frequency (u32 LE) and idf (f64 LE).
    #[serde(with = "serde_bytes")]
    df: Vec<u8>,
    #[serde(with = "serde_bytes")]
    idf: Vec<u8>,
    /// Postings: slot `s` owns entries `posting_ends[s-1]..posting_ends[s]` (u32 LE) of
    /// `posting_docs` (u32 LE, ascending) and `posting_weights` (f64 LE).
    #[serde(with = "serde_bytes")]
    posting_ends: Vec<u8>,
    #[serde(with = "serde_bytes")]
    posting_docs: Vec<u8>,
    #[serde(with = "serde_bytes")]
    posting_weights: Vec<u8>,
}

/// A term as the explorer shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct TermInfo {
    pub name: String,
    pub df: u32,
    pub idf: f64,
    /// `(document, weight)`, heaviest first, ties by document order.
    pub documents: Vec<(usize, f64)>,
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    bytes
        .get(at * 4..at * 4 + 4)
        .and_then(|b| b.try_into().ok())
        .map_or(0, u32::from_le_bytes)
}

fn f64_at(bytes: &[u8], at: usize) -> f64 {
    bytes
        .get(at * 8..at * 8 + 8)
        .and_then(|b| b.try_into().ok())
        .map_or(0.0, f64::from_le_bytes)
}

fn heaviest_first<K: Ord + Copy>(pairs: &mut [(K, f64)]) {
    pairs.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
}

/// Ranks 1, 2, … spaced about 2% apart on a log scale, plus the last one.
fn zipf_points(mut frequencies: Vec<u32>) -> Vec<(f64, f64)> {
    frequencies.sort_unstable_by(|a, b| b.cmp(a));
    let mut points = Vec::new();
    let mut rank = 1usize;
    while rank <= frequencies.len() {
        points.push((rank as f64, f64::from(frequencies[rank - 1])));
        rank = (rank + 1).max((rank as f64 * 1.02).ceil() as usize);
    }
    if let Some(&last) = frequencies.last() {
        if points.last().map(|p| p.0) != Some(frequencies.len() as f64) {
            points.push((frequencies.len() as f64, f64::from(last)));
        }
    }
    points
}

/// Names of the used columns: the vocabulary terms, or the terms sharing each hash bucket.
fn column_names(model: &TfidfModel, used: &[u32]) -> Vec<String> {
    match &model.features {
        Features::Vocabulary { terms } => used
            .iter()
            .map(|&c| terms.get(c as usize).cloned().unwrap_or_default())
            .collect(),
        Features::Hashed(report) => used
            .iter()
            .map(|&bucket| {
                let start = report.bucket_terms.partition_point(|(b, _)| *b < bucket);
                let sharing: Vec<&str> = report.bucket_terms[start..]
                    .iter()
                    .take_while(|(b, _)| *b == bucket)
                    .map(|(_, term)| term.as_str())
                    .collect();
                let mut name = sharing
                    .iter()
                    .take(NAMES_PER_BUCKET)
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" | ");
                if sharing.len() > NAMES_PER_BUCKET {
                    name.push_str(&format!(" | … {} more", sharing.len() - NAMES_PER_BUCKET));
                }
                name
            })
            .collect(),
    }
}

impl TfidfIndex {
    /// Builds the index of a fitted model. Progress goes from `start` to 1.
    pub fn build(
        model: &TfidfModel,
        progress: &mut dyn Progress,
        start: f64,
    ) -> Result<TfidfIndex, KernelError> {
        let weights = &model.weights;
        let used: Vec<u32> = model
            .document_frequency
            .iter()
            .enumerate()
            .filter(|&(_, &df)| df > 0)
            .map(|(c, _)| c as u32)
            .collect();
        let slot_of = |column: u32| used.binary_search(&column).ok();
        let mut counts = vec![0u32; used.len()];
        for &column in &weights.indices {
            if let Some(slot) = slot_of(column) {
                counts[slot] += 1;
            }
        }
        let mut ends = Vec::with_capacity(used.len());
        let mut total = 0u32;
        for &count in &counts {
            total += count;
            ends.push(total);
        }
        let mut fill: Vec<u32> = ends.iter().zip(&counts).map(|(e, c)| e - c).collect();
        let mut posting_docs = vec![0u8; total as usize * 4];
        let mut posting_weights = vec![0u8; total as usize * 8];
        let mut doc_norms = Vec::with_capacity(weights.n_rows);
        let mut doc_top = Vec::with_capacity(weights.n_rows);
        for document in 0..weights.n_rows {
            if document % 256 == 0 {
                let fraction =
                    start + (1.0 - start) * 0.8 * document as f64 / weights.n_rows as f64;
                if progress.report(fraction, "indexing for search", None) == Control::Stop {
                    return Err(KernelError::Cancelled);
                }
            }
            let (columns, values) = weights.row(document);
            // The same expression as the kernel's cosine search, so scores agree exactly.
            doc_norms.push(values.iter().map(|w| w * w).sum::<f64>().sqrt());
            let mut top: Vec<(u32, f64)> = Vec::with_capacity(columns.len());
            for (&column, &weight) in columns.iter().zip(values) {
                let Some(slot) = slot_of(column) else {
                    continue;
                };
                let at = fill[slot] as usize;
                fill[slot] += 1;
                posting_docs[at * 4..at * 4 + 4].copy_from_slice(&(document as u32).to_le_bytes());
                posting_weights[at * 8..at * 8 + 8].copy_from_slice(&weight.to_le_bytes());
                if weight > 0.0 {
                    top.push((slot as u32, weight));
                }
            }
            heaviest_first(&mut top);
            top.truncate(TOP_TERMS_PER_DOC);
            doc_top.push(top);
        }
        if progress.report(start + (1.0 - start) * 0.85, "document similarities", None)
            == Control::Stop
        {
            return Err(KernelError::Cancelled);
        }
        let heatmap_docs: Vec<usize> = (0..weights.n_rows.min(MAX_HEATMAP_DOCS)).collect();
        let similarity = Similarity {
            docs: heatmap_docs.len(),
            values: model.similarity_matrix(&heatmap_docs),
        };
        let names = column_names(model, &used);
        let mut name_bytes = Vec::new();
        let mut name_ends = Vec::with_capacity(names.len() * 4);
        for name in &names {
            name_bytes.extend_from_slice(name.as_bytes());
            name_ends.extend_from_slice(&(name_bytes.len() as u32).to_le_bytes());
        }
        let le32 = |values: &mut dyn Iterator<Item = u32>| -> Vec<u8> {
            values.flat_map(u32::to_le_bytes).collect()
        };
        let df: Vec<u32> = used
            .iter()
            .map(|&c| model.document_frequency[c as usize])
            .collect();
        let idf: Vec<u8> = used
            .iter()
            .flat_map(|&c| {
                model
                    .idf
                    .get(c as usize)
                    .copied()
                    .unwrap_or(0.0)
                    .to_le_bytes()
            })
            .collect();
        let hashing = match &model.features {
            Features::Hashed(r) => Some(HashingSummary {
                n_features: r.n_features,
                distinct_terms: r.distinct_terms,
                occupied_buckets: r.occupied_buckets,
                collisions: r.collisions,
            }),
            Features::Vocabulary { .. } => None,
        };
        progress.report(1.0, "done", None);
        Ok(TfidfIndex {
            params: model.params,
            summary: model.summary(),
            hashing,
            doc_ids: model.doc_ids.clone(),
            doc_tokens: model.doc_tokens.clone(),
            doc_norms,
            doc_top,
            zipf: zipf_points(df.clone()),
            similarity,
            columns: le32(&mut used.iter().copied()),
            names: name_bytes,
            name_ends,
            df: le32(&mut df.into_iter()),
            idf,
            posting_ends: le32(&mut ends.into_iter()),
            posting_docs,
            posting_weights,
        })
    }

    /// Number of used columns (slots).
    pub fn slots(&self) -> usize {
        self.columns.len() / 4
    }

    pub fn documents(&self) -> usize {
        self.doc_ids.len()
    }

    pub fn name(&self, slot: usize) -> &str {
        let start = if slot == 0 {
            0
        } else {
            u32_at(&self.name_ends, slot - 1) as usize
        };
        let end = u32_at(&self.name_ends, slot) as usize;
        self.names
            .get(start..end)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }

    pub fn df(&self, slot: usize) -> u32 {
        u32_at(&self.df, slot)
    }

    pub fn idf(&self, slot: usize) -> f64 {
        f64_at(&self.idf, slot)
    }

    /// `(document, weight)` of every document that has the slot's term, in document order.
    pub fn postings(&self, slot: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let start = if slot == 0 {
            0
        } else {
            u32_at(&self.posting_ends, slot - 1) as usize
        };
        let end = u32_at(&self.posting_ends, slot) as usize;
        (start..end.max(start)).map(move |at| {
            (
                u32_at(&self.posting_docs, at) as usize,
                f64_at(&self.posting_weights, at),
            )
        })
    }

    /// The slot of an analyzed term (lowercase, n-gram words joined by one space).
    pub fn slot_of(&self, term: &str) -> Option<usize> {
        let slots = self.slots();
        match &self.hashing {
            Some(h) => {
                let bucket = bucket_of(term, h.n_features);
                let (mut lo, mut hi) = (0, slots);
                while lo < hi {
                    let mid = (lo + hi) / 2;
                    match u32_at(&self.columns, mid).cmp(&bucket) {
                        std::cmp::Ordering::Less => lo = mid + 1,
                        std::cmp::Ordering::Greater => hi = mid,
                        std::cmp::Ordering::Equal => return Some(mid),
                    }
                }
                None
            }
            None => {
                let (mut lo, mut hi) = (0, slots);
                while lo < hi {
                    let mid = (lo + hi) / 2;
                    match self.name(mid).cmp(term) {
                        std::cmp::Ordering::Less => lo = mid + 1,
                        std::cmp::Ordering::Greater => hi = mid,
                        std::cmp::Ordering::Equal => return Some(mid),
                    }
                }
                None
            }
        }
    }

    /// The distinct slots of the query's terms, in the analyzer's order.
    pub fn query_slots(&self, query: &str) -> Vec<usize> {
        let mut slots = Vec::new();
        for term in self.params.analyzer().analyze(query) {
            if let Some(slot) = self.slot_of(&term) {
                if !slots.contains(&slot) {
                    slots.push(slot);
                }
            }
        }
        slots
    }

    /// The query's own tf-idf vector over slots (as [`TfidfModel::transform`] computes it).
    fn query_vector(&self, query: &str) -> Vec<(usize, f64)> {
        let mut counts: Vec<(usize, u32)> = Vec::new();
        for term in self.params.analyzer().analyze(query) {
            if let Some(slot) = self.slot_of(&term) {
                counts.push((slot, 1));
            }
        }
        counts.sort_unstable_by_key(|&(slot, _)| slot);
        let mut summed: Vec<(usize, u32)> = Vec::with_capacity(counts.len());
        for (slot, count) in counts {
            match summed.last_mut() {
                Some(last) if last.0 == slot => last.1 += count,
                _ => summed.push((slot, count)),
            }
        }
        let total: f64 = summed.iter().map(|&(_, count)| f64::from(count)).sum();
        let params = self.params.params();
        let mut weights: Vec<f64> = summed
            .iter()
            .map(|&(slot, count)| term_frequency(count, total, params.tf) * self.idf(slot))
            .collect();
        normalize(&mut weights, params.norm);
        summed.iter().map(|&(slot, _)| slot).zip(weights).collect()
    }

    /// The `top_k` best documents for `query`: the same ranking and scores as
    /// [`TfidfModel::search`], reading only the postings of the query's terms.
    pub fn search(&self, query: &str, scoring: SearchScoring, top_k: usize) -> Vec<SearchHit> {
        let query_vector: Vec<(usize, f64)> = match scoring {
            SearchScoring::SumOfWeights => self
                .query_slots(query)
                .into_iter()
                .map(|slot| (slot, 1.0))
                .collect(),
            SearchScoring::Cosine => self.query_vector(query),
        };
        if query_vector.is_empty() {
            return Vec::new();
        }
        let query_norm = query_vector.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
        // Per document: the dot product, accumulated in query-term order as the kernel does.
        let mut dots: Vec<Option<f64>> = vec![None; self.documents()];
        for &(slot, query_weight) in &query_vector {
            for (document, weight) in self.postings(slot) {
                if let Some(dot) = dots.get_mut(document) {
                    let term = query_weight * weight;
                    *dot = Some(dot.map_or(term, |d| d + term));
                }
            }
        }
        let mut hits: Vec<(usize, f64)> = dots
            .into_iter()
            .enumerate()
            .filter_map(|(document, dot)| {
                let dot = dot?;
                let score = match scoring {
                    SearchScoring::SumOfWeights => dot,
                    SearchScoring::Cosine if dot > 0.0 => {
                        dot / (query_norm * self.doc_norms.get(document).copied().unwrap_or(0.0))
                    }
                    SearchScoring::Cosine => 0.0,
                };
                (score > 0.0).then_some((document, score))
            })
            .collect();
        heaviest_first(&mut hits);
        hits.truncate(top_k);
        hits.into_iter()
            .map(|(document, score)| SearchHit {
                document,
                id: self.doc_ids[document].clone(),
                score,
            })
            .collect()
    }

    /// df, idf and the documents where a term weighs most (the term explorer).
    pub fn term_info(&self, term: &str, max_documents: usize) -> Option<TermInfo> {
        let analyzed = self.params.analyzer().tokens(term).join(" ");
        let slot = self.slot_of(&analyzed)?;
        let mut documents: Vec<(usize, f64)> = self.postings(slot).collect();
        heaviest_first(&mut documents);
        documents.truncate(max_documents);
        Some(TermInfo {
            name: self.name(slot).to_string(),
            df: self.df(slot),
            idf: self.idf(slot),
            documents,
        })
    }

    /// A document's heaviest terms by name.
    pub fn top_terms(&self, document: usize, k: usize) -> Vec<(String, f64)> {
        self.doc_top
            .get(document)
            .map(|top| {
                top.iter()
                    .take(k)
                    .map(|&(slot, w)| (self.name(slot as usize).to_string(), w))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// `term,df,idf` lines, one per used column, in column order.
    pub fn vocabulary_csv(&self) -> String {
        let mut out = String::from("term,df,idf\n");
        for slot in 0..self.slots() {
            out.push_str(&format!(
                "{},{},{}\n",
                csv_field(self.name(slot)),
                self.df(slot),
                self.idf(slot)
            ));
        }
        out
    }

    /// `doc,term,weight` lines, documents in corpus order, terms in column order (the kernel's
    /// `sparse_csv` layout).
    pub fn sparse_csv(&self) -> String {
        let mut rows: Vec<Vec<(u32, f64)>> = vec![Vec::new(); self.documents()];
        for slot in 0..self.slots() {
            for (document, weight) in self.postings(slot) {
                if let Some(row) = rows.get_mut(document) {
                    row.push((slot as u32, weight));
                }
            }
        }
        let names: Vec<String> = (0..self.slots()).map(|s| csv_field(self.name(s))).collect();
        let mut out = String::from("doc,term,weight\n");
        for (document, row) in rows.iter().enumerate() {
            let doc = csv_field(&self.doc_ids[document]);
            for &(slot, weight) in row {
                out.push_str(&doc);
                out.push(',');
                out.push_str(&names[slot as usize]);
                out.push(',');
                out.push_str(&weight.to_string());
                out.push('\n');
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernels::tfidf::{fit, TfidfParams};
    use crate::kernels::Silent;
    use crate::text::Corpus;

    fn small(params: TfidfParams) -> (TfidfModel, TfidfIndex) {
        let corpus = Corpus::from_texts([
            ("tax.txt", "income tax and the tax on income"),
            ("tariff.txt", "a tariff is a tax on imports"),
            ("farm.txt", "farm income fell"),
            ("empty.txt", ""),
            ("a,b.txt", "tax \"cuts\""),
        ]);
        let model = fit(&corpus, &params.validate().unwrap(), &mut Silent).unwrap();
        let index = TfidfIndex::build(&model, &mut Silent, 0.0).unwrap();
        (model, index)
    }

    #[test]
    fn index_answers_like_the_model() {
        for params in [
            TfidfParams::default(),
            TfidfParams {
                ngram_range: (1, 2),
                norm: crate::kernels::tfidf::Normalization::None,
                ..TfidfParams::default()
            },
            TfidfParams {
                n_features: Some(4),
                ..TfidfParams::default()
            },
        ] {
            let (model, index) = small(params);
            for query in [
                "income tax",
                "TAX tariff farm",
                "zebra",
                "",
                "income tax income",
            ] {
                for scoring in [SearchScoring::SumOfWeights, SearchScoring::Cosine] {
                    assert_eq!(
                        index.search(query, scoring, 10),
                        model.search(query, scoring, 10),
                        "{query} {scoring:?}"
                    );
                }
            }
            for document in 0..5 {
                // Hash buckets shared by many terms are named by their first few.
                let ours = index.top_terms(document, 10);
                let theirs = model.top_terms(document, 10);
                assert_eq!(ours.len(), theirs.len());
                for ((name, weight), (full, expected)) in ours.iter().zip(&theirs) {
                    assert_eq!(weight, expected);
                    let shown = name.split(" | …").next().unwrap_or("");
                    assert!(full.starts_with(shown), "{name} / {full}");
                }
            }
            let stats = model.term_stats("Tax", 10).unwrap();
            let info = index.term_info("Tax", 10).unwrap();
            assert_eq!(
                (info.df, info.idf, info.documents),
                (stats.document_frequency, stats.idf, stats.documents)
            );
            if index.hashing.is_none() {
                assert_eq!(index.sparse_csv(), model.sparse_csv());
            } else {
                assert_eq!(index.sparse_csv().lines().count(), model.summary().nnz + 1);
            }
            assert_eq!(index.vocabulary_csv().lines().count(), index.slots() + 1);
        }
    }

    #[test]
    fn index_round_trips_and_reports() {
        let (model, index) = small(TfidfParams::default());
        let bytes = crate::jobs::protocol::encode(&index);
        let back: TfidfIndex = crate::jobs::protocol::decode(&bytes).unwrap();
        assert_eq!(back, index);
        assert_eq!(index.summary, model.summary());
        assert_eq!(index.vocabulary_csv(), model.vocabulary_csv());
        assert_eq!(index.zipf.first(), Some(&(1.0, 3.0)));
        assert_eq!(index.similarity.docs, 5);
        assert!(index.term_info("nowhere", 5).is_none());
        assert_eq!(index.doc_norms[3], 0.0);
    }

    #[test]
    fn zipf_ranks_are_log_spaced_and_end_at_the_last() {
        let points = zipf_points((1..=1000).collect());
        assert_eq!(points[0], (1.0, 1000.0));
        assert_eq!(points.last(), Some(&(1000.0, 1.0)));
        assert!(points.len() < 400);
    }

    #[test]
    fn fixture_queries_rank_like_the_kernel() {
        // tests/fixtures/expected/tfidf.json was checked against the kernel's search; the index
        // must give the very same hits on corpus_small.
        let corpus = crate::kernels::tfidf::reference_tests::load_corpus_small();
        let valid = TfidfParams::default().validate().unwrap();
        let model = fit(&corpus, &valid, &mut Silent).unwrap();
        let index = TfidfIndex::build(&model, &mut Silent, 0.0).unwrap();
        assert_eq!(
            (index.summary.vocabulary, index.summary.nnz),
            (25149, 402171)
        );
        for query in ["slavery", "tariff", "income tax", "war"] {
            assert_eq!(
                index.search(query, SearchScoring::SumOfWeights, 10),
                model.search(query, SearchScoring::SumOfWeights, 10)
            );
        }
    }
}
