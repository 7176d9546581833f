//! The notes search index: two TF-IDF models from the TF-IDF lab's engine
//! ([`crate::kernels::tfidf`], its default weighting, unigrams and bigrams), one over the notes'
//! titles and one over their sections.
//!
//! A note's score for a query is the sum, over the query's terms, of their weights in the
//! note's title (times [`TITLE_WEIGHT`]) plus the score of its best section (the lab's "sum of
//! weights"). Titles are short, so a term in a title weighs a lot there: a note *about* a
//! term outranks notes that only use it. Ranking by the best section rather than the whole
//! note keeps long notes from diluting a focused passage.

use serde::{Deserialize, Serialize};

use super::sections::{sections, SearchSource};
use crate::kernels::tfidf::{fit, SearchScoring, TfidfModel, TfidfParams};
use crate::kernels::{KernelError, Silent};
use crate::text::{snippet, Corpus, Snippet};

/// How much a title match counts next to a section match.
pub const TITLE_WEIGHT: f64 = 1.0;
/// Matching sections listed under a hit.
pub const SECTIONS_SHOWN: usize = 4;
/// Length of a hit's snippet, in bytes.
pub const SNIPPET_BYTES: usize = 220;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct IndexedNote {
    slug: String,
    title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct IndexedSection {
    note: usize,
    anchor: Option<String>,
    heading: String,
    text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NotesSearchIndex {
    notes: Vec<IndexedNote>,
    sections: Vec<IndexedSection>,
    titles: TfidfModel,
    bodies: TfidfModel,
}

/// A matching section: its anchor (`None` for the lead), heading and score.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionHit {
    pub anchor: Option<String>,
    pub heading: String,
    pub score: f64,
}

/// A matching note, with its best sections and a snippet of the best one.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteHit {
    pub slug: String,
    pub title: String,
    pub score: f64,
    /// Matching sections below the lead, best first (at most [`SECTIONS_SHOWN`]).
    pub sections: Vec<SectionHit>,
    pub snippet: Snippet,
}

/// The engine's settings for notes: the lab's defaults with unigrams and bigrams.
pub fn notes_params() -> TfidfParams {
    TfidfParams {
        ngram_range: (1, 2),
        ..TfidfParams::default()
    }
}

impl NotesSearchIndex {
    /// Indexes `sources` (library notes and imported ones) in the given order.
    pub fn build(sources: &[SearchSource]) -> Result<NotesSearchIndex, KernelError> {
        let valid = notes_params()
            .validate()
            .map_err(|e| KernelError::InvalidData(e.to_string()))?;
        let mut notes = Vec::with_capacity(sources.len());
        let mut indexed = Vec::new();
        for (note, source) in sources.iter().enumerate() {
            notes.push(IndexedNote {
                slug: source.slug.clone(),
                title: source.title.clone(),
            });
            indexed.extend(sections(source).into_iter().map(|s| IndexedSection {
                note,
                anchor: s.anchor,
                heading: s.heading,
                text: s.text,
            }));
        }
        let titles = Corpus::from_texts(sources.iter().map(|s| (s.slug.clone(), s.title.clone())));
        let bodies = Corpus::from_texts(indexed.iter().map(|s| {
            let id = format!(
                "{}#{}",
                notes[s.note].slug,
                s.anchor.as_deref().unwrap_or("")
            );
            (id, s.text.clone())
        }));
        Ok(NotesSearchIndex {
            titles: fit(&titles, &valid, &mut Silent)?,
            bodies: fit(&bodies, &valid, &mut Silent)?,
            notes,
            sections: indexed,
        })
    }

    pub fn note_count(&self) -> usize {
        self.notes.len()
    }

    pub fn section_count(&self) -> usize {
        self.sections.len()
    }

    /// The notes matching `query`, best first (ties in index order), at most `limit`.
    pub fn search(&self, query: &str, limit: usize) -> Vec<NoteHit> {
        let mut scores = vec![0.0; self.notes.len()];
        for hit in self
            .titles
            .search(query, SearchScoring::SumOfWeights, usize::MAX)
        {
            scores[hit.document] += TITLE_WEIGHT * hit.score;
        }
        // Section hits come best first, so each note's first one is its best.
        let section_hits = self
            .bodies
            .search(query, SearchScoring::SumOfWeights, usize::MAX);
        let mut best_section = vec![None; self.notes.len()];
        let mut matched: Vec<Vec<(usize, f64)>> = vec![Vec::new(); self.notes.len()];
        for hit in &section_hits {
            let note = self.sections[hit.document].note;
            if best_section[note].is_none() {
                best_section[note] = Some(hit.document);
                scores[note] += hit.score;
            }
            matched[note].push((hit.document, hit.score));
        }
        let mut ranked: Vec<(usize, f64)> = scores
            .iter()
            .copied()
            .enumerate()
            .filter(|&(_, score)| score > 0.0)
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(limit);
        let words = self.bodies.params.analyzer().tokens(query);
        ranked
            .into_iter()
            .map(|(note, score)| {
                let shown = best_section[note].unwrap_or_else(|| self.lead_of(note));
                NoteHit {
                    slug: self.notes[note].slug.clone(),
                    title: self.notes[note].title.clone(),
                    score,
                    sections: matched[note]
                        .iter()
                        .filter(|(s, _)| self.sections[*s].anchor.is_some())
                        .take(SECTIONS_SHOWN)
                        .map(|&(s, score)| SectionHit {
                            anchor: self.sections[s].anchor.clone(),
                            heading: self.sections[s].heading.clone(),
                            score,
                        })
                        .collect(),
                    snippet: snippet(&self.sections[shown].text, &words, SNIPPET_BYTES),
                }
            })
            .collect()
    }

    /// The lead section of `note` (sections are stored note by note, lead first).
    fn lead_of(&self, note: usize) -> usize {
        self.sections.partition_point(|s| s.note < note)
    }
}
