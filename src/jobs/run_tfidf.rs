//! The TF-IDF lab's jobs: a whole fit, or a fit split into shards counted on different
//! workers and merged; and the exports, made from the index the page sends back.

use serde_bytes::ByteBuf;

use super::protocol::{decode, encode, JobResult, TfidfExportKind};
use super::tfidf_index::TfidfIndex;
use crate::kernels::tfidf::{count_shard, fit_counts, TfidfParams};
use crate::kernels::{Control, KernelError, Partial, Progress, Scaled};
use crate::text::{ChunkCounts, Corpus};

/// Share of the progress bar for fitting; building the index takes the rest.
const FIT_SHARE: f64 = 0.9;

fn corpus_from(file: Option<Vec<u8>>) -> Result<Corpus, String> {
    let bytes = file.ok_or("no corpus was sent with the job")?;
    decode::<Corpus>(&bytes).map_err(|e| format!("the corpus could not be read: {e}"))
}

fn kernel_error(error: KernelError) -> String {
    match error {
        KernelError::Cancelled => "cancelled".to_string(),
        other => other.to_string(),
    }
}

fn indexed(
    model: &crate::kernels::tfidf::TfidfModel,
    progress: &mut dyn Progress,
) -> Result<JobResult, String> {
    let index = TfidfIndex::build(model, progress, FIT_SHARE).map_err(kernel_error)?;
    Ok(JobResult::TfidfIndex {
        encoded: encode(&index),
    })
}

pub fn fit(
    params: TfidfParams,
    file: Option<Vec<u8>>,
    progress: &mut dyn Progress,
) -> Result<JobResult, String> {
    let valid = params.validate().map_err(|e| e.to_string())?;
    let corpus = corpus_from(file)?;
    let counts = {
        let mut counting = Scaled {
            inner: &mut *progress,
            offset: 0.0,
            scale: FIT_SHARE * 0.85,
        };
        count_shard(&corpus.documents, &valid, &mut counting).map_err(kernel_error)?
    };
    drop(corpus);
    let model = {
        let mut weighting = Scaled {
            inner: &mut *progress,
            offset: 0.0,
            scale: FIT_SHARE,
        };
        fit_counts(vec![counts], &valid, &mut weighting).map_err(kernel_error)?
    };
    indexed(&model, progress)
}

pub fn count(
    params: TfidfParams,
    start: usize,
    end: usize,
    file: Option<Vec<u8>>,
    progress: &mut dyn Progress,
) -> Result<JobResult, String> {
    let valid = params.validate().map_err(|e| e.to_string())?;
    let corpus = corpus_from(file)?;
    let documents = corpus
        .documents
        .get(start..end)
        .ok_or_else(|| format!("documents {start}..{end} are not in the corpus"))?;
    let counts = count_shard(documents, &valid, progress).map_err(kernel_error)?;
    Ok(JobResult::TfidfCounts {
        encoded: encode(&counts),
    })
}

pub fn merge(
    params: TfidfParams,
    shards: Vec<ByteBuf>,
    progress: &mut dyn Progress,
) -> Result<JobResult, String> {
    let valid = params.validate().map_err(|e| e.to_string())?;
    let counts = shards
        .iter()
        .map(|bytes| decode::<ChunkCounts>(bytes))
        .collect::<Result<Vec<_>, _>>()?;
    drop(shards);
    let model = {
        let mut weighting = AfterCounting { inner: progress };
        fit_counts(counts, &valid, &mut weighting).map_err(kernel_error)?
    };
    indexed(&model, progress)
}

/// `fit_counts` reports from 0.85 on (it assumes counting came first); a merge job has only
/// that part, so it is stretched over 0..FIT_SHARE.
struct AfterCounting<'a> {
    inner: &'a mut dyn Progress,
}

impl Progress for AfterCounting<'_> {
    fn report(&mut self, fraction: f64, message: &str, partial: Option<Partial>) -> Control {
        let stretched = ((fraction - 0.85) / 0.15).clamp(0.0, 1.0) * FIT_SHARE;
        self.inner.report(stretched, message, partial)
    }
}

pub fn export(kind: TfidfExportKind, file: Option<Vec<u8>>) -> Result<JobResult, String> {
    let bytes = file.ok_or("no model was sent with the job")?;
    let index: TfidfIndex = decode(&bytes)?;
    let text = match kind {
        TfidfExportKind::SparseMatrix => index.sparse_csv(),
        TfidfExportKind::Vocabulary => index.vocabulary_csv(),
    };
    Ok(JobResult::File {
        bytes: text.into_bytes(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jobs::{run, Event, FileInput, Job};

    fn corpus_bytes() -> Vec<u8> {
        encode(&Corpus::from_texts([
            ("a.txt", "the cat sat"),
            ("b.txt", "the dog sat down"),
            ("c.txt", ""),
            ("d.txt", "cats and dogs"),
        ]))
    }

    fn result(job: Job, file: Option<Vec<u8>>) -> JobResult {
        let mut last = None;
        let clock = std::cell::Cell::new(0.0);
        let now = || {
            clock.set(clock.get() + 100.0);
            clock.get()
        };
        run(job, file.map(FileInput::from_bytes), &now, &mut |event| {
            if let Event::Progress { fraction, .. } = &event {
                assert!((0.0..=1.0).contains(fraction), "{fraction}");
            }
            last = Some(event);
            Control::Continue
        });
        match last {
            Some(Event::Done(result)) => result,
            other => panic!("unexpected {other:?}"),
        }
    }

    fn index_of(result: JobResult) -> TfidfIndex {
        match result {
            JobResult::TfidfIndex { encoded } => decode(&encoded).unwrap(),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn sharded_fit_equals_whole_fit() {
        let params = TfidfParams {
            ngram_range: (1, 2),
            ..TfidfParams::default()
        };
        let whole = index_of(result(Job::TfidfFit { params }, Some(corpus_bytes())));
        let shards = [(0, 1), (1, 3), (3, 4)]
            .into_iter()
            .map(|(start, end)| {
                match result(Job::TfidfCount { params, start, end }, Some(corpus_bytes())) {
                    JobResult::TfidfCounts { encoded } => ByteBuf::from(encoded),
                    other => panic!("unexpected {other:?}"),
                }
            })
            .collect();
        let merged = index_of(result(Job::TfidfMerge { params, shards }, None));
        assert_eq!(merged, whole);
        assert_eq!(whole.summary.documents, 4);
    }

    #[test]
    fn exports_come_back_as_text() {
        let params = TfidfParams::default();
        let encoded = match result(Job::TfidfFit { params }, Some(corpus_bytes())) {
            JobResult::TfidfIndex { encoded } => encoded,
            other => panic!("unexpected {other:?}"),
        };
        let JobResult::File { bytes } = result(
            Job::TfidfExport {
                kind: TfidfExportKind::Vocabulary,
            },
            Some(encoded),
        ) else {
            panic!("file expected")
        };
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with("term,df,idf\nand,1,"), "{text}");
    }

    #[test]
    fn bad_ranges_and_params_fail_with_messages() {
        let params = TfidfParams::default();
        let mut last = None;
        run(
            Job::TfidfCount {
                params,
                start: 3,
                end: 9,
            },
            Some(FileInput::from_bytes(corpus_bytes())),
            &|| 0.0,
            &mut |e| {
                last = Some(e);
                Control::Continue
            },
        );
        assert_eq!(
            last,
            Some(Event::Failed(
                "documents 3..9 are not in the corpus".to_string()
            ))
        );
    }
}
