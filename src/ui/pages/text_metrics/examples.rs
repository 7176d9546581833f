//! Worked examples the page can load, each with where its numbers are worked out.

use super::params::LabParams;

pub struct Example {
    pub id: &'static str,
    pub label: &'static str,
    /// Where the expected values are worked out.
    pub source: &'static str,
    pub candidate: &'static str,
    pub references: &'static [&'static str],
    pub probabilities: &'static str,
}

impl Example {
    pub fn params(&self) -> LabParams {
        LabParams {
            candidate: self.candidate.to_string(),
            references: self.references.iter().map(|r| r.to_string()).collect(),
            probabilities: self.probabilities.to_string(),
            log_probabilities: false,
            lowercase: false,
            split_punctuation: false,
        }
    }
}

pub const EXAMPLES: [Example; 3] = [
    Example {
        id: "notes",
        label: "The notes' worked example (one changed word)",
        source: "the note's worked example: p₁ = 5/6, p₂ = 3/5, p₃ = 1/4, p₄ = 0/3, BP = 1, BLEU-4 = 0, ROUGE-L = 5/6",
        candidate: "the cat sat on the mat",
        references: &["the cat is on the mat"],
        probabilities: "0.25 0.5 0.125",
    },
    Example {
        id: "papineni",
        label: "Papineni et al. 2002, three references",
        source: "Papineni et al. 2002, §2.1 (p₁ = 17/18, p₂ = 10/17) and NLTK's sentence_bleu doctest (BLEU = 0.5046)",
        candidate: "It is a guide to action which ensures that the military always obeys the commands of the party",
        references: &[
            "It is a guide to action that ensures that the military will forever heed Party commands",
            "It is the guiding principle which guarantees the military forces always being under the command of the Party",
            "It is the practical guide for the army always to heed the directions of the party",
        ],
        probabilities: "0.2 0.1 0.05 0.4 0.3",
    },
    Example {
        id: "lin",
        label: "Lin 2004, ROUGE-L word order",
        source: "Lin 2004, §3.1: ROUGE-L of “the gunman kill police” is 2/4 = 0.5, ROUGE-2 is 1/3",
        candidate: "the gunman kill police",
        references: &["police killed the gunman"],
        probabilities: "0.25 0.25 0.25 0.25",
    },
];
