// createWorkerPool in Node.js: worker_threads, each with its own module; the same calls and
// results as on the main thread; bytes moved (or copied on request); errors as QuarryError; a
// dead worker is replaced; an idle pool lets the process exit.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import * as q from '../dist/index.mjs';
import { enc, expectCode, jsDir, repoDir, textDoc, wasmDir } from './helpers.mjs';

const { QuarryError } = q;

describe('worker pool', () => {
  let pool;
  before(() => {
    pool = q.createWorkerPool({ size: 2 });
  });
  after(() => pool.terminate());

  test('extractBytes gives what the main thread gives', async () => {
    await q.init();
    const doc = 'Pool text\r\nline two\n';
    const r = await pool.extractBytes(enc(doc), 'text/plain');
    assert.deepEqual(r, q.extractBytesSync(enc(doc), 'text/plain'));
    assert.equal(r.content, 'Pool text\nline two');
    const md = await pool.extractBytes(enc('# Title\n'), 'notes.txt', { outputFormat: 'markdown' });
    assert.equal(md.mimeType, 'text/plain');
  });

  test('bytes are moved: the caller\'s whole buffer is detached, part of one is copied, transfer:false copies', async () => {
    const whole = enc('moved bytes');
    assert.equal((await pool.extractBytes(whole)).content, 'moved bytes');
    assert.equal(whole.byteLength, 0, 'the Uint8Array over its whole buffer is detached');
    assert.equal(whole.buffer.byteLength, 0);
    const ab = enc('an ArrayBuffer').buffer;
    assert.equal((await pool.extractBytes(ab)).content, 'an ArrayBuffer');
    assert.equal(ab.byteLength, 0);
    // A view of part of a buffer: only that part is copied, the buffer stays the caller's.
    const big = enc('xxxx part of it yyyy');
    const part = big.subarray(5, 15);
    assert.equal((await pool.extractBytes(part)).content, 'part of it');
    assert.equal(big.byteLength, 20);
    assert.equal(new TextDecoder().decode(big), 'xxxx part of it yyyy');
    // Small Buffers share Node's pool: never detached.
    const nodeBuf = Buffer.from('a small Buffer');
    assert.equal((await pool.extractBytes(nodeBuf)).content, 'a small Buffer');
    assert.equal(nodeBuf.toString(), 'a small Buffer');
    // A detached buffer is refused with a clear message.
    const e = await expectCode(() => pool.extractBytes(whole), 'INVALID_ARGUMENT', QuarryError);
    assert.match(e.message, /detached/);
    const copying = q.createWorkerPool({ size: 1, transfer: false });
    try {
      const kept = enc('kept by the caller');
      assert.equal((await copying.extractBytes(kept)).content, 'kept by the caller');
      assert.equal(new TextDecoder().decode(kept), 'kept by the caller');
    } finally {
      await copying.terminate();
    }
  });

  test('batchExtractBytes: order kept, spread over the workers, bad items are entries', async () => {
    const items = [];
    for (let i = 0; i < 60; i++) items.push({ data: textDoc(200 + i * 50, i), mimeType: 'text/plain' });
    const expected = items.map((it) => new TextDecoder().decode(it.data));
    items.splice(7, 0, { data: 'not bytes' });
    items.splice(30, 0, { data: enc('\x00\x01\x02\x03binary'), mimeType: 'application/x-nothing' });
    const before = pool.__stats().answered.reduce((a, b) => a + b, 0);
    const out = await pool.batchExtractBytes(items);
    assert.equal(out.length, 62);
    assert.equal(out[7].error.code, 'INVALID_ARGUMENT');
    assert.ok(out[7].error instanceof QuarryError);
    assert.equal(out[30].error.code, 'UNSUPPORTED_FORMAT');
    assert.ok(out[30].error instanceof QuarryError);
    const texts = out.filter((e, i) => i !== 7 && i !== 30).map((e) => e.content);
    assert.deepEqual(texts, expected);
    const stats = pool.__stats();
    assert.equal(stats.workers, 2);
    assert.ok(stats.answered.every((n) => n > 0), `both workers answered: ${stats.answered}`);
    assert.ok(stats.answered.reduce((a, b) => a + b, 0) - before > 2, 'the batch went in pieces');
    // One buffer named twice in a batch is moved once.
    const twice = enc('same buffer');
    const again = await pool.batchExtractBytes([{ data: twice }, { data: twice }]);
    assert.deepEqual(again.map((e) => e.content), ['same buffer', 'same buffer']);
    // A view of part of a buffer that another item moves uses the moved memory.
    const shared = enc('whole doc');
    const parts = await pool.batchExtractBytes([{ data: shared }, { data: shared.subarray(6) }]);
    assert.deepEqual(parts.map((e) => e.content), ['whole doc', 'doc']);
    assert.equal(shared.byteLength, 0);
    assert.deepEqual(await pool.batchExtractBytes([]), []);
    await expectCode(() => pool.batchExtractBytes('nope'), 'INVALID_ARGUMENT', QuarryError);
  });

  test('concurrent calls run on both workers and all answer', async () => {
    const before = pool.__stats().answered;
    const docs = Array.from({ length: 16 }, (_, i) => textDoc(50_000, i));
    const want = docs.map((d) => new TextDecoder().decode(d));
    const got = await Promise.all(docs.map((d) => pool.extractBytes(d)));
    assert.deepEqual(got.map((r) => r.content), want);
    const after = pool.__stats().answered;
    assert.ok(after.every((n, i) => n > (before[i] ?? 0)), `each worker took calls: ${before} -> ${after}`);
  });

  test('extractFile: a path, a file: URL, a Blob', async () => {
    const sample = join(repoDir, 'samples', 'travel-notes.txt');
    const want = (await q.extractFile(sample)).content;
    assert.equal((await pool.extractFile(sample)).content, want);
    assert.equal((await pool.extractFile(pathToFileURL(sample))).content, want);
    const blob = new Blob([readFileSync(sample)], { type: 'text/plain' });
    assert.equal((await pool.extractFile(blob)).content, want);
    await assert.rejects(() => pool.extractFile(join(repoDir, 'samples', 'no-such-file.txt')), /ENOENT/);
    await expectCode(() => pool.extractFile(42), 'INVALID_ARGUMENT', QuarryError);
  });

  test('errors come back as QuarryError with their code and offset', async () => {
    const binary = new Uint8Array(64).map((_, i) => (i * 37) & 0xff);
    await expectCode(() => pool.extractBytes(binary.slice()), 'UNSUPPORTED_FORMAT', QuarryError);
    const doc = textDoc(10_000);
    const e = await expectCode(() => pool.extractBytes(doc, 'text/plain', { limits: { maxOutputBytes: 100 } }), 'LIMIT_EXCEEDED', QuarryError);
    assert.match(e.message, /max_output_bytes/);
    // Wrong arguments are refused before anything is sent.
    await expectCode(() => pool.extractBytes(enc('x'), 'text/plain', { outputFormat: 'html' }), 'INVALID_ARGUMENT', QuarryError);
    await expectCode(() => pool.extractBytes(enc('x'), 42), 'INVALID_ARGUMENT', QuarryError);
    await expectCode(() => pool.extractBytes('text'), 'INVALID_ARGUMENT', QuarryError);
    const pdf = enc('%PDF-1.7\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
    // A PDF: the worker loads the variant that has PDF when there is one; otherwise a QuarryError.
    const p = await pool.extractBytes(pdf).then((r) => r, (x) => x);
    assert.ok(p instanceof QuarryError || typeof p.content === 'string', String(p));
    // The workers still work.
    assert.equal((await pool.extractBytes(enc('after errors'))).content, 'after errors');
  });

  test('a worker that dies fails its call with OUT_OF_MEMORY and is replaced', async () => {
    const p = q.createWorkerPool({ size: 1 });
    try {
      assert.equal((await p.extractBytes(enc('first'))).content, 'first');
      await expectCode(() => p.__crashWorker(), 'OUT_OF_MEMORY', QuarryError);
      assert.equal((await p.extractBytes(enc('second'))).content, 'second');
      assert.equal(p.__stats().workers, 1);
    } finally {
      await p.terminate();
    }
  });

  test('options: size, variant, wasmModule, locateFile, workerUrl', async () => {
    await expectCode(() => q.createWorkerPool({ size: 0 }), 'INVALID_ARGUMENT', QuarryError);
    await expectCode(() => q.createWorkerPool({ variant: 'tiny' }), 'INVALID_ARGUMENT', QuarryError);
    await expectCode(() => q.createWorkerPool({ transfer: 'yes' }), 'INVALID_ARGUMENT', QuarryError);
    await expectCode(() => q.createWorkerPool({ wasmModule: {} }), 'INVALID_ARGUMENT', QuarryError);
    assert.ok(q.createWorkerPool().size >= 1);
    const asked = [];
    const dir = mkdtempSync(join(tmpdir(), 'quarry-pool-'));
    try {
      for (const v of ['core', 'office']) writeFileSync(join(dir, `quarry-${v}.wasm`), readFileSync(join(wasmDir, `quarry-${v}.wasm`)));
      const p = q.createWorkerPool({
        size: 1,
        variant: 'office',
        locateFile: (file, variant) => {
          asked.push(variant);
          return join(dir, file);
        },
      });
      try {
        assert.equal((await p.extractBytes(enc('from office'))).content, 'from office');
        assert.deepEqual(asked, ['core', 'pdf', 'office', 'full'], 'resolved once, here, for the workers');
      } finally {
        await p.terminate();
      }
      const mod = await WebAssembly.compile(readFileSync(join(wasmDir, 'quarry-pdf.wasm')));
      const p2 = q.createWorkerPool({ size: 1, variant: 'pdf', wasmModule: mod });
      try {
        assert.equal((await p2.extractBytes(enc('shared module'))).content, 'shared module');
      } finally {
        await p2.terminate();
      }
      const p3 = q.createWorkerPool({ size: 1, workerUrl: pathToFileURL(join(jsDir, 'dist', 'worker.mjs')) });
      try {
        assert.equal((await p3.extractBytes(enc('explicit worker'))).content, 'explicit worker');
      } finally {
        await p3.terminate();
      }
      const bad = q.createWorkerPool({ size: 1, workerUrl: pathToFileURL(join(dir, 'missing-worker.mjs')) });
      try {
        await assert.rejects(() => bad.extractBytes(enc('x')), /could not start/);
      } finally {
        await bad.terminate();
      }
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  test('terminate(): pending and later calls reject; Symbol.asyncDispose; idempotent', async () => {
    const p = q.createWorkerPool({ size: 1 });
    const pending = p.extractBytes(textDoc(1 << 20));
    await p.terminate();
    await expectCode(() => pending, 'INVALID_ARGUMENT', QuarryError);
    await expectCode(() => p.extractBytes(enc('late')), 'INVALID_ARGUMENT', QuarryError);
    await p.terminate();
    const p2 = q.createWorkerPool({ size: 1 });
    assert.equal((await p2.extractBytes(enc('disposable'))).content, 'disposable');
    await p2[Symbol.asyncDispose]();
    await expectCode(() => p2.extractBytes(enc('late')), 'INVALID_ARGUMENT', QuarryError);
  });

  test('an idle pool does not keep the process alive; CommonJS has it too', () => {
    const script = `const q = require(${JSON.stringify(join(jsDir, 'dist', 'index.cjs'))});
      const pool = q.createWorkerPool({ size: 2 });
      pool.extractBytes(new TextEncoder().encode('from cjs')).then((r) => console.log(r.content));`;
    const out = execFileSync(process.execPath, ['-e', script], { timeout: 20_000 }).toString();
    assert.equal(out.trim(), 'from cjs');
  });
});
