// A user's path through the linear learner and k-NN labs: accuracy against scikit-learn on
// the fixed breast-cancer split (uploaded as SageMaker channels), the views and exports,
// L1 zeroing weights, named errors in deep links, and cancelling a long run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, launch, openPage, foreignRequests, waitForStatus, metric, shotsDir } from './harness.mjs';

const PORT = Number(process.env.E2E_PORT ?? 8772);
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

const fixture = (p) => new URL(`../fixtures/${p}`, import.meta.url);
// scikit-learn 1.9.1 on the fixed split (expected/sklearn_models.json, spec in its "spec").
const sklearn = JSON.parse(readFileSync(fixture('expected/sklearn_models.json'), 'utf8')).datasets.breast_cancer;

/** The fixed 80/20 split of breast_cancer.csv (data/splits/breast_cancer_split.json) as two CSVs. */
function splitCsv() {
  const lines = readFileSync(fixture('data/breast_cancer.csv'), 'utf8').trim().split('\n');
  const split = JSON.parse(readFileSync(fixture('data/splits/breast_cancer_split.json'), 'utf8'));
  const rows = lines.slice(1);
  const pick = (idx) => Buffer.from([lines[0], ...idx.map((i) => rows[i])].join('\n') + '\n');
  return { train: pick(split.train), test: pick(split.test), nTrain: split.train.length, nTest: split.test.length };
}

async function upload(page, testid, name, buffer, select, id) {
  await page.locator(`input[type=file][data-testid=${testid}]`).setInputFiles({ name, mimeType: 'text/csv', buffer });
  await page.waitForFunction(([s, v]) => document.querySelector(s)?.value === v, [select, id], { timeout: 30000 });
}

async function setField(page, selector, value) {
  await page.fill(selector, value);
  await page.locator(selector).dispatchEvent('change');
}

test('linear learner: accuracy on the fixed split within 1.5 points of scikit-learn; every view', async (t) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const { page, requests, errors } = await openPage(context, `${server.url}#/lab/linear`);
  const { train, test: held, nTrain, nTest } = splitCsv();
  // As the XGBoost e2e test: train channel = the 455 training rows, validation channel = the
  // 114 test rows (SageMaker's defaults otherwise). The test rows are also uploaded as the
  // test channel, which is scored after selection.
  await upload(page, 'upload-train', 'bc_train.csv', train, 'select[data-testid=dataset]', 'bc_train');
  await upload(page, 'upload-validation', 'bc_test.csv', held, 'select[name=validation]', 'bc_test');
  await page.selectOption('select[name=test]', 'bc_test');
  assert.equal(await page.inputValue('select[data-testid=target]'), 'label');
  assert.match(await page.locator('[data-testid=task]').textContent(), /binary classification/);
  assert.match(page.url(), /test=bc_test/);
  await page.click('button[data-testid=run]');
  await waitForStatus(page, 'done', 120000);

  // Issue 6: within 1.5 points of LogisticRegression(C=1) test accuracy (0.9825 = 112/114;
  // the native kernel test measures 0.9737). Selection tuned the model and threshold on these
  // rows (SageMaker's validation channel), so this is optimistic; see the kernel test.
  const accuracy = await metric(page, 'validation:accuracy');
  assert.equal(await metric(page, 'test:accuracy'), accuracy);
  t.diagnostic(`validation:accuracy ${accuracy} (scikit-learn ${sklearn.logistic_regression_l2_C1_accuracy}); ${await page.locator('[data-testid=selection-reason]').textContent()}`);
  assert.ok(Math.abs(accuracy - sklearn.logistic_regression_l2_C1_accuracy) <= 0.015, `validation:accuracy ${accuracy}`);
  for (const name of ['train:accuracy', 'validation:accuracy', 'validation:auc', 'validation:logloss', 'validation:f1', 'test:auc']) {
    assert.ok(Number.isFinite(await metric(page, name)), `metric ${name}`);
  }
  assert.ok((await metric(page, 'test:auc')) > 0.98);

  // Every model's loss curve (8 by default), the chosen one marked in the table and the chart.
  assert.equal(await page.locator('[data-chart="linear-loss-all-models.svg"] svg polyline').count(), 8);
  assert.equal(await page.locator('[data-testid=selection] tr[data-chosen=true]').count(), 1);
  assert.equal(await page.locator('[data-testid=selection] tbody tr').count(), 8);
  assert.match(await page.locator('[data-testid=selection-reason]').textContent(), /highest accuracy on the validation data.*threshold.*runner-up/);
  await page.waitForSelector('[data-chart="linear-loss-chosen.svg"] svg polyline', { state: 'attached' });
  assert.equal(await page.locator('[data-chart="linear-weights-0.svg"] svg [data-bar]').count(), 30);
  const cells = await page.locator('[data-chart="linear-confusion-matrix.svg"] svg [data-cell] text').allTextContents();
  assert.equal(cells.map(Number).reduce((a, b) => a + b, 0), nTest);
  await page.waitForSelector('[data-chart="linear-roc.svg"] svg polyline', { state: 'attached' });

  const download = async (name) => {
    const done = page.waitForEvent('download');
    await page.click(`a[download="${name}"]`);
    return readFileSync(await (await done).path(), 'utf8');
  };
  const predictions = (await download('linear-predictions.csv')).trim().split('\n');
  assert.equal(predictions[0], 'channel,row,label,probability,predicted');
  assert.equal(predictions.length, 1 + nTrain + 2 * nTest);
  assert.equal(predictions.filter((l) => l.startsWith('test,')).length, nTest);
  const model = JSON.parse(await download('linear-model.json'));
  assert.equal(model.raw_weights[0].length, 30);
  const hyper = JSON.parse(await download('sagemaker-hyperparameters.json'));
  assert.equal(hyper.predictor_type, 'binary_classifier');

  await page.screenshot({ path: path.join(shotsDir, 'linear-done.png'), fullPage: true });
  assert.deepEqual(foreignRequests(requests, server.url), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('linear learner: L1 zeroes weights, regression runs, bad links are named, a long run cancels', async () => {
  const context = await browser.newContext();
  const { page, errors } = await openPage(context, `${server.url}#/lab/linear?num_models=1&learning_rate=0.05&l1=0.1&wd=0&mini_batch_size=32&epochs=200`);
  await page.waitForFunction(() => document.querySelector('select[data-testid=target]')?.value === 'label');
  await page.click('button[data-testid=run]');
  await waitForStatus(page, 'done', 60000);
  const zeros = await page.locator('[data-chart="linear-weights-0.svg"] svg [data-zero=true]').count();
  assert.ok(zeros >= 5, `${zeros} weights are exactly zero`);
  assert.match(await page.locator('[data-chart="linear-weights-0.svg"] svg title').first().textContent(), new RegExp(`${zeros} of 30 exactly zero`));

  await page.goto(`${server.url}#/lab/linear?dataset=sample:diabetes&mini_batch_size=32`);
  await page.waitForFunction(() => document.querySelector('select[data-testid=target]')?.value === 'target');
  await page.click('button[data-testid=run]');
  await waitForStatus(page, 'done', 60000);
  const rmse = await metric(page, 'validation:rmse');
  // Least squares on diabetes has test RMSE ≈ 54 (scikit-learn's classic example); a bound.
  assert.ok(rmse > 40 && rmse < 70, `validation:rmse ${rmse}`);
  assert.equal(await page.locator('[data-chart="linear-confusion-matrix.svg"]').count(), 0);

  for (const [query, pattern] of [['learning_rate=0', /^learning_rate must be/], ['optimizer=rmsprop', /^optimizer:/], ['predictor_type=regressor&target=nope', /target/]]) {
    await page.goto(`${server.url}#/lab/linear?${query}`);
    await page.waitForFunction(() => document.querySelector('select[data-testid=target]')?.options.length > 0);
    await page.click('button[data-testid=run]');
    await waitForStatus(page, 'error');
    assert.match(await page.locator('[data-testid=error]').last().textContent(), pattern, query);
  }

  await page.goto(`${server.url}#/lab/linear?num_models=32&mini_batch_size=1&epochs=1000&early_stopping_patience=1000`);
  await page.waitForFunction(() => document.querySelector('select[data-testid=target]')?.value === 'label');
  await page.click('button[data-testid=run]');
  await waitForStatus(page, 'running');
  // Live curves: points arrive while the models train.
  await page.waitForSelector('[data-chart="linear-loss-all-models.svg"] svg polyline', { state: 'attached', timeout: 20000 });
  assert.ok(Number(await page.locator('[data-testid=status]').getAttribute('data-progress')) > 0);
  await page.click('button[data-testid=cancel]');
  await waitForStatus(page, 'idle', 5000);
  assert.deepEqual(errors, []);
  await context.close();
});

test('k-NN: breast-cancer accuracy equals scikit-learn within one test row (standardized and raw); map and index', async (t) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const { page, requests, errors } = await openPage(context, `${server.url}#/lab/knn?k=5`);
  const { train, test: held, nTest } = splitCsv();
  await upload(page, 'upload-train', 'bc_train.csv', train, 'select[data-testid=dataset]', 'bc_train');
  await upload(page, 'upload-validation', 'bc_test.csv', held, 'select[name=validation]', 'bc_test');
  await page.click('button[data-testid=run]');
  await waitForStatus(page, 'done', 60000);
  // KNeighborsClassifier(n_neighbors=5) on train-standardized (ddof 0) and raw features;
  // issue 6 allows one test row (1/114).
  const oneRow = 1 / nTest + 1e-12;
  const standardized = await metric(page, 'validation:accuracy');
  t.diagnostic(`standardized ${standardized} (scikit-learn ${sklearn.knn5_standardized_accuracy})`);
  assert.ok(Math.abs(standardized - sklearn.knn5_standardized_accuracy) <= oneRow, `standardized ${standardized}`);
  // The map: grid cells and the 455 training points; the index comparison: both indexes.
  assert.ok((await page.locator('[data-chart="knn-decision-regions.svg"] svg [data-cell]').count()) > 2);
  assert.equal(await page.locator('[data-testid=index-timing] tbody tr').count(), 2);
  assert.match(await page.locator('[data-testid=index-timing]').textContent(), /30 dimensions|many dimensions/);
  const cells = await page.locator('[data-chart="knn-confusion-matrix.svg"] svg [data-cell] text').allTextContents();
  assert.equal(cells.map(Number).reduce((a, b) => a + b, 0), nTest);
  await page.screenshot({ path: path.join(shotsDir, 'knn-done.png'), fullPage: true });

  await page.locator('input[name=standardize]').uncheck();
  await page.waitForFunction(() => /standardize=false/.test(location.hash));
  await page.click('button[data-testid=run]');
  await waitForStatus(page, 'done', 60000);
  const raw = await metric(page, 'validation:accuracy');
  t.diagnostic(`raw ${raw} (scikit-learn ${sklearn.knn5_raw_accuracy})`);
  assert.ok(Math.abs(raw - sklearn.knn5_raw_accuracy) <= oneRow, `raw ${raw}`);
  const csv = await (async () => {
    const done = page.waitForEvent('download');
    await page.click('a[download="knn-predictions.csv"]');
    return readFileSync(await (await done).path(), 'utf8').trim().split('\n');
  })();
  assert.equal(csv.length, 1 + nTest);
  assert.deepEqual(foreignRequests(requests, server.url), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('k-NN: named errors, a regressor, and the map over chosen features', async () => {
  const context = await browser.newContext();
  const { page, errors } = await openPage(context, `${server.url}#/lab/knn?k=1000`);
  await page.waitForFunction(() => document.querySelector('select[data-testid=target]')?.value === 'label');
  await page.click('button[data-testid=run]');
  await waitForStatus(page, 'error');
  // 569 rows (212 + 357 per class), 20 % of each class held out (42 + 71): 456 in the index.
  assert.match(await page.locator('[data-testid=error]').last().textContent(), /^k must be between 1 and the number of rows in the index \(456\); it is 1000/);
  for (const [query, pattern] of [['map_x=nope', /^map_x: "nope" is not one of the features/], ['distance=chebyshev', /^distance:/], ['sample_size=5&k=10', /^k must be between 1 and the number of rows in the index \(5\)/]]) {
    await page.goto(`${server.url}#/lab/knn?${query}`);
    await page.waitForFunction(() => document.querySelector('select[data-testid=target]')?.options.length > 0);
    await page.click('button[data-testid=run]');
    await waitForStatus(page, 'error');
    assert.match(await page.locator('[data-testid=error]').last().textContent(), pattern, query);
  }
  await page.goto(`${server.url}#/lab/knn?dataset=sample:diabetes&k=10&map_x=bmi&map_y=s5&index_type=brute_force`);
  await page.waitForFunction(() => document.querySelector('select[data-testid=target]')?.value === 'target');
  await page.click('button[data-testid=run]');
  await waitForStatus(page, 'done', 60000);
  const rmse = await metric(page, 'validation:rmse');
  assert.ok(rmse > 40 && rmse < 80, `validation:rmse ${rmse}`);
  assert.match(await page.locator('[data-chart="knn-decision-regions.svg"] svg title').first().textContent(), /on bmi and s5/);
  assert.deepEqual(errors, []);
  await context.close();
});
