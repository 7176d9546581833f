//! Growing a forest across the worker pool: the trees are split into one share per
//! worker, each share is grown by its own job (tree i always draws from stream i of the
//! forest seed, so the split does not change the forest), and a last job merges the
//! shares, scores and explains. Progress is trees grown / num_trees, then the merge;
//! cancel cancels every job of the run.

use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;

use leptos::prelude::*;

use crate::jobs::trees::{ForestChunkJob, ForestMergeJob, ForestOutcome, TreeData};
use crate::jobs::{Event, Job, JobResult};
use crate::kernels::forest::{ForestChunk, ForestParams};
use crate::ui::job::{JobState, Status};
use crate::ui::pool::pool;

/// Growing the trees is this share of the progress bar; merging and scoring the rest.
const GROW_SHARE: f64 = 0.9;

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// `num_trees` split into at most `shares` consecutive ranges of near-equal size.
pub fn tree_shares(num_trees: usize, shares: usize) -> Vec<Range<usize>> {
    let shares = shares.clamp(1, num_trees.max(1));
    (0..shares)
        .map(|s| num_trees * s / shares..num_trees * (s + 1) / shares)
        .filter(|r| !r.is_empty())
        .collect()
}

#[derive(Clone, Copy)]
pub struct ForestRun {
    pub state: JobState,
    jobs: StoredValue<Vec<u64>>,
    /// Bumped by every start and cancel: events of an older run are ignored.
    generation: StoredValue<u64>,
    /// Jobs the last run used to grow its trees.
    pub shares: RwSignal<usize>,
}

impl ForestRun {
    pub fn new() -> ForestRun {
        ForestRun {
            state: JobState::new(),
            jobs: StoredValue::new(Vec::new()),
            generation: StoredValue::new(0),
            shares: RwSignal::new(0),
        }
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
        data: TreeData,
        params: ForestParams,
        on_done: impl Fn(ForestOutcome) + 'static,
    ) {
        self.cancel_jobs();
        self.generation.update_value(|g| *g += 1);
        let generation = self.generation.get_value();
        let state = self.state;
        state.status.set(Status::Running);
        state.fraction.set(0.0);
        state.message.set("queued".into());
        state.error.set(None);
        state.elapsed_ms.set(None);
        let started = now_ms();
        let shares = tree_shares(params.num_trees, pool().size());
        self.shares.set(shares.len());
        let n = shares.len();
        let total = params.num_trees as f64;
        let grown: Rc<RefCell<Vec<f64>>> = Rc::new(RefCell::new(vec![0.0; n]));
        let chunks: Rc<RefCell<Vec<Option<ForestChunk>>>> = Rc::new(RefCell::new(vec![None; n]));
        let data = Rc::new(data);
        let on_done = Rc::new(on_done);
        for (share, trees) in shares.into_iter().enumerate() {
            let size = trees.len() as f64;
            let job = Job::ForestChunk(Box::new(ForestChunkJob {
                train_x: data.train_x.clone(),
                train_y: data.train_y.clone(),
                params: params.clone(),
                trees,
            }));
            let run = *self;
            let (grown, chunks, data, params, on_done) = (
                grown.clone(),
                chunks.clone(),
                data.clone(),
                params.clone(),
                on_done.clone(),
            );
            self.submit(generation, job, move |event| match event {
                Event::Progress { fraction, .. } => {
                    let done = {
                        let mut g = grown.borrow_mut();
                        g[share] = fraction * size;
                        g.iter().sum::<f64>()
                    };
                    run.state.fraction.set(GROW_SHARE * done / total);
                    run.state.message.set(format!(
                        "{:.0} of {total} trees grown ({n} workers)",
                        done.floor()
                    ));
                }
                Event::Done(JobResult::ForestChunk(chunk)) => {
                    let ready = {
                        let mut c = chunks.borrow_mut();
                        c[share] = Some(*chunk);
                        c.iter().all(Option::is_some)
                    };
                    if ready {
                        let all: Vec<ForestChunk> =
                            chunks.borrow_mut().drain(..).flatten().collect();
                        run.merge(
                            generation,
                            (*data).clone(),
                            params.clone(),
                            all,
                            started,
                            on_done.clone(),
                        );
                    }
                }
                _ => {}
            });
        }
    }

    fn merge(
        &self,
        generation: u64,
        data: TreeData,
        params: ForestParams,
        chunks: Vec<ForestChunk>,
        started: f64,
        on_done: Rc<impl Fn(ForestOutcome) + 'static>,
    ) {
        let run = *self;
        let job = Job::ForestMerge(Box::new(ForestMergeJob {
            data,
            params,
            chunks,
        }));
        self.submit(generation, job, move |event| match event {
            Event::Progress {
                fraction, message, ..
            } => {
                run.state
                    .fraction
                    .set(GROW_SHARE + (1.0 - GROW_SHARE) * fraction);
                run.state.message.set(message);
            }
            Event::Done(JobResult::Forest(outcome)) => {
                run.jobs.set_value(Vec::new());
                run.state.elapsed_ms.set(Some(now_ms() - started));
                run.state.fraction.set(1.0);
                run.state.message.set("finished".into());
                on_done(*outcome);
                run.state.status.set(Status::Done);
            }
            _ => {}
        });
    }

    /// Submits one job of this run; failures end the run, a cancel is already handled.
    fn submit(&self, generation: u64, job: Job, on_event: impl Fn(Event) + 'static) {
        let run = *self;
        let id = pool().submit(job, move |event| {
            if !run.current(generation) {
                return;
            }
            match event {
                Event::Failed(message) if message == "cancelled" => {}
                Event::Failed(message) => run.fail(generation, message),
                other => on_event(other),
            }
        });
        self.jobs.update_value(|j| j.push(id));
    }
}

impl Default for ForestRun {
    fn default() -> Self {
        ForestRun::new()
    }
}

#[cfg(test)]
mod tests {
    use super::tree_shares;

    #[test]
    fn shares_cover_every_tree_once() {
        assert_eq!(tree_shares(10, 3), vec![0..3, 3..6, 6..10]);
        assert_eq!(tree_shares(2, 5), vec![0..1, 1..2]);
        assert_eq!(tree_shares(7, 1), vec![0..7]);
    }
}
