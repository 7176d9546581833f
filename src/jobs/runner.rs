//! Runs one job inside a worker: the only place that turns a job into kernel calls.

use super::protocol::{Event, Job, JobResult};
use std::io::Read;

use crate::data::{parse_csv_from, profile_column, split_columns, CsvOptions};
use crate::kernels::kmeans::{elbow, fit};
use crate::kernels::pca;
use crate::kernels::{Control, Partial, Progress};

/// Forwards kernel progress to `emit`, batching partial results so the page gets at most
/// one message per `interval_ms` (the centroids partial keeps only its latest value).
struct Emitter<'a> {
    emit: &'a mut dyn FnMut(Event) -> Control,
    now_ms: &'a dyn Fn() -> f64,
    interval_ms: f64,
    last_sent: f64,
    pending: Vec<Partial>,
}

impl Progress for Emitter<'_> {
    fn report(&mut self, fraction: f64, message: &str, partial: Option<Partial>) -> Control {
        if let Some(p) = partial {
            if matches!(p, Partial::Centroids { .. }) {
                self.pending
                    .retain(|q| !matches!(q, Partial::Centroids { .. }));
            }
            self.pending.push(p);
        }
        let now = (self.now_ms)();
        if now - self.last_sent < self.interval_ms {
            return Control::Continue;
        }
        self.last_sent = now;
        let partials = std::mem::take(&mut self.pending);
        (self.emit)(Event::Progress {
            fraction,
            message: message.to_string(),
            partials,
        })
    }
}

/// A file sent with a job, read as a stream so it never has to be in memory whole.
pub struct FileInput {
    pub reader: Box<dyn Read>,
    pub len: u64,
}

impl FileInput {
    pub fn from_bytes(bytes: Vec<u8>) -> FileInput {
        FileInput {
            len: bytes.len() as u64,
            reader: Box::new(std::io::Cursor::new(bytes)),
        }
    }

    /// The whole file, for jobs that need it in memory (an encoded corpus or index).
    pub fn into_bytes(mut self) -> Result<Vec<u8>, String> {
        let mut bytes = Vec::with_capacity(self.len as usize);
        self.reader
            .read_to_end(&mut bytes)
            .map_err(|e| format!("could not read the data sent with the job: {e}"))?;
        Ok(bytes)
    }
}

/// Runs `job`; `file` is the attached file (for `ParseCsv`).
/// Every outcome, including a cancel, ends with exactly one `Done` or `Failed` event.
pub fn run(
    job: Job,
    file: Option<FileInput>,
    now_ms: &dyn Fn() -> f64,
    emit: &mut dyn FnMut(Event) -> Control,
) {
    let outcome = {
        let mut progress = Emitter {
            emit: &mut *emit,
            now_ms,
            interval_ms: 50.0,
            last_sent: f64::NEG_INFINITY,
            pending: Vec::new(),
        };
        run_job(job, file, &mut progress)
    };
    emit(match outcome {
        Ok(result) => Event::Done(result),
        Err(message) => Event::Failed(message),
    });
}

fn run_job(job: Job, file: Option<FileInput>, progress: &mut Emitter) -> Result<JobResult, String> {
    // Jobs other than a CSV parse take their attachment whole.
    let bytes = |file: Option<FileInput>| file.map(FileInput::into_bytes).transpose();
    match job {
        Job::ParseCsv { file_name } => {
            let file = file.ok_or_else(|| format!("{file_name}: no file data was sent"))?;
            let mut on_progress = |f: f64| progress.report(f, "parsing", None) == Control::Continue;
            let (mut table, report) = parse_csv_from(
                file.reader,
                file.len,
                &CsvOptions::default(),
                &mut on_progress,
            )
            .map_err(|e| format!("{file_name}: {e}"))?;
            let profiles = table.columns.iter().map(profile_column).collect();
            let buffers = split_columns(&mut table);
            Ok(JobResult::Table {
                skeleton: table,
                profiles,
                buffers,
                delimiter: report.delimiter as char,
                has_header: report.has_header,
            })
        }
        Job::KMeans { x, params } => {
            let valid = params.validate(x.rows()).map_err(|e| e.to_string())?;
            fit(&x, &valid, progress)
                .map(JobResult::KMeans)
                .map_err(|e| e.to_string())
        }
        Job::KMeansElbow { x, params, ks } => elbow(&x, &params, &ks, progress)
            .map(JobResult::Elbow)
            .map_err(|e| e.to_string()),
        Job::Pca { x, params } => {
            let valid = params
                .validate(x.rows(), x.cols())
                .map_err(|e| e.to_string())?;
            let started = (progress.now_ms)();
            let model = pca::fit(&x, &valid, progress).map_err(|e| e.to_string())?;
            let fit_ms = (progress.now_ms)() - started;
            let projection = model.transform(&x).map_err(|e| e.to_string())?;
            Ok(JobResult::Pca {
                model,
                projection,
                fit_ms,
            })
        }
        Job::UnzipCorpus { file_name } => {
            let bytes =
                bytes(file)?.ok_or_else(|| format!("{file_name}: no file data was sent"))?;
            progress.report(0.0, &format!("unpacking {file_name}"), None);
            crate::text::zip_archive::import_zip(&file_name, &bytes).map(JobResult::Unzipped)
        }
        Job::Xgboost(job) => {
            let packed = bytes(file)?.ok_or("xgboost: no tables were sent")?;
            let now_ms = progress.now_ms;
            super::xgboost::run(*job, &packed, now_ms, progress)
                .map(|o| JobResult::Xgboost(Box::new(o)))
        }
        Job::Crash => panic!("the crash job panics on purpose"),
        Job::TfidfFit { params } => super::run_tfidf::fit(params, bytes(file)?, progress),
        Job::TfidfCount { params, start, end } => {
            super::run_tfidf::count(params, start, end, bytes(file)?, progress)
        }
        Job::TfidfMerge { params, shards } => super::run_tfidf::merge(params, shards, progress),
        Job::TfidfExport { kind } => super::run_tfidf::export(kind, bytes(file)?),
        Job::LdaFit { params } => super::run_lda::fit(params, bytes(file)?, progress),
        Job::DecisionTree(job) => {
            super::trees::run_tree(*job, progress).map(|o| JobResult::DecisionTree(Box::new(o)))
        }
        Job::ForestChunk(job) => super::trees::run_forest_chunk(*job, progress)
            .map(|c| JobResult::ForestChunk(Box::new(c))),
        Job::ForestMerge(job) => {
            super::trees::run_forest_merge(*job, progress).map(|o| JobResult::Forest(Box::new(o)))
        }
        Job::Fm(job) => {
            let now_ms = progress.now_ms;
            super::run_fm::run(*job, now_ms, progress).map(|o| JobResult::Fm(Box::new(o)))
        }
        Job::Rcf(job) => {
            let now_ms = progress.now_ms;
            super::run_rcf::run(*job, now_ms, progress).map(|o| JobResult::Rcf(Box::new(o)))
        }
        Job::NotesSearchIndex => super::run_notes_search::build(bytes(file)?, progress),
        Job::Linear(job) => {
            super::run_linear::run(*job, progress).map(|o| JobResult::Linear(Box::new(o)))
        }
        Job::Knn(job) => {
            let now_ms = progress.now_ms;
            super::run_knn::run(*job, now_ms, progress).map(|o| JobResult::Knn(Box::new(o)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernels::kmeans::KMeansParams;
    use crate::kernels::Matrix;

    fn collect(job: Job, file: Option<FileInput>) -> Vec<Event> {
        let mut events = Vec::new();
        let clock = std::cell::Cell::new(0.0);
        let now = || {
            clock.set(clock.get() + 100.0);
            clock.get()
        };
        run(job, file, &now, &mut |e| {
            events.push(e);
            Control::Continue
        });
        events
    }

    #[test]
    fn csv_job_ends_with_table() {
        let events = collect(
            Job::ParseCsv {
                file_name: "a.csv".into(),
            },
            Some(FileInput::from_bytes(b"a,b\n1,2\n".to_vec())),
        );
        assert!(matches!(
            events.last(),
            Some(Event::Done(JobResult::Table { .. }))
        ));
    }

    #[test]
    fn bad_csv_fails_naming_the_file() {
        let events = collect(
            Job::ParseCsv {
                file_name: "bad.csv".into(),
            },
            Some(FileInput::from_bytes(b"a,b\n1\n".to_vec())),
        );
        assert_eq!(
            events.last(),
            Some(&Event::Failed(
                "bad.csv: line 2: expected 2 fields (as in the first row) but found 1".into()
            ))
        );
    }

    #[test]
    fn kmeans_job_reports_progress_then_model() {
        let x = Matrix::from_rows(&[vec![0.0], vec![0.1], vec![5.0], vec![5.1]]).expect("matrix");
        let events = collect(
            Job::KMeans {
                x,
                params: KMeansParams {
                    k: 2,
                    n_init: 2,
                    ..Default::default()
                },
            },
            None,
        );
        assert!(events.iter().any(|e| matches!(e, Event::Progress { .. })));
        match events.last() {
            Some(Event::Done(JobResult::KMeans(model))) => assert!((model.j - 0.01).abs() < 1e-12),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn invalid_params_fail_with_message() {
        let x = Matrix::from_rows(&[vec![0.0]]).expect("matrix");
        let events = collect(
            Job::KMeans {
                x,
                params: KMeansParams {
                    k: 3,
                    ..Default::default()
                },
            },
            None,
        );
        assert_eq!(
            events.last(),
            Some(&Event::Failed(
                "k must be between 1 and the number of rows (1); it is 3".into()
            ))
        );
    }

    #[test]
    fn messages_round_trip_through_postcard() {
        let request = super::super::Request::Start {
            id: 7,
            job: Job::ParseCsv {
                file_name: "x.csv".into(),
            },
        };
        let bytes = super::super::protocol::encode(&request);
        assert_eq!(
            super::super::protocol::decode::<super::super::Request>(&bytes),
            Ok(request)
        );
    }
}
