// Every error code that today's formats can produce; after each one the module still works and
// holds no memory of the failed call.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import * as q from '../dist/index.mjs';
import { enc, expectCode, textDoc } from './helpers.mjs';

const { QuarryError, __debug } = q;
const hello = enc('Hello world\nsecond line');
const binary = new Uint8Array([0x00, 0x01, 0x02, 0x03, 0x00, 0x00, 0xfe, 0xff, 0x10, 0x00]);
const pdf = enc('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

// The module answers correctly after an error.
function stillWorks() {
  const r = q.extractBytesSync(hello, 'text/plain');
  assert.equal(r.content, 'Hello world\nsecond line');
}

// Whether a format's extractor is real yet (placeholders answer "not written yet").
function isReal(name, sample, hint) {
  const f = q.supportedFormats().find((x) => x.name === name);
  if (!f || !f.loaded) return false;
  try {
    q.extractBytesSync(sample, hint);
    return true;
  } catch (e) {
    return !(e instanceof QuarryError && /not written yet/.test(e.message));
  }
}

describe('error codes', () => {
  before(() => q.init());

  test('QuarryError is an Error with code and offset', async () => {
    const e = await expectCode(() => q.extractBytes(binary), 'UNSUPPORTED_FORMAT', QuarryError);
    assert.ok(e instanceof Error);
    assert.equal(e.name, 'QuarryError');
    assert.equal(typeof e.message, 'string');
    assert.ok(!('offset' in e) || typeof e.offset === 'number');
    stillWorks();
  });

  test('UNSUPPORTED_FORMAT: binary bytes, sync and async, with or without a hint', async () => {
    await expectCode(() => q.extractBytesSync(binary), 'UNSUPPORTED_FORMAT', QuarryError);
    await expectCode(() => q.extractBytes(binary.buffer), 'UNSUPPORTED_FORMAT', QuarryError);
    await expectCode(() => q.extractBytes(binary, 'application/x-unknown'), 'UNSUPPORTED_FORMAT', QuarryError);
    await expectCode(() => q.extractBytesStreaming(binary).nextChunk(), 'UNSUPPORTED_FORMAT', QuarryError);
    stillWorks();
  });

  test('FORMAT_NOT_LOADED: a PDF with only core loaded, sync call, names the fix', async () => {
    assert.deepEqual(__debug.loadedVariants(), ['core']);
    const e = await expectCode(() => q.extractBytesSync(pdf), 'FORMAT_NOT_LOADED', QuarryError);
    assert.match(e.message, /pdf/i);
    const info = q.supportedFormats().find((f) => f.name === 'pdf');
    if (info) {
      // A variant has PDF: the message names the call that loads it.
      assert.match(e.message, /loadFormat\('pdf'\)|init\(\{ variant/);
    } else {
      assert.match(e.message, /not in any WebAssembly variant/);
    }
    await expectCode(() => q.extractBytesStreaming(pdf).nextChunkSync(), 'FORMAT_NOT_LOADED', QuarryError);
    // A PDF hint on PDF bytes, and in a batch.
    await expectCode(() => q.extractBytesSync(pdf, 'application/pdf'), 'FORMAT_NOT_LOADED', QuarryError);
    assert.equal(q.batchExtractBytesSync([{ data: pdf }])[0].error.code, 'FORMAT_NOT_LOADED');
    stillWorks();
  });

  test('FORMAT_NOT_LOADED or a loaded variant: the async call loads what PDF needs', async () => {
    const info = q.supportedFormats().find((f) => f.name === 'pdf');
    if (!info) {
      await expectCode(() => q.extractBytes(pdf), 'FORMAT_NOT_LOADED', QuarryError);
      await expectCode(() => q.loadFormat('pdf'), 'FORMAT_NOT_LOADED', QuarryError);
    } else {
      try {
        await q.extractBytes(pdf);
      } catch (e) {
        assert.notEqual(e.code, 'FORMAT_NOT_LOADED');
      }
      assert.ok(__debug.loadedVariants().includes(info.variants[0]));
    }
    stillWorks();
  });

  test('LIMIT_EXCEEDED: output and input limits', async () => {
    const doc = textDoc(10_000);
    const e = await expectCode(() => q.extractBytesSync(doc, 'text/plain', { limits: { maxOutputBytes: 100 } }), 'LIMIT_EXCEEDED', QuarryError);
    assert.match(e.message, /max_output_bytes/);
    await expectCode(() => q.extractBytes(doc, undefined, { limits: { maxInputBytes: 9_999 } }), 'LIMIT_EXCEEDED', QuarryError);
    await expectCode(
      () => q.extractBytesStreaming([doc, doc], 'text/plain', { limits: { maxInputBytes: 15_000 } }).nextChunk(),
      'LIMIT_EXCEEDED',
      QuarryError,
    );
    assert.equal(q.extractBytesSync(doc, undefined, { limits: { maxInputBytes: 10_000 } }).content.length, 10_000);
    stillWorks();
  });

  test('INVALID_ARGUMENT: bad config values, bad data, bad hints', async () => {
    const bad = [
      5,
      'markdown',
      [],
      { outputFormat: 'html' },
      { outputFormat: 1 },
      { pages: 'yes' },
      { extractTables: 1 },
      { extractImages: null },
      { pdf: 'pw' },
      { pdf: { password: 5 } },
      { office: 'all' },
      { office: [] },
      { office: { comments: 'yes' } },
      { office: { speakerNotes: 1 } },
      { limits: 10 },
      { limits: { maxDepth: -1 } },
      { limits: { maxOutputBytes: 1.5 } },
      { limits: { maxEntries: NaN } },
      { limits: { maxInputBytes: '10' } },
      { limits: { maxOutputBytes: -Infinity } },
      { limits: { maxOutputBytes: 2 ** 60 } },
      { limits: { maxOutputByte: 10 } },
    ];
    for (const config of bad) {
      const e = await expectCode(() => q.extractBytesSync(hello, 'text/plain', config), 'INVALID_ARGUMENT', QuarryError);
      assert.match(e.message, /config/);
      await expectCode(() => q.extractBytes(hello, 'text/plain', config), 'INVALID_ARGUMENT', QuarryError);
      await expectCode(() => q.batchExtractBytesSync([{ data: hello }], config), 'INVALID_ARGUMENT', QuarryError);
      await expectCode(() => q.extractBytesStreaming(hello, 'text/plain', config), 'INVALID_ARGUMENT', QuarryError);
    }
    for (const data of ['text', 42, null, undefined, [1, 2, 3], {}]) {
      await expectCode(() => q.extractBytesSync(data), 'INVALID_ARGUMENT', QuarryError);
      await expectCode(() => q.extractBytes(data), 'INVALID_ARGUMENT', QuarryError);
    }
    await expectCode(() => q.extractBytesSync(hello, 42), 'INVALID_ARGUMENT', QuarryError);
    await expectCode(() => q.detectMimeType(hello, 42), 'INVALID_ARGUMENT', QuarryError);
    await expectCode(() => q.init({ variant: 'huge' }), 'INVALID_ARGUMENT', QuarryError);
    await expectCode(() => q.init({ wasmModule: 'x', variant: 'office' }), 'INVALID_ARGUMENT', QuarryError);
    await expectCode(() => q.isFormatAvailable(5), 'INVALID_ARGUMENT', QuarryError);
    stillWorks();
  });

  test('CORRUPT: a truncated JSON document (once the JSON extractor is real)', async (t) => {
    if (!isReal('json', enc('{"a": 1}'), 'application/json')) {
      t.skip('the JSON extractor is still a placeholder on this branch');
      return;
    }
    const e = await expectCode(() => q.extractBytesSync(enc('{"a":'), 'application/json'), 'CORRUPT', QuarryError);
    assert.ok(e.offset === undefined || e.offset <= 5);
    await expectCode(() => q.extractBytes(enc('{"a":'), 'data.json'), 'CORRUPT', QuarryError);
    stillWorks();
  });

  test('OUT_OF_MEMORY: a crashed module is reset and works again; its handles are stale', async () => {
    const buf = await q.SharedBuffer.create(16);
    const stream = q.extractBytesStreaming(textDoc(3_000_000));
    await stream.nextChunk();
    const e = await expectCode(() => __debug.crash(), 'OUT_OF_MEMORY', QuarryError);
    assert.match(e.message, /reset/);
    stillWorks();
    assert.equal((await q.extractBytes(hello)).content, 'Hello world\nsecond line');
    await expectCode(() => buf.view(), 'INVALID_ARGUMENT', QuarryError);
    buf.free();  // harmless: its memory went with the old instance
    await expectCode(async () => {
      for (;;) if ((await stream.nextChunk()) === null) break;
    }, 'INVALID_ARGUMENT', QuarryError);
    stream.free();
    const fresh = await q.SharedBuffer.create(16);
    fresh.write(enc('after reset'));
    assert.equal((await q.extractShared(fresh, 11)).content, 'after reset');
    fresh.free();
  });

  test('failed calls leave no memory behind', () => {
    const failing = [
      () => q.extractBytesSync(binary),
      () => q.extractBytesSync(pdf),
      () => q.extractBytesSync(textDoc(5000), 'text/plain', { limits: { maxOutputBytes: 100 } }),
      () => q.extractBytesSync(textDoc(5000), 'text/plain', { limits: { maxInputBytes: 100 } }),
      () => q.extractBytesSync(hello, 'text/plain', { outputFormat: 'html' }),
      () => q.extractBytesStreaming(binary).nextChunkSync(),
      () => q.extractBytesStreaming(textDoc(200_000), 'text/plain', { limits: { maxOutputBytes: 1000 } }).nextChunkSync(),
    ];
    const runAll = () => {
      for (const f of failing) assert.throws(f, QuarryError);
      stillWorks();
    };
    runAll();  // warm-up: the arena reaches its size
    const heap = __debug.heapUsed();
    const handles = __debug.liveHandles();
    const memory = __debug.memoryBytes();
    for (let i = 0; i < 200; i++) runAll();
    assert.equal(__debug.heapUsed(), heap);
    assert.equal(__debug.liveHandles(), handles);
    assert.equal(__debug.memoryBytes(), memory);
  });
});
