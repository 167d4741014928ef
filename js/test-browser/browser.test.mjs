// quarry-wasm in headless Chromium: the ESM browser build from a local server, on the main thread
// and in a module Web Worker; lazy variants (the request log shows what was fetched); SharedBuffer;
// streaming through a ReadableStream; errors as QuarryError; the worker pool with Web Workers.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startBrowser } from './browser.mjs';
import { HTML, MARKDOWN, nodeResult, TEXT } from './docs.mjs';

const PKG = '/js/dist/browser.mjs';
const BLANK = '/js/test-browser/pages/blank.html';

let b;

before(async () => {
  b = await startBrowser();
});
after(() => b?.close());

/** A fresh page (nothing cached: the server forbids it) with an empty request log. */
async function fresh() {
  const page = await b.open(BLANK);
  b.server.clear();
  return page;
}

function wasmFetches() {
  return b.server.requests(/\.wasm$/).map((e) => `${e.path.split('/').pop()} ${e.status} ${e.type}`);
}

function noErrors(page) {
  assert.deepEqual(page.errors.map(String), []);
}

describe('main thread', () => {
  test('text: the result equals Node\'s; only the core variant is fetched, as application/wasm', async () => {
    const page = await fresh();
    const r = await page.evaluate(async ([pkg, text]) => {
      const q = await import(pkg);
      const res = await q.extractBytes(new TextEncoder().encode(text));
      return {
        res,
        sync: q.extractBytesSync(new TextEncoder().encode('sync on the main thread')).content,
        detected: q.detectMimeType(new TextEncoder().encode('{"a": 1}'), 'data.json'),
        formats: q.supportedFormats().map((f) => f.name),
        variants: q.__debug.loadedVariants(),
      };
    }, [PKG, TEXT]);
    assert.equal(r.res.content, 'Plain text in a browser\nsecond line');
    assert.deepEqual(r.res, await nodeResult(TEXT));
    assert.equal(r.sync, 'sync on the main thread');
    assert.equal(r.detected, 'application/json');
    assert.ok(r.formats.includes('html') && r.formats.includes('markdown'));
    assert.deepEqual(r.variants, ['core']);
    assert.deepEqual(wasmFetches(), ['quarry-core.wasm 200 application/wasm']);
    noErrors(page);
  });

  /** Extracts [doc, hint, config] cases on a fresh page; each result must equal Node's. */
  async function extractCases(cases) {
    const page = await fresh();
    const got = await page.evaluate(async ([pkg, cases]) => {
      const q = await import(pkg);
      const out = [];
      for (const [doc, mime, config] of cases) out.push(await q.extractBytes(new TextEncoder().encode(doc), mime, config ?? undefined));
      return out;
    }, [PKG, cases]);
    for (let i = 0; i < cases.length; i++) assert.deepEqual(got[i], await nodeResult(...cases[i]), `case ${i}`);
    assert.deepEqual(wasmFetches(), ['quarry-core.wasm 200 application/wasm']);
    noErrors(page);
    return got;
  }

  test('HTML, plain and as Markdown', async () => {
    const [plain, md] = await extractCases([
      [HTML, 'text/html', undefined],
      [HTML, 'page.html', { outputFormat: 'markdown' }],
    ]);
    assert.equal(plain.mimeType, 'text/html');
    assert.match(plain.content, /Heading one/);
    assert.match(plain.content, /First bold paragraph with a link\./);
    assert.match(plain.content, /alpha[\s\S]*beta/);
    assert.doesNotMatch(plain.content, /<|>/);
    assert.equal(plain.metadata.title, 'Quarry page');
    assert.deepEqual(plain.tables[0].cells, [['name', 'qty'], ['bolts', '12']]);
    assert.match(md.content, /^# Heading one$/m);
    assert.match(md.content, /\*\*bold\*\*/);
    assert.match(md.content, /\[link\]\(https:\/\/example\.com\/\)/);
    assert.match(md.content, /^[-*] alpha$/m);
  });

  test('Markdown, plain and as Markdown', async () => {
    const [plain, md] = await extractCases([
      [MARKDOWN, 'text/markdown', undefined],
      [MARKDOWN, 'notes.md', { outputFormat: 'markdown' }],
    ]);
    assert.equal(plain.mimeType, 'text/markdown');
    assert.match(plain.content, /Notes/);
    assert.match(plain.content, /Some emphasis and a link\./);
    assert.doesNotMatch(plain.content, /[*#[\]]/);
    assert.deepEqual(plain.tables[0].cells, [['a', 'b'], ['1', '2']]);
    assert.match(md.content, /^# Notes$/m);
    assert.match(md.content, /\*emphasis\*|_emphasis_/);
  });

  test('a second variant is fetched lazily, once, when first needed', async () => {
    const page = await fresh();
    const r = await page.evaluate(async (pkg) => {
      const q = await import(pkg);
      await q.extractBytes(new TextEncoder().encode('core first'));
      const before = q.__debug.loadedVariants();
      const pdfInfo = q.supportedFormats().find((f) => f.name === 'pdf');
      let how;
      if (pdfInfo) {
        // PDF is in a variant: a PDF signature makes the async call load it.
        how = 'signature';
        await q.extractBytes(new TextEncoder().encode('%PDF-1.4\n%%EOF\n')).catch(() => {});
        await q.loadFormat('application/pdf');
      } else {
        // No PDF extractor in this build yet: loadFormat says so, and the pdf variant (core
        // formats only for now) is loaded on demand through a buffer in it.
        how = 'variant';
        const e = await q.loadFormat('application/pdf').catch((x) => x);
        if (!(e instanceof q.QuarryError) || e.code !== 'FORMAT_NOT_LOADED') throw new Error(`unexpected: ${e}`);
        const buf = await q.SharedBuffer.create(16, { variant: 'pdf' });
        buf.free();
      }
      const again = await q.loadFormat('text');
      const text = (await q.extractBytes(new TextEncoder().encode('still core'))).content;
      return { before, after: q.__debug.loadedVariants(), how, text, textLoaded: again.loaded };
    }, PKG);
    assert.deepEqual(r.before, ['core']);
    assert.deepEqual(r.after, ['core', 'pdf'], r.how);
    assert.equal(r.text, 'still core');
    assert.equal(r.textLoaded, true);
    assert.deepEqual(wasmFetches(), ['quarry-core.wasm 200 application/wasm', 'quarry-pdf.wasm 200 application/wasm']);
    noErrors(page);
  });

  test('SharedBuffer + extractShared: the document is read in place, no copy', async () => {
    const page = await fresh();
    const r = await page.evaluate(async (pkg) => {
      const q = await import(pkg);
      const bytes = new TextEncoder().encode('Written straight into module memory');
      const buf = await q.SharedBuffer.create(1024);
      buf.view().set(bytes);
      q.__debug.resetCounters();
      const res = await q.extractShared(buf, bytes.length, 'text/plain');
      const copied = q.__debug.bytesCopiedIn();
      const handles = q.__debug.liveHandles();
      buf.free();
      let stale;
      try {
        buf.view();
      } catch (e) {
        stale = e.code;
      }
      return { content: res.content, copied, freed: handles - q.__debug.liveHandles(), stale, capacity: buf.capacity };
    }, PKG);
    assert.deepEqual(r, { content: 'Written straight into module memory', copied: 0, freed: 1, stale: 'INVALID_ARGUMENT', capacity: 1024 });
    noErrors(page);
  });

  test('streaming: toReadableStream() and for await give the whole content in chunks', async () => {
    const page = await fresh();
    const r = await page.evaluate(async (pkg) => {
      const q = await import(pkg);
      // A document whose text is itself: no trailing spaces, nothing to trim.
      const parts = [];
      for (let i = 0; i < 8000; i++) parts.push('The quick brown fox jumps over the lazy dog.', i % 10 === 9 ? '\n' : ' ');
      const doc = parts.join('').trim();
      const bytes = new TextEncoder().encode(doc);
      const whole = (await q.extractBytes(bytes, 'text/plain')).content;
      const s = q.extractBytesStreaming(bytes, 'text/plain');
      const reader = s.toReadableStream().getReader();
      const chunks = [];
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
      }
      // Pieces of input from a ReadableStream, content through for await.
      const input = new Blob([bytes]).stream();
      const s2 = q.extractBytesStreaming(input, 'text/plain');
      let n = 0;
      let joined = '';
      for await (const c of s2) {
        n++;
        joined += c;
      }
      return { whole: whole === doc, same: chunks.join('') === doc, chunks: chunks.length, maxChunk: Math.max(...chunks.map((c) => c.length)), size: bytes.length, same2: joined === doc, n, metadata: s.metadata };
    }, PKG);
    assert.equal(r.whole, true);
    assert.equal(r.same, true);
    assert.equal(r.same2, true);
    assert.ok(r.chunks > 3, `${r.chunks} chunks for ${r.size} bytes`);
    assert.ok(r.maxChunk <= 64 * 1024);
    assert.ok(r.n > 3);
    assert.equal(r.metadata.encoding, 'utf-8');
    noErrors(page);
  });

  test('errors are QuarryError with a code, and the module keeps working', async () => {
    const page = await fresh();
    const r = await page.evaluate(async (pkg) => {
      const q = await import(pkg);
      const enc = (s) => new TextEncoder().encode(s);
      const codeOf = async (f) => {
        try {
          await f();
          return 'no error';
        } catch (e) {
          return `${e instanceof q.QuarryError && e instanceof Error ? 'QuarryError' : 'other'} ${e.name} ${e.code}`;
        }
      };
      const binary = new Uint8Array(64).map((_, i) => (i * 37) & 0xff);
      const out = {
        unsupported: await codeOf(() => q.extractBytes(binary)),
        invalid: await codeOf(() => q.extractBytes(enc('x'), 'text/plain', { outputFormat: 'pdf' })),
        limit: await codeOf(() => q.extractBytes(enc('word '.repeat(1000)), 'text/plain', { limits: { maxOutputBytes: 10 } })),
        corruptOrUnwritten: await codeOf(() => q.extractBytes(enc('{"a":'), 'application/json')),
        path: await codeOf(() => q.extractFile('/etc/passwd')),
        stale: await codeOf(async () => {
          const s = q.extractBytesStreaming(enc('abc'));
          s.free();
          await s.nextChunk();
        }),
      };
      out.after = (await q.extractBytes(enc('after the errors'))).content;
      const batch = await q.batchExtractBytes([{ data: enc('ok') }, { data: binary }, { data: 'nope' }]);
      out.batch = batch.map((e) => ('error' in e ? e.error.code : e.content));
      return out;
    }, PKG);
    assert.equal(r.unsupported, 'QuarryError QuarryError UNSUPPORTED_FORMAT');
    assert.equal(r.invalid, 'QuarryError QuarryError INVALID_ARGUMENT');
    assert.equal(r.limit, 'QuarryError QuarryError LIMIT_EXCEEDED');
    assert.match(r.corruptOrUnwritten, /^QuarryError QuarryError (CORRUPT|UNSUPPORTED_FORMAT)$/);
    assert.equal(r.path, 'QuarryError QuarryError INVALID_ARGUMENT');
    assert.equal(r.stale, 'QuarryError QuarryError INVALID_ARGUMENT');
    assert.equal(r.after, 'after the errors');
    assert.deepEqual(r.batch, ['ok', 'UNSUPPORTED_FORMAT', 'INVALID_ARGUMENT']);
  });

  test('extractFile takes a File from the page', async () => {
    const page = await fresh();
    const r = await page.evaluate(async (pkg) => {
      const q = await import(pkg);
      const file = new File(['A file picked in the page\n'], 'picked.txt', { type: '' });
      const res = await q.extractFile(file);
      return [res.content, res.mimeType];
    }, PKG);
    assert.deepEqual(r, ['A file picked in the page', 'text/plain']);
  });
});

describe('module Web Worker', () => {
  test('text, HTML and Markdown extracted in a worker equal Node\'s results', async () => {
    const page = await fresh();
    const docs = [
      { text: TEXT, mimeType: 'text/plain' },
      { text: HTML, mimeType: 'text/html' },
      { text: HTML, mimeType: 'text/html', config: { outputFormat: 'markdown' } },
      { text: MARKDOWN, mimeType: 'text/markdown' },
      { text: MARKDOWN, mimeType: 'text/markdown', config: { outputFormat: 'markdown' } },
    ];
    const r = await page.evaluate(async (docs) => {
      const w = new Worker('/js/test-browser/pages/worker.mjs', { type: 'module' });
      const reply = (want) =>
        new Promise((resolve, reject) => {
          w.onmessage = (e) => (want === undefined || e.data === want ? resolve(e.data) : null);
          w.onerror = (e) => reject(new Error(`worker error: ${e.message}`));
        });
      await reply('ready');
      const answer = reply();
      w.postMessage({ docs });
      const out = await answer;
      w.terminate();
      return out;
    }, docs);
    assert.equal(r.isWorker, true);
    assert.equal(r.sync, 'sync in a worker');
    assert.deepEqual(r.variants, ['core']);
    assert.deepEqual(r.out[0].result, await nodeResult(TEXT, 'text/plain'));
    for (let i = 1; i < docs.length; i++) {
      assert.deepEqual(r.out[i].result, await nodeResult(docs[i].text, docs[i].mimeType, docs[i].config), `doc ${i}`);
    }
    assert.match(r.out[1].result.content, /First bold paragraph with a link\./);
    assert.match(r.out[2].result.content, /^# Heading one$/m);
    assert.match(r.out[3].result.content, /Some emphasis and a link\./);
    assert.match(r.out[4].result.content, /^# Notes$/m);
    assert.deepEqual(wasmFetches(), ['quarry-core.wasm 200 application/wasm']);
    noErrors(page);
  });
});

describe('worker pool (Web Workers)', () => {
  test('createWorkerPool: one module compiled and shared, bytes moved, batches, Blobs, errors', async () => {
    const page = await fresh();
    const r = await page.evaluate(async (pkg) => {
      const q = await import(pkg);
      const enc = (s) => new TextEncoder().encode(s);
      const pool = q.createWorkerPool({ size: 2 });
      const mine = enc('moved to a worker');
      const one = await pool.extractBytes(mine, 'text/plain');
      const docs = Array.from({ length: 24 }, (_, i) => ({ data: enc(`document number ${i}`) }));
      docs.push({ data: new Uint8Array([0, 1, 2, 3, 255, 254]), mimeType: 'application/x-nothing' });
      const batch = await pool.batchExtractBytes(docs);
      const file = await pool.extractFile(new File(['from a File\n'], 'f.txt'));
      const htmlDoc = (await pool.extractBytes(enc('<h1>Pooled</h1><p>page</p>'), 'text/html', { outputFormat: 'markdown' })).content;
      let err;
      try {
        await pool.extractBytes(enc('word '.repeat(100)), 'text/plain', { limits: { maxOutputBytes: 5 } });
      } catch (e) {
        err = { isQuarryError: e instanceof q.QuarryError, code: e.code };
      }
      const stats = pool.__stats();
      await pool.terminate();
      let after;
      try {
        await pool.extractBytes(enc('late'));
      } catch (e) {
        after = e.code;
      }
      return {
        one: one.content,
        detached: mine.byteLength,
        batch: batch.map((e) => ('error' in e ? `${e.error instanceof q.QuarryError} ${e.error.code}` : e.content)),
        file: file.content,
        htmlDoc,
        err,
        stats,
        after,
        mainLoaded: q.__debug.loadedVariants(),
      };
    }, PKG);
    assert.equal(r.one, 'moved to a worker');
    assert.equal(r.detached, 0, 'the caller\'s buffer was transferred');
    assert.deepEqual(r.batch.slice(0, 24), Array.from({ length: 24 }, (_, i) => `document number ${i}`));
    assert.equal(r.batch[24], 'true UNSUPPORTED_FORMAT');
    assert.equal(r.file, 'from a File');
    assert.match(r.htmlDoc, /^# Pooled$/m);
    assert.deepEqual(r.err, { isQuarryError: true, code: 'LIMIT_EXCEEDED' });
    assert.equal(r.stats.workers, 2);
    assert.ok(r.stats.answered.every((n) => n > 0), `both workers worked: ${r.stats.answered}`);
    assert.equal(r.after, 'INVALID_ARGUMENT');
    // The page compiled core once and sent it to both workers; it never instantiated it itself.
    assert.deepEqual(r.mainLoaded, []);
    assert.deepEqual(wasmFetches(), ['quarry-core.wasm 200 application/wasm']);
    assert.ok(b.server.requests(/\/js\/dist\/worker\.browser\.mjs$/).length >= 1);
    noErrors(page);
  });

  test('a worker that fails is replaced; its call rejects with a QuarryError', async () => {
    const page = await fresh();
    const r = await page.evaluate(async (pkg) => {
      const q = await import(pkg);
      const pool = q.createWorkerPool({ size: 1 });
      const first = (await pool.extractBytes(new TextEncoder().encode('first'))).content;
      const code = await pool.__crashWorker().catch((e) => `${e instanceof q.QuarryError} ${e.code}`);
      const second = (await pool.extractBytes(new TextEncoder().encode('second'))).content;
      await pool.terminate();
      return [first, code, second];
    }, PKG);
    assert.deepEqual(r, ['first', 'true OUT_OF_MEMORY', 'second']);
  });
});
