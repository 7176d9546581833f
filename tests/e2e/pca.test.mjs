// The PCA lab on the breast_cancer sample: explained variance against scikit-learn, both
// modes, a bad deep link, the charts and exports.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, launch, openPage, foreignRequests, waitForStatus, metric, shotsDir } from './harness.mjs';

const PORT = 8769;
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

// scikit-learn 1.9.1: X z-scored with population std, then PCA(svd_solver='full')
// (fixtures/expected/pca.json, datasets.breast_cancer.explained_variance_ratio).
const expected = JSON.parse(readFileSync(new URL('../fixtures/expected/pca.json', import.meta.url))).datasets.breast_cancer.explained_variance_ratio;

test('regular and randomized PCA on breast_cancer match scikit-learn', async () => {
  const context = await browser.newContext();
  const { page, requests, errors } = await openPage(context, `${server.url}#/lab/pca?num_components=5`);
  // Pressed before the sample has loaded, Run waits for it.
  await page.click('button[data-testid=run]');
  await waitForStatus(page, 'done');
  // Regular mode: the tolerance is 1e-6 on every ratio.
  for (let i = 0; i < 5; i++) {
    const got = await metric(page, `explained_variance_ratio_${i + 1}`);
    assert.ok(Math.abs(got - expected[i]) < 1e-6, `ratio ${i + 1}: ${got} vs ${expected[i]}`);
  }
  // 90 % of the variance needs 7 components (cumulative of the reference ratios).
  assert.equal(await metric(page, 'components_for_90'), 7);
  await page.waitForSelector('[data-chart="pca-projection.svg"] svg');
  await page.waitForSelector('[data-chart="pca-loadings.svg"] svg');
  assert.ok(await page.locator('ul.legend li').count() >= 2, 'the projection is coloured by the label column');
  const exports = await page.locator('a[data-testid=export]').evaluateAll((as) => as.map((a) => a.getAttribute('download')));
  for (const name of ['pca-projection.csv', 'pca-components.csv', 'pca-scree.svg', 'pca-projection.svg', 'pca-loadings.svg']) {
    assert.ok(exports.includes(name), `export ${name} in ${exports}`);
  }
  await page.screenshot({ path: path.join(shotsDir, 'pca-regular.png'), fullPage: true });

  // Randomized mode: within 1e-2 on the first 5 (the tolerance).
  await page.selectOption('select[name=algorithm_mode]', 'randomized');
  await page.waitForFunction(() => location.hash.includes('algorithm_mode=randomized'));
  await page.click('button[data-testid=run]');
  await waitForStatus(page, 'done');
  for (let i = 0; i < 5; i++) {
    const got = await metric(page, `explained_variance_ratio_${i + 1}`);
    assert.ok(Math.abs(got - expected[i]) < 1e-2, `randomized ratio ${i + 1}: ${got} vs ${expected[i]}`);
  }
  // The sketch knows only its 5 directions: the scree plot draws them, and the page says
  // which shares they do not reach (5 reference ratios sum to 0.85, below 90 %).
  await page.waitForSelector('[data-chart="pca-scree.svg"] svg polyline', { state: 'attached' });
  assert.equal(await page.locator('[data-chart="pca-scree.svg"] svg polyline').count(), 2);
  assert.match(await page.locator('[data-testid=variance-unreached]').textContent(), /5 fitted components explain 8\d\.\d % .*90 %, 95 %, 99 % need more/);
  await page.screenshot({ path: path.join(shotsDir, 'pca-randomized.png'), fullPage: true });
  assert.deepEqual(errors, []);
  assert.deepEqual(foreignRequests(requests, server.url), []);
  await context.close();
});

test('a bad parameter in the link names it and does not run', async () => {
  const context = await browser.newContext();
  const { page } = await openPage(context, `${server.url}#/lab/pca?num_components=40`);
  await page.waitForSelector('fieldset.features input[type=checkbox]');
  await page.click('button[data-testid=run]');
  await waitForStatus(page, 'error');
  // 30 features in breast_cancer: 40 components cannot exist.
  assert.match(await page.locator('[data-testid=error]').textContent(), /num_components must be between 1 and the number of features \(30\)/);
  await page.goto(`${server.url}#/lab/pca?algorithm_mode=fast`);
  await page.click('button[data-testid=run]');
  await waitForStatus(page, 'error');
  assert.match(await page.locator('[data-testid=error]').textContent(), /algorithm_mode/);
  await context.close();
});
