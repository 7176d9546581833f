// Writes the TF-IDF benchmark corpus: every State of the Union address of corpus_small (one
// line of text each) cut after a sentence's full stop once the piece holds at least 1,500
// characters, one .txt file per piece in target/bench-data/sotu_paragraphs/ (≈ 7,000
// documents, ≈ 10.7 MB).
// Deterministic: the same input gives the same files. Prints the count and size.
// Usage: node scripts/make-text-benchmark.mjs
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const source = new URL('../public/samples/corpus_small/', import.meta.url);
const out = new URL('../target/bench-data/sotu_paragraphs/', import.meta.url);
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
let documents = 0;
let bytes = 0;
for (const file of readdirSync(source).filter((f) => f.endsWith('.txt')).sort()) {
  const sentences = readFileSync(new URL(file, source), 'utf8').split(/(?<=\.)\s+(?=[A-Z])/);
  let current = '';
  let part = 0;
  const flush = () => {
    if (current.trim() === '') return;
    writeFileSync(new URL(`${file.replace(/\.txt$/, '')}_${String(part++).padStart(3, '0')}.txt`, out), current);
    documents += 1;
    bytes += Buffer.byteLength(current);
    current = '';
  };
  for (const sentence of sentences) {
    current = current ? `${current} ${sentence}` : sentence;
    if (current.length >= 1500) flush();
  }
  flush();
}
console.log(`wrote ${documents} documents, ${(bytes / 1e6).toFixed(2)} MB, to target/bench-data/sotu_paragraphs/`);
