// A user's path through the XGBoost lab: fidelity against xgboost on the fixed
// breast-cancer split (uploaded as SageMaker's train and validation channels), the
// samples with no upload, a deep link with an invalid value, and cancelling a long run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, launch, openPage, foreignRequests, waitForStatus, metric, shotsDir } from './harness.mjs';

const PORT = 8767;
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
const expected = JSON.parse(readFileSync(fixture('expected/xgboost.json'), 'utf8'));

/** The fixed 80/20 split of breast_cancer.csv (data/splits/breast_cancer_split.json) as two CSVs. */
function splitCsv() {
  const lines = readFileSync(fixture('data/breast_cancer.csv'), 'utf8').trim().split('\n');
  const split = JSON.parse(readFileSync(fixture('data/splits/breast_cancer_split.json'), 'utf8'));
  const rows = lines.slice(1);
  const pick = (idx) => Buffer.from([lines[0], ...idx.map((i) => rows[i])].join('\n') + '\n');
  return { train: pick(split.train), test: pick(split.test), nTest: split.test.length };
}

test('breast_cancer on the fixed split matches xgboost 3.2 (AUC, logloss); views and exports work', async (t) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // spec (expected/xgboost.json): tree_method hist, max_depth 6, eta 0.3, lambda 1, alpha 0,
  // gamma 0, subsample 1, colsample_bytree 1, min_child_weight 1, max_bin 256, seed 0,
  // 100 rounds; results "base_score_0.5" use base_score 0.5. All set explicitly here.
  const { page, requests, errors } = await openPage(
    context,
    `${server.url}#/lab/xgboost?num_round=100&eta=0.3&max_depth=6&lambda=1&alpha=0&gamma=0&min_child_weight=1&subsample=1&colsample_bytree=1&max_bin=256&base_score=0.5&seed=0`,
  );
  const { train, test: held, nTest } = splitCsv();
  await page.locator('input[type=file][data-testid=upload-train]').setInputFiles({ name: 'bc_train.csv', mimeType: 'text/csv', buffer: train });
  await page.waitForFunction(() => document.querySelector('select[data-testid=dataset]')?.value === 'bc_train', null, { timeout: 30000 });
  await page.locator('input[type=file][data-testid=upload-validation]').setInputFiles({ name: 'bc_test.csv', mimeType: 'text/csv', buffer: held });
  await page.waitForFunction(() => document.querySelector('select[name=validation]')?.value === 'bc_test', null, { timeout: 30000 });
  assert.equal(await page.inputValue('select[data-testid=target]'), 'label');
  assert.match(await page.locator('[data-testid=task]').textContent(), /binary classification/);
  await page.click('button[data-testid=run]');
  await waitForStatus(page, 'done', 120000);

  // Reference: xgboost 3.2.0 trained on the same 455 train rows and scored on the 114 test
  // rows (expected/xgboost.json results.breast_cancer["base_score_0.5"]); issue 5 allows
  // AUC within 0.003 and logloss within 0.01. The validation channel is exactly that test set.
  const ref = expected.results.breast_cancer['base_score_0.5'];
  const auc = await metric(page, 'validation:auc');
  const logloss = await metric(page, 'validation:logloss');
  t.diagnostic(`validation:auc ${auc} (xgboost ${ref.test_auc}), validation:logloss ${logloss} (xgboost ${ref.test_logloss})`);
  assert.ok(Math.abs(auc - ref.test_auc) <= 0.003, `validation:auc ${auc} vs xgboost ${ref.test_auc}`);
  assert.ok(Math.abs(logloss - ref.test_logloss) <= 0.01, `validation:logloss ${logloss} vs xgboost ${ref.test_logloss}`);
  for (const name of ['train:auc', 'train:logloss', 'validation:accuracy', 'validation:error']) {
    assert.ok(Number.isFinite(await metric(page, name)), `metric ${name}`);
  }
  const accuracy = await metric(page, 'validation:accuracy');
  assert.ok(Math.abs(accuracy + (await metric(page, 'validation:error')) - 1) < 1e-12);
  assert.ok(Number(await page.locator('[data-testid=elapsed-ms]').textContent()) > 0);

  // Learning curve (default eval_metric logloss): train and validation, 100 rounds.
  await page.waitForSelector('[data-chart="xgboost-curve-logloss.svg"] svg polyline', { state: 'attached' });
  // Tree viewer: round 1's tree has splits and leaves; the next round shows another tree.
  assert.ok((await page.locator('[data-testid=tree-viewer] svg [data-kind=split]').count()) >= 1);
  assert.ok((await page.locator('[data-testid=tree-viewer] svg [data-kind=leaf]').count()) >= 2);
  assert.match(await page.locator('[data-testid=tree-summary]').textContent(), /round 1 of 100/);
  await page.click('[data-testid=tree-viewer] button:has-text("▶")');
  await page.waitForFunction(() => /round 2 of 100/.test(document.querySelector('[data-testid=tree-summary]')?.textContent));
  assert.match(page.url(), /tree=1/);
  // Validation confusion matrix (2 × 2, counts add up to the test rows) and ROC curve.
  const cells = await page.locator('[data-chart="xgboost-confusion-matrix.svg"] svg [data-cell] text').allTextContents();
  assert.equal(cells.length, 4);
  assert.equal(cells.map(Number).reduce((a, b) => a + b, 0), nTest);
  await page.waitForSelector('[data-chart="xgboost-roc.svg"] svg polyline', { state: 'attached' });
  // Importance bars and SHAP plots.
  assert.ok((await page.locator('[data-chart="xgboost-importance.svg"] svg [data-bar]').count()) >= 5);
  assert.equal(await page.locator('[data-chart="xgboost-shap-beeswarm.svg"] svg [data-feature]').count(), 15);
  assert.ok((await page.locator('[data-chart="xgboost-shap-waterfall.svg"] svg [data-step]').count()) >= 10);

  const exports = await page.locator('a[data-testid=export]').evaluateAll((as) => as.map((a) => a.getAttribute('download')));
  for (const name of ['xgboost-model.json', 'sagemaker-hyperparameters.json', 'xgboost-predictions.csv', 'xgboost-shap.csv',
    'xgboost-importance.svg', 'xgboost-roc.svg', 'xgboost-confusion-matrix.svg', 'xgboost-shap-beeswarm.svg',
    'xgboost-shap-waterfall.svg', 'xgboost-shap-importance.svg', 'xgboost-curve-logloss.svg', 'xgboost-tree-round-2.svg']) {
    assert.ok(exports.includes(name), `export ${name} in ${exports}`);
  }
  const download = async (name) => {
    const done = page.waitForEvent('download');
    await page.click(`a[download="${name}"]`);
    return readFileSync(await (await done).path(), 'utf8');
  };
  const model = JSON.parse(await download('xgboost-model.json'));
  assert.equal(model.learner.gradient_booster.model.trees.length, 100);
  assert.equal(model.learner.learner_model_param.base_score, '[5E-1]');
  assert.equal(model.learner.feature_names.length, 30);
  const hyper = JSON.parse(await download('sagemaker-hyperparameters.json'));
  assert.deepEqual([hyper.num_round, hyper.eta, hyper.max_depth, hyper.objective], ['100', '0.3', '6', 'binary:logistic']);
  const predictions = (await download('xgboost-predictions.csv')).trim().split('\n');
  assert.equal(predictions[0], 'channel,row,label,probability,predicted');
  assert.equal(predictions.length, 1 + 569);
  const shap = (await download('xgboost-shap.csv')).trim().split('\n');
  assert.equal(shap.length, 1 + nTest);
  assert.ok(shap[0].startsWith('channel,row,') && shap[0].endsWith(',bias'), shap[0]);
  // Each SHAP line joins its predictions line on channel and row, and base value plus the
  // contributions is that row's margin: the logit of its probability.
  const byRow = new Map(predictions.slice(1).map((line) => { const c = line.split(','); return [`${c[0]},${c[1]}`, Number(c[3])]; }));
  for (const line of shap.slice(1, 6)) {
    const cells = line.split(',');
    assert.equal(cells[0], 'validation');
    const p = byRow.get(`${cells[0]},${cells[1]}`);
    const margin = cells.slice(2).map(Number).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(margin - Math.log(p / (1 - p))) < 1e-6, `row ${cells[1]}: ${margin} vs logit ${p}`);
  }

  await page.screenshot({ path: path.join(shotsDir, 'xgboost-done.png'), fullPage: true });
  assert.deepEqual(foreignRequests(requests, server.url), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('LightGBM mode and the compare view on the fixed split match the lightgbm cross-check', async (t) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // expected/xgboost.json lightgbm_crosscheck (lightgbm 4.7, 100 rounds): objective binary,
  // max_depth 6, num_leaves 63, learning_rate 0.3, lambda_l2 1, lambda_l1 0,
  // min_gain_to_split 0, min_sum_hessian_in_leaf 1, min_data_in_leaf 1, bagging_fraction 1,
  // feature_fraction 1, max_bin 255, seed 0. The XGBoost side keeps its fidelity settings
  // except max_bin, which the two share here (255).
  const lightgbm = 'num_boost_round=100&num_leaves=63&learning_rate=0.3&lambda_l2=1&lambda_l1=0&min_gain_to_split=0&min_sum_hessian_in_leaf=1&min_data_in_leaf=1&bagging_fraction=1&feature_fraction=1&max_bin=255&seed=0';
  const { page, errors } = await openPage(context, `${server.url}#/lab/xgboost?booster=compare&num_round=100&eta=0.3&max_depth=6&base_score=0.5&${lightgbm}`);
  const { train, test: held } = splitCsv();
  await page.locator('input[type=file][data-testid=upload-train]').setInputFiles({ name: 'bc_train.csv', mimeType: 'text/csv', buffer: train });
  await page.waitForFunction(() => document.querySelector('select[data-testid=dataset]')?.value === 'bc_train', null, { timeout: 30000 });
  await page.locator('input[type=file][data-testid=upload-validation]').setInputFiles({ name: 'bc_test.csv', mimeType: 'text/csv', buffer: held });
  await page.waitForFunction(() => document.querySelector('select[name=validation]')?.value === 'bc_test', null, { timeout: 30000 });
  await page.click('button[data-testid=run]');
  await waitForStatus(page, 'done', 120000);
  // Issue 5: LightGBM-style AUC within 0.005 of lightgbm's.
  const ref = expected.lightgbm_crosscheck.breast_cancer.test_auc;
  const cell = async (name, side) => Number(await page.locator(`[data-testid=compare] tr[data-compare="${name}"] td[data-side=${side}]`).getAttribute('data-value'));
  const rivalAuc = await cell('validation:auc', 'lightgbm');
  t.diagnostic(`compare: lightgbm validation:auc ${rivalAuc} (lightgbm ${ref}), xgboost ${await cell('validation:auc', 'xgboost')}`);
  assert.ok(Math.abs(rivalAuc - ref) <= 0.005, `LightGBM validation:auc ${rivalAuc} vs ${ref}`);
  assert.ok((await cell('validation:auc', 'xgboost')) > 0.98);
  // Leaf-wise trees grow past 2^depth's levels unevenly: LightGBM's mean leaves differ.
  assert.notEqual(await cell('mean_leaves', 'lightgbm'), await cell('mean_leaves', 'xgboost'));
  // Leaf-wise trees are not capped at 2^depth leaves per level: both shapes are charted and drawn.
  await page.waitForSelector('[data-chart="compare-leaves.svg"] svg polyline', { state: 'attached' });
  assert.equal(await page.locator('[data-testid=compare] .compare-trees figure svg').count(), 2);
  await page.screenshot({ path: path.join(shotsDir, 'xgboost-compare.png'), fullPage: true });

  // LightGBM alone: its metrics are the lab's metrics and the hyperparameters export uses its names.
  await page.selectOption('select[name=booster]', 'lightgbm');
  await page.waitForFunction(() => /booster=lightgbm/.test(location.hash));
  await page.click('button[data-testid=run]');
  await waitForStatus(page, 'done', 120000);
  assert.ok(Math.abs((await metric(page, 'validation:auc')) - rivalAuc) < 1e-12);
  const done = page.waitForEvent('download');
  await page.click('a[download="sagemaker-hyperparameters.json"]');
  const hyper = JSON.parse(readFileSync(await (await done).path(), 'utf8'));
  assert.deepEqual([hyper.objective, hyper.num_leaves, hyper.learning_rate], ['binary', '63', '0.3']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the samples run with no upload: breast_cancer (binary) and diabetes (regression)', async () => {
  const context = await browser.newContext();
  const { page, requests, errors } = await openPage(context, `${server.url}#/lab/xgboost`);
  await page.waitForFunction(() => document.querySelector('select[data-testid=target]')?.value === 'label');
  await page.click('button[data-testid=run]');
  await waitForStatus(page, 'done', 120000);
  assert.ok((await metric(page, 'validation:logloss')) < 0.3);
  assert.ok((await metric(page, 'validation:auc')) > 0.95);

  await page.selectOption('select[data-testid=dataset]', 'sample:diabetes');
  await page.waitForFunction(() => document.querySelector('select[data-testid=target]')?.value === 'target');
  assert.match(await page.locator('[data-testid=task]').textContent(), /regression/);
  await page.fill('input[name=base_score]', '150');
  await page.locator('input[name=base_score]').dispatchEvent('change');
  await page.click('button[data-testid=run]');
  await waitForStatus(page, 'done', 120000);
  const rmse = await metric(page, 'validation:rmse');
  // Same order as xgboost's test RMSE on its own 20 % split (57.9–61.9 in expected/xgboost.json).
  assert.ok(rmse > 40 && rmse < 80, `validation:rmse ${rmse}`);
  assert.ok(Number.isFinite(await metric(page, 'validation:mae')));
  assert.equal(await page.locator('[data-chart="xgboost-confusion-matrix.svg"]').count(), 0);
  assert.deepEqual(foreignRequests(requests, server.url), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('invalid deep links name the parameter and do not run', async () => {
  const context = await browser.newContext();
  const { page } = await openPage(context, `${server.url}#/lab/xgboost?eta=0`);
  await page.waitForSelector('[data-testid=param-errors] li');
  assert.match(await page.locator('[data-testid=param-errors] li').first().textContent(), /^eta must be greater than 0 and at most 1/);
  await page.click('button[data-testid=run]');
  await waitForStatus(page, 'error');
  assert.match(await page.locator('[data-testid=error]').last().textContent(), /eta/);
  assert.equal(await page.locator('[data-testid=metrics] dd').count(), 0);
  for (const [query, name] of [['num_round=0', 'num_round'], ['max_depth=0', 'max_depth'], ['target=nope', 'target'], ['features=nope', 'features']]) {
    await page.goto(`${server.url}#/lab/xgboost?${query}`);
    await page.waitForFunction(() => document.querySelector('select[data-testid=target]')?.options.length > 0);
    await page.click('button[data-testid=run]');
    await waitForStatus(page, 'error');
    assert.match(await page.locator('[data-testid=error]').last().textContent(), new RegExp(name), query);
  }
  await context.close();
});

test('a long run shows rounds and time left, cancels back to idle, and the next run works', async () => {
  const context = await browser.newContext();
  const { page, requests } = await openPage(context, `${server.url}#/lab/xgboost?num_round=50000&max_depth=8`);
  await page.waitForFunction(() => document.querySelector('select[data-testid=target]')?.value === 'label');
  await page.click('button[data-testid=run]');
  await waitForStatus(page, 'running');
  await page.waitForFunction(() => /round \d+ of 50000, .* left/.test(document.querySelector('.job-message')?.textContent), null, { timeout: 30000 });
  assert.ok(Number(await page.locator('[data-testid=status]').getAttribute('data-progress')) > 0);
  // The live learning curve is drawn while training.
  await page.waitForSelector('[data-chart="xgboost-curve-logloss.svg"] svg polyline', { state: 'attached', timeout: 10000 });
  const cancelledAt = Date.now();
  await page.click('button[data-testid=cancel]');
  await waitForStatus(page, 'idle', 5000);
  assert.ok(Date.now() - cancelledAt < 3000, 'cancel takes effect within the grace period');
  await page.fill('input[name=num_round]', '10');
  await page.locator('input[name=num_round]').dispatchEvent('change');
  await page.click('button[data-testid=run]');
  await waitForStatus(page, 'done', 60000);
  assert.ok((await metric(page, 'validation:auc')) > 0.9);
  assert.deepEqual(foreignRequests(requests, server.url), []);
  await context.close();
});

test('an uploaded CSV: multiclass text target, a categorical feature, missing values, dropped rows', async () => {
  const context = await browser.newContext();
  const { page, requests, errors } = await openPage(context, `${server.url}#/lab/xgboost?num_round=20`);
  // 300 rows: species from x and the colour; x missing in every 10th row, the target in every 50th.
  let seed = 11;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const colours = ['red', 'green', 'blue'];
  const lines = ['x,colour,noise,species'];
  for (let i = 0; i < 300; i++) {
    const x = rand() * 3;
    const colour = colours[Math.floor(rand() * 3)];
    const species = ['setosa', 'versicolor', 'virginica'][(Math.floor(x) + (colour === 'blue' ? 1 : 0)) % 3];
    lines.push([i % 10 === 0 ? '' : x.toFixed(4), colour, rand().toFixed(4), i % 50 === 0 ? '' : species].join(','));
  }
  await page.locator('input[type=file][data-testid=upload]').setInputFiles({ name: 'species.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
  await page.waitForFunction(() => document.querySelector('select[data-testid=dataset]')?.value === 'species', null, { timeout: 30000 });
  await page.selectOption('select[data-testid=target]', 'species');
  assert.match(await page.locator('[data-testid=task]').textContent(), /multiclass classification \(multi:softprob\), classes setosa, versicolor, virginica/);
  assert.match(await page.locator('[data-testid=one-hot-note]').textContent(), /one-hot encoded.*colour \(3 levels\)/);
  await page.click('button[data-testid=run]');
  await waitForStatus(page, 'done', 60000);
  for (const name of ['validation:merror', 'validation:mlogloss', 'validation:accuracy', 'train:mlogloss']) {
    assert.ok(Number.isFinite(await metric(page, name)), `metric ${name}`);
  }
  assert.ok((await metric(page, 'validation:accuracy')) > 0.8);
  assert.equal(await page.locator('[data-chart="xgboost-confusion-matrix.svg"] svg [data-cell]').count(), 9);
  const notices = await page.locator('[data-testid=notices]').textContent();
  assert.match(notices, /6 rows with a missing target were dropped/);
  assert.match(notices, /"colour" was one-hot encoded into 3 columns/);
  assert.match(await page.locator('[data-testid=tree-summary]').textContent(), /round 1 of 20/);
  assert.equal(await page.locator('select[name=class] option').count(), 3);

  // A validation CSV without the "colour" column is refused, naming the column.
  await page.locator('input[type=file][data-testid=upload-validation]').setInputFiles({ name: 'species_valid.csv', mimeType: 'text/csv', buffer: Buffer.from('x,noise,species\n1,0.5,setosa\n2,0.1,virginica\n') });
  await page.waitForFunction(() => document.querySelector('select[name=validation]')?.value === 'species_valid', null, { timeout: 30000 });
  await page.click('button[data-testid=run]');
  await waitForStatus(page, 'error');
  assert.match(await page.locator('[data-testid=error]').last().textContent(), /features: the validation data has no column "colour"/);

  // An objective the target cannot take is refused, naming the parameter.
  await page.goto(`${server.url}#/lab/xgboost?dataset=species&target=colour&features=x&objective=binary:logistic`);
  await page.click('button[data-testid=run]');
  await waitForStatus(page, 'error');
  assert.match(await page.locator('[data-testid=error]').last().textContent(), /^objective: binary:logistic needs a target with two classes; "colour" has 3/);

  // A validation CSV with a column training never saw runs, and the notices name it.
  const wider = ['x,colour,noise,species,comment', ...lines.slice(1, 101).map((l) => `${l},7`)];
  await page.goto(`${server.url}#/lab/xgboost?dataset=species&target=species&num_round=5`);
  await page.locator('input[type=file][data-testid=upload-validation]').setInputFiles({ name: 'species_wide.csv', mimeType: 'text/csv', buffer: Buffer.from(wider.join('\n')) });
  await page.waitForFunction(() => document.querySelector('select[name=validation]')?.value === 'species_wide', null, { timeout: 30000 });
  await page.click('button[data-testid=run]');
  await waitForStatus(page, 'done', 60000);
  assert.match(await page.locator('[data-testid=notices]').textContent(), /columns the training data does not.*ignored: comment/);

  // A target with one class, and a table with nothing but the target, are named.
  for (const [name, csv, message] of [
    ['oneclass', 'x,kind\n1,a\n2,a\n3,a\n4,a\n', /^target: "kind" has only one class \(a\)/],
    ['onlytarget', 'label\n0\n1\n0\n1\n1\n', /^features: no usable feature column/],
  ]) {
    await page.goto(`${server.url}#/lab/xgboost`);
    await page.locator('input[type=file][data-testid=upload]').setInputFiles({ name: `${name}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.waitForFunction((n) => document.querySelector('select[data-testid=dataset]')?.value === n, name, { timeout: 30000 });
    await page.click('button[data-testid=run]');
    await waitForStatus(page, 'error');
    assert.match(await page.locator('[data-testid=error]').last().textContent(), message, name);
  }
  assert.deepEqual(foreignRequests(requests, server.url), []);
  assert.deepEqual(errors, []);
  await context.close();
});
