// The demo page (web/, built by Vite from the package as a user installs it): a sample file
// through the file input, the text shown, the Markdown toggle, a worker, the timing; a screenshot
// is kept as build/artifacts/demo.png.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as q from '../dist/index.mjs';
import { repoDir, startBrowser } from './browser.mjs';

const DEMO = '/web/dist/index.html';
const samples = join(repoDir, 'samples');
const artifacts = join(repoDir, 'build', 'artifacts');

let b;
let page;

before(async () => {
  assert.ok(existsSync(join(repoDir, 'web', 'dist', 'index.html')), 'the demo is built (make demo)');
  b = await startBrowser();
  page = await b.open(DEMO);
  await page.waitForSelector('body[data-ready="true"]');
});
after(() => b?.close());

/** Picks a file through the input and waits for the n-th extraction to be shown. */
async function pick(file, runs) {
  await page.setInputFiles('#file-input', join(samples, file));
  await page.waitForSelector(`body[data-runs="${runs}"]`);
}

async function setOption(selector, runs) {
  await page.click(selector);
  await page.waitForSelector(`body[data-runs="${runs}"]`);
}

const text = (sel) => page.textContent(sel);

describe('demo page', () => {
  test('loads only the core module and lists the formats it has', async () => {
    assert.deepEqual(
      b.server.requests(/\.wasm$/).map((e) => [e.path.split('/').pop().replace(/^(quarry-[a-z]+)-[\w-]+\.wasm$/, '$1.wasm'), e.type]),
      [['quarry-core.wasm', 'application/wasm']],
    );
    assert.match(await text('#formats'), /\.txt/);
    assert.match(await text('#load-timing'), /^\d+(\.\d+)? ms$/);
    assert.deepEqual(page.errors.map(String), []);
  });

  test('a sample picked through the file input: text, format, metadata, timing', async () => {
    await pick('travel-notes.txt', 1);
    const want = (await q.extractFile(join(samples, 'travel-notes.txt'))).content;
    assert.equal(await text('#content'), want);
    assert.match(await text('#content'), /Travel notes — spring, by train/);
    assert.equal(await text('#file-name'), 'travel-notes.txt');
    assert.equal(await text('#mime'), 'text/plain');
    assert.match(await text('#timing'), /^\d+(\.\d+)? ms \(on the page\)$/);
    assert.match(await text('#metadata'), /encoding\s*utf-8/);
    assert.match(await text('#history'), /travel-notes\.txt · plain · [\d.]+ ms · page/);
    // A UTF-16 file decodes to the same text.
    await pick('travel-notes.utf16le.txt', 2);
    assert.equal(await text('#content'), want);
  });

  test('in a worker: the same text', async () => {
    await pick('travel-notes.txt', 3);
    const onPage = await text('#content');
    await setOption('#use-worker', 4);
    assert.equal(await text('#content'), onPage);
    assert.match(await text('#timing'), /ms \(in a worker\)$/);
    await setOption('#use-worker', 5);
    assert.match(await text('#timing'), /\(on the page\)$/);
  });

  test('an HTML sample, as text and as Markdown, with its table', async () => {
    await pick('article.html', 6);
    const plain = await text('#content');
    assert.match(plain, /A winter of river temperatures/);
    assert.doesNotMatch(plain, /<\/?[a-z]+>/i);
    assert.equal(await text('#mime'), 'text/html');
    assert.match(await text('#metadata'), /title\s*A winter of river temperatures/);
    assert.ok((await page.locator('#tables table').count()) >= 1, 'the article\'s table is shown');
    await setOption('#format-markdown', 7);
    assert.equal(await text('#content-title'), 'Markdown');
    assert.match(await text('#content'), /^# A winter of river temperatures$/m);
    assert.equal(await text('#content'), (await q.extractFile(join(samples, 'article.html'), undefined, { outputFormat: 'markdown' })).content);
  });

  test('a Markdown sample (front matter as metadata) and a CSV sample (a table)', async () => {
    let runs = Number(await page.getAttribute('body', 'data-runs'));
    await setOption('#format-plain', ++runs);
    await pick('release-checklist.md', ++runs);
    assert.equal(await text('#mime'), 'text/markdown');
    assert.equal(await text('#content'), (await q.extractFile(join(samples, 'release-checklist.md'))).content);
    assert.match(await text('#content'), /^Release checklist$/m);
    assert.match(await text('#metadata'), /project\s*Lanternfish/);
    await pick('library-loans.csv', ++runs);
    assert.equal(await text('#mime'), 'text/csv');
    assert.equal(await page.locator('#tables table').count(), 1);
    assert.equal(await text('#tables table tr:first-child th:first-child'), 'loan_id');
    assert.equal(await text('#tables table tr:nth-child(2) td:nth-child(3)'), 'Okafor, Chidi');
  });

  test('an error is shown, and the page keeps working', async () => {
    const runs = Number(await page.getAttribute('body', 'data-runs'));
    await page.setInputFiles('#file-input', { name: 'noise.bin', mimeType: 'application/octet-stream', buffer: Buffer.from([0, 1, 2, 3, 250, 251, 252]) });
    await page.waitForSelector('#error:not([hidden])');
    assert.match(await text('#error'), /^UNSUPPORTED_FORMAT: /);
    await pick('article.html', runs + 1);
    assert.equal(await page.isHidden('#error'), true);
  });

  test('screenshot: build/artifacts/demo.png', async () => {
    // The article as Markdown: headings, lists, the table, metadata and the timings in one view.
    await setOption('#format-markdown', Number(await page.getAttribute('body', 'data-runs')) + 1);
    mkdirSync(artifacts, { recursive: true });
    const path = join(artifacts, 'demo.png');
    await page.screenshot({ path, fullPage: true });
    assert.ok(existsSync(path));
    assert.deepEqual(page.errors.map(String), []);
  });
});
