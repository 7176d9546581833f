"""scikit-learn's side of the TF-IDF benchmark: TfidfVectorizer(sublinear_tf=True) (the lab's
defaults) fitted on every .txt file of a folder, read in sorted order, unigrams and (1,2)-grams.
Reading the files is not timed; fit_transform is, best of --repeat runs.

Usage: python bench_sklearn.py [FOLDER] [--repeat N]
       (default target/bench-data/sotu_paragraphs, written by scripts/make-text-benchmark.mjs)
"""

import argparse
import os
import time

import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", default="target/bench-data/sotu_paragraphs")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    names = sorted(n for n in os.listdir(args.folder) if n.endswith(".txt"))
    docs = []
    for name in names:
        with open(os.path.join(args.folder, name), encoding="utf-8") as f:
            docs.append(f.read())
    megabytes = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    print(f"scikit-learn {sklearn.__version__}: {len(docs)} documents, {megabytes:.2f} MB")
    for ngram_range in [(1, 1), (1, 2)]:
        best = float("inf")
        for _ in range(args.repeat):
            vectorizer = TfidfVectorizer(sublinear_tf=True, ngram_range=ngram_range)
            start = time.perf_counter()
            matrix = vectorizer.fit_transform(docs)
            best = min(best, time.perf_counter() - start)
        print(
            f"ngram_range={ngram_range}: fit_transform best of {args.repeat} {best:.3f} s "
            f"= {megabytes / best:.2f} MB/s; vocabulary {len(vectorizer.vocabulary_)}, nnz {matrix.nnz}"
        )


if __name__ == "__main__":
    main()
