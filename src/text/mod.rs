//! Tokenizing and corpora, shared by TF-IDF, LDA and notes search.
//!
//! The pipeline is scikit-learn's `CountVectorizer`: lowercase, word tokens of two or more
//! characters (`(?u)\b\w\w+\b`), optional English stop words, word n-grams, per-document
//! counts, then a pruned vocabulary in code-point order. Counting runs on shards of documents
//! ([`counting`]) so workers can split a corpus and merge their counts.

pub mod analyzer;
pub mod corpus;
pub mod counting;
pub mod doc_frequency;
pub mod fast_hash;
pub mod key_table;
pub mod merge;
pub mod snippet;
pub mod sparse;
pub mod stop_words;
pub mod tokenize;
pub mod vocabulary;
mod word_chars;
pub mod zip_archive;

pub use analyzer::{Analyzer, MAX_NGRAM};
pub use corpus::{Corpus, CorpusImport, Document, SkippedFile};
pub use counting::{count_documents, Cancelled, ChunkCounts};
pub use merge::merge_chunks;
pub use snippet::{snippet, Snippet};
pub use sparse::CsrMatrix;
pub use stop_words::{is_english_stop_word, ENGLISH_STOP_WORDS};
pub use tokenize::{for_each_token, is_word_char, lowercase, tokenize};
pub use vocabulary::{
    build_vocabulary, CountMatrix, DocFrequency, VocabularyError, VocabularyLimits,
};
