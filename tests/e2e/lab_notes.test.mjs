// Every lab links to the note that explains it, the link opens that note, and the note links
// back to the lab (its front matter's `lab:`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openPage, foreignRequests } from './harness.mjs';

const PORT = 8775;
let server;
let browser;

before(async () => {
  server = await startServer(PORT);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

// lab route → note slug
const LABS = [
  ['kmeans', 'k-means'],
  ['pca', 'principal-component-analysis'],
  ['tfidf', 'tf-idf'],
  ['lda', 'latent-dirichlet-allocation'],
  ['text-metrics', 'text-generation-metrics'],
  ['xgboost', 'xgboost'],
  ['tree', 'decision-trees'],
  ['forest', 'random-forest'],
  ['linear', 'linear-learner'],
  ['knn', 'k-nearest-neighbors'],
  ['fm', 'factorization-machines'],
  ['rcf', 'random-cut-forest'],
];

test('each lab links to its note and the note links back', async () => {
  const context = await browser.newContext();
  const { page, requests, errors } = await openPage(context, `${server.url}#/labs`);
  for (const [lab, note] of LABS) {
    await page.goto(`${server.url}#/lab/${lab}`);
    const link = page.locator('[data-testid=note-link]').first();
    await link.waitFor({ state: 'attached' });
    // Some labs put the test id on the paragraph's link, all on an <a>.
    const href = await link.evaluate((el) => (el.tagName === 'A' ? el : el.querySelector('a')).getAttribute('href'));
    assert.equal(href, `#/notes/${note}`, `lab ${lab}`);
    await page.goto(`${server.url}#/notes/${note}`);
    await page.waitForSelector('[data-testid=lab-link]');
    const back = await page.locator('[data-testid=lab-link]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(back.includes(`#/lab/${lab}`), `note ${note} links to ${back}, not #/lab/${lab}`);
  }
  assert.deepEqual(errors, []);
  assert.deepEqual(foreignRequests(requests, server.url), []);
  await context.close();
});
