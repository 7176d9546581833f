// The text-generation metrics lab: hand-worked BLEU / ROUGE / perplexity values appear as the
// user types, the texts live in the URL, and bad input is named without breaking the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer, launch, openPage, foreignRequests, waitForStatus, metric, shotsDir } from './harness.mjs';

const PORT = 8774;
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

const close = (actual, expected, what) =>
  assert.ok(Math.abs(actual - expected) < 1e-12, `${what}: ${actual} vs ${expected}`);

test('the notes worked example, then a second reference typed in, reproduced by the link', async () => {
  const context = await browser.newContext();
  const { page, requests, errors } = await openPage(context, `${server.url}#/lab/text-metrics`);
  await waitForStatus(page, 'done');
  // The note "Text-generation metrics", section "Worked example": candidate "the cat sat on the
  // mat", reference "the cat is on the mat": p1 = 5/6, p2 = 3/5, p3 = 1/4, p4 = 0/3, BP = 1,
  // BLEU-4 = 0 (unsmoothed), ROUGE-L F = 5/6; perplexity of 0.25 0.5 0.125 = 4. Exact ratios,
  // compared to 1e-12.
  close(await metric(page, 'bleu_precision_1'), 5 / 6, 'p1');
  close(await metric(page, 'bleu_precision_2'), 3 / 5, 'p2');
  close(await metric(page, 'bleu_precision_3'), 1 / 4, 'p3');
  close(await metric(page, 'bleu_precision_4'), 0, 'p4');
  close(await metric(page, 'brevity_penalty'), 1, 'BP');
  close(await metric(page, 'bleu'), 0, 'BLEU');
  close(await metric(page, 'rouge_l_f1'), 5 / 6, 'ROUGE-L');
  close(await metric(page, 'perplexity'), 4, 'perplexity');
  // The cumulative BLEU-2 column: sqrt(5/6 · 3/5) = 0.7071 (the note's table).
  assert.equal((await page.locator('tr[data-n="2"] td').last().textContent()).trim(), '0.7071');
  assert.ok(await page.locator('.tm-formulas math').count() >= 5, 'formulas are MathML');
  assert.equal(await page.locator('[data-math-error]').count(), 0);
  assert.equal(await page.getAttribute('[data-testid=note-link]', 'href'), '#/notes/text-generation-metrics');

  // A second reference "a cat sat on the mat", by hand: every unigram and bigram of the
  // candidate now occurs in one reference (p1 = 6/6, p2 = 5/5); trigrams "cat sat on", "sat on
  // the", "on the mat" (p3 = 3/4); 4-grams "cat sat on the", "sat on the mat" (p4 = 2/3);
  // c = r = 6 so BP = 1 and BLEU = (1 · 1 · 3/4 · 2/3)^(1/4) = 0.5^(1/4).
  await page.click('[data-testid=add-reference]');
  await page.locator('textarea[data-testid=reference]').nth(1).fill('a cat sat on the mat');
  await page.waitForFunction(() => Number(document.querySelector('dd[data-metric="bleu"]')?.dataset.value) > 0);
  close(await metric(page, 'bleu_precision_1'), 1, 'p1 with two references');
  close(await metric(page, 'bleu_precision_3'), 3 / 4, 'p3 with two references');
  close(await metric(page, 'bleu_precision_4'), 2 / 3, 'p4 with two references');
  close(await metric(page, 'bleu'), Math.pow(0.5, 1 / 4), 'BLEU with two references');
  await page.screenshot({ path: path.join(shotsDir, 'text-metrics.png'), fullPage: true });

  // The link reproduces the view.
  const link = page.url();
  assert.match(link, /ref=a%20cat%20sat/);
  const again = await context.newPage();
  await again.goto(link);
  await waitForStatus(again, 'done');
  close(await metric(again, 'bleu'), Math.pow(0.5, 1 / 4), 'BLEU from the link');
  assert.equal(await again.locator('textarea[data-testid=reference]').count(), 2);
  assert.deepEqual(foreignRequests(requests, server.url), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the Papineni example, and bad input named without breaking the page', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const { page, errors } = await openPage(context, `${server.url}#/lab/text-metrics`);
  await waitForStatus(page, 'done');
  await page.selectOption('select[data-testid=example]', 'papineni');
  // NLTK's sentence_bleu doctest on Papineni et al.'s example 1 (three references):
  // 0.5045666840058485, precisions 17/18, 10/17, 7/16, 4/15.
  await page.waitForFunction(() => Number(document.querySelector('dd[data-metric="bleu"]')?.dataset.value) > 0.5);
  close(await metric(page, 'bleu'), 0.5045666840058485, 'BLEU (NLTK doctest)');
  close(await metric(page, 'bleu_precision_3'), 7 / 16, 'p3');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `scrolls sideways by ${overflow}px at 390px`);
  await page.screenshot({ path: path.join(shotsDir, 'text-metrics-390.png'), fullPage: true });

  await page.fill('textarea[data-testid=probabilities]', '0.5 0 0.25');
  await waitForStatus(page, 'error');
  assert.match(await page.textContent('[data-testid=error]'), /^probabilities: token 1/);
  // The other metrics stay.
  close(await metric(page, 'bleu'), 0.5045666840058485, 'BLEU after a bad probability');
  assert.equal(await page.locator('dd[data-metric="perplexity"]').count(), 0);
  await page.fill('textarea[data-testid=probabilities]', '0.5 0.5');
  await waitForStatus(page, 'done');
  close(await metric(page, 'perplexity'), 2, 'perplexity of two halves');
  assert.deepEqual(errors, []);
  await context.close();
});
