//! The lab's downloads: the document-term matrix as a sparse CSV (`doc,term,weight`, one line
//! per stored entry) and the vocabulary with its document frequency and idf.

use super::model::TfidfModel;
use crate::data::csv_export::csv_field;

impl TfidfModel {
    /// `doc,term,weight` lines, documents in corpus order and terms in column order; weights
    /// printed with Rust's shortest round-trip formatting (full precision).
    pub fn sparse_csv(&self) -> String {
        let mut out = String::from("doc,term,weight\n");
        for (document, id) in self.doc_ids.iter().enumerate() {
            let doc = csv_field(id);
            let (columns, weights) = self.weights.row(document);
            for (&column, weight) in columns.iter().zip(weights) {
                let term = csv_field(&self.feature_name(column));
                out.push_str(&format!("{doc},{term},{weight}\n"));
            }
        }
        out
    }

    /// `term,df,idf` lines, one per column that some document uses.
    pub fn vocabulary_csv(&self) -> String {
        let mut out = String::from("term,df,idf\n");
        for (column, (&df, idf)) in self.document_frequency.iter().zip(&self.idf).enumerate() {
            if df > 0 {
                let term = csv_field(&self.feature_name(column as u32));
                out.push_str(&format!("{term},{df},{idf}\n"));
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

    #[test]
    fn sparse_and_vocabulary_csv() {
        let corpus = Corpus::from_texts([("a,1.txt", "cat cat"), ("b.txt", "dog")]);
        let params = TfidfParams::default().validate().unwrap();
        let model = fit(&corpus, &params, &mut Silent).unwrap();
        // Each document has one term, so its l2-normalized weight is 1.
        assert_eq!(
            model.sparse_csv(),
            "doc,term,weight\n\"a,1.txt\",cat,1\nb.txt,dog,1\n"
        );
        // idf = ln(3/2) + 1 for both terms.
        let idf = (1.5f64).ln() + 1.0;
        assert_eq!(
            model.vocabulary_csv(),
            format!("term,df,idf\ncat,1,{idf}\ndog,1,{idf}\n")
        );
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
