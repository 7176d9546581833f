//! A corpus: documents with an id (the file name) and their text.
//!
//! Importing files follows the corpus rules of the text lab: binary files are skipped with the
//! reason, empty documents are kept, and invalid UTF-8 is decoded lossily (U+FFFD for each bad
//! sequence) with the file named in a warning.

use serde::{Deserialize, Serialize};

/// File name endings read as documents; other files are listed as skipped.
pub const TEXT_ENDINGS: [&str; 4] = [".txt", ".md", ".markdown", ".text"];

/// Whether a file is read as a document, by its name.
pub fn has_text_ending(name: &str) -> bool {
    let lower = name.to_lowercase();
    TEXT_ENDINGS.iter().any(|e| lower.ends_with(e))
}

/// How many leading bytes are searched for a NUL byte to call a file binary (git's heuristic).
const BINARY_SNIFF_BYTES: usize = 8000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// The file name (or row label) the document came from; shown as `data-id` in search hits.
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Corpus {
    pub documents: Vec<Document>,
}

/// A file left out of a corpus, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedFile {
    pub name: String,
    pub reason: String,
}

/// The result of importing files: the corpus and what the user should be told about.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorpusImport {
    pub corpus: Corpus,
    pub skipped: Vec<SkippedFile>,
    /// Files that were not valid UTF-8 and were decoded with replacement characters.
    pub decoded_lossily: Vec<String>,
}

impl CorpusImport {
    /// Appends another import's documents and notices (several files or archives → one corpus).
    pub fn merge(&mut self, other: CorpusImport) {
        self.corpus.documents.extend(other.corpus.documents);
        self.skipped.extend(other.skipped);
        self.decoded_lossily.extend(other.decoded_lossily);
    }
}

impl Corpus {
    /// A corpus from `(id, text)` pairs, in the given order.
    pub fn from_texts<I, S, T>(texts: I) -> Corpus
    where
        I: IntoIterator<Item = (S, T)>,
        S: Into<String>,
        T: Into<String>,
    {
        let documents = texts
            .into_iter()
            .map(|(id, text)| Document {
                id: id.into(),
                text: text.into(),
            })
            .collect();
        Corpus { documents }
    }

    /// Imports `(file name, bytes)` pairs in the given order (see the module doc for the rules).
    pub fn from_files(files: impl IntoIterator<Item = (String, Vec<u8>)>) -> CorpusImport {
        let mut import = CorpusImport::default();
        for (name, bytes) in files {
            let sniffed = &bytes[..bytes.len().min(BINARY_SNIFF_BYTES)];
            if sniffed.contains(&0) {
                let reason = "binary file (it contains NUL bytes), not text".to_string();
                import.skipped.push(SkippedFile { name, reason });
                continue;
            }
            let text = match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(error) => {
                    import.decoded_lossily.push(name.clone());
                    String::from_utf8_lossy(error.as_bytes()).into_owned()
                }
            };
            import.corpus.documents.push(Document { id: name, text });
        }
        import
    }

    pub fn len(&self) -> usize {
        self.documents.len()
    }

    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
    }

    /// Total size of the texts in UTF-8 bytes.
    pub fn total_bytes(&self) -> usize {
        self.documents
            .iter()
            .map(|document| document.text.len())
            .sum()
    }

    /// Orders the documents by id (code-point order), as a sorted directory listing would.
    pub fn sort_by_id(&mut self) {
        self.documents.sort_by(|a, b| a.id.cmp(&b.id));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn import_skips_binary_keeps_empty_and_decodes_lossily() {
        let files = vec![
            ("b.txt".to_string(), b"hello world".to_vec()),
            (
                "image.png".to_string(),
                vec![0x89, b'P', b'N', b'G', 0, 0, 1],
            ),
            ("empty.txt".to_string(), Vec::new()),
            ("latin1.txt".to_string(), b"caf\xe9 au lait".to_vec()),
        ];
        let import = Corpus::from_files(files);
        let ids: Vec<&str> = import
            .corpus
            .documents
            .iter()
            .map(|d| d.id.as_str())
            .collect();
        assert_eq!(ids, ["b.txt", "empty.txt", "latin1.txt"]);
        assert_eq!(import.skipped.len(), 1);
        assert_eq!(import.skipped[0].name, "image.png");
        assert!(import.skipped[0].reason.contains("binary"));
        assert_eq!(import.decoded_lossily, ["latin1.txt"]);
        assert_eq!(import.corpus.documents[2].text, "caf\u{FFFD} au lait");
        assert_eq!(import.corpus.documents[1].text, "");
    }

    #[test]
    fn sorting_and_sizes() {
        let mut corpus = Corpus::from_texts([("b", "xy"), ("a", "héllo")]);
        corpus.sort_by_id();
        assert_eq!(corpus.documents[0].id, "a");
        assert_eq!((corpus.len(), corpus.total_bytes()), (2, 8));
        assert!(!corpus.is_empty());
    }
}
