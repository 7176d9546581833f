//! Running a fit in the worker pool. With one worker the whole fit is one job; with more, the
//! documents are split into one shard per worker (by bytes of text), each worker counts its
//! shard, and a last job merges the counts, weights and indexes them. Progress is the mean
//! of the shards' progress, then the merge's; cancel cancels every job of the run.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use js_sys::Uint8Array;
use leptos::prelude::*;
use serde_bytes::ByteBuf;

use super::corpora::Loaded;
use crate::jobs::protocol::decode;
use crate::jobs::tfidf_index::TfidfIndex;
use crate::jobs::{Event, Job, JobResult};
use crate::kernels::tfidf::TfidfParams;
use crate::text::Corpus;
use crate::ui::job::{JobState, Status};
use crate::ui::pool::pool;

/// Counting is this share of the progress bar; the merge and indexing take the rest.
const COUNT_SHARE: f64 = 0.8;
/// Below this much text a split costs more than it saves.
const MIN_SHARDED_BYTES: usize = 1 << 20;

/// A fitted model as the page keeps it.
#[derive(Clone, Debug)]
pub struct Fitted {
    pub index: Arc<TfidfIndex>,
    /// The index as the worker encoded it, sent back for exports.
    pub encoded: Arc<Vec<u8>>,
    /// The documents it was fitted on (for snippets).
    pub corpus: Arc<Corpus>,
    pub shards: usize,
}

impl PartialEq for Fitted {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.index, &other.index)
    }
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Document ranges of about equal text size, one per worker.
pub fn shard_ranges(sizes: &[usize], shards: usize) -> Vec<(usize, usize)> {
    let total: usize = sizes.iter().sum();
    let shards = shards.clamp(1, sizes.len().max(1));
    let mut ranges = Vec::with_capacity(shards);
    let (mut start, mut seen) = (0, 0);
    for (i, size) in sizes.iter().enumerate() {
        seen += size;
        let boundary = total * (ranges.len() + 1) / shards;
        if seen >= boundary && ranges.len() + 1 < shards {
            ranges.push((start, i + 1));
            start = i + 1;
        }
    }
    if start < sizes.len() || ranges.is_empty() {
        ranges.push((start, sizes.len()));
    }
    ranges
}

/// A fit's jobs and where they stand.
#[derive(Clone, Copy)]
pub struct FitRun {
    pub state: JobState,
    jobs: StoredValue<Vec<u64>>,
    /// Bumped by every start and cancel: events of an older run are ignored.
    generation: StoredValue<u64>,
}

impl FitRun {
    pub fn new() -> FitRun {
        FitRun {
            state: JobState::new(),
            jobs: StoredValue::new(Vec::new()),
            generation: StoredValue::new(0),
        }
    }

    fn begin(&self) -> u64 {
        self.cancel_jobs();
        self.generation.update_value(|g| *g += 1);
        let state = self.state;
        state.status.set(Status::Running);
        state.fraction.set(0.0);
        state.message.set("queued".into());
        state.error.set(None);
        state.elapsed_ms.set(None);
        self.generation.get_value()
    }

    fn current(&self, generation: u64) -> bool {
        self.generation.get_value() == generation
    }

    fn cancel_jobs(&self) {
        for id in self.jobs.get_value() {
            pool().cancel(id);
        }
        self.jobs.set_value(Vec::new());
    }

    pub fn cancel(&self) {
        self.cancel_jobs();
        self.generation.update_value(|g| *g += 1);
        if self.state.status.get_untracked() == Status::Running {
            self.state.message.set("cancelled".into());
            self.state.status.set(Status::Idle);
        }
    }

    fn fail(&self, generation: u64, message: String) {
        if self.current(generation) {
            self.cancel_jobs();
            self.state.fail(message);
        }
    }

    pub fn start(
        &self,
        loaded: &Loaded,
        params: TfidfParams,
        shards: Option<usize>,
        on_done: impl Fn(Fitted) + Clone + 'static,
    ) {
        let generation = self.begin();
        let started = now_ms();
        let sizes: Vec<usize> = loaded
            .corpus
            .documents
            .iter()
            .map(|d| d.text.len())
            .collect();
        let total: usize = sizes.iter().sum();
        // By default one shard per worker, for corpora big enough to gain from it.
        let shards = match shards {
            Some(n) => n,
            None if total >= MIN_SHARDED_BYTES => pool().size(),
            None => 1,
        };
        let ranges = if shards > 1 {
            shard_ranges(&sizes, shards)
        } else {
            Vec::new()
        };
        let finish = {
            let run = *self;
            let corpus = loaded.corpus.clone();
            let shards = ranges.len().max(1);
            move |encoded: Vec<u8>| {
                if !run.current(generation) {
                    return;
                }
                match decode::<TfidfIndex>(&encoded) {
                    Ok(index) => {
                        run.jobs.set_value(Vec::new());
                        run.state.elapsed_ms.set(Some(now_ms() - started));
                        run.state.fraction.set(1.0);
                        run.state.message.set("finished".into());
                        on_done(Fitted {
                            index: Arc::new(index),
                            encoded: Arc::new(encoded),
                            corpus: corpus.clone(),
                            shards,
                        });
                        run.state.status.set(Status::Done);
                    }
                    Err(e) => run.fail(generation, e),
                }
            }
        };
        if ranges.len() < 2 {
            self.submit(
                generation,
                Job::TfidfFit { params },
                Some(&loaded.encoded),
                0.0,
                1.0,
                move |result| {
                    if let JobResult::TfidfIndex { encoded } = result {
                        finish(encoded)
                    }
                },
            );
            return;
        }
        let n = ranges.len();
        let results: Rc<RefCell<Vec<Option<ByteBuf>>>> = Rc::new(RefCell::new(vec![None; n]));
        let fractions: Rc<RefCell<Vec<f64>>> = Rc::new(RefCell::new(vec![0.0; n]));
        for (shard, (start, end)) in ranges.into_iter().enumerate() {
            let run = *self;
            let results = results.clone();
            let fractions = fractions.clone();
            let finish = finish.clone();
            self.submit_with_progress(
                generation,
                Job::TfidfCount { params, start, end },
                Some(&loaded.encoded),
                move |fraction, message| {
                    let mean = {
                        let mut f = fractions.borrow_mut();
                        f[shard] = fraction;
                        f.iter().sum::<f64>() / n as f64
                    };
                    run.state.fraction.set(mean * COUNT_SHARE);
                    run.state
                        .message
                        .set(format!("{message} (shard {} of {n})", shard + 1));
                },
                move |result| {
                    let JobResult::TfidfCounts { encoded } = result else {
                        return;
                    };
                    let ready = {
                        let mut r = results.borrow_mut();
                        r[shard] = Some(ByteBuf::from(encoded));
                        r.iter().all(Option::is_some)
                    };
                    if ready {
                        let shards: Vec<ByteBuf> =
                            results.borrow_mut().drain(..).flatten().collect();
                        let finish = finish.clone();
                        run.submit(
                            generation,
                            Job::TfidfMerge { params, shards },
                            None,
                            COUNT_SHARE,
                            1.0 - COUNT_SHARE,
                            move |result| {
                                if let JobResult::TfidfIndex { encoded } = result {
                                    finish(encoded)
                                }
                            },
                        );
                    }
                },
            );
        }
    }

    fn submit(
        &self,
        generation: u64,
        job: Job,
        corpus: Option<&Arc<Vec<u8>>>,
        offset: f64,
        scale: f64,
        on_result: impl Fn(JobResult) + 'static,
    ) {
        let run = *self;
        self.submit_with_progress(
            generation,
            job,
            corpus,
            move |fraction, message| {
                run.state.fraction.set(offset + scale * fraction);
                run.state.message.set(message);
            },
            on_result,
        );
    }

    fn submit_with_progress(
        &self,
        generation: u64,
        job: Job,
        corpus: Option<&Arc<Vec<u8>>>,
        on_progress: impl Fn(f64, String) + 'static,
        on_result: impl Fn(JobResult) + 'static,
    ) {
        let run = *self;
        // A copy per job: the buffer is transferred to (and detached by) the worker.
        let file = corpus.map(|bytes| Uint8Array::from(bytes.as_slice()).buffer());
        let on_event = move |event: Event| {
            if !run.current(generation) {
                return;
            }
            match event {
                Event::Progress {
                    fraction, message, ..
                } => on_progress(fraction, message),
                Event::Done(result) => on_result(result),
                Event::Failed(message) if message == "cancelled" => {}
                Event::Failed(message) => run.fail(generation, message),
                Event::Ready => {}
            }
        };
        let id = match file {
            Some(file) => pool().submit_file(job, file.into(), move |event, _| on_event(event)),
            None => pool().submit(job, on_event),
        };
        self.jobs.update_value(|j| j.push(id));
    }
}

impl Default for FitRun {
    fn default() -> Self {
        FitRun::new()
    }
}

#[cfg(test)]
mod tests {
    use super::shard_ranges;

    #[test]
    fn shards_cover_every_document_once_with_similar_sizes() {
        let sizes = [10, 10, 10, 10, 10, 10, 10, 10];
        assert_eq!(shard_ranges(&sizes, 2), [(0, 4), (4, 8)]);
        assert_eq!(shard_ranges(&sizes, 3), [(0, 3), (3, 6), (6, 8)]);
        assert_eq!(shard_ranges(&[5], 4), [(0, 1)]);
        assert_eq!(shard_ranges(&[], 3), [(0, 0)]);
        let uneven = shard_ranges(&[100, 1, 1, 1, 1], 2);
        assert_eq!(uneven, [(0, 1), (1, 5)]);
    }
}
